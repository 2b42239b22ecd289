package export

import (
	"bufio"
	"encoding/json"
	"regexp"
	"strings"
)

// csvEOL ends every line of a CSV, as RFC 4180 says and as Excel and
// Python's csv module write.
const csvEOL = "\r\n"

// writeFixedCSV writes the tables known only at the end (documents, issues)
// to out/csv/<table>.csv; the fact tables and changes were streamed.
func (w *Writer) writeFixedCSV(tables []*Table) error {
	for _, t := range tables {
		f, err := w.dir.Create("csv/" + t.Name + ".csv")
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<16)
		if w.opt.CSVBOM {
			bw.WriteString("\uFEFF")
		}
		var line []byte
		for i, c := range t.Columns {
			if i > 0 {
				line = append(line, ',')
			}
			line = appendCSVField(line, c.Name)
		}
		bw.Write(append(line, csvEOL...))
		row := make([]any, len(t.Columns))
		for i := range t.Len {
			t.Row(i, row)
			line = line[:0]
			for j, v := range row {
				if j > 0 {
					line = append(line, ',')
				}
				text := csvText(v)
				if w.opt.FormulaGuard {
					text = inert(text, v)
				}
				line = appendCSVField(line, text)
			}
			if _, err := bw.Write(append(line, csvEOL...)); err != nil {
				return err
			}
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return nil
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

var (
	plainNumberRE = regexp.MustCompile(`^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$`)
	fullDateRE    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

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
