package fact

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// Origin values.
const (
	Curated   = "curated"
	Extracted = "extracted"
)

// Pos is a 1-based line and column in a file; zero means unknown.
type Pos struct {
	Line, Col int
}

// Locator finds where the value at a JSON pointer ("/evidence/quote") starts
// in the source file. For a pointer that does not exist (a missing property)
// it returns the position of the nearest existing parent.
type Locator interface {
	Locate(pointer string) Pos
}

// Span is where a fact's evidence quote was found in its document's clean
// text: byte offsets [Start, End) and the raw file line of Start.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Line  int `json:"line"`
}

// Fact is one record. Fields holds the record as decoded (map[string]any,
// []any, string, json.Number, bool, nil); normalizers rewrite it in place.
// The pipeline's own annotations (Origin, Rule, Span, Status) live beside it,
// not in it, so a schema with additionalProperties: false still validates.
type Fact struct {
	Kind   string
	ID     string
	File   string
	Index  int // 0-based position in its file
	Pos    Pos // where the record starts
	Fields map[string]any
	Origin string
	Rule   string // extractor rule id, for extracted facts
	Span   *Span
	Status string // reconciliation status, when set
	// Noted is set when an issue names the fact, so that exports keep
	// where its row is (the workbook links issues to rows).
	Noted bool
	// Codes are the codes of the issues found about the fact by the time
	// it is exported (every check of the record, and those across records
	// that it passes as it streams by), sorted, each once.
	Codes []string
	// FromText marks a record whose values were all read as text (a CSV
	// row): the pipeline types them from the schema before validating.
	FromText bool
	Loc      Locator
	Changes  []Change // what normalization altered, in order
	// Original is the record as read, kept when normalization altered it,
	// so that a rejected record is reported as the user wrote it.
	Original map[string]any
}

// Clone deep-copies decoded JSON.
func Clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = Clone(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = Clone(e)
		}
		return a
	}
	return v
}

// Change is one value normalization altered: where it is (the original
// value's line and column), what it was and what it became.
type Change struct {
	Pointer    string `json:"pointer"`
	Field      string `json:"field"`
	Before     string `json:"before"`
	After      string `json:"after"`
	Normalizer string `json:"normalizer"`
	Line       int    `json:"line,omitempty"`
	Column     int    `json:"column,omitempty"`
}

// Locate returns the file position of pointer, or the record's start.
func (f *Fact) Locate(pointer string) Pos {
	if f.Loc != nil {
		if p := f.Loc.Locate(pointer); p.Line > 0 {
			return p
		}
	}
	return f.Pos
}

// Get returns the value at a JSON pointer, or nil.
func (f *Fact) Get(pointer string) any {
	return Lookup(f.Fields, pointer)
}

// String returns the value at pointer when it is a string.
func (f *Fact) String(pointer string) string {
	s, _ := f.Get(pointer).(string)
	return s
}

// Lookup follows a JSON pointer through decoded JSON.
func Lookup(v any, pointer string) any {
	if pointer == "" {
		return v
	}
	// Token by token, as SplitPointer cuts them, without a slice.
	rest := strings.TrimPrefix(pointer, "/")
	for {
		tok, after, more := strings.Cut(rest, "/")
		if strings.Contains(tok, "~") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		}
		if v = step(v, tok); v == nil || !more {
			return v
		}
		rest = after
	}
}

// LookupTokens follows a split JSON pointer, for callers that look up the
// same pointer in many records.
func LookupTokens(v any, toks []string) any {
	for _, tok := range toks {
		if v = step(v, tok); v == nil {
			return nil
		}
	}
	return v
}

// step is the value that one token of a pointer names inside v, or nil.
func step(v any, tok string) any {
	switch x := v.(type) {
	case map[string]any:
		return x[tok]
	case []any:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(x) {
			return nil
		}
		return x[i]
	}
	return nil
}

// ObjectAt returns the object that a URI fragment (the part of a $ref
// after "#", still percent-encoded) names in doc: "" is doc itself, else
// the fragment is a JSON pointer. ok is false when the fragment does not
// decode, is not a pointer (an $anchor), or names no object.
func ObjectAt(doc any, fragment string) (obj map[string]any, ok bool) {
	frag, err := url.PathUnescape(fragment)
	if err != nil || frag != "" && !strings.HasPrefix(frag, "/") {
		return nil, false
	}
	obj, ok = Lookup(doc, frag).(map[string]any)
	return obj, ok
}

// SplitPointer splits a JSON pointer into unescaped tokens.
func SplitPointer(p string) []string {
	if p == "" {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range toks {
		if strings.Contains(t, "~") {
			toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
		}
	}
	return toks
}

// Pointer joins tokens into a JSON pointer, escaping as RFC 6901 says.
func Pointer(toks ...string) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteByte('/')
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString(strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}

// Number returns v as a float64 when it is a JSON number.
func Number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}
