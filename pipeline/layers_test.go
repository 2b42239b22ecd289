package pipeline_test

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// goList runs go list in the module with args and returns its output lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goBin, append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", strings.Join(args, " "), err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// The readers of a run's model (exports, reports, diff) and the model itself
// depend on the stages at most, never on the orchestrator above them.
func TestModelReadersDoNotDependOnTheOrchestrator(t *testing.T) {
	for _, pkg := range []string{"dossier/pipeline/model", "dossier/pipeline/export", "dossier/pipeline/report", "dossier/pipeline/diff"} {
		deps := goList(t, "-deps", pkg)
		if !slices.Contains(deps, pkg) {
			t.Fatalf("go list -deps %s does not list the package itself: %q", pkg, deps)
		}
		if slices.Contains(deps, "dossier/pipeline") {
			t.Errorf("%s depends on the orchestrator dossier/pipeline", pkg)
		}
	}
}

// Only the commands import the orchestrator.
func TestOnlyCommandsImportTheOrchestrator(t *testing.T) {
	lines := goList(t, "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "dossier/...")
	importers := 0
	for _, l := range lines {
		fields := strings.Fields(l)
		if len(fields) == 0 || !slices.Contains(fields[1:], "dossier/pipeline") {
			continue
		}
		importers++
		if !strings.HasPrefix(fields[0], "dossier/cmd/") {
			t.Errorf("%s imports the orchestrator dossier/pipeline; only cmd/ may", fields[0])
		}
	}
	if importers == 0 {
		t.Error("no package imports dossier/pipeline: the test reads go list wrong")
	}
}
