package key_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/key"
	"dossier/pipeline/schema"
)

var pollKey = []string{"countries", "year", "source", "population", "measure"}

func TestOf(t *testing.T) {
	poll := func(year json.Number, source string) map[string]any {
		return map[string]any{"countries": []any{"MLI", "USA"}, "year": year, "source": source, "population": "Malians", "measure": "favorable"}
	}
	event := func(date string) map[string]any {
		return map[string]any{"countries": []any{"MLI", "USA"}, "type": "coup", "date": date}
	}
	eventKey := []string{"countries", "type", "date:year"}
	tests := []struct {
		name       string
		spec       []string
		a, b       map[string]any
		match, all bool // same Match, same Full
	}{
		{"2007.0 is 2007", pollKey, poll("2007", "Pew"), poll("2007.0", "Pew"), true, true},
		{"2.007e3 is 2007", pollKey, poll("2007", "Pew"), poll("2.007e3", "Pew"), true, true},
		{"case, dots and accents fold", pollKey, poll("2007", "U.S. Pew Poll"), poll("2007", "US pew poll"), true, true},
		{"Touré is Toure", []string{"name"}, map[string]any{"name": "Amadou Touré"}, map[string]any{"name": "Amadou Toure"}, true, true},
		{"another year", pollKey, poll("2007", "Pew"), poll("2008", "Pew"), false, false},
		{"date:year matches the year", eventKey, event("2012-03-22"), event("2012"), true, false},
		{"two dates of one year", eventKey, event("2012-03-22"), event("2012-11-02"), true, false},
		{"list items are not words", []string{"countries"}, map[string]any{"countries": []any{"A B"}}, map[string]any{"countries": []any{"A", "B"}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := key.Of("k", tt.spec, tt.a), key.Of("k", tt.spec, tt.b)
			if (a.Match == b.Match) != tt.match {
				t.Errorf("Match %q vs %q: same = %v, want %v", a.Match, b.Match, a.Match == b.Match, tt.match)
			}
			if (a.Full == b.Full) != tt.all {
				t.Errorf("Full %q vs %q: same = %v, want %v", a.Full, b.Full, a.Full == b.Full, tt.all)
			}
			if !a.Stated || !b.Stated {
				t.Error("a key with values is not Stated")
			}
		})
	}
	if k := key.Of("poll", pollKey, map[string]any{"value": json.Number("79")}); k.Stated {
		t.Errorf("a record with no key field gives a Stated key %q", k.Match)
	}
	if a, b := key.Of("poll", pollKey, poll("2007", "Pew")), key.Of("event", pollKey, poll("2007", "Pew")); a.Match == b.Match {
		t.Error("two kinds share a key")
	}
}

func TestNumber(t *testing.T) {
	for in, want := range map[string]string{"2007": "2007", "2007.0": "2007", "+07.50": "7.5", "-0.0": "0", "1e3": "1000", "9007199254740993": "9007199254740993", "abc": "abc"} {
		if got := key.Number(in); got != want {
			t.Errorf("Number(%q) = %q, want %q", in, got, want)
		}
	}
}

// Shipped is the x-key of the schemas that ship in schemas/.
func TestShippedIsTheSchemasKeys(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for name, k := range set.Kinds {
		want[name] = k.Key
	}
	if got := key.Shipped(); !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("key.Shipped() = %v, the schemas say %v", got, want)
	}
}

func pollFact(origin string, year json.Number, quote string) *fact.Fact {
	return &fact.Fact{Kind: "poll", Origin: origin, File: "facts/polls.yaml", Fields: map[string]any{
		"countries": []any{"MLI", "USA"}, "year": year, "source": "global opinion poll", "population": "Malians", "measure": "favorable",
		"evidence": map[string]any{"document": "mali", "quote": quote}}}
}

func TestID(t *testing.T) {
	curated := key.ID("poll", pollKey, pollFact(fact.Curated, "2007.0", "q"))
	if want := "poll-mli-usa-2007-global-opinion-poll-malians-favorable"; curated != want {
		t.Errorf("ID = %q, want %q", curated, want)
	}
	if extracted := key.ID("poll", pollKey, pollFact(fact.Extracted, "2007", "q")); extracted == curated {
		t.Errorf("an extracted fact takes the curated fact's id %q", curated)
	}
	given := pollFact(fact.Curated, "2007", "q")
	given.Fields["id"] = "my-poll"
	if got := key.ID("poll", pollKey, given); got != "my-poll" {
		t.Errorf("ID of a fact that gives its id = %q, want my-poll", got)
	}
	long := pollFact(fact.Curated, "2007", "q")
	long.Fields["source"] = strings.Repeat("a very long source name ", 10)
	if got := key.ID("poll", pollKey, long); len(got) > 96 || !strings.HasPrefix(got, "poll-mli-usa-2007-a-very-long") {
		t.Errorf("a long id is %q (%d bytes), want its start within 96 bytes", got, len(got))
	}
}

// A second fact of the same id takes a suffix from its own evidence, the
// same whatever else was read.
func TestIDsFree(t *testing.T) {
	ids := key.NewIDs()
	a := pollFact(fact.Curated, "2007", "one quote")
	a.ID = key.ID("poll", pollKey, a)
	id, ok := ids.Free(a)
	if !ok || id != a.ID {
		t.Fatalf("Free of the first fact = %q, %v; want %q", id, ok, a.ID)
	}
	ids.Take("poll", id)
	b := pollFact(fact.Curated, "2007", "another quote")
	b.ID = a.ID
	second, ok := ids.Free(b)
	if !ok || second == a.ID || !strings.HasPrefix(second, a.ID+"-") {
		t.Errorf("Free of a second fact of the key = %q, %v; want %s-SUFFIX", second, ok, a.ID)
	}
	other := key.NewIDs()
	other.Take("poll", a.ID)
	other.Take("poll", "something-else")
	if again, _ := other.Free(b); again != second {
		t.Errorf("the second fact's id is %q in one run and %q in another", second, again)
	}
	given := pollFact(fact.Curated, "2007", "q")
	given.Fields["id"], given.ID = a.ID, a.ID
	if _, ok := ids.Free(given); ok {
		t.Error("a given id that is taken is free")
	}
	if id, ok := ids.Free(&fact.Fact{Kind: "event", ID: a.ID}); !ok || id != a.ID {
		t.Errorf("ids are not per kind: Free = %q, %v", id, ok)
	}
}
