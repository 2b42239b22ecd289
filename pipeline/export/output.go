package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Dir is one run's output set being written. NewDir makes a staging folder
// beside the output folder and Create writes the files there; Commit then
// swaps the two folders in one step and removes the previous set, so that
// the output folder holds the complete previous set or the complete new
// one, never a mix, and nothing of an earlier run. Abort removes the
// staging folder and leaves the output folder as it was.
type Dir struct {
	Root   string     // the staging folder, where files are written until Commit
	Out    string     // the output folder (absolute, symbolic links resolved)
	mu     sync.Mutex // Create and spool are called from two writers at once
	files  []*os.File
	names  map[string]bool
	dirs   []string // folders made inside Root, synced before the swap
	spools []*spool
	hold   func() // releases Root's lock, which tells other runs it is live
	closed bool   // Commit or Abort ran
	// wrap, when set (by tests), wraps every output's writer: a full disk
	// can be simulated without one.
	wrap func(io.Writer) io.Writer
}

// The steps of Commit, in order, where CommitStep is called.
const (
	StepStaged     = "staged"      // every file written and synced in the staging folder, with the manifest
	StepSealed     = "sealed"      // the staging marker removed, every folder synced
	StepMovedAside = "moved-aside" // fallback swap only: the output folder renamed away, the new set not yet in place
	StepSwapped    = "swapped"     // the new set is the output folder; the old one waits beside it
	StepRemoving   = "removing"    // the old set partly removed
)

// CommitStep, when set, is called at each step of Commit with its name.
// It exists for tests only (cmd/dossier's kill test kills the process
// there); nothing else sets it.
var CommitStep func(step string)

func commitStep(name string) {
	if CommitStep != nil {
		CommitStep(name)
	}
}

// exchangeDirs swaps two folders in one step; a variable so that a test
// can take the fallback path where the system offers one.
var exchangeDirs = exchange

// errNoExchange says the system or file system cannot swap two folders in
// one step.
var errNoExchange = errors.New("atomic exchange not supported")

// NewDir prepares the output folder out (created if missing) for a new
// set: it puts back or removes what a killed run left, refuses a folder
// that holds files dossier did not write (a *ForeignError), and makes the
// staging folder beside it.
func NewDir(out string) (*Dir, error) {
	o, err := outputFolder(out)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	unlock, err := lockParent(o)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	defer unlock()
	if err := tidy(o, ""); err != nil {
		return nil, err
	}
	info, err := os.Stat(o)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.Mkdir(o, 0o755); err == nil {
			info, err = os.Stat(o)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("output folder %s is not a folder", o)
	}
	if err := checkOwn(o); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp(filepath.Dir(o), stagingPrefix(o)+"*")
	if err != nil {
		return nil, fmt.Errorf("output folder: the new set is written beside %s, then swapped with it: %w", o, err)
	}
	d := &Dir{Root: root, Out: o, names: map[string]bool{}, hold: func() {}}
	hold, free, err := lockDir(root, false)
	if err == nil && free {
		d.hold = hold
		// The set keeps the output folder's permissions.
		err = os.Chmod(root, info.Mode().Perm())
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(root, stagingMarker), nil, 0o644)
	}
	if err != nil {
		d.Abort()
		return nil, fmt.Errorf("output folder: %w", err)
	}
	return d, nil
}

// outputFolder is out made absolute, the target when out is a symbolic
// link (the link stays; the folder it names is replaced).
func outputFolder(out string) (string, error) {
	o, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if fi, err := os.Lstat(o); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if o, err = filepath.EvalSymlinks(o); err != nil {
			return "", err
		}
	}
	if filepath.Dir(o) == o {
		return "", fmt.Errorf("%s: the output folder cannot be the root of a file system", o)
	}
	return o, os.MkdirAll(filepath.Dir(o), 0o755)
}

// Create starts the file at rel, a slash-separated path inside Root. A path
// that would leave Root is refused, whatever the inputs named.
func (d *Dir) Create(rel string) (io.Writer, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if rel == "" || !filepath.IsLocal(clean) {
		return nil, fmt.Errorf("output path %q is outside the output folder", rel)
	}
	if clean == manifestName || clean == stagingMarker {
		return nil, fmt.Errorf("output path %q is reserved", rel)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.names[clean] {
		return nil, fmt.Errorf("output %q written twice", rel)
	}
	d.names[clean] = true
	path := filepath.Join(d.Root, clean)
	for dir := filepath.Dir(path); dir != d.Root; dir = filepath.Dir(dir) {
		if !slices.Contains(d.dirs, dir) {
			d.dirs = append(d.dirs, dir)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	d.files = append(d.files, f)
	if d.wrap != nil {
		return d.wrap(f), nil
	}
	return f, nil
}

// Commit puts the new set in place of the old one in a single step and
// removes the old one. Until the swap, a failure (or a kill) leaves the
// output folder as it was; after it, the output folder is the new set.
//
// The swap is renameat2(RENAME_EXCHANGE) on Linux. Where the system or
// file system has no such call, it is two renames: the output folder is
// moved aside, then the new set takes its name; in between the output
// folder is absent, and a run killed there leaves the old set beside it
// for the next run to put back.
func (d *Dir) Commit() error {
	if d.closed {
		return errors.New("output set already committed or aborted")
	}
	if err := d.seal(); err != nil {
		d.Abort()
		return err
	}
	unlock, err := lockParent(d.Out)
	if err != nil {
		d.Abort()
		return err
	}
	defer unlock()
	// Again, now that no other run can change the output folder: files
	// may have arrived in it while this run was working.
	if err := tidy(d.Out, d.Root); err != nil {
		d.Abort()
		return err
	}
	if err := checkOwn(d.Out); err != nil {
		d.Abort()
		return err
	}
	old, err := d.swap()
	if err != nil {
		d.Abort()
		return err
	}
	// From here on the output folder is the new set: nothing may undo it.
	d.closed = true
	d.hold()
	parent := filepath.Dir(d.Out)
	if err := syncDir(parent); err != nil {
		return err
	}
	if old == "" {
		return nil
	}
	if err := removeSet(old, func() { commitStep(StepRemoving) }); err != nil {
		return fmt.Errorf("the new outputs are in %s, but the previous set could not be removed: %w", d.Out, err)
	}
	return syncDir(parent)
}

// seal makes the staging folder a complete set on disk: scratch files
// gone, every file synced, the manifest written, the marker removed.
func (d *Dir) seal() error {
	d.dropSpools()
	// Synced all at once: one by one, the waits add up.
	var wg sync.WaitGroup
	errs := make([]error, len(d.files))
	for i, f := range d.files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f.Sync()
			if err := f.Close(); errs[i] == nil {
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	d.files = nil
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := writeManifest(d.Root, d.names); err != nil {
		return err
	}
	commitStep(StepStaged)
	if err := os.Remove(filepath.Join(d.Root, stagingMarker)); err != nil {
		return err
	}
	for _, dir := range append(d.dirs, d.Root) {
		if err := syncDir(dir); err != nil {
			return err
		}
	}
	commitStep(StepSealed)
	return nil
}

// swap puts the staging folder in place of the output folder and returns
// where the old set now is ("" when there was none). On error nothing was
// swapped.
func (d *Dir) swap() (string, error) {
	if !exists(d.Out) {
		// The output folder was removed during the run.
		if err := os.Rename(d.Root, d.Out); err != nil {
			return "", err
		}
		commitStep(StepSwapped)
		return "", nil
	}
	err := exchangeDirs(d.Root, d.Out)
	switch {
	case err == nil:
		commitStep(StepSwapped)
		return d.Root, nil
	case errors.Is(err, errNoExchange):
		return d.swapByRenames()
	}
	return "", fmt.Errorf("could not swap %s with the new set in %s (the output folder must be on the same file system as its parent folder, not a mount point): %w", d.Out, d.Root, err)
}

// swapByRenames is the swap in two renames, for systems without an
// exchange: the output folder is absent between them.
func (d *Dir) swapByRenames() (string, error) {
	prev := sibling(d.Out, prevSuffix)
	if err := os.Rename(d.Out, prev); err != nil {
		return "", err
	}
	commitStep(StepMovedAside)
	if err := os.Rename(d.Root, d.Out); err != nil {
		if back := os.Rename(prev, d.Out); back != nil {
			return "", fmt.Errorf("%w; the previous set is in %s, and the next run puts it back", err, prev)
		}
		return "", err
	}
	commitStep(StepSwapped)
	return prev, nil
}

func (d *Dir) dropSpools() {
	for _, s := range d.spools {
		s.remove()
	}
	d.spools = nil
}

// Abort removes the staging folder; the output folder stays as it was.
// After Commit it does nothing.
func (d *Dir) Abort() {
	if d.closed {
		return
	}
	d.closed = true
	for _, f := range d.files {
		f.Close()
	}
	d.files = nil
	d.dropSpools()
	removeStaging(d.Root)
	d.hold()
}

// syncDir flushes a folder's entries to disk, so that a rename or a new
// file in it survives a crash. Windows cannot sync a folder.
func syncDir(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// stagingPrefix starts the name of every folder dossier keeps beside the
// output folder o: staging folders, and old sets waiting for removal.
func stagingPrefix(o string) string {
	return "." + filepath.Base(o) + ".dossier-"
}

// prevSuffix names the old set moved aside by the fallback swap.
const prevSuffix = "prev"

func sibling(o, suffix string) string {
	return filepath.Join(filepath.Dir(o), stagingPrefix(o)+suffix)
}

func lockParent(o string) (func(), error) {
	release, _, err := lockDir(filepath.Dir(o), true)
	return release, err
}

// removeStaging removes a staging folder, its marker last, so that a run
// killed midway leaves a folder the next one still knows as staging.
func removeStaging(root string) {
	ents, _ := os.ReadDir(root)
	for _, e := range ents {
		if e.Name() != stagingMarker {
			os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
	os.Remove(filepath.Join(root, stagingMarker))
	os.Remove(root)
}

// tidy cleans what killed runs left beside the output folder o: it puts
// back the old set when a run was killed between the fallback's two
// renames, and removes staging folders and old sets. The folder own (this
// run's staging folder) and any a live run holds locked are left alone.
// The caller holds the lock of o's parent.
func tidy(o, own string) error {
	prev := sibling(o, prevSuffix)
	if !exists(o) && exists(prev) {
		if err := os.Rename(prev, o); err != nil {
			return fmt.Errorf("putting back the previous outputs: %w", err)
		}
		if err := syncDir(filepath.Dir(o)); err != nil {
			return err
		}
	}
	parent := filepath.Dir(o)
	ents, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	for _, e := range ents {
		p := filepath.Join(parent, e.Name())
		if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix(o)) && p != own {
			if err := removeLeftover(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeLeftover removes a staging folder or old set a killed run left,
// unless a live run holds it.
func removeLeftover(dir string) error {
	release, free, err := lockDir(dir, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !free {
		return nil
	}
	defer release()
	if exists(filepath.Join(dir, stagingMarker)) {
		removeStaging(dir)
		return nil
	}
	return removeSet(dir, nil)
}
