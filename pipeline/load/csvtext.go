package load

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"dossier/pipeline/issue"
)

// sniffBytes is how much of a CSV file is looked at to tell its encoding.
const sniffBytes = 1 << 20

// saveAsUTF8 says how to save a CSV file in the encoding dossier reads
// without guessing.
const saveAsUTF8 = `save it as UTF-8 (Excel: File > Save As > "CSV UTF-8 (Comma delimited)"; LibreOffice: Save As, "Edit filter settings", Character set "Unicode (UTF-8)")`

// EncodingError is text of a CSV file that is not in the encoding the
// start of the file is in: the reading stops there.
type EncodingError struct {
	Line, Column int
	Byte         byte
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("byte 0x%02X is not UTF-8, though the file's first %d KiB are; the rest of the file is not read: %s", e.Byte, sniffBytes>>10, saveAsUTF8)
}

// csvEncoding returns the text of a CSV file as UTF-8. Text whose first
// MiB is UTF-8 is read as UTF-8 (an invalid byte later stops the reading
// with an *EncodingError). Otherwise, text that Windows-1252 can be (no
// byte that it leaves undefined) is decoded from it, with an info issue
// saying so: it is what Excel on Windows saves as "CSV (Comma
// delimited)". Anything else is refused with a load.encoding error and a
// nil reader.
func csvEncoding(file string, r io.Reader, sink Sink) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if validPrefix(head, len(head) == sniffBytes) {
		return bufio.NewReaderSize(&utf8Guard{r: br, line: 1, col: 1}, 1<<16), nil
	}
	line, col, b := firstInvalid(head)
	if undefined := undefinedIn1252(head); undefined >= 0 {
		sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.encoding", File: file, Line: line, Column: col,
			Message: fmt.Sprintf("the file is neither UTF-8 (byte 0x%02X here is not) nor Windows-1252 (byte 0x%02X is not one either); %s", b, head[undefined], saveAsUTF8)})
		return nil, nil
	}
	sink.Issue(issue.Issue{Severity: issue.Info, Code: "load.encoding", File: file, Line: line, Column: col,
		Message: fmt.Sprintf("the file is not UTF-8 (byte 0x%02X here is not); it was read as Windows-1252, as Excel on Windows saves a CSV; to be sure of it, %s", b, saveAsUTF8)})
	return bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), 1<<16), nil
}

// undefinedIn1252 returns the index of the first byte of b that
// Windows-1252 leaves undefined, or -1.
func undefinedIn1252(b []byte) int {
	for i, c := range b {
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return i
		}
	}
	return -1
}

// validPrefix says whether b is UTF-8; when cut, b may end inside a
// character.
func validPrefix(b []byte, cut bool) bool {
	if cut {
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.RuneStart(b[len(b)-1]); i++ {
			b = b[:len(b)-1]
		}
		if len(b) > 0 && b[len(b)-1] >= utf8.RuneSelf {
			b = b[:len(b)-1]
		}
	}
	return utf8.Valid(b)
}

// firstInvalid returns the line, column (in characters) and value of the
// first byte of b that is not UTF-8.
func firstInvalid(b []byte) (line, col int, bad byte) {
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return line, col, b[0]
		}
		col++
		if r == '\n' {
			line, col = line+1, 1
		}
		b = b[size:]
	}
	return line, col, 0
}

// utf8Guard passes UTF-8 text through and stops, with an *EncodingError,
// at the first byte that is not UTF-8.
type utf8Guard struct {
	r         io.Reader
	buf       []byte
	carry     []byte // the start of a character cut by the last read
	line, col int
	err       error
}

func (g *utf8Guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer // read it through a bufio.Reader
	}
	if cap(g.buf) < len(p) {
		g.buf = make([]byte, len(p))
	}
	buf := g.buf[:len(p)]
	n := copy(buf, g.carry)
	m, err := g.r.Read(buf[n:])
	chunk := buf[:n+m]
	g.carry = g.carry[:0]
	if err == nil {
		// Keep back a character cut at the end of the chunk.
		for k := 1; k < utf8.UTFMax && k <= len(chunk); k++ {
			if c := chunk[len(chunk)-k]; utf8.RuneStart(c) {
				if c >= utf8.RuneSelf && !utf8.FullRune(chunk[len(chunk)-k:]) {
					g.carry = append(g.carry, chunk[len(chunk)-k:]...)
					chunk = chunk[:len(chunk)-k]
				}
				break
			}
		}
	}
	good := 0
	for good < len(chunk) {
		r, size := utf8.DecodeRune(chunk[good:])
		if r == utf8.RuneError && size == 1 {
			g.err = &EncodingError{Line: g.line, Column: g.col, Byte: chunk[good]}
			break
		}
		g.col++
		if r == '\n' {
			g.line, g.col = g.line+1, 1
		}
		good += size
	}
	copy(p, chunk[:good])
	if g.err != nil {
		return good, nil // the error comes with the next read
	}
	if good == 0 && err == nil && len(g.carry) > 0 {
		return g.Read(p)
	}
	return good, err
}

// csvDelimiter is the comma, semicolon or tab that the first line of the
// text holds most of outside quotes; a comma when it holds none.
func csvDelimiter(br *bufio.Reader) rune {
	line, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}
