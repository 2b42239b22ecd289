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
func ReadCSV(file string, r io.Reader, sink Sink) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, with a located message
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err == io.EOF {
		sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.empty", File: file, Line: 1, Column: 1, Message: "the file has no header row"})
		return nil
	}
	if err != nil {
		sink.Issue(csvIssue(file, err))
		return nil
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\uFEFF")
	}
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
			sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.header", File: file, Line: line, Column: col, Message: msg})
			return nil
		}
		seen[h] = true
	}
	for index := 0; ; index++ {
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
			return err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(head) {
			sink.Reject(issue.Issue{Severity: issue.Error, Code: "load.columns", File: file, Line: line, Column: 1,
				Message: fmt.Sprintf("row has %d fields, the header %d", len(rec), len(head))})
			continue
		}
		fields := map[string]any{}
		pos := map[string]fact.Pos{}
		for i, v := range rec {
			if v == "" {
				continue // an empty cell is an absent field
			}
			l, c := cr.FieldPos(i)
			ptr := setDotted(fields, head[i], v)
			pos[ptr] = fact.Pos{Line: l, Col: c}
		}
		sink.Fact(&fact.Fact{File: file, Index: index, Pos: fact.Pos{Line: line, Col: 1}, Fields: fields, Origin: fact.Curated,
			FromText: true, Loc: csvLocator(pos)})
	}
}

// setDotted sets a.b.c in m and returns its JSON pointer.
func setDotted(m map[string]any, name, v string) string {
	parts := strings.Split(name, ".")
	cur := m
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	cur[parts[len(parts)-1]] = v
	return fact.Pointer(parts...)
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
// (a list element) is located at its cell.
type csvLocator map[string]fact.Pos

func (l csvLocator) Locate(ptr string) fact.Pos {
	for p := ptr; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if pos, ok := l[p]; ok {
			return pos
		}
	}
	return fact.Pos{}
}
