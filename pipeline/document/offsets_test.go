package document

import (
	"math/rand/v2"
	"testing"
)

// TestMapOneForOneJoins holds that a one-byte replacement of one byte
// joins the exact runs around it and that every offset maps as it did when
// it was a run of its own.
func TestMapOneForOneJoins(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var m, ref Map
		src := 0
		for range rng.IntN(40) {
			n := 1 + rng.IntN(5)
			switch rng.IntN(4) {
			case 0, 1:
				m.Add(src, n, true)
				ref.Add(src, n, true)
				src += n
			case 2: // a white space byte folded to a space
				m.Replace(src, 1, 1)
				ref.runs = append(ref.runs, run{out: int32(ref.n), src: int32(src), n: 1, srcN: 1})
				ref.n++
				src++
			default:
				srcN := 1 + rng.IntN(3)
				m.Replace(src, srcN, n)
				ref.Replace(src, srcN, n)
				src += srcN + rng.IntN(2) // a cut, now and then
			}
		}
		if m.Len() != ref.Len() {
			t.Fatalf("round %d: Len %d, want %d", round, m.Len(), ref.Len())
		}
		for off := -1; off <= m.Len()+1; off++ {
			if g, w := m.Raw(off), ref.Raw(off); g != w {
				t.Fatalf("round %d: Raw(%d) = %d, want %d", round, off, g, w)
			}
			if g, w := m.RawEnd(off), ref.RawEnd(off); g != w {
				t.Fatalf("round %d: RawEnd(%d) = %d, want %d", round, off, g, w)
			}
		}
	}
	var m Map
	m.Add(0, 4, true)
	m.Replace(4, 1, 1)
	m.Add(5, 3, true)
	if len(m.runs) != 1 {
		t.Errorf("words and the space between them: %d runs, want 1", len(m.runs))
	}
}
