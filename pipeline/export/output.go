package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/google/renameio/v2"
)

// Dir is an output folder being written. Files created through it stay
// temporary until Commit renames them all into place; Abort removes them.
type Dir struct {
	Root    string
	pending []*renameio.PendingFile
	names   map[string]bool
	spools  []*spool
	made    []string // folders Create made, removed again by Abort when empty
	// wrap, when set (by tests), wraps every output's writer: a full disk
	// can be simulated without one.
	wrap func(io.Writer) io.Writer
}

// NewDir prepares root (created if missing) for writing.
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	removeSpools(root)
	return &Dir{Root: root, names: map[string]bool{}}, nil
}

// Create starts the file at rel, a slash-separated path inside Root. A path
// that would leave Root is refused, whatever the inputs named.
func (d *Dir) Create(rel string) (io.Writer, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if rel == "" || filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("output path %q is outside the output folder", rel)
	}
	if d.names[clean] {
		return nil, fmt.Errorf("output %q written twice", rel)
	}
	d.names[clean] = true
	path := filepath.Join(d.Root, clean)
	for dir := filepath.Dir(path); dir != filepath.Clean(d.Root); dir = filepath.Dir(dir) {
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			d.made = append(d.made, dir)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	removeStale(path)
	pf, err := renameio.NewPendingFile(path, renameio.WithPermissions(0o644))
	if err != nil {
		return nil, err
	}
	d.pending = append(d.pending, pf)
	if d.wrap != nil {
		return d.wrap(pf), nil
	}
	return pf, nil
}

// Commit renames every file into place, in the order they were created.
// The files are first flushed to disk all at once (renameio syncs each
// before its rename, and one by one those waits add up); the renames then
// follow in order.
func (d *Dir) Commit() error {
	var wg sync.WaitGroup
	syncErrs := make([]error, len(d.pending))
	for i, pf := range d.pending {
		wg.Add(1)
		go func() {
			defer wg.Done()
			syncErrs[i] = pf.Sync()
		}()
	}
	wg.Wait()
	if err := errors.Join(syncErrs...); err != nil {
		d.Abort()
		return err
	}
	var errs []error
	for i, pf := range d.pending {
		if err := pf.CloseAtomicallyReplace(); err != nil {
			errs = append(errs, err)
			for _, rest := range d.pending[i+1:] {
				rest.Cleanup()
			}
			break
		}
	}
	d.pending = nil
	d.dropSpools()
	return errors.Join(errs...)
}

func (d *Dir) dropSpools() {
	for _, s := range d.spools {
		s.remove()
	}
	d.spools = nil
}

// Abort removes every temporary file; the previous outputs stay.
func (d *Dir) Abort() {
	for _, pf := range d.pending {
		pf.Cleanup()
	}
	d.pending = nil
	d.dropSpools()
	for i := len(d.made) - 1; i >= 0; i-- {
		os.Remove(d.made[i]) // only succeeds when empty
	}
	d.made = nil
}

// removeStale deletes the temporary files a killed run left beside path:
// renameio names them "." + base + digits.
func removeStale(path string) {
	dir, base := filepath.Split(path)
	ents, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return
	}
	prefix := "." + base
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || !e.Type().IsRegular() || strings.Trim(rest, "-0123456789") != "" {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
