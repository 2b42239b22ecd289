package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// repoRoot is where the shipped sources, schemas and config live.
const repoRoot = "../.."

// dossier runs the command line in dir and returns its exit status, stdout
// and stderr.
func dossier(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// repoArgs points a command at the shipped inputs from any directory.
func repoArgs(t *testing.T) []string {
	abs, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return []string{"--config", filepath.Join(abs, "config.yaml")}
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestRunShippedSources(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", out)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, f := range []string{"dossier.json", "dossier.xlsx", "report.json", "csv/official.csv", "csv/poll.csv", "csv/documents.csv", "csv/issues.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing output %s: %v", f, err)
		}
	}

	officials := readCSV(t, filepath.Join(out, "csv/official.csv"))
	if len(officials) != 9 {
		t.Fatalf("official.csv has %d rows, want 9", len(officials))
	}
	var dalton map[string]string
	for _, o := range officials {
		if o["name"] == "Eric Dalton" {
			dalton = o
		}
	}
	if dalton == nil || dalton["role"] != "Defense Attaché" || dalton["rank"] != "LTC" {
		t.Errorf("Defense Attaché row = %v, want role, rank and name in separate columns", dalton)
	}

	// The poll shares are numbers in every output.
	polls := readCSV(t, filepath.Join(out, "csv/poll.csv"))
	got := map[string]bool{}
	for _, p := range polls {
		for _, c := range []string{"value", "disapprove", "uncertain"} {
			got[p[c]] = true
		}
	}
	for _, want := range []string{"79", "87", "10", "4"} {
		if !got[want] {
			t.Errorf("poll.csv lacks the share %s", want)
		}
	}

	var doc struct {
		Facts map[string][]map[string]any `json:"facts"`
	}
	data, err := os.ReadFile(filepath.Join(out, "dossier.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	nums := map[float64]bool{}
	for _, p := range doc.Facts["poll"] {
		for _, c := range []string{"value", "disapprove", "uncertain"} {
			if v, ok := p[c]; ok {
				n, isNum := v.(float64)
				if !isNum {
					t.Errorf("dossier.json poll %s = %#v, want a JSON number", c, v)
				}
				nums[n] = true
			}
		}
	}
	for _, want := range []float64{79, 87, 10, 4} {
		if !nums[want] {
			t.Errorf("dossier.json lacks the share %v", want)
		}
	}

	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("Poll")
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "value" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("Poll sheet has no value column: %v", rows[0])
	}
	for r := 2; r <= len(rows); r++ {
		cell, _ := excelize.CoordinatesToCellName(col+1, r)
		typ, err := x.GetCellType("Poll", cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("Poll!%s has cell type %v, want a number", cell, typ)
		}
	}
}

// A fact file with a wrong type, a missing required field and a quote that
// is not in its document: three located diagnostics, exit 1, and the valid
// fact still exported.
func TestBadFactsAreLocatedAndGoodOnesKept(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "bad.yaml")
	writeFile(t, facts, `- kind: poll
  countries: [MLI, USA]
  year: "twenty"
  source: global opinion poll
  population: Malians
  measure: favorable
  value: 79
  evidence:
    document: mali-united-states
    quote: "79% of Malians view the United States favorably."
- kind: official
  countries: [MLI, USA]
  role: Consular Officer
  country: USA
  evidence:
    document: mali-united-states
    quote: "Consular Officer—Rebecca Drame"
- kind: mission
  countries: [MLI, USA]
  type: embassy
  sending: USA
  host: MLI
  city: Timbuktu
  evidence:
    document: mali-united-states
    quote: "There is a U.S. Embassy in Timbuktu."
- kind: program
  countries: [MLI, USA]
  name: USAID
  country: USA
  evidence:
    document: mali-united-states
    quote: "USAID, Peace Corps"
`)
	out := filepath.Join(dir, "out")
	code, _, stderr := dossier(t, dir, append(repoArgs(t), "run", "--facts", facts, "--out", out)...)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		// Printed as seen from the working directory, where the file is.
		"\nbad.yaml:3:9: error schema.type:",
		"\nbad.yaml:11:3: error schema.required: missing required property \"name\"",
		"\nbad.yaml:26:12: error evidence.quote-not-found:",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if n := strings.Count(stderr, ": error "); n != 3 {
		t.Errorf("%d error lines, want 3:\n%s", n, stderr)
	}
	var curated []map[string]string
	for _, p := range readCSV(t, filepath.Join(out, "csv/program.csv")) {
		if p["origin"] == "curated" {
			curated = append(curated, p)
		}
	}
	if len(curated) != 1 || curated[0]["name"] != "USAID" {
		t.Errorf("program.csv curated rows = %v, want the one valid fact", curated)
	}
}

func TestMisspelledConfigKey(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "sources: sources\nfatcs: [facts]\n")
	code, _, stderr := dossier(t, dir, "validate")
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr, `config.yaml:2:1: config: unknown key "fatcs" (did you mean "facts"?)`) {
		t.Errorf("stderr does not name the key and its line:\n%s", stderr)
	}
}

func TestConfigWrongType(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "sources: sources\nout:\n  - a\n")
	code, _, stderr := dossier(t, dir, "validate")
	if code != 2 || !strings.Contains(stderr, "config.yaml:3:3: config: out: want a string") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// Precedence: flag, then environment, then file, then default.
func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "out: from-file\nfail_on: warning\n")
	load := func(args ...string) *Config {
		t.Helper()
		root := (&app{}).root(&bytes.Buffer{}, &bytes.Buffer{})
		cmd, rest, err := root.Find(append([]string{"run"}, args...))
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Fatal(err)
		}
		c, err := loadConfig(filepath.Join(dir, "config.yaml"), true, cmd.Flags())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := load(); c.Out != filepath.Join(dir, "from-file") || c.FailOn != "warning" {
		t.Errorf("file: out=%q fail_on=%q", c.Out, c.FailOn)
	}
	t.Setenv("DOSSIER_OUT", "from-env")
	if c := load(); c.Out != "from-env" {
		t.Errorf("env over file: out=%q", c.Out)
	}
	if c := load("--out", "from-flag"); c.Out != "from-flag" {
		t.Errorf("flag over env: out=%q", c.Out)
	}
	if c := load(); c.Schemas != "schemas" {
		t.Errorf("default: schemas=%q", c.Schemas)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := dossier(t, t.TempDir(), "version")
	if code != 0 || !strings.HasPrefix(out, "dossier ") {
		t.Errorf("exit %d, out %q", code, out)
	}
}

func TestValidateWritesOnlyTheReport(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	t.Setenv("DOSSIER_OUT", filepath.Join(dir, "out"))
	code, _, stderr := dossier(t, dir, append(repoArgs(t), "validate", "--report", report)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("validate wrote the output folder")
	}
	var rep struct {
		Summary struct {
			Read     int `json:"facts_read"`
			Exported int `json:"facts_exported"`
		} `json:"summary"`
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Read == 0 || rep.Summary.Read != rep.Summary.Exported {
		t.Errorf("report summary %+v", rep.Summary)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"run", "--nope"}, {"frobnicate"}, {"run", "--fail-on", "sometimes"}, {"run", "--config", "/nonexistent/config.yaml"}} {
		code, _, stderr := dossier(t, t.TempDir(), args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractCommand(t *testing.T) {
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	code, stdout, stderr := dossier(t, t.TempDir(), "extract", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var facts []map[string]any
	if err := json.Unmarshal([]byte(stdout), &facts); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range facts {
		kinds[f["kind"].(string)]++
		ev := f["evidence"].(map[string]any)
		if f["origin"] != "extracted" || f["rule"] == "" || ev["quote"] == "" || ev["line"] == nil {
			t.Errorf("fact without origin, rule or located evidence: %v", f)
		}
	}
	if kinds["official"] != 9 || kinds["poll"] != 2 || kinds["mission"] != 1 {
		t.Errorf("kinds = %v, want 9 officials, 2 polls, 1 mission", kinds)
	}
	code, stdout, _ = dossier(t, t.TempDir(), "extract", "--format", "text", seed)
	if code != 0 || !strings.Contains(stdout, "officials.list-separator") || !strings.Contains(stdout, "rank=LTC") {
		t.Errorf("text table:\n%s", stdout)
	}
}
