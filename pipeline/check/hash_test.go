package check

import (
	"hash/fnv"
	"math/rand/v2"
	"testing"
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
