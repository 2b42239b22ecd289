package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"dossier/pipeline/model"
)

const (
	// maxColWidth is the widest a column is made, in characters: longer
	// text wraps within it, so that a sheet prints a page wide at a size
	// one can read.
	maxColWidth = 40
	minColWidth = 8.0
	// rowPoints is the height of a line of text, in points.
	rowPoints = 15
	// MaxCellChars is the most characters an Excel cell holds.
	MaxCellChars = 32767
)

// maxSheetRows is the most rows a worksheet holds, header included. A
// variable so that tests can split sheets without a million rows.
var maxSheetRows = 1_048_576

func (w *Writer) makeStyles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = w.book.NewStyle(s)
		return id
	}
	pct := `0"%"`
	pctDec := `0.0##"%"`
	dateFmt := "yyyy-mm-dd"
	// Every cell sits at the top of its row, as wrapped text does: a row
	// as tall as its wrapped text reads across from its first line.
	top := func() *excelize.Alignment { return &excelize.Alignment{Vertical: "top"} }
	w.style = styles{
		header: mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: top()}),
		wrap:   mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		date:   mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: top()}),
		pctInt: mk(&excelize.Style{CustomNumFmt: &pct, Alignment: top()}),
		pctDec: mk(&excelize.Style{CustomNumFmt: &pctDec, Alignment: top()}),
		link:   mk(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: top()}),
		count:  mk(&excelize.Style{NumFmt: 3, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}),
		text:   mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		share:  mk(&excelize.Style{NumFmt: 2, Alignment: top()}),
	}
	return err
}

// sheetPart is one worksheet of a table: a table past Excel's row limit
// goes on over "Name (2)", ...
type sheetPart struct {
	name string
	s    *stream
	rows int
	used cellRange  // the cells its rows fill
	data *sheetRows // its rows, nil when it has none
}

// writeXLSX writes out/dossier.xlsx: About, a sheet per kind, Documents,
// Issues, Changes (when normalization changed anything) and Dictionary.
// excelize lays out the workbook and each sheet's header, widths, panes,
// filter and dropdowns; the rows, rendered as the facts streamed in, are
// spliced into the sheets as the archive is written, compressed on every
// core.
func (w *Writer) writeXLSX(r *model.Result, fixed []*Table) error {
	var facts []*stream
	for _, k := range slices.Sorted(maps.Keys(w.streams)) {
		facts = append(facts, w.streams[k])
	}
	// Fixed tables are rendered now, through the same stream code.
	docs, err := w.fixedStream(fixed[0], nil)
	if err != nil {
		return err
	}
	pl := &sheetPlan{names: &sheetNames{used: map[string]bool{}}, parts: map[*stream][]sheetPart{}}
	about := pl.names.make("About")
	charts := pl.names.make("Charts")
	for _, s := range facts {
		pl.add(s)
	}
	pl.add(docs)
	// Issues link each record to its row, so the places must be known first.
	linked := append(slices.Clone(facts), docs)
	issues, err := w.fixedStream(fixed[1], func(id string) string { return pl.link(linked, id) })
	if err != nil {
		return err
	}
	pl.add(issues)
	ordered := append(linked, issues)
	if w.changes.n > 0 {
		pl.add(w.changes)
		ordered = append(ordered, w.changes)
	}
	dict, err := w.fixedStream(dictionaryTable(ordered), nil)
	if err != nil {
		return err
	}
	pl.add(dict)
	ordered = append(ordered, dict)
	return w.writeSheets(r, about, charts, ordered, pl.parts)
}

// sheetPlan names the sheets of each stream: one, or as many as Excel's
// row limit asks ("Polls", "Polls (2)"), each with its rows of the spool.
type sheetPlan struct {
	names *sheetNames
	parts map[*stream][]sheetPart
}

func (pl *sheetPlan) add(s *stream) {
	n := max(1, len(s.sheets))
	for i := range n {
		title := s.t.Title
		if i > 0 {
			title = fmt.Sprintf("%s (%d)", s.t.Title, i+1)
		}
		p := sheetPart{name: pl.names.make(title), s: s}
		if i < len(s.sheets) {
			p.data = s.sheets[i]
			p.rows, p.used = p.data.rows, p.data.used
		}
		pl.parts[s] = append(pl.parts[s], p)
	}
}

// link returns the cell of the row of the record id among streams
// ("'Polls'!A7"), or "" when no stream holds it.
func (pl *sheetPlan) link(streams []*stream, id string) string {
	h := idHash(id)
	for _, s := range streams {
		row, ok := s.place[h]
		if !ok {
			continue
		}
		per := int32(maxSheetRows - 1)
		p := pl.parts[s][row/per]
		return "'" + strings.ReplaceAll(p.name, "'", "''") + "'!A" + strconv.Itoa(int(row%per)+2)
	}
	return ""
}

// writeSheets has excelize write the About sheet and every sheet's header,
// then splices the spooled rows in: assemble writes dossier.xlsx.
func (w *Writer) writeSheets(r *model.Result, about, charts string, ordered []*stream, parts map[*stream][]sheetPart) error {
	x := w.book
	if err := x.SetSheetName("Sheet1", about); err != nil {
		return err
	}
	if err := w.about(r, about, charts, ordered, parts); err != nil {
		return err
	}
	if _, err := x.NewSheet(charts); err != nil {
		return err
	}
	if err := w.chartsSheet(charts, parts); err != nil {
		return err
	}
	splice := map[string]sheetPart{}
	for _, s := range ordered {
		for _, p := range parts[s] {
			if _, err := x.NewSheet(p.name); err != nil {
				return err
			}
			if err := w.headerSheet(p); err != nil {
				return err
			}
			splice[p.name] = p
		}
	}
	x.SetActiveSheet(0)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		return err
	}
	out, err := w.dir.Create("dossier.xlsx")
	if err != nil {
		return err
	}
	return assemble(out, buf.Bytes(), splice)
}

// fixedStream renders a table known at the end into a stream with only a
// row spool. link, when set, makes record cells links to their rows.
func (w *Writer) fixedStream(t *Table, link func(id string) string) (*stream, error) {
	s := &stream{t: t, widths: make([]int32, len(t.Columns)), place: map[uint64]int32{}, xlsx: true}
	for i, c := range t.Columns {
		s.widths[i] = int32(len([]rune(c.Name)) + 1)
		s.cellOpen = append(s.cellOpen, `<c r="`+columnName(i+1))
	}
	w.fixed = append(w.fixed, s)
	recordCol := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Name == "record" })
	row := make([]any, len(t.Columns))
	for i := range t.Len {
		t.Row(i, row)
		rd := renderRow(t, row, &w.style, false, nil)
		if link != nil && recordCol >= 0 {
			if id, ok := row[recordCol].(string); ok {
				if p := link(id); p != "" {
					rd = withLink(rd, recordCol, id, p, w.style.link)
				}
			}
		}
		if t.Name == "documents" {
			if id, ok := row[0].(string); ok {
				s.place[idHash(id)] = int32(i)
			}
		}
		if err := w.add(s, rd, nil, nil); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// withLink replaces one cell of a rendered row with a HYPERLINK formula
// that shows text and leads to place. The cell it replaces is not empty.
func withLink(r *rendered, col int, text, place string, style int) *rendered {
	return withFormula(r, col, text, fmt.Sprintf(`HYPERLINK("#%s",%s)`, place, formulaString(text)), style)
}

// withFormula replaces one cell of a rendered row with a formula whose
// value is text. The cell it replaces is not empty.
func withFormula(r *rendered, col int, text, formula string, style int) *rendered {
	var body []byte
	body = append(body, ` s="`...)
	body = strconv.AppendInt(body, int64(style), 10)
	body = append(body, `" t="str"><f>`...)
	body = appendXMLText(body, formula)
	body = append(body, `</f><v>`...)
	body = appendXMLText(body, text)
	body = append(body, `</v></c>`...)
	start := int32(0)
	if col > 0 {
		start = r.ends[col-1]
	}
	cells := append(append(slices.Clone(r.cells[:start]), body...), r.cells[r.ends[col]:]...)
	delta := int32(len(body)) - (r.ends[col] - start)
	ends := slices.Clone(r.ends)
	for j := col; j < len(ends); j++ {
		ends[j] += delta
	}
	out := *r
	out.cells, out.ends = cells, ends
	return &out
}

func formulaString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// headerSheet writes a sheet's frame with excelize: widths, frozen header,
// filter over its rows, dropdowns of allowed values. Its dimension is set
// when the rows are spliced in (writeSheet).
func (w *Writer) headerSheet(p sheetPart) error {
	x := w.book
	t := p.s.t
	if err := w.printSetup(p.name, true); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(p.name)
	if err != nil {
		return err
	}
	for i, wd := range p.s.widths {
		if err := sw.SetColWidth(i+1, i+1, min(max(float64(wd)+1, minColWidth), maxColWidth)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hdr := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		hdr[i] = excelize.Cell{StyleID: w.style.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Columns), max(2, p.rows+1))
	if err := x.AutoFilter(p.name, "A1:"+last, nil); err != nil {
		return err
	}
	if err := w.dropdowns(p.name, t, p.rows); err != nil {
		return err
	}
	return sw.Flush()
}

// dropdowns offers the allowed values of enum columns as a list.
func (w *Writer) dropdowns(sheet string, t *Table, rows int) error {
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
		col := columnName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, max(2, rows+1)))
		if err := dv.SetDropList(vals); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.Name, "Not one of the allowed values: "+strings.Join(vals, ", "))
		if err := w.book.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// dictionaryTable describes every column of every sheet.
func dictionaryTable(streams []*stream) *Table {
	var rows [][]any
	for _, s := range streams {
		for _, c := range s.t.Columns {
			rows = append(rows, []any{s.t.Title, c.Name, nonEmpty(c.Title), columnType(c), nonEmpty(c.Description), nonEmpty(enumText(c.Enum))})
		}
	}
	t := &Table{Name: "dictionary", Title: "Dictionary", Description: "Every column of every sheet.", Len: len(rows),
		Columns: []Column{strCol("sheet", "Sheet", ""), strCol("column", "Column", ""), strCol("title", "Title", ""),
			strCol("type", "Type", ""), strCol("description", "Description", ""), strCol("allowed", "Allowed values", "")},
	}
	t.Row = func(i int, dst []any) { copy(dst, rows[i]) }
	return t
}

// excelSerial is the day number Excel stores for a date (1900 date system).
func excelSerial(t time.Time) float64 {
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

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

// colWidth is the width of columns first to last.
type colWidth struct {
	first, last int
	width       float64
}

// textSheet starts a sheet of text for people (About, Charts): printed
// portrait, its columns as wide as widths say.
func (w *Writer) textSheet(name string, widths ...colWidth) (*excelize.StreamWriter, error) {
	if err := w.printSetup(name, false); err != nil {
		return nil, err
	}
	sw, err := w.book.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for _, c := range widths {
		if err := sw.SetColWidth(c.first, c.last, c.width); err != nil {
			return nil, err
		}
	}
	return sw, nil
}

// bold is a header-styled cell of text.
func (w *Writer) bold(s string) any {
	return excelize.Cell{StyleID: w.style.header, Value: s}
}

// about writes the first sheet: what the workbook is, the run's counts, a
// guide to the other sheets and the documents read.
func (w *Writer) about(r *model.Result, name, charts string, streams []*stream, parts map[*stream][]sheetPart) error {
	sw, err := w.textSheet(name, colWidth{1, 1, 28}, colWidth{2, 2, 90})
	if err != nil {
		return err
	}
	bold := w.bold
	// Counts stand beside their labels, not at the far side of the wide
	// column that holds the guide's text.
	count := func(n int) any { return excelize.Cell{StyleID: w.style.count, Value: float64(n)} }
	s := r.Summary
	rows := [][]any{
		{bold("dossier workbook"), "Facts about the relations between countries, each beside the quote that supports it, checked against their sources by dossier " + w.opt.Version + "."},
	}
	if w.opt.Epoch != nil {
		rows = append(rows, []any{"Generated", w.opt.Epoch.UTC().Format("2006-01-02 15:04 UTC")})
	}
	rows = append(rows,
		[]any{},
		[]any{bold("Run"), nil},
		[]any{"Documents read", count(s.Documents)},
		[]any{"Facts read from fact files", count(s.Read)},
		[]any{"Facts found in the documents' text", count(s.Extracted)},
		[]any{"of which taken as facts of their own", count(s.FromText)},
		[]any{"Facts exported", count(s.Exported)},
		[]any{"Facts rejected", count(s.Rejected)},
		[]any{"Errors", count(s.Issues.Error)},
		[]any{"Warnings", count(s.Issues.Warning)},
		[]any{"Notes (info)", count(s.Issues.Info)},
		[]any{},
		[]any{bold("Sheets"), nil},
		[]any{w.sheetLink(charts), "Poll shares by year per pair and measure, and facts per kind per document, as charts drawn from formulas over the data sheets."},
	)
	for _, st := range streams {
		desc := fmt.Sprintf("%d rows. %s", st.n, st.t.Description)
		if st.t.Kind != "" {
			desc = fmt.Sprintf("%d %s facts. %s", st.n, st.t.Kind, st.t.Description)
		}
		rows = append(rows, []any{w.sheetLink(parts[st][0].name), strings.TrimSpace(desc)})
	}
	rows = append(rows, []any{}, []any{bold("Documents read"), nil})
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

// sheetLink is a cell that shows a sheet's name and leads to it.
func (w *Writer) sheetLink(sheet string) excelize.Cell {
	return excelize.Cell{StyleID: w.style.link, Value: sheet,
		Formula: fmt.Sprintf(`HYPERLINK("#'%s'!A1",%s)`, strings.ReplaceAll(sheet, "'", "''"), formulaString(sheet))}
}

// printSetup makes a sheet print as one made by hand: landscape, as wide
// as the page (and as many pages down as it takes) and, for a table, its
// header row on every page. It comes before the sheet's stream writer,
// which writes the sheet's properties first.
func (w *Writer) printSetup(sheet string, header bool) error {
	fit, landscape, one, zero := true, "landscape", 1, 0
	if err := w.book.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := w.book.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	side, edge, band := 0.4, 0.5, 0.3 // inches: narrow margins leave the table more width
	if err := w.book.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &band, Footer: &band}); err != nil {
		return err
	}
	if !header {
		return nil
	}
	return w.book.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1"})
}

func sheetTitle(kind string) string {
	if kind == "" {
		return "Facts"
	}
	r, n := utf8.DecodeRuneInString(kind)
	return strings.ToUpper(string(r)) + kind[n:]
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

// sheetPaths reads which archive entry holds each sheet, from the
// workbook and its relationships.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	read := func(name string, v any) error {
		f, err := zr.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return xml.NewDecoder(f).Decode(v)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := read("xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := read("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}

// assemble writes the final archive: the entries excelize made, in a fixed
// order ([Content_Types].xml first, then by name) with fixed times, copied
// without recompressing, except the worksheets, which get their true
// dimension and, for the sheets in splice, their rows inserted before
// </sheetData>; those are compressed here on every core. excelize orders
// streamed sheets by map iteration, so without this the same workbook could
// differ from run to run.
func assemble(w io.Writer, data []byte, splice map[string]sheetPart) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	sheets, err := sheetEntries(zr, splice)
	if err != nil {
		return err
	}
	names, byName, patch := entryOrder(zr)
	zw := zip.NewWriter(w)
	for _, name := range names {
		if err := copyEntry(zw, name, byName[name], patch[name], sheets); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sheetEntries maps every worksheet entry of the archive to the part whose
// rows it gets, or to nil for a sheet excelize wrote whole (About).
func sheetEntries(zr *zip.Reader, splice map[string]sheetPart) (map[string]*sheetPart, error) {
	paths, err := sheetPaths(zr)
	if err != nil {
		return nil, err
	}
	byEntry := map[string]*sheetPart{}
	for _, entry := range paths {
		if strings.HasPrefix(entry, "xl/worksheets/") {
			byEntry[entry] = nil
		}
	}
	for name, p := range splice {
		entry, ok := paths[name]
		if !ok {
			return nil, fmt.Errorf("xlsx: no archive entry for sheet %q", name)
		}
		byEntry[entry] = &p
	}
	return byEntry, nil
}

// entryOrder lists the entries to write, [Content_Types].xml first, then
// by name, with the shared-string table added when excelize made none and
// the patches that declare it.
func entryOrder(zr *zip.Reader) ([]string, map[string]*zip.File, map[string]func([]byte) ([]byte, error)) {
	names := make([]string, 0, len(zr.File)+1)
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		byName[f.Name] = f
	}
	patch := map[string]func([]byte) ([]byte, error){"xl/styles.xml": topAlignedDefault, "[Content_Types].xml": sortedDefaults}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			patch[f.Name] = scatterXValues
		}
	}
	if byName[sharedStringsPart] == nil {
		names = append(names, sharedStringsPart)
		patch["[Content_Types].xml"] = then(sortedDefaults, insertBefore("</Types>", sharedStringsType))
		patch["xl/_rels/workbook.xml.rels"] = insertBefore("</Relationships>", sharedStringsRel)
	}
	slices.SortFunc(names, func(a, b string) int {
		ar, br := a != "[Content_Types].xml", b != "[Content_Types].xml"
		if ar != br {
			if !ar {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return names, byName, patch
}

// copyEntry writes one entry of the final archive: the empty shared-string
// table (f nil), a patched entry, a worksheet with its rows, or an entry
// copied as it is, still compressed.
func copyEntry(zw *zip.Writer, name string, f *zip.File, fix func([]byte) ([]byte, error), sheets map[string]*sheetPart) error {
	if f == nil {
		hdr := fixedHeader(zip.FileHeader{Name: name, Method: zip.Deflate})
		return writeEntry(zw, &hdr, []byte(emptySharedStrings))
	}
	hdr := fixedHeader(f.FileHeader)
	if fix != nil {
		data, err := readEntry(f)
		if err == nil {
			data, err = fix(data)
		}
		if err == nil {
			err = writeEntry(zw, &hdr, data)
		}
		if err != nil {
			return fmt.Errorf("xlsx: %s: %w", name, err)
		}
		return nil
	}
	if p, ok := sheets[name]; ok {
		return writeSheet(zw, f, &hdr, p)
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return err
	}
	dst, err := zw.CreateRaw(&hdr)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, raw)
	return err
}

// The workbook holds its text inline, in the cells, but gets an empty
// shared-string table all the same: ExcelJS's streaming reader, finding
// none, defers every sheet to a temporary file and (ExcelJS 4.4.0, styles
// cached) stops without an error after the fifth; with a table it reads
// the sheets as they come.
const (
	sharedStringsPart  = "xl/sharedStrings.xml"
	emptySharedStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`
	sharedStringsType = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	sharedStringsRel  = `<Relationship Id="rIdSharedStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
)

// topAlignedDefault puts the workbook's default cell format, the one of
// every cell without a style of its own, at the top of its row like the
// others (excelize offers no way to set it): in the Normal style, which
// LibreOffice reads for such cells, and in the first cell format, which
// Excel reads.
func topAlignedDefault(b []byte) ([]byte, error) {
	for _, list := range []string{"<cellStyleXfs", "<cellXfs"} {
		i := bytes.Index(b, []byte(list))
		if i < 0 {
			return nil, fmt.Errorf("no %s>", list)
		}
		j := bytes.Index(b[i:], []byte("<xf "))
		k := bytes.Index(b[i:], []byte("</xf>"))
		if j < 0 || k < j {
			return nil, fmt.Errorf("no first format in %s>", list)
		}
		j, k = i+j, i+k
		xf := b[j:k]
		if bytes.Contains(xf, []byte("<alignment")) || !bytes.HasSuffix(xf, []byte(">")) {
			return nil, fmt.Errorf("the first format of %s> is not as expected: %s", list, xf)
		}
		xf = slices.Concat(xf[:len(xf)-1], []byte(` applyAlignment="1"><alignment vertical="top"/>`))
		b = slices.Concat(b[:j], xf, b[k:])
	}
	return b, nil
}

// then applies two patches in turn.
func then(a, b func([]byte) ([]byte, error)) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		data, err := a(data)
		if err != nil {
			return nil, err
		}
		return b(data)
	}
}

var contentDefault = regexp.MustCompile(`<Default Extension="[^"]*" ContentType="[^"]*"(?:></Default>|/>)`)

// sortedDefaults lists the content types by extension in a fixed order:
// excelize adds those of pictures, when a sheet has a drawing (the
// charts), in the order of a Go map.
func sortedDefaults(b []byte) ([]byte, error) {
	found := contentDefault.FindAll(b, -1)
	if len(found) == 0 {
		return b, nil
	}
	first := contentDefault.FindIndex(b)[0]
	sorted := slices.Clone(found)
	slices.SortFunc(sorted, bytes.Compare)
	rest := contentDefault.ReplaceAll(b, nil)
	return slices.Concat(rest[:first], bytes.Join(sorted, nil), rest[first:]), nil
}

// insertBefore returns a patch that inserts add before the last end.
func insertBefore(end, add string) func([]byte) ([]byte, error) {
	return func(b []byte) ([]byte, error) {
		i := bytes.LastIndex(b, []byte(end))
		if i < 0 {
			return nil, fmt.Errorf("no %s", end)
		}
		return slices.Concat(b[:i], []byte(add), b[i:]), nil
	}
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// fixedHeader is an entry's header with the fixed time and no extra
// fields, so that nothing of the moment reaches the archive.
func fixedHeader(h zip.FileHeader) zip.FileHeader {
	h.Modified = fixedTime
	h.ModifiedTime, h.ModifiedDate = 0, 0
	h.Extra = nil
	return h
}

// writeEntry writes an entry whose data is in memory, compressed like the
// sheets.
func writeEntry(zw *zip.Writer, hdr *zip.FileHeader, data []byte) error {
	return writeSpliced(zw, hdr, data, nil, nil)
}

// writeSheet writes a worksheet entry with its true dimension (the range
// its cells fill) and, when p is not nil, p's rows spliced in. excelize's
// stream writer declares every sheet "A1", and readers that trust the
// dimension, such as openpyxl in read-only mode, would read nothing else.
func writeSheet(zw *zip.Writer, f *zip.File, hdr *zip.FileHeader, p *sheetPart) error {
	frame, err := readEntry(f)
	if err != nil {
		return err
	}
	frame = charRefs(frame)
	frame = bytes.ReplaceAll(frame, drawingLong, drawingShort)
	used, err := usedRange(frame)
	if err != nil {
		return fmt.Errorf("xlsx: %s: %w", f.Name, err)
	}
	var rows *deflated
	if p != nil {
		used.union(p.used)
		if p.data != nil {
			if rows, err = p.data.compressed(); err != nil {
				return err
			}
		}
	}
	if frame, err = setDimension(frame, used.ref()); err != nil {
		return fmt.Errorf("xlsx: %s: %w", f.Name, err)
	}
	cut := len(frame)
	if p != nil {
		if cut = bytes.LastIndex(frame, []byte("</sheetData>")); cut < 0 {
			return fmt.Errorf("xlsx: %s has no sheetData", f.Name)
		}
	}
	return writeSpliced(zw, hdr, frame[:cut], rows, frame[cut:])
}

// A worksheet's reference to its drawing (the Charts sheet's charts), as
// excelize writes it and as readers expect it: ExcelJS reads the
// relationship id only under the prefix r, which the worksheet declares.
var (
	drawingLong  = []byte(`<drawing xmlns:relationships="http://schemas.openxmlformats.org/officeDocument/2006/relationships" relationships:id="`)
	drawingShort = []byte(`<drawing r:id="`)
)

// cellRange is a rectangle of cells, columns and rows 1-based; the zero
// value holds no cell.
type cellRange struct{ col0, row0, col1, row1 int }

func (c *cellRange) add(col, row int) {
	if c.col1 == 0 {
		*c = cellRange{col, row, col, row}
		return
	}
	c.col0, c.row0 = min(c.col0, col), min(c.row0, row)
	c.col1, c.row1 = max(c.col1, col), max(c.row1, row)
}

func (c *cellRange) union(o cellRange) {
	if o.col1 != 0 {
		c.add(o.col0, o.row0)
		c.add(o.col1, o.row1)
	}
}

// ref is the range as a sheet's dimension states it: "A1:O12", a single
// cell as "B2", and "A1" when there is no cell, as Excel writes it.
func (c cellRange) ref() string {
	if c.col1 == 0 {
		return "A1"
	}
	from, _ := excelize.CoordinatesToCellName(c.col0, c.row0)
	if c.col0 == c.col1 && c.row0 == c.row1 {
		return from
	}
	to, _ := excelize.CoordinatesToCellName(c.col1, c.row1)
	return from + ":" + to
}

// usedRange reads the range the cells of a worksheet's XML fill.
func usedRange(sheet []byte) (cellRange, error) {
	var used cellRange
	d := xml.NewDecoder(bytes.NewReader(sheet))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return used, nil
		}
		if err != nil {
			return used, err
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "c" {
			continue
		}
		i := slices.IndexFunc(el.Attr, func(a xml.Attr) bool { return a.Name.Local == "r" })
		if i < 0 {
			return used, fmt.Errorf("a cell has no reference")
		}
		col, row, err := excelize.CellNameToCoordinates(el.Attr[i].Value)
		if err != nil {
			return used, err
		}
		used.add(col, row)
	}
}

// setDimension replaces the ref of a worksheet's <dimension> element.
func setDimension(sheet []byte, ref string) ([]byte, error) {
	const open = `<dimension ref="`
	i := bytes.Index(sheet, []byte(open))
	if i < 0 || i > bytes.Index(sheet, []byte("<sheetData")) {
		return nil, fmt.Errorf("no <dimension> before <sheetData>")
	}
	start := i + len(open)
	end := bytes.IndexByte(sheet[start:], '"')
	if end < 0 {
		return nil, fmt.Errorf("unterminated <dimension>")
	}
	return slices.Concat(sheet[:start], []byte(ref), sheet[start+end:]), nil
}
