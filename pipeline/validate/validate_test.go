package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

func schemas(t *testing.T) *schema.Set {
	t.Helper()
	s, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatalf("schema.Load: %v", err)
	}
	return s
}

// readOne reads a one-record YAML file.
func readOne(t *testing.T, src string) *fact.Fact {
	t.Helper()
	var facts []*fact.Fact
	var bad []issue.Issue
	sink := load.Sink{
		Fact:   func(f *fact.Fact) { facts = append(facts, f) },
		Reject: func(is issue.Issue) { bad = append(bad, is) },
		Issue:  func(is issue.Issue) { bad = append(bad, is) },
	}
	if err := load.ReadYAML("facts.yaml", strings.NewReader(src), sink); err != nil {
		t.Fatal(err)
	}
	if len(facts) != 1 || len(bad) != 0 {
		t.Fatalf("fixture: %d facts, issues %v", len(facts), bad)
	}
	f := facts[0]
	f.Kind, _ = f.Fields["kind"].(string)
	f.ID = "fact-1"
	return f
}

// at returns the line and column of the n-th occurrence of needle.
func at(t *testing.T, src, needle string) fact.Pos {
	t.Helper()
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("fixture: %q not found", needle)
	}
	ls := strings.LastIndex(src[:i], "\n") + 1
	return fact.Pos{Line: 1 + strings.Count(src[:i], "\n"), Col: 1 + len([]rune(src[ls:i]))}
}

const validPoll = `# a poll
- kind: poll
  countries: [MLI, USA]
  year: 2007
  source: global opinion poll
  population: Malians
  measure: favorable
  value: 79
  evidence:
    document: mali-united-states
    quote: "According to a 2007 global opinion poll, 79% of Malians view the United States favorably."
`

func TestValidFacts(t *testing.T) {
	s := schemas(t)
	tests := map[string]string{
		"poll": validPoll,
		"event with date_text only": `- kind: event
  countries: [MLI, USA]
  date_text: 12 June
  type: visit
  summary: A visit.
  evidence: {document: d, quote: q}
`,
		"event with a partial date": `- kind: event
  countries: [MLI, USA]
  date: "2012-03"
  type: coup
  summary: A coup.
  evidence: {document: d, quote: q}
`,
		"event with an unquoted full date": `- kind: event
  countries: [MLI, USA]
  date: 2012-03-22
  type: coup
  summary: A coup.
  evidence: {document: d, quote: q}
`,
		"official": `- kind: official
  countries: [MLI, USA]
  role: Defense Attaché
  rank: LTC
  name: Eric Dalton
  country: USA
  post: Bamako
  evidence: {document: mali-united-states, quote: "Defense Attaché—LTC Eric Dalton"}
`,
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			f := readOne(t, src)
			if got := validate.Fact(s.Kinds[f.Kind], f); len(got) != 0 {
				t.Errorf("issues on a valid fact: %v", got)
			}
		})
	}
}

// edit replaces old with new in the valid poll, failing if old is absent.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(validPoll, old) {
		t.Fatalf("fixture: %q not in the poll", old)
	}
	return strings.Replace(validPoll, old, new, 1)
}

func TestFactIssues(t *testing.T) {
	s := schemas(t)
	tests := []struct {
		name    string
		src     func(t *testing.T) string
		code    string
		pointer string
		at      string // text at the expected position
		msg     string // part of the message
	}{
		{"wrong type: string for integer",
			func(t *testing.T) string { return edit(t, "year: 2007", `year: "2007"`) },
			"schema.type", "/year", `"2007"`, "integer"},
		{"wrong type: number for string",
			func(t *testing.T) string { return edit(t, "population: Malians", "population: 42") },
			"schema.type", "/population", "42", "string"},
		{"wrong type in nested object",
			func(t *testing.T) string { return edit(t, "document: mali-united-states", "document: [a, b]") },
			"schema.type", "/evidence/document", "[a, b]", ""},
		{"missing required property",
			func(t *testing.T) string { return edit(t, "  population: Malians\n", "") },
			"schema.required", "/population", "kind: poll", `"population"`},
		{"missing required nested property",
			func(t *testing.T) string {
				return edit(t, "    quote: \"According to a 2007 global opinion poll, 79% of Malians view the United States favorably.\"\n", "")
			},
			"schema.required", "/evidence/quote", "document: mali", `"quote"`},
		{"additional property",
			func(t *testing.T) string { return edit(t, "  value: 79\n", "  value: 79\n  colour: red\n") },
			"schema.additionalProperties", "/colour", "red", "colour"},
		{"additional nested property",
			func(t *testing.T) string {
				return edit(t, "    document: mali-united-states\n", "    document: mali-united-states\n    page: 3\n")
			},
			"schema.additionalProperties", "/evidence/page", "3\n", "page"},
		{"enum",
			func(t *testing.T) string { return edit(t, "measure: favorable", "measure: liked") },
			"schema.enum", "/measure", "liked", ""},
		{"const",
			func(t *testing.T) string { return edit(t, "kind: poll", "kind: poll\n  id: ''") },
			"schema.minLength", "/id", "''", ""},
		{"pattern in an array item",
			func(t *testing.T) string { return edit(t, "countries: [MLI, USA]", "countries: [MLI, usa]") },
			"schema.pattern", "/countries/1", "usa", ""},
		{"maximum",
			func(t *testing.T) string { return edit(t, "value: 79", "value: 179") },
			"schema.maximum", "/value", "179", ""},
		{"minItems",
			func(t *testing.T) string { return edit(t, "countries: [MLI, USA]", "countries: [MLI]") },
			"schema.minItems", "/countries", "[MLI]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src(t)
			f := readOne(t, src)
			got := validate.Fact(s.Kinds["poll"], f)
			if len(got) != 1 {
				t.Fatalf("issues = %v, want exactly one %s", got, tt.code)
			}
			is := got[0]
			if is.Code != tt.code || is.Pointer != tt.pointer {
				t.Errorf("issue %s at %s, want %s at %s (%s)", is.Code, is.Pointer, tt.code, tt.pointer, is.Message)
			}
			want := at(t, src, tt.at)
			if is.Line != want.Line || is.Column != want.Col {
				t.Errorf("issue at %d:%d, want %d:%d (%q)", is.Line, is.Column, want.Line, want.Col, tt.at)
			}
			if is.Severity != issue.Error || is.File != "facts.yaml" || is.Record != "fact-1" {
				t.Errorf("issue = %+v", is)
			}
			if !strings.Contains(is.Message, tt.msg) {
				t.Errorf("message %q does not mention %q", is.Message, tt.msg)
			}
		})
	}
}

func TestEventWithoutDate(t *testing.T) {
	s := schemas(t)
	src := `- kind: event
  countries: [MLI, USA]
  type: coup
  summary: A military coup ousted the government.
  evidence:
    document: mali-united-states
    quote: the March 2012 military coup
`
	f := readOne(t, src)
	got := validate.Fact(s.Kinds["event"], f)
	if len(got) != 1 {
		t.Fatalf("issues = %v, want one schema.anyOf", got)
	}
	is := got[0]
	if is.Code != "schema.anyOf" || is.Pointer != "" || is.Line != 1 || is.Column != 3 {
		t.Errorf("issue = %+v, want schema.anyOf at the record (1:3)", is)
	}
	if !strings.Contains(is.Message, "date") || !strings.Contains(is.Message, "date_text") {
		t.Errorf("message %q does not name both alternatives", is.Message)
	}
}

// Several problems in one record: one issue each, none lost.
func TestManyIssues(t *testing.T) {
	s := schemas(t)
	src := edit(t, "measure: favorable", "measure: liked\n  extra: 1")
	src = strings.Replace(src, "year: 2007", `year: "2007"`, 1)
	src = strings.Replace(src, "  population: Malians\n", "", 1)
	f := readOne(t, src)
	got := validate.Fact(s.Kinds["poll"], f)
	want := map[string]string{
		"schema.enum": "/measure", "schema.additionalProperties": "/extra",
		"schema.type": "/year", "schema.required": "/population",
	}
	if len(got) != len(want) {
		t.Fatalf("issues = %v, want %d", got, len(want))
	}
	for _, is := range got {
		if want[is.Code] != is.Pointer {
			t.Errorf("unexpected issue %s at %s", is.Code, is.Pointer)
		}
	}
}

// Documents validate against document.schema.json, with the positions of
// sidecar fields in the sidecar.
func TestDocumentRecord(t *testing.T) {
	s := schemas(t)
	dir := t.TempDir()
	txt := dir + "/doc.txt"
	if err := writeFile(txt, "Text.\n"); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(dir+"/doc.meta.yaml", "title: Doc\nretrieved: 2024-13-45\nlanguage: English\n"); err != nil {
		t.Fatal(err)
	}
	d, issues, err := load.Document(txt)
	if err != nil || len(issues) != 0 {
		t.Fatalf("load: %v %v", err, issues)
	}
	got := validate.Fact(s.Document, load.DocumentRecord(d))
	want := map[string]fact.Pos{"/retrieved": {Line: 2, Col: 12}, "/language": {Line: 3, Col: 11}}
	if len(got) != len(want) {
		t.Fatalf("issues = %v, want %d", got, len(want))
	}
	for _, is := range got {
		p, ok := want[is.Pointer]
		// The position is in the sidecar; the pipeline sets File to it.
		if !ok || is.Line != p.Line || is.Column != p.Col {
			t.Errorf("issue %s at %s %s:%d:%d", is.Code, is.Pointer, is.File, is.Line, is.Column)
		}
	}
}

// copySchemas copies the shipped schemas into a temporary folder, with
// every old string replaced by its new one in file name, and loads them.
func copySchemas(t *testing.T, edits map[string][2]string) *schema.Set {
	t.Helper()
	dir := t.TempDir()
	paths, err := filepath.Glob("../../schemas/*.schema.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no shipped schemas: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := edits[filepath.Base(p)]; ok {
			if !strings.Contains(string(data), e[0]) {
				t.Fatalf("fixture: %q not in %s", e[0], p)
			}
			data = []byte(strings.Replace(string(data), e[0], e[1], 1))
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := schema.Load(dir)
	if err != nil {
		t.Fatalf("schema.Load: %v", err)
	}
	return s
}

// A rule declared on a definition that a kind references runs on the
// object the definition describes, for every kind: polls and events take
// the fast path, officials, missions, programs and ambassadors have rules
// of their own; all get the same issue.
func TestRuleInReferencedDefinition(t *testing.T) {
	s := copySchemas(t, map[string][2]string{"defs.schema.json": {`"required": ["document", "quote"],`,
		`"required": ["document", "quote"],
      "x-rules": [{"id": "quote-not-id", "field": "/quote", "severity": "warning",
        "rule": "!has(self.quote) || !has(self.document) || self.quote != self.document",
        "message": "the quote repeats the document id"}],`}})
	const ev = "  evidence:\n    document: mali-2024\n    quote: mali-2024\n"
	records := map[string]string{
		"poll":       "- kind: poll\n  countries: [MLI, USA]\n  year: 2007\n  population: Malians\n  measure: favorable\n  value: 79\n" + ev,
		"event":      "- kind: event\n  countries: [MLI, USA]\n  date: \"2012-03\"\n  type: coup\n  summary: A coup.\n" + ev,
		"official":   "- kind: official\n  countries: [MLI, USA]\n  role: Ambassador\n  name: Jane Doe\n  country: USA\n" + ev,
		"mission":    "- kind: mission\n  countries: [MLI, USA]\n  type: embassy\n  sending: USA\n  host: MLI\n  city: Bamako\n" + ev,
		"program":    "- kind: program\n  countries: [MLI, USA]\n  name: Peace Corps\n  country: USA\n" + ev,
		"ambassador": "- kind: ambassador\n  countries: [MLI, USA]\n  name: Jane Doe\n  country: USA\n" + ev,
	}
	for _, kind := range s.KindNames() {
		t.Run(kind, func(t *testing.T) {
			src, ok := records[kind]
			if !ok {
				t.Fatalf("no record for kind %s", kind)
			}
			f := readOne(t, src)
			got := validate.Fact(s.Kinds[kind], f)
			if len(got) != 1 {
				t.Fatalf("issues = %v, want one rule.quote-not-id", got)
			}
			// the quote's value, on the record's last line
			line, col := strings.Count(src, "\n"), 1+len("    quote: ")
			is := got[0]
			if is.Code != "rule.quote-not-id" || is.Pointer != "/evidence/quote" || is.Severity != issue.Warning ||
				is.Message != "the quote repeats the document id" || is.Line != line || is.Column != col {
				t.Errorf("issue = %+v, want a warning rule.quote-not-id at /evidence/quote, %d:%d", is, line, col)
			}
			// The same record with a real quote passes.
			f = readOne(t, strings.Replace(src, "quote: mali-2024", "quote: A coup took place.", 1))
			if got := validate.Fact(s.Kinds[kind], f); len(got) != 0 {
				t.Errorf("issues on a record that keeps the rule: %v", got)
			}
		})
	}
}

// A rule that would run too long on a record is stopped at the cost limit
// and reported as not evaluated, with the rule's code, on the fast path.
func TestRuleCostLimit(t *testing.T) {
	dir := t.TempDir()
	note := `{"type": "object", "properties": {"kind": {"const": "note"}, "xs": {"type": "array", "items": {"type": "integer"}}},
  "x-rules": [{"id": "pairs", "rule": "!has(self.xs) || self.xs.all(x, self.xs.all(y, x <= y || x > y))", "message": "the values do not compare"}]}`
	if err := os.WriteFile(filepath.Join(dir, "note.schema.json"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := schema.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	k := s.Kinds["note"]
	if k.Fast == nil {
		t.Fatal("the note kind has no fast validator")
	}
	record := func(n int) *fact.Fact {
		xs := make([]string, n)
		for i := range xs {
			xs[i] = fmt.Sprint(i)
		}
		f, is := load.DecodeLine("notes.jsonl", 1, 0, []byte(`{"kind": "note", "xs": [`+strings.Join(xs, ",")+`]}`))
		if is != nil {
			t.Fatal(is)
		}
		return f
	}
	if got := validate.Fact(k, record(20)); len(got) != 0 {
		t.Errorf("20 values: %v", got)
	}
	got := validate.Fact(k, record(2000))
	if len(got) != 1 || got[0].Code != "rule.pairs" || got[0].Severity != issue.Error ||
		!strings.Contains(got[0].Message, `rule "pairs" could not be evaluated`) || !strings.Contains(got[0].Message, "cost limit") {
		t.Errorf("2000 values: %v, want one rule.pairs that could not be evaluated within the cost limit", got)
	}
}
