package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// manifestName is the file of an output set that lists its other files,
// one slash-separated path a line: what tells dossier's files from others,
// and what a reader can check it read all of.
const manifestName = ".dossier-files"

// stagingMarker is in a staging folder until its set is complete: a
// folder that holds it was never committed, and all of it is dossier's.
const stagingMarker = ".dossier-staging"

// ForeignError reports entries of an output folder, or of an old set
// beside it, that dossier did not write. dossier never deletes those.
type ForeignError struct {
	Dir   string
	Paths []string // slash-separated, relative to Dir; a folder ends in /
}

func (e *ForeignError) Error() string {
	shown, more := e.Paths, ""
	if len(shown) > 5 {
		shown, more = shown[:5], fmt.Sprintf(" and %d more", len(shown)-5)
	}
	return fmt.Sprintf("%s holds %s%s, which dossier did not write: a run replaces the whole folder, and never deletes files it did not write; move them, or choose another output folder",
		e.Dir, strings.Join(shown, ", "), more)
}

// writeManifest lists names (paths inside root) in root's manifest.
func writeManifest(root string, names map[string]bool) error {
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, filepath.ToSlash(n))
	}
	slices.Sort(list)
	var b bytes.Buffer
	b.WriteString("# dossier: the files of this output set, written together by one run\n")
	for _, n := range list {
		b.WriteString(n + "\n")
	}
	f, err := os.OpenFile(filepath.Join(root, manifestName), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// owned tells an output set's files from others. A set with a manifest
// owns what it lists; a folder without one (written before manifests, or
// by a run killed before it wrote one) owns the files dossier wrote then.
type owned struct {
	listed map[string]bool // nil without a manifest
	dirs   map[string]bool
}

func ownedIn(dir string) (owned, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return owned{dirs: map[string]bool{"csv": true, "jsonl": true}}, nil
	}
	if err != nil {
		return owned{}, err
	}
	o := owned{listed: map[string]bool{}, dirs: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || !filepath.IsLocal(filepath.FromSlash(line)) {
			continue
		}
		o.listed[line] = true
		for d := path.Dir(line); d != "."; d = path.Dir(d) {
			o.dirs[d] = true
		}
	}
	return o, nil
}

// file reports whether the regular file at rel is dossier's.
func (o owned) file(rel string) bool {
	dir, base := path.Split(rel)
	switch {
	case viewFiles[base]:
		return true
	case strings.HasPrefix(base, "._") && len(base) > 2:
		// macOS keeps a file's attributes in "._NAME" on volumes that
		// cannot hold them: it goes with the file.
		return o.file(dir + base[2:])
	case o.listed != nil:
		return o.listed[rel] || rel == manifestName
	}
	return earlierOwn(dir, base)
}

// viewFiles are the files macOS and Windows add to a folder one browses,
// to remember how to show it. They go with the set they were added to.
var viewFiles = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

// earlierTop are the files dossier wrote at the top of out/ before output
// sets had manifests; csv/ and jsonl/ held .csv and .jsonl files.
var earlierTop = map[string]bool{"dossier.json": true, "dossier.xlsx": true, "datapackage.json": true, "report.json": true, "rejected.jsonl": true}

// earlierOwn recognises the files of an output folder written before
// manifests, and the scratch files its killed runs left: spools, and
// renameio's temporary files ("." + a file's name + digits).
func earlierOwn(dir, base string) bool {
	switch {
	case dir == "" && (earlierTop[base] || strings.HasPrefix(base, spoolPrefix)):
		return true
	case dir == "csv/" && strings.HasSuffix(base, ".csv") && !strings.HasPrefix(base, "."):
		return true
	case dir == "jsonl/" && strings.HasSuffix(base, ".jsonl") && !strings.HasPrefix(base, "."):
		return true
	}
	if name, ok := strings.CutPrefix(base, "."); ok && !strings.HasPrefix(name, ".") {
		if trimmed := strings.TrimRight(name, "-0123456789"); trimmed != name && trimmed != "" {
			return earlierOwn(dir, trimmed)
		}
	}
	return false
}

// sort walks dir and splits its entries into dossier's files and
// folders (deepest first) and the others, which it does not enter.
func (o owned) sort(dir string) (files, dirs, foreign []string, err error) {
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case e.IsDir() && o.dirs[rel]:
			dirs = append(dirs, p)
		case e.IsDir():
			foreign = append(foreign, rel+"/")
			return filepath.SkipDir
		case e.Type().IsRegular() && o.file(rel):
			files = append(files, p)
		default:
			foreign = append(foreign, rel)
		}
		return nil
	})
	slices.Reverse(dirs)
	return files, dirs, foreign, err
}

// checkOwn refuses an output folder that holds anything dossier did not
// write: replacing the folder would delete it.
func checkOwn(dir string) error {
	o, err := ownedIn(dir)
	if err != nil {
		return err
	}
	_, _, foreign, err := o.sort(dir)
	if err != nil {
		return err
	}
	if len(foreign) > 0 {
		return &ForeignError{Dir: dir, Paths: foreign}
	}
	return nil
}

// removeSet deletes an old output set: dossier's files (the manifest
// last, so that a run killed midway leaves a set the next one still
// knows), then its folders. Anything else stays, reported. first, when
// set, is called after the first file is gone.
func removeSet(dir string, first func()) error {
	o, err := ownedIn(dir)
	if err != nil {
		return err
	}
	files, dirs, foreign, err := o.sort(dir)
	if err != nil {
		return err
	}
	manifest := filepath.Join(dir, manifestName)
	gone := 0
	for _, f := range files {
		if f == manifest {
			continue
		}
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if gone++; gone == 1 && first != nil {
			first()
		}
	}
	if err := os.Remove(manifest); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, d := range dirs {
		os.Remove(d) // only succeeds when empty
	}
	if len(foreign) > 0 {
		return &ForeignError{Dir: dir, Paths: foreign}
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
