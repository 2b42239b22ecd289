package fact

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// Lookup finds what LookupTokens finds with SplitPointer's tokens.
func TestLookupAsSplit(t *testing.T) {
	doc := map[string]any{"a": map[string]any{"b": []any{"x", map[string]any{"c": "y"}}, "a/b": 1, "~": 2, "": 3},
		"evidence": map[string]any{"quote": "q"}, "n": []any{[]any{"z"}}}
	r := rand.New(rand.NewPCG(12, 13))
	parts := []string{"/", "a", "b", "c", "0", "1", "01", "-1", "~0", "~1", "~", "evidence", "quote", "n", ""}
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for k := r.IntN(6); k > 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		p := b.String()
		want := any(doc)
		if p != "" {
			want = LookupTokens(doc, SplitPointer(p))
		}
		if got := Lookup(doc, p); !reflect.DeepEqual(got, want) {
			t.Fatalf("Lookup(%q) = %v, LookupTokens %v", p, got, want)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	doc := map[string]any{"evidence": map[string]any{"document": "d", "quote": "q"}}
	b.ReportAllocs()
	for b.Loop() {
		Lookup(doc, "/evidence/quote")
	}
}
