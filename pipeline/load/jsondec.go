package load

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"dossier/pipeline/internal/plain"
)

// DecodeError is JSON that does not parse, at byte Offset of its input.
type DecodeError struct {
	Offset int
	Msg    string
	Code   string // load.syntax, or load.duplicate-key, load.too-deep
	First  int    // for a duplicate key, the offset of its first occurrence
}

func (e *DecodeError) Error() string { return e.Msg }

// decodeFast decodes exactly one JSON value (surrounding white space
// allowed) into map[string]any, []any, string, json.Number, bool or nil.
//
// It is written here rather than taken from encoding/json because it is
// three to four times faster on fact records, and because hostile input
// needs answers encoding/json does not give: a duplicate key is an error
// (encoding/json keeps the last silently), nesting is bounded, and every
// error has the offset of its byte. Numbers keep their text exactly.
func decodeFast(data []byte, maxDepth int) (any, error) {
	d := &jsonDecoder{data: data, maxDepth: maxDepth, badUTF8: -1}
	return d.decode()
}

// decode is decodeFast on the decoder's data; afterwards d.badUTF8 is the
// offset of the first byte of a string that is not UTF-8, or -1.
func (d *jsonDecoder) decode() (any, error) {
	d.ws()
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.ws()
	if d.i != len(d.data) {
		return nil, d.fail("unexpected data after the JSON value")
	}
	return v, nil
}

type jsonDecoder struct {
	data     []byte
	i        int
	depth    int
	maxDepth int
	badUTF8  int // offset of the first invalid UTF-8 byte in a string, or -1
}

func (d *jsonDecoder) fail(format string, args ...any) error {
	return &DecodeError{Offset: d.i, Msg: fmt.Sprintf(format, args...)}
}

func (d *jsonDecoder) ws() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value() (any, error) {
	if d.i >= len(d.data) {
		return nil, d.fail("unexpected end of JSON input")
	}
	switch c := d.data[d.i]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		return d.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == 'N' || c == 'I' || c == '+' || c == '.':
		return nil, d.fail("invalid number %s: NaN and Infinity are not JSON, and a number starts with - or a digit", quoteChar(c))
	default:
		return nil, d.fail("invalid character %s looking for the beginning of a value", quoteChar(c))
	}
}

func quoteChar(c byte) string {
	if c < ' ' || c >= 0x7f {
		return fmt.Sprintf("%#02x", c)
	}
	return strconv.QuoteRune(rune(c))
}

func (d *jsonDecoder) literal(lit string) error {
	if len(d.data)-d.i < len(lit) || string(d.data[d.i:d.i+len(lit)]) != lit {
		// NaN, Infinity and friends land here: not JSON.
		return d.fail("invalid literal; JSON has only true, false and null (NaN and Infinity are not JSON)")
	}
	d.i += len(lit)
	return nil
}

func (d *jsonDecoder) enter() error {
	d.depth++
	if d.depth > d.maxDepth {
		return &DecodeError{Offset: d.i, Msg: fmt.Sprintf("nesting deeper than %d levels", d.maxDepth), Code: "load.too-deep"}
	}
	return nil
}

func (d *jsonDecoder) object() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	start := d.i
	d.i++ // {
	// A record has a dozen fields or so: room for them at once. Objects
	// inside it (evidence, mostly) are small: a map grows from nothing.
	var m map[string]any
	if d.depth == 1 {
		m = make(map[string]any, 16)
	} else {
		m = map[string]any{}
	}
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == '}' {
		d.i++
		d.depth--
		return m, nil
	}
	for {
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != '"' {
			return nil, d.fail("expected a string key")
		}
		keyAt := d.i
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != ':' {
			return nil, d.fail("expected ':' after an object key")
		}
		d.i++
		d.ws()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		if _, dup := m[k]; dup {
			first := &scanner{data: d.data, i: start}
			first.findKey(k)
			return nil, &DecodeError{Offset: keyAt, Msg: fmt.Sprintf("duplicate key %q", k), Code: "load.duplicate-key", First: first.key}
		}
		m[k] = v
		d.ws()
		if d.i >= len(d.data) {
			return nil, d.fail("unexpected end of JSON input")
		}
		switch d.data[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			d.depth--
			return m, nil
		default:
			return nil, d.fail("expected ',' or '}' after an object value")
		}
	}
}

func (d *jsonDecoder) array() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.i++ // [
	a := make([]any, 0, 4)
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == ']' {
		d.i++
		d.depth--
		return a, nil
	}
	for {
		d.ws()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		d.ws()
		if d.i >= len(d.data) {
			return nil, d.fail("unexpected end of JSON input")
		}
		switch d.data[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			d.depth--
			return a, nil
		default:
			return nil, d.fail("expected ',' or ']' after an array element")
		}
	}
}

func (d *jsonDecoder) number() (any, error) {
	start := d.i
	if d.data[d.i] == '-' {
		d.i++
	}
	digits := func() int {
		n := 0
		for d.i < len(d.data) && d.data[d.i] >= '0' && d.data[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.data) && d.data[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		return nil, d.fail("invalid number")
	}
	if d.i < len(d.data) && d.data[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return nil, d.fail("invalid number: digits must follow the decimal point")
		}
	}
	if d.i < len(d.data) && (d.data[d.i] == 'e' || d.data[d.i] == 'E') {
		d.i++
		if d.i < len(d.data) && (d.data[d.i] == '+' || d.data[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return nil, d.fail("invalid number: digits must follow the exponent")
		}
	}
	return json.Number(d.view(d.data[start:d.i])), nil
}

// view returns b, a part of the record, as a string without copying it:
// the record's strings and numbers share its bytes (one allocation for
// the record instead of one for each), which DecodeRecord's callers never
// change and which the fact's locator keeps anyway.
func (d *jsonDecoder) view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// str decodes a string at d.i (the opening quote). Invalid UTF-8 and lone
// surrogates become U+FFFD, as encoding/json does.
func (d *jsonDecoder) str() (string, error) {
	d.i++ // "
	start := d.i
	// Fast path: no escapes, plain ASCII or valid UTF-8. Eight bytes at a
	// time while none of them ends the string, escapes or is not ASCII.
	ascii := true
	for d.i < len(d.data) {
		if d.i+8 <= len(d.data) && plain.JSON8(d.data[d.i:]) {
			d.i += 8
			continue
		}
		c := d.data[d.i]
		if c == '"' {
			s := d.data[start:d.i]
			d.i++
			if ascii || utf8.Valid(s) {
				return d.view(s), nil
			}
			d.noteBadUTF8(start, s)
			return string([]rune(string(s))), nil
		}
		if c == '\\' {
			return d.escapedStr(start)
		}
		if c < ' ' {
			return "", d.fail("invalid control character %s in a string", quoteChar(c))
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		d.i++
	}
	return "", d.fail("unexpected end of JSON input in a string")
}

// escapedStr goes on decoding the string that starts at start, from its
// first escape at d.i.
func (d *jsonDecoder) escapedStr(start int) (string, error) {
	buf := make([]byte, 0, d.i-start+16)
	buf = append(buf, d.data[start:d.i]...)
	for d.i < len(d.data) {
		c := d.data[d.i]
		switch {
		case c == '"':
			d.i++
			if utf8.Valid(buf) {
				return string(buf), nil
			}
			// Escapes are ASCII: the bad bytes are those of the raw text.
			d.noteBadUTF8(start, d.data[start:d.i-1])
			return string([]rune(string(buf))), nil
		case c < ' ':
			return "", d.fail("invalid control character %s in a string", quoteChar(c))
		case c != '\\':
			buf = append(buf, c)
			d.i++
			continue
		}
		d.i++ // backslash
		if d.i >= len(d.data) {
			break
		}
		var err error
		if buf, err = d.escape(buf); err != nil {
			return "", err
		}
	}
	return "", d.fail("unexpected end of JSON input in a string")
}

// escape appends to buf the character of the escape at d.i (after its
// backslash).
func (d *jsonDecoder) escape(buf []byte) ([]byte, error) {
	e := d.data[d.i]
	d.i++
	switch e {
	case '"', '\\', '/':
		return append(buf, e), nil
	case 'b':
		return append(buf, '\b'), nil
	case 'f':
		return append(buf, '\f'), nil
	case 'n':
		return append(buf, '\n'), nil
	case 'r':
		return append(buf, '\r'), nil
	case 't':
		return append(buf, '\t'), nil
	case 'u':
		r, err := d.unicodeEscape()
		return utf8.AppendRune(buf, r), err
	}
	return buf, d.fail("invalid escape \\%c in a string", e)
}

// unicodeEscape reads the four hex digits of a \u escape at d.i, and the
// low half that follows a high surrogate; a lone surrogate is U+FFFD.
func (d *jsonDecoder) unicodeEscape() (rune, error) {
	r, ok := d.hex4()
	if !ok {
		return 0, d.fail("invalid \\u escape")
	}
	if !utf16.IsSurrogate(r) {
		return r, nil
	}
	if d.i+1 >= len(d.data) || d.data[d.i] != '\\' || d.data[d.i+1] != 'u' {
		return utf8.RuneError, nil
	}
	save := d.i
	d.i += 2
	lo, ok := d.hex4()
	if !ok {
		return 0, d.fail("invalid \\u escape")
	}
	if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
		return dec, nil
	}
	d.i = save
	return utf8.RuneError, nil
}

// noteBadUTF8 keeps the offset of the first invalid byte of raw, a
// string's text starting at offset start, unless one was met before.
func (d *jsonDecoder) noteBadUTF8(start int, raw []byte) {
	if d.badUTF8 >= 0 {
		return
	}
	for k := 0; k < len(raw); {
		r, size := utf8.DecodeRune(raw[k:])
		if r == utf8.RuneError && size == 1 {
			d.badUTF8 = start + k
			return
		}
		k += size
	}
}

func (d *jsonDecoder) hex4() (rune, bool) {
	r, ok := hex4(d.data[d.i:])
	if ok {
		d.i += 4
	}
	return r, ok
}
