package export

import (
	"encoding/json"
	"strconv"
	"strings"

	"dossier/pipeline"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/schema"
)

// Column of an exported table.
type Column struct {
	Name        string
	Type        string // string, integer, number, boolean
	Format      string // percent, date, ...
	Title       string
	Description string
	Enum        []any
	Required    bool
	get         func(f *fact.Fact) any
}

// Table is one kind's facts as rows and columns, in the order every format
// writes them: the schema's properties (evidence last), then what the
// pipeline adds.
type Table struct {
	Name    string
	Title   string
	Columns []Column
	Facts   []*fact.Fact
}

// Cell returns the value of column c for fact f: a string, json.Number,
// bool, or nil when empty. Arrays are joined with ";".
func (c Column) Cell(f *fact.Fact) any { return c.get(f) }

// KindTable builds the table of one kind.
func KindTable(k *schema.Kind, facts []*fact.Fact) *Table {
	t := &Table{Name: k.Name, Title: k.Title, Facts: facts}
	var evidence []Column
	for _, sc := range k.Columns {
		if sc.Name == "kind" {
			continue
		}
		c := Column{Name: sc.Name, Type: sc.Type, Format: sc.Format, Title: sc.Title, Description: sc.Description, Enum: sc.Enum, Required: sc.Required}
		ptr := sc.Pointer
		switch {
		case sc.Name == "id":
			c.get = func(f *fact.Fact) any { return f.ID }
		case sc.Type == "array":
			c.Type = "string"
			c.get = func(f *fact.Fact) any { return joinArray(f.Get(ptr)) }
		default:
			c.get = func(f *fact.Fact) any { return scalar(f.Get(ptr)) }
		}
		if strings.HasPrefix(sc.Name, "evidence.") {
			evidence = append(evidence, c)
			continue
		}
		t.Columns = append(t.Columns, c)
	}
	if _, ok := k.Column("/id"); !ok {
		t.Columns = append([]Column{{Name: "id", Type: "string", Title: "Id", Description: "Fact id, derived from the kind's key fields.", get: func(f *fact.Fact) any { return f.ID }}}, t.Columns...)
	}
	t.Columns = append(t.Columns,
		Column{Name: "origin", Type: "string", Title: "Origin", Description: "curated (from a fact file) or extracted (from text).", Enum: []any{fact.Curated, fact.Extracted},
			get: func(f *fact.Fact) any { return f.Origin }},
		Column{Name: "source_file", Type: "string", Title: "Source file", Description: "The fact file the record was read from.",
			get: func(f *fact.Fact) any { return f.File }},
		Column{Name: "source_line", Type: "integer", Title: "Source line", Description: "Line of the record in its fact file.",
			get: func(f *fact.Fact) any { return intCell(f.Pos.Line) }},
		Column{Name: "evidence.line", Type: "integer", Title: "Quote line", Description: "Line of the document where the quote starts.",
			get: func(f *fact.Fact) any {
				if f.Span == nil {
					return nil
				}
				return intCell(f.Span.Line)
			}},
	)
	t.Columns = append(t.Columns, evidence...)
	return t
}

func intCell(n int) any {
	if n == 0 {
		return nil
	}
	return json.Number(itoa(n))
}

func joinArray(v any) any {
	arr, ok := v.([]any)
	if !ok {
		return scalar(v)
	}
	parts := make([]string, 0, len(arr))
	for _, e := range arr {
		switch x := scalar(e).(type) {
		case string:
			parts = append(parts, x)
		case json.Number:
			parts = append(parts, x.String())
		case nil:
		default:
			b, _ := json.Marshal(x)
			parts = append(parts, string(b))
		}
	}
	return strings.Join(parts, ";")
}

// scalar leaves strings, numbers, bools and nil alone and writes anything
// else as compact JSON text.
func scalar(v any) any {
	switch v.(type) {
	case nil, string, json.Number, bool:
		return v
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// DocumentTable lists the documents read.
func DocumentTable(r *pipeline.Result) ([]string, [][]any) {
	head := []string{"id", "title", "path", "url", "retrieved", "language", "sha256", "bytes", "blocks"}
	var rows [][]any
	for _, d := range r.Documents {
		rows = append(rows, []any{d.ID, d.Title, d.Path, nonEmpty(d.URL), nonEmpty(d.Retrieved), nonEmpty(d.Language), d.SHA256,
			json.Number(itoa(d.Bytes)), json.Number(itoa(len(d.Blocks)))})
	}
	return head, rows
}

// IssueTable lists the issues.
func IssueTable(issues []issue.Issue) ([]string, [][]any) {
	head := []string{"severity", "code", "message", "file", "line", "column", "pointer", "record"}
	var rows [][]any
	for _, i := range issues {
		rows = append(rows, []any{i.Severity.String(), i.Code, i.Message, nonEmpty(i.File), intCell(i.Line), intCell(i.Column), nonEmpty(i.Pointer), nonEmpty(i.Record)})
	}
	return head, rows
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
