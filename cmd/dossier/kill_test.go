package main

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the real command in a subprocess: the test
// binary itself, with DOSSIER_TEST_MAIN=1, is dossier.
func TestMain(m *testing.M) {
	if os.Getenv("DOSSIER_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func subprocess(t *testing.T, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DOSSIER_TEST_MAIN=1")
	return cmd
}

// A run killed during export leaves the previous out/ as it was; the next
// run leaves no temporary file behind.
func TestKilledRunKeepsPreviousOutputs(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	small := filepath.Join(dir, "small.jsonl")
	programFacts(t, small, 3)
	args := append(repoArgs(t), "run", "--out", out)
	if msg, err := subprocess(t, dir, append(args, "--facts", small)...).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, msg)
	}
	before := hashTree(t, out)

	big := filepath.Join(dir, "big.jsonl")
	programFacts(t, big, 150_000)
	cmd := subprocess(t, dir, append(args, "--facts", big)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has started writing.
	sc := bufio.NewScanner(stderr)
	exporting := false
	for sc.Scan() {
		if strings.Contains(sc.Text(), "writing outputs") {
			exporting = true
			break
		}
	}
	time.Sleep(50 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	go io.Copy(io.Discard, stderr)
	cmd.Wait()
	if !exporting {
		t.Fatal("the run never reached export")
	}
	if after := hashTree(t, out); after != before {
		t.Fatalf("a killed run changed the outputs:\nbefore %s\nafter  %s", before, after)
	}

	if msg, err := subprocess(t, dir, append(args, "--facts", small)...).CombinedOutput(); err != nil {
		t.Fatalf("run after the kill: %v\n%s", err, msg)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

// hashTree summarises every file under root: names and contents.
func hashTree(t *testing.T, root string) string {
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := os.ReadFile(p)
		fmt.Fprintf(h, "%s %x\n", p, sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
