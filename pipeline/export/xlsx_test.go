package export

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every worksheet of the workbook is ASCII but for characters past the
// Basic Multilingual Plane: a reader that decodes a sheet chunk by chunk
// (ExcelJS's streaming reader) cannot cut "é" in two, wherever a chunk
// ends. The text reads back the same (TestReadersMatchCSVs).
func TestWorksheetsAreASCII(t *testing.T) {
	out := t.TempDir()
	res := run(t, `{"kind":"note","name":"`+strings.Repeat("é", 20000)+` Touré — 中文 😀"}`, `{"kind":"note","name":"x`+strings.Repeat("é", 20000)+`"}`)
	if err := Write(out, res, []string{"xlsx"}, Options{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "dossier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	sheets := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		sheets++
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r >= utf8.RuneSelf && r <= 0xFFFF {
				t.Errorf("%s: %q at byte %d is not written as a character reference", f.Name, r, i)
				break
			}
			i += size
		}
	}
	if sheets == 0 {
		t.Fatal("no worksheet in the workbook")
	}
}
