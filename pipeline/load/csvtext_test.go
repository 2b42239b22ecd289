package load

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

const spreadsheetCSV = "kind,countries,name,country,evidence.document,evidence.quote\r\n" +
	"program,MLI;USA,Département d'État,USA,doc,\"le Département d'État, dit-il\"\r\n"

// readCSVFile writes data to a .csv file and reads it as the run does
// (ReadFactFile: OpenText, then ReadCSV).
func readCSVFile(t *testing.T, data []byte) ([]*fact.Fact, []issue.Issue, []issue.Issue) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "facts.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var facts []*fact.Fact
	var rejects, issues []issue.Issue
	err := ReadFactFile(path, Sink{
		Name:   "facts.csv",
		Fact:   func(f *fact.Fact) { facts = append(facts, f) },
		Reject: func(is issue.Issue) { rejects = append(rejects, is) },
		Issue:  func(is issue.Issue) { issues = append(issues, is) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return facts, rejects, issues
}

// A CSV as each spreadsheet saves it reads the same: UTF-8 with or
// without a byte order mark, UTF-16 with one, Windows-1252 (with a note),
// comma, semicolon or tab separated.
func TestReadCSVAsSpreadsheetsSaveIt(t *testing.T) {
	cp1252, err := charmap.Windows1252.NewEncoder().String(spreadsheetCSV)
	if err != nil {
		t.Fatal(err)
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(spreadsheetCSV)
	if err != nil {
		t.Fatal(err)
	}
	utf16be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(spreadsheetCSV)
	if err != nil {
		t.Fatal(err)
	}
	semicolons := strings.NewReplacer(",", ";", "MLI;USA", `"MLI;USA"`).Replace(strings.Replace(spreadsheetCSV, `"le Département d'État, dit-il"`, `"le Département d'État; dit-il"`, 1))
	semicolons = strings.Replace(semicolons, `"le Département d'État; dit-il"`, `"le Département d'État, dit-il"`, 1)
	tabs := strings.ReplaceAll(strings.Replace(spreadsheetCSV, `"le Département d'État, dit-il"`, "le Département d'État, dit-il", 1), ",program", "\tprogram")
	tabs = strings.NewReplacer("kind,countries,name,country,evidence.document,evidence.quote", "kind\tcountries\tname\tcountry\tevidence.document\tevidence.quote",
		"program,MLI;USA,Département d'État,USA,doc,", "program\tMLI;USA\tDépartement d'État\tUSA\tdoc\t").Replace(tabs)
	for _, tt := range []struct {
		name string
		data string
		note bool // an info load.encoding says how it was read
	}{
		{"UTF-8", spreadsheetCSV, false},
		{"UTF-8 with BOM", "\uFEFF" + spreadsheetCSV, false},
		{"UTF-16LE with BOM", utf16le, false},
		{"UTF-16BE with BOM", utf16be, false},
		{"Windows-1252", cp1252, true},
		{"semicolons", semicolons, false},
		{"tabs", tabs, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			facts, rejects, issues := readCSVFile(t, []byte(tt.data))
			if len(facts) != 1 || len(rejects) != 0 {
				t.Fatalf("facts %d, rejects %v, issues %v", len(facts), rejects, issues)
			}
			f := facts[0]
			if f.String("/name") != "Département d'État" || f.String("/evidence/quote") != "le Département d'État, dit-il" || f.String("/countries") != "MLI;USA" {
				t.Errorf("fields = %#v", f.Fields)
			}
			notes := 0
			for _, is := range issues {
				if is.Code == "load.encoding" && is.Severity == issue.Info && is.Line == 2 && strings.Contains(is.Message, "Windows-1252") && strings.Contains(is.Message, "CSV UTF-8") {
					notes++
				} else {
					t.Errorf("issue %v", is)
				}
			}
			if (notes == 1) != tt.note {
				t.Errorf("%d notes of the encoding, want %v: %v", notes, tt.note, issues)
			}
		})
	}
}

// Text that is neither UTF-8 nor Windows-1252 is refused, saying how to
// save it; a byte that is not UTF-8 past the first MiB stops the reading
// there, the rows before it read.
func TestReadCSVRefusesOtherEncodings(t *testing.T) {
	_, _, issues := readCSVFile(t, []byte("kind,name\nprogram,A\x81B\n"))
	if len(issues) != 1 || issues[0].Code != "load.encoding" || issues[0].Severity != issue.Error || issues[0].Line != 2 || issues[0].Column != 10 ||
		!strings.Contains(issues[0].Message, "CSV UTF-8") {
		t.Errorf("issues %v, want one load.encoding error at 2:10 saying how to save the file", issues)
	}

	var b bytes.Buffer
	b.WriteString("kind,name\n")
	rows := 0
	for b.Len() < sniffBytes+100 {
		b.WriteString("program,Programme d’aide\n")
		rows++
	}
	b.WriteString("program,caf\xe9\nprogram,after\n")
	facts, _, issues := readCSVFile(t, b.Bytes())
	if len(facts) != rows {
		t.Errorf("%d facts, want the %d rows before the bad byte", len(facts), rows)
	}
	if len(issues) != 1 || issues[0].Code != "load.encoding" || issues[0].Line != rows+2 || issues[0].Column != 12 {
		t.Errorf("issues %v, want load.encoding at %d:12", issues, rows+2)
	}
}

// Empty header columns at the end, as a spreadsheet writes formatted but
// empty columns, are dropped with their empty cells; a value under one is
// a located load.columns; a row of empty cells is no record.
func TestReadCSVTrailingEmptyColumns(t *testing.T) {
	facts, rejects, issues := readCSVString(t, "kind,name,,\r\nprogram,USAID,,\r\n,,,\r\nprogram,Peace Corps,,x\r\nprogram,MCC\r\n")
	if len(issues) != 0 || len(facts) != 2 || len(rejects) != 1 {
		t.Fatalf("facts %d, rejects %v, issues %v", len(facts), rejects, issues)
	}
	if facts[0].String("/name") != "USAID" || facts[1].String("/name") != "MCC" || len(facts[0].Fields) != 2 {
		t.Errorf("facts %v %v", facts[0].Fields, facts[1].Fields)
	}
	if r := rejects[0]; r.Code != "load.columns" || r.Line != 4 || r.Column != 22 {
		t.Errorf("reject %+v, want load.columns at 4:22", r)
	}
}
