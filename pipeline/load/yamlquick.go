package load

import (
	"bytes"
	"encoding/json"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"

	"dossier/pipeline/fact"
)

// Most YAML fact files have one plain shape: each item a block mapping
// whose values are one-line scalars, sequences of them (flow on one line,
// or block, one item a line) or block mappings of the same. quickYAMLItem reads an item of that
// shape directly, five to ten times faster than go-yaml builds its node
// tree; anything else (a tag, an anchor, a block scalar, a multi-line or
// null value, an escape it does not know, a tab, a duplicate key, ...)
// makes it give up, and the item goes through go-yaml as before. What it
// accepts it reads exactly as go-yaml and yamlConverter do (the
// FuzzQuickYAMLItem target holds the two equal), so no output changes.

// quickYAMLItem reads raw, one item of a top-level block sequence as
// ScanYAML cuts it ("-" at column 0 first), when it has the plain shape.
// It returns the item's fields and the column of its first key (where
// go-yaml places the mapping), or ok false.
func quickYAMLItem(raw []byte, maxDepth int) (fields map[string]any, col int, ok bool) {
	if !quickYAMLText(raw) || len(raw) < 2 || raw[0] != '-' || raw[1] != ' ' {
		return nil, 0, false
	}
	q := &yamlQuick{data: raw, maxDepth: maxDepth}
	q.eol, q.next = q.lineEnd(0)
	q.i = 1
	for q.i < q.eol && raw[q.i] == ' ' {
		q.i++
	}
	indent := q.i // all ASCII before it: the column is the byte offset
	m, ok := q.mapping(indent, 0)
	if !ok || q.i < len(raw) {
		return nil, 0, false
	}
	return m, indent + 1, true
}

// quickYAMLText reports whether every character of b is one go-yaml
// accepts and quickYAMLItem knows: printable, UTF-8, no tab, no carriage
// return but before a line feed, no byte order mark and none of the line
// breaks YAML 1.1 adds (U+0085, U+2028, U+2029).
func quickYAMLText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\n' && !(c == '\r' && i+1 < len(b) && b[i+1] == '\n')) || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return false
		case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

type yamlQuick struct {
	data     []byte
	i        int // the next byte to read
	eol      int // the end of the current line (its line break, or len(data))
	next     int // the start of the next line
	indent   int // the indent of the line nextLine moved to, -1 at the end
	maxDepth int
}

// lineEnd returns the end of the line starting at from (its "\n" or
// "\r\n", or the end of the data) and the start of the next.
func (q *yamlQuick) lineEnd(from int) (eol, next int) {
	k := bytes.IndexByte(q.data[from:], '\n')
	if k < 0 {
		return len(q.data), len(q.data)
	}
	k += from
	if k > from && q.data[k-1] == '\r' {
		return k - 1, k + 1
	}
	return k, k + 1
}

// nextLine moves to the next line holding content, skipping blank lines
// and comment lines not indented deeper than indent (deeper ones give up,
// since one may sit inside a value). It returns the new line's indent, or
// -1 at the end of the item.
func (q *yamlQuick) nextLine(indent int) (int, bool) {
	for q.next < len(q.data) {
		start := q.next
		q.eol, q.next = q.lineEnd(start)
		k := start
		for k < q.eol && q.data[k] == ' ' {
			k++
		}
		if k == q.eol {
			continue
		}
		if q.data[k] == '#' {
			if k-start > indent {
				return 0, false
			}
			continue
		}
		q.i, q.indent = k, k-start
		return q.indent, true
	}
	q.i, q.indent = len(q.data), -1
	return -1, true
}

// mapping reads a block mapping whose keys are at column indent (0-based),
// the first at q.i, at depth nested levels.
func (q *yamlQuick) mapping(indent, depth int) (map[string]any, bool) {
	if depth >= q.maxDepth {
		return nil, false
	}
	m := make(map[string]any, 12)
	for {
		k, ok := q.key()
		if !ok {
			return nil, false
		}
		if _, dup := m[k]; dup {
			return nil, false
		}
		q.blanks()
		if q.i == q.eol || q.data[q.i] == '#' {
			// A block sequence or a nested mapping on the lines below (or
			// a null: give up). A sequence may start at the key's column.
			next, ok := q.nextLine(indent)
			var v any
			switch {
			case !ok || next < indent:
				return nil, false
			case q.atItem():
				v, ok = q.sequence(next, depth+1)
			case next > indent:
				v, ok = q.mapping(next, depth+1)
			default:
				return nil, false
			}
			if !ok {
				return nil, false
			}
			m[k] = v
		} else {
			v, ok := q.value(depth + 1)
			if !ok || !q.lineDone() {
				return nil, false
			}
			m[k] = v
			if _, ok := q.nextLine(indent); !ok {
				return nil, false
			}
		}
		// q.i is at the next line's content, or at the end (indent -1).
		switch {
		case q.indent == indent:
			continue
		case q.indent < indent:
			return m, true
		default:
			return nil, false
		}
	}
}

// atItem reports whether the line at q.i starts a block sequence item:
// "-" and a blank.
func (q *yamlQuick) atItem() bool {
	return q.i+1 < q.eol && q.data[q.i] == '-' && q.data[q.i+1] == ' '
}

// sequence reads a block sequence whose "-" are at column indent, the
// first at q.i, at depth levels: each item a value on its line.
func (q *yamlQuick) sequence(indent, depth int) ([]any, bool) {
	if depth >= q.maxDepth {
		return nil, false
	}
	out := make([]any, 0, 4)
	for {
		q.i += 2 // "- "
		q.blanks()
		if q.i == q.eol || q.data[q.i] == '#' {
			return nil, false // a null or a nested block: left to go-yaml
		}
		v, ok := q.value(depth + 1)
		if !ok || !q.lineDone() {
			return nil, false
		}
		out = append(out, v)
		if _, ok := q.nextLine(indent); !ok {
			return nil, false
		}
		switch {
		case q.indent == indent && q.atItem():
			continue
		case q.indent > indent:
			return nil, false
		}
		return out, true
	}
}

// maxQuickKey bounds a key's length, well under the 1024 characters
// go-yaml allows a simple key.
const maxQuickKey = 128

// key reads "name:" followed by a blank or the line's end: a name of
// ASCII letters, digits, "_" and "-", starting with a letter or "_".
func (q *yamlQuick) key() (string, bool) {
	start := q.i
	for q.i < q.eol {
		c := q.data[q.i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || q.i > start && (c >= '0' && c <= '9' || c == '-') {
			q.i++
			continue
		}
		break
	}
	if q.i == start || q.i-start > maxQuickKey || q.i == q.eol || q.data[q.i] != ':' {
		return "", false
	}
	k := view(q.data[start:q.i])
	q.i++
	if q.i < q.eol && q.data[q.i] != ' ' {
		return "", false
	}
	return k, true
}

func (q *yamlQuick) blanks() {
	for q.i < q.eol && q.data[q.i] == ' ' {
		q.i++
	}
}

// lineDone reports whether the rest of the line is blanks and perhaps a
// comment after a blank.
func (q *yamlQuick) lineDone() bool {
	if q.i == q.eol {
		return true
	}
	if q.data[q.i] != ' ' {
		return false
	}
	q.blanks()
	return q.i == q.eol || q.data[q.i] == '#'
}

// value reads a value that starts at q.i and ends on its line: a quoted
// or plain scalar or a flow sequence, at depth levels.
func (q *yamlQuick) value(depth int) (any, bool) {
	switch q.data[q.i] {
	case '"':
		return q.doubleQuoted()
	case '\'':
		return q.singleQuoted()
	case '[':
		return q.flowSequence(depth)
	}
	start := q.i
	end := q.eol
	// A comment ends a plain scalar; ": " would make it a key.
	for k := start; k < q.eol; k++ {
		if q.data[k] == '#' && k > start && q.data[k-1] == ' ' {
			end = k
			break
		}
		if q.data[k] == ':' && (k+1 == q.eol || q.data[k+1] == ' ') {
			return nil, false
		}
	}
	for end > start && q.data[end-1] == ' ' {
		end--
	}
	q.i = end
	return plainScalar(q.data[start:end])
}

// flowSequence reads "[a, b, ...]" on one line, of scalars only.
func (q *yamlQuick) flowSequence(depth int) (any, bool) {
	if depth >= q.maxDepth {
		return nil, false
	}
	q.i++ // [
	q.blanks()
	out := make([]any, 0, 4)
	if q.i < q.eol && q.data[q.i] == ']' {
		q.i++
		return out, true
	}
	for q.i < q.eol {
		var v any
		var ok bool
		switch q.data[q.i] {
		case '"':
			v, ok = q.doubleQuoted()
		case '\'':
			v, ok = q.singleQuoted()
		default:
			start := q.i
			for q.i < q.eol && !flowStop(q.data[q.i]) {
				q.i++
			}
			end := q.i
			for end > start && q.data[end-1] == ' ' {
				end--
			}
			v, ok = plainScalar(q.data[start:end])
		}
		if !ok {
			return nil, false
		}
		out = append(out, v)
		q.blanks()
		if q.i == q.eol {
			return nil, false
		}
		switch q.data[q.i] {
		case ']':
			q.i++
			return out, true
		case ',':
			q.i++
			q.blanks()
			if q.i < q.eol && q.data[q.i] == ']' {
				return nil, false // "[a, ]": rare, left to go-yaml
			}
		default:
			return nil, false
		}
	}
	return nil, false
}

// flowStop reports whether c ends a plain scalar in a flow sequence, or
// is one quickYAMLItem leaves to go-yaml there.
func flowStop(c byte) bool {
	switch c {
	case ',', '[', ']', '{', '}', '#', ':':
		return true
	}
	return false
}

// doubleQuoted reads a double-quoted scalar that ends on its line, with
// the escapes \" \\ \n \t \r and \u (not a surrogate): go-yaml's, and
// the common ones.
func (q *yamlQuick) doubleQuoted() (any, bool) {
	q.i++ // "
	start := q.i
	for q.i < q.eol {
		switch q.data[q.i] {
		case '"':
			s := view(q.data[start:q.i])
			q.i++
			return s, true
		case '\\':
			return q.escaped(start)
		}
		q.i++
	}
	return nil, false
}

func (q *yamlQuick) escaped(start int) (any, bool) {
	buf := make([]byte, 0, q.eol-start)
	buf = append(buf, q.data[start:q.i]...)
	for q.i < q.eol {
		c := q.data[q.i]
		if c == '"' {
			q.i++
			return string(buf), true
		}
		if c != '\\' {
			buf = append(buf, c)
			q.i++
			continue
		}
		if q.i+1 >= q.eol {
			return nil, false
		}
		e := q.data[q.i+1]
		q.i += 2
		switch e {
		case '"', '\\':
			buf = append(buf, e)
		case 'n':
			buf = append(buf, '\n')
		case 't':
			buf = append(buf, '\t')
		case 'r':
			buf = append(buf, '\r')
		case 'u':
			r, ok := hex4(q.data[q.i:q.eol])
			if !ok || r >= 0xd800 && r <= 0xdfff {
				return nil, false
			}
			q.i += 4
			buf = utf8.AppendRune(buf, r)
		default:
			return nil, false
		}
	}
	return nil, false
}

// hex4 reads the four hex digits that b starts with, as JSON and YAML
// escapes write them.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// singleQuoted reads a single-quoted scalar that ends on its line.
func (q *yamlQuick) singleQuoted() (any, bool) {
	q.i++ // '
	start := q.i
	var buf []byte
	for q.i < q.eol {
		if q.data[q.i] != '\'' {
			q.i++
			continue
		}
		if q.i+1 < q.eol && q.data[q.i+1] == '\'' {
			buf = append(buf, q.data[start:q.i+1]...)
			q.i += 2
			start = q.i
			continue
		}
		s := q.data[start:q.i]
		q.i++
		if buf == nil {
			return view(s), true
		}
		return string(append(buf, s...)), true
	}
	return nil, false
}

// plainScalar resolves a plain scalar as go-yaml and scalar do, for the
// forms it knows: words (and true, false, null), decimal numbers, and
// dates as YYYY-MM or YYYY-MM-DD, which stay strings.
func plainScalar(b []byte) (any, bool) {
	if len(b) == 0 {
		return nil, false
	}
	c := b[0]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf:
		switch string(b) {
		case "true", "True", "TRUE":
			return true, true
		case "false", "False", "FALSE":
			return false, true
		case "null", "Null", "NULL":
			return nil, true
		}
		return view(b), true
	case c == '-' || c >= '0' && c <= '9':
		if len(b) <= 30 && plainNumber(b) {
			return json.Number(view(b)), true
		}
		if plainDate(b) {
			return view(b), true
		}
	}
	return nil, false
}

// plainNumber reports whether b is -?(0|[1-9][0-9]*)(\.[0-9]+)?, but not
// "-0", which go-yaml reads as 0.
func plainNumber(b []byte) bool {
	i := 0
	if b[0] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	lead := i
	n := digits()
	if n == 0 || n > 1 && b[lead] == '0' {
		return false
	}
	if i == len(b) {
		return !(b[0] == '-' && n == 1 && b[lead] == '0')
	}
	if b[i] != '.' {
		return false
	}
	i++
	return digits() > 0 && i == len(b)
}

// plainDate reports whether b is NNNN-NN or NNNN-NN-NN.
func plainDate(b []byte) bool {
	if len(b) != 7 && len(b) != 10 {
		return false
	}
	for i, c := range b {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// view returns b as a string sharing its bytes: an item's bytes are never
// changed once ScanYAML hands them over, and the fact's locator keeps
// them anyway.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// yamlItemLocator finds pointers in an item quickYAMLItem read, by
// parsing it with go-yaml when first asked, which happens only for values
// that have an issue or a change: the fast path keeps nothing but the
// bytes. The tree is kept for the fact's other questions.
type yamlItemLocator struct {
	raw   []byte
	shift int // the item's first line in the file, minus one
	node  atomic.Pointer[yaml.Node]
}

func (l *yamlItemLocator) Locate(pointer string) fact.Pos {
	n := l.node.Load()
	if n == nil {
		var doc yaml.Node
		if yaml.Unmarshal(l.raw, &doc) != nil || len(doc.Content) != 1 || len(doc.Content[0].Content) != 1 {
			return fact.Pos{} // not reached: quickYAMLItem read it
		}
		n = doc.Content[0].Content[0]
		shiftLines(n, l.shift)
		l.node.Store(n) // two goroutines may both parse: the trees are equal
	}
	return yamlLocator{n}.Locate(pointer)
}
