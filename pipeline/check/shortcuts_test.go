package check

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline/normalize"
)

// hash64 is hash/fnv's FNV-1a, but never 0.
func TestHash64IsFNV1a(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 10000; i++ {
		b := make([]byte, r.IntN(40))
		for j := range b {
			b[j] = byte(r.IntN(256))
		}
		h := fnv.New64a()
		h.Write(b)
		want := h.Sum64()
		if want == 0 {
			want = 1
		}
		if got := hash64(string(b)); got != want {
			t.Fatalf("hash64(%q) = %x, FNV-1a %x", b, got, want)
		}
	}
}

// appendWords splits FoldKey's output as strings.Fields does.
func TestAppendWordsAsFields(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 17))
	pieces := []string{"a", "Z", "9", " ", "  ", "-", ".", "é", "Ø", "\t", "’", "x y"}
	for i := 0; i < 20000; i++ {
		var b []byte
		for k := r.IntN(8); k > 0; k-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		s := normalize.FoldKey(string(b))
		got, want := appendWords(nil, s), strings.Fields(s)
		if len(got) != len(want) || (len(got) > 0 && !slices.Equal(got, want)) {
			t.Fatalf("appendWords(%q) = %q, strings.Fields %q", s, got, want)
		}
	}
}
