package export

import (
	"fmt"
	"unicode/utf8"

	"dossier/pipeline/issue"
	"slices"
	"strings"
	"time"

	"dossier/pipeline"
)

// Options tune the exporters.
type Options struct {
	Version      string // the tool's version, written into the outputs
	CSVBOM       bool   // start each CSV with a UTF-8 byte order mark (Excel on Windows)
	FormulaGuard bool   // make CSV cells that a spreadsheet would run as formulas inert
	JSONL        bool   // also write jsonl/<kind>.jsonl
	// Epoch, when set (from SOURCE_DATE_EPOCH), is the one date written into
	// the outputs; without it no output holds a wall-clock time.
	Epoch *time.Time
}

// An Exporter writes one output format of a run into the output folder.
type Exporter struct {
	Name string
	Doc  string
	Fn   func(d *Dir, r *pipeline.Result, o Options) error
}

// exporters is the one table of output formats, in the order they run.
var exporters = []Exporter{
	{"json", "out/dossier.json: documents, facts by kind, issues and counts", writeJSON},
	{"csv", "out/csv/<kind>.csv, documents.csv and issues.csv", writeCSV},
	{"datapackage", "out/datapackage.json: a Frictionless Data Package describing the CSVs", writeDataPackage},
	{"jsonl", "out/jsonl/<kind>.jsonl, with --jsonl", writeJSONL},
	{"xlsx", "out/dossier.xlsx: a sheet per kind, Documents and Issues", writeXLSX},
	{"rejected", "out/rejected.jsonl: every record not exported, with its issues", writeRejected},
	{"report", "out/report.json: counts and issues", writeReport},
}

// Names lists the exporters in the order they run.
func Names() []string {
	var n []string
	for _, e := range exporters {
		n = append(n, e.Name)
	}
	return n
}

// Write runs the named exporters (all when names is empty) into root and
// renames the results into place only if all of them succeed.
func Write(root string, r *pipeline.Result, names []string, o Options) error {
	for _, n := range names {
		if !slices.ContainsFunc(exporters, func(e Exporter) bool { return e.Name == n }) {
			return fmt.Errorf("unknown output format %q (known: %s)", n, strings.Join(Names(), ", "))
		}
	}
	d, err := NewDir(root)
	if err != nil {
		return err
	}
	if len(names) == 0 || slices.Contains(names, "xlsx") {
		flagLongText(r)
	}
	for _, e := range exporters {
		if len(names) > 0 && !slices.Contains(names, e.Name) {
			continue
		}
		if err := e.Fn(d, r, o); err != nil {
			d.Abort()
			return fmt.Errorf("writing %s: %w", e.Name, err)
		}
	}
	return d.Commit()
}

// flagLongText warns of every text the workbook must cut to Excel's
// 32,767 characters (JSON and CSV keep it whole). It runs before any output
// is written, so the warning reaches every report.
func flagLongText(r *pipeline.Result) {
	var extra []issue.Issue
	for _, t := range Tables(r) {
		row := make([]any, len(t.Columns))
		for i := range t.Len {
			t.Row(i, row)
			for j, v := range row {
				s, ok := v.(string)
				if !ok || len(s) <= MaxCellChars || utf8.RuneCountInString(s) <= MaxCellChars {
					continue
				}
				is := issue.Issue{Severity: issue.Warning, Code: "export.truncated",
					Message: fmt.Sprintf("%s of %s row %d has %d characters; the workbook keeps the first %d (JSON and CSV keep all)", t.Columns[j].Name, t.Name, i+1, utf8.RuneCountInString(s), MaxCellChars-1)}
				if t.Kind != "" {
					f := t.Facts[i]
					p := f.Locate(t.Columns[j].pointer())
					is.File, is.Line, is.Column, is.Record, is.Pointer = f.File, p.Line, p.Col, f.ID, t.Columns[j].pointer()
				}
				extra = append(extra, is)
			}
		}
	}
	if len(extra) > 0 {
		r.AddIssues(extra)
	}
}

// fixedTime stamps every archive entry, so that no wall-clock time reaches
// an output.
var fixedTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
