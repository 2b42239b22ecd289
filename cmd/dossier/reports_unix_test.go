//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A report written with --report, --junit, --sarif or --write-baseline
// is 0644 less the umask, as any file a user writes, and keeps the
// permissions of the file it replaces.
func TestSingleFileOutputPermissions(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	args := append(repoArgs(t), "validate", "-q", "--report", report)
	if code, _, stderr := dossier(t, dir, args...); code > 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if fi, err := os.Stat(report); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("report: %v %v, want -rw-r--r--", fi.Mode(), err)
	}
	if err := os.Chmod(report, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := dossier(t, dir, args...); code > 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if fi, err := os.Stat(report); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("replaced report: %v %v, want its own -rw-------", fi.Mode(), err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != "report.json" {
			t.Errorf("left beside the report: %s", e.Name())
		}
	}
}
