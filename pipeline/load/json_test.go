package load_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

const prettyJSON = `[
  {
    "kind": "poll",
    "countries": ["MLI", "USA"],
    "year": 2012,
    "value": 87.5,
    "evidence": {
      "document": "mali-united-states",
      "quote": "According to the 2012 U.S. Global Leadership Report, 87% of Malians approve"
    }
  },
  {"kind": "official", "name": "Défense Attaché", "countries": [
      "MLI",
      "USA"
    ], "rank": "LTC"},
  {"kind": "program", "big": 123456789012345678901234567890}
]
`

func TestReadJSONArray(t *testing.T) {
	c := read(t, load.ReadJSON, "facts.json", prettyJSON)
	if len(c.facts) != 3 || len(c.rejects) != 0 || len(c.issues) != 0 {
		t.Fatalf("facts %d, rejects %v, issues %v; want 3 facts", len(c.facts), c.rejects, c.issues)
	}
	wantPos := []fact.Pos{
		posOf(t, prettyJSON, "{\n    \"kind\": \"poll\"", 0),
		posOf(t, prettyJSON, `{"kind": "official"`, 0),
		posOf(t, prettyJSON, `{"kind": "program"`, 0),
	}
	for i, f := range c.facts {
		if f.Index != i || f.File != "facts.json" || f.Origin != fact.Curated {
			t.Errorf("fact %d: Index=%d File=%q Origin=%q", i, f.Index, f.File, f.Origin)
		}
		if f.Pos != wantPos[i] {
			t.Errorf("fact %d Pos = %v, want %v", i, f.Pos, wantPos[i])
		}
	}
	if got := c.facts[0].Fields["year"]; got != json.Number("2012") {
		t.Errorf("year = %#v, want json.Number", got)
	}
	if got := c.facts[0].Fields["value"]; got != json.Number("87.5") {
		t.Errorf("value = %#v, want json.Number", got)
	}
	if got := c.facts[2].Fields["big"]; got != json.Number("123456789012345678901234567890") {
		t.Errorf("big = %#v, want its digits", got)
	}
}

func TestJSONLocate(t *testing.T) {
	c := read(t, load.ReadJSON, "facts.json", prettyJSON)
	if len(c.facts) != 3 {
		t.Fatalf("facts %d (%v %v)", len(c.facts), c.rejects, c.issues)
	}
	poll, official := c.facts[0], c.facts[1]
	tests := []struct {
		name    string
		f       *fact.Fact
		pointer string
		want    fact.Pos
	}{
		{"record", poll, "", posOf(t, prettyJSON, "{\n    \"kind\": \"poll\"", 0)},
		{"number", poll, "/year", posOf(t, prettyJSON, "2012,", 0)},
		{"nested quote on its own line", poll, "/evidence/quote", posOf(t, prettyJSON, `"According`, 0)},
		{"nested object", poll, "/evidence", posOf(t, prettyJSON, "{\n      \"document\"", 0)},
		{"array item", poll, "/countries/1", posOf(t, prettyJSON, `"USA"`, 0)},
		{"missing key falls back to parent", poll, "/evidence/nope", posOf(t, prettyJSON, "{\n      \"document\"", 0)},
		{"missing index falls back to the array", poll, "/countries/9", posOf(t, prettyJSON, `["MLI"`, 0)},
		{"missing top-level falls back to the record", poll, "/nope", posOf(t, prettyJSON, "{\n    \"kind\": \"poll\"", 0)},
		{"second record, same line", official, "/name", posOf(t, prettyJSON, `"Défense`, 0)},
		{"columns count runes", official, "/rank", posOf(t, prettyJSON, `"LTC"`, 0)},
		{"array split over lines", official, "/countries/1", posOf(t, prettyJSON, `"USA"`, 1)},
		{"pointer through a scalar", official, "/name/x", posOf(t, prettyJSON, `"Défense`, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Locate(tt.pointer); got != tt.want {
				t.Errorf("Locate(%q) = %v, want %v", tt.pointer, got, tt.want)
			}
		})
	}
}

func TestJSONLocateEscapedKeys(t *testing.T) {
	src := `{"a\"b": 1, "c/d": 2, "e~f": 3, "\u00e9": 4, "x": {"y z": [0, {"w": 5}]}}`
	c := read(t, load.ReadJSON, "f.json", src)
	if len(c.facts) != 1 {
		t.Fatalf("facts %d (%v)", len(c.facts), c.issues)
	}
	f := c.facts[0]
	for _, tt := range []struct {
		ptr, at string
	}{
		{fact.Pointer(`a"b`), "1,"},
		{fact.Pointer("c/d"), "2,"},
		{fact.Pointer("e~f"), "3,"},
		{fact.Pointer("é"), "4,"},
		{"/x/y z/1/w", "5}"},
	} {
		if got, want := f.Locate(tt.ptr), posOf(t, src, tt.at, 0); got != want {
			t.Errorf("Locate(%q) = %v, want %v", tt.ptr, got, want)
		}
	}
}

func TestReadJSONShapes(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		facts   int
		rejects []string
		issues  []string
		// where the first reject or issue is, when set
		line, col int
	}{
		{"lone object", "\n\n  {\"kind\": \"poll\"}\n", 1, nil, nil, 0, 0},
		{"empty array", "[]", 0, nil, nil, 0, 0},
		{"empty file", "  \n", 0, nil, []string{"load.empty"}, 1, 1},
		{"non-object items rejected, objects kept", "[\n  {\"kind\": \"a\"},\n  42,\n  \"s\",\n  null,\n  [1],\n  {\"kind\": \"b\"}\n]", 2,
			[]string{"load.not-object", "load.not-object", "load.not-object", "load.not-object"}, nil, 3, 3},
		{"lone scalar is a record that is not an object", "42", 0, []string{"load.not-object"}, nil, 1, 1},
		{"syntax error in lone object is a rejected record", "{\n  \"kind\": \"a\"\n  \"year\": 1\n}", 0, []string{"load.syntax"}, nil, 3, 3},
		{"unclosed array", "[\n  {\"kind\": \"a\"}\n", 1, nil, []string{"load.syntax"}, 3, 1},
		{"unclosed array, nothing in it", "[", 0, nil, []string{"load.syntax"}, 1, 2},
		{"record cut short by the end of the file", "[{\"kind\": \"a\"},\n {\"kind\": \"b\", \"x\": [1, 2", 1, []string{"load.syntax"}, nil, 2, 26},
		{"trailing comma before the closing bracket", "[{\"kind\": \"a\"},\n]", 1, nil, []string{"load.syntax"}, 2, 1},
		{"two commas: the rest is not read", "[{\"kind\": \"a\"},,{\"kind\": \"b\"}]", 1, nil, []string{"load.syntax"}, 1, 16},
		{"closing brace for a bracket", "[{\"kind\": \"a\"}}", 1, nil, []string{"load.syntax"}, 1, 15},
		{"a closing bracket first", "]", 0, nil, []string{"load.syntax"}, 1, 1},
		{"data after a lone object, first record kept", "{\"kind\": \"a\"}\n  xyz", 1, nil, []string{"load.syntax"}, 2, 3},
		{"JSON Lines in a .json file: the first record, then an issue", "{\"kind\": \"a\"}\n{\"kind\": \"b\"}", 1, nil, []string{"load.syntax"}, 2, 1},
		{"not JSON at all", "hello world", 0, []string{"load.syntax"}, []string{"load.syntax"}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadJSON, "f.json", tt.src)
			if len(c.facts) != tt.facts {
				t.Errorf("facts = %d, want %d", len(c.facts), tt.facts)
			}
			if got := codes(c.rejects); !reflect.DeepEqual(got, tt.rejects) {
				t.Errorf("rejects = %v, want %v", got, tt.rejects)
			}
			if got := codes(c.issues); !reflect.DeepEqual(got, tt.issues) {
				t.Errorf("issues = %v, want %v", got, tt.issues)
			}
			all := c.all()
			if tt.line > 0 && len(all) > 0 {
				if all[0].Line != tt.line || all[0].Column != tt.col {
					t.Errorf("first issue at %d:%d, want %d:%d (%s)", all[0].Line, all[0].Column, tt.line, tt.col, all[0].Message)
				}
			}
			for _, is := range all {
				if is.Line < 1 || is.Column < 1 || is.File != "f.json" {
					t.Errorf("issue without a position: %+v", is)
				}
			}
		})
	}
}

// A non-object record's issue names its index and is counted as a reject.
func TestJSONNotObjectIndex(t *testing.T) {
	c := read(t, load.ReadJSON, "f.json", `[{"kind":"a"}, true]`)
	if len(c.rejects) != 1 {
		t.Fatalf("rejects %v", c.rejects)
	}
	if is := c.rejects[0]; !strings.Contains(is.Message, "record 2") || !strings.Contains(is.Message, "boolean") || is.Column != 16 {
		t.Errorf("reject = %+v", is)
	}
}

// A syntax error in any record of a JSON array, or between two records, is
// placed at its own byte (regression: the decoder's offset, counted from
// the start of the file, was added to the record's start). A record that
// does not parse is rejected alone and the records after it load; an error
// between records leaves no way to find the next one, so it is an issue of
// the file and the rest is not read.
func TestJSONSyntaxErrorInLaterRecord(t *testing.T) {
	tests := []struct {
		name            string
		src             string
		kinds           []string // facts loaded
		rejects, issues []string // "LINE:COL" of each
	}{
		{"trailing comma in second record", "[\n  {\"kind\": \"a\"},\n  {\"kind\": \"b\",}\n, {\"kind\": \"c\"}]", []string{"a", "c"}, []string{"3:16"}, nil},
		{"missing comma between records", "[\n  {\"kind\": \"a\"}\n  {\"kind\": \"b\"}\n]", []string{"a"}, nil, []string{"3:3"}},
		{"bad literal in third record", "[{\"kind\": \"a\"},\n{\"kind\": \"b\"},\n{\"kind\": tru}, {\"kind\": \"d\"}]", []string{"a", "b", "d"}, []string{"3:10"}, nil},
		// Brackets are counted, not matched: the record runs on to the
		// array's "]" and takes the next record with it; then the array
		// has no end.
		{"bracket of the wrong kind", "[{\"kind\": \"a\", \"x\": [1}, {\"kind\": \"b\"}]", []string{}, []string{"1:23"}, []string{"1:40"}},
	}
	at := func(issues []issue.Issue) []string {
		var out []string
		for _, is := range issues {
			if is.Code != "load.syntax" {
				t.Errorf("code %s, want load.syntax: %s", is.Code, is.Message)
			}
			out = append(out, fmt.Sprintf("%d:%d", is.Line, is.Column))
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadJSON, "f.json", tt.src)
			kinds := []string{}
			for _, f := range c.facts {
				kinds = append(kinds, f.String("/kind"))
			}
			if !reflect.DeepEqual(kinds, tt.kinds) {
				t.Errorf("facts %v, want %v", kinds, tt.kinds)
			}
			if got := at(c.rejects); !reflect.DeepEqual(got, tt.rejects) {
				t.Errorf("rejected at %v, want %v (%v)", got, tt.rejects, c.rejects)
			}
			if got := at(c.issues); !reflect.DeepEqual(got, tt.issues) {
				t.Errorf("file issues at %v, want %v (%v)", got, tt.issues, c.issues)
			}
		})
	}
}

// Anything but white space after the closing "]" of the top-level array
// is a syntax error at its position, as after a lone object.
func TestJSONTrailingDataAfterArray(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
	}{
		{"text", "[{\"kind\": \"a\"}]\n  xyz", 2, 3},
		{"second array", "[{\"kind\": \"a\"}] [{\"kind\": \"b\"}]", 1, 17},
		{"extra bracket", "[{\"kind\": \"a\"}]]", 1, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadJSON, "f.json", tt.src)
			if len(c.issues) != 1 || c.issues[0].Code != "load.syntax" {
				t.Fatalf("issues = %v, want one load.syntax for the data after the array", c.issues)
			}
			if is := c.issues[0]; is.Line != tt.line || is.Column != tt.col {
				t.Errorf("issue at %d:%d, want %d:%d", is.Line, is.Column, tt.line, tt.col)
			}
		})
	}
}
