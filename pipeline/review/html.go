package review

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
)

// pw writes the page: text as given, escaped, or formatted. The first
// write error is kept and returned by flush.
type pw struct {
	w *bufio.Writer
}

func newPW(w io.Writer) *pw { return &pw{w: bufio.NewWriterSize(w, 1<<16)} }

// s writes markup as given.
func (p *pw) s(parts ...string) {
	for _, s := range parts {
		p.w.WriteString(s)
	}
}

// e writes text, escaped for HTML text and quoted attribute values.
func (p *pw) e(s string) { p.w.WriteString(html.EscapeString(s)) }

// f writes formatted markup; the arguments are not escaped.
func (p *pw) f(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

func (p *pw) flush() error { return p.w.Flush() }

// esc escapes text for HTML.
func esc(s string) string { return html.EscapeString(s) }

// num writes a count with thousands separators: 1,000,000.
func num(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// plural writes "1 fact" or "3 facts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return num(n) + " " + many
}
