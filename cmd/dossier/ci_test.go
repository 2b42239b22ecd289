package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// validFacts writes n distinct facts as JSON Lines that pass every check
// with no issue (polls of one quote by n sources), plus the given extra
// lines.
func validFacts(t *testing.T, path string, n int, extra ...string) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"kind":"poll","countries":["MLI","USA"],"year":2007,"source":"Survey %d","population":"Malians","measure":"favorable","value":79,"evidence":{"document":"mali-united-states","quote":"According to a 2007 global opinion poll, 79%% of Malians view the United States favorably."}}`+"\n", i)
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	writeFile(t, path, b.String())
}

// badMission is a mission of the given type that its country hosts, one
// error (rule.not-in-itself); its other fields agree with its quote.
func badMission(typ string) string {
	return fmt.Sprintf(`{"kind":"mission","countries":["MLI","USA"],"type":%q,"sending":"USA","host":"USA","city":"Bamako","evidence":{"document":"mali-united-states","quote":"There is a U.S. Embassy in Bamako, Mali."}}`, typ)
}

// badMissionIn is a mission in a city its quote does not name: two
// errors, one for the host and one for the city.
func badMissionIn(city string) string {
	return fmt.Sprintf(`{"kind":"mission","countries":["MLI","USA"],"type":"embassy","sending":"USA","host":"USA","city":%q,"evidence":{"document":"mali-united-states","quote":"There is a U.S. Embassy in Bamako, Mali."}}`, city)
}

// With a baseline of a 10,000-fact file, one more bad fact fails with
// exactly one new issue, and removing a bad one reports it fixed.
func TestBaselineOnTenThousandFacts(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	base := filepath.Join(dir, "baseline.json")
	validFacts(t, facts, 10_000, badMission("embassy"), badMission("consulate"))
	args := append(repoArgs(t), "validate", "--facts", facts)

	// The baseline holds the two bad missions and the notes on the
	// shipped article (its text, what extraction found).
	code, _, stderr := dossier(t, dir, append(args, "--write-baseline", base)...)
	if code != 0 {
		t.Fatalf("--write-baseline: exit %d, want 0 once it is written\n%s", code, stderr)
	}
	code, _, stderr = dossier(t, dir, append(args, "--baseline", base)...)
	if code != 0 || !regexp.MustCompile(`: 0 new, \d+ still present, 0 fixed`).MatchString(stderr) {
		t.Fatalf("same facts against their baseline: exit %d\n%s", code, lastLines(stderr, 5))
	}

	validFacts(t, facts, 10_000, badMission("embassy"), badMission("consulate"), badMission("consulate-general"))
	code, _, stderr = dossier(t, dir, append(args, "--baseline", base)...)
	if code != 1 || !regexp.MustCompile(`: 1 new, \d+ still present, 0 fixed`).MatchString(stderr) || strings.Count(stderr, "  new: ") != 1 {
		t.Fatalf("one bad fact added: exit %d\n%s", code, lastLines(stderr, 5))
	}

	validFacts(t, facts, 10_000, badMission("embassy"))
	code, _, stderr = dossier(t, dir, append(args, "--baseline", base)...)
	if code != 0 || !regexp.MustCompile(`: 0 new, \d+ still present, 1 fixed`).MatchString(stderr) || !strings.Contains(stderr, "fixed: rule.not-in-itself") {
		t.Fatalf("one bad fact removed: exit %d\n%s", code, lastLines(stderr, 5))
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// The JUnit file parses as JUnit XML with a failure per error; the SARIF
// file validates against the SARIF 2.1.0 schema; GitHub annotations follow
// the workflow-command form.
func TestReportFiles(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	validFacts(t, facts, 3, badMission("embassy"), `{"kind":"poll"}`)
	junit, sarif := filepath.Join(dir, "r.xml"), filepath.Join(dir, "r.sarif")
	code, stdout, stderr := dossier(t, dir, append(repoArgs(t), "validate", "--facts", facts, "--junit", junit, "--sarif", sarif, "--format", "github")...)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.HasPrefix(line, "::error ") && !strings.HasPrefix(line, "::warning ") && !strings.HasPrefix(line, "::notice ") {
			t.Errorf("not a workflow command: %q", line)
		}
	}
	// Annotations name the file as seen from the working directory.
	if !strings.Contains(stdout, "::error file=facts.jsonl,line=4,col=") {
		t.Errorf("no located error annotation for line 4:\n%s", stdout)
	}

	var suites struct {
		XMLName xml.Name `xml:"testsuites"`
		Suites  []struct {
			Tests int `xml:"tests,attr"`
			Cases []struct {
				Name     string `xml:"name,attr"`
				Failures []struct {
					Type string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatalf("JUnit does not parse: %v", err)
	}
	failures := 0
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			failures += len(c.Failures)
		}
	}
	errorsSeen := strings.Count(stdout, "::error ")
	if failures == 0 || failures != errorsSeen {
		t.Errorf("JUnit has %d failures, the run %d errors", failures, errorsSeen)
	}

	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("../../pipeline/report/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
}

// Nothing lost: read = exported + rejected for a file of good and bad
// records, and every rejected record is in rejected.jsonl with its issues.
func TestNothingLost(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "mixed.jsonl")
	validFacts(t, facts, 5, badMission("embassy"), "not json", `["an array"]`, `{"kind":"nope"}`)
	out := filepath.Join(dir, "out")
	code, _, stderr := dossier(t, dir, append(repoArgs(t), "run", "--facts", facts, "--out", out)...)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "  mixed.jsonl: 9 read = 5 exported + 4 rejected") {
		t.Errorf("summary does not account for every record:\n%s", stderr)
	}
	var rep struct {
		Summary struct {
			Files []struct {
				File                     string
				Read, Exported, Rejected int
			} `json:"files"`
		} `json:"summary"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	// report.json names the file relative to the config file's folder.
	name := relTo(t, repoRoot, facts)
	seen := false
	for _, f := range rep.Summary.Files {
		if f.Read != f.Exported+f.Rejected {
			t.Errorf("report.json: %s read %d != exported %d + rejected %d", f.File, f.Read, f.Exported, f.Rejected)
		}
		if f.File == name {
			seen = true
			if f.Read != 9 {
				t.Errorf("report.json: %s read %d, want 9", f.File, f.Read)
			}
		}
	}
	if !seen {
		t.Errorf("report.json does not name %s: %+v", name, rep.Summary.Files)
	}
	rej, err := os.ReadFile(filepath.Join(out, "rejected.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(rej)), "\n")
	if len(lines) != 4 {
		t.Fatalf("rejected.jsonl has %d lines, want 4:\n%s", len(lines), rej)
	}
	for _, l := range lines {
		var r struct {
			Line   int               `json:"line"`
			Issues []json.RawMessage `json:"issues"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Line == 0 || len(r.Issues) == 0 {
			t.Errorf("rejected line without location or issues: %s", l)
		}
	}
}

// relTo is path's name relative to the folder root, with forward slashes,
// as a run with its config file in root names it.
func relTo(t *testing.T, root, path string) string {
	t.Helper()
	absRoot, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	absPath, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(absRoot, absPath)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}
