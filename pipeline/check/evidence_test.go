package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"dossier/pipeline/check"
	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/prepare"
)

// loadDoc reads and prepares a document the way the pipeline does.
func loadDoc(t *testing.T, path string) *document.Document {
	t.Helper()
	d, _, err := prepare.File(path, load.DefaultLimits)
	if err != nil || d == nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

func seedDoc(t *testing.T) *document.Document {
	return loadDoc(t, "../../sources/mali-united-states.txt")
}

// docFrom writes raw text to a temp file named id.txt and loads it.
func docFrom(t *testing.T, id, raw string) *document.Document {
	t.Helper()
	p := filepath.Join(t.TempDir(), id+".txt")
	if err := os.WriteFile(p, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	return loadDoc(t, p)
}

func TestFind(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	tests := []struct {
		name  string
		quote string
		want  string // the clean text the span covers; "" means not found
		line  int
	}{
		{"exact", "There is a U.S. Embassy in Bamako", "There is a U.S. Embassy in Bamako", 29},
		{"list item, to the end of its line", "Management Officer—Matthew Cook", "Management Officer—Matthew Cook", 24},
		{"em dash for double hyphen", "Deputy Chief of Mission—Peter Barlerin", "Deputy Chief of Mission--Peter Barlerin", 20},
		{"double hyphen for em dash", "Public Affairs Officer--Kate Kaetzer-Hodson", "Public Affairs Officer—Kate Kaetzer-Hodson", 23},
		{"en dash for em dash", "Consular Officer–Rebecca Drame", "Consular Officer—Rebecca Drame", 26},
		{"hyphen for spaced en dash", "Mali - United States relations", "Mali – United States relations", 5},
		{"curly apostrophe", "the region’s socioeconomic and political integration", "the region's socioeconomic and political integration", 15},
		{"curly double quotes around nothing special", "“79% of Malians”", "", 0},
		{"white space runs and line breaks", "According  to a 2007\n global\topinion poll", "According to a 2007 global opinion poll", 11},
		{"leading and trailing space", "  LTC Eric \n", "LTC Eric", 27},
		{"across a removed citation marker", "view the United States favorably. According to the 2012", "view the United States favorably. According to the 2012", 11},
		{"non-ASCII", "Defense Attaché—LTC Eric", "Defense Attaché—LTC Eric", 27},
		{"decomposed accent in the quote", "Defense Attache\u0301—LTC", "Defense Attaché—LTC", 27},
		{"ends in a folded dash", "Deputy Chief of Mission—", "Deputy Chief of Mission--", 20},
		{"starts with a folded dash", "—Matthew Cook", "—Matthew Cook", 24},
		{"case differs", "eric dalton", "", 0},
		{"words differ", "79 % of Malians", "", 0},
		{"citation marker in the quote", "favorably.[1]", "", 0},
		{"menu text", "Open main menu", "", 0},
		{"empty", "", "", 0},
		{"only space", " \t\n", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			span, ok := c.Find(d, tt.quote)
			if tt.want == "" {
				if ok {
					t.Errorf("found %q at %+v, want not found", d.Text[span.Start:span.End], span)
				}
				return
			}
			if !ok {
				t.Fatalf("not found")
			}
			if span.Start < 0 || span.End > len(d.Text) || span.Start > span.End {
				t.Fatalf("span %+v outside the text", span)
			}
			if got := d.Text[span.Start:span.End]; got != tt.want {
				t.Errorf("span covers %q, want %q", got, tt.want)
			}
			if clean.FoldString(d.Text[span.Start:span.End]) != clean.FoldString(tt.quote) {
				t.Errorf("span text does not fold to the quote")
			}
			if span.Line != tt.line {
				t.Errorf("span line %d, want %d", span.Line, tt.line)
			}
		})
	}
}

// The first occurrence wins.
func TestFindFirst(t *testing.T) {
	d := docFrom(t, "twice", "Intro line of the text.\n\nThe coup -- in March.\n\nLater: the coup — in March.\n")
	c := check.NewCorpus([]*document.Document{d})
	span, ok := c.Find(d, "the coup – in March")
	if !ok {
		t.Fatal("not found")
	}
	if got := d.Text[span.Start:span.End]; got != "the coup — in March" || span.Line != 5 {
		t.Errorf("span %q line %d", got, span.Line)
	}
}

// Find is safe for concurrent use (run with -race).
func TestFindConcurrent(t *testing.T) {
	d := seedDoc(t)
	d2 := docFrom(t, "other", "Another text — with a dash.\n")
	c := check.NewCorpus([]*document.Document{d, d2})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, q := d, "Peter Barlerin"
			if i%2 == 1 {
				doc, q = d2, "text - with"
			}
			if _, ok := c.Find(doc, q); !ok {
				t.Errorf("goroutine %d: %q not found", i, q)
			}
		}()
	}
	wg.Wait()
}

func TestCorpusDocument(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	if got, ok := c.Document("mali-united-states"); !ok || got != d {
		t.Error("Document(mali-united-states) not found")
	}
	if _, ok := c.Document("nope"); ok {
		t.Error("Document(nope) found")
	}
}

const evidenceFacts = `- kind: official
  countries: [MLI, USA]
  name: Matthew Cook
  evidence:
    document: mali-united-states
    quote: "Management Officer--Matthew Cook"
- kind: official
  name: Someone
  evidence:
    document: mali-us
    quote: "Defense Attaché—LTC Eric Dalton"
- kind: official
  name: Someone Else
  evidence:
    document: mali-united-states
    quote: Consular Officer—Rebecca Black
- kind: official
  name: No Evidence
- kind: official
  name: Odd Evidence
  evidence: {document: 7, quote: x}
- kind: official
  name: No Quote
  evidence: {document: mali-united-states}
`

func readFacts(t *testing.T, src string) []*fact.Fact {
	t.Helper()
	var facts []*fact.Fact
	sink := load.Sink{
		Fact:   func(f *fact.Fact) { f.ID = f.String("/name"); facts = append(facts, f) },
		Reject: func(is issue.Issue) { t.Fatalf("fixture rejected: %v", is) },
		Issue:  func(is issue.Issue) { t.Fatalf("fixture issue: %v", is) },
	}
	if err := load.ReadYAML("facts.yaml", strings.NewReader(src), sink); err != nil {
		t.Fatal(err)
	}
	return facts
}

func TestEvidence(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	facts := readFacts(t, evidenceFacts)
	tests := []struct {
		name    string
		f       *fact.Fact
		code    string // "" for no issue
		pointer string
		line    int
		col     int
		msg     []string
	}{
		{"found", facts[0], "", "", 0, 0, nil},
		{"unknown document", facts[1], "evidence.document-unknown", "/evidence/document", 10, 15, []string{`"mali-us"`, "mali-united-states"}},
		{"quote not found", facts[2], "evidence.quote-not-found", "/evidence/quote", 16, 12, []string{"Consular Officer—Rebecca Black", `"mali-united-states"`}},
		{"no evidence", facts[3], "", "", 0, 0, nil},
		{"document not a string", facts[4], "", "", 0, 0, nil},
		{"no quote", facts[5], "", "", 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := check.Evidence(c, tt.f)
			if tt.code == "" {
				if len(got) != 0 {
					t.Errorf("issues %v, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("issues %v, want one %s", got, tt.code)
			}
			is := got[0]
			if is.Code != tt.code || is.Pointer != tt.pointer || is.Line != tt.line || is.Column != tt.col {
				t.Errorf("issue %s %s at %d:%d, want %s %s at %d:%d", is.Code, is.Pointer, is.Line, is.Column, tt.code, tt.pointer, tt.line, tt.col)
			}
			if is.File != "facts.yaml" || is.Record != tt.f.ID || is.Severity != issue.Error {
				t.Errorf("issue = %+v", is)
			}
			for _, m := range tt.msg {
				if !strings.Contains(is.Message, m) {
					t.Errorf("message %q does not mention %s", is.Message, m)
				}
			}
			if tt.f.Span != nil {
				t.Errorf("span set on a fact whose evidence failed: %+v", tt.f.Span)
			}
		})
	}
	// The found quote's span is stored on the fact.
	sp := facts[0].Span
	if sp == nil {
		t.Fatal("no span stored")
	}
	if got := d.Text[sp.Start:sp.End]; got != "Management Officer—Matthew Cook" || sp.Line != 24 {
		t.Errorf("span %q line %d", got, sp.Line)
	}
}

func TestEvidenceNoDocuments(t *testing.T) {
	facts := readFacts(t, evidenceFacts)
	got := check.Evidence(check.NewCorpus(nil), facts[0])
	if len(got) != 1 || got[0].Code != "evidence.document-unknown" || !strings.Contains(got[0].Message, "none loaded") {
		t.Errorf("issues %v", got)
	}
}

// Every span Find returns lies on rune boundaries of the clean text.
func TestFindSpansOnRuneBoundaries(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	for _, q := range []string{"Officer—", "—Kate", "Attaché", "Mission--", "Mali – United"} {
		span, ok := c.Find(d, q)
		if !ok {
			t.Errorf("%q not found", q)
			continue
		}
		if s := d.Text[span.Start:span.End]; !utf8.ValidString(s) {
			t.Errorf("%q: span %q is not on rune boundaries", q, s)
		}
	}
}

// A quote that ends a paragraph or a list item gets a span that ends with
// it: the line break after it folds to white space but is not part of the
// span (regression: the shipped facts' spans ended one byte too far).
func TestFindSpanEndsWithTheQuote(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	for _, q := range []string{
		"There is a U.S. Embassy in Bamako, Mali.",
		"Defense Attaché—LTC Eric Dalton",
		"In response to the coup, all aid from the United States was cut off.",
		"Former ambassadors",
		"Eric Dalton",
	} {
		t.Run(q, func(t *testing.T) {
			span, ok := c.Find(d, q)
			if !ok {
				t.Fatal("not found")
			}
			if got := d.Text[span.Start:span.End]; got != q {
				t.Errorf("span covers %q, want %q", got, q)
			}
		})
	}
}

// A quote that ends with an em dash at the very end of the text gets a
// span that holds the whole dash, not part of its UTF-8 bytes.
func TestFindSpanKeepsDashAtEndOfText(t *testing.T) {
	d := docFrom(t, "tail", "The list of officials.\n\nConsular Officer—")
	c := check.NewCorpus([]*document.Document{d})
	span, ok := c.Find(d, "Consular Officer—")
	if !ok {
		t.Fatal("not found")
	}
	got := d.Text[span.Start:span.End]
	if !utf8.ValidString(got) || got != "Consular Officer—" {
		t.Errorf("span [%d,%d) covers %q, want %q", span.Start, span.End, got, "Consular Officer—")
	}
}

// On the seed and every test article, a quote of seven words taken from
// the clean text is found, and its span covers text that folds to the
// quote, with no white space at either end.
func TestFindSpanIsExactOnArticles(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/articles/*.txt")
	paths = append(paths, "../../sources/mali-united-states.txt")
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			d := loadDoc(t, p)
			c := check.NewCorpus([]*document.Document{d})
			var starts []int
			for i := range len(d.Text) {
				if i == 0 || d.Text[i-1] == ' ' || d.Text[i-1] == '\n' {
					starts = append(starts, i)
				}
			}
			bad := 0
			for k := 0; k+7 < len(starts) && bad < 5; k += 3 {
				q := d.Text[starts[k] : starts[k+7]-1]
				span, ok := c.Find(d, q)
				if !ok {
					t.Errorf("quote %q not found", q)
					bad++
					continue
				}
				got := d.Text[span.Start:span.End]
				if clean.FoldString(got) != clean.FoldString(q) || strings.TrimSpace(got) != got {
					t.Errorf("quote %q: span covers %q", q, got)
					bad++
				}
			}
		})
	}
}

// Find answers a quote asked again as it did the first time, past the
// moment its cache of quotes is emptied.
func TestFindAgain(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	quotes := []string{"There is a U.S. Embassy in Bamako", "Consular Officer–Rebecca Drame", "not in the article"}
	type answer struct {
		span  fact.Span
		found bool
	}
	first := map[string]answer{}
	for _, q := range quotes {
		s, ok := c.Find(d, q)
		first[q] = answer{s, ok}
	}
	for i := range 10_000 { // more quotes than the cache holds
		c.Find(d, fmt.Sprintf("quote %d", i))
		if i%997 == 0 {
			for _, q := range quotes {
				if s, ok := c.Find(d, q); (answer{s, ok}) != first[q] {
					t.Fatalf("%q after %d other quotes: %v %v, want %v", q, i, s, ok, first[q])
				}
			}
		}
	}
}
