package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/document"
)

// Fold returns the form in which quotes and text are compared: NFC, every
// run of dashes and hyphens ("--", "—", "-–") as one "-", curly quotes
// straight, white space runs as single spaces, trimmed; with a map from
// folded offsets back to offsets in s. Letters and their case are kept, so a
// quote must still say what the text says.
//
// Fold is idempotent: Fold(Fold(s)) == Fold(s). The map leads every folded
// byte to the input byte it comes from; a folded run (white space, dashes,
// a letter composed by NFC) maps to the start of what it replaces, and its
// end to the end of it (see document.Map.Replace). Invalid UTF-8 folds to
// U+FFFD.
func Fold(s string) (string, *document.Map) {
	f := folder{m: &document.Map{}}
	f.sb.Grow(len(s))
	if utf8.ValidString(s) {
		f.nfc(s, 0)
		return f.finish()
	}
	// Invalid bytes are U+FFFD, a starter: NFC applies to the valid runs
	// between them on their own.
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			j += n
		}
		f.nfc(s[i:j], i)
		if j < len(s) {
			f.rune(utf8.RuneError, s[j:j+1], j, 1, true)
			j++
		}
		i = j
	}
	return f.finish()
}

// nfc folds s, valid UTF-8 at input offset src, in NFC.
func (f *folder) nfc(s string, src int) {
	if norm.NFC.IsNormalString(s) {
		f.text(s, src)
		return
	}
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		p := it.Pos()
		seg := it.Next()
		q := it.Pos()
		orig := s[p:q]
		if string(seg) == orig {
			f.text(orig, src+p)
			continue
		}
		// NFC changed the segment: keep the common prefix exact, and map
		// the rest as one replacement of the input bytes it came from.
		k := commonPrefix(string(seg), orig)
		f.text(orig[:k], src+p)
		f.replaced(string(seg[k:]), src+p+k, q-(p+k))
	}
}

// finish drops trailing white space, writes a pending dash run and returns
// the folded text and its map.
func (f *folder) finish() (string, *document.Map) {
	if f.pend == ' ' {
		f.pend = 0
	}
	f.flush()
	f.m.Trim()
	return f.sb.String(), f.m
}

// commonPrefix returns the length of the longest common prefix of a and b
// that ends on a rune boundary of both.
func commonPrefix(a, b string) int {
	k := 0
	for k < len(a) && k < len(b) {
		r, n := utf8.DecodeRuneInString(a[k:])
		r2, n2 := utf8.DecodeRuneInString(b[k:])
		if r != r2 || n != n2 || r == utf8.RuneError {
			break
		}
		k += n
	}
	return k
}

// folder builds the folded text. A pending white space or dash run is
// written only when the next kept character shows where it ends.
type folder struct {
	sb strings.Builder
	m  *document.Map

	pend      byte // ' ' or '-' when a run is pending, else 0
	pendStart int  // input offset where the pending run starts
	pendEnd   int  // input offset where it ends
	pendExact bool // the run is a single "-" in the input
}

// text folds s, which is valid UTF-8 in NFC and starts at input offset
// src, rune by rune with an exact map.
func (f *folder) text(s string, src int) {
	for i := 0; i < len(s); {
		// A run of plain ASCII is copied in one piece.
		j := i
		for j < len(s) && plainASCII(s[j]) {
			j++
		}
		if j > i {
			f.flush()
			f.sb.WriteString(s[i:j])
			f.m.Add(src+i, j-i, true)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f.rune(r, s[i:i+size], src+i, size, true)
		i += size
	}
}

// replaced folds s, the NFC form of the n input bytes at src. Each rune of
// s maps to the whole of that input.
func (f *folder) replaced(s string, src, n int) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		f.rune(r, s[i:i+size], src, n, false)
		i += size
	}
}

// rune folds one rune: enc is its bytes, it comes from the n input bytes at
// src (exactly when exact).
func (f *folder) rune(r rune, enc string, src, n int, exact bool) {
	switch {
	case unicode.IsSpace(r):
		f.run(' ', src, n, false)
		return
	case isDash(r):
		f.run('-', src, n, exact && r == '-')
		return
	}
	f.flush()
	rep := enc
	switch r {
	case utf8.RuneError:
		rep = "\uFFFD" // an invalid byte (from Fold), or U+FFFD itself
	case '‘', '’', '‚', '‛', '′':
		rep = "'"
	case '“', '”', '„', '‟', '″':
		rep = `"`
	}
	f.sb.WriteString(rep)
	if exact && rep == enc {
		f.m.Add(src, len(rep), true)
	} else {
		f.m.Replace(src, n, len(rep))
	}
}

// run extends the pending run of kind c (' ' or '-') with n input bytes at
// src. A dash run ends a space run before it and the reverse.
func (f *folder) run(c byte, src, n int, exact bool) {
	if f.pend == c {
		f.pendEnd = max(f.pendEnd, src+n)
		f.pendExact = false
		return
	}
	f.flush()
	f.pend, f.pendStart, f.pendEnd, f.pendExact = c, src, src+n, exact
}

// flush writes the pending run, if any. White space at the start is
// dropped; at the end it is never flushed.
func (f *folder) flush() {
	c := f.pend
	if c == 0 {
		return
	}
	f.pend = 0
	if c == ' ' && f.sb.Len() == 0 {
		return
	}
	f.sb.WriteByte(c)
	if f.pendExact {
		f.m.Add(f.pendStart, 1, true)
	} else {
		f.m.Replace(f.pendStart, f.pendEnd-f.pendStart, 1)
	}
}

// plainASCII reports whether c is an ASCII byte that folds to itself: not
// white space, a hyphen, or the start of a multi-byte rune.
func plainASCII(c byte) bool {
	return c < utf8.RuneSelf && c != '-' && c != ' ' && (c < '\t' || c > '\r')
}

func isDash(r rune) bool {
	switch r {
	case '-', '–', '—', '‒', '―', '−', '‐', '‑':
		return true
	}
	return false
}

// FoldString is Fold without the map.
func FoldString(s string) string {
	f, _ := Fold(s)
	return f
}
