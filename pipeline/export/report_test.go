package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"dossier/pipeline/issue"
	"dossier/pipeline/model"
)

// wholeReport is the report as one value encodes it: what WriteReport
// must write, byte for byte.
func wholeReport(r *model.Result, version string) []byte {
	rep := issue.Report{Tool: "dossier", Version: version, Summary: r.Summary, Issues: r.Issues}
	if rep.Issues == nil {
		rep.Issues = []issue.Issue{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestWriteReportAsOneValue(t *testing.T) {
	many := make([]issue.Issue, 3000) // more than one 64 KB write
	for i := range many {
		many[i] = issue.Issue{Severity: issue.Severity(i % 3), Code: "evidence.quote-not-found", File: "facts/a.jsonl", Line: i + 1, Column: 3,
			Pointer: "/evidence/quote", Record: fmt.Sprintf("poll-%d", i), Message: "a <quote> & \"more\" \u2028 \xff"}
	}
	for name, issues := range map[string][]issue.Issue{
		"nil":   nil,
		"empty": {},
		"one":   {{Severity: issue.Warning, Code: "list.empty", Message: "x", File: "d.txt", Line: 2, Column: 1}},
		"many":  many,
	} {
		t.Run(name, func(t *testing.T) {
			r := &model.Result{Issues: issues}
			r.Summary.Documents = 2
			r.Summary.ByKind = map[string]int{"poll": 3, "event": 1}
			r.Summary.Files = []issue.FileCounts{{File: "facts/a.jsonl", Read: 3}}
			var got bytes.Buffer
			if err := WriteReport(&got, r, "1.2.3"); err != nil {
				t.Fatal(err)
			}
			if want := wholeReport(r, "1.2.3"); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("report differs from the one value's encoding:\n%s\nwant\n%s", head(got.Bytes()), head(want))
			}
		})
	}
}

func head(b []byte) []byte { return b[:min(len(b), 600)] }

func BenchmarkWriteReport(b *testing.B) {
	r := &model.Result{Issues: make([]issue.Issue, 10000)}
	for i := range r.Issues {
		r.Issues[i] = issue.Issue{Severity: issue.Info, Code: "reconcile.extracted-only", File: "sources/a.txt", Line: i, Column: 1,
			Record: "event-x", Message: "the text states an event no fact file gives (rule event.sentence)"}
	}
	b.ReportAllocs()
	for b.Loop() {
		var w bytes.Buffer
		if err := WriteReport(&w, r, "dev"); err != nil {
			b.Fatal(err)
		}
	}
}
