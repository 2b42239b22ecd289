package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// A .json fact file and a JSON Lines file are read the same way: a scanner
// cuts the file into records without decoding them (ScanJSON for the
// elements of an array, ScanJSONLines for lines), and DecodeRecord decodes
// each one with the same decoder, limits and issue codes. The pipeline
// decodes on many cores while one goroutine scans; ReadJSON and ReadJSONL
// do both in turn, for callers that want a FactReader.

// RecordSink receives what a record scanner cuts from a file, in file
// order. A callback's error stops the scan and is returned by it.
type RecordSink struct {
	// Record is a record to decode with DecodeRecord: raw (which the
	// callee owns) starts at pos, index counts records from 0.
	Record func(pos fact.Pos, index int, raw []byte) error
	// Reject is a record read but not kept for decoding (too large); it
	// counts as read and rejected.
	Reject func(issue.Issue) error
	// Issue is a problem of the file that belongs to no record, such as
	// an array that is not closed.
	Issue func(issue.Issue) error
}

// A RecordScanner cuts the records of one JSON or JSON Lines fact file
// from r, keeping at most maxRecord bytes of a record. A returned error is
// an I/O error or one returned by the sink; data problems go to the sink.
type RecordScanner func(file string, r io.Reader, maxRecord int, s RecordSink) error

// ScannerFor returns the record scanner for the fact file at path:
// ScanJSON for .json, ScanJSONLines for .jsonl and .ndjson, ScanYAML for a
// YAML file that can be read item by item (yamlStreamable, which reads the
// file), nil for other files (read whole by their FactReader).
// DecoderFor gives the decoder of its records.
func ScannerFor(path string) RecordScanner {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return ScanJSON
	case ".jsonl", ".ndjson":
		return ScanJSONLines
	case ".yaml", ".yml":
		if yamlStreamable(path) {
			return ScanYAML
		}
	}
	return nil
}

func isYAML(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

// ReadJSON reads a .json fact file: an array of facts, or a single fact.
// It streams: memory holds one record at a time, never the whole file.
func ReadJSON(file string, r io.Reader, sink Sink) error {
	return readRecords(ScanJSON, file, r, sink)
}

// ReadJSONL reads JSON Lines: one fact per line, blank lines skipped. A line
// that does not parse is rejected on its own; the lines after it still load.
func ReadJSONL(file string, r io.Reader, sink Sink) error {
	return readRecords(ScanJSONLines, file, r, sink)
}

func readRecords(scan RecordScanner, file string, r io.Reader, sink Sink) error {
	lim := sink.Limits.WithDefaults()
	return scan(file, r, lim.RecordBytes, RecordSink{
		Record: func(pos fact.Pos, index int, raw []byte) error {
			f, reject, warnings := DecodeRecord(file, pos, index, raw, lim.Depth)
			for _, w := range warnings {
				sink.Issue(w)
			}
			if reject != nil {
				sink.Reject(*reject)
				return nil
			}
			sink.Fact(f)
			return nil
		},
		Reject: func(is issue.Issue) error { sink.Reject(is); return nil },
		Issue:  func(is issue.Issue) error { sink.Issue(is); return nil },
	})
}

// DecodeRecord decodes one record of a JSON or JSON Lines file: raw (white
// space around the value allowed) starts at pos in the file, index is the
// record's place in it, maxDepth bounds its nesting (each object or array
// one level, the record itself the first; 0 means the default). It returns
// the fact, or the issue that rejects the record; warnings belong to the
// fact (load.utf8). The fact keeps raw to locate its values, and its
// strings share raw's bytes: raw must not change once decoded.
func DecodeRecord(file string, pos fact.Pos, index int, raw []byte, maxDepth int) (f *fact.Fact, reject *issue.Issue, warnings []issue.Issue) {
	if maxDepth <= 0 {
		maxDepth = DefaultLimits.Depth
	}
	d := &jsonDecoder{data: raw, maxDepth: maxDepth, badUTF8: -1}
	v, err := d.decode()
	if err != nil {
		return nil, decodeIssue(file, pos, raw, err), nil
	}
	at, _ := posAfter(pos, false, raw[:skipWS(raw, 0)])
	obj, ok := v.(map[string]any)
	if !ok {
		is := notObject(file, at, index, jsonTypeName(v))
		return nil, &is, nil
	}
	if d.badUTF8 >= 0 {
		p, _ := posAfter(pos, false, raw[:d.badUTF8])
		warnings = []issue.Issue{{Severity: issue.Warning, Code: "load.utf8", File: file, Line: p.Line, Column: p.Col,
			Message: fmt.Sprintf("byte %#02x is not UTF-8; it was read as U+FFFD", raw[d.badUTF8])}}
	}
	return &fact.Fact{
		File: file, Index: index, Pos: at, Fields: obj, Origin: fact.Curated,
		Loc: &jsonLocator{data: raw, base: pos},
	}, nil, warnings
}

// decodeIssue places a decoding error of raw, which starts at pos.
func decodeIssue(file string, pos fact.Pos, raw []byte, err error) *issue.Issue {
	off, code := 0, "load.syntax"
	var de *DecodeError
	if errors.As(err, &de) {
		off = de.Offset
		if de.Code != "" {
			code = de.Code
		}
	}
	p, _ := posAfter(pos, false, raw[:min(off, len(raw))])
	msg := fmt.Sprintf("invalid JSON: %v", err)
	switch code {
	case "load.duplicate-key":
		first, _ := posAfter(pos, false, raw[:min(de.First, off)])
		msg = fmt.Sprintf("key %s is given twice (first at line %d, column %d)", strings.TrimPrefix(de.Msg, "duplicate key "), first.Line, first.Col)
	case "load.syntax":
	default:
		msg = err.Error()
	}
	return &issue.Issue{Severity: issue.Error, Code: code, File: file, Line: p.Line, Column: p.Col, Message: msg}
}

// tooLarge rejects a record of size bytes past the limit.
func tooLarge(file string, pos fact.Pos, index, size, limit int) issue.Issue {
	return issue.Issue{Severity: issue.Error, Code: "load.too-large", File: file, Line: pos.Line, Column: pos.Col,
		Message: fmt.Sprintf("record %d is %d bytes, more than the limit of %d (limits.record_bytes)", index+1, size, limit)}
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
