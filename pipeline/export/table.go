package export

import (
	"encoding/json"
	"strconv"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
	"dossier/pipeline/schema"
)

// Column of an exported table, described well enough for the workbook's
// Dictionary sheet and the data package's Table Schema.
type Column struct {
	Name        string
	Type        string // string, integer, number, boolean
	Format      string // percent, date, ...
	Title       string
	Description string
	Enum        []any
	Required    bool
	Pointer     string // JSON pointer of the field in the record, for fact columns
	get         func(f *fact.Fact) any
	codes       bool // the column of a fact's issue codes
}

func (c Column) pointer() string {
	if c.Pointer != "" {
		return c.Pointer
	}
	return "/" + c.Name
}

// Table is one table of the export, the same in every format: a CSV file,
// an XLSX sheet and a data package resource. Fact tables stream (a row per
// fact, filled by FactRow); fixed tables (documents, issues) know their
// rows: Row fills dst with the cells of row i (string, json.Number, bool or
// nil).
type Table struct {
	Name        string // file name stem: csv/<Name>.csv
	Title       string // sheet title
	Description string
	Columns     []Column
	Key         []string // primary key columns
	Kind        string   // the fact kind, for fact tables
	Len         int
	Row         func(i int, dst []any)
}

// FactRow fills dst with the cells of fact f.
func (t *Table) FactRow(f *fact.Fact, dst []any) {
	for j, c := range t.Columns {
		dst[j] = c.get(f)
	}
}

// Cells returns the text of fact f's cells, as its CSV writes them before
// the formula guard.
func (t *Table) Cells(f *fact.Fact) []string {
	out := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		out[j] = csvText(c.get(f))
	}
	return out
}

// KindTable builds the table of one kind: the schema's properties in its
// order (kind left out, evidence moved last), then what the pipeline adds.
func KindTable(k *schema.Kind) *Table {
	t := &Table{Name: safeName(k.Name), Title: sheetTitle(k.Name), Description: k.Description, Kind: k.Name, Key: []string{"id"}}
	var evidence []Column
	for _, sc := range k.Columns {
		if sc.Name == "kind" {
			continue
		}
		c := Column{Name: sc.Name, Type: sc.Type, Format: sc.Format, Title: sc.Title, Description: sc.Description, Enum: sc.Enum, Required: sc.Required, Pointer: sc.Pointer}
		toks := fact.SplitPointer(sc.Pointer)
		switch {
		case sc.Name == "id":
			c.get = func(f *fact.Fact) any { return f.ID }
			c.Required = true
		case sc.Type == "array":
			c.Type = "string"
			c.Description = strings.TrimSpace(c.Description + " Several values are joined with \";\".")
			c.get = func(f *fact.Fact) any { return joinArray(fact.LookupTokens(f.Fields, toks)) }
		default:
			c.get = func(f *fact.Fact) any { return scalar(fact.LookupTokens(f.Fields, toks)) }
		}
		if strings.HasPrefix(sc.Name, "evidence.") {
			evidence = append(evidence, c)
			continue
		}
		if c.Type == "string" && (c.Format == "date" || c.Format == "" && isDateName(sc.Name)) {
			if _, taken := k.Column(fact.Pointer(sc.Name + valueSuffix)); !taken {
				t.Columns = append(t.Columns, dateColumns(c)...)
				continue
			}
		}
		t.Columns = append(t.Columns, c)
	}
	if _, ok := k.Column("/id"); !ok {
		t.Columns = append([]Column{{Name: "id", Type: "string", Title: "Id", Required: true,
			Description: "Fact id, derived from the kind's key fields when the record gives none.",
			get:         func(f *fact.Fact) any { return f.ID }}}, t.Columns...)
	}
	t.Columns = append(t.Columns,
		Column{Name: "origin", Type: "string", Title: "Origin", Required: true,
			Description: "curated (from a fact file) or extracted (from a document's text).", Enum: []any{fact.Curated, fact.Extracted},
			get: func(f *fact.Fact) any { return f.Origin }},
		Column{Name: "status", Type: "string", Title: "Status",
			Description: "How the fact compares with what its document's text says: confirmed (the text says the same), conflict (a field differs), curated-only, extracted-only; empty when extraction is off.",
			Enum:        []any{"confirmed", "conflict", "curated-only", "extracted-only"},
			get:         func(f *fact.Fact) any { return nonEmpty(f.Status) }},
		Column{Name: "rule", Type: "string", Title: "Rule", Description: "The extractor rule that found an extracted fact.",
			get: func(f *fact.Fact) any { return nonEmpty(f.Rule) }},
		issuesColumn(k),
		Column{Name: "source_file", Type: "string", Title: "Source file", Description: "The fact file the record was read from, or the document it was extracted from.",
			get: func(f *fact.Fact) any { return f.File }},
		Column{Name: "source_line", Type: "integer", Title: "Source line", Description: "Line of the record in its source file.",
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

// IssuesColumn is the column of a fact table that holds the codes of the
// fact's issues.
const IssuesColumn = "issues"

// issuesColumn is the column of the codes of a fact's issues; a kind with a
// field of that name keeps its field, and the codes go in issue_codes.
func issuesColumn(k *schema.Kind) Column {
	name := IssuesColumn
	if _, taken := k.Column("/" + name); taken {
		name = "issue_codes"
	}
	return Column{Name: name, Type: "string", Title: "Issues",
		Description: "The codes of the fact's issues, joined with \";\": those of the checks of the record and of the checks across records it met when it was exported (an event dated before the pair's relations, date.order, is found once every fact is read and is in the Issues table only). In the workbook, a link to the fact's first row in the Issues sheet.",
		get:         func(f *fact.Fact) any { return nonEmpty(strings.Join(f.Codes, ";")) }, codes: true}
}

// ChangeTable lists every value normalization altered in the exported
// facts: what the source said and what dossier made of it.
func ChangeTable() *Table {
	return &Table{Name: "changes", Title: "Changes", Description: "Every value normalization altered: before, after, and the normalizer.",
		Columns: []Column{
			{Name: "record", Type: "string", Title: "Record", Required: true, Description: "The fact id."},
			{Name: "kind", Type: "string", Title: "Kind", Required: true, Description: "The fact's kind."},
			strCol("file", "File", "The fact file."),
			intCol("line", "Line", "Line of the original value."),
			intCol("column", "Column", "Column of the original value."),
			{Name: "field", Type: "string", Title: "Field", Required: true, Description: "JSON pointer of the value in the record."},
			strCol("before", "Before", "The value as the source gave it."),
			strCol("after", "After", "The value as exported (empty when it moved to another field)."),
			{Name: "normalizer", Type: "string", Title: "Normalizer", Required: true, Description: "The normalizer that made the change; docs/normalizers.md lists them."},
		}}
}

func changeRow(f *fact.Fact, c fact.Change, dst []any) {
	copy(dst, []any{f.ID, f.Kind, nonEmpty(f.File), intCell(c.Line), intCell(c.Column), c.Pointer, nonEmpty(c.Before), nonEmpty(c.After), c.Normalizer})
}

// valueSuffix names the companion of a date column: date_value beside date.
const valueSuffix = "_value"

// isoDate is the Format of a date column: ISO 8601 text, YYYY, YYYY-MM or
// YYYY-MM-DD, one type in every cell, which sorts in date order as text
// (a partial date before the complete dates it holds).
const isoDate = "iso-date"

// dateColumns turns a date column into two: the date as ISO text, which
// may be partial, and its companion NAME_value, the same date as a date
// when it is complete and empty otherwise. The workbook writes the first
// as text and the second as date cells, so that each column holds one
// type and both sort right in Excel, LibreOffice and pandas alike; the
// data package types the second "date".
func dateColumns(c Column) []Column {
	text := c
	text.Format = isoDate
	text.Description = strings.TrimSpace(c.Description + " As ISO 8601 text (YYYY, YYYY-MM or YYYY-MM-DD), which sorts in date order.")
	value := Column{Name: c.Name + valueSuffix, Type: "string", Format: "date", Title: c.Title + " (date)",
		Description: "The " + strings.ToLower(c.Title) + " as a date, when it is a complete date from 1900-03-01 on (what a spreadsheet's date cells hold right); empty otherwise."}
	get := c.get
	value.get = func(f *fact.Fact) any {
		s, _ := get(f).(string)
		return cellDate(s)
	}
	return []Column{text, value}
}

func isDateName(name string) bool {
	switch name {
	case "date", "from", "to", "retrieved", "as_of":
		return true
	}
	return strings.HasSuffix(name, "_date")
}

// safeName makes a kind name safe as a file name: letters, digits, ".",
// "_" and "-", never starting with a dot, so that no schema can make an
// exporter write outside the output folder.
func safeName(s string) string {
	out := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			return r
		}
		return '_'
	}, s)
	out = strings.TrimLeft(out, ".")
	if out == "" {
		out = "facts"
	}
	return out
}

func intCell(n int) any {
	if n == 0 {
		return nil
	}
	return json.Number(strconv.Itoa(n))
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

func strCol(name, title, desc string) Column {
	return Column{Name: name, Type: "string", Title: title, Description: desc}
}

func intCol(name, title, desc string) Column {
	return Column{Name: name, Type: "integer", Title: title, Description: desc}
}

// DocumentTable lists the documents read.
func DocumentTable(r *model.Result) *Table {
	t := &Table{Name: "documents", Title: "Documents", Description: "The source documents read.", Key: []string{"id"}, Len: len(r.Documents),
		Columns: []Column{
			{Name: "id", Type: "string", Title: "Id", Required: true, Description: "The document id: its file name without .txt; facts cite it in evidence.document."},
			strCol("title", "Title", "The article's title."),
			strCol("path", "Path", "Where the document was read from."),
			strCol("url", "URL", "Where the article was scraped from."),
			{Name: "retrieved", Type: "string", Format: isoDate, Title: "Retrieved", Description: "The date it was scraped, as ISO 8601 text."},
			{Name: "retrieved" + valueSuffix, Type: "string", Format: "date", Title: "Retrieved (date)", Description: "The date it was scraped, as a date, when it is a complete date."},
			strCol("language", "Language", "Language of the text."),
			strCol("sha256", "SHA-256", "Hash of the raw file."),
			intCol("bytes", "Bytes", "Size of the raw file."),
			intCol("blocks", "Blocks", "Headings, paragraphs and list items found in the cleaned text."),
		}}
	t.Row = func(i int, dst []any) {
		d := r.Documents[i]
		copy(dst, []any{d.ID, d.Title, d.Path, nonEmpty(d.URL), nonEmpty(d.Retrieved), cellDate(d.Retrieved), nonEmpty(d.Language), d.SHA256,
			json.Number(strconv.Itoa(d.Bytes)), json.Number(strconv.Itoa(len(d.Blocks)))})
	}
	return t
}

// IssueTable lists the issues.
func IssueTable(issues []issue.Issue) *Table {
	sev := []any{"error", "warning", "info"}
	t := &Table{Name: "issues", Title: "Issues", Description: "Every problem found, with its location.", Len: len(issues),
		Columns: []Column{
			{Name: "severity", Type: "string", Title: "Severity", Required: true, Enum: sev, Description: "error, warning or info."},
			{Name: "code", Type: "string", Title: "Code", Required: true, Description: "Stable issue code; docs/checks.md explains each."},
			{Name: "message", Type: "string", Title: "Message", Required: true, Description: "What is wrong."},
			strCol("file", "File", "The file the issue is in."),
			intCol("line", "Line", "Line in the file (1-based)."),
			intCol("column", "Column", "Column in the line (1-based, in characters)."),
			strCol("pointer", "Pointer", "JSON pointer of the value inside its record."),
			strCol("record", "Record", "The fact or document id the issue concerns."),
		}}
	t.Row = func(i int, dst []any) {
		is := issues[i]
		copy(dst, []any{is.Severity.String(), is.Code, is.Message, nonEmpty(is.File), intCell(is.Line), intCell(is.Column), nonEmpty(is.Pointer), nonEmpty(is.Record)})
	}
	return t
}

// cellDate is s when it is a complete date (YYYY-MM-DD) that a date cell
// holds right (from 1900-03-01 on), else nil: the value of a date
// companion.
func cellDate(s string) any {
	if s < firstSheetDate || !fact.IsDay(s) {
		return nil
	}
	return s
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
