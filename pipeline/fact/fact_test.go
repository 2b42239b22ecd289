package fact_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/fact"
)

func TestPointerRoundTrip(t *testing.T) {
	tests := []struct {
		toks []string
		ptr  string
	}{
		{nil, ""},
		{[]string{"evidence", "quote"}, "/evidence/quote"},
		{[]string{"a/b", "c~d", "~1"}, "/a~1b/c~0d/~01"},
		{[]string{""}, "/"},
		{[]string{"countries", "1"}, "/countries/1"},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			if got := fact.Pointer(tt.toks...); got != tt.ptr {
				t.Errorf("Pointer(%q) = %q, want %q", tt.toks, got, tt.ptr)
			}
			if got := fact.SplitPointer(tt.ptr); !reflect.DeepEqual(got, tt.toks) {
				t.Errorf("SplitPointer(%q) = %q, want %q", tt.ptr, got, tt.toks)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	v := map[string]any{
		"countries": []any{"MLI", "USA"},
		"evidence":  map[string]any{"quote": "q", "a/b": 1},
		"value":     json.Number("79"),
	}
	tests := []struct {
		ptr  string
		want any
	}{
		{"", v},
		{"/countries/1", "USA"},
		{"/countries/2", nil},
		{"/countries/-1", nil},
		{"/countries/x", nil},
		{"/evidence/quote", "q"},
		{"/evidence/a~1b", 1},
		{"/evidence/quote/deeper", nil},
		{"/missing", nil},
		{"/value", json.Number("79")},
	}
	for _, tt := range tests {
		if got := fact.Lookup(v, tt.ptr); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %#v, want %#v", tt.ptr, got, tt.want)
		}
	}
	f := &fact.Fact{Fields: v}
	if f.String("/evidence/quote") != "q" || f.String("/value") != "" {
		t.Error("Fact.String")
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		v    any
		want float64
		ok   bool
	}{
		{json.Number("79.5"), 79.5, true},
		{json.Number("x"), 0, false},
		{float64(2), 2, true},
		{3, 3, true},
		{int64(4), 4, true},
		{"5", 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		got, ok := fact.Number(tt.v)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Number(%#v) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

type fixedLoc map[string]fact.Pos

func (l fixedLoc) Locate(p string) fact.Pos { return l[p] }

func TestLocateFallsBackToRecord(t *testing.T) {
	start := fact.Pos{Line: 3, Col: 3}
	f := &fact.Fact{Pos: start, Loc: fixedLoc{"/a": {Line: 5, Col: 7}}}
	if got := f.Locate("/a"); got != (fact.Pos{Line: 5, Col: 7}) {
		t.Errorf("Locate(/a) = %v", got)
	}
	if got := f.Locate("/unknown"); got != start {
		t.Errorf("Locate of an unknown pointer = %v, want the record start", got)
	}
	if got := (&fact.Fact{Pos: start}).Locate("/a"); got != start {
		t.Errorf("Locate without a locator = %v", got)
	}
}

// ObjectAt follows JSON pointers with escapes and percent-encoding.
func TestObjectAt(t *testing.T) {
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(`{"$defs":{"a/b":{"x":1},"c~d":{"x":2},"e f":{"x":3}},"arr":[{"x":4}]}`))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for frag, want := range map[string]string{"/$defs/a~1b": "1", "/$defs/c~0d": "2", "/$defs/e%20f": "3", "/arr/0": "4"} {
		m, ok := fact.ObjectAt(doc, frag)
		if !ok || fmt.Sprint(m["x"]) != want {
			t.Errorf("%s: %v %v", frag, m, ok)
		}
	}
	if m, ok := fact.ObjectAt(doc, ""); !ok || m["arr"] == nil {
		t.Errorf("empty fragment")
	}
	for _, frag := range []string{"/nope", "/arr/1", "/arr/x", "anchor", "/$defs/a~1b/x", "%zz"} {
		if _, ok := fact.ObjectAt(doc, frag); ok {
			t.Errorf("%s: found", frag)
		}
	}
}
