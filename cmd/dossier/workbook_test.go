package main

import (
	"archive/zip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The workbook must read the same as the CSVs of the same run, in every
// common reader. These tests read it back (with excelize here, with the
// readers of readers_test.go there) as typed cells and compare every sheet
// that has a CSV with that CSV, and every other sheet (About, Dictionary)
// with what excelize reads.
//
// How a cell of the workbook compares with a CSV field, by the type the
// Dictionary sheet gives its column:
//   - an empty field is an empty cell;
//   - integer and number: a number cell equal, as a float64, to the field
//     parsed as one (a reader that keeps fewer digits, see readerQuirks,
//     is compared to those digits);
//   - boolean: a boolean cell (LibreOffice: the number 1 or 0);
//   - "(date)": a field YYYY-MM-DD from 1900-03-01 on is a date cell of
//     that day at midnight (a reader's date-time or ISO date); any other
//     value (2012-03, 2012, a date before 1900-03-01) is text;
//   - anything else is text equal to the field, where the workbook leaves
//     out the control characters XML cannot hold, cuts text past 32,767
//     characters to 32,766 and "…", and, with the CSV formula guard on
//     (the default), a field "'=x" may stand for the text "=x". Readers
//     that do not decode OOXML escapes in inline strings read a literal
//     "_x0041_" as "_x005F_x0041_"; LibreOffice reads a carriage return as
//     a line feed.

// cell is one cell as a reader gives it; nil is an empty cell.
type cell struct {
	N *float64 `json:"n,omitempty"` // a number
	S *string  `json:"s,omitempty"` // text
	B *bool    `json:"b,omitempty"` // a boolean
	D *string  `json:"d,omitempty"` // a date or date-time, ISO 8601
	E *string  `json:"e,omitempty"` // an error value
}

func (c *cell) String() string {
	switch {
	case c == nil:
		return "empty"
	case c.N != nil:
		return "number " + strconv.FormatFloat(*c.N, 'g', -1, 64)
	case c.S != nil:
		return fmt.Sprintf("text %q", *c.S)
	case c.B != nil:
		return fmt.Sprint("boolean ", *c.B)
	case c.D != nil:
		return "date " + *c.D
	case c.E != nil:
		return "error " + *c.E
	}
	return "empty"
}

// sheet is one worksheet as a reader gives it, rows and cells from A1.
type sheet struct {
	Name string    `json:"name"`
	Rows [][]*cell `json:"rows"`
}

func (s sheet) at(r, c int) *cell {
	if r < len(s.Rows) && c < len(s.Rows[r]) {
		return s.Rows[r][c]
	}
	return nil
}

// readerQuirks are the documented ways a reader differs from the workbook
// as written.
type readerQuirks struct {
	digits         int  // significant digits the reader keeps of a number; 0: all of a float64
	boolAsNumber   bool // reads a boolean cell as 1 or 0
	keepsXEscapes  bool // shows a literal "_x0041_" as its escape "_x005F_x0041_"
	crAsLF         bool // reads a carriage return, or CR LF, as a line feed
	unorderedNames bool // lists sheets in archive order, not the workbook's
	// splitsUTF8: a character whose bytes a stream chunk cuts in two
	// comes back as U+FFFD (ExcelJS's streaming reader, 4.4.0, decodes
	// each chunk on its own). Where a chunk ends depends on the bytes
	// before, file paths in the Documents sheet among them.
	splitsUTF8 bool
}

// workbookRun is one `dossier run` whose workbook the tests read.
type workbookRun struct {
	name string
	out  string
}

// workbookRuns runs dossier on the shipped sources and on the tricky
// fixture of testdata/workbook (values readers tend to get wrong), with
// the shipped config, so with the CSV formula guard on.
func workbookRuns(t *testing.T) []workbookRun {
	t.Helper()
	shipped := t.TempDir()
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", shipped)...); code != 0 {
		t.Fatalf("run on the shipped sources: exit %d\n%s", code, stderr)
	}
	tricky := t.TempDir()
	in := trickyInputs(t)
	args := append(repoArgs(t), "run", "--out", tricky, "--sources", in.sources, "--facts", in.facts, "--schemas", in.schemas)
	// The fixture has one conflicting duplicate on purpose: exit 1.
	if code, _, stderr := dossier(t, t.TempDir(), args...); code != 0 && code != 1 {
		t.Fatalf("run on testdata/workbook: exit %d\n%s", code, stderr)
	}
	return []workbookRun{{"shipped", shipped}, {"tricky", tricky}}
}

type trickyInput struct{ sources, facts, schemas string }

// trickyInputs lays out testdata/workbook with the shipped schemas plus
// its note kind, and adds records too long to keep in the repository.
func trickyInputs(t *testing.T) trickyInput {
	t.Helper()
	dir := t.TempDir()
	abs := func(p string) string {
		a, err := filepath.Abs(filepath.Join(repoRoot, p))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	schemas := filepath.Join(dir, "schemas")
	if err := os.MkdirAll(schemas, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(abs("schemas"), "*.schema.json"))
	files = append(files, abs("testdata/workbook/note.schema.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(schemas, filepath.Base(f)), string(data))
	}
	notes, err := os.ReadFile(abs("testdata/workbook/notes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []struct{ name, text string }{
		{"long text", strings.Repeat("lorem ipsum\n", 500)},
		{"longer than a cell holds", strings.Repeat("é", 32767) + " and more"},
	} {
		line, _ := json.Marshal(map[string]string{"kind": "note", "name": n.name, "text": n.text})
		notes = append(append(notes, line...), '\n')
	}
	facts := filepath.Join(dir, "notes.jsonl")
	writeFile(t, facts, string(notes))
	return trickyInput{abs("testdata/workbook/sources"), facts, schemas}
}

// Every sheet of the workbook, read back with excelize, says what the CSVs
// say, with numbers and dates as typed cells; every cell carries its
// reference and every sheet's dimension is the range its cells fill.
func TestWorkbookMatchesCSVs(t *testing.T) {
	for _, run := range workbookRuns(t) {
		t.Run(run.name, func(t *testing.T) {
			path := filepath.Join(run.out, "dossier.xlsx")
			checkSheetXML(t, path)
			sheets := readExcelize(t, path)
			compareWithCSVs(t, run.out, sheets, sheets, readerQuirks{})
		})
	}
}

// readExcelize reads every sheet with excelize as typed cells: a number
// cell whose format is a date is a date.
func readExcelize(t *testing.T, path string) []sheet {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var out []sheet
	for _, name := range x.GetSheetList() {
		rows, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		s := sheet{Name: name, Rows: make([][]*cell, len(rows))}
		for r, row := range rows {
			s.Rows[r] = make([]*cell, len(row))
			for c, v := range row {
				if v != "" {
					s.Rows[r][c] = excelizeCell(t, x, name, c+1, r+1, v)
				}
			}
		}
		out = append(out, s)
	}
	return out
}

func excelizeCell(t *testing.T, x *excelize.File, name string, col, row int, raw string) *cell {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	typ, err := x.GetCellType(name, ref)
	if err != nil {
		t.Fatal(err)
	}
	switch typ {
	case excelize.CellTypeBool:
		b := raw == "1" || strings.EqualFold(raw, "true")
		return &cell{B: &b}
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("%s!%s: number cell holds %q", name, ref, raw)
		}
		if isDateStyle(t, x, name, ref) {
			tm, err := excelize.ExcelDateToTime(f, false)
			if err != nil {
				t.Fatalf("%s!%s: %v", name, ref, err)
			}
			d := tm.Format("2006-01-02T15:04:05")
			return &cell{D: &d}
		}
		return &cell{N: &f}
	case excelize.CellTypeError:
		return &cell{E: &raw}
	}
	return &cell{S: &raw}
}

var quotedOrBracketed = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]`)

func isDateStyle(t *testing.T, x *excelize.File, name, ref string) bool {
	id, err := x.GetCellStyle(name, ref)
	if err != nil || id == 0 {
		return false
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return strings.ContainsAny(quotedOrBracketed.ReplaceAllString(*st.CustomNumFmt, ""), "ymdhs")
	}
	return st.NumFmt >= 14 && st.NumFmt <= 22
}

// checkSheetXML reads each worksheet's XML: every cell has a reference in
// its row, in column order, and the dimension is the range the cells fill.
func checkSheetXML(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		n++
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dim, used, err := sheetRanges(rc)
		rc.Close()
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		} else if dim != used {
			t.Errorf("%s: <dimension ref=%q>, but its cells fill %s", f.Name, dim, used)
		}
	}
	if n < 5 {
		t.Errorf("only %d worksheets in %s", n, path)
	}
}

// sheetRanges returns a worksheet's declared dimension and the range its
// cells fill, written as a dimension is ("A1" when it has no cell).
func sheetRanges(r io.Reader) (dim, used string, err error) {
	var minC, minR, maxC, maxR, row, lastCol int
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", "", err
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) string {
			for _, a := range el.Attr {
				if a.Name.Local == name {
					return a.Value
				}
			}
			return ""
		}
		switch el.Name.Local {
		case "dimension":
			dim = attr("ref")
		case "row":
			if row, err = strconv.Atoi(attr("r")); err != nil {
				return "", "", fmt.Errorf("a row without its number: %v", el.Attr)
			}
			lastCol = 0
		case "c":
			ref := attr("r")
			if ref == "" {
				return "", "", fmt.Errorf("row %d: a cell without a reference", row)
			}
			c, r, err := excelize.CellNameToCoordinates(ref)
			if err != nil || r != row || c <= lastCol {
				return "", "", fmt.Errorf("row %d: cell %s out of place", row, ref)
			}
			lastCol = c
			if maxC == 0 {
				minC, minR, maxC, maxR = c, r, c, r
			}
			minC, minR, maxC, maxR = min(minC, c), min(minR, r), max(maxC, c), max(maxR, r)
		}
	}
	if maxC == 0 {
		return dim, "A1", nil
	}
	from, _ := excelize.CoordinatesToCellName(minC, minR)
	to, _ := excelize.CoordinatesToCellName(maxC, maxR)
	if from == to {
		return dim, from, nil
	}
	return dim, from + ":" + to, nil
}

// compareWithCSVs compares the sheets a reader read with the CSVs of the
// run in out, and the sheets without a CSV with ref, excelize's reading.
func compareWithCSVs(t *testing.T, out string, got, ref []sheet, q readerQuirks) {
	t.Helper()
	byName := map[string]sheet{}
	for _, s := range got {
		byName[s.Name] = s
	}
	var names, refNames []string
	for _, s := range got {
		names = append(names, s.Name)
	}
	for _, s := range ref {
		refNames = append(refNames, s.Name)
	}
	if q.unorderedNames {
		slices.Sort(names)
		slices.Sort(refNames)
	}
	if !slices.Equal(names, refNames) {
		t.Fatalf("sheets %q, want %q", names, refNames)
	}
	types := columnTypes(t, ref)
	withCSV := map[string]bool{}
	for _, res := range dataPackage(t, out) {
		want := readCSVRows(t, filepath.Join(out, res.Path))
		s, ok := byName[res.Title]
		if !ok {
			if len(want) > 1 {
				t.Errorf("no sheet %q for %s", res.Title, res.Path)
			}
			continue
		}
		withCSV[res.Title] = true
		compareSheet(t, s, want, types[res.Title], q)
	}
	for _, r := range ref {
		if !withCSV[r.Name] {
			compareSame(t, byName[r.Name], r, q)
		}
	}
	if len(withCSV) < 5 {
		t.Errorf("only %d sheets compared with a CSV", len(withCSV))
	}
}

type resource struct{ Title, Path string }

func dataPackage(t *testing.T, out string) []resource {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct{ Resources []resource }
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	return pkg.Resources
}

// readCSVRows reads a CSV as dossier writes it (RFC 4180, "\r\n" after
// each record). encoding/csv is not used: it turns "\r\n" inside a quoted
// field into "\n", and the comparison must see the field as written.
func readCSVRows(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	var rows [][]string
	var row []string
	var field strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && field.Len() == 0:
			end := i + 1
			for ; end < len(s); end++ {
				if s[end] == '"' {
					if end+1 < len(s) && s[end+1] == '"' {
						field.WriteByte('"')
						end++
						continue
					}
					break
				}
				field.WriteByte(s[end])
			}
			if end >= len(s) {
				t.Fatalf("%s: unterminated quoted field", path)
			}
			i = end
		case c == ',':
			row = append(row, field.String())
			field.Reset()
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			rows = append(rows, append(row, field.String()))
			row = nil
			field.Reset()
			i++
		default:
			field.WriteByte(c)
		}
	}
	if row != nil || field.Len() > 0 {
		rows = append(rows, append(row, field.String()))
	}
	return rows
}

// columnTypes reads the Dictionary sheet: sheet -> column -> type.
func columnTypes(t *testing.T, sheets []sheet) map[string]map[string]string {
	t.Helper()
	i := slices.IndexFunc(sheets, func(s sheet) bool { return s.Name == "Dictionary" })
	if i < 0 {
		t.Fatal("no Dictionary sheet")
	}
	text := func(c *cell) string {
		if c == nil || c.S == nil {
			return ""
		}
		return *c.S
	}
	d := sheets[i]
	out := map[string]map[string]string{}
	for r := 1; r < len(d.Rows); r++ {
		s, col, typ := text(d.at(r, 0)), text(d.at(r, 1)), text(d.at(r, 3))
		if out[s] == nil {
			out[s] = map[string]string{}
		}
		out[s][col] = typ
	}
	return out
}

// compareSheet compares a sheet with its CSV, cell by cell.
func compareSheet(t *testing.T, s sheet, want [][]string, types map[string]string, q readerQuirks) {
	t.Helper()
	bad := 0
	for r, row := range want {
		for c, field := range row {
			typ := types[want[0][c]]
			if r == 0 {
				typ = "string"
			}
			if msg := matchField(field, typ, s.at(r, c), q); msg != "" {
				if bad++; bad <= 10 {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					t.Errorf("%s!%s (%s, %s): %s", s.Name, ref, want[0][c], typ, msg)
				}
			}
		}
		for c := len(row); r < len(s.Rows) && c < len(s.Rows[r]); c++ {
			if s.Rows[r][c] != nil {
				t.Errorf("%s row %d: a cell past the CSV's columns: %v", s.Name, r+1, s.Rows[r][c])
			}
		}
	}
	for r := len(want); r < len(s.Rows); r++ {
		for _, c := range s.Rows[r] {
			if c != nil {
				t.Errorf("%s row %d: a row past the CSV's: %v", s.Name, r+1, c)
				break
			}
		}
	}
	if bad > 10 {
		t.Errorf("%s: %d cells differ in all", s.Name, bad)
	}
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// matchField says how a cell differs from what the CSV field says it must
// hold, or "" when it does not.
func matchField(field, typ string, got *cell, q readerQuirks) string {
	if field == "" {
		if got == nil || (got.S != nil && *got.S == "") {
			return ""
		}
		return fmt.Sprintf("want an empty cell, got %v", got)
	}
	switch {
	case typ == "integer" || strings.HasPrefix(typ, "number"):
		return matchNumber(field, got, q)
	case typ == "boolean":
		want := field == "true"
		if got != nil && got.B != nil && *got.B == want {
			return ""
		}
		if q.boolAsNumber && got != nil && got.N != nil && *got.N == map[bool]float64{true: 1, false: 0}[want] {
			return ""
		}
		return fmt.Sprintf("want boolean %s, got %v", field, got)
	case strings.HasSuffix(typ, "(date)") && isoDate.MatchString(field) && field >= "1900-03-01":
		if got != nil && got.D != nil && isMidnight(*got.D, field) {
			return ""
		}
		return fmt.Sprintf("want the date %s, got %v", field, got)
	case typ == "any" && got != nil && got.N != nil:
		return matchNumber(field, got, q)
	}
	if got != nil && got.S != nil && slices.Contains(sheetTexts(field, q), *got.S) {
		return ""
	}
	if q.splitsUTF8 && got != nil && got.S != nil && strings.ContainsRune(*got.S, utf8.RuneError) {
		for _, w := range sheetTexts(field, q) {
			if splitUTF8Reading(w, *got.S) {
				return ""
			}
		}
	}
	return fmt.Sprintf("want text %q, got %v", field, got)
}

func matchNumber(field string, got *cell, q readerQuirks) string {
	want, err := strconv.ParseFloat(field, 64)
	if err != nil {
		return fmt.Sprintf("the CSV's %q is not a number", field)
	}
	if got != nil && got.N != nil && sameNumber(*got.N, want, q.digits) {
		return ""
	}
	return fmt.Sprintf("want number %s, got %v", field, got)
}

func sameNumber(a, b float64, digits int) bool {
	if digits == 0 {
		return a == b
	}
	return strconv.FormatFloat(a, 'g', digits, 64) == strconv.FormatFloat(b, 'g', digits, 64)
}

// isMidnight reports whether an ISO date or date-time is day at 00:00.
func isMidnight(iso, day string) bool {
	rest, ok := strings.CutPrefix(iso, day)
	return ok && midnight.MatchString(rest)
}

var midnight = regexp.MustCompile(`^(T00:00(:00(\.0+)?)?Z?)?$`)

// sheetTexts lists the texts a cell may show for a CSV field: the field
// itself or, with the formula guard, the field without its quote; as the
// workbook writes text (control characters out, cut to a cell's size);
// and for readers that keep OOXML escapes, as they show them.
func sheetTexts(field string, q readerQuirks) []string {
	raw := []string{field}
	if strings.HasPrefix(field, "'") && len(field) > 1 && strings.ContainsRune("=+-@\t\r", rune(field[1])) {
		raw = append(raw, field[1:])
	}
	var out []string
	for _, s := range raw {
		s = strings.Map(func(r rune) rune {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
				return -1
			}
			return r
		}, s)
		if utf8.RuneCountInString(s) > 32767 {
			s = string([]rune(s)[:32766]) + "…"
		}
		if q.keepsXEscapes {
			s = xEscape.ReplaceAllString(s, "_x005F_$1")
		}
		if q.crAsLF {
			s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
		}
		out = append(out, s)
	}
	return out
}

// xEscape matches what OOXML reads as an escape; the workbook writes a
// literal one with its "_" escaped, as _x005F_.
var xEscape = regexp.MustCompile(`_(x[0-9A-Fa-f]{4}_)`)

// compareSame compares a sheet without a CSV with excelize's reading.
func compareSame(t *testing.T, got, want sheet, q readerQuirks) {
	t.Helper()
	rows := max(len(got.Rows), len(want.Rows))
	for r := range rows {
		cols := 0
		if r < len(got.Rows) {
			cols = len(got.Rows[r])
		}
		if r < len(want.Rows) {
			cols = max(cols, len(want.Rows[r]))
		}
		for c := range cols {
			g, w := got.at(r, c), want.at(r, c)
			if !sameCell(g, w, q) {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				t.Errorf("%s!%s: got %v, excelize reads %v", want.Name, ref, g, w)
			}
		}
	}
}

func sameCell(g, w *cell, q readerQuirks) bool {
	switch {
	case w == nil:
		return g == nil || (g.S != nil && *g.S == "")
	case g == nil:
		return false
	case w.N != nil:
		return g.N != nil && sameNumber(*g.N, *w.N, q.digits)
	case w.S != nil:
		return g.S != nil && (*g.S == *w.S || (q.keepsXEscapes && *g.S == xEscape.ReplaceAllString(*w.S, "_x005F_$1")))
	case w.D != nil:
		return g.D != nil && isMidnight(*g.D, (*w.D)[:10])
	case w.B != nil:
		return (g.B != nil && *g.B == *w.B) || (q.boolAsNumber && g.N != nil && (*g.N == 1) == *w.B)
	}
	return false
}

// splitUTF8Reading reports whether got is want read by a reader that
// turns each character cut at a chunk boundary into one or two U+FFFD:
// every run of U+FFFD stands for exactly one character of want, and the
// rest is equal, up to a text the workbook cut to its cell limit.
func splitUTF8Reading(want, got string) bool {
	w, g := []rune(want), []rune(got)
	i, j := 0, 0
	for j < len(g) {
		if g[j] == utf8.RuneError {
			for j < len(g) && g[j] == utf8.RuneError {
				j++
			}
			i++ // the character the chunk boundary cut
			continue
		}
		if i >= len(w) || w[i] != g[j] {
			// A text cut at the cell limit ends with "…" in both readings.
			return g[j] == '…' && j == len(g)-1
		}
		i, j = i+1, j+1
	}
	return i == len(w)
}

func TestSplitUTF8Reading(t *testing.T) {
	for _, tc := range []struct {
		want, got string
		ok        bool
	}{
		{"ééé and more", "é\uFFFD\uFFFDé and more", true},
		{"ééé and more", "é\uFFFDé and more", true},
		{"ééé and more", "é\uFFFDéé and more", false},
		{"ééé and more", "é\uFFFDé and mora", false},
		{"éééééé", "é\uFFFDé…", true},
		{"abc", "abc", true},
	} {
		if got := splitUTF8Reading(tc.want, tc.got); got != tc.ok {
			t.Errorf("splitUTF8Reading(%q, %q) = %v, want %v", tc.want, tc.got, got, tc.ok)
		}
	}
}
