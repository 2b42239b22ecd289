package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every exported fact carries the codes of its issues: a column of its
// CSV and sheet, and "issues" in dossier.json, which also gives the fact's
// source file and line as the CSV does. In the workbook the codes link to
// the fact's first row in the Issues sheet.
func TestFactsCarryTheirIssueCodes(t *testing.T) {
	res := run(t, `{"kind":"note","name":"a","delta":1}`, `{"kind":"note","name":"a","delta":2}`, `{"kind":"note","name":"b"}`)
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, res, nil, Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(out, "csv", "note.csv"))
	col := func(name string) int { return slices.Index(rows[0], name) }
	if col(IssuesColumn) < 0 || col("source_file") < 0 || col("source_line") < 0 {
		t.Fatalf("header %q", rows[0])
	}
	var dj struct {
		Facts map[string][]map[string]any `json:"facts"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "dossier.json"))
	if err := json.Unmarshal(data, &dj); err != nil {
		t.Fatal(err)
	}
	notes := dj.Facts["note"]
	if len(notes) != 3 || len(rows) != 4 {
		t.Fatalf("%d facts in dossier.json, %d CSV rows", len(notes), len(rows)-1)
	}
	wantCodes := []string{"", "conflict.value", ""}
	for i, f := range notes {
		r := rows[i+1]
		if r[col(IssuesColumn)] != wantCodes[i] {
			t.Errorf("row %d: issues %q, want %q", i+1, r[col(IssuesColumn)], wantCodes[i])
		}
		var codes []string
		if l, ok := f["issues"].([]any); ok {
			for _, c := range l {
				codes = append(codes, c.(string))
			}
		}
		if strings.Join(codes, ";") != r[col(IssuesColumn)] {
			t.Errorf("fact %d: dossier.json issues %v, CSV %q", i, f["issues"], r[col(IssuesColumn)])
		}
		if f["source_file"] != r[col("source_file")] || strconv.Itoa(int(f["source_line"].(float64))) != r[col("source_line")] {
			t.Errorf("fact %d: dossier.json source %v:%v, CSV %s:%s", i, f["source_file"], f["source_line"], r[col("source_file")], r[col("source_line")])
		}
	}

	// The link, followed as Excel follows it: MATCH finds the fact's id in
	// the Issues sheet's record column, and that row is the fact's issue.
	x, err := excelize.OpenFile(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	cell, _ := excelize.CoordinatesToCellName(col(IssuesColumn)+1, 3)
	formula, _ := x.GetCellFormula("Note", cell)
	m := regexp.MustCompile(`^HYPERLINK\("#'([^']+)'!A"&IFERROR\(MATCH\("([^"]+)",'([^']+)'!\$([A-Z]+):\$([A-Z]+),0\),1\),"conflict\.value"\)$`).FindStringSubmatch(formula)
	if m == nil || m[1] != m[3] || m[4] != m[5] || m[2] != notes[1]["id"] {
		t.Fatalf("the issues cell of the second note is %q", formula)
	}
	if v, _ := x.GetCellValue("Note", cell); v != "conflict.value" {
		t.Errorf("the issues cell shows %q", v)
	}
	issues, err := x.GetRows(m[1])
	if err != nil {
		t.Fatalf("no sheet %q: %v", m[1], err)
	}
	recordCol, _ := excelize.ColumnNameToNumber(m[4])
	codeCol := slices.Index(issues[0], "code")
	found := false
	for _, r := range issues[1:] {
		if len(r) >= recordCol && r[recordCol-1] == m[2] {
			found = r[codeCol] == "conflict.value"
			break
		}
	}
	if issues[0][recordCol-1] != "record" || !found {
		t.Errorf("the first row of %s with %s in column %s (%q) is not its conflict.value", m[1], m[2], m[4], issues[0][recordCol-1])
	}
	if f, _ := x.GetCellFormula("Note", strings.Replace(cell, "3", "2", 1)); f != "" {
		t.Errorf("a fact with no issue has a link: %q", f)
	}
}
