package key

import (
	"math/rand/v2"
	"testing"
)

// slug's ASCII path gives what its path through the Unicode tables gives.
func TestSlugASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 20_000 {
		b := make([]byte, r.IntN(14))
		for j := range b {
			b[j] = byte(r.IntN(128))
		}
		if i < 128 {
			b = []byte{'A', byte(i), 'b', ' ', byte(i), '7', '-'}
		}
		if got, want := slugASCII(string(b)), slugRunes(string(b)); got != want {
			t.Fatalf("%q: %q, want %q", b, got, want)
		}
	}
}
