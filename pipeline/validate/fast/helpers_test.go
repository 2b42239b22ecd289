package fast

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"dossier/pipeline/fact"
)

// decode decodes JSON as the library and dossier do (json.Number numbers).
func decode(t testing.TB, s string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(s))
	if err != nil {
		t.Fatalf("decode %q: %v", s, err)
	}
	return v
}

// docSet holds schema documents by file name; a $ref names another
// document by its file name (after any directory), as the shipped schemas
// do.
type docSet map[string]map[string]any

func (d docSet) Load(u string) (any, error) {
	name := path.Base(strings.TrimSuffix(u, "#"))
	if doc, ok := d[name]; ok {
		return doc, nil
	}
	return nil, fmt.Errorf("no document %s", u)
}

// resolve is the fast path's Resolver over the same documents.
func (d docSet) resolve(ref string, from map[string]any) (map[string]any, map[string]any, bool) {
	file, frag, _ := strings.Cut(ref, "#")
	doc := from
	if file != "" {
		doc = d[path.Base(file)]
		if doc == nil {
			return nil, nil, false
		}
	}
	target, ok := fact.ObjectAt(doc, frag)
	return target, doc, ok
}

// library compiles the document named main with the library, as dossier
// does (draft 2020-12, formats asserted).
func (d docSet) library(main string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.UseLoader(d)
	return c.Compile("file:///schemas/" + main)
}

func (d docSet) fast(main string) (*Validator, string) {
	return compile(d[main], d.resolve)
}

// newDocs decodes schema documents given as name, JSON, name, JSON...
func newDocs(t testing.TB, pairs ...string) docSet {
	t.Helper()
	d := docSet{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m, ok := decode(t, pairs[i+1]).(map[string]any)
		if !ok {
			t.Fatalf("%s: not an object", pairs[i])
		}
		d[pairs[i]] = m
	}
	return d
}

// libValid is the library's verdict; panicked when the library panics on v
// (it does for numbers it cannot parse).
func libValid(sch *jsonschema.Schema, v any) (valid, panicked bool) {
	defer func() {
		if recover() != nil {
			valid, panicked = false, true
		}
	}()
	return sch.Validate(v) == nil, false
}

// pair is a schema compiled both ways.
type pair struct {
	lib  *jsonschema.Schema
	fast *Validator
}

func mustPair(t testing.TB, d docSet, main string) pair {
	t.Helper()
	lib, err := d.library(main)
	if err != nil {
		t.Fatalf("library compile %s: %v", main, err)
	}
	fv, why := d.fast(main)
	if fv == nil {
		t.Fatalf("fast compile %s: %s", main, why)
	}
	return pair{lib, fv}
}
