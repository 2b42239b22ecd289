package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"dossier/pipeline"
)

const (
	maxColWidth = 60.0
	minColWidth = 8.0
)

// writeXLSX writes out/dossier.xlsx: a sheet per kind, then Documents and
// Issues. Numbers are numeric cells; the header row is bold and frozen.
func writeXLSX(d *Dir, r *pipeline.Result, o Options) error {
	x := excelize.NewFile()
	defer x.Close()
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	names := &sheetNames{used: map[string]bool{}}
	first := true
	addSheet := func(title string, head []string, rows [][]any) error {
		name := names.make(title)
		if first {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := x.NewSheet(name); err != nil {
			return err
		}
		return streamSheet(x, name, head, rows, bold)
	}
	for _, kind := range r.Schemas.KindNames() {
		t := KindTable(r.Schemas.Kinds[kind], r.Facts[kind])
		head := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			head[i] = c.Name
		}
		rows := make([][]any, 0, len(t.Facts))
		for _, f := range t.Facts {
			row := make([]any, len(t.Columns))
			for i, c := range t.Columns {
				row[i] = c.Cell(f)
			}
			rows = append(rows, row)
		}
		if err := addSheet(sheetTitle(kind), head, rows); err != nil {
			return err
		}
	}
	head, rows := DocumentTable(r)
	if err := addSheet("Documents", head, rows); err != nil {
		return err
	}
	head, rows = IssueTable(r.Issues)
	if err := addSheet("Issues", head, rows); err != nil {
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

func sheetTitle(kind string) string {
	if kind == "" {
		return "Facts"
	}
	r, n := utf8.DecodeRuneInString(kind)
	return strings.ToUpper(string(r)) + kind[n:]
}

func streamSheet(x *excelize.File, name string, head []string, rows [][]any, bold int) error {
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// Widths and panes must come before the first row.
	for i, w := range columnWidths(head, rows) {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hdr := make([]any, len(head))
	for i, h := range head {
		hdr[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	cells := make([]any, len(head))
	for n, row := range rows {
		for i, v := range row {
			cells[i] = cellValue(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// The stream writer leaves a stale dimension of A1, which makes some
	// readers see only the header row.
	return x.SetSheetDimension(name, "")
}

// cellValue turns an exported value into what excelize writes: numbers as
// numeric cells, everything else as text.
func cellValue(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	case bool:
		return x
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func columnWidths(head []string, rows [][]any) []float64 {
	w := make([]float64, len(head))
	for i, h := range head {
		w[i] = float64(utf8.RuneCountInString(h)) + 2
	}
	for n, row := range rows {
		if n >= 1000 { // a sample is enough to size a column
			break
		}
		for i, v := range row {
			if l := float64(utf8.RuneCountInString(csvText(v))) + 2; l > w[i] {
				w[i] = l
			}
		}
	}
	for i := range w {
		w[i] = min(max(w[i], minColWidth), maxColWidth)
	}
	return w
}

// sheetNames makes sheet names valid and unique: at most 31 characters,
// none of : \ / ? * [ ], not blank.
type sheetNames struct{ used map[string]bool }

func (s *sheetNames) make(title string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return '_'
		}
		return r
	}, title)
	clean = strings.Trim(clean, "' ")
	if clean == "" {
		clean = "Sheet"
	}
	name := truncRunes(clean, 31)
	for i := 2; s.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
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
