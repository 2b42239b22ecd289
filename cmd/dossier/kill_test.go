package main

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/pipeline/export"
)

// TestMain lets a test run the real command in a subprocess: the test
// binary itself, with DOSSIER_TEST_MAIN=1, is dossier. With
// DOSSIER_TEST_KILL_AT=STEP it kills itself (SIGKILL) when the output
// commit reaches STEP (export.Step*). Both exist in the test binary only;
// the dossier command has no such variables.
func TestMain(m *testing.M) {
	if os.Getenv("DOSSIER_TEST_MAIN") == "1" {
		if at := os.Getenv("DOSSIER_TEST_KILL_AT"); at != "" {
			export.CommitStep = func(step string) {
				if step == at {
					p, _ := os.FindProcess(os.Getpid())
					p.Kill()
					select {}
				}
			}
		}
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
	validFacts(t, small, 3)
	args := append(repoArgs(t), "run", "--out", out)
	if msg, err := subprocess(t, dir, append(args, "--facts", small)...).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, msg)
	}
	before := hashTree(t, out)

	big := filepath.Join(dir, "big.jsonl")
	validFacts(t, big, 150_000)
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
	noLeftovers(t, out)
}

// noLeftovers checks that out holds no scratch file and that nothing of
// a run is left beside it.
func noLeftovers(t *testing.T, out string) {
	t.Helper()
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") && d.Name() != ".dossier-files" {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
	ents, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(out)+".dossier-") {
			t.Errorf("left behind beside %s: %s", out, e.Name())
		}
	}
}

// A run killed (SIGKILL) at each step of the commit leaves out/ as the
// complete previous set or the complete new one, byte for byte; the next
// run leaves exactly its own set, with no jsonl/ from the earlier --jsonl
// run, and nothing beside out/.
func TestKilledCommitLeavesOneSet(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	validFacts(t, a, 3)
	validFacts(t, b, 5)
	dossierRun := func(out, facts string, env []string, extra ...string) *exec.Cmd {
		cmd := subprocess(t, dir, append(append(repoArgs(t), "run", "-q", "--out", out, "--facts", facts), extra...)...)
		cmd.Env = append(cmd.Env, env...)
		return cmd
	}
	set := func(facts string, extra ...string) map[string]string {
		out := filepath.Join(t.TempDir(), "out")
		if msg, err := dossierRun(out, facts, nil, extra...).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, msg)
		}
		return readTree(t, out)
	}
	setA, setB := set(a, "--jsonl"), set(b)
	if _, ok := setA["jsonl/program.jsonl"]; !ok {
		t.Fatal("the --jsonl run wrote no jsonl/")
	}
	for _, step := range []string{export.StepStaged, export.StepSealed, export.StepSwapped, export.StepRemoving} {
		t.Run(step, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if msg, err := dossierRun(out, a, nil, "--jsonl").CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, msg)
			}
			cmd := dossierRun(out, b, []string{"DOSSIER_TEST_KILL_AT=" + step})
			msg, err := cmd.CombinedOutput()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("the run was not killed at %s: %v\n%s", step, err, msg)
			}
			want, what := setA, "the previous set"
			if step == export.StepSwapped || step == export.StepRemoving {
				want, what = setB, "the new set"
			}
			if got := readTree(t, out); !maps.Equal(got, want) {
				t.Fatalf("killed at %s, out/ is not %s: %v", step, what, slices.Sorted(maps.Keys(got)))
			}
			if msg, err := dossierRun(out, b, nil).CombinedOutput(); err != nil {
				t.Fatalf("the run after the kill: %v\n%s", err, msg)
			}
			if got := readTree(t, out); !maps.Equal(got, setB) {
				t.Fatalf("after the next run out/ is not its set: %v", slices.Sorted(maps.Keys(got)))
			}
			noLeftovers(t, out)
		})
	}
}

// readTree reads every file under root, hidden ones too, by relative path.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
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
	validFacts(t, big, 300_000)
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
		extra = append(extra, badMissionIn(fmt.Sprintf("City %d", i)))
	}
	validFacts(t, facts, 2000, extra...)
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

// An output folder holding a file dossier did not write stops the run
// with exit 2 before anything is written, and the file stays.
func TestForeignFileStopsTheRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "notes.txt"), "mine")
	code, _, stderr := dossier(t, dir, append(repoArgs(t), "run", "-q", "--out", out)...)
	if code != 2 || !strings.Contains(stderr, "notes.txt") || !strings.Contains(stderr, "did not write") {
		t.Fatalf("exit %d, want 2 naming notes.txt:\n%s", code, stderr)
	}
	if got := readTree(t, out); len(got) != 1 || got["notes.txt"] != "mine" {
		t.Errorf("out/ changed: %v", slices.Sorted(maps.Keys(got)))
	}
	noLeftovers(t, out)
}
