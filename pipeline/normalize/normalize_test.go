package normalize

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tc is one case of a normalizer's table test. Exactly one of want, code and
// del describes the outcome: the new value, the error code, or deletion.
type tc struct {
	name  string
	in    any
	ctx   Context
	want  any
	code  string
	del   bool
	extra map[string]any
}

// runCases runs a normalizer's table test; every successful output is also
// checked for idempotence.
func runCases(t *testing.T, normalizer string, cases []tc) {
	t.Helper()
	n, ok := Lookup(normalizer)
	if !ok {
		t.Fatalf("normalizer %q not in the table", normalizer)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := n.Fn(c.in, c.ctx)
			if c.code != "" {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%s(%#v) = %#v, %v; want error %s", normalizer, c.in, r.Value, err, c.code)
				}
				if e.Code != c.code {
					t.Fatalf("%s(%#v): code %s (%s), want %s", normalizer, c.in, e.Code, e.Message, c.code)
				}
				if s, ok := c.in.(string); ok && !strings.Contains(e.Message, strings.TrimSpace(s)) {
					t.Errorf("message %q does not name the value %q", e.Message, s)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s(%#v): unexpected error %v", normalizer, c.in, err)
			}
			if r.Delete != c.del {
				t.Fatalf("%s(%#v): Delete = %v, want %v", normalizer, c.in, r.Delete, c.del)
			}
			if !c.del && !reflect.DeepEqual(r.Value, c.want) {
				t.Errorf("%s(%#v) = %#v, want %#v", normalizer, c.in, r.Value, c.want)
			}
			if len(r.Extra) != 0 || len(c.extra) != 0 {
				if !reflect.DeepEqual(r.Extra, c.extra) {
					t.Errorf("%s(%#v): Extra = %#v, want %#v", normalizer, c.in, r.Extra, c.extra)
				}
			}
			checkOutput(t, normalizer, c.in, c.ctx)
		})
	}
}

// checkOutput asserts the contract of every normalizer on one input: no
// panic; an error is an *Error with a normalize.* code and a message; a
// non-blank value becomes blank or is deleted only when it moved into
// Extra; Extra keys are declared and already canonical; and normalizing the
// output again gives the same output, no Extra and no error.
func checkOutput(t *testing.T, name string, in any, ctx Context) {
	t.Helper()
	n, ok := Lookup(name)
	if !ok {
		t.Fatalf("normalizer %q not in the table", name)
	}
	r, err := n.Fn(in, ctx)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(e.Code, "normalize.") || e.Message == "" {
			t.Fatalf("%s(%#v): error %#v is not a coded *Error", name, in, err)
		}
		return
	}
	for k, x := range r.Extra {
		canon, declared := n.Siblings[k]
		if !declared {
			t.Fatalf("%s(%#v): undeclared Extra key %q", name, in, k)
		}
		if isBlankValue(x) {
			t.Fatalf("%s(%#v): blank Extra %q", name, in, k)
		}
		if canon != "" {
			c, _ := Lookup(canon)
			r3, err := c.Fn(x, Context{})
			if err != nil || !reflect.DeepEqual(r3.Value, x) {
				t.Fatalf("%s(%#v): Extra %s=%#v is not canonical for %s: %#v, %v", name, in, k, x, canon, r3.Value, err)
			}
		}
	}
	if r.Delete {
		if len(r.Extra) == 0 {
			t.Fatalf("%s(%#v): deleted with nothing moved to Extra", name, in)
		}
		return
	}
	if !isBlankValue(in) && isBlankValue(r.Value) && len(r.Extra) == 0 {
		t.Fatalf("%s(%#v) = %#v: a value became empty", name, in, r.Value)
	}
	switch r.Value.(type) {
	case string, json.Number:
	default:
		if reflect.TypeOf(r.Value) != reflect.TypeOf(in) {
			t.Fatalf("%s(%#v) = %#v: unexpected type %T", name, in, r.Value, r.Value)
		}
	}
	r2, err := n.Fn(r.Value, ctx)
	if err != nil {
		t.Fatalf("%s not idempotent: %#v -> %#v -> error %v", name, in, r.Value, err)
	}
	if r2.Delete || len(r2.Extra) != 0 || !reflect.DeepEqual(r2.Value, r.Value) {
		t.Fatalf("%s not idempotent: %#v -> %#v -> %#v (delete %v, extra %v)", name, in, r.Value, r2.Value, r2.Delete, r2.Extra)
	}
}

func isBlankValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return isBlank(x)
	case json.Number:
		return x == ""
	}
	return false
}

// validText turns fuzz bytes into what a JSON decoder would hand over:
// valid UTF-8.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// jsonNumber returns s as a json.Number when s is one JSON number, as the
// decoder with UseNumber would give it.
func jsonNumber(s string) (json.Number, bool) {
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil || d.More() {
		return "", false
	}
	n, ok := v.(json.Number)
	return n, ok
}

// fuzzText is the body of the fuzz targets of text-shaped normalizers.
func fuzzText(f *testing.F, name string, ctx Context, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOutput(t, name, validText(s), ctx)
	})
}

func TestTable(t *testing.T) {
	names := Names()
	if !slices.IsSorted(names) {
		t.Errorf("Names() not sorted: %v", names)
	}
	if len(slices.Compact(slices.Clone(names))) != len(table) {
		t.Errorf("duplicate names in the table: %v", names)
	}
	want := []string{"country", "country-code", "dash", "date", "lower", "nfc", "number", "percent", "person", "place", "program", "quotes", "rank", "role", "trim", "upper", "whitespace"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Names() = %v, want %v", names, want)
	}
	for _, n := range All() {
		t.Run(n.Name, func(t *testing.T) {
			got, ok := Lookup(n.Name)
			if !ok || got.Name != n.Name || got.Fn == nil {
				t.Fatalf("Lookup(%q) = %+v, %v", n.Name, got, ok)
			}
			if n.Doc == "" || strings.Contains(n.Doc, "\n") || !strings.HasSuffix(n.Doc, ".") {
				t.Errorf("doc of %s is not one sentence line: %q", n.Name, n.Doc)
			}
			for k, canon := range n.Siblings {
				if _, ok := Lookup(canon); canon != "" && !ok {
					t.Errorf("sibling %s: unknown canonicalizer %q", k, canon)
				}
			}
			// Values a normalizer does not handle come back unchanged.
			for _, v := range []any{nil, true, []any{"x"}, map[string]any{"a": "b"}} {
				r, err := n.Fn(v, Context{})
				if err != nil || !reflect.DeepEqual(r.Value, v) || r.Delete || r.Extra != nil {
					t.Errorf("%s(%#v) = %#v, %v; want it unchanged", n.Name, v, r, err)
				}
			}
		})
	}
	if _, ok := Lookup("nope"); ok {
		t.Error(`Lookup("nope") found something`)
	}
}

func TestError(t *testing.T) {
	n, _ := Lookup("country")
	_, err := n.Fn("Wakanda", Context{})
	if !errors.Is(err, &Error{Code: CodeCountryUnknown}) {
		t.Fatalf("errors.Is(%v, country-unknown) = false", err)
	}
	if errors.Is(err, &Error{Code: CodeDateInvalid}) {
		t.Fatalf("errors.Is(%v, date-invalid) = true", err)
	}
	if got, want := err.Error(), `normalize.country-unknown: unknown country "Wakanda"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestConflictCode(t *testing.T) {
	for key, want := range map[string]string{
		"rank":      CodeRankConflict,
		"country":   "normalize.country-conflict",
		"date_text": "normalize.date-text-conflict",
	} {
		if got := ConflictCode(key); got != want {
			t.Errorf("ConflictCode(%q) = %q, want %q", key, got, want)
		}
	}
}

// Every normalizer of the table is documented in docs/normalizers.md.
func TestNormalizersAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/normalizers.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range All() {
		if !strings.Contains(string(doc), "| `"+n.Name+"` |") {
			t.Errorf("docs/normalizers.md does not document %s", n.Name)
		}
	}
}
