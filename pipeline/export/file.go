package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// WriteFile writes the single file path (a report, a baseline) as Dir
// writes a set: through a temporary file in the same folder, synced, then
// renamed over path and the folder synced, so that a reader sees the old
// file or the new one, never half of one, and a failed write leaves the
// old file as it was. A new file is 0644 less the umask, like every
// output; a file it replaces keeps its permissions.
func WriteFile(path string, write func(io.Writer) error) error {
	perm, keep := fs.FileMode(0o644), false
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		perm, keep = fi.Mode().Perm(), true
	}
	f, err := createTemp(path, perm)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // fails once renamed
	if keep {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	return err
}

// createTemp makes a new file beside path, named "." + its name + digits +
// ".tmp", with perm (less the umask).
func createTemp(path string, perm fs.FileMode) (*os.File, error) {
	var err error
	for range 100 {
		name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), rand.Uint32()))
		var f *os.File
		if f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm); !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, err
}
