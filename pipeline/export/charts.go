package export

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"dossier/pipeline/review"
)

// The Charts sheet draws native charts from numbers beside them, and
// those numbers are formulas over the data sheets (SUMIFS and COUNTIFS
// over the Poll sheet, COUNTIFS over each kind's sheet), each with its
// value as of the run: the charts show at once in any reader, and follow
// an analyst's edits of the data sheets in one that recalculates.

const (
	chartPairs = 8  // poll charts: the pairs with the most polls
	chartYears = 60 // years a poll series shows: the latest
	chartDocs  = 30 // documents the facts-per-kind chart shows: the first
)

// chartColours tell a chart's series apart (with a marker shape each);
// the same as the review page's.
var chartColours = []string{"1F4E9C", "A63D00", "2E6B30", "7B1FA2", "B71C1C", "00695C"}

// axisFont keeps axis labels dark enough to read in print.
var axisFont = excelize.Font{Color: "404040", Size: 9}

var chartMarkers = []string{"circle", "square", "triangle", "diamond", "x", "star"}

// grid is the cells of a sheet written at once: row -> column -> value.
type grid map[int]map[int]any

func (g grid) set(row, col int, v any) {
	if g[row] == nil {
		g[row] = map[int]any{}
	}
	g[row][col] = v
}

// colRange is a whole column of a sheet, for a formula: 'Poll'!$G:$G.
func colRange(sheet string, col int) string {
	c := columnName(col)
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + c + ":$" + c
}

func cellRef(sheet string, col, row int, absCol, absRow bool) string {
	ref := ""
	if sheet != "" {
		ref = "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	}
	if absCol {
		ref += "$"
	}
	ref += columnName(col)
	if absRow {
		ref += "$"
	}
	return ref + strconv.Itoa(row)
}

// sumOver writes one term per sheet of a table (a table past a sheet's
// row limit goes on over several) joined with "+".
func sumOver(sheets []string, term func(sheet string) string) string {
	parts := make([]string, len(sheets))
	for i, s := range sheets {
		parts[i] = term(s)
	}
	return strings.Join(parts, "+")
}

func columnIndex(t *Table, name string) int {
	return slices.IndexFunc(t.Columns, func(c Column) bool { return c.Name == name }) + 1
}

// chartsSheet writes the Charts sheet: poll shares by year for the pairs
// with the most polls, a chart each, and facts per kind and document.
func (w *Writer) chartsSheet(name string, parts map[*stream][]sheetPart) error {
	x := w.book
	sw, err := w.textSheet(name, colWidth{1, 1, 24}, colWidth{2, 13, 12})
	if err != nil {
		return err
	}
	g := grid{}
	bold := w.bold
	g.set(1, 1, bold("Charts"))
	g.set(2, 1, "Each chart draws the numbers beside it. They are formulas over the data sheets: edit a value there and, where the reader recalculates, the numbers and the chart follow. A pair, measure, year or document added there needs its own row here.")
	row := 4
	var charts []placedChart
	row, charts = w.pollCharts(g, row, name, parts, charts)
	row, charts = w.kindChart(g, row+1, name, parts, charts)
	rows := make([]int, 0, len(g))
	for r := range g {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	for _, r := range rows {
		last := 0
		for c := range g[r] {
			last = max(last, c)
		}
		vals := make([]any, last)
		for c, v := range g[r] {
			vals[c-1] = v
		}
		if err := sw.SetRow(cellRef("", 1, r, false, false), vals); err != nil {
			return err
		}
	}
	// The charts go in before the sheet is flushed: the stream writer
	// writes the sheet's drawing reference last.
	for _, c := range charts {
		if err := x.AddChart(name, c.cell, c.chart); err != nil {
			return err
		}
	}
	return sw.Flush()
}

type placedChart struct {
	cell  string
	chart *excelize.Chart
}

// pollCharts lays out, for each pair, a column of years and one of mean
// shares per measure, and a scatter chart of them; it returns the next
// free row.
func (w *Writer) pollCharts(g grid, row int, name string, parts map[*stream][]sheetPart, charts []placedChart) (int, []placedChart) {
	bold := w.bold
	s := w.streams["poll"]
	if s == nil || s.n == 0 {
		return row, charts
	}
	pairCol, yearCol, measureCol, valueCol := columnIndex(s.t, "countries"), columnIndex(s.t, "year"), columnIndex(s.t, "measure"), columnIndex(s.t, "value")
	pairs, total := w.review.Polls(chartPairs)
	if pairCol == 0 || yearCol == 0 || measureCol == 0 || valueCol == 0 || len(pairs) == 0 {
		return row, charts
	}
	var sheets []string
	for _, p := range parts[s] {
		sheets = append(sheets, p.name)
	}
	g.set(row, 1, bold("Poll shares by year"))
	note := "The mean share of the polls of each pair, measure and year (the Poll sheet's value column)."
	if total > len(pairs) {
		note += fmt.Sprintf(" The %d pairs with the most polls, of %d.", len(pairs), total)
	}
	g.set(row+1, 1, note)
	row += 3
	for _, pp := range pairs {
		top := row
		g.set(top, 1, bold("Pair"))
		g.set(top, 2, pp.Pair)
		chart := &excelize.Chart{
			Type:      excelize.Scatter,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: strings.ReplaceAll(pp.Pair, ";", " – ") + " polls by year (%)"}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 560, Height: 300},
			YAxis:     excelize.ChartAxis{Minimum: ptr(0.0), Maximum: ptr(100.0), MajorUnit: 25, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont},
		}
		lo, hi := pp.Years[0], pp.Years[len(pp.Years)-1]
		chart.XAxis = excelize.ChartAxis{Minimum: ptr(float64(lo - 1)), Maximum: ptr(float64(hi + 1)), NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont}
		if hi-lo <= 12 {
			chart.XAxis.MajorUnit = 1
		}
		height := 1
		for mi, m := range pp.Measures {
			xc, yc := 2*mi+1, 2*mi+2
			g.set(top+1, xc, bold("year"))
			g.set(top+1, yc, bold(m))
			var years []int
			for _, y := range pp.Years {
				if _, ok := pp.Shares[m][y]; ok {
					years = append(years, y)
				}
			}
			if len(years) > chartYears {
				years = years[len(years)-chartYears:]
			}
			for i, y := range years {
				r := top + 2 + i
				g.set(r, xc, float64(y))
				crit := func(sheet string) string {
					return fmt.Sprintf("%s,%s,%s,%s,%s,%s", colRange(sheet, pairCol), cellRef("", 2, top, true, true),
						colRange(sheet, measureCol), cellRef("", yc, top+1, false, true), colRange(sheet, yearCol), cellRef("", xc, r, true, false))
				}
				formula := fmt.Sprintf("IFERROR((%s)/(%s),NA())",
					sumOver(sheets, func(sh string) string { return "SUMIFS(" + colRange(sh, valueCol) + "," + crit(sh) + ")" }),
					sumOver(sheets, func(sh string) string { return "COUNTIFS(" + crit(sh) + "," + colRange(sh, valueCol) + `,"<>")` }))
				g.set(r, yc, excelize.Cell{StyleID: w.style.share, Formula: formula, Value: pp.Shares[m][y].Mean()})
			}
			height = max(height, len(years))
			colour := chartColours[mi%len(chartColours)]
			fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
			chart.Series = append(chart.Series, excelize.ChartSeries{
				Name:       cellRef(name, yc, top+1, true, true),
				Categories: cellRef(name, xc, top+2, true, true) + ":" + cellRef("", xc, top+1+len(years), true, true),
				Values:     cellRef(name, yc, top+2, true, true) + ":" + cellRef("", yc, top+1+len(years), true, true),
				Fill:       fill,
				Line:       excelize.LineOptions{Type: excelize.LineSolid, Width: 2},
				Marker:     excelize.ChartMarker{Symbol: chartMarkers[mi%len(chartMarkers)], Size: 7, Fill: fill},
			})
		}
		charts = append(charts, placedChart{cellRef("", 2*len(pp.Measures)+2, top, false, false), chart})
		row = top + max(height+3, 17)
	}
	return row, charts
}

// kindChart lays out the facts of each kind per document, as COUNTIFS
// over each kind's evidence.document column, and a bar chart of them.
func (w *Writer) kindChart(g grid, row int, name string, parts map[*stream][]sheetPart, charts []placedChart) (int, []placedChart) {
	bold := w.bold
	docs, _, _ := w.review.KindCounts()
	type kindCol struct {
		s      *stream
		col    int
		sheets []string
	}
	var kinds []kindCol
	for _, k := range slices.Sorted(maps.Keys(w.streams)) {
		s := w.streams[k]
		if c := columnIndex(s.t, "evidence.document"); s.n > 0 && c > 0 {
			kc := kindCol{s: s, col: c}
			for _, p := range parts[s] {
				kc.sheets = append(kc.sheets, p.name)
			}
			kinds = append(kinds, kc)
		}
	}
	if len(docs) == 0 || len(kinds) == 0 {
		return row, charts
	}
	g.set(row, 1, bold("Facts per kind and document"))
	note := "How many facts of each kind cite each document (each kind's evidence.document column)."
	if len(docs) > chartDocs {
		note += fmt.Sprintf(" The first %d documents of %d.", chartDocs, len(docs))
		docs = docs[:chartDocs]
	}
	g.set(row+1, 1, note)
	top := row + 3
	g.set(top, 1, bold("document"))
	chart := &excelize.Chart{
		Type:      excelize.Bar,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Facts per kind and document"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 560, Height: uint(max(300, 120+len(docs)*len(kinds)*8))},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont},
	}
	for i, d := range docs {
		g.set(top+1+i, 1, d)
	}
	counts := map[string][]int{}
	ids, all, _ := w.review.KindCounts()
	for i, id := range ids {
		counts[id] = all[i]
	}
	tables, _ := w.review.Kinds()
	for ki, k := range kinds {
		col := ki + 2
		g.set(top, col, bold(k.s.t.Kind))
		ti := slices.IndexFunc(tables, func(t review.Table) bool { return t.Kind == k.s.t.Kind })
		for i, d := range docs {
			r := top + 1 + i
			formula := sumOver(k.sheets, func(sh string) string {
				return "COUNTIFS(" + colRange(sh, k.col) + "," + cellRef("", 1, r, true, false) + ")"
			})
			n := 0
			if ti >= 0 && counts[d] != nil {
				n = counts[d][ti]
			}
			g.set(r, col, excelize.Cell{Formula: formula, Value: float64(n)})
		}
		colour := chartColours[ki%len(chartColours)]
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       cellRef(name, col, top, true, true),
			Categories: cellRef(name, 1, top+1, true, true) + ":" + cellRef("", 1, top+len(docs), true, true),
			Values:     cellRef(name, col, top+1, true, true) + ":" + cellRef("", col, top+len(docs), true, true),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
		})
	}
	charts = append(charts, placedChart{cellRef("", len(kinds)+3, top, false, false), chart})
	return top + len(docs) + 2, charts
}

func ptr[T any](v T) *T { return &v }

// scatterXValues makes a scatter chart's x values numbers: excelize
// refers to them as text (strRef), which readers then plot as 1, 2, 3
// rather than as the years they are.
func scatterXValues(b []byte) ([]byte, error) {
	b = bytes.ReplaceAll(b, []byte("<xVal><strRef>"), []byte("<xVal><numRef>"))
	return bytes.ReplaceAll(b, []byte("</strRef></xVal>"), []byte("</numRef></xVal>")), nil
}
