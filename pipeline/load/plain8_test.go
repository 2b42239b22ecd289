package load

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// plain8 says of a word what testing its eight bytes one by one says, for
// words made mostly of the bytes at the edges of each test.
func TestPlain8(t *testing.T) {
	edges := []byte{0, 0x1f, ' ', '!', '"', '#', '[', '\\', ']', 0x7e, 0x7f, 0x80, 0xc3, 0xff, 'a'}
	r := rand.New(rand.NewPCG(5, 6))
	var b [8]byte
	for range 500_000 {
		want := true
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = edges[r.IntN(len(edges))]
			}
			if c := b[i]; c == '"' || c == '\\' || c < ' ' || c >= 0x80 {
				want = false
			}
		}
		if got := plain8(binary.LittleEndian.Uint64(b[:])); got != want {
			t.Fatalf("plain8(%q) = %v, want %v", b, got, want)
		}
	}
}
