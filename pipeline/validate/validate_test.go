package validate_test

import (
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
