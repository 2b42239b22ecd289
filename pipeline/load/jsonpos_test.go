package load

import (
	"testing"

	"dossier/pipeline/fact"
)

// A scalar written right before the brace that closes its object ends
// there: the brace is not skipped with it, so a key missing from the inner
// object is located at that object, not at a same-named key outside it.
func TestLocateAfterScalarBeforeBrace(t *testing.T) {
	for _, tc := range []struct {
		json, ptr string
		col       int
	}{
		{`{"a": {"n": 5}, "tag": "x"}`, "/a/tag", 7},
		{`{"a": {"n": true}, "tag": "x"}`, "/a/tag", 7},
		{`{"a": [1, null], "tag": "x"}`, "/a/2", 7},
		{`{"a": {"n": 5}, "tag": "x"}`, "/tag", 24},
		{`{"a": {"n": 5 }, "tag": "x"}`, "/a/n", 13},
	} {
		l := &jsonLocator{data: []byte(tc.json), base: fact.Pos{Line: 1, Col: 1}}
		if got := l.Locate(tc.ptr); got.Line != 1 || got.Col != tc.col {
			t.Errorf("%s in %s: at %d:%d, want 1:%d", tc.ptr, tc.json, got.Line, got.Col, tc.col)
		}
	}
}
