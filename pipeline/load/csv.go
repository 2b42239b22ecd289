package load

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// ReadCSV reads a CSV fact file: a header row naming the fields (dotted
// names such as evidence.quote make nested objects; a kind column is
// required unless every row is of one kind given elsewhere), then a fact per
// row. Every value is read as text; the pipeline gives numbers, booleans and
// lists (";"-separated) their types from the kind's schema. A row that does
// not parse is rejected on its own.
//
// It reads a CSV as spreadsheets save one. The text is UTF-8 (a byte order
// mark and UTF-16 with one are handled by OpenText), or else Windows-1252,
// Excel's "CSV (Comma delimited)" on Windows, which is decoded with an
// info issue saying so (see csvEncoding); a file that is neither is
// refused with a load.encoding error saying how to save it. The delimiter
// is the comma, semicolon (Excel where the decimal mark is a comma) or tab
// that the header row holds most of. Empty header columns at the end of
// the row (a spreadsheet's formatted but empty columns) are dropped with
// their cells, which must be empty; a row whose cells are all empty is no
// record and is skipped.
func ReadCSV(file string, r io.Reader, sink Sink) error {
	text, err := csvEncoding(file, r, sink)
	if err != nil || text == nil {
		return err
	}
	cr := csv.NewReader(text)
	cr.Comma = csvDelimiter(text)
	cr.FieldsPerRecord = -1 // checked here, with a located message
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err == io.EOF {
		sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.empty", File: file, Line: 1, Column: 1, Message: "the file has no header row"})
		return nil
	}
	if err != nil {
		return csvFail(file, err, sink.Issue)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\uFEFF")
	}
	for len(head) > 1 && strings.TrimSpace(head[len(head)-1]) == "" {
		head = head[:len(head)-1]
	}
	if is := csvHeader(file, head, cr); is != nil {
		sink.Issue(*is)
		return nil
	}
	cols := csvColumns(head)
	for index := 0; ; {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(err, csv.ErrFieldCount) {
				sink.Reject(csvIssue(file, err))
				continue
			}
			return csvFail(file, err, sink.Issue)
		}
		if allEmpty(rec) {
			continue
		}
		if is := csvRow(file, head, rec, cr); is != nil {
			sink.Reject(*is)
			index++
			continue
		}
		line, _ := cr.FieldPos(0)
		fields := make(map[string]any, len(head))
		loc := &csvLocator{cols: cols, pos: make([]fact.Pos, len(head))}
		for i, v := range rec[:len(head)] {
			if v == "" {
				continue // an empty cell is an absent field
			}
			l, c := cr.FieldPos(i)
			setPath(fields, cols[i].path, v)
			loc.pos[i] = fact.Pos{Line: l, Col: c}
		}
		sink.Fact(&fact.Fact{File: file, Index: index, Pos: fact.Pos{Line: line, Col: 1}, Fields: fields, Origin: fact.Curated,
			FromText: true, Loc: loc})
		index++
	}
}

// csvHeader checks the header row (trimmed in place): no empty or repeated
// column.
func csvHeader(file string, head []string, cr *csv.Reader) *issue.Issue {
	seen := map[string]bool{}
	for i, h := range head {
		h = strings.TrimSpace(h)
		head[i] = h
		if h == "" || seen[h] {
			line, col := cr.FieldPos(i)
			msg := fmt.Sprintf("header column %d is empty", i+1)
			if h != "" {
				msg = fmt.Sprintf("header column %q is given twice", h)
			}
			return &issue.Issue{Severity: issue.Error, Code: "load.header", File: file, Line: line, Column: col, Message: msg}
		}
		seen[h] = true
	}
	return nil
}

// csvRow checks that a row has a cell for every column of the header, and
// nothing in the cells past it.
func csvRow(file string, head, rec []string, cr *csv.Reader) *issue.Issue {
	line, _ := cr.FieldPos(0)
	if len(rec) < len(head) {
		return &issue.Issue{Severity: issue.Error, Code: "load.columns", File: file, Line: line, Column: 1,
			Message: fmt.Sprintf("row has %d fields, the header %d", len(rec), len(head))}
	}
	for i := len(head); i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			l, c := cr.FieldPos(i)
			return &issue.Issue{Severity: issue.Error, Code: "load.columns", File: file, Line: l, Column: c,
				Message: fmt.Sprintf("row has a value in field %d, past the header's %d columns", i+1, len(head))}
		}
	}
	return nil
}

func allEmpty(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// csvFail reports what stopped the reading of a CSV file: text that is
// not in the file's encoding (the rest is not read), or a syntax error
// before the first record. Any other error is an I/O error, returned.
func csvFail(file string, err error, report func(issue.Issue)) error {
	var ee *EncodingError
	var pe *csv.ParseError
	switch {
	case errors.As(err, &ee):
		report(issue.Issue{Severity: issue.Error, Code: "load.encoding", File: file, Line: ee.Line, Column: ee.Column, Message: ee.Error()})
		return nil
	case errors.As(err, &pe):
		report(csvIssue(file, err))
		return nil
	}
	return err
}

// A csvColumn is where a header column's cells go: its dotted name split
// (evidence.quote makes a nested object) and the JSON pointer of that.
type csvColumn struct {
	path []string
	ptr  string
}

// csvColumns splits the header's names once for all the rows.
func csvColumns(head []string) []csvColumn {
	cols := make([]csvColumn, len(head))
	for i, h := range head {
		parts := strings.Split(h, ".")
		cols[i] = csvColumn{path: parts, ptr: fact.Pointer(parts...)}
	}
	return cols
}

// setPath sets the value at path (a.b.c) in m, making the objects on the
// way.
func setPath(m map[string]any, path []string, v string) {
	cur := m
	for _, p := range path[:len(path)-1] {
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	cur[path[len(path)-1]] = v
}

func csvIssue(file string, err error) issue.Issue {
	is := issue.Issue{Severity: issue.Error, Code: "load.syntax", File: file, Line: 1, Column: 1, Message: "invalid CSV: " + err.Error()}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		is.Line, is.Column = pe.Line, pe.Column
		is.Message = "invalid CSV: " + pe.Err.Error()
	}
	return is
}

// csvLocator finds a cell by the pointer of its column; a field inside it
// (a list element) is located at its cell. pos[i] is the place of the
// row's cell in column i, zero where the cell is empty.
type csvLocator struct {
	cols []csvColumn // the file's, shared by its rows
	pos  []fact.Pos
}

func (l *csvLocator) Locate(ptr string) fact.Pos {
	for p := ptr; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		for i, c := range l.cols {
			if c.ptr == p && l.pos[i].Line > 0 {
				return l.pos[i]
			}
		}
	}
	return fact.Pos{}
}
