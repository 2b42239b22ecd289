//go:build unix

package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A file written by WriteFile is 0644 less the umask, keeps the
// permissions of the file it replaces, and leaves nothing beside it; a
// write that fails leaves the old file as it was.
func TestWriteFile(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	put := func(text string) error {
		return WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
	}
	if err := put("one"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("new file: %v %v, want -rw-r--r--", fi.Mode(), err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := put("two"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("replaced file: %v %v, want its own -rw-------", fi.Mode(), err)
	}
	boom := errors.New("disk full")
	err := WriteFile(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Errorf("after a failed write the file holds %q, want the old %q", data, "two")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("left beside the file: %v", ents)
	}
}
