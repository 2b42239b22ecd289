package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// A fact file saved by Excel on Windows (Windows-1252) and one saved with
// semicolons (Excel where the decimal mark is a comma) are read right: the
// accented quote is found in its document, the name exported as written.
func TestExcelCSVReadRight(t *testing.T) {
	const doc = "Mali et États-Unis\n\nLe Département d'État a suspendu l'aide au Mali le 22 mars 2012.\n"
	const header = "kind,countries,date,type,summary,evidence.document,evidence.quote\r\n"
	const row = "event,MLI;USA,2012-03-22,aid-cut,Aide suspendue par le Département d'État,mali-fr,Le Département d'État a suspendu l'aide au Mali le 22 mars 2012\r\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(header + row)
	if err != nil {
		t.Fatal(err)
	}
	semicolons := strings.ReplaceAll(header, ",", ";") + strings.NewReplacer(",", ";", "MLI;USA", `"MLI;USA"`).Replace(row)
	for name, data := range map[string]string{"windows-1252": cp1252, "semicolons": semicolons} {
		t.Run(name, func(t *testing.T) {
			repo := project(t)
			writeFile(t, filepath.Join(repo, "sources", "mali-fr.txt"), doc)
			writeFile(t, filepath.Join(repo, "sources", "mali-fr.meta.yaml"), "title: Mali et États-Unis\nlanguage: fr\ncountries: [MLI, USA]\n")
			os.Remove(filepath.Join(repo, "sources", "facts", "more.jsonl"))
			writeFile(t, filepath.Join(repo, "sources", "facts", "excel.csv"), data)
			out := filepath.Join(repo, "out")
			code, _, stderr := dossier(t, repo, "run", "--out", out)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if strings.Contains(stderr, "quote-not-found") || strings.Contains(stderr, "excel.csv: 1 read = 1 exported + 0 rejected") == false {
				t.Errorf("the row is not read right:\n%s", stderr)
			}
			note := strings.Contains(stderr, "excel.csv:2:") && strings.Contains(stderr, "info load.encoding") && strings.Contains(stderr, "Windows-1252")
			if note != (name == "windows-1252") {
				t.Errorf("note of the encoding: %v\n%s", note, stderr)
			}
			var found bool
			for _, e := range readCSV(t, filepath.Join(out, "csv", "event.csv")) {
				if e["summary"] == "Aide suspendue par le Département d'État" && e["countries"] == "MLI;USA" {
					found = true
				}
			}
			if !found {
				t.Errorf("event.csv lacks the event as written:\n%s", mustRead(t, filepath.Join(out, "csv", "event.csv")))
			}
		})
	}
}
