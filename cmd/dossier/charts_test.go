package main

import (
	"archive/zip"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The workbook's Charts sheet: native charts of poll shares by year per
// pair and measure, and of facts per kind per document, drawn from numbers
// beside them that are formulas over the data sheets, each with the value
// the CSVs give. And the workbook prints like one made by hand: each sheet
// landscape, a page wide, its header on every page, long text wrapped in
// rows as tall as it needs; LibreOffice prints it so, and draws the charts.

// chartRuns are the runs whose Charts sheets the tests read: the shipped
// sources, and the larger run of review_test.go, whose extracted polls
// give several pairs.
func chartRuns(t *testing.T) []workbookRun {
	t.Helper()
	shipped := t.TempDir()
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", shipped)...); code != 0 {
		t.Fatalf("run on the shipped sources: exit %d\n%s", code, stderr)
	}
	larger := t.TempDir()
	sources, facts := largerInputs(t)
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", larger, "--sources", sources, "--facts", facts)...); code != 0 && code != 1 {
		t.Fatalf("the larger run: exit %d\n%s", code, stderr)
	}
	return []workbookRun{{"shipped", shipped}, {"larger", larger}}
}

// csvTable reads a CSV of a run as a header and rows.
func csvTable(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	rows := readCSVRows(t, path)
	if len(rows) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return rows[0], rows[1:]
}

func TestChartsSheet(t *testing.T) {
	for _, run := range chartRuns(t) {
		t.Run(run.name, func(t *testing.T) {
			x, err := excelize.OpenFile(filepath.Join(run.out, "dossier.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if sheets := x.GetSheetList(); len(sheets) < 2 || sheets[1] != "Charts" {
				t.Fatalf("sheets %q: want Charts second", sheets)
			}
			rows, err := x.GetRows("Charts", excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			at := func(r, c int) string {
				if r < len(rows) && c < len(rows[r]) {
					return rows[r][c]
				}
				return ""
			}
			formula := func(r, c int) string {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f, err := x.GetCellFormula("Charts", ref)
				if err != nil {
					t.Fatal(err)
				}
				return f
			}
			polls := pollMeans(t, run.out)
			counts := kindCounts(t, run.out)
			blocks, checked := 0, 0
			for r := range rows {
				switch at(r, 0) {
				case "Pair":
					blocks++
					pair := at(r, 1)
					for c := 0; at(r+1, c) == "year"; c += 2 {
						measure := at(r+1, c+1)
						for rr := r + 2; at(rr, c) != ""; rr++ {
							key := pair + "|" + measure + "|" + at(rr, c)
							want, ok := polls[key]
							got, err := strconv.ParseFloat(at(rr, c+1), 64)
							if !ok || err != nil || fmt.Sprintf("%.9g", got) != fmt.Sprintf("%.9g", want) {
								t.Errorf("Charts row %d: %s is %q, the mean of poll.csv is %v (%v)", rr+1, key, at(rr, c+1), want, ok)
							}
							if f := formula(rr, c+1); !strings.Contains(f, "SUMIFS('Poll'!$") || !strings.Contains(f, "COUNTIFS('Poll'!$") {
								t.Errorf("Charts row %d: %s is not drawn from the Poll sheet: %q", rr+1, key, f)
							}
							delete(polls, key)
							checked++
						}
					}
				case "document":
					for c := 1; at(r, c) != ""; c++ {
						kind := at(r, c)
						for rr := r + 1; at(rr, 0) != ""; rr++ {
							doc := at(rr, 0)
							if got, want := at(rr, c), strconv.Itoa(counts[kind+"|"+doc]); got != want {
								t.Errorf("Charts: %s facts citing %s: %s, the CSV has %s", kind, doc, got, want)
							}
							if f := formula(rr, c); !strings.HasPrefix(f, "COUNTIFS('"+strings.ToUpper(kind[:1])+kind[1:]+"'!$") {
								t.Errorf("Charts: %s facts citing %s are not counted on its sheet: %q", kind, doc, f)
							}
							checked++
						}
					}
				}
			}
			if blocks == 0 || checked == 0 {
				t.Fatalf("no poll block or nothing checked on the Charts sheet:\n%q", rows)
			}
			if run.name == "larger" && blocks < 2 {
				t.Errorf("%d pairs charted in the larger run, want several", blocks)
			}
			for key := range polls {
				if strings.HasPrefix(key, "MLI;USA|") {
					t.Errorf("poll.csv's %s is not on the Charts sheet", key)
				}
			}
			checkChartParts(t, filepath.Join(run.out, "dossier.xlsx"), blocks+1)
		})
	}
}

// pollMeans reads poll.csv: pair|measure|year -> mean value.
func pollMeans(t *testing.T, out string) map[string]float64 {
	t.Helper()
	head, rows := csvTable(t, filepath.Join(out, "csv", "poll.csv"))
	col := func(name string) int { return slices.Index(head, name) }
	sum, n := map[string]float64{}, map[string]int{}
	for _, r := range rows {
		v, err := strconv.ParseFloat(r[col("value")], 64)
		if err != nil || r[col("year")] == "" {
			continue
		}
		key := r[col("countries")] + "|" + r[col("measure")] + "|" + r[col("year")]
		sum[key] += v
		n[key]++
	}
	means := map[string]float64{}
	for k, s := range sum {
		means[k] = s / float64(n[k])
	}
	return means
}

// kindCounts reads every kind's CSV: kind|document -> facts citing it.
func kindCounts(t *testing.T, out string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, res := range dataPackage(t, out) {
		head, rows := csvTable(t, filepath.Join(out, res.Path))
		col := slices.Index(head, "evidence.document")
		if col < 0 {
			continue
		}
		kind := strings.TrimSuffix(filepath.Base(res.Path), ".csv")
		for _, r := range rows {
			counts[kind+"|"+r[col]]++
		}
	}
	return counts
}

// checkChartParts reads the chart parts of the workbook: n charts, every
// series drawn from the Charts sheet, a scatter's x values as numbers.
func checkChartParts(t *testing.T, path string, n int) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	charts := 0
	ref := regexp.MustCompile(`<f>([^<]*)</f>`)
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		charts++
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		refs := ref.FindAllStringSubmatch(string(data), -1)
		if len(refs) == 0 {
			t.Errorf("%s draws from no range", f.Name)
		}
		for _, m := range refs {
			if !strings.HasPrefix(m[1], "&#39;Charts&#39;!$") {
				t.Errorf("%s draws from %s, not the Charts sheet", f.Name, m[1])
			}
		}
		if strings.Contains(string(data), "<scatterChart>") && !strings.Contains(string(data), "<xVal><numRef>") {
			t.Errorf("%s: a scatter chart's x values are not numbers", f.Name)
		}
	}
	if charts != n {
		t.Errorf("%d charts in the workbook, want %d", charts, n)
	}
}

// Each sheet prints landscape, a page wide, tables with their header row
// on every page; counts on the About sheet stand beside their labels; a
// row is as tall as its wrapped text.
func TestWorkbookPrintSetup(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", out)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	titles := map[string]string{}
	for _, d := range x.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for _, sheet := range x.GetSheetList() {
		pl, err := x.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, err := x.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s does not print landscape, one page wide: %+v, fit to page %v", sheet, pl, props.FitToPage)
		}
		table := sheet != "About" && sheet != "Charts"
		if want := "'" + sheet + "'!$1:$1"; table && titles[sheet] != want {
			t.Errorf("%s repeats %q on every printed page, want %q", sheet, titles[sheet], want)
		}
	}
	rows, err := x.GetRows("About")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) < 2 || !slices.Contains([]string{"Documents read", "Facts exported", "Errors"}, r[0]) {
			continue
		}
		ref := fmt.Sprintf("B%d", i+1)
		id, _ := x.GetCellStyle("About", ref)
		st, err := x.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Alignment == nil || st.Alignment.Horizontal != "left" {
			t.Errorf("About!%s (%s) is not set beside its label", ref, r[0])
		}
	}
	// The suspension's quote, 300 characters, wraps over several lines.
	h, err := x.GetRowHeight("Event", 3)
	if err != nil {
		t.Fatal(err)
	}
	if h < 60 {
		t.Errorf("Event row 3 is %v points tall: its wrapped quote does not fit", h)
	}
}

// LibreOffice prints the workbook of the shipped sources as pages that
// each begin with their sheet's header row (About and Charts aside), a
// page a sheet but for the long Dictionary, and draws the charts: their
// titles are in the PDF's text and their series' colour in its pictures.
func TestWorkbookInLibreOffice(t *testing.T) {
	for _, tool := range []string{"soffice", "pdftotext", "pdfinfo", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := tool + " is not installed (apt-get install libreoffice-calc-nogui poppler-utils)"
			if os.Getenv("CI") != "" {
				t.Fatal(msg + "; bash .ci/run installs it")
			}
			t.Skip(msg)
		}
	}
	out := t.TempDir()
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", out)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	dir := t.TempDir()
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, filepath.Join(out, "dossier.xlsx"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdf := filepath.Join(dir, "dossier.pdf")
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	headers := map[string]bool{"sheet column title type description allowed": true}
	for _, res := range dataPackage(t, out) {
		head, _ := csvTable(t, filepath.Join(out, res.Path))
		headers[strings.Join(head, " ")] = true
	}
	sheets := 0
	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheets = len(x.GetSheetList())
	x.Close()
	// A sheet a page (it printed 45 pages before), and the Dictionary's
	// 100-odd rows over a few more.
	if pages > sheets+6 {
		t.Errorf("the workbook prints as %d pages for %d sheets", pages, sheets)
	}
	chartPage := 0
	for p := 1; p <= pages; p++ {
		text, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		first := ""
		for _, l := range strings.Split(string(text), "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				first = strings.Join(f, " ")
				break
			}
		}
		switch {
		case strings.HasPrefix(first, "dossier workbook"):
		case first == "Charts":
			chartPage = p
			for _, title := range []string{"MLI – USA polls by year (%)", "approve", "favorable"} {
				if !strings.Contains(string(text), title) {
					t.Errorf("the Charts page does not show %q: the chart is not drawn\n%s", title, text)
				}
			}
		case !headers[first]:
			t.Errorf("page %d begins %q, not with its sheet's header row", p, first)
		}
	}
	if chartPage == 0 {
		t.Fatal("no page of the Charts sheet")
	}
	cmd = exec.Command("pdftoppm", "-r", "60", "-f", strconv.Itoa(chartPage), "-l", strconv.Itoa(chartPage), "-png", pdf, filepath.Join(dir, "charts"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	shots, _ := filepath.Glob(filepath.Join(dir, "charts*.png"))
	if len(shots) != 1 {
		t.Fatalf("pdftoppm wrote %q", shots)
	}
	f, err := os.Open(shots[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The first series' colour (1F4E9C): the approve marker and the event
	// bar; the sheet's own cells use none like it.
	if n := pixelsNear(img, 0x1F, 0x4E, 0x9C); n < 30 {
		t.Errorf("%d pixels of the charts' first colour on the Charts page: the charts are not drawn", n)
	}
}

func pixelsNear(img image.Image, r, g, b int) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if abs(int(cr>>8)-r) < 24 && abs(int(cg>>8)-g) < 24 && abs(int(cb>>8)-b) < 24 {
				n++
			}
		}
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
