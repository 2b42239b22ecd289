package load

import (
	"strings"
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

func readCSVString(t *testing.T, in string) ([]*fact.Fact, []issue.Issue, []issue.Issue) {
	t.Helper()
	var facts []*fact.Fact
	var rejects, issues []issue.Issue
	err := ReadCSV("f.csv", strings.NewReader(in), Sink{
		Fact:   func(f *fact.Fact) { facts = append(facts, f) },
		Reject: func(is issue.Issue) { rejects = append(rejects, is) },
		Issue:  func(is issue.Issue) { issues = append(issues, is) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return facts, rejects, issues
}

func TestReadCSV(t *testing.T) {
	facts, rejects, issues := readCSVString(t, "\uFEFFkind,name,evidence.quote,evidence.document\n"+
		"official,\"Doe, Jane\",\"She said \"\"hi\"\"\",doc\n"+
		"official,short\n"+
		"program,USAID,,doc\n")
	if len(issues) != 0 || len(facts) != 2 || len(rejects) != 1 {
		t.Fatalf("facts %d, rejects %v, issues %v", len(facts), rejects, issues)
	}
	f := facts[0]
	if f.String("/name") != "Doe, Jane" || f.String("/evidence/quote") != `She said "hi"` || !f.FromText {
		t.Errorf("fields = %#v", f.Fields)
	}
	if p := f.Locate("/evidence/document"); p.Line != 2 || p.Col != 40 {
		t.Errorf("evidence.document at %+v, want 2:40", p)
	}
	if _, ok := facts[1].Fields["evidence"].(map[string]any)["quote"]; ok {
		t.Error("an empty cell became a field")
	}
	if rejects[0].Code != "load.columns" || rejects[0].Line != 3 {
		t.Errorf("reject = %+v", rejects[0])
	}
}

func TestReadCSVBadHeader(t *testing.T) {
	for in, code := range map[string]string{"": "load.empty", "kind,name,name\nx,y,z\n": "load.header", "kind,,x\n": "load.header"} {
		_, _, issues := readCSVString(t, in)
		if len(issues) != 1 || issues[0].Code != code {
			t.Errorf("%q: issues %v, want %s", in, issues, code)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("kind,name,evidence.quote\nofficial,\"a, b\",q\n")
	f.Add("kind\n\"unterminated\n")
	f.Fuzz(func(t *testing.T, in string) {
		facts, _, _ := readCSVString(t, in)
		for _, fc := range facts {
			if fc.Pos.Line < 1 {
				t.Fatalf("fact without a line: %+v", fc)
			}
			for _, ptr := range []string{"/kind", "/evidence/quote", "/nope/deeper"} {
				fc.Locate(ptr)
			}
		}
	})
}

// FuzzReadMeta: any sidecar gives issues or fields, never a panic, and
// every issue has a line.
func FuzzReadMeta(f *testing.F) {
	f.Add("title: \"Mali–United States relations\"\nlanguage: en\ncountries: [MLI, USA]\n")
	f.Add("- not a mapping\n")
	f.Add("title: [unclosed\n")
	f.Fuzz(func(t *testing.T, in string) {
		d := &document.Document{ID: "x", Path: "x.txt"}
		for _, is := range readMeta(d, "x.meta.yaml", []byte(in), DefaultLimits.Depth) {
			if is.Line < 1 {
				t.Fatalf("issue without a line: %+v", is)
			}
		}
		if d.Meta != nil {
			DocumentRecord(d).Locate("/title")
		}
	})
}
