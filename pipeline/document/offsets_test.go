package document

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
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

// refPos is how Lines placed an offset when it kept the whole text.
func refPos(data []byte, off int) (line, col int) {
	starts := []int{0}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	off = max(0, min(off, len(data)))
	i := 0
	for i+1 < len(starts) && starts[i+1] <= off {
		i++
	}
	return i + 1, utf8.RuneCount(data[starts[i]:off]) + 1
}

// Lines keeps where the runes past ASCII end, not the text, and places
// every offset as it did with the whole text.
func TestLinesKeepRuneEndsOnly(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "bc ", "\n", "\r\n", "\r", "é", "—", "\xff", "\xe2\x80", "x\n\n", "😀", "\xf0\x9f"}
	for round := range 300 {
		var b []byte
		for range rng.IntN(30) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		l := NewLines(b)
		for off := -2; off <= len(b)+2; off++ {
			line, col := refPos(b, off)
			if got := l.Pos(off); got.Line != line || got.Col != col {
				t.Fatalf("round %d: Pos(%d) of %q = %v, want %d:%d", round, off, b, got, line, col)
			}
		}
	}
	l := NewLines([]byte("plain line\nune ligne accentuée\nplain again\n"))
	if len(l.ends) != 1 || l.ends[0] != 30 {
		t.Errorf("rune ends %v, want the é's only", l.ends)
	}
}
