package schema

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/normalize"
)

// typedNumberBefore is how typedScalar read a number before jsonNumber:
// through encoding/json.
func typedNumberBefore(s string) any {
	t := strings.TrimSpace(s)
	if normalize.AmbiguousNumber(t) {
		return s
	}
	var n json.Number
	if json.Unmarshal([]byte(t), &n) == nil && t != "" && (t[0] == '-' || t[0] >= '0' && t[0] <= '9') {
		return json.Number(t)
	}
	return s
}

// typedScalar reads numbers as encoding/json and AmbiguousNumber did, on
// texts made of the characters numbers are written with.
func TestTypedNumberAsBefore(t *testing.T) {
	cases := []string{"", " ", "0", "-0", "00", "01", "1990", "55.2", "-7", "+7", "1.", ".5", "1e3", "1E+3", "1e", "1.5e-3",
		"1.000", "12,345", "1,000.5", "1.000,5", " 42 ", "4 2", "1_000", "0x1F", "NaN", "Infinity", "-", "--1", "1-", "\"5\"", "null", "true",
		"79%", "1\u00a0000", "\u00a042"}
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789-+.,eE x"
	for i := 0; i < 50000; i++ {
		b := make([]byte, 1+r.IntN(8))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, typ := range []string{"number", "integer"} {
		for _, s := range cases {
			if got, want := typedScalar(typ, s), typedNumberBefore(s); got != want {
				t.Fatalf("typedScalar(%q, %q) = %#v, want %#v", typ, s, got, want)
			}
		}
	}
}

// TypeText types the fields of a CSV row alike whether the kind was
// loaded (pointers split once) or built by hand.
func TestTypeTextSplitOnce(t *testing.T) {
	s, err := Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	k := s.Kinds["poll"]
	if len(k.colPath) != len(k.Columns) {
		t.Fatalf("%d paths for %d columns", len(k.colPath), len(k.Columns))
	}
	row := func() *fact.Fact {
		return &fact.Fact{Fields: map[string]any{"kind": "poll", "countries": "MLI; USA", "year": "1990", "value": "55.2",
			"rank": "1.000", "evidence": map[string]any{"document": "d", "quote": "q"}}}
	}
	a, b := row(), row()
	k.TypeText(a)
	byHand := *k
	byHand.colPath = nil
	byHand.TypeText(b)
	if !reflect.DeepEqual(a.Fields, b.Fields) {
		t.Fatalf("loaded kind: %v\nby hand: %v", a.Fields, b.Fields)
	}
	if a.Fields["year"] != json.Number("1990") || a.Fields["rank"] != "1.000" || !reflect.DeepEqual(a.Fields["countries"], []any{"MLI", "USA"}) {
		t.Fatalf("typed as %v", a.Fields)
	}
}

// BenchmarkTypeText types a poll row read from CSV.
func BenchmarkTypeText(b *testing.B) {
	s, err := Load("../../schemas")
	if err != nil {
		b.Fatal(err)
	}
	k := s.Kinds["poll"]
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f := &fact.Fact{Fields: map[string]any{"kind": "poll", "countries": "MLI;USA", "year": "1990", "source": "World Poll",
			"population": "Malians", "measure": "approve", "value": "55.2",
			"evidence": map[string]any{"document": "mli-usa-polls", "quote": "In the 1990 World Poll, 55.2% of Malians approved."}}}
		k.TypeText(f)
	}
}
