package load

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"dossier/pipeline/fact"
)

// jsonLocator finds JSON pointers in the raw bytes of one JSON record. It
// re-scans the bytes only when asked, which happens only for values that have
// an issue, so the fast path keeps nothing but the byte slice.
type jsonLocator struct {
	data []byte   // the record's bytes
	base fact.Pos // where data starts in the file
}

func (l *jsonLocator) Locate(pointer string) fact.Pos {
	off := locateJSON(l.data, fact.SplitPointer(pointer))
	p, _ := posAfter(l.base, false, l.data[:off])
	return p
}

// posAfter returns the position just after b, when b starts at p. A line
// ends at "\n", "\r\n" or a lone "\r", as ScanLines cuts JSON Lines; a
// column counts runes, an invalid byte as one. cr says that the byte before
// b was "\r", so that a "\n" first in b ends no second line; the result's
// cr says the same of b's last byte.
func posAfter(p fact.Pos, cr bool, b []byte) (fact.Pos, bool) {
	if len(b) == 0 {
		return p, cr
	}
	if cr && b[0] == '\n' {
		b = b[1:]
	}
	if bytes.IndexByte(b, '\n') < 0 && bytes.IndexByte(b, '\r') < 0 {
		p.Col += utf8.RuneCount(b)
		return p, false
	}
	last := bytes.LastIndexAny(b, "\r\n")
	head := b[:last+1]
	p.Line += bytes.Count(head, []byte("\n")) + bytes.Count(head, []byte("\r")) - bytes.Count(head, []byte("\r\n"))
	p.Col = 1 + utf8.RuneCount(b[last+1:])
	return p, last == len(b)-1 && b[last] == '\r'
}

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
	key  int // where the key findKey found starts
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
		if len(raw) < 2 || raw[len(raw)-1] != '"' {
			return false // the input ends inside the key
		}
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
			s.key = start
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
			if depth == 0 {
				return // the end of the object or array a scalar closes
			}
			depth--
			if depth == 0 {
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
