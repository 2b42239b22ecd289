package extract_test

import (
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/extract"
)

func TestPair(t *testing.T) {
	tests := []struct {
		name string
		doc  *document.Document
		want [2]string
		ok   bool
	}{
		{"meta countries", &document.Document{Title: "Anything", Meta: map[string]any{"countries": []any{"NER", "USA"}}}, [2]string{"NER", "USA"}, true},
		{"meta names", &document.Document{Meta: map[string]any{"countries": []any{"Mali", "U.S."}}}, [2]string{"MLI", "USA"}, true},
		{"title with en dash", &document.Document{Title: "Niger–United States relations"}, [2]string{"NER", "USA"}, true},
		{"title with spaced en dash", &document.Document{Title: "Mali – United States relations"}, [2]string{"MLI", "USA"}, true},
		{"title with a hyphen in a name", &document.Document{Title: "Guinea-Bissau–Portugal relations"}, [2]string{"GNB", "PRT"}, true},
		{"title with a plain hyphen", &document.Document{Title: "Mali-United States relations"}, [2]string{"MLI", "USA"}, true},
		{"title with diacritics", &document.Document{Title: "Côte d'Ivoire–United States relations"}, [2]string{"CIV", "USA"}, true},
		{"bad meta, good title", &document.Document{Title: "Chad–France relations", Meta: map[string]any{"countries": []any{"XXX"}}}, [2]string{"TCD", "FRA"}, true},
		{"title in words", &document.Document{Title: "Relations between Mali and the United States"}, [2]string{"MLI", "USA"}, true},
		{"first sentence", docOf("", "Open main menu\n\nThe relations between the Republic of Niger and the United States of America are old.\n"), [2]string{"NER", "USA"}, true},
		{"a line naming relations", docOf("", "Open main menu\n\nMali – United States relations\nMap indicating locations of Mali and USA\n"), [2]string{"MLI", "USA"}, true},
		{"nothing", docOf("", "Hello world.\n"), [2]string{}, false},
		{"one country twice", &document.Document{Title: "Mali–Mali relations"}, [2]string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := extract.Pair(tt.doc)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Pair = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
	if _, ok := extract.Pair(nil); ok {
		t.Error("Pair(nil) ok")
	}
}

func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	kinds := map[string]bool{"official": true, "poll": true, "mission": true, "event": true, "ambassador": true, "program": true}
	for _, r := range extract.Rules() {
		if r.ID == "" || r.Doc == "" || r.Fn == nil || !kinds[r.Kind] {
			t.Errorf("incomplete rule %+v", r)
		}
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
	}
	// Every fact names a rule of the table, of its kind.
	d := docOf("", "")
	raw, err := readSeed()
	if err != nil {
		t.Skip(err)
	}
	d = docOf("Mali – United States relations", raw)
	byID := map[string]string{}
	for _, r := range extract.Rules() {
		byID[r.ID] = r.Kind
	}
	for _, f := range extract.Document(d) {
		if byID[f.Rule] != f.Kind {
			t.Errorf("fact of kind %s from rule %q", f.Kind, f.Rule)
		}
	}
}

func TestDocumentDeterministic(t *testing.T) {
	raw, err := readSeed()
	if err != nil {
		t.Skip(err)
	}
	a := extract.Document(docOf("", raw))
	b := extract.Document(docOf("", raw))
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d facts", len(a), len(b))
	}
	for i := range a {
		if a[i].Rule != b[i].Rule || a[i].Start != b[i].Start || a[i].Quote() != b[i].Quote() {
			t.Errorf("fact %d differs: %v / %v", i, a[i], b[i])
		}
	}
	if extract.Document(nil) != nil || extract.Document(&document.Document{}) != nil {
		t.Error("an empty document gave facts")
	}
}

// A document that was never segmented is segmented from its text.
func TestDocumentWithoutBlocks(t *testing.T) {
	raw, err := readSeed()
	if err != nil {
		t.Skip(err)
	}
	with := docOf("Mali – United States relations", raw)
	without := *with
	without.Blocks = nil
	a, b := extract.Document(with), extract.Document(&without)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d facts with blocks, %d without", len(a), len(b))
	}
	for i := range a {
		if a[i].Quote() != b[i].Quote() {
			t.Errorf("fact %d: %q / %q", i, a[i].Quote(), b[i].Quote())
		}
	}
}

// Documents may be extracted on every core at once: the package keeps no
// state between them.
func TestDocumentConcurrent(t *testing.T) {
	raw, err := readSeed()
	if err != nil {
		t.Skip(err)
	}
	want := len(extract.Document(docOf("Mali – United States relations", raw)))
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			got := len(extract.Document(docOf("Mali – United States relations", raw)))
			if got != want {
				errs <- "different result"
				return
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
