package check_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"dossier/pipeline/check"
	"dossier/pipeline/fact"
	"dossier/pipeline/schema"
)

func official(name, doc string, line int) *fact.Fact {
	return &fact.Fact{Kind: "official", ID: "official-" + name, File: "facts.yaml", Pos: fact.Pos{Line: line, Col: 3}, Fields: map[string]any{
		"kind": "official", "countries": []any{"MLI", "USA"}, "role": "Ambassador", "name": name, "country": "USA",
		"evidence": map[string]any{"document": doc, "quote": "Ambassador " + name}}}
}

func TestIndexKeys(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	k := set.Kinds["official"]
	tests := []struct {
		name    string
		a, b    *fact.Fact
		kept    bool   // Add keeps b
		code    string // the issue about b, "" for none
		message string // a part of its message
	}{
		{"Touré and Toure are one key", official("Amadou Touré", "d", 1), official("Amadou Toure", "d", 9), true, "key.duplicate", "this fact repeats it"},
		{"an exact repeat is left out", official("Amadou Touré", "d", 1), official("Amadou Touré", "d", 9), false, "key.duplicate", "(facts.yaml:1): this fact repeats it exactly and is left out"},
		{"the same fact from two documents", official("Amadou Touré", "d", 1), official("Amadou Touré", "e", 9), true, "key.duplicate", "this fact repeats it"},
		{"another name", official("Amadou Touré", "d", 1), official("Modibo Keïta", "d", 9), true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := check.NewIndex()
			if !x.Add(k, tt.a) {
				t.Fatal("the first fact is not kept")
			}
			if got := x.Add(k, tt.b); got != tt.kept {
				t.Errorf("Add kept the second fact: %v, want %v", got, tt.kept)
			}
			issues := x.Take()
			switch {
			case tt.code == "" && len(issues) > 0:
				t.Errorf("issues %v, want none", issues)
			case tt.code != "" && (len(issues) != 1 || issues[0].Code != tt.code || !strings.Contains(issues[0].Message, tt.message) || issues[0].Line != 9):
				t.Errorf("issues %v, want one %s at line 9 saying %q", issues, tt.code, tt.message)
			}
		})
	}
}

// Numbers in keys and fields compare by value: year 2007.0 repeats 2007.
func TestIndexComparesNumbersByValue(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	poll := func(year string) *fact.Fact {
		return &fact.Fact{Kind: "poll", ID: "p", File: "facts.yaml", Pos: fact.Pos{Line: 1}, Fields: map[string]any{
			"kind": "poll", "countries": []any{"MLI", "USA"}, "year": json.Number(year), "source": "Pew", "population": "Malians",
			"measure": "favorable", "value": json.Number("79"), "evidence": map[string]any{"document": "d", "quote": "q"}}}
	}
	x := check.NewIndex()
	x.Add(set.Kinds["poll"], poll("2007"))
	if x.Add(set.Kinds["poll"], poll("2007.0")) {
		t.Errorf("a poll of 2007.0 is not a repeat of the poll of 2007: %v", x.Take())
	}
}

// The first fact of a key is found again after many others, when what the
// index remembers of it has left memory for its spill file.
func TestIndexRemembersEarlyFacts(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	k := set.Kinds["official"]
	x := check.NewIndex()
	x.Add(k, official("Amadou Touré", "d", 1))
	for i := range 20_000 {
		x.Add(k, official(fmt.Sprintf("Person %d", i), "d", i+2))
	}
	if x.Add(k, official("Amadou Touré", "d", 30_000)) {
		t.Error("an exact repeat of the first fact is kept")
	}
	issues := x.Take()
	if len(issues) != 1 || !strings.Contains(issues[0].Message, "same official as official-Amadou Touré (facts.yaml:1)") {
		t.Errorf("issues %v, want the repeat of the first fact", issues)
	}
	other := official("Person 7", "e", 30_001)
	other.Fields["post"] = "Kayes"
	x.Add(k, other)
	issues = x.Take()
	if len(issues) != 1 || issues[0].Code != "key.duplicate" || !strings.Contains(issues[0].Message, `same official as official-Person 7 (facts.yaml:9): this fact repeats it`) {
		t.Errorf("issues %v, want the repeat of Person 7", issues)
	}
	x.Finish()
}
