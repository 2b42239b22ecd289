package reconcile_test

import (
	"encoding/json"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/reconcile"
	"dossier/pipeline/schema"
)

func poll(origin, doc string, year, value json.Number) *fact.Fact {
	return &fact.Fact{Kind: "poll", Origin: origin, File: doc + ".txt", Pos: fact.Pos{Line: 3, Col: 1}, Rule: "polls.sentence", Fields: map[string]any{
		"kind": "poll", "countries": []any{"MLI", "USA"}, "year": year, "source": "global opinion poll", "population": "Malians",
		"measure": "favorable", "value": value, "evidence": map[string]any{"document": doc, "quote": "q"}}}
}

func TestStatuses(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	k := set.Kinds["poll"]
	newText := func() (*reconcile.Text, *fact.Fact) {
		x := reconcile.New()
		e := poll(fact.Extracted, "mali", "2007", "79")
		x.Add("mali", k, &reconcile.Extracted{Fact: e, File: "mali.txt"})
		x.Read("mali")
		return x, e
	}
	tests := []struct {
		name      string
		curated   *fact.Fact
		status    string
		issue     string // code of the issue Lookup returns
		unmatched string // status of the extracted fact Unmatched returns, "" when it returns none
	}{
		{"the same poll, 2007.0 for 2007", poll(fact.Curated, "mali", "2007.0", "79"), reconcile.Confirmed, "", ""},
		{"another value", poll(fact.Curated, "mali", "2007", "78"), reconcile.Conflict, "reconcile.conflict", reconcile.Conflict},
		{"another year", poll(fact.Curated, "mali", "2008", "79"), reconcile.CuratedOnly, "", reconcile.ExtractedOnly},
		{"a document not read", poll(fact.Curated, "niger", "2007", "79"), "", "", reconcile.ExtractedOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, _ := newText()
			issues := x.Lookup(k, tt.curated)
			if tt.curated.Status != tt.status {
				t.Errorf("status %q, want %q", tt.curated.Status, tt.status)
			}
			if got := codes(issues); got != tt.issue {
				t.Errorf("Lookup issues %q, want %q", got, tt.issue)
			}
			x.Mark(k, tt.curated)
			facts, notes := x.Unmatched()
			if len(notes) != 0 {
				t.Errorf("notes %v, want none", notes)
			}
			got := ""
			if len(facts) == 1 {
				got = facts[0].Fact.Status
			}
			if len(facts) > 1 || got != tt.unmatched {
				t.Errorf("Unmatched gives %d facts (status %q), want status %q", len(facts), got, tt.unmatched)
			}
		})
	}
}

func codes(issues []issue.Issue) string {
	s := ""
	for _, is := range issues {
		s += is.Code
	}
	return s
}

// An extracted fact that fails its checks is a note, never exported or
// matched.
func TestInvalidExtractedFactIsANote(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	k := set.Kinds["poll"]
	x := reconcile.New()
	bad := issue.Issue{Severity: issue.Error, Code: "schema.maximum", Message: "too large"}
	x.Add("mali", k, &reconcile.Extracted{Fact: poll(fact.Extracted, "mali", "2007", "790"), Issues: []issue.Issue{bad}, File: "mali.txt"})
	x.Read("mali")
	curated := poll(fact.Curated, "mali", "2007", "79")
	x.Lookup(k, curated)
	if curated.Status != reconcile.CuratedOnly {
		t.Errorf("a curated fact matched an invalid extracted one: %q", curated.Status)
	}
	facts, notes := x.Unmatched()
	if len(facts) != 0 || len(notes) != 1 || notes[0].Code != "extract.invalid" || notes[0].Severity != issue.Info {
		t.Errorf("Unmatched = %d facts, notes %v; want one extract.invalid info", len(facts), notes)
	}
}

// Two events of one type and one year in one article are two facts: a
// curated fact finds the one of its own date, not the first of that year.
func TestTwinByFullDate(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	k := set.Kinds["event"]
	event := func(origin, date string) *fact.Fact {
		return &fact.Fact{Kind: "event", Origin: origin, File: "mali.txt", Pos: fact.Pos{Line: 3, Col: 1}, Rule: "events.dated", Fields: map[string]any{
			"kind": "event", "countries": []any{"MLI", "USA"}, "type": "other", "date": date, "summary": "s",
			"evidence": map[string]any{"document": "mali", "quote": "q"}}}
	}
	x := reconcile.New()
	x.Add("mali", k, &reconcile.Extracted{Fact: event(fact.Extracted, "1960-06-20"), File: "mali.txt"})
	x.Add("mali", k, &reconcile.Extracted{Fact: event(fact.Extracted, "1960-08-20"), File: "mali.txt"})
	x.Read("mali")
	for _, date := range []string{"1960-08-20", "1960-06-20"} {
		c := event(fact.Curated, date)
		if issues := x.Lookup(k, c); len(issues) != 0 || c.Status != reconcile.Confirmed {
			t.Errorf("%s: status %q, issues %v; want confirmed", date, c.Status, issues)
		}
		x.Mark(k, c)
	}
	if facts, _ := x.Unmatched(); len(facts) != 0 {
		t.Errorf("%d extracted facts left unmatched, want none", len(facts))
	}
}

// An extracted fact no curated fact takes up is extracted-only, with an
// info issue naming its kind and rule.
func TestUnclaimedIsExtractedOnly(t *testing.T) {
	for _, tt := range []struct{ kind, rule, want string }{
		{"official", "officials.list-separator", "the text states an official no fact file gives (rule officials.list-separator)"},
		{"poll", "polls.sentence", "the text states a poll no fact file gives (rule polls.sentence)"},
		{"official", "officials.list-separator", "the text states an official no fact file gives (rule officials.list-separator)"},
	} {
		e := &reconcile.Extracted{Fact: &fact.Fact{Kind: tt.kind, Rule: tt.rule, ID: "x", File: "d.txt", Pos: fact.Pos{Line: 4, Col: 2}}}
		if note := reconcile.Unclaimed(e); note != nil {
			t.Fatalf("a valid fact gave a note: %v", note)
		}
		if e.Fact.Status != reconcile.ExtractedOnly || len(e.Issues) != 1 {
			t.Fatalf("status %q, issues %v", e.Fact.Status, e.Issues)
		}
		if is := e.Issues[0]; is.Code != "reconcile.extracted-only" || is.Message != tt.want || is.Line != 4 || is.Column != 2 || is.Record != "x" {
			t.Errorf("issue %+v, want %q at 4:2", is, tt.want)
		}
	}
}

func BenchmarkUnclaimed(b *testing.B) {
	b.ReportAllocs()
	f := &fact.Fact{Kind: "official", Rule: "officials.list-separator", ID: "x", File: "d.txt"}
	for b.Loop() {
		e := &reconcile.Extracted{Fact: f, Issues: make([]issue.Issue, 0, 1)}
		reconcile.Unclaimed(e)
	}
}
