package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// noteDates runs dossier on the fixture of testdata/workbook, whose notes
// hold complete, partial and pre-1900 dates, and returns the workbook and
// the dates of the Note sheet's CSV: every date, and the companion's.
func noteDates(t *testing.T) (xlsx string, dates, values []string) {
	t.Helper()
	out := t.TempDir()
	in := trickyInputs(t)
	args := append(repoArgs(t), "run", "-q", "--out", out, "--sources", in.sources, "--facts", in.facts, "--schemas", in.schemas)
	if code, _, stderr := dossier(t, t.TempDir(), args...); code > 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, row := range readCSV(t, filepath.Join(out, "csv", "note.csv")) {
		if row["date"] != "" {
			dates = append(dates, row["date"])
		}
		if row["date_value"] != "" {
			values = append(values, row["date_value"])
		}
	}
	if len(dates) < 6 || len(values) < 3 || len(values) == len(dates) {
		t.Fatalf("the fixture has too few dates to sort: %v %v", dates, values)
	}
	slices.Sort(dates) // ISO text: string order is date order
	slices.Sort(values)
	return filepath.Join(out, "dossier.xlsx"), dates, values
}

// pandas sorts the date column (text) and its companion (dates) of the
// workbook without error, both in date order; the companion reads as
// datetime64.
func TestDatesSortInPandas(t *testing.T) {
	if err := exec.Command(debianPython, "-c", "import pandas").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s cannot import pandas; bash .ci/run installs it", debianPython)
		}
		t.Skip("pandas is not installed (apt-get install python3-pandas)")
	}
	xlsx, dates, values := noteDates(t)
	const script = `
import json, sys
import pandas as pd
df = pd.read_excel(sys.argv[1], sheet_name="Note")
by_text = df.dropna(subset=["date"]).sort_values("date")["date"].tolist()
by_date = df.sort_values("date_value")["date_value"]
print(json.dumps({
    "date": by_text,
    "value": [d.strftime("%Y-%m-%d") for d in by_date if not pd.isna(d)],
    "value_dtype": str(df.dtypes["date_value"]),
    "last_is_empty": bool(pd.isna(by_date.iloc[-1])),
}))
`
	out, err := exec.Command(debianPython, "-c", script, xlsx).CombinedOutput()
	if err != nil {
		t.Fatalf("pandas: %v\n%s", err, out)
	}
	var got struct {
		Date        []string `json:"date"`
		Value       []string `json:"value"`
		ValueDtype  string   `json:"value_dtype"`
		LastIsEmpty bool     `json:"last_is_empty"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !slices.Equal(got.Date, dates) {
		t.Errorf("pandas sorts date as %v, want %v", got.Date, dates)
	}
	if !slices.Equal(got.Value, values) || !strings.HasPrefix(got.ValueDtype, "datetime64") || !got.LastIsEmpty {
		t.Errorf("pandas sorts date_value (%s) as %v, empty last %v; want %v", got.ValueDtype, got.Value, got.LastIsEmpty, values)
	}
}

// LibreOffice sorts the date column and its companion in date order, as
// Data > Sort does (a Basic macro, testdata/sort.xba, sorts the sheet and
// saves it as CSV).
func TestDatesSortInLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is not installed; bash .ci/run installs it")
		}
		t.Skip("soffice is not installed (apt-get install libreoffice-calc-nogui)")
	}
	xlsx, dates, values := noteDates(t)
	head := strings.Split(strings.SplitN(mustRead(t, filepath.Join(filepath.Dir(xlsx), "csv", "note.csv")), "\r\n", 2)[0], ",")
	dir := t.TempDir()
	profile := "file://" + filepath.Join(dir, "profile")
	// The first start makes the profile; the macro then goes where its
	// own macros live, which run without asking.
	if msg, err := exec.Command("soffice", "--headless", "-env:UserInstallation="+profile, "--terminate_after_init").CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	macro, err := os.ReadFile(filepath.Join("testdata", "sort.xba"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "profile", "user", "basic", "Standard", "Module1.xba"), string(macro))
	sorted := func(column string) []string {
		t.Helper()
		col := slices.Index(head, column)
		out := filepath.Join(dir, column+".csv")
		call := `macro:///Standard.Module1.SortSheet("file://` + xlsx + `","Note","` + strconv.Itoa(col) + `","file://` + out + `")`
		if msg, err := exec.Command("soffice", "--headless", "-env:UserInstallation="+profile, call).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, msg)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatalf("the macro wrote nothing: %v", err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows[1:] {
			if r[col] != "" {
				got = append(got, r[col])
			}
		}
		return got
	}
	if got := sorted("date"); !slices.Equal(got, dates) {
		t.Errorf("LibreOffice sorts date as %v, want %v", got, dates)
	}
	if got := sorted("date_value"); !slices.Equal(got, values) {
		t.Errorf("LibreOffice sorts date_value as %v, want %v", got, values)
	}
}
