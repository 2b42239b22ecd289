package load

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// ReadJSON reads a JSON file holding an array of facts (or a single fact).
func ReadJSON(file string, r io.Reader, sink Sink) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	lines := newLineIndex(data)
	start := skipWS(data, 0)
	if start == len(data) {
		sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.empty", File: file, Line: 1, Column: 1, Message: "the file holds no JSON value"})
		return nil
	}
	if data[start] != '[' {
		// A lone object is a one-record file.
		v, err := decodeJSON(data[start:])
		if err != nil {
			sink.Issue(syntaxIssue(file, lines, start, err))
			return nil
		}
		emitJSON(file, 0, data[start:], start, lines, v, sink)
		return nil
	}
	// The array is walked here, one element at a time, so that every error
	// is placed at its own byte: an element is decoded on its own (offsets
	// in its errors count from the element's start), and the separators,
	// the closing bracket and anything after it are checked by hand.
	off := skipWS(data, start+1)
	if off < len(data) && data[off] == ']' {
		return trailingJSON(file, lines, data, off+1, sink)
	}
	for i := 0; ; i++ {
		if off >= len(data) {
			sink.Issue(syntaxIssue(file, lines, off, io.ErrUnexpectedEOF))
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(data[off:]))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			sink.Issue(syntaxIssue(file, lines, off, err))
			return nil
		}
		end := off + int(dec.InputOffset())
		emitJSON(file, i, data[off:end], off, lines, v, sink)
		off = skipWS(data, end)
		switch {
		case off >= len(data):
			sink.Issue(syntaxIssue(file, lines, off, io.ErrUnexpectedEOF))
			return nil
		case data[off] == ',':
			off = skipWS(data, off+1)
		case data[off] == ']':
			return trailingJSON(file, lines, data, off+1, sink)
		default:
			sink.Issue(syntaxIssue(file, lines, 0, &expectError{off: off, msg: "expected ',' or ']' after an array element"}))
			return nil
		}
	}
}

// trailingJSON reports anything but white space from off on, the bytes
// after the closing bracket of the top-level array.
func trailingJSON(file string, lines *lineIndex, data []byte, off int, sink Sink) error {
	if off = skipWS(data, off); off < len(data) {
		sink.Issue(syntaxIssue(file, lines, 0, &trailingError{off: off}))
	}
	return nil
}

func emitJSON(file string, i int, raw []byte, off int, lines *lineIndex, v any, sink Sink) {
	pos := lines.pos(off)
	obj, ok := v.(map[string]any)
	if !ok {
		sink.Reject(notObject(file, pos, i, jsonTypeName(v)))
		return
	}
	sink.Fact(&fact.Fact{
		File: file, Index: i, Pos: pos, Fields: obj, Origin: fact.Curated,
		Loc: &jsonLocator{data: raw, lines: lines, off: off},
	})
}

// ReadJSONL reads JSON Lines: one fact per line, blank lines skipped. A line
// that does not parse is rejected on its own; the lines after it still load.
func ReadJSONL(file string, r io.Reader, sink Sink) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for lineNo, index := 1, 0; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			trimmed := bytes.TrimRight(line, "\r\n")
			if len(bytes.TrimSpace(trimmed)) > 0 {
				readJSONLine(file, lineNo, index, trimmed, sink)
				index++
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func readJSONLine(file string, lineNo, index int, line []byte, sink Sink) {
	v, err := decodeJSON(line)
	if err != nil {
		is := syntaxIssue(file, newLineIndex(line), 0, err)
		is.Line = lineNo
		sink.Reject(is)
		return
	}
	pos := fact.Pos{Line: lineNo, Col: 1 + runeCount(line[:skipWS(line, 0)])}
	obj, ok := v.(map[string]any)
	if !ok {
		sink.Reject(notObject(file, pos, index, jsonTypeName(v)))
		return
	}
	// The locator keeps its own copy: the reader's buffer is reused.
	sink.Fact(&fact.Fact{
		File: file, Index: index, Pos: pos, Fields: obj, Origin: fact.Curated,
		Loc: &jsonLocator{data: bytes.Clone(line), base: fact.Pos{Line: lineNo, Col: 1}},
	})
}

// decodeJSON decodes exactly one JSON value with numbers kept as json.Number.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, &trailingError{off: skipWS(b, int(dec.InputOffset()))}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &trailingError{off: skipWS(b, int(dec.InputOffset()))}
	}
	return v, nil
}

type trailingError struct{ off int }

func (e *trailingError) Error() string { return "unexpected data after the JSON value" }

// expectError is a missing separator at byte off.
type expectError struct {
	off int
	msg string
}

func (e *expectError) Error() string { return e.msg }

// syntaxIssue turns a decoding error into an issue at the offending byte.
func syntaxIssue(file string, lines *lineIndex, base int, err error) issue.Issue {
	off := base
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var tr *trailingError
	var ex *expectError
	switch {
	case errors.As(err, &se):
		off = base + int(se.Offset) - 1
	case errors.As(err, &te):
		off = base + int(te.Offset)
	case errors.As(err, &tr):
		off = base + tr.off
	case errors.As(err, &ex):
		off = base + ex.off
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		off = len(lines.data)
		err = errors.New("unexpected end of JSON input")
	}
	if off < 0 {
		off = 0
	}
	if off > len(lines.data) {
		off = len(lines.data)
	}
	p := lines.pos(off)
	return issue.Issue{Severity: issue.Error, Code: "load.syntax", File: file, Line: p.Line, Column: p.Col,
		Message: fmt.Sprintf("invalid JSON: %v", err)}
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	}
	return "a value"
}
