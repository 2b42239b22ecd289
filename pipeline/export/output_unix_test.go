//go:build unix

package export

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Files are 0644 and folders 0755 (less the umask), as any file a user
// writes; an output folder that exists keeps its own permissions.
func TestOutputPermissions(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	res := run(t, sampleNotes...)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	check := func(top fs.FileMode) {
		t.Helper()
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			fi, _ := d.Info()
			want := fs.FileMode(0o644)
			switch {
			case p == out:
				want = top
			case d.IsDir():
				want = 0o755
			}
			if fi.Mode().Perm() != want {
				t.Errorf("%s: %v, want %v", p, fi.Mode().Perm(), want)
			}
			return nil
		})
	}
	if err := Write(out, res, nil, Options{JSONL: true}); err != nil {
		t.Fatal(err)
	}
	check(0o755)
	if err := os.Chmod(out, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, res, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	check(0o750)
}
