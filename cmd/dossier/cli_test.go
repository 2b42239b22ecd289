package main

import (
	"bytes"
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Each command takes the flags that act on it, and no other.
func TestFlagsWhereTheyAct(t *testing.T) {
	config := []string{"config", "cpuprofile", "fail-on", "facts", "jobs", "memprofile", "min-severity", "quiet", "schemas", "sources"}
	reports := []string{"baseline", "format", "junit", "sarif", "write-baseline"}
	want := map[string][]string{
		"run":      append(append([]string{"csv-bom", "jsonl", "out", "review"}, config...), reports...),
		"validate": append(append([]string{"report"}, config...), reports...),
		"extract":  {"cpuprofile", "format", "memprofile"},
		"diff":     {"cpuprofile", "format", "memprofile"},
		"version":  nil,
	}
	root := (&app{}).root(&bytes.Buffer{}, &bytes.Buffer{})
	for name, flags := range want {
		cmd, _, err := root.Find([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		visit := func(f *pflag.Flag) {
			if f.Name != "help" {
				got = append(got, f.Name)
			}
		}
		cmd.LocalFlags().VisitAll(visit)
		cmd.InheritedFlags().VisitAll(visit)
		slices.Sort(got)
		slices.Sort(flags)
		if !slices.Equal(got, flags) {
			t.Errorf("%s takes %v, want %v", name, got, flags)
		}
	}
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"extract", "--config", "c.yaml", seed}, "--config is a flag of curate, run, show and validate, not of extract"},
		{[]string{"diff", "--fail-on", "error", "a.json", "b.json"}, "--fail-on is a flag of run and validate, not of diff"},
		{[]string{"diff", "--out", "x", "a.json", "b.json"}, "--out is a flag of curate and run, not of diff"},
		{[]string{"validate", "--out", "x"}, "--out is a flag of curate and run, not of validate"},
		{[]string{"-q", "validate"}, "-q is a flag of run and validate: give it after the command"},
	} {
		code, _, stderr := dossier(t, t.TempDir(), c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", c.args, code, c.want, stderr)
		}
	}
}

// buried writes one bad fact beside a good one: with the shipped article,
// a dozen reconcile.extracted-only infos come with the one error.
func buried(t *testing.T, dir string) []string {
	facts := filepath.Join(dir, "facts.jsonl")
	validFacts(t, facts, 1, badMission("embassy"))
	return append(repoArgs(t), "validate", "--facts", facts)
}

// severities counts the diagnostic lines of each severity.
func severities(stderr string) map[string]int {
	n := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m):\d+:\d+: (error|warning|info) [a-z]`).FindAllStringSubmatch(stderr, -1) {
		n[m[1]]++
	}
	return n
}

// --min-severity (or min_severity, or DOSSIER_MIN_SEVERITY) and --quiet
// decide which diagnostics show; what fails the run stays --fail-on's.
func TestMinSeverityAndQuiet(t *testing.T) {
	dir := t.TempDir()
	args := buried(t, dir)
	code, _, stderr := dossier(t, dir, args...)
	all := severities(stderr)
	if code != 1 || all["error"] != 1 || all["warning"] == 0 || all["info"] < 12 || !strings.Contains(stderr, "facts read") {
		t.Fatalf("default: exit %d, %v, want 1 error, warnings, a dozen infos and a summary:\n%s", code, all, stderr)
	}
	configFile := filepath.Join(dir, "c.yaml")
	root, _ := filepath.Abs(repoRoot)
	writeFile(t, configFile, "sources: "+filepath.Join(root, "sources")+"\nschemas: "+filepath.Join(root, "schemas")+"\nmin_severity: error\n")
	for _, c := range []struct {
		name    string
		env     string
		args    []string
		exit    int
		want    map[string]int
		summary bool
	}{
		{name: "flag warning", args: []string{"--min-severity", "warning"}, exit: 1, want: map[string]int{"error": 1, "warning": all["warning"]}, summary: true},
		{name: "flag error", args: []string{"--min-severity", "error"}, exit: 1, want: map[string]int{"error": 1}, summary: true},
		{name: "environment", env: "error", exit: 1, want: map[string]int{"error": 1}, summary: true},
		{name: "config file", args: []string{"--config", configFile}, exit: 1, want: map[string]int{"error": 1}, summary: true},
		{name: "flag over environment", env: "error", args: []string{"--min-severity", "info"}, exit: 1, want: all, summary: true},
		{name: "quiet", args: []string{"-q"}, exit: 1, want: map[string]int{"error": 1}},
		{name: "quiet over the config file", args: []string{"--config", configFile, "--quiet"}, exit: 1, want: map[string]int{"error": 1}},
		{name: "quiet with --min-severity", args: []string{"-q", "--min-severity", "warning"}, exit: 1, want: map[string]int{"error": 1, "warning": all["warning"]}},
		{name: "github format", args: []string{"--format", "github", "--min-severity", "warning"}, exit: 1, want: map[string]int{}, summary: true},
		{name: "hidden warnings still fail", args: []string{"--fail-on", "warning", "--min-severity", "error"}, exit: 1, want: map[string]int{"error": 1}, summary: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.env != "" {
				t.Setenv("DOSSIER_MIN_SEVERITY", c.env)
			}
			code, stdout, stderr := dossier(t, dir, append(slices.Clone(args), c.args...)...)
			got := severities(stderr)
			if code != c.exit || !mapsEqual(got, c.want) {
				t.Errorf("exit %d, diagnostics %v; want exit %d, %v\n%s", code, got, c.exit, c.want, stderr)
			}
			if strings.Contains(c.name, "format") && (!strings.Contains(stdout, "::error ") || !strings.Contains(stdout, "::warning ") || strings.Contains(stdout, "::notice ")) {
				t.Errorf("annotations on stdout: want errors and warnings, no notice:\n%s", stdout)
			}
			if strings.Contains(stderr, "facts read") != c.summary {
				t.Errorf("summary shown: %v, want %v\n%s", !c.summary, c.summary, stderr)
			}
		})
	}
	// The same with the warning gone: the exit status follows --fail-on.
	facts := filepath.Join(dir, "good.jsonl")
	validFacts(t, facts, 1)
	if code, _, stderr := dossier(t, dir, append(repoArgs(t), "validate", "--facts", facts, "--fail-on", "warning", "-q")...); code != 1 || stderr != "" {
		t.Errorf("a warning hidden by -q: exit %d, stderr %q; want 1 and nothing shown", code, stderr)
	}
}

// Report files hold every issue, whatever is shown; -q hides run's chatter.
func TestQuietRunAndFullReport(t *testing.T) {
	t.Run("validate", func(t *testing.T) {
		dir := t.TempDir()
		report, baseline := filepath.Join(dir, "report.json"), filepath.Join(dir, "baseline.json")
		junit, sarif := filepath.Join(dir, "r.xml"), filepath.Join(dir, "r.sarif")
		code, _, stderr := dossier(t, dir, append(buried(t, dir), "-q", "--report", report, "--write-baseline", baseline, "--junit", junit, "--sarif", sarif)...)
		if code != 0 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("validate -q --write-baseline: exit %d, want 0 (the baseline is written) and the one error line:\n%s", code, stderr)
		}
		for _, f := range []string{report, baseline, junit, sarif} {
			if data, err := os.ReadFile(f); err != nil || !strings.Contains(string(data), "reconcile.extracted-only") {
				t.Errorf("%s lacks the infos not shown (%v)", f, err)
			}
		}
	})

	dir := t.TempDir()
	args := buried(t, dir)
	args[len(args)-3] = "run"
	out := filepath.Join(dir, "out")
	code, _, stderr := dossier(t, dir, append(args, "--out", out, "-q")...)
	if code != 1 || strings.Contains(stderr, "writing outputs") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("run -q: exit %d, want 1 and the one error line:\n%s", code, stderr)
	}
	var rep struct {
		Issues []struct {
			Severity string `json:"severity"`
		} `json:"issues"`
	}
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	infos := 0
	for _, is := range rep.Issues {
		if is.Severity == "info" {
			infos++
		}
	}
	if infos < 12 {
		t.Errorf("report.json has %d infos, want every issue", infos)
	}
}

func mapsEqual(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// The help lists every exit status, and run returns what it says: 2 with
// "internal error" for a panic, 130 when interrupted.
func TestExitStatuses(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"validate", "--help"}} {
		_, stdout, _ := dossier(t, t.TempDir(), args...)
		for _, want := range []string{"\n  0  ", "\n  1  ", "\n  2  ", "\n  130  ", "internal error"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("dossier %s lacks %q:\n%s", strings.Join(args, " "), want, stdout)
			}
		}
	}

	for _, args := range [][]string{{"extract", "missing.txt"}, {"diff", "old.json", "new.json"}} {
		if code, _, stderr := dossier(t, t.TempDir(), args...); code != 2 || !strings.Contains(stderr, "missing.txt") && !strings.Contains(stderr, "old.json") {
			t.Errorf("%v: exit %d, want 2 naming the file:\n%s", args, code, stderr)
		}
	}

	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"version"}, panicWriter{}, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "dossier: internal error: ") {
		t.Errorf("a panic: exit %d, stderr %q; want 2 and an internal error", code, stderr.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	for _, args := range [][]string{append(repoArgs(t), "validate"), {"extract", seed}} {
		var stdout, stderr bytes.Buffer
		if code := run(ctx, args, &stdout, &stderr); code != 130 || !strings.Contains(stderr.String(), "interrupted") || stdout.Len() != 0 {
			t.Errorf("%v interrupted: exit %d, stdout %q, stderr %q; want 130 and nothing written", args, code, stdout.String(), stderr.String())
		}
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("a writer that panics") }

// Counts agree with their nouns: 1 fact, 2 facts.
func TestSummaryPlurals(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DOSSIER_EXTRACT_ENABLED", "false")
	for n, want := range map[int]string{1: "1 document, 1 fact read, 1 exported, 0 rejected; 0 errors, 1 warning, ", 2: "1 document, 2 facts read, 2 exported"} {
		facts := filepath.Join(dir, "facts.jsonl")
		validFacts(t, facts, n)
		code, _, stderr := dossier(t, dir, append(repoArgs(t), "validate", "--facts", facts)...)
		if code != 0 || !strings.Contains(stderr, "dossier: "+want) {
			t.Errorf("%d facts: exit %d, stderr lacks %q:\n%s", n, code, want, stderr)
		}
	}
}

// A bad value is blamed on what set it: the flag, the environment variable,
// or its line in the config file; never the file for a flag's mistake.
func TestBadValueBlamesItsSource(t *testing.T) {
	dir := t.TempDir()
	root, _ := filepath.Abs(repoRoot)
	configFile := filepath.Join(dir, "config.yaml")
	base := "sources: " + filepath.Join(root, "sources") + "\nschemas: " + filepath.Join(root, "schemas") + "\n"
	for _, c := range []struct {
		name string
		env  [2]string
		file string
		args []string
		want string
	}{
		{name: "--fail-on", args: []string{"--fail-on=warn"}, want: `dossier: --fail-on: want error or warning, not "warn" (see dossier validate --help)`},
		{name: "DOSSIER_FAIL_ON", env: [2]string{"DOSSIER_FAIL_ON", "erorr"}, want: `dossier: environment variable DOSSIER_FAIL_ON: want error or warning, not "erorr"`},
		{name: "fail_on", file: "fail_on: warn\n", want: `dossier: config.yaml:3:10: config: fail_on: want error or warning, not "warn"`},
		{name: "--jobs", args: []string{"--jobs=-1"}, want: `dossier: --jobs: want a whole number of workers, 0 for one per core, not "-1"`},
		{name: "--jobs not a number", args: []string{"--jobs=many"}, want: `dossier: --jobs: want a whole number, not "many"`},
		{name: "DOSSIER_JOBS", env: [2]string{"DOSSIER_JOBS", "x"}, want: `dossier: environment variable DOSSIER_JOBS: want a whole number of workers`},
		{name: "jobs", file: "jobs: -2\n", want: `dossier: config.yaml:3:7: config: jobs: want a whole number of workers`},
		{name: "--min-severity", args: []string{"--min-severity", "debug"}, want: `dossier: --min-severity: want info, warning or error, not "debug"`},
		{name: "DOSSIER_MIN_SEVERITY", env: [2]string{"DOSSIER_MIN_SEVERITY", "all"}, want: `dossier: environment variable DOSSIER_MIN_SEVERITY: want info, warning or error`},
		{name: "min_severity", file: "min_severity: warn\n", want: `dossier: config.yaml:3:15: config: min_severity: want info, warning or error, not "warn"`},
		{name: "DOSSIER_LIMITS_DEPTH", env: [2]string{"DOSSIER_LIMITS_DEPTH", "0"}, want: `dossier: environment variable DOSSIER_LIMITS_DEPTH: want a positive whole number, not "0"`},
		{name: "flag over a good file", file: "fail_on: warning\n", args: []string{"--fail-on", "sometimes"}, want: `dossier: --fail-on: want error or warning, not "sometimes"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			writeFile(t, configFile, base+c.file)
			if c.env[0] != "" {
				t.Setenv(c.env[0], c.env[1])
			}
			code, _, stderr := dossier(t, dir, append([]string{"validate"}, c.args...)...)
			if code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want 2 and %q:\n%s", code, c.want, stderr)
			}
			if c.file == "" && strings.Contains(stderr, "config.yaml") {
				t.Errorf("the config file is blamed for a value it does not hold:\n%s", stderr)
			}
		})
	}
}

// A DOSSIER_ variable that is no setting is warned about, with the one
// meant; the run goes on as without it.
func TestUnknownVariableWarned(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	validFacts(t, facts, 1)
	args := append(repoArgs(t), "validate", "--facts", facts)
	t.Setenv("DOSSIER_FAIL_ONN", "warning")
	t.Setenv("DOSSIER_NOTHING_LIKE_IT", "1")
	t.Setenv("DOSSIER_TEST_SOMETHING", "1")
	code, _, stderr := dossier(t, dir, args...)
	if strings.Contains(stderr, "DOSSIER_TEST_") {
		t.Errorf("a test variable is warned about:\n%s", stderr)
	}
	for _, want := range []string{
		"dossier: warning: unknown environment variable DOSSIER_FAIL_ONN, ignored (did you mean DOSSIER_FAIL_ON?)\n",
		"dossier: warning: unknown environment variable DOSSIER_NOTHING_LIKE_IT, ignored\n",
	} {
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, want 0 and %q:\n%s", code, want, stderr)
		}
	}
	if _, _, stderr := dossier(t, dir, append(args, "-q")...); strings.Contains(stderr, "DOSSIER_FAIL_ONN") {
		t.Errorf("-q shows a warning:\n%s", stderr)
	}
}

// An unknown flag is met with the one meant.
func TestFlagSuggestion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "--fact", "x"}, "dossier: unknown flag: --fact; did you mean --facts? (see dossier validate --help)"},
		{[]string{"run", "--qiet"}, "did you mean --quiet?"},
		{[]string{"run", "--min-severty", "error"}, "did you mean --min-severity?"},
		{[]string{"extract", "--fromat", "text", "x"}, "did you mean --format?"},
	} {
		code, _, stderr := dossier(t, t.TempDir(), c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", c.args, code, c.want, stderr)
		}
	}
	if _, _, stderr := dossier(t, t.TempDir(), "validate", "--zzzzzz"); strings.Contains(stderr, "did you mean") {
		t.Errorf("a suggestion for a flag like no other:\n%s", stderr)
	}
}

// Outside a project folder, dossier says there is no config.yaml and what
// to do, rather than a message about the schemas folder.
func TestOutsideProjectFolder(t *testing.T) {
	for _, cmd := range []string{"validate", "run"} {
		code, _, stderr := dossier(t, t.TempDir(), cmd)
		if code != 2 || !strings.Contains(stderr, "no config.yaml here") || !strings.Contains(stderr, "--config FILE") || strings.Contains(stderr, "schema.json") {
			t.Errorf("%s: exit %d, stderr:\n%s", cmd, code, stderr)
		}
	}
}

// extract --format text fits its width: fixedWidth when stdout is no
// terminal, every fact's rule and fields still there.
func TestExtractTextFits(t *testing.T) {
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	code, stdout, stderr := dossier(t, t.TempDir(), "extract", "--format", "text", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkFits(t, stdout, fixedWidth)
	for _, want := range []string{"officials.list-separator", "rank=LTC", "type=aid-cut", "Eric Dalton"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, "\nofficial "); n != 9 {
		t.Errorf("%d official rows, want 9:\n%s", n, stdout)
	}
	for _, w := range []int{60, 80, 200} {
		var b bytes.Buffer
		facts := []map[string]any{{"kind": "event", "rule": "events.dated", "summary": strings.Repeat("word ", 80), "name": "長い名前の人物", "evidence": map[string]any{"quote": strings.Repeat("quote ", 60), "line": 3}}}
		if err := extractTable(&b, facts, w); err != nil {
			t.Fatal(err)
		}
		checkFits(t, b.String(), w)
		if !strings.Contains(b.String(), "長い名前の人物") || strings.Count(b.String(), "word") != 80 {
			t.Errorf("width %d: fields lost:\n%s", w, b.String())
		}
	}
}

func checkFits(t *testing.T, table string, width int) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(table, "\n"), "\n") {
		if cellWidth(l) > width {
			t.Errorf("line of %d columns, want at most %d:\n%s", cellWidth(l), width, l)
		}
	}
}

// cmd/dossier keeps no mutable state between runs: its package-level
// variables are read-only tables.
func TestNoPackageState(t *testing.T) {
	readOnly := []string{"settings"}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.VAR {
					continue
				}
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						if !slices.Contains(readOnly, n.Name) {
							t.Errorf("%s: package-level variable %s", fset.Position(n.Pos()), n.Name)
						}
					}
				}
			}
		}
	}
	// Two commands built side by side share nothing: -q on one leaves the
	// other's flags alone.
	a, b := (&app{}).root(&bytes.Buffer{}, &bytes.Buffer{}), (&app{}).root(&bytes.Buffer{}, &bytes.Buffer{})
	find := func(root *cobra.Command) *cobra.Command {
		cmd, _, err := root.Find([]string{"validate"})
		if err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	if err := find(a).ParseFlags([]string{"-q"}); err != nil {
		t.Fatal(err)
	}
	if q, _ := find(b).Flags().GetBool("quiet"); q {
		t.Error("-q on one command line reached another")
	}
}
