package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The workbook opens in the readers analysts use, and each reads every
// sheet as the CSVs say (the comparison is defined in workbook_test.go).
// The JavaScript and Python readers run through the scripts in .ci/readers;
// bash .ci/run installs them (npm ci there; Debian's python3-openpyxl and
// python3-pandas, used with /usr/bin/python3; libreoffice-calc-nogui). A
// reader that is not installed is skipped, except in CI.

// debianPython is the interpreter Debian's python3-* packages install for.
const debianPython = "/usr/bin/python3"

// reader is one program that opens the workbook.
type reader struct {
	name   string
	quirks readerQuirks
	// missing says why the reader cannot run here, or "" when it can.
	missing func() string
	read    func(t *testing.T, path string) []sheet
}

func readersDir() string { return filepath.Join(repoRoot, ".ci", "readers") }

func nodeReader(name, pkg string, q readerQuirks) reader {
	return reader{name: name, quirks: q,
		missing: func() string {
			if _, err := exec.LookPath("node"); err != nil {
				return "node is not installed"
			}
			if _, err := os.Stat(filepath.Join(readersDir(), "node_modules", pkg, "package.json")); err != nil {
				return "the npm package " + pkg + " is not installed: run npm ci --prefix .ci/readers"
			}
			return ""
		},
		read: func(t *testing.T, path string) []sheet {
			cmd := exec.Command("node", filepath.Join(readersDir(), "read.mjs"), name, path)
			// Dates are days; a reader that makes them local times must
			// not shift them.
			cmd.Env = append(os.Environ(), "TZ=UTC")
			return runReader(t, cmd)
		},
	}
}

func pythonReader(name, module string, q readerQuirks) reader {
	return reader{name: name, quirks: q,
		missing: func() string {
			if err := exec.Command(debianPython, "-c", "import "+module).Run(); err != nil {
				return fmt.Sprintf("%s cannot import %s (apt-get install python3-%s): %v", debianPython, module, module, err)
			}
			return ""
		},
		read: func(t *testing.T, path string) []sheet {
			return runReader(t, exec.Command(debianPython, filepath.Join(readersDir(), "read.py"), name, path))
		},
	}
}

// runReader runs a reader script and decodes the sheets it prints.
func runReader(t *testing.T, cmd *exec.Cmd) []sheet {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var sheets []sheet
	if err := json.Unmarshal(out, &sheets); err != nil {
		t.Fatalf("%s printed no sheets: %v\n%.300s", strings.Join(cmd.Args, " "), err, out)
	}
	return sheets
}

// keepsEscapes: ExcelJS and openpyxl (pandas reads through it) do not
// decode OOXML's _xHHHH_ escapes in inline strings.
var keepsEscapes = readerQuirks{keepsXEscapes: true}

var readers = []reader{
	nodeReader("exceljs", "exceljs", keepsEscapes),
	nodeReader("exceljs-stream", "exceljs", readerQuirks{keepsXEscapes: true, unorderedNames: true, splitsUTF8: true}),
	nodeReader("sheetjs", "xlsx", readerQuirks{}),
	pythonReader("openpyxl", "openpyxl", keepsEscapes),
	pythonReader("openpyxl-readonly", "openpyxl", keepsEscapes),
	pythonReader("pandas", "pandas", keepsEscapes),
	{name: "libreoffice",
		// LibreOffice keeps 15 significant digits of a number, has no
		// boolean cells (TRUE is the number 1 shown as TRUE) and ends
		// lines with line feeds only.
		quirks: readerQuirks{digits: 15, boolAsNumber: true, crAsLF: true},
		missing: func() string {
			if _, err := exec.LookPath("soffice"); err != nil {
				return "soffice is not installed (apt-get install libreoffice-calc-nogui)"
			}
			return ""
		},
		read: readLibreOffice},
}

func TestReadersMatchCSVs(t *testing.T) {
	runs := workbookRuns(t)
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			if why := rd.missing(); why != "" {
				if os.Getenv("CI") != "" {
					t.Fatalf("%s; bash .ci/run installs it", why)
				}
				t.Skip(why)
			}
			for _, run := range runs {
				t.Run(run.name, func(t *testing.T) {
					path := filepath.Join(run.out, "dossier.xlsx")
					compareWithCSVs(t, run.out, rd.read(t, path), readExcelize(t, path), rd.quirks)
				})
			}
		})
	}
}

// readLibreOffice converts the workbook headless to a flat OpenDocument
// spreadsheet, which keeps each cell's type, and reads that.
func readLibreOffice(t *testing.T, path string) []sheet {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "fods", "--outdir", dir, path)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	f, err := os.Open(filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".xlsx")+".fods"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets, err := readFODS(f)
	if err != nil {
		t.Fatal(err)
	}
	return sheets
}

const (
	odfTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	odfOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	odfText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// readFODS reads the tables of a flat OpenDocument spreadsheet as typed
// cells. Repeated empty rows and cells (a table runs to column XFD and row
// 1048576) are kept only where something follows them.
func readFODS(r io.Reader) ([]sheet, error) {
	d := xml.NewDecoder(r)
	var out []sheet
	var row []*cell
	var emptyRows, emptyCells, repeatRow int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch {
			case el.Name.Space == odfTable && el.Name.Local == "table":
				out = append(out, sheet{Name: odfAttr(el, odfTable, "name")})
				emptyRows = 0
			case el.Name.Space == odfTable && el.Name.Local == "table-row":
				row, emptyCells = nil, 0
				repeatRow = odfRepeat(el, "number-rows-repeated")
			case el.Name.Space == odfTable && (el.Name.Local == "table-cell" || el.Name.Local == "covered-table-cell"):
				c, err := odfCell(d, el)
				if err != nil {
					return nil, err
				}
				n := odfRepeat(el, "number-columns-repeated")
				if c == nil {
					emptyCells += n
					continue
				}
				for ; emptyCells > 0; emptyCells-- {
					row = append(row, nil)
				}
				for range n {
					row = append(row, c)
				}
			}
		case xml.EndElement:
			if el.Name.Space == odfTable && el.Name.Local == "table-row" {
				s := &out[len(out)-1]
				if row == nil {
					emptyRows += repeatRow
					continue
				}
				for ; emptyRows > 0; emptyRows-- {
					s.Rows = append(s.Rows, nil)
				}
				for range repeatRow {
					s.Rows = append(s.Rows, row)
				}
			}
		}
	}
}

func odfAttr(el xml.StartElement, space, local string) string {
	for _, a := range el.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func odfRepeat(el xml.StartElement, name string) int {
	n, err := strconv.Atoi(odfAttr(el, odfTable, name))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// odfCell reads one cell, through its end, as a typed cell (nil if empty).
func odfCell(d *xml.Decoder, el xml.StartElement) (*cell, error) {
	text, err := odfCellText(d)
	if err != nil {
		return nil, err
	}
	switch odfAttr(el, odfOffice, "value-type") {
	case "float", "percentage", "currency":
		f, err := strconv.ParseFloat(odfAttr(el, odfOffice, "value"), 64)
		if err != nil {
			return nil, err
		}
		return &cell{N: &f}, nil
	case "date":
		v := odfAttr(el, odfOffice, "date-value")
		return &cell{D: &v}, nil
	case "boolean":
		b := odfAttr(el, odfOffice, "boolean-value") == "true"
		return &cell{B: &b}, nil
	case "string":
		for _, a := range el.Attr {
			if a.Name.Space == odfOffice && a.Name.Local == "string-value" {
				return &cell{S: &a.Value}, nil
			}
		}
		return &cell{S: &text}, nil
	case "":
		return nil, nil
	}
	return nil, fmt.Errorf("cell of unknown type %q", odfAttr(el, odfOffice, "value-type"))
}

// odfCellText reads the paragraphs of a cell, through the cell's end, as
// one text: paragraphs joined by line feeds, <text:s/> as its spaces.
func odfCellText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	paragraphs, depth, inPara := 0, 1, 0
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if el.Name.Space != odfText {
				continue
			}
			switch el.Name.Local {
			case "p", "h":
				if paragraphs++; paragraphs > 1 {
					b.WriteByte('\n')
				}
				inPara++
			case "s":
				n, err := strconv.Atoi(odfAttr(el, odfText, "c"))
				if err != nil {
					n = 1
				}
				b.WriteString(strings.Repeat(" ", n))
			case "tab":
				b.WriteByte('\t')
			case "line-break":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
			if el.Name.Space == odfText && (el.Name.Local == "p" || el.Name.Local == "h") {
				inPara--
			}
		case xml.CharData:
			if inPara > 0 {
				b.Write(el)
			}
		}
	}
	return b.String(), nil
}
