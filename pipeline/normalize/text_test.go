package normalize

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

func TestTrim(t *testing.T) {
	runCases(t, "trim", []tc{
		{name: "spaces", in: "  Mali  ", want: "Mali"},
		{name: "tabs and newlines", in: "\tMali\n", want: "Mali"},
		{name: "nbsp", in: "\u00a0Mali\u00a0", want: "Mali"},
		{name: "zero width and bom", in: "\ufeffMali\u200b", want: "Mali"},
		{name: "inner space kept", in: " Burkina  Faso ", want: "Burkina  Faso"},
		{name: "already trimmed", in: "Mali", want: "Mali"},
		{name: "blank", in: "   ", want: ""},
		{name: "number unchanged", in: json.Number("79"), want: json.Number("79")},
	})
}

func TestNFC(t *testing.T) {
	runCases(t, "nfc", []tc{
		{name: "decomposed e acute", in: "Toure\u0301", want: "Touré"},
		{name: "composed stays", in: "Touré", want: "Touré"},
		{name: "decomposed c cedilla", in: "Curac\u0327ao", want: "Curaçao"},
		{name: "ascii", in: "Bamako", want: "Bamako"},
		{name: "angstrom sign", in: "\u212b", want: "Å"},
	})
}

func TestWhitespace(t *testing.T) {
	runCases(t, "whitespace", []tc{
		{name: "runs", in: "Deputy   Chief  of Mission", want: "Deputy Chief of Mission"},
		{name: "nbsp and tabs", in: "Peace\u00a0Corps\t\tMali", want: "Peace Corps Mali"},
		{name: "newlines", in: "line one\n\nline two", want: "line one line two"},
		{name: "ends trimmed", in: "  Bamako ", want: "Bamako"},
		{name: "zero width dropped", in: "Ba\u200bmako", want: "Bamako"},
		{name: "narrow nbsp", in: "79\u202f%", want: "79 %"},
		{name: "unchanged", in: "Kate Kaetzer-Hodson", want: "Kate Kaetzer-Hodson"},
	})
}

func TestDash(t *testing.T) {
	runCases(t, "dash", []tc{
		{name: "double hyphen", in: "Deputy Chief of Mission--Peter Barlerin", want: "Deputy Chief of Mission—Peter Barlerin"},
		{name: "spaced double hyphen", in: "Deputy Chief of Mission -- Peter Barlerin", want: "Deputy Chief of Mission—Peter Barlerin"},
		{name: "em dash stays", in: "Public Affairs Officer—Kate Kaetzer-Hodson", want: "Public Affairs Officer—Kate Kaetzer-Hodson"},
		{name: "spaced em dash", in: "Public Affairs Officer — Kate", want: "Public Affairs Officer—Kate"},
		{name: "spaced en dash", in: "Mali – United States relations", want: "Mali—United States relations"},
		{name: "unspaced en dash between words", in: "Mali–United States", want: "Mali—United States"},
		{name: "spaced hyphen", in: "Director, Peace Corps - Michael Simsik", want: "Director, Peace Corps—Michael Simsik"},
		{name: "hyphen in word", in: "Kaetzer-Hodson", want: "Kaetzer-Hodson"},
		{name: "hyphen in Guinea-Bissau", in: "Guinea-Bissau", want: "Guinea-Bissau"},
		{name: "year range en dash", in: "1960–1968", want: "1960–1968"},
		{name: "spaced year range", in: "1960 – 1968", want: "1960 – 1968"},
		{name: "date hyphens", in: "2012-03-22", want: "2012-03-22"},
		{name: "unicode hyphen", in: "Kaetzer\u2010Hodson", want: "Kaetzer-Hodson"},
		{name: "horizontal bar", in: "a ― b", want: "a—b"},
		{name: "triple hyphen", in: "a---b", want: "a—b"},
		{name: "hyphen at start", in: "- item", want: "- item"},
		{name: "minus sign", in: "-5", want: "-5"},
		{name: "newline kept", in: "a\n-- b", want: "a\n—b"},
	})
}

func TestQuotes(t *testing.T) {
	runCases(t, "quotes", []tc{
		{name: "curly apostrophe", in: "Côte d’Ivoire", want: "Côte d'Ivoire"},
		{name: "curly double", in: "“Mali”", want: `"Mali"`},
		{name: "low-9", in: "„Mali‟", want: `"Mali"`},
		{name: "single quotes", in: "‘yes’", want: "'yes'"},
		{name: "guillemets stay", in: "«Mali»", want: "«Mali»"},
		{name: "straight stay", in: `"it's"`, want: `"it's"`},
	})
}

func TestLowerUpper(t *testing.T) {
	runCases(t, "lower", []tc{
		{name: "ascii", in: "Favorable", want: "favorable"},
		{name: "accent", in: "ÉTÉ", want: "été"},
		{name: "number", in: json.Number("1"), want: json.Number("1")},
	})
	runCases(t, "upper", []tc{
		{name: "code", in: "mli", want: "MLI"},
		{name: "accent", in: "côte", want: "CÔTE"},
	})
}

func TestFoldKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Touré", "Toure"},
		{"Touré", "TOURE"},
		{"Toure\u0301", "Touré"},
		{"U.S.", "US"},
		{"Côte d'Ivoire", "Cote d’Ivoire"},
		{"Guinea-Bissau", "Guinea Bissau"},
		{"  Burkina\u00a0 Faso ", "burkina faso"},
		{"Lt. Col.", "lt col"},
		{"Straße", "strasse"},
		{"Søren", "Soren"},
	} {
		if FoldKey(c.a) != FoldKey(c.b) {
			t.Errorf("FoldKey(%q) = %q, FoldKey(%q) = %q; want equal", c.a, FoldKey(c.a), c.b, FoldKey(c.b))
		}
	}
	for _, c := range []struct{ a, b string }{
		{"Mali", "Malawi"},
		{"Niger", "Nigeria"},
		{"Guinea", "Guinea-Bissau"},
	} {
		if FoldKey(c.a) == FoldKey(c.b) {
			t.Errorf("FoldKey(%q) == FoldKey(%q) = %q; want different", c.a, c.b, FoldKey(c.a))
		}
	}
	if got, want := FoldKey(" Côte d'Ivoire, (the) "), "cote divoire the"; got != want {
		t.Errorf("FoldKey = %q, want %q", got, want)
	}
}

var textSeeds = []string{
	"", " ", "Mali", "  Deputy Chief of Mission--Peter Barlerin ", "Public Affairs Officer—Kate Kaetzer-Hodson",
	"Mali – United States", "1960–1968", "a - b", "Côte d’Ivoire", "“Mali”", "Toure\u0301", "\u00a0x\u200b",
	"ǅ", "İstanbul", "ß", "\u212b", "a -- — - b", "-", "--", "— —",
}

func FuzzTrim(f *testing.F)       { fuzzText(f, "trim", Context{}, textSeeds...) }
func FuzzNFC(f *testing.F)        { fuzzText(f, "nfc", Context{}, textSeeds...) }
func FuzzWhitespace(f *testing.F) { fuzzText(f, "whitespace", Context{}, textSeeds...) }
func FuzzDash(f *testing.F)       { fuzzText(f, "dash", Context{}, textSeeds...) }
func FuzzQuotes(f *testing.F)     { fuzzText(f, "quotes", Context{}, textSeeds...) }
func FuzzLower(f *testing.F)      { fuzzText(f, "lower", Context{}, textSeeds...) }
func FuzzUpper(f *testing.F)      { fuzzText(f, "upper", Context{}, textSeeds...) }

func FuzzFoldKey(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = validText(s)
		k := FoldKey(s)
		if FoldKey(k) != k {
			t.Fatalf("FoldKey not idempotent: %q -> %q -> %q", s, k, FoldKey(k))
		}
		if k != "" && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Fatalf("FoldKey(%q) = %q is not trimmed", s, k)
		}
	})
}

// FoldKey's ASCII path gives what its path through the Unicode tables
// gives, for every byte of ASCII in every context.
func TestFoldKeyASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 20_000 {
		b := make([]byte, r.IntN(12))
		for j := range b {
			b[j] = byte(r.IntN(128))
		}
		if i < 128 {
			b = []byte{'a', byte(i), 'B', ' ', byte(i), '9'}
		}
		if got, want := foldKeyASCII(string(b)), foldKeyRunes(string(b)); got != want {
			t.Fatalf("%q: %q, want %q", b, got, want)
		}
	}
}
