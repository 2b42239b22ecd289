package normalize

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/fact"
)

// randomText returns n strings of up to max characters from alphabet.
func randomText(seed uint64, n, max int, alphabet []string) []string {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := r.IntN(max + 1); k > 0; k-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		out[i] = b.String()
	}
	return out
}

// collapseSpace's shortcut for text that is already collapsed gives what
// the rune by rune rewrite gives.
func TestCollapsedASCIIShortcut(t *testing.T) {
	texts := randomText(1, 100000, 8, []string{"a", "B", "7", ".", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x01", "\x7f", "\u00a0", "\u200b", "é", "\xff"})
	shortcuts := 0
	for _, s := range texts {
		if !collapsedASCII(s) {
			continue
		}
		shortcuts++
		if c := collapseRunes(s); c != s {
			t.Fatalf("collapsedASCII(%q) but collapsing gives %q", s, c)
		}
	}
	if shortcuts < 1000 {
		t.Fatalf("only %d shortcuts", shortcuts)
	}
}

// percent's shortcut for a number already in canonical form gives what
// parsing and formatting it gives.
func TestCanonicalDecimalShortcut(t *testing.T) {
	texts := randomText(2, 100000, 7, []string{"0", "1", "5", "9", "00", ".", "-", "+", "e", "x"})
	texts = append(texts, "0", "-0", "0.5", "-0.5", "55.2", "100", "1.50", "01", "1.", ".5", strings.Repeat("9", 64), strings.Repeat("9", 65))
	shortcuts := 0
	for _, s := range texts {
		if !canonicalDecimal(s) {
			continue
		}
		shortcuts++
		r, ok := parseDecimal(s)
		if !ok || formatDecimal(r) != s {
			t.Fatalf("canonicalDecimal(%q) but it formats as %q (ok %v)", s, formatDecimal(r), ok)
		}
	}
	if shortcuts < 1000 {
		t.Fatalf("only %d shortcuts", shortcuts)
	}
}

// pointerTokens splits as fact.SplitPointer does.
func TestPointerTokens(t *testing.T) {
	texts := randomText(3, 20000, 6, []string{"/", "a", "*", "0", "~0", "~1", "~", "~2"})
	texts = append(texts, "", "/", "//", "/evidence/quote", "/countries/*", "a/b")
	for _, p := range texts {
		var buf [2]string
		if got, want := pointerTokens(p, buf[:0]), fact.SplitPointer(p); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("pointerTokens(%q) = %q, SplitPointer %q", p, got, want)
		}
	}
}

// foldKeyASCII's shortcut for text already folded gives what folding
// byte by byte gives.
func TestFoldedASCIIShortcut(t *testing.T) {
	texts := randomText(4, 100000, 8, []string{"a", "z", "0", "9", "A", " ", "  ", ".", "'", "-", "\t"})
	shortcuts := 0
	for _, s := range texts {
		if !foldedASCII(s) {
			continue
		}
		shortcuts++
		if f := foldKeyRunes(s); f != s {
			t.Fatalf("foldedASCII(%q) but folding gives %q", s, f)
		}
	}
	if shortcuts < 1000 {
		t.Fatalf("only %d shortcuts", shortcuts)
	}
}

// AppendFoldKey appends what FoldKey returns.
func TestAppendFoldKey(t *testing.T) {
	texts := randomText(5, 50000, 6, []string{"a", "Z", "0", " ", ".", "'", "-", "é", "Ø", "ß", "\t", "’"})
	for i, s := range texts {
		prefix := []byte(texts[(i+1)%len(texts)])
		if got, want := string(AppendFoldKey(prefix, s)), string(prefix)+FoldKey(s); got != want {
			t.Fatalf("AppendFoldKey(%q, %q) = %q, want %q", prefix, s, got, want)
		}
	}
}

// countryNamedBefore is CountryNamed as written before its key went into a
// buffer.
func countryNamedBefore(s string) (string, bool) {
	t := countryData()
	key := countryFoldKey(s)
	k, ok := t.keys[key]
	if !ok && strings.HasSuffix(key, "s") {
		if p, pok := t.keys[strings.TrimSuffix(key, "s")]; pok && p.kind == kindDemonym {
			k, ok = p, true
		}
	}
	if !ok || k.kind == kindAmbiguous || k.kind == kindNoCode || len(k.codes) != 1 {
		return "", false
	}
	if k.kind == kindAbbr && hasLower(s) {
		return "", false
	}
	return k.codes[0], true
}

func TestCountryNamedAsBefore(t *testing.T) {
	texts := []string{"", "Malians", "the United States", "The Gambia", "U.S.", "USA", "Americans", "Global Attitudes Survey",
		"Côte d'Ivoire", "Ivorians", "the the", "s", "Mali s", "Congolese", strings.Repeat("a", 100)}
	for key := range countryData().keys {
		texts = append(texts, key, key+"s", "The "+key, strings.ToUpper(key))
	}
	texts = append(texts, randomText(6, 20000, 5, []string{"mali", "an", "s", "the ", " ", ".", "U", "S", "é"})...)
	for _, s := range texts {
		gc, gok := CountryNamed(s)
		wc, wok := countryNamedBefore(s)
		if gc != wc || gok != wok {
			t.Fatalf("CountryNamed(%q) = %q %v, before %q %v", s, gc, gok, wc, wok)
		}
	}
}

// ApplyWith calls before ahead of the first change, with the record still
// as it was, and never for a record that is normal already.
func TestApplyWithBefore(t *testing.T) {
	plan := Plan{
		{Pointer: "/countries/*", Names: []string{"trim", "country"}, Ctx: Context{Type: "string"}},
		{Pointer: "/name", Names: []string{"trim", "whitespace"}, Ctx: Context{Type: "string"}},
		{Pointer: "/value", Names: []string{"percent"}, Ctx: Context{Type: "number"}},
	}
	for _, tc := range []struct {
		rec     map[string]any
		changed bool
	}{
		{map[string]any{"countries": []any{"MLI", "USA"}, "name": "Amadou Touré", "value": json.Number("55.2")}, false},
		{map[string]any{"countries": []any{"MLI", "U.S."}, "name": "Amadou Touré", "value": json.Number("55.2")}, true},
		{map[string]any{"countries": []any{"MLI", "USA"}, "name": " Amadou  Touré", "value": json.Number("55.2")}, true},
		{map[string]any{"countries": []any{"MLI", "USA"}, "name": "x", "value": "55.20 %"}, true},
	} {
		want := fact.Clone(tc.rec)
		calls := 0
		var seen any
		changes, failures := plan.ApplyWith(tc.rec, func() {
			calls++
			if seen == nil {
				seen = fact.Clone(tc.rec)
			}
		})
		if len(failures) > 0 {
			t.Fatalf("%v: failures %v", want, failures)
		}
		if (calls > 0) != tc.changed || (len(changes) > 0) != tc.changed {
			t.Fatalf("%v: before called %d times, %d changes, want changed %v", want, calls, len(changes), tc.changed)
		}
		if tc.changed && !reflect.DeepEqual(seen, want) {
			t.Fatalf("before saw %v, want the record as it was, %v", seen, want)
		}
	}
}
