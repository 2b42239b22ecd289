package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"

	"dossier/pipeline"
)

// writeCSV writes out/csv/<table>.csv for every table: RFC 4180, UTF-8,
// columns in the schema's order, numbers exactly as read.
func writeCSV(d *Dir, r *pipeline.Result, o Options) error {
	for _, t := range Tables(r) {
		if err := writeTableCSV(d, "csv/"+t.Name+".csv", t, o); err != nil {
			return err
		}
	}
	return nil
}

func writeTableCSV(d *Dir, rel string, t *Table, o Options) error {
	w, err := d.Create(rel)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if o.CSVBOM {
		// Excel on Windows reads a CSV as UTF-8 only when it starts with a BOM.
		if _, err := bw.WriteString("\uFEFF"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(bw)
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	row := make([]any, len(t.Columns))
	for i := range t.Len {
		t.Row(i, row)
		for j, v := range row {
			rec[j] = csvText(v)
			if o.FormulaGuard {
				rec[j] = inert(rec[j], v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvText writes a cell value as CSV text: numbers exactly as read.
func csvText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

var plainNumberRE = regexp.MustCompile(`^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$`)

// inert guards a text cell against formula injection as OWASP recommends: a
// cell that a spreadsheet would read as a formula (starting with =, +, -,
// @, tab or carriage return) gets a leading apostrophe. Numbers, and text
// that is a plain number such as -12, are left as they are.
func inert(s string, v any) string {
	if _, isNum := v.(json.Number); isNum || s == "" {
		return s
	}
	if !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumberRE.MatchString(s) {
		return s
	}
	return "'" + s
}
