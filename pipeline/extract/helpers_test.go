package extract_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/prepare"
)

// docOf cleans and segments raw text as the pipeline does, under title.
func docOf(title, raw string) *document.Document {
	d := &document.Document{ID: "doc", Title: title, Raw: []byte(raw)}
	prepare.Text(d)
	return d
}

// factsOf extracts the facts of one kind from raw text and checks every
// span against its quote.
func factsOf(t *testing.T, title, raw, kind string) []extract.Fact {
	t.Helper()
	d := docOf(title, raw)
	var out []extract.Fact
	for _, f := range extract.Document(d) {
		checkSpan(t, d, f)
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// checkSpan checks the invariants every fact keeps.
func checkSpan(t testing.TB, d *document.Document, f extract.Fact) {
	t.Helper()
	if f.Start < 0 || f.End > len(d.Text) || f.Start > f.End {
		t.Fatalf("%s %s: span [%d,%d) outside the text (%d bytes)", f.Kind, f.Rule, f.Start, f.End, len(d.Text))
	}
	ev, ok := f.Fields["evidence"].(map[string]any)
	if !ok {
		t.Fatalf("%s %s: no evidence", f.Kind, f.Rule)
	}
	if ev["quote"] != d.Text[f.Start:f.End] {
		t.Fatalf("%s %s: quote %q is not the text at its span %q", f.Kind, f.Rule, ev["quote"], d.Text[f.Start:f.End])
	}
	if ev["document"] != d.ID {
		t.Fatalf("%s: evidence.document %v, want %q", f.Kind, ev["document"], d.ID)
	}
	if f.Fields["kind"] != f.Kind {
		t.Fatalf("kind field %v, fact kind %s", f.Fields["kind"], f.Kind)
	}
	cs, ok := f.Fields["countries"].([]any)
	if !ok || len(cs) != 2 {
		t.Fatalf("%s: countries %v", f.Kind, f.Fields["countries"])
	}
	for k, v := range f.Fields {
		switch v.(type) {
		case float64, float32, int, int64:
			t.Fatalf("%s: field %s is %T, want json.Number", f.Kind, k, v)
		}
	}
}

// summary writes the chosen fields of facts, one fact a line, sorted, as
// "k=v k=v".
func summary(facts []extract.Fact, keys ...string) []string {
	var out []string
	for _, f := range facts {
		var parts []string
		for _, k := range keys {
			if v, ok := f.Fields[k]; ok {
				parts = append(parts, fmt.Sprintf("%s=%v", k, v))
			}
		}
		out = append(out, strings.Join(parts, " "))
	}
	slices.Sort(out)
	return out
}

func sorted(xs ...string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

func checkSummary(t *testing.T, got, want []string) {
	t.Helper()
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func readSeed() (string, error) {
	b, err := os.ReadFile(seedText)
	return string(b), err
}
