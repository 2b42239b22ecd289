package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/docs"
	"dossier/pipeline/issue"
)

// A --baseline that cannot be read stops the run before it writes
// anything: no output folder, no report file.
func TestBaselineReadBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	junit := filepath.Join(dir, "junit.xml")
	for _, bad := range []string{filepath.Join(dir, "missing.json"), fileWith(t, filepath.Join(dir, "bad.json"), `{"version": 9, "entries": []}`)} {
		code, _, stderr := dossier(t, dir, append(repoArgs(t), "run", "-q", "--out", out, "--junit", junit, "--baseline", bad)...)
		if code != 2 || !strings.Contains(stderr, "--baseline") {
			t.Errorf("baseline %s: exit %d, want 2 naming --baseline\n%s", filepath.Base(bad), code, stderr)
		}
		for _, p := range []string{out, junit} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("baseline %s: %s was written before the baseline was read", filepath.Base(bad), filepath.Base(p))
			}
		}
	}
}

// The same file for --baseline and --write-baseline is refused (the gate
// would always pass), and the file is left as it was.
func TestSameBaselineFileRefused(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "baseline.json")
	old := `{"version": 1, "entries": []}` + "\n"
	writeFile(t, base, old)
	for _, other := range []string{base, filepath.Join(dir, ".", "sub", "..", "baseline.json"), "baseline.json"} {
		code, _, stderr := dossier(t, dir, append(repoArgs(t), "validate", "-q", "--baseline", base, "--write-baseline", other)...)
		if code != 2 || !strings.Contains(stderr, "same file") {
			t.Errorf("--write-baseline %s: exit %d, want 2 saying it is the same file\n%s", other, code, stderr)
		}
	}
	if data, _ := os.ReadFile(base); string(data) != old {
		t.Errorf("the baseline was overwritten:\n%s", data)
	}
}

// --write-baseline exits 0 once the baseline is written, whatever the
// issues, so that a `set -e` script goes on; the baseline then gates.
func TestWriteBaselineExitsZero(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	validFacts(t, facts, 2, badMission("embassy"))
	base := filepath.Join(dir, "baseline.json")
	args := append(repoArgs(t), "validate", "--facts", facts)
	code, _, stderr := dossier(t, dir, append(args, "--write-baseline", base)...)
	if code != 0 || !strings.Contains(stderr, "wrote the baseline") {
		t.Fatalf("--write-baseline: exit %d, want 0\n%s", code, stderr)
	}
	if code, _, stderr := dossier(t, dir, args...); code != 1 {
		t.Fatalf("the same run without a baseline: exit %d, want 1\n%s", code, stderr)
	}
	if code, _, stderr := dossier(t, dir, append(args, "--baseline", base)...); code != 0 {
		t.Fatalf("against its baseline: exit %d, want 0\n%s", code, stderr)
	}
}

// diff refuses what is not a dossier.json, saying why, rather than
// report every fact removed.
func TestDiffRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if code, _, stderr := dossier(t, dir, append(repoArgs(t), "run", "-q", "--out", out)...); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	good := filepath.Join(out, "dossier.json")
	base := filepath.Join(dir, "baseline.json")
	if code, _, stderr := dossier(t, dir, append(repoArgs(t), "validate", "-q", "--write-baseline", base)...); code != 0 {
		t.Fatalf("write-baseline: exit %d\n%s", code, stderr)
	}
	for _, tt := range []struct{ file, why string }{
		{filepath.Join(out, "report.json"), "has no facts"},
		{base, `no "tool": "dossier"`},
		{fileWith(t, filepath.Join(dir, "x.json"), "not json"), "does not decode"},
	} {
		code, stdout, stderr := dossier(t, dir, "diff", good, tt.file)
		if code != 2 || !strings.Contains(stderr, "is not a dossier.json") || !strings.Contains(stderr, tt.why) || stdout != "" {
			t.Errorf("diff dossier.json %s: exit %d, want 2 saying %q\nstdout %s\nstderr %s", filepath.Base(tt.file), code, tt.why, stdout, stderr)
		}
	}
	if code, stdout, stderr := dossier(t, dir, "diff", good, good); code != 0 {
		t.Errorf("diff of a dossier.json with itself: exit %d\n%s%s", code, stdout, stderr)
	}
}

// With a baseline, the known issues are notices in GitHub annotations, not
// failures in JUnit, and "unchanged" with a suppression in SARIF; new ones
// stay errors.
func TestBaselinedIssuesShownAsKnown(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	base := filepath.Join(dir, "baseline.json")
	validFacts(t, facts, 2, badMission("embassy"))
	args := append(repoArgs(t), "validate", "--facts", facts)
	if code, _, stderr := dossier(t, dir, append(args, "-q", "--write-baseline", base)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	validFacts(t, facts, 2, badMission("embassy"), badMission("consulate"))
	junit, sarif := filepath.Join(dir, "r.xml"), filepath.Join(dir, "r.sarif")
	code, stdout, stderr := dossier(t, dir, append(args, "--baseline", base, "--format", "github", "--junit", junit, "--sarif", sarif)...)
	if code != 1 {
		t.Fatalf("exit %d, want 1 for the new bad mission\n%s", code, stderr)
	}
	var errs, known []string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "::error ") {
			errs = append(errs, line)
		}
		if strings.Contains(line, "::known error, in the baseline: ") {
			known = append(known, line)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "line=4,") {
		t.Errorf("error annotations %q, want the one new issue at line 4", errs)
	}
	if len(known) != 1 || !strings.HasPrefix(known[0], "::notice ") || !strings.Contains(known[0], "line=3,") {
		t.Errorf("known annotations %q, want one notice at line 3", known)
	}

	var suites struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				Failures  []struct{} `xml:"failure"`
				SystemOut string     `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data, _ := os.ReadFile(junit)
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatal(err)
	}
	failures := 0
	for _, c := range suites.Suites[0].Cases {
		failures += len(c.Failures)
	}
	if failures != 1 || !strings.Contains(string(data), "known, in the baseline: ") {
		t.Errorf("JUnit: %d failures, want 1, and the known error listed:\n%s", failures, data)
	}

	var log struct {
		Runs []struct {
			Results []struct {
				Level         string            `json:"level"`
				BaselineState string            `json:"baselineState"`
				Suppressions  []json.RawMessage `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	data, _ = os.ReadFile(sarif)
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, r := range log.Runs[0].Results {
		states[r.BaselineState]++
		if (r.BaselineState == "unchanged") != (len(r.Suppressions) == 1) {
			t.Errorf("a %s result has %d suppressions", r.BaselineState, len(r.Suppressions))
		}
	}
	if states["new"] != 1 || states["unchanged"] < 1 || states[""] != 0 {
		t.Errorf("SARIF baseline states %v, want 1 new and the rest unchanged", states)
	}
}

// Every SARIF rule's helpUri ends in the anchor GitHub gives the heading of
// docs/checks.md that names the rule's code (or its family), computed here
// from the page itself.
func TestSARIFHelpURIs(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(repoRoot, docs.ChecksFile))
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]string{} // anchor -> heading text
	seen := map[string]int{}
	fenced := false
	for _, line := range strings.Split(string(page), "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		m := regexp.MustCompile(`^#{1,6} (.*)$`).FindStringSubmatch(line)
		if fenced || m == nil {
			continue
		}
		a := githubSlug(m[1])
		if n := seen[a]; n > 0 {
			a += "-" + string(rune('0'+n))
		}
		seen[githubSlug(m[1])]++
		headings[a] = m[1]
	}
	rs := rules()
	if len(rs) != len(issue.Codes) {
		t.Fatalf("%d rules for %d codes", len(rs), len(issue.Codes))
	}
	for _, r := range rs {
		base, anchor, ok := strings.Cut(r.HelpURI, "#")
		if !ok || base != checksURL {
			t.Errorf("%s: helpUri %q is not %s#ANCHOR", r.ID, r.HelpURI, checksURL)
			continue
		}
		h, ok := headings[anchor]
		if !ok {
			t.Errorf("%s: anchor #%s matches no heading of docs/checks.md", r.ID, anchor)
			continue
		}
		if !strings.Contains(h, "`"+r.ID+"`") {
			t.Errorf("%s: anchor #%s is the heading %q, which does not name it", r.ID, anchor, h)
		}
		if r.Help != "See docs/checks.md#"+anchor {
			t.Errorf("%s: help %q", r.ID, r.Help)
		}
	}
}

// githubSlug is GitHub's anchor for a heading, written out again here
// (lower case; letters, digits, "-" and "_" kept; spaces to "-"; the rest,
// backticks and dots among them, dropped) so that the test does not
// trust the code it checks.
func githubSlug(h string) string {
	h = strings.ToLower(h)
	h = regexp.MustCompile(`[^\p{L}\p{N}\p{Mn} _-]`).ReplaceAllString(h, "")
	return strings.ReplaceAll(h, " ", "-")
}

// fileWith writes content to path and returns the path.
func fileWith(t *testing.T, path, content string) string {
	t.Helper()
	writeFile(t, path, content)
	return path
}

// project copies the shipped config, schemas and sources into a new folder
// and adds a fact file with one bad mission; it returns the folder.
func project(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	for _, p := range []string{"config.yaml", "schemas", "sources"} {
		copyTree(t, filepath.Join(repoRoot, p), filepath.Join(dir, p))
	}
	validFacts(t, filepath.Join(dir, "sources", "facts", "more.jsonl"), 1, badMission("embassy"))
	return dir
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A baseline written at the project's root gates the same run started
// from its parent folder or from a folder inside it, and dossier.json,
// report.json, the reports and the baseline come out byte for byte the
// same: every file is named relative to the config file's folder.
func TestBaselineTravelsAcrossFolders(t *testing.T) {
	repo := project(t)
	sub := filepath.Join(repo, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(repo, "baseline.json")
	if code, _, stderr := dossier(t, repo, "validate", "-q", "--write-baseline", base); code != 0 {
		t.Fatalf("write the baseline at the root: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := dossier(t, repo, "validate", "-q"); code != 1 {
		t.Fatalf("the bad mission does not fail the run: exit %d\n%s", code, stderr)
	}
	outputs := map[string]map[string]string{}
	for _, at := range []struct{ name, cwd, config string }{
		{"root", repo, "config.yaml"},
		{"parent", filepath.Dir(repo), filepath.Join("repo", "config.yaml")},
		{"inside", sub, filepath.Join("..", "config.yaml")},
	} {
		out := filepath.Join(t.TempDir(), "out")
		reports := t.TempDir()
		code, _, stderr := dossier(t, at.cwd, "run", "--config", at.config, "--out", out, "--baseline", base,
			"--junit", filepath.Join(reports, "junit.xml"), "--sarif", filepath.Join(reports, "r.sarif"), "--write-baseline", filepath.Join(reports, "b.json"))
		if code != 0 || !regexp.MustCompile(`baseline \S+: 0 new, \d+ still present, 0 fixed`).MatchString(stderr) {
			t.Errorf("from the %s folder: exit %d, want 0 with nothing new or fixed\n%s", at.name, code, lastLines(stderr, 8))
		}
		got := map[string]string{}
		for _, f := range []string{filepath.Join(out, "dossier.json"), filepath.Join(out, "report.json"), filepath.Join(out, "csv", "documents.csv"),
			filepath.Join(reports, "junit.xml"), filepath.Join(reports, "r.sarif"), filepath.Join(reports, "b.json")} {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got[filepath.Base(f)] = string(data)
		}
		outputs[at.name] = got
	}
	if !strings.Contains(outputs["root"]["dossier.json"], `"path": "sources/mali-united-states.txt"`) {
		t.Errorf("dossier.json does not name the document relative to the root")
	}
	for _, name := range []string{"parent", "inside"} {
		for f, data := range outputs["root"] {
			if outputs[name][f] != data {
				t.Errorf("%s differs between a run from the root and one from the %s folder", f, name)
			}
		}
	}
	if outputs["root"]["b.json"] != mustRead(t, base) {
		t.Errorf("the baseline written by run differs from the one written by validate")
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Schemas that do not load, or fact files that are not there, stop run
// before the output folder is made.
func TestInputsCheckedBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	badSchemas := filepath.Join(dir, "schemas")
	if err := os.Mkdir(badSchemas, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(badSchemas, "poll.schema.json"), `{"type": "object",`)
	for _, args := range [][]string{
		{"--schemas", badSchemas},
		{"--schemas", filepath.Join(dir, "missing")},
		{"--facts", filepath.Join(dir, "missing.yaml")},
	} {
		out := filepath.Join(dir, "out")
		code, _, stderr := dossier(t, dir, append(append(repoArgs(t), "run", "-q", "--out", out), args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: the output folder was made before the inputs were read", args)
		}
	}
}

// The summary tells facts read from fact files apart from facts found in
// the text: on the shipped sources extraction finds the 17 curated facts
// and confirms each; with one curated fact, the rest of what the text says
// is taken as facts of their own; the counts add up.
func TestSummaryCountsBySource(t *testing.T) {
	type summary struct {
		Read      int            `json:"facts_read"`
		Extracted int            `json:"facts_extracted"`
		FromText  int            `json:"facts_from_text"`
		Exported  int            `json:"facts_exported"`
		Rejected  int            `json:"facts_rejected"`
		ByStatus  map[string]int `json:"facts_by_status"`
	}
	read := func(args ...string) (summary, string) {
		t.Helper()
		dir := t.TempDir()
		rep := filepath.Join(dir, "report.json")
		code, _, stderr := dossier(t, dir, append(append(repoArgs(t), "validate", "--report", rep), args...)...)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		var r struct{ Summary summary }
		if err := json.Unmarshal([]byte(mustRead(t, rep)), &r); err != nil {
			t.Fatal(err)
		}
		s := r.Summary
		if s.Read+s.FromText != s.Exported+s.Rejected {
			t.Errorf("%v: %d read + %d from the text != %d exported + %d rejected", args, s.Read, s.FromText, s.Exported, s.Rejected)
		}
		return s, stderr
	}
	s, stderr := read()
	if s.Read != 17 || s.Extracted != 17 || s.FromText != 0 || s.ByStatus["confirmed"] != 17 || len(s.ByStatus) != 1 {
		t.Errorf("shipped sources: %+v, want 17 read, 17 found in the text, all confirmed", s)
	}
	if !strings.Contains(stderr, "17 facts read from fact files, 17 found in the text (0 taken as facts of their own), 17 exported") ||
		!strings.Contains(stderr, "exported facts beside their text: 17 confirmed") {
		t.Errorf("the summary line does not say so:\n%s", lastLines(stderr, 4))
	}

	dir := t.TempDir()
	facts := filepath.Join(dir, "one.jsonl")
	validFacts(t, facts, 1)
	s, _ = read("--facts", facts)
	if s.Read != 1 || s.FromText < 10 || s.Extracted < s.FromText || s.ByStatus["extracted-only"] != s.FromText {
		t.Errorf("one curated fact: %+v", s)
	}

	t.Setenv("DOSSIER_EXTRACT_ENABLED", "false")
	s, _ = read()
	if s.Read != 17 || s.Extracted != 0 || s.FromText != 0 || len(s.ByStatus) != 0 {
		t.Errorf("extraction off: %+v", s)
	}
}
