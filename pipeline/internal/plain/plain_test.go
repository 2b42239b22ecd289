package plain

import (
	"math/rand/v2"
	"testing"
)

// JSON8 and JSON8String say of eight bytes what testing them one by one
// says, for words made mostly of the bytes at the edges of each test.
func TestJSON8(t *testing.T) {
	edges := []byte{0, 0x1f, ' ', '!', '"', '#', '[', '\\', ']', 0x7e, 0x7f, 0x80, 0xc3, 0xff, 'a'}
	r := rand.New(rand.NewPCG(5, 6))
	b := make([]byte, 9)
	for range 500_000 {
		want := true
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = edges[r.IntN(len(edges))]
			}
			if c := b[i]; i > 0 && (c == '"' || c == '\\' || c < ' ' || c >= 0x80) {
				want = false
			}
		}
		if got := JSON8(b[1:]); got != want {
			t.Fatalf("JSON8(%q) = %v, want %v", b[1:], got, want)
		}
		if got := JSON8String(string(b), 1); got != want {
			t.Fatalf("JSON8String(%q, 1) = %v, want %v", b, got, want)
		}
	}
}
