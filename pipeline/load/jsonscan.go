package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// ScanJSON is the RecordScanner of .json fact files: it cuts the elements
// of the top-level array (or the one value that is the whole file) from r
// without decoding them, so memory holds one record at a time. An element
// longer than maxRecord is rejected as load.too-large and skipped.
//
// An element ends where its brackets and quotes balance, so a record that
// does not parse (a trailing comma, a missing colon, NaN, a duplicate key)
// is cut all the same: DecodeRecord rejects it and the records after it
// still load. What leaves no way to find the next record is a load.syntax
// issue of the file, at its place, and the scan stops there: the records
// before it are read, the rest of the file is not. That is something other
// than ',' or ']' after an element (a missing comma, a stray bracket),
// data after the array, or the end of the file inside the array; an element
// that the end of the file cuts short is still a record, which the
// decoder rejects.
func ScanJSON(file string, r io.Reader, maxRecord int, rs RecordSink) error {
	if maxRecord <= 0 {
		maxRecord = DefaultLimits.RecordBytes
	}
	s := &jsonScanner{r: r, buf: make([]byte, 0, 64<<10), pos: fact.Pos{Line: 1, Col: 1}}
	fileIssue := func(msg string, args ...any) error {
		if err := s.ioErr(); err != nil {
			return err
		}
		return rs.Issue(issue.Issue{Severity: issue.Error, Code: "load.syntax", File: file, Line: s.pos.Line, Column: s.pos.Col,
			Message: "invalid JSON: " + fmt.Sprintf(msg, args...)})
	}
	// record cuts the value at the scanner and hands it on; it reports
	// whether the value ended before the input did.
	record := func(index int) (bool, error) {
		at := s.pos
		raw, size, complete := s.value(maxRecord)
		if err := s.ioErr(); err != nil {
			return false, err
		}
		if raw == nil {
			return complete, rs.Reject(tooLarge(file, at, index, size, maxRecord))
		}
		return complete, rs.Record(at, index, raw)
	}
	c, ok := s.skipWS()
	switch {
	case !ok:
		if err := s.ioErr(); err != nil {
			return err
		}
		return rs.Issue(issue.Issue{Severity: issue.Error, Code: "load.empty", File: file, Line: 1, Column: 1, Message: "the file holds no JSON value"})
	case c == ',' || c == ']' || c == '}':
		return fileIssue("invalid character %s looking for the beginning of a value", quoteChar(c))
	case c != '[':
		// A lone value is a one-record file.
		complete, err := record(0)
		if err != nil || !complete {
			return err
		}
		return s.trailing(fileIssue, "after the first value")
	}
	s.consume(s.i + 1) // [
	c, ok = s.skipWS()
	if ok && c == ']' {
		s.consume(s.i + 1)
		return s.trailing(fileIssue, "after the array")
	}
	for index := 0; ; index++ {
		switch {
		case !ok:
			return fileIssue("unexpected end of input: the array is not closed")
		case c == ']':
			if err := fileIssue("expected a record after ',', found ']'"); err != nil {
				return err
			}
			s.consume(s.i + 1)
			return s.trailing(fileIssue, "after the array")
		case c == ',' || c == '}':
			return fileIssue("expected a record, found %s; the rest of the file is not read", quoteChar(c))
		}
		complete, err := record(index)
		if err != nil || !complete {
			return err
		}
		c, ok = s.skipWS()
		switch {
		case !ok:
			return fileIssue("unexpected end of input: the array is not closed")
		case c == ']':
			s.consume(s.i + 1)
			return s.trailing(fileIssue, "after the array")
		case c != ',':
			return fileIssue("expected ',' or ']' after record %d, found %s; the rest of the file is not read", index+1, quoteChar(c))
		}
		s.consume(s.i + 1)
		c, ok = s.skipWS()
	}
}

// jsonScanner reads a JSON file through a window that holds at most one
// record (and what the reader gave after it), tracking the position of the
// next byte.
type jsonScanner struct {
	r   io.Reader
	buf []byte // buf[i:] is read and not yet consumed
	i   int
	err error    // the reader's error, once met (io.EOF at the end)
	pos fact.Pos // position of buf[i]
	cr  bool     // the byte before buf[i] is '\r'
}

// ioErr is the reader's error, if it is not the end of the input.
func (s *jsonScanner) ioErr() error {
	if s.err == nil || errors.Is(s.err, io.EOF) {
		return nil
	}
	return s.err
}

// consume moves past buf[i:j].
func (s *jsonScanner) consume(j int) {
	s.pos, s.cr = posAfter(s.pos, s.cr, s.buf[s.i:j])
	s.i = j
}

// more reads from r, keeping the unconsumed bytes (moved to the front of
// the window, which grows when they fill it). It returns how far they
// moved, and false when nothing more can be read.
func (s *jsonScanner) more() (shift int, ok bool) {
	if s.err != nil {
		return 0, false
	}
	shift = s.i
	if shift > 0 {
		n := copy(s.buf[:cap(s.buf)], s.buf[s.i:])
		s.buf = s.buf[:n]
		s.i = 0
	}
	if len(s.buf) == cap(s.buf) {
		grown := make([]byte, len(s.buf), 2*cap(s.buf))
		copy(grown, s.buf)
		s.buf = grown
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.err = err
		}
		if n > 0 {
			return shift, true
		}
		if err != nil {
			return shift, false
		}
	}
	s.err = io.ErrNoProgress
	return shift, false
}

// skipWS consumes white space and returns the next byte, or false at the
// end of the input.
func (s *jsonScanner) skipWS() (byte, bool) {
	for {
		j := skipWS(s.buf, s.i)
		s.consume(j)
		if j < len(s.buf) {
			return s.buf[j], true
		}
		if _, ok := s.more(); !ok {
			return 0, false
		}
	}
}

// trailing reports the first byte that is not white space, if any: data
// after the JSON value.
func (s *jsonScanner) trailing(fileIssue func(string, ...any) error, where string) error {
	if c, ok := s.skipWS(); ok {
		return fileIssue("unexpected data %s: a .json file holds one value, an array of records (for a record a line, name the file .jsonl); found %s", where, quoteChar(c))
	}
	return s.ioErr()
}

// value consumes one value starting at buf[i] (not white space): up to the
// bracket or quote that balances its first one, or, for a bare word or
// number, to the next delimiter. It counts brackets without matching their
// kinds and decodes nothing; DecodeRecord judges the bytes. It returns a
// copy of them, or nil when they are more than max (then only counted);
// complete is false when the input ended inside the value.
func (s *jsonScanner) value(max int) (raw []byte, size int, complete bool) {
	j := s.i
	depth, inStr, esc := 0, false, false
	dropped := 0 // bytes of an over-long value, consumed and let go
	for {
		if j >= len(s.buf) {
			if dropped > 0 || j-s.i > max {
				cut := runeCut(s.buf[s.i:j])
				dropped += cut
				s.consume(s.i + cut)
			}
			shift, ok := s.more()
			j -= shift
			if !ok {
				complete = !inStr && !esc && depth == 0
				break
			}
			continue
		}
		if inStr {
			if esc {
				esc = false
				j++
				continue
			}
			rest := s.buf[j:]
			q := bytes.IndexByte(rest, '"')
			if q < 0 {
				q = len(rest)
			}
			if b := bytes.IndexByte(rest[:q], '\\'); b >= 0 {
				j += b + 1
				esc = true
				continue
			}
			j += q
			if q == len(rest) {
				continue
			}
			j++ // the closing quote
			inStr = false
			if depth == 0 {
				complete = true
				break
			}
			continue
		}
		c := s.buf[j]
		if depth == 0 && j > s.i && (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			complete = true // the end of a bare word or number
			break
		}
		j++
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
		if depth == 0 && (c == '}' || c == ']') {
			complete = true
			break
		}
	}
	size = dropped + j - s.i
	if dropped == 0 && size <= max {
		raw = bytes.Clone(s.buf[s.i:j])
	}
	s.consume(j)
	return raw, size, complete
}

// runeCut returns how much of b ends in whole runes: all of it, unless it
// ends inside a multi-byte character (which the next read completes), so
// that columns after an over-long record count runes.
func runeCut(b []byte) int {
	for p := len(b) - 1; p >= 0 && p >= len(b)-utf8.UTFMax; p-- {
		if utf8.RuneStart(b[p]) {
			if !utf8.FullRune(b[p:]) {
				return p
			}
			break
		}
	}
	return len(b)
}
