package load

import (
	"bytes"
	"encoding/json"
	"strconv"

	"dossier/pipeline/fact"
)

// jsonLocator finds JSON pointers in the raw bytes of one JSON value. It
// re-scans the bytes only when asked, which happens only for values that have
// an issue, so the fast path keeps nothing but the byte slice.
type jsonLocator struct {
	data  []byte // the record's bytes
	base  fact.Pos
	lines *lineIndex // nil when data is a single line starting at base
	off   int        // offset of data within the file (with lines)
}

func (l *jsonLocator) Locate(pointer string) fact.Pos {
	off := locateJSON(l.data, fact.SplitPointer(pointer))
	if l.lines != nil {
		return l.lines.pos(l.off + off)
	}
	return fact.Pos{Line: l.base.Line, Col: l.base.Col + runeCount(l.data[:off])}
}

func runeCount(b []byte) int { return len(bytes.Runes(b)) }

// locateJSON returns the offset in data of the value at the path, or of the
// deepest existing value on the way there.
func locateJSON(data []byte, path []string) int {
	s := &scanner{data: data}
	s.ws()
	best := s.i
	for _, tok := range path {
		if s.i >= len(s.data) {
			return best
		}
		switch s.data[s.i] {
		case '{':
			if !s.findKey(tok) {
				return best
			}
		case '[':
			n, err := strconv.Atoi(tok)
			if err != nil || !s.findIndex(n) {
				return best
			}
		default:
			return best
		}
		best = s.i
	}
	return best
}

type scanner struct {
	data []byte
	i    int
}

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// findKey, at '{', moves to the value of key and reports whether it exists.
func (s *scanner) findKey(key string) bool {
	s.i++ // {
	for {
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			return false
		}
		start := s.i
		s.skipString()
		raw := s.data[start:s.i]
		var k string
		if bytes.IndexByte(raw, '\\') < 0 {
			k = string(raw[1 : len(raw)-1])
		} else if json.Unmarshal(raw, &k) != nil {
			return false
		}
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return false
		}
		s.i++
		s.ws()
		if k == key {
			return true
		}
		s.skipValue()
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ',' {
			return false
		}
		s.i++
	}
}

// findIndex, at '[', moves to element n and reports whether it exists.
func (s *scanner) findIndex(n int) bool {
	s.i++ // [
	for k := 0; ; k++ {
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] == ']' {
			return false
		}
		if k == n {
			return true
		}
		s.skipValue()
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ',' {
			return false
		}
		s.i++
	}
}

func (s *scanner) skipString() {
	s.i++ // opening quote
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			return
		}
		s.i++
	}
}

// skipValue skips one value of any type; nesting is tracked with a counter so
// deep input cannot exhaust the stack.
func (s *scanner) skipValue() {
	depth := 0
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch c {
		case '"':
			s.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				s.i++
				return
			}
		case ',':
			if depth == 0 {
				return
			}
		case ' ', '\t', '\n', '\r':
			if depth == 0 {
				return
			}
		}
		s.i++
	}
}

// lineIndex maps byte offsets of a file to 1-based line and rune column.
type lineIndex struct {
	data   []byte
	starts []int
}

func newLineIndex(data []byte) *lineIndex {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{data: data, starts: starts}
}

func (x *lineIndex) pos(off int) fact.Pos {
	lo, hi := 0, len(x.starts)
	for lo+1 < hi {
		m := (lo + hi) / 2
		if x.starts[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return fact.Pos{Line: lo + 1, Col: runeCount(x.data[x.starts[lo]:off]) + 1}
}
