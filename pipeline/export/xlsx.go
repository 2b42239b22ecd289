package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"dossier/pipeline"
)

const (
	maxColWidth = 60.0
	minColWidth = 8.0
	// MaxCellChars is the most characters an Excel cell holds.
	MaxCellChars = 32767
)

// maxSheetRows is the most rows a worksheet holds, header included. A
// variable so that tests can split sheets without a million rows.
var maxSheetRows = 1_048_576

// workbook writes out/dossier.xlsx: About, a sheet per kind, Issues,
// Documents, Dictionary. Numbers are numeric cells, complete dates date
// cells; the header row is bold, frozen and filtered.
type workbook struct {
	x      *excelize.File
	names  *sheetNames
	first  bool
	style  styles
	places map[string]string // fact or document id -> "'Sheet'!A5"
	dict   [][]any
	opt    Options
}

type styles struct {
	header, wrap, date, pctInt, pctDec, link int
}

func writeXLSX(d *Dir, r *pipeline.Result, o Options) error {
	x := excelize.NewFile()
	defer x.Close()
	wb := &workbook{x: x, names: &sheetNames{used: map[string]bool{}}, first: true, places: map[string]string{}, opt: o}
	if err := wb.makeStyles(); err != nil {
		return err
	}
	tables := Tables(r)
	var facts, other []*Table
	for _, t := range tables {
		if t.Name == "changes" && t.Len == 0 {
			continue // the Changes sheet only when normalization changed something
		}
		if t.Kind != "" {
			facts = append(facts, t)
		} else {
			other = append(other, t)
		}
	}
	// Rows are placed before anything is written, so the About and Issues
	// sheets can link to them.
	sheetOf := map[*Table][]string{}
	for _, t := range append(append([]*Table{}, facts...), other...) {
		sheetOf[t] = wb.plan(t)
	}
	if err := wb.about(r, facts, other, sheetOf); err != nil {
		return err
	}
	for _, t := range append(facts, other...) {
		if err := wb.table(t, sheetOf[t]); err != nil {
			return err
		}
	}
	if err := wb.dictionary(); err != nil {
		return err
	}
	x.SetActiveSheet(0)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		return err
	}
	w, err := d.Create("dossier.xlsx")
	if err != nil {
		return err
	}
	return canonicalZip(w, buf.Bytes())
}

func (wb *workbook) makeStyles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = wb.x.NewStyle(s)
		return id
	}
	pct := `0"%"`
	pctDec := `0.0##"%"`
	dateFmt := "yyyy-mm-dd"
	wb.style = styles{
		header: mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}),
		wrap:   mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		date:   mk(&excelize.Style{CustomNumFmt: &dateFmt}),
		pctInt: mk(&excelize.Style{CustomNumFmt: &pct}),
		pctDec: mk(&excelize.Style{CustomNumFmt: &pctDec}),
		link:   mk(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}}),
	}
	return err
}

// newSheet adds a sheet (the first one renames the default sheet).
func (wb *workbook) newSheet(name string) error {
	if wb.first {
		wb.first = false
		return wb.x.SetSheetName("Sheet1", name)
	}
	_, err := wb.x.NewSheet(name)
	return err
}

// plan names the sheets a table needs (a table past Excel's row limit goes
// on over "Name (2)", ...) and records where each fact or document row is.
func (wb *workbook) plan(t *Table) []string {
	per := maxSheetRows - 1
	n := max(1, (t.Len+per-1)/per)
	sheets := make([]string, n)
	for i := range sheets {
		title := t.Title
		if i > 0 {
			title = fmt.Sprintf("%s (%d)", t.Title, i+1)
		}
		sheets[i] = wb.names.make(title)
	}
	ids := func(i int) string { return "" }
	switch {
	case t.Kind != "":
		ids = func(i int) string { return t.Facts[i].ID }
	case t.Name == "documents":
		row := make([]any, len(t.Columns))
		ids = func(i int) string { t.Row(i, row); s, _ := row[0].(string); return s }
	}
	for i := range t.Len {
		id := ids(i)
		if id == "" {
			continue
		}
		if _, dup := wb.places[id]; !dup {
			cell, _ := excelize.CoordinatesToCellName(1, i%per+2)
			wb.places[id] = "'" + strings.ReplaceAll(sheets[i/per], "'", "''") + "'!" + cell
		}
	}
	return sheets
}

// table writes one table over its sheets.
func (wb *workbook) table(t *Table, sheets []string) error {
	per := maxSheetRows - 1
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name
		wb.dict = append(wb.dict, []any{t.Title, c.Name, nonEmpty(c.Title), columnType(c), nonEmpty(c.Description), nonEmpty(enumText(c.Enum))})
	}
	widths, wrap := columnWidths(t)
	for s, name := range sheets {
		if err := wb.newSheet(name); err != nil {
			return err
		}
		sw, err := wb.x.NewStreamWriter(name)
		if err != nil {
			return err
		}
		// Widths and panes must come before the first row.
		for i, w := range widths {
			if err := sw.SetColWidth(i+1, i+1, w); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		hdr := make([]any, len(head))
		for i, h := range head {
			hdr[i] = excelize.Cell{StyleID: wb.style.header, Value: h}
		}
		if err := sw.SetRow("A1", hdr); err != nil {
			return err
		}
		lo, hi := s*per, min(t.Len, (s+1)*per)
		row := make([]any, len(t.Columns))
		cells := make([]any, len(t.Columns))
		for i := lo; i < hi; i++ {
			t.Row(i, row)
			for j, v := range row {
				cells[j] = wb.cell(t, j, v, wrap[j])
			}
			cell, _ := excelize.CoordinatesToCellName(1, i-lo+2)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(head), max(2, hi-lo+1))
		if err := wb.x.AutoFilter(name, "A1:"+last, nil); err != nil {
			return err
		}
		if err := wb.dropdowns(name, t, hi-lo); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		// The stream writer leaves a stale dimension of A1, which makes some
		// readers see only the header row.
		if err := wb.x.SetSheetDimension(name, "A1:"+last); err != nil {
			return err
		}
	}
	return nil
}

// dropdowns offers the allowed values of enum columns as a list.
func (wb *workbook) dropdowns(sheet string, t *Table, rows int) error {
	for i, c := range t.Columns {
		if len(c.Enum) == 0 {
			continue
		}
		var vals []string
		for _, e := range c.Enum {
			vals = append(vals, fmt.Sprint(e))
		}
		if len(strings.Join(vals, ",")) > 250 { // Excel's limit for a literal list
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, max(2, rows+1)))
		if err := dv.SetDropList(vals); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.Name, "Not one of the allowed values: "+strings.Join(vals, ", "))
		if err := wb.x.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// cell turns an exported value into what excelize writes: numbers as
// numeric cells (percent columns shown with %), complete dates as date
// cells, the record of an issue as a link to its row, text as text.
func (wb *workbook) cell(t *Table, col int, v any, wrap bool) any {
	c := t.Columns[col]
	switch x := v.(type) {
	case nil:
		return nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		if c.Format == "percent" {
			if f == float64(int64(f)) {
				return excelize.Cell{StyleID: wb.style.pctInt, Value: f}
			}
			return excelize.Cell{StyleID: wb.style.pctDec, Value: f}
		}
		return f
	case bool:
		return x
	case string:
		if c.Format == "date" {
			if tm, err := time.Parse("2006-01-02", x); err == nil {
				return excelize.Cell{StyleID: wb.style.date, Value: excelSerial(tm)}
			}
		}
		if (t.Name == "issues" || t.Name == "changes") && c.Name == "record" {
			if place, ok := wb.places[x]; ok {
				return excelize.Cell{StyleID: wb.style.link, Formula: fmt.Sprintf(`HYPERLINK("#%s",%s)`, place, formulaString(x)), Value: x}
			}
		}
		if len(x) > MaxCellChars && utf8.RuneCountInString(x) > MaxCellChars {
			// Cut here, with a mark, rather than let excelize cut silently;
			// flagLongText has reported it.
			x = string([]rune(x)[:MaxCellChars-1]) + "…"
		}
		if wrap {
			return excelize.Cell{StyleID: wb.style.wrap, Value: x}
		}
		return x
	}
	return fmt.Sprint(v)
}

var fullDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// excelSerial is the day number Excel stores for a date (1900 date system).
func excelSerial(t time.Time) float64 {
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func formulaString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func columnType(c Column) string {
	t := c.Type
	if t == "" {
		t = "any"
	}
	if c.Format != "" {
		t += " (" + c.Format + ")"
	}
	return t
}

func enumText(e []any) string {
	var s []string
	for _, v := range e {
		s = append(s, fmt.Sprint(v))
	}
	return strings.Join(s, ", ")
}

// about writes the first sheet: what the workbook is, the run's counts,
// the documents read and a guide to the other sheets.
func (wb *workbook) about(r *pipeline.Result, facts, other []*Table, sheetOf map[*Table][]string) error {
	name := wb.names.make("About")
	if err := wb.newSheet(name); err != nil {
		return err
	}
	sw, err := wb.x.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 28); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 90); err != nil {
		return err
	}
	s := r.Summary
	rows := [][]any{
		{excelize.Cell{StyleID: wb.style.header, Value: "dossier workbook"}, "Facts about the relations between countries, each beside the quote that supports it, checked against their sources by dossier " + wb.opt.Version + "."},
	}
	if wb.opt.Epoch != nil {
		rows = append(rows, []any{"Generated", wb.opt.Epoch.UTC().Format("2006-01-02 15:04 UTC")})
	}
	rows = append(rows,
		[]any{},
		[]any{excelize.Cell{StyleID: wb.style.header, Value: "Run"}, nil},
		[]any{"Documents read", float64(s.Documents)},
		[]any{"Facts read", float64(s.Read)},
		[]any{"Facts exported", float64(s.Exported)},
		[]any{"Facts rejected", float64(s.Rejected)},
		[]any{"Errors", float64(s.Issues.Error)},
		[]any{"Warnings", float64(s.Issues.Warning)},
		[]any{"Notes (info)", float64(s.Issues.Info)},
		[]any{},
		[]any{excelize.Cell{StyleID: wb.style.header, Value: "Sheets"}, nil},
	)
	for _, t := range facts {
		desc := fmt.Sprintf("%d %s facts. %s", t.Len, t.Kind, t.Description)
		rows = append(rows, []any{wb.sheetLink(sheetOf[t][0]), strings.TrimSpace(desc)})
	}
	for _, t := range other {
		rows = append(rows, []any{wb.sheetLink(sheetOf[t][0]), fmt.Sprintf("%d rows. %s", t.Len, t.Description)})
	}
	rows = append(rows, []any{"Dictionary", "Every column of every sheet: title, type, description and allowed values."},
		[]any{},
		[]any{excelize.Cell{StyleID: wb.style.header, Value: "Documents read"}, nil})
	for _, d := range r.Documents {
		rows = append(rows, []any{d.ID, d.Title})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (wb *workbook) sheetLink(sheet string) any {
	place := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!A1"
	return excelize.Cell{StyleID: wb.style.link, Formula: fmt.Sprintf(`HYPERLINK("#%s",%s)`, place, formulaString(sheet)), Value: sheet}
}

// dictionary writes the Dictionary sheet from the columns seen.
func (wb *workbook) dictionary() error {
	t := &Table{Name: "dictionary", Title: "Dictionary", Len: len(wb.dict),
		Columns: []Column{strCol("sheet", "Sheet", ""), strCol("column", "Column", ""), strCol("title", "Title", ""),
			strCol("type", "Type", ""), strCol("description", "Description", ""), strCol("allowed", "Allowed values", "")},
	}
	rows := wb.dict
	t.Row = func(i int, dst []any) { copy(dst, rows[i]) }
	sheets := wb.plan(t)
	wb.dict = nil
	return wb.table(t, sheets)
}

func sheetTitle(kind string) string {
	if kind == "" {
		return "Facts"
	}
	r, n := utf8.DecodeRuneInString(kind)
	return strings.ToUpper(string(r)) + kind[n:]
}

// columnWidths sizes each column to its content (a sample of rows), within
// a cap; a column that needs more than the cap wraps.
func columnWidths(t *Table) ([]float64, []bool) {
	w := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		w[i] = float64(utf8.RuneCountInString(c.Name)) + 3
	}
	row := make([]any, len(t.Columns))
	for n := 0; n < t.Len && n < 1000; n++ { // a sample is enough to size a column
		t.Row(n, row)
		for i, v := range row {
			if l := float64(utf8.RuneCountInString(csvText(v))) + 2; l > w[i] {
				w[i] = l
			}
		}
	}
	wrap := make([]bool, len(w))
	for i := range w {
		wrap[i] = w[i] > maxColWidth
		w[i] = min(max(w[i], minColWidth), maxColWidth)
	}
	return w, wrap
}

// sheetNames makes sheet names valid and unique: at most 31 characters,
// none of : \ / ? * [ ], not blank, not starting or ending with '.
type sheetNames struct{ used map[string]bool }

func (s *sheetNames) make(title string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return '_'
		}
		return r
	}, title)
	clean = strings.Trim(clean, "' ")
	switch {
	case clean == "":
		clean = "Sheet"
	case strings.EqualFold(clean, "History"): // reserved by Excel
		clean = "Sheet " + clean
	}
	name := truncRunes(clean, 31)
	for i := 2; s.used[strings.ToLower(name)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		name = truncRunes(clean, 31-len(suffix)) + suffix
	}
	s.used[strings.ToLower(name)] = true
	return name
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// canonicalZip copies an XLSX archive with its entries in a fixed order
// ([Content_Types].xml first, then by name) and fixed times, without
// recompressing. excelize orders streamed sheets by map iteration, so the
// same workbook could otherwise differ from run to run.
func canonicalZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		ar, br := a.Name != "[Content_Types].xml", b.Name != "[Content_Types].xml"
		if ar != br {
			if !ar {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		hdr := f.FileHeader
		hdr.Modified = fixedTime
		hdr.ModifiedTime, hdr.ModifiedDate = 0, 0
		hdr.Extra = nil
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		dst, err := zw.CreateRaw(&hdr)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}
