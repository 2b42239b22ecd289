package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// curateProject lays out a project with the shipped config and schemas,
// the given articles in sources/ and an empty sources/facts/.
func curateProject(t *testing.T, articles ...string) string {
	t.Helper()
	dir := t.TempDir()
	root, _ := filepath.Abs(repoRoot)
	for _, d := range []string{"sources/facts"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "config.yaml"), "sources: sources\nfacts: [sources/facts]\nschemas: "+filepath.Join(root, "schemas")+"\n")
	for _, a := range articles {
		data, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "sources", filepath.Base(a)), string(data))
	}
	return dir
}

// readFacts reads a YAML fact file.
func readFacts(t *testing.T, path string) []*fact.Fact {
	t.Helper()
	var out []*fact.Fact
	sink := load.Sink{Fact: func(f *fact.Fact) { out = append(out, f) },
		Reject: func(is issue.Issue) { t.Errorf("%s: %v", path, is) }, Issue: func(is issue.Issue) { t.Errorf("%s: %v", path, is) }}
	if err := load.ReadFactFile(path, sink); err != nil {
		t.Fatal(err)
	}
	return out
}

// On the shipped article with no fact file, curate writes every fact the
// extractors find, ready to review; the project then validates with no
// error, every fact confirmed by the text; a second curate writes nothing
// and leaves the file as it was.
func TestCurate(t *testing.T) {
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	dir := curateProject(t, seed)
	file := filepath.Join(dir, "sources", "facts", "mali-united-states.curate.yaml")
	code, stdout, stderr := dossier(t, dir, "curate", "mali-united-states")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "17 facts found, 0 already curated, 17 written to "+filepath.Join("sources", "facts", "mali-united-states.curate.yaml")) {
		t.Fatalf("curate: exit %d\n%s", code, stderr)
	}
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(first)
	for _, want := range []string{
		"\n# official, line 19 of mali-united-states.txt (rule officials.leading-title) [curate ",
		"- kind: official\n  countries: [MLI, USA]\n  role: Ambassador\n  name: Gillian Milovanovic\n  country: USA\n  post: Bamako\n  evidence:\n    document: mali-united-states\n    quote: Ambassador Gillian Milovanovic\n",
		"  rank: LTC\n",
		"  year: 2012\n",
		`  date: "2012-03"` + "\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q:\n%s", want, text)
		}
	}
	if facts := readFacts(t, file); len(facts) != 17 {
		t.Errorf("the file holds %d facts, want 17", len(facts))
	}
	code, _, stderr = dossier(t, dir, "validate", "--min-severity", "warning")
	if code != 0 || strings.Contains(stderr, " error ") || !strings.Contains(stderr, "17 confirmed") {
		t.Errorf("validate after curate: exit %d\n%s", code, stderr)
	}
	code, _, stderr = dossier(t, dir, "curate", "mali-united-states")
	if code != 0 || !strings.Contains(stderr, "17 facts found, 17 already curated, 0 written") {
		t.Errorf("second curate: exit %d\n%s", code, stderr)
	}
	if again, _ := os.ReadFile(file); string(again) != text {
		t.Error("a second curate changed the file")
	}
}

// What the analyst did is left alone: a fact commented out is not written
// again, nor one edited; one deleted is written again, at the end.
func TestCurateLeavesCuratedFactsAlone(t *testing.T) {
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	dir := curateProject(t, seed)
	file := filepath.Join(dir, "sources", "facts", "mali-united-states.curate.yaml")
	if code, _, stderr := dossier(t, dir, "curate", "mali-united-states"); code != 0 {
		t.Fatalf("curate: exit %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(file)
	records := strings.Split(string(data), "\n\n")
	var edited []string
	for _, r := range records {
		switch {
		case strings.Contains(r, "name: Peter Barlerin"): // commented out
			r = regexp.MustCompile(`(?m)^- |^  `).ReplaceAllStringFunc(r, func(s string) string { return "# " + s })
		case strings.Contains(r, "name: Matthew Cook"): // deleted
			continue
		case strings.Contains(r, "name: Rebecca Drame"): // edited
			r = strings.Replace(r, "name: Rebecca Drame", "name: Rebecca Dramé", 1)
		}
		edited = append(edited, r)
	}
	kept := strings.Join(edited, "\n\n")
	writeFile(t, file, kept)
	code, _, stderr := dossier(t, dir, "curate", "mali-united-states")
	if code != 0 || !strings.Contains(stderr, "17 facts found, 16 already curated, 1 written") {
		t.Fatalf("curate after review: exit %d\n%s", code, stderr)
	}
	after, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(after), kept) {
		t.Error("curate changed what the file held")
	}
	added := strings.TrimPrefix(string(after), kept)
	if !strings.Contains(added, "name: Matthew Cook") || strings.Count(added, "- kind: ") != 1 {
		t.Errorf("curate added, after what the file held:\n%s", added)
	}
}

// With the shipped fact file, every fact the text states is curated
// already: nothing to write (on stdout with --out -, nothing at all).
func TestCurateShipped(t *testing.T) {
	code, stdout, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "curate", "--out", "-", "mali-united-states")...)
	if code != 0 || stdout != "" || !strings.Contains(stderr, "17 facts found, 17 already curated, 0 written") {
		t.Errorf("exit %d, stdout %q\n%s", code, stdout, stderr)
	}
}

// The YAML curate writes reads back as the values it wrote, whatever the
// text: words YAML would read as booleans, colons, quotes, line breaks.
func TestCurateYAMLRoundTrip(t *testing.T) {
	values := []any{"plain text", "yes", "No", "null", "a: b", "#hash", "x #y", "2012-03", "Chargé d'Affaires, a.i.", `say "so"`,
		"line\nbreak", "ends with space ", " starts with one", "[list]", "{map}", "&anchor", "*alias", "- dash", "é", "\t", "",
		json.Number("79"), json.Number("12.50"), true, nil}
	var b strings.Builder
	b.WriteString("- kind: test\n")
	for i, v := range values {
		b.WriteString("  f" + string(rune('a'+i)) + ": " + yamlScalar(v) + "\n")
	}
	b.WriteString("  list: [" + yamlScalar("MLI") + ", " + yamlScalar("a, b") + "]\n")
	path := filepath.Join(t.TempDir(), "rt.yaml")
	writeFile(t, path, b.String())
	facts := readFacts(t, path)
	if len(facts) != 1 {
		t.Fatalf("%d records read back from:\n%s", len(facts), b.String())
	}
	for i, v := range values {
		got := facts[0].Fields["f"+string(rune('a'+i))]
		if jsonOf(got) != jsonOf(v) {
			t.Errorf("%q written as %s reads back as %q", v, yamlScalar(v), got)
		}
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Must show: on the development corpus (real scraped articles, not in the
// repository), every fact curate writes passes the checks with no error.
func TestCurateDevelopmentCorpus(t *testing.T) {
	texts, _ := filepath.Glob(filepath.Join(repoRoot, "..", "shared", "corpus", "texts", "*.txt"))
	if len(texts) == 0 {
		t.Skip("no development corpus at ../shared/corpus")
	}
	dir := curateProject(t, texts...)
	written := 0
	for _, p := range texts {
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		code, _, stderr := dossier(t, dir, "curate", id)
		if code != 0 {
			t.Fatalf("curate %s: exit %d\n%s", id, code, stderr)
		}
		m := regexp.MustCompile(`(\d+) written`).FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("curate %s: %s", id, stderr)
		}
		if strings.Contains(stderr, "commented out for their errors") {
			t.Errorf("curate %s held facts back for their errors:\n%s", id, stderr)
		}
		written += len(readFactsIfAny(t, filepath.Join(dir, "sources", "facts", id+".curate.yaml")))
	}
	t.Logf("%d facts written from %d articles", written, len(texts))
	if written < 150 {
		t.Errorf("only %d facts written from %d articles", written, len(texts))
	}
	code, _, stderr := dossier(t, dir, "validate", "--min-severity", "error")
	if code != 0 || strings.Contains(stderr, " error ") {
		t.Errorf("validate on what curate wrote: exit %d\n%s", code, stderr)
	}
}

func readFactsIfAny(t *testing.T, path string) []*fact.Fact {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return readFacts(t, path)
}

// Two facts the extractors tell apart are both written, though their keys
// match at the precision reconciliation compares them (two coups of one
// year).
func TestCurateKeepsFactsTheExtractorsTellApart(t *testing.T) {
	dir := curateProject(t)
	writeFile(t, filepath.Join(dir, "sources", "two.txt"), "Chad–United States relations\n\n"+
		"On March 3, 2012, a military coup ousted the government of Chad. On November 20, 2012, another military coup ousted the junta.\n")
	code, _, stderr := dossier(t, dir, "curate", "two")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var dates []string
	for _, f := range readFacts(t, filepath.Join(dir, "sources", "facts", "two.curate.yaml")) {
		if f.Fields["type"] == "coup" {
			dates = append(dates, f.Fields["date"].(string))
		}
	}
	if strings.Join(dates, " ") != "2012-03-03 2012-11-20" {
		t.Errorf("coups written: %v, want both\n%s", dates, stderr)
	}
}
