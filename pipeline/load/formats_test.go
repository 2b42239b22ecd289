package load_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// hostileRecords are records a .json array and a JSON Lines file must
// answer alike: the same issue, with the same code and message, at the same
// place. Each is one line; where is the text its issue points at (the
// record's start when empty), code is "" for a record that loads, warn the
// code of a warning on a record that loads.
var hostileRecords = []struct {
	name, rec, where, code, warn string
}{
	{"duplicate key", `{"kind":"a","n":1,"n":2}`, `"n":2`, "load.duplicate-key", ""},
	{"duplicate key, nested", `{"kind":"a","e":{"q":1,"r":[{"q":1,"q":1}]}}`, `"q":1}`, "load.duplicate-key", ""},
	{"duplicate key written with an escape", `{"kind":"a","\u006e":1,"n":2}`, `"n":2`, "load.duplicate-key", ""},
	{"NaN", `{"kind":"a","v":NaN}`, `NaN`, "load.syntax", ""},
	{"Infinity", `{"kind":"a","v":Infinity}`, `Infinity`, "load.syntax", ""},
	{"-Infinity", `{"kind":"a","v":-Infinity}`, `Infinity`, "load.syntax", ""},
	{"nesting past the default limit", `{"kind":"a","x":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`,
		strings.Repeat("[", 300-255) + "]", "load.too-deep", ""}, // the 256th "[", level 257
	{"nesting at the default limit", `{"kind":"a","x":` + strings.Repeat("[", 255) + strings.Repeat("]", 255) + `}`, "", "", ""},
	{"invalid UTF-8 in a string", "{\"kind\":\"a\",\"q\":\"caf\xe9 au lait\"}", "\xe9", "", "load.utf8"},
	{"invalid UTF-8 in a key, after an escape", "{\"kind\":\"a\",\"\\t\xff\":1}", "\xff", "", "load.utf8"},
	{"invalid UTF-8 outside a string", "{\"kind\":\"a\",\xff:1}", "\xff", "load.syntax", ""},
	{"invalid UTF-8 and a duplicate key", "{\"kind\":\"\xff\",\"kind\":\"b\"}", `"kind":"b"`, "load.duplicate-key", ""},
	{"trailing comma", `{"kind":"a",}`, `}`, "load.syntax", ""},
	{"missing colon", `{"kind" "a"}`, `"a"`, "load.syntax", ""},
	{"single quotes", `{'kind':'a'}`, `'`, "load.syntax", ""},
	{"key without quotes", `{kind:"a"}`, `kind`, "load.syntax", ""},
	{"control character in a string", "{\"kind\":\"a\tb\"}", "\t", "load.syntax", ""},
	{"bad escape", `{"kind":"\x"}`, `"}`, "load.syntax", ""},
	{"leading zero", `{"kind":"a","n":01}`, `1}`, "load.syntax", ""},
	{"not an object: array", `[1,2]`, "", "load.not-object", ""},
	{"not an object: string", `"s"`, "", "load.not-object", ""},
	{"not an object: number", `42`, "", "load.not-object", ""},
	{"not an object: null", `null`, "", "load.not-object", ""},
	{"bare word", `nope`, "", "load.syntax", ""},
	{"lone surrogate escape, read as U+FFFD", `{"kind":"a","q":"\ud800"}`, "", "", ""},
	{"number past float64, kept", `{"kind":"a","n":123456789012345678901234567890e999}`, "", "", ""},
	{"empty key", `{"":1,"kind":"a"}`, "", "", ""},
	{"non-ASCII before the problem", `{"kind":"Défense Attaché","n":1,"n":2}`, `"n":2`, "load.duplicate-key", ""},
}

// outcome is what a reader reported, with file names left out: the index
// and kind of each fact, every reject and issue in order, and for the fact
// of index 1 (the one that differs between cases) its position and where
// every pointer of it is.
type outcome struct {
	Facts  []string
	Issues []string
	Locs   []string
}

func outcomeOf(t *testing.T, rd load.FactReader, file, src string) outcome {
	t.Helper()
	var o outcome
	var all []issue.Issue
	sink := load.Sink{
		Fact: func(f *fact.Fact) {
			o.Facts = append(o.Facts, fmt.Sprintf("%d %s", f.Index, f.String("/kind")))
			if f.Index != 1 {
				return
			}
			o.Locs = append(o.Locs, fmt.Sprintf("record %d:%d", f.Pos.Line, f.Pos.Col))
			for _, p := range pointers(f.Fields, "", nil) {
				pos := f.Locate(p)
				o.Locs = append(o.Locs, fmt.Sprintf("%s %d:%d", p, pos.Line, pos.Col))
			}
			slices.Sort(o.Locs)
		},
		Reject: func(is issue.Issue) { all = append(all, is) },
		Issue:  func(is issue.Issue) { all = append(all, is) },
	}
	if err := rd(file, strings.NewReader(src), sink); err != nil {
		t.Fatal(err)
	}
	for _, is := range all {
		if is.File != file {
			t.Errorf("issue names file %q, want %q", is.File, file)
		}
		o.Issues = append(o.Issues, fmt.Sprintf("%s %s %d:%d %s", is.Severity, is.Code, is.Line, is.Column, is.Message))
	}
	return o
}

// The same hostile record, between two good ones, in a .json array and in
// a JSON Lines file: the same facts, the same issues (code, place and
// message), the same positions for every value.
func TestJSONAndJSONLinesAgree(t *testing.T) {
	const good1, good3 = `{"kind":"first"}`, `{"kind":"third"}`
	for _, tt := range hostileRecords {
		for _, indent := range []string{"", "   "} {
			t.Run(fmt.Sprintf("%s/indent %d", tt.name, len(indent)), func(t *testing.T) {
				lines := good1 + "\n" + indent + tt.rec + "\n" + good3 + "\n"
				array := "[" + good1 + ",\n" + indent + tt.rec + "\n," + good3 + "]\n"
				fromLines := outcomeOf(t, load.ReadJSONL, "f.jsonl", lines)
				fromArray := outcomeOf(t, load.ReadJSON, "f.json", array)
				if !reflect.DeepEqual(fromArray, fromLines) {
					t.Errorf(".json and .jsonl differ:\n.json  %+v\n.jsonl %+v", fromArray, fromLines)
				}
				// And what both say is right.
				want := fact.Pos{Line: 2, Col: 1 + len(indent)}
				if tt.where != "" {
					want.Col += utf8.RuneCountInString(tt.rec[:strings.Index(tt.rec, tt.where)])
				}
				wantFacts := 3
				var wantIssue string
				switch {
				case tt.code != "":
					wantFacts = 2
					wantIssue = fmt.Sprintf("error %s %d:%d ", tt.code, want.Line, want.Col)
				case tt.warn != "":
					wantIssue = fmt.Sprintf("warning %s %d:%d ", tt.warn, want.Line, want.Col)
				}
				if len(fromLines.Facts) != wantFacts {
					t.Errorf("facts %v, want %d", fromLines.Facts, wantFacts)
				}
				switch {
				case wantIssue == "" && len(fromLines.Issues) > 0:
					t.Errorf("issues %v, want none", fromLines.Issues)
				case wantIssue != "" && (len(fromLines.Issues) != 1 || !strings.HasPrefix(fromLines.Issues[0], wantIssue)):
					t.Errorf("issues %v, want one starting %q", fromLines.Issues, wantIssue)
				}
			})
		}
	}
}

// A record spread over lines in a .json file is placed line by line: the
// issue of a value on the fourth line of a record is on that line.
func TestJSONMultiLineRecordPositions(t *testing.T) {
	head := "[\n  {\"kind\": \"a\"},\n  {\n    \"kind\": \"b\",\n"
	tests := []struct {
		name, body, where, code string
	}{
		{"duplicate key", "    \"n\": 1,\n    \"n\": 2\n", `"n": 2`, "load.duplicate-key"},
		{"NaN", "    \"v\":\n      NaN\n", "NaN", "load.syntax"},
		{"too deep", "    \"x\": [\n" + strings.Repeat("[\n", 260) + strings.Repeat("]", 261) + "\n", "", "load.too-deep"},
		{"invalid UTF-8", "    \"q\": \"caf\xe9\"\n", "\xe9", "load.utf8"},
		{"CRLF line ends", "    \"n\": 1,\r\n    \"n\": 2\r\n", `"n": 2`, "load.duplicate-key"},
		{"lone CR line ends", "    \"n\": 1,\r    \"n\": 2\r", `"n": 2`, "load.duplicate-key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := head + tt.body + "  },\n  {\"kind\": \"c\"}\n]\n"
			c := read(t, load.ReadJSON, "f.json", src)
			all := c.all()
			if len(all) != 1 || all[0].Code != tt.code {
				t.Fatalf("issues %v, want one %s", all, tt.code)
			}
			var want fact.Pos
			if tt.where == "" { // the 256th bracket of x, the 257th level
				want = fact.Pos{Line: 5 + 255, Col: 1}
			} else {
				want = posOfBreaks(t, src, tt.where)
			}
			if got := (fact.Pos{Line: all[0].Line, Col: all[0].Column}); got != want {
				t.Errorf("%s at %v, want %v (%s)", tt.code, got, want, all[0].Message)
			}
			if tt.code == "load.duplicate-key" {
				first := posOfBreaks(t, src, `"n": 1`)
				if all[0].Message != fmt.Sprintf(`key "n" is given twice (first at line %d, column %d)`, first.Line, first.Col) {
					t.Errorf("message %q does not say where the first \"n\" is (%v)", all[0].Message, first)
				}
			}
			if want := map[bool]int{true: 3, false: 2}[tt.code == "load.utf8"]; len(c.facts) != want {
				t.Errorf("%d facts, want %d", len(c.facts), want)
			}
			if last := c.facts[len(c.facts)-1]; last.String("/kind") != "c" || last.Pos != posOfBreaks(t, src, `{"kind": "c"}`) {
				t.Errorf("last fact %s at %v", last.String("/kind"), last.Pos)
			}
		})
	}
}

// posOfBreaks is posOf, with "\r\n" and a lone "\r" ending lines too.
func posOfBreaks(t *testing.T, src, needle string) fact.Pos {
	t.Helper()
	off := strings.Index(src, needle)
	if off < 0 {
		t.Fatalf("fixture: %q not found", needle)
	}
	head := strings.ReplaceAll(strings.ReplaceAll(src[:off], "\r\n", "\n"), "\r", "\n")
	ls := strings.LastIndex(head, "\n") + 1
	return fact.Pos{Line: 1 + strings.Count(head, "\n"), Col: 1 + utf8.RuneCountInString(head[ls:])}
}

// limits.depth bounds YAML, JSON and JSON Lines alike: each object (or
// mapping) and array (or sequence) is a level, the record itself the
// first; a record as deep as the limit loads, one level more is
// load.too-deep at the first object or array past it.
func TestDepthLimitAllFormats(t *testing.T) {
	type format struct {
		name string
		rd   load.FactReader
		src  func(inner string) string
		at   fact.Pos // where inner starts
	}
	formats := []format{
		{"yaml", load.ReadYAML, func(in string) string { return "- kind: a\n  x: " + in + "\n" }, fact.Pos{Line: 2, Col: 6}},
		{"json", load.ReadJSON, func(in string) string { return "[\n{\"kind\": \"a\", \"x\": " + in + "}\n]\n" }, fact.Pos{Line: 2, Col: 20}},
		{"jsonl", load.ReadJSONL, func(in string) string { return "{\"kind\": \"a\", \"x\": " + in + "}\n" }, fact.Pos{Line: 1, Col: 20}},
	}
	for _, limit := range []int{0, 1, 2, 3, 10, 256, load.MaxDepth} {
		for _, levels := range []int{limit, limit + 1} {
			if limit == 0 { // not set: the default
				levels += load.DefaultLimits.Depth
			}
			if levels < 1 {
				continue
			}
			inner := "1"
			if levels > 1 {
				inner = strings.Repeat("[", levels-1) + strings.Repeat("]", levels-1)
			}
			for _, f := range formats {
				t.Run(fmt.Sprintf("limit %d/%d levels/%s", limit, levels, f.name), func(t *testing.T) {
					c := &collected{}
					sink := c.sink()
					sink.Limits = load.Limits{Depth: limit}
					if err := f.rd("f."+f.name, strings.NewReader(f.src(inner)), sink); err != nil {
						t.Fatal(err)
					}
					max := limit
					if max == 0 {
						max = load.DefaultLimits.Depth
					}
					if levels <= max {
						if len(c.facts) != 1 || len(c.all()) != 0 {
							t.Fatalf("facts %d, issues %v; want the record loaded", len(c.facts), c.all())
						}
						return
					}
					if len(c.facts) != 0 || len(c.rejects) != 1 || c.rejects[0].Code != "load.too-deep" {
						t.Fatalf("facts %d, rejects %v, issues %v; want load.too-deep", len(c.facts), c.rejects, c.issues)
					}
					// The bracket that opens level max+1 is the max-th of inner.
					want := fact.Pos{Line: f.at.Line, Col: f.at.Col + max - 1}
					if is := c.rejects[0]; is.Line != want.Line || is.Column != want.Col || !strings.Contains(is.Message, fmt.Sprint(max)) {
						t.Errorf("%s at %d:%d (%s), want %v", is.Code, is.Line, is.Column, is.Message, want)
					}
				})
			}
		}
	}
}

// Block mappings and sequences count as flow ones do, and an alias adds no
// level of its own.
func TestDepthLimitYAMLBlockAndAlias(t *testing.T) {
	tests := []struct {
		name, yaml, json string
		ok               bool
		line, col        int // of the YAML issue
	}{
		{"mappings", "- kind: a\n  e:\n    q:\n      r: 1\n", `[{"kind":"a","e":{"q":{"r":1}}}]`, false, 4, 7},
		{"sequences", "- kind: a\n  e:\n    - - 1\n", `[{"kind":"a","e":[[1]]}]`, false, 3, 7},
		{"at the limit", "- kind: a\n  e:\n    q: 1\n", `[{"kind":"a","e":{"q":1}}]`, true, 0, 0},
		{"alias to a level-2 value", "- kind: a\n  x: &v [1]\n  y: *v\n", `[{"kind":"a","x":[1],"y":[1]}]`, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range []struct {
				name, src string
				rd        load.FactReader
			}{{"f.yaml", tt.yaml, load.ReadYAML}, {"f.json", tt.json, load.ReadJSON}} {
				c := &collected{}
				sink := c.sink()
				sink.Limits = load.Limits{Depth: 2}
				if err := f.rd(f.name, strings.NewReader(f.src), sink); err != nil {
					t.Fatal(err)
				}
				if tt.ok != (len(c.facts) == 1) || tt.ok != (len(c.all()) == 0) {
					t.Fatalf("%s: facts %d, issues %v; want loaded %v", f.name, len(c.facts), c.all(), tt.ok)
				}
				if !tt.ok && (c.rejects[0].Code != "load.too-deep" || (f.name == "f.yaml" && (c.rejects[0].Line != tt.line || c.rejects[0].Column != tt.col))) {
					t.Errorf("%s: %v, want load.too-deep at %d:%d", f.name, c.rejects[0], tt.line, tt.col)
				}
			}
		})
	}
}
