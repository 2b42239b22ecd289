package load

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// Sink receives what a fact loader reads, in file order. Fact is called for
// each record that is a JSON object; Reject for each record read that is not
// (it counts as read and rejected); Issue for the other problems: those of
// the file, such as one that does not parse at all, and those that do not
// reject a record (a load.utf8 warning, reported before its Fact).
type Sink struct {
	// Name is the file's name in facts and issues (ReadFactFile's path
	// when empty): the run names files relative to its project's folder.
	Name   string
	Fact   func(*fact.Fact)
	Reject func(issue.Issue)
	Issue  func(issue.Issue)
	Limits Limits // a limit not set is DefaultLimits'
}

// A FactReader reads every record of one fact file from r, reporting to sink.
// file is the name used in positions. A returned error means the file could
// not be read at all (I/O); data problems go to the sink.
type FactReader func(file string, r io.Reader, sink Sink) error

// factReaders is the one table of fact file formats, by file extension.
var factReaders = map[string]FactReader{
	".yaml":   ReadYAML,
	".yml":    ReadYAML,
	".json":   ReadJSON,
	".jsonl":  ReadJSONL,
	".ndjson": ReadJSONL,
	".csv":    ReadCSV,
}

// FactExtensions lists the file extensions that hold facts.
func FactExtensions() []string {
	return slices.Sorted(maps.Keys(factReaders))
}

// ReaderFor returns the reader for a fact file name, or nil.
func ReaderFor(name string) FactReader {
	return factReaders[strings.ToLower(filepath.Ext(name))]
}

// FactFiles expands the given paths into fact files: a file is taken as it
// is, a directory contributes its fact files (sorted, not recursive). The
// result is sorted and free of duplicates.
func FactFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
		if !st.IsDir() {
			if ReaderFor(p) == nil {
				return nil, fmt.Errorf("facts: %s: unknown fact file type %q (want one of %s)", p, filepath.Ext(p), strings.Join(FactExtensions(), ", "))
			}
			files = append(files, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
		for _, e := range ents {
			if ReaderFor(e.Name()) == nil {
				continue
			}
			fp := filepath.Join(p, e.Name())
			if e.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(fp)
				if err != nil {
					return nil, fmt.Errorf("facts: %w", err)
				}
				if st.Mode().IsRegular() {
					files = append(files, fp)
				}
				continue
			}
			if e.Type().IsRegular() {
				files = append(files, fp)
			}
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// ReadFactFile opens a fact file and reads it with the reader for its type,
// naming it sink.Name (or path) in what it reports.
func ReadFactFile(path string, sink Sink) error {
	rd := ReaderFor(path)
	if rd == nil {
		return fmt.Errorf("%s: unknown fact file type", path)
	}
	name := cmp.Or(sink.Name, path)
	lim := sink.Limits.WithDefaults()
	if st, err := os.Stat(path); err == nil && readWhole(path) {
		if st.Size() > lim.FileBytes {
			sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.too-large", File: name, Line: 1, Column: 1,
				Message: fmt.Sprintf("the file is %d bytes, more than the limit of %d for a file read whole (limits.file_bytes); JSON, JSON Lines, CSV and YAML files without anchors, aliases or tags stream with no such limit", st.Size(), lim.FileBytes)})
			return nil
		}
		if st.Size() >= wholeNote {
			sink.Issue(issue.Issue{Severity: issue.Info, Code: "load.read-whole", File: name, Line: 1, Column: 1,
				Message: fmt.Sprintf("the file is read whole, not item by item, since anchors, aliases or tags may tie its items together (or it is not one list of items): that takes about %d MB of memory, some %d times its size", st.Size()*wholeFactor>>20, wholeFactor)})
		}
	}
	f, bad, err := OpenText(path)
	if err != nil {
		return err
	}
	if bad != nil {
		bad.File = name
		sink.Issue(*bad)
		return nil
	}
	defer f.Close()
	return rd(name, f, sink)
}

// wholeNote is the size from which a YAML file read whole gets a
// load.read-whole note; wholeFactor is about how much memory its tree
// takes for each byte of it (a hundred thousand facts, 30 MB of YAML,
// peaked at 707 MB read whole).
const (
	wholeNote   = 16 << 20
	wholeFactor = 25
)

// readWhole reports whether a fact file is read whole into memory (YAML,
// whose parser builds the file's tree) rather than streamed.
func readWhole(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

func notObject(file string, pos fact.Pos, index int, got string) issue.Issue {
	return issue.Issue{
		Severity: issue.Error, Code: "load.not-object", File: file, Line: pos.Line, Column: pos.Col,
		Message: fmt.Sprintf("record %d is %s, not an object", index+1, got),
	}
}
