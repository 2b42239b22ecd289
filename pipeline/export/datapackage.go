package export

import (
	"encoding/json"
)

// Frictionless Data Package (datapackage.json) and Table Schema types, as
// much of the spec as dossier's tables need.
type dataPackage struct {
	Profile   string     `json:"profile"`
	Name      string     `json:"name"`
	Title     string     `json:"title"`
	Resources []resource `json:"resources"`
}

type resource struct {
	Name        string      `json:"name"`
	Path        string      `json:"path"`
	Profile     string      `json:"profile"`
	Title       string      `json:"title,omitempty"`
	Description string      `json:"description,omitempty"`
	Format      string      `json:"format"`
	Mediatype   string      `json:"mediatype"`
	Encoding    string      `json:"encoding"`
	Dialect     dialect     `json:"dialect"`
	Schema      tableSchema `json:"schema"`
}

type dialect struct {
	Delimiter      string `json:"delimiter"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	DoubleQuote    bool   `json:"doubleQuote"`
	Header         bool   `json:"header"`
}

type tableSchema struct {
	Fields        []field  `json:"fields"`
	PrimaryKey    []string `json:"primaryKey,omitempty"`
	MissingValues []string `json:"missingValues"`
}

type field struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Constraints *constraints `json:"constraints,omitempty"`
}

type constraints struct {
	Required bool  `json:"required,omitempty"`
	Enum     []any `json:"enum,omitempty"`
}

// writeDataPackage writes out/datapackage.json: every CSV with a Table
// Schema derived from the JSON Schemas alone, so that its types are the
// same in every run and the CSVs load typed in frictionless, pandas or R.
func (w *Writer) writeDataPackage(fixed []*Table) error {
	pkg := dataPackage{Profile: "tabular-data-package", Name: "dossier", Title: "dossier export"}
	enc := "utf-8"
	if w.opt.CSVBOM {
		enc = "utf-8-sig"
	}
	var tables []*Table
	for _, s := range w.all() {
		tables = append(tables, s.t)
	}
	tables = append(tables, fixed...)
	for _, t := range tables {
		res := resource{
			Name: t.Name, Path: "csv/" + t.Name + ".csv", Profile: "tabular-data-resource",
			Title: t.Title, Description: t.Description, Format: "csv", Mediatype: "text/csv", Encoding: enc,
			Dialect: dialect{Delimiter: ",", LineTerminator: csvEOL, QuoteChar: `"`, DoubleQuote: true, Header: true},
			Schema:  tableSchema{PrimaryKey: t.Key, MissingValues: []string{""}},
		}
		for _, c := range t.Columns {
			f := field{Name: c.Name, Type: tableType(c), Title: c.Title, Description: c.Description}
			if c.Required || len(c.Enum) > 0 {
				f.Constraints = &constraints{Required: c.Required, Enum: c.Enum}
			}
			res.Schema.Fields = append(res.Schema.Fields, f)
		}
		pkg.Resources = append(pkg.Resources, res)
	}
	out, err := w.dir.Create("datapackage.json")
	if err != nil {
		return err
	}
	e := json.NewEncoder(out)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	return e.Encode(pkg)
}

// tableType maps a column to a Table Schema type, from its description
// alone. Only a date companion (Format "date", complete dates or nothing)
// is a "date"; a date column that may hold partial dates (2012-03) is a
// "string" of ISO text.
func tableType(c Column) string {
	switch c.Type {
	case "integer", "number", "boolean":
		return c.Type
	case "string":
		if c.Format == "date" {
			return "date"
		}
	}
	return "string"
}
