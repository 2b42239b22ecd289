package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/pipeline"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
)

// noteSchema is a kind made for these tests: text, a signed number, a
// percent, a full or partial date and an enum.
const noteSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Note", "description": "A test record.",
  "type": "object",
  "required": ["kind", "name"],
  "x-key": ["name"],
  "properties": {
    "kind": {"const": "note"},
    "name": {"type": "string", "title": "Name", "description": "Who or what."},
    "delta": {"type": "number", "title": "Delta"},
    "share": {"type": "number", "x-format": "percent"},
    "date": {"type": "string"},
    "level": {"enum": ["low", "high"], "description": "How much."}
  }
}`

// run builds a Result from fact lines (JSON Lines) against the note schema
// plus the shipped kinds.
func run(t *testing.T, lines ...string) *model.Result {
	t.Helper()
	return runIn(t, t.TempDir(), lines...)
}

// runIn is run with the inputs in dir, for tests that compare runs on the
// same files.
func runIn(t *testing.T, dir string, lines ...string) *model.Result {
	t.Helper()
	schemas := filepath.Join(dir, "schemas")
	if err := os.MkdirAll(schemas, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"poll", "official", "defs"} {
		data, err := os.ReadFile("../../schemas/" + f + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(schemas, f+".schema.json"), string(data))
	}
	write(t, filepath.Join(schemas, "note.schema.json"), noteSchema)
	facts := filepath.Join(dir, "facts.jsonl")
	write(t, facts, strings.Join(lines, "\n")+"\n")
	res, err := pipeline.Run(context.Background(), pipeline.Options{Facts: []string{facts}, Schemas: schemas})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

var sampleNotes = []string{
	`{"kind":"note","name":"=HYPERLINK(\"http://evil.example\",\"click\")","delta":-12,"share":79,"date":"2012-03-22","level":"low"}`,
	`{"kind":"note","name":"+cmd|' /C calc'!A0","delta":3.5,"share":12.5,"date":"2012-03","level":"high"}`,
	`{"kind":"note","name":"-12","delta":0}`,
	`{"kind":"note","name":"@SUM(A1)"}`,
	`{"kind":"note","name":"Touré"}`,
}

func TestFormulaInjectionIsInert(t *testing.T) {
	res := run(t, sampleNotes...)
	out := t.TempDir()
	if err := Write(out, res, nil, Options{FormulaGuard: true}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(out, "csv/note.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	names := []string{}
	for _, r := range rows[1:] {
		names = append(names, r[col["name"]])
	}
	want := []string{`'=HYPERLINK("http://evil.example","click")`, `'+cmd|' /C calc'!A0`, "-12", "'@SUM(A1)", "Touré"}
	if !slices.Equal(names, want) {
		t.Errorf("CSV names = %q\nwant %q", names, want)
	}
	if got := rows[1][col["delta"]]; got != "-12" {
		t.Errorf("delta = %q, want the number -12 untouched", got)
	}

	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for r := 2; r <= 3; r++ {
		cell := fmt.Sprintf("B%d", r)
		if f, _ := x.GetCellFormula("Note", cell); f != "" {
			t.Errorf("Note!%s is a formula %q; want text", cell, f)
		}
		typ, _ := x.GetCellType("Note", cell)
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("Note!%s has type %v, want a text cell", cell, typ)
		}
	}
	v, _ := x.GetCellValue("Note", "B2")
	if !strings.HasPrefix(v, "=HYPERLINK(") {
		t.Errorf("Note!B2 = %q, want the name as written", v)
	}
	typ, _ := x.GetCellType("Note", "C2")
	dv, _ := x.GetCellValue("Note", "C2", excelize.Options{RawCellValue: true})
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || dv != "-12" {
		t.Errorf("Note!C2 = %q (type %v), want the number -12", dv, typ)
	}
}

func TestWithoutGuardCSVKeepsText(t *testing.T) {
	res := run(t, sampleNotes[0])
	out := t.TempDir()
	if err := Write(out, res, []string{"csv"}, Options{FormulaGuard: false, CSVBOM: true}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, "csv/note.csv"))
	if !bytes.HasPrefix(data, []byte("\uFEFFname,")) && !bytes.HasPrefix(data, []byte("\uFEFFid,")) {
		t.Errorf("CSV does not start with a BOM and the header: %q", data[:20])
	}
	if !bytes.Contains(data, []byte(`"=HYPERLINK(""http`)) {
		t.Errorf("without the guard the cell should stay as written:\n%s", data)
	}
}

// Two runs on the same inputs give byte-identical files, the workbook of
// several streamed sheets included.
func TestOutputsAreDeterministic(t *testing.T) {
	lines := append([]string{}, sampleNotes...)
	for i := range 50 {
		lines = append(lines, fmt.Sprintf(`{"kind":"note","name":"n%d","share":%d}`, i, i))
	}
	a, b, in := t.TempDir(), t.TempDir(), t.TempDir()
	for i, dir := range []string{a, b, a} {
		res := runIn(t, in, lines...)
		if err := Write(dir, res, nil, Options{JSONL: true, Version: "test"}); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
	}
	files := listFiles(t, a)
	if len(files) < 10 || !slices.Equal(files, listFiles(t, b)) {
		t.Fatalf("file lists differ or are short: %v vs %v", files, listFiles(t, b))
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", f)
		}
	}
	sheets := workbookSheets(t, filepath.Join(a, "dossier.xlsx"))
	if len(sheets) < 6 {
		t.Errorf("workbook has only %v", sheets)
	}
}

func listFiles(t *testing.T, root string) []string {
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func workbookSheets(t *testing.T, path string) []string {
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	return x.GetSheetList()
}

func TestWorkbookLayout(t *testing.T) {
	res := run(t, sampleNotes...)
	out := t.TempDir()
	if err := Write(out, res, []string{"xlsx"}, Options{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []string{"About", "Charts", "Note", "Official", "Poll", "Documents", "Issues", "Dictionary"}
	if got := x.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	// Header bold and frozen.
	st, _ := x.GetCellStyle("Note", "A1")
	style, _ := x.GetStyle(st)
	if style == nil || style.Font == nil || !style.Font.Bold {
		t.Error("Note header is not bold")
	}
	panes, _ := x.GetPanes("Note")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Note panes = %+v, want the header row frozen", panes)
	}
	// The date column holds ISO text in every cell, complete or partial;
	// its companion date_value holds the complete date as a date cell and
	// nothing for the partial one.
	head, _ := x.GetRows("Note")
	dateCol := slices.Index(head[0], "date") + 1
	valueCol := slices.Index(head[0], "date_value") + 1
	shareCol := slices.Index(head[0], "share") + 1
	if valueCol != dateCol+1 {
		t.Fatalf("date_value is column %d, date %d: want it right after", valueCol, dateCol)
	}
	c2, _ := excelize.CoordinatesToCellName(dateCol, 2)
	c3, _ := excelize.CoordinatesToCellName(dateCol, 3)
	v2, _ := excelize.CoordinatesToCellName(valueCol, 2)
	v3, _ := excelize.CoordinatesToCellName(valueCol, 3)
	for _, c := range []string{c2, c3} {
		if typ, _ := x.GetCellType("Note", c); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("date cell %s is of type %v, want text", c, typ)
		}
	}
	if v, _ := x.GetCellValue("Note", c2); v != "2012-03-22" {
		t.Errorf("date cell shows %q", v)
	}
	if v, _ := x.GetCellValue("Note", v2); v != "2012-03-22" {
		t.Errorf("date_value cell shows %q", v)
	}
	if raw, _ := x.GetCellValue("Note", v2, excelize.Options{RawCellValue: true}); raw != "40990" {
		t.Errorf("date_value cell holds %q, want the serial 40990", raw)
	}
	if v, _ := x.GetCellValue("Note", v3); v != "" {
		t.Errorf("date_value of a partial date holds %q, want nothing", v)
	}
	// Percents are numbers shown with %.
	s2, _ := excelize.CoordinatesToCellName(shareCol, 2)
	if v, _ := x.GetCellValue("Note", s2); v != "79%" {
		t.Errorf("share shows %q, want 79%%", v)
	}
	if raw, _ := x.GetCellValue("Note", s2, excelize.Options{RawCellValue: true}); raw != "79" {
		t.Errorf("share holds %q, want 79", raw)
	}
	// Enum columns offer a dropdown.
	dvs, _ := x.GetDataValidations("Note")
	if !slices.ContainsFunc(dvs, func(d *excelize.DataValidation) bool { return strings.Contains(d.Formula1, "low,high") }) {
		t.Errorf("no data validation offers the level dropdown: %d validations", len(dvs))
	}
	// The Dictionary lists every column of every sheet.
	dict, _ := x.GetRows("Dictionary")
	listed := map[string]bool{}
	for _, r := range dict[1:] {
		listed[r[0]+"/"+r[1]] = true
	}
	for _, sheet := range []string{"Note", "Official", "Poll", "Documents", "Issues"} {
		rows, _ := x.GetRows(sheet)
		for _, h := range rows[0] {
			if !listed[sheet+"/"+h] {
				t.Errorf("Dictionary does not list %s/%s", sheet, h)
			}
		}
	}
}

// Issues link to the row of the fact they concern.
func TestIssuesLinkToRows(t *testing.T) {
	res := run(t, `{"kind":"note","name":"a"}`, `{"kind":"note","name":"a","delta":2}`, `{"kind":"note","name":"a","delta":3}`)
	out := t.TempDir()
	if err := Write(out, res, []string{"xlsx"}, Options{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("Issues")
	recCol := slices.Index(rows[0], "record") + 1
	found := 0
	for r := 2; r <= len(rows); r++ {
		cell, _ := excelize.CoordinatesToCellName(recCol, r)
		f, _ := x.GetCellFormula("Issues", cell)
		if strings.HasPrefix(f, `HYPERLINK("#'Note'!A`) {
			found++
		}
	}
	if found == 0 {
		t.Errorf("no issue links to a Note row; issues: %v", rows)
	}
}

func TestSheetSplitsPastRowLimit(t *testing.T) {
	old := maxSheetRows
	maxSheetRows = 3 // header + 2 rows
	defer func() { maxSheetRows = old }()
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`{"kind":"note","name":"n%d"}`, i))
	}
	out := t.TempDir()
	if err := Write(out, run(t, lines...), []string{"xlsx"}, Options{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// Each part declares its own rows: header and two, two, one.
	for _, p := range []struct {
		name string
		rows int
	}{{"Note", 3}, {"Note (2)", 3}, {"Note (3)", 2}} {
		rows, err := x.GetRows(p.name)
		if err != nil {
			t.Errorf("no sheet %q: %v", p.name, err)
			continue
		}
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), p.rows)
		if dim, _ := x.GetSheetDimension(p.name); len(rows) != p.rows || dim != "A1:"+last {
			t.Errorf("%s: %d rows, dimension %q; want %d rows, A1:%s", p.name, len(rows), dim, p.rows, last)
		}
	}
}

func TestSheetNames(t *testing.T) {
	n := &sheetNames{used: map[string]bool{}}
	for _, c := range []struct{ in, want string }{
		{"Poll", "Poll"},
		{"poll", "poll (2)"},
		{"a:b/c?d*e[f]g\\h", "a_b_c_d_e_f_g_h"},
		{strings.Repeat("x", 40), strings.Repeat("x", 31)},
		{strings.Repeat("x", 40), strings.Repeat("x", 27) + " (2)"},
		{"'quoted'", "quoted"},
		{"", "Sheet"},
		{"History", "Sheet History"},
	} {
		if got := n.make(c.in); got != c.want {
			t.Errorf("make(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLongTextIsCutInTheWorkbookOnly(t *testing.T) {
	long := strings.Repeat("é", MaxCellChars+100)
	res := run(t, fmt.Sprintf(`{"kind":"note","name":%q}`, long))
	out := t.TempDir()
	if err := Write(out, res, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Issues, func(i issue.Issue) bool { return i.Code == "export.truncated" && i.Line == 1 }) {
		t.Errorf("no located export.truncated warning: %v", res.Issues)
	}
	x, _ := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	defer x.Close()
	rows, _ := x.GetRows("Note")
	nameCol := slices.Index(rows[0], "name")
	if n := len([]rune(rows[1][nameCol])); n != MaxCellChars {
		t.Errorf("workbook cell has %d characters, want %d", n, MaxCellChars)
	}
	csvRows := readCSV(t, filepath.Join(out, "csv/note.csv"))
	if csvRows[1][slices.Index(csvRows[0], "name")] != long {
		t.Error("the CSV lost text")
	}
}

func TestDataPackageMatchesCSVs(t *testing.T) {
	res := run(t, sampleNotes...)
	out := t.TempDir()
	if err := Write(out, res, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Profile   string `json:"profile"`
		Resources []struct {
			Name, Path, Profile string
			Schema              struct {
				Fields []struct {
					Name, Type  string
					Constraints struct {
						Required bool
						Enum     []any
					}
				}
				PrimaryKey []string `json:"primaryKey"`
			}
		}
	}
	data, _ := os.ReadFile(filepath.Join(out, "datapackage.json"))
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Profile != "tabular-data-package" {
		t.Errorf("profile %q", pkg.Profile)
	}
	csvs, _ := filepath.Glob(filepath.Join(out, "csv", "*.csv"))
	if len(pkg.Resources) != len(csvs) {
		t.Errorf("%d resources for %d CSV files", len(pkg.Resources), len(csvs))
	}
	for _, r := range pkg.Resources {
		rows := readCSV(t, filepath.Join(out, r.Path))
		var names []string
		types := map[string]string{}
		for _, f := range r.Schema.Fields {
			names = append(names, f.Name)
			types[f.Name] = f.Type
		}
		if !slices.Equal(names, rows[0]) {
			t.Errorf("%s: fields %v, CSV header %v", r.Name, names, rows[0])
		}
		for _, k := range r.Schema.PrimaryKey {
			if !slices.Contains(names, k) {
				t.Errorf("%s: primary key %s is not a field", r.Name, k)
			}
		}
		// Every value fits its declared type.
		for _, row := range rows[1:] {
			for i, v := range row {
				if v == "" {
					continue
				}
				switch types[names[i]] {
				case "integer":
					var n int64
					if _, err := fmt.Sscan(v, &n); err != nil {
						t.Errorf("%s.%s: %q is not an integer", r.Name, names[i], v)
					}
				case "number":
					var f float64
					if _, err := fmt.Sscan(v, &f); err != nil {
						t.Errorf("%s.%s: %q is not a number", r.Name, names[i], v)
					}
				}
			}
		}
	}
}

// Output paths never leave the output folder.
func TestDirRefusesPathsOutside(t *testing.T) {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{"../x", "/etc/passwd", "csv/../../x", ""} {
		if _, err := d.Create(p); err == nil {
			t.Errorf("Create(%q) succeeded", p)
		}
	}
	for in, want := range map[string]string{"../../etc": "_.._etc", ".hidden": "hidden", "a/b": "a_b", "poll": "poll"} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A failed export leaves the previous outputs as they were, and no
// temporary file behind.
func TestFailedExportKeepsPreviousOutputs(t *testing.T) {
	out := t.TempDir()
	if err := Write(out, run(t, sampleNotes...), nil, Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	err := Write(out, run(t, `{"kind":"note","name":"other"}`), []string{"json", "csv", "nope"}, Options{})
	if err == nil {
		t.Fatal("an unknown exporter did not fail")
	}
	// Fail midway, with a file half written.
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	w, err := d.Create("dossier.json")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, "half")
	d.Abort()
	if after := snapshot(t, out); !mapsEqual(before, after) {
		t.Errorf("outputs changed after failed runs")
	}
	noLeftovers(t, out)
}

func snapshot(t *testing.T, root string) map[string]string {
	m := map[string]string{}
	for _, f := range listFiles(t, root) {
		data, _ := os.ReadFile(filepath.Join(root, f))
		m[f] = string(data)
	}
	return m
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// appendJSONString writes what encoding/json writes (HTML escaping off).
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"plain", "quote \" back \\ slash", "ctl \x01\x1f\n\r\t\b\f", "\u2028\u2029", "bad \xff utf8", "Touré 中文"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		if got := string(appendJSONString(nil, s)); got != want {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// fullDisk fails every write once n bytes have been written, as a full
// disk does.
type fullDisk struct {
	w    io.Writer
	left *int
}

func (f fullDisk) Write(b []byte) (int, error) {
	if *f.left < len(b) {
		return 0, syscall.ENOSPC
	}
	*f.left -= len(b)
	return f.w.Write(b)
}

// A write that fails midway (the disk is full) fails the run and leaves
// the previous outputs as they were, with no temporary file behind.
func TestFullDiskKeepsPreviousOutputs(t *testing.T) {
	out := t.TempDir()
	if err := Write(out, run(t, sampleNotes...), nil, Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	var lines []string
	for i := range 2000 {
		lines = append(lines, fmt.Sprintf(`{"kind":"note","name":"n%d","share":%d}`, i, i%100))
	}
	res := run(t, lines...)
	w, err := NewWriter(out, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	left := 50_000
	w.dir.wrap = func(x io.Writer) io.Writer { return fullDisk{x, &left} }
	if err := w.Start(res); err != nil {
		t.Fatal(err)
	}
	var failed error
	for _, kind := range res.KindsInOrder() {
		for _, f := range res.Facts[kind] {
			if err := w.Fact(f, w.Prepare(res.Schemas.Kinds[kind], f)); err != nil && failed == nil {
				failed = err
			}
		}
	}
	if failed == nil {
		failed = w.Finish(res)
	} else {
		w.Abort()
	}
	if !errors.Is(failed, syscall.ENOSPC) {
		t.Fatalf("the run did not fail with the disk full: %v", failed)
	}
	if after := snapshot(t, out); !mapsEqual(before, after) {
		t.Errorf("a failed write changed the outputs")
	}
	noLeftovers(t, out)
}

// No output holds a wall-clock time; SOURCE_DATE_EPOCH is the one date the
// About sheet shows.
func TestDateOnlyFromSourceDateEpoch(t *testing.T) {
	res := run(t, sampleNotes...)
	about := func(o Options) string {
		out := t.TempDir()
		if err := Write(out, res, []string{"xlsx"}, o); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, _ := x.GetRows("About")
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		return b.String()
	}
	if s := about(Options{}); strings.Contains(s, "Generated") || strings.Contains(s, time.Now().UTC().Format("2006-01-02")) {
		t.Errorf("a date without SOURCE_DATE_EPOCH:\n%s", s)
	}
	epoch := time.Unix(1700000000, 0).UTC()
	if s := about(Options{Epoch: &epoch}); !strings.Contains(s, "Generated\t2023-11-14 22:13 UTC") {
		t.Errorf("the epoch's date is missing:\n%s", s)
	}
}

// The review page is one of the outputs, and NoReview leaves it out.
func TestReviewPageIsAnOutput(t *testing.T) {
	res := run(t, sampleNotes...)
	for _, c := range []struct {
		opt  Options
		want bool
	}{{Options{Version: "test"}, true}, {Options{Version: "test", NoReview: true}, false}} {
		dir := t.TempDir()
		if err := Write(dir, res, nil, c.opt); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "review.html"))
		if got := err == nil; got != c.want {
			t.Errorf("NoReview %v: review.html written %v, want %v", c.opt.NoReview, got, c.want)
		}
		if c.want && !strings.Contains(string(data), "<h2 id=\"facts-h\">Facts</h2>") {
			t.Errorf("review.html holds no Facts section:\n%.300s", data)
		}
	}
}
