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

// SIGINT (Ctrl-C) or SIGTERM stops a run cleanly: exit 130, a message,
// outputs untouched.
func TestInterruptExits130(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { interrupt(t, sig) })
	}
}

func interrupt(t *testing.T, sig os.Signal) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	big := filepath.Join(dir, "big.jsonl")
	programFacts(t, big, 300_000)
	cmd := subprocess(t, dir, append(repoArgs(t), "run", "--out", out, "--facts", big)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "writing outputs") {
			break
		}
	}
	time.Sleep(100 * time.Millisecond)
	cmd.Process.Signal(sig)
	var rest strings.Builder
	for sc.Scan() {
		rest.WriteString(sc.Text() + "\n")
	}
	err = cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	if code != 130 {
		t.Fatalf("exit %d (%v), want 130; stderr:\n%s", code, err, rest.String())
	}
	if !strings.Contains(rest.String(), "interrupted") {
		t.Errorf("no message on stderr:\n%s", rest.String())
	}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		t.Errorf("an interrupted first run left %s in the output folder", e.Name())
	}
}

// Outputs are byte-identical whatever the number of workers.
func TestJobsDoNotChangeOutputs(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	var extra []string
	for i := range 300 {
		extra = append(extra, badMission(fmt.Sprintf("City %d", i)))
	}
	programFacts(t, facts, 2000, extra...)
	shipped, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "facts"))
	args := append(repoArgs(t), "run", "--facts", facts, "--facts", shipped)
	one, many := filepath.Join(dir, "one"), filepath.Join(dir, "many")
	for _, c := range []struct {
		out  string
		jobs string
	}{{one, "1"}, {many, "8"}} {
		if code, _, stderr := dossier(t, dir, append(args, "--out", c.out, "--jobs", c.jobs)...); code != 1 {
			t.Fatalf("--jobs %s: exit %d\n%s", c.jobs, code, stderr)
		}
	}
	if a, b := hashTree(t, one), hashTree(t, many); strings.ReplaceAll(a, one, "") != strings.ReplaceAll(b, many, "") {
		// hashTree includes paths; compare contents file by file instead.
		filepath.WalkDir(one, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(one, p)
			x, _ := os.ReadFile(p)
			y, _ := os.ReadFile(filepath.Join(many, rel))
			if string(x) != string(y) {
				t.Errorf("%s differs between --jobs 1 and --jobs 8", rel)
			}
			return nil
		})
	}
}
