package load

import (
	"bufio"
	"bytes"
	"io"

	"go.yaml.in/yaml/v3"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// A YAML fact file is read item by item, each item of its top-level
// sequence parsed on its own (on the run's workers), when nothing in the
// file can tie one item to another: it must be a block sequence starting
// at column 0, one document, without anchors, aliases, tags or
// directives. Anything else is read whole (ReadYAML), since an alias may
// name an anchor of another item.

// yamlStreamable reports whether the YAML file at path can be read item
// by item. It reads the file once; the answer errs on the side of reading
// whole: "R&D" in a quote is fine, "&x" (an anchor's form) is not.
func yamlStreamable(path string) bool {
	f, bad, err := OpenText(path)
	if err != nil || bad != nil {
		return false
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	first := true
	for {
		line, err := br.ReadSlice('\n')
		for err == bufio.ErrBufferFull {
			// A line longer than the buffer: look at its pieces alike.
			if !yamlLineStreamable(line, &first) {
				return false
			}
			line, err = br.ReadSlice('\n')
		}
		if !yamlLineStreamable(line, &first) {
			return false
		}
		if err == io.EOF {
			return !first
		}
		if err != nil {
			return false
		}
	}
}

// yamlLineStreamable looks at one line (or piece of a long line): first
// is true until the first line of content, which must start an item.
func yamlLineStreamable(line []byte, first *bool) bool {
	if *first {
		t := bytes.TrimLeft(line, " \t\r\n")
		if len(t) == 0 || t[0] == '#' {
			return true
		}
		if !yamlItemStart(line) {
			return false
		}
		*first = false
	}
	switch {
	case bytes.HasPrefix(line, []byte("---")), bytes.HasPrefix(line, []byte("...")), bytes.HasPrefix(line, []byte("%")):
		return false // another document, or a directive
	case len(line) > 0 && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '\r' && line[0] != '\n' && !yamlItemStart(line):
		return false // content at column 0 that starts no item: not one sequence
	}
	for i, c := range line {
		if c != '&' && c != '*' && c != '!' {
			continue
		}
		before := i == 0 || bytes.IndexByte([]byte(" \t[{,"), line[i-1]) >= 0
		after := i+1 < len(line) && bytes.IndexByte([]byte(" \t\r\n"), line[i+1]) < 0
		if before && after {
			return false // an anchor, alias or tag, or text that looks like one
		}
	}
	return true
}

// yamlItemStart reports whether line starts an item of a top-level block
// sequence: "-" at column 0 followed by a blank or the line's end.
func yamlItemStart(line []byte) bool {
	return len(line) > 0 && line[0] == '-' && (len(line) == 1 || bytes.IndexByte([]byte(" \t\r\n"), line[1]) >= 0)
}

// ScanYAML is the RecordScanner of a YAML fact file yamlStreamable
// accepts: each item of the top-level sequence is a record, from its "-"
// to the next; DecodeYAMLRecord parses it. An item longer than maxRecord
// is rejected as load.too-large.
func ScanYAML(file string, r io.Reader, maxRecord int, s RecordSink) error {
	if maxRecord <= 0 {
		maxRecord = DefaultLimits.RecordBytes
	}
	br := bufio.NewReaderSize(r, 1<<20)
	var item []byte
	start, size, index := 0, 0, 0
	emit := func() error {
		if start == 0 {
			return nil
		}
		defer func() { index++ }()
		if size > maxRecord {
			return s.Reject(tooLarge(file, fact.Pos{Line: start, Col: 1}, index, size, maxRecord))
		}
		rec := item
		item = nil
		return s.Record(fact.Pos{Line: start, Col: 1}, index, rec)
	}
	lineNo, atStart := 0, true
	for {
		chunk, err := br.ReadSlice('\n')
		if atStart {
			lineNo++
			if yamlItemStart(chunk) {
				if e := emit(); e != nil {
					return e
				}
				start, size = lineNo, 0
			}
		}
		atStart = err != bufio.ErrBufferFull
		if start > 0 {
			size += len(chunk)
			if size <= maxRecord {
				item = append(item, chunk...)
			}
		}
		if err == io.EOF {
			return emit()
		}
		if err != nil && err != bufio.ErrBufferFull {
			return err
		}
	}
}

// DecodeYAMLRecord parses one item ScanYAML cut, which starts at pos, as
// ReadYAML converts an item of a file read whole: a fact, or the issue
// that rejects it with the issues before it.
func DecodeYAMLRecord(file string, pos fact.Pos, index int, raw []byte, maxDepth int) (*fact.Fact, *issue.Issue, []issue.Issue) {
	if maxDepth <= 0 {
		maxDepth = DefaultLimits.Depth
	}
	if fields, col, ok := quickYAMLItem(raw, maxDepth); ok {
		return &fact.Fact{File: file, Index: index, Pos: fact.Pos{Line: pos.Line, Col: col}, Fields: fields,
			Origin: fact.Curated, Loc: &yamlItemLocator{raw: raw, shift: pos.Line - 1}}, nil, nil
	}
	return decodeYAMLNode(file, pos, index, raw, maxDepth)
}

// decodeYAMLNode is DecodeYAMLRecord through go-yaml's node tree, for any
// item.
func decodeYAMLNode(file string, pos fact.Pos, index int, raw []byte, maxDepth int) (*fact.Fact, *issue.Issue, []issue.Issue) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		is := yamlSyntaxIssue(file, raw, err)
		is.Line += pos.Line - 1
		return nil, &is, nil
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != 1 {
		is := issue.Issue{Severity: issue.Error, Code: "load.syntax", File: file, Line: pos.Line, Column: 1,
			Message: "invalid YAML: this item does not read as one item of the file's list"}
		return nil, &is, nil
	}
	n := doc.Content[0].Content[0]
	shiftLines(n, pos.Line-1)
	f, issues, reject := yamlRecord(file, n, index, maxDepth)
	if reject != nil {
		return nil, reject, issues
	}
	return f, nil, issues
}

// shiftLines moves the lines of every node of a tree by d.
func shiftLines(n *yaml.Node, d int) {
	n.Line += d
	for _, c := range n.Content {
		shiftLines(c, d)
	}
}

// A RecordDecoder decodes one record a RecordScanner cut.
type RecordDecoder func(file string, pos fact.Pos, index int, raw []byte, maxDepth int) (*fact.Fact, *issue.Issue, []issue.Issue)

// DecoderFor returns the decoder of the records ScannerFor's scanner cuts
// from a fact file.
func DecoderFor(name string) RecordDecoder {
	if isYAML(name) {
		return DecodeYAMLRecord
	}
	return DecodeRecord
}
