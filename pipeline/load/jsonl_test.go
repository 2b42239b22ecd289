package load_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/load"
)

func TestReadJSONL(t *testing.T) {
	type rec struct {
		index int
		pos   fact.Pos
		kind  string
	}
	type rej struct {
		code      string
		line, col int
	}
	tests := []struct {
		name    string
		src     string
		facts   []rec
		rejects []rej
	}{
		{
			name: "one record a line",
			src:  "{\"kind\":\"a\"}\n{\"kind\":\"b\"}\n",
			facts: []rec{
				{0, fact.Pos{Line: 1, Col: 1}, "a"},
				{1, fact.Pos{Line: 2, Col: 1}, "b"},
			},
		},
		{
			name: "no final newline",
			src:  "{\"kind\":\"a\"}\n{\"kind\":\"b\"}",
			facts: []rec{
				{0, fact.Pos{Line: 1, Col: 1}, "a"},
				{1, fact.Pos{Line: 2, Col: 1}, "b"},
			},
		},
		{
			name: "blank lines skipped but counted as lines",
			src:  "\n{\"kind\":\"a\"}\n\n   \n\t\n{\"kind\":\"b\"}\n\n",
			facts: []rec{
				{0, fact.Pos{Line: 2, Col: 1}, "a"},
				{1, fact.Pos{Line: 6, Col: 1}, "b"},
			},
		},
		{
			name: "bad line rejected, the following lines still load",
			src:  "{\"kind\":\"a\"}\n{\"kind\": \"b\",}\n{\"kind\":\"c\"}\n",
			facts: []rec{
				{0, fact.Pos{Line: 1, Col: 1}, "a"},
				{2, fact.Pos{Line: 3, Col: 1}, "c"},
			},
			rejects: []rej{{"load.syntax", 2, 14}},
		},
		{
			name: "truncated line",
			src:  "{\"kind\":\"a\"}\n{\"kind\": \n{\"kind\":\"c\"}\n",
			facts: []rec{
				{0, fact.Pos{Line: 1, Col: 1}, "a"},
				{2, fact.Pos{Line: 3, Col: 1}, "c"},
			},
			rejects: []rej{{"load.syntax", 2, 0}},
		},
		{
			name: "trailing garbage on a line",
			src:  "{\"kind\":\"a\"} x\n{\"kind\":\"b\"}\n",
			facts: []rec{
				{1, fact.Pos{Line: 2, Col: 1}, "b"},
			},
			rejects: []rej{{"load.syntax", 1, 14}},
		},
		{
			name: "CRLF line ends",
			src:  "{\"kind\":\"a\"}\r\n\r\n{\"kind\":\"b\"}\r\n",
			facts: []rec{
				{0, fact.Pos{Line: 1, Col: 1}, "a"},
				{1, fact.Pos{Line: 3, Col: 1}, "b"},
			},
		},
		{
			name: "indented record",
			src:  "   {\"kind\":\"a\"}\n",
			facts: []rec{
				{0, fact.Pos{Line: 1, Col: 4}, "a"},
			},
		},
		{
			name: "non-object lines",
			src:  "[1,2]\n\"s\"\n{\"kind\":\"a\"}\n7\nnull\n",
			facts: []rec{
				{2, fact.Pos{Line: 3, Col: 1}, "a"},
			},
			rejects: []rej{{"load.not-object", 1, 1}, {"load.not-object", 2, 1}, {"load.not-object", 4, 1}, {"load.not-object", 5, 1}},
		},
		{
			name: "empty file",
			src:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadJSONL, "f.jsonl", tt.src)
			var got []rec
			for _, f := range c.facts {
				got = append(got, rec{f.Index, f.Pos, f.String("/kind")})
				if f.File != "f.jsonl" || f.Origin != fact.Curated {
					t.Errorf("fact %d: File=%q Origin=%q", f.Index, f.File, f.Origin)
				}
			}
			if !reflect.DeepEqual(got, tt.facts) {
				t.Errorf("facts = %v, want %v", got, tt.facts)
			}
			if len(c.rejects) != len(tt.rejects) {
				t.Fatalf("rejects = %v, want %v", c.rejects, tt.rejects)
			}
			for i, want := range tt.rejects {
				is := c.rejects[i]
				if is.Code != want.code || is.Line != want.line || (want.col > 0 && is.Column != want.col) || is.Column < 1 {
					t.Errorf("reject %d = %s at %d:%d, want %s at %d:%d", i, is.Code, is.Line, is.Column, want.code, want.line, want.col)
				}
			}
			if len(c.issues) != 0 {
				t.Errorf("file-level issues %v, want none", c.issues)
			}
		})
	}
}

func TestJSONLLocate(t *testing.T) {
	src := "{\"kind\":\"a\"}\r\n" +
		"  {\"kind\": \"official\", \"name\": \"Attaché\", \"countries\": [\"MLI\", \"USA\"], \"evidence\": {\"quote\": \"q\"}, \"n\": 1.50}\r\n"
	c := read(t, load.ReadJSONL, "f.jsonl", src)
	if len(c.facts) != 2 {
		t.Fatalf("facts %d, rejects %v", len(c.facts), c.rejects)
	}
	f := c.facts[1]
	line2 := src[len("{\"kind\":\"a\"}\r\n"):]
	tests := []struct {
		name, pointer, at string
	}{
		{"record", "", "{"},
		{"string", "/name", `"Attaché"`},
		{"after non-ASCII", "/countries/1", `"USA"`},
		{"nested", "/evidence/quote", `"q"`},
		{"missing falls back to parent", "/evidence/document", `{"quote"`},
		{"missing top-level falls back to record", "/nope", "{"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := posOf(t, line2, tt.at, 0)
			want := fact.Pos{Line: 2, Col: p.Col}
			if got := f.Locate(tt.pointer); got != want {
				t.Errorf("Locate(%q) = %v, want %v", tt.pointer, got, want)
			}
		})
	}
	if got := f.Fields["n"]; got != json.Number("1.50") {
		t.Errorf("n = %#v, want json.Number(\"1.50\")", got)
	}
}

// A line longer than the reader's buffer is still one record.
func TestJSONLLongLine(t *testing.T) {
	long := make([]byte, 200_000)
	for i := range long {
		long[i] = 'x'
	}
	src := "{\"kind\":\"a\",\"s\":\"" + string(long) + "\"}\n{\"kind\":\"b\"}\n"
	c := read(t, load.ReadJSONL, "f.jsonl", src)
	if len(c.facts) != 2 || c.facts[1].Pos.Line != 2 {
		t.Fatalf("facts %d, rejects %v", len(c.facts), c.rejects)
	}
	if got := len(c.facts[0].String("/s")); got != len(long) {
		t.Errorf("long string has %d bytes, want %d", got, len(long))
	}
}
