package pipeline_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// docs/architecture.md lists every package of the module, each with its
// layer, and every import goes to a package of the same layer or below.
func TestArchitectureListsEveryPackage(t *testing.T) {
	doc, err := os.ReadFile("../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{"leaf": 0, "test support": 0, "stage": 1, "model": 2, "reader of the model": 3, "orchestrator": 4, "command": 5}
	row := regexp.MustCompile("(?m)^\\| `([a-z/]+)` \\| ([a-z ]+) \\| .+ \\|$")
	layer := map[string]int{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		r, ok := rank[m[2]]
		if !ok {
			t.Errorf("docs/architecture.md: %s: unknown layer %q", m[1], m[2])
		}
		layer["dossier/"+m[1]] = r
	}
	imports := map[string][]string{}
	for _, l := range goList(t, "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "dossier/...") {
		fields := strings.Fields(l)
		imports[fields[0]] = fields[1:]
		if _, ok := layer[fields[0]]; !ok {
			t.Errorf("docs/architecture.md does not list %s", strings.TrimPrefix(fields[0], "dossier/"))
		}
	}
	for pkg := range layer {
		if _, ok := imports[pkg]; !ok {
			t.Errorf("docs/architecture.md lists %s, which is not in the module", strings.TrimPrefix(pkg, "dossier/"))
		}
	}
	for pkg, deps := range imports {
		for _, dep := range deps {
			if l, ok := layer[dep]; ok && l > layer[pkg] {
				t.Errorf("%s imports %s, a layer above it", pkg, dep)
			}
		}
	}
}

// The README's layout lists every package of the module, a line each.
func TestReadmeListsEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, layout, _ := strings.Cut(string(readme), "\n## Layout\n")
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^- `([a-z/]+)`: ").FindAllStringSubmatch(layout, -1) {
		listed["dossier/"+m[1]] = true
	}
	for _, pkg := range goList(t, "dossier/...") {
		if !listed[pkg] {
			t.Errorf("the README's layout does not list %s", strings.TrimPrefix(pkg, "dossier/"))
		}
		delete(listed, pkg)
	}
	for pkg := range listed {
		t.Errorf("the README's layout lists %s, which is not in the module", strings.TrimPrefix(pkg, "dossier/"))
	}
}
