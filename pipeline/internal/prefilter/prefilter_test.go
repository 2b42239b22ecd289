package prefilter

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		expr string
		want Words
	}{
		{`(?i)\bcoups?\b`, Words{{"coup"}}},
		{`(?i)\belections?\b|\bwas\s+elected\b`, Words{{"elected", "election"}, {"election", "was"}}},
		{`\bOperation\s+\p{Lu}`, Words{{"operation"}}},
		{`(?i)d['’]état`, Words{{"tat"}}}, // "d" alone is not worth a test
		{`sign(?:ed)?|x*`, nil},           // a branch that needs nothing
		{`a?b?`, nil},
		{`(?:ab|cd)\s(?:ef|gh)\sij|k(?:l|m)n(?:o|p)q(?:r|s)t(?:u|v)w|y*`, nil}, // too many choices, and a branch needing nothing
		{`(?:ab){2,}c`, Words{{"ab"}}},
		{`\b(?:[Ee]mbass(?:y|ies)|[Cc]onsulates?)\b`, Words{{"consulate", "embass"}}},
	}
	for _, tt := range tests {
		if got := Of(regexp.MustCompile(tt.expr)); !equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func equal(a, b Words) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range b {
		if !slices.ContainsFunc(a, func(x []string) bool { return slices.Equal(x, s) }) {
			return false
		}
	}
	return true
}

// exprs are expressions of the kinds the pipeline uses, for the tests
// that hold a prefilter to its expression.
var exprs = []string{
	`(?i)\bcoups?\b|\bcoup\s+d['’]état\b|\bseized\s+power\b`,
	`\b(?:[Ee]mbass(?:y|ies)|(?:[Hh]onorary )?[Cc]onsulates?|[Hh]igh [Cc]ommissions?)\b`,
	`(?i)^(?:share (?:on|this)\b.*|tweet|.*\bwe use cookies\b.*|.*edit$)$`,
	`(?i)\bsk(?:ip|y)\b|\bkelvin\b`,
	`\d+(?:\.\d+)?\s*(?:%|per ?cent)`,
	`Ã[\x{0080}-\x{00BF}]|â€“|\x{FFFD}`,
}

func FuzzRegexp(f *testing.F) {
	for _, s := range []string{"A coup d'état", "the EMBASSY of", "Share on x", "reading Skip", "ſkip", "\u212Aelvin", "12 per cent", "â€“ x", "\xff"} {
		f.Add(s)
	}
	res := make([]*Regexp, len(exprs))
	for i, e := range exprs {
		res[i] = MustCompile(e)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range res {
			checkSame(t, re, s)
		}
	})
}

// checkSame holds every method of re to regexp's answer on s, and the
// lower-case test to the plain one.
func checkSame(t *testing.T, re *Regexp, s string) {
	t.Helper()
	plain := re.Regexp
	if re.MatchString(s) != plain.MatchString(s) ||
		!slices.Equal(re.FindStringIndex(s), plain.FindStringIndex(s)) ||
		re.FindString(s) != plain.FindString(s) ||
		!slices.Equal(re.FindStringSubmatch(s), plain.FindStringSubmatch(s)) ||
		!slices.Equal(re.FindStringSubmatchIndex(s), plain.FindStringSubmatchIndex(s)) ||
		!slices.EqualFunc(re.FindAllStringIndex(s, -1), plain.FindAllStringIndex(s, -1), slices.Equal) ||
		!slices.Equal(re.FindAllString(s, -1), plain.FindAllString(s, -1)) ||
		!slices.EqualFunc(re.FindAllStringSubmatchIndex(s, -1), plain.FindAllStringSubmatchIndex(s, -1), slices.Equal) ||
		!slices.EqualFunc(re.FindAllStringSubmatch(s, -1), plain.FindAllStringSubmatch(s, -1), slices.Equal) {
		t.Errorf("%s on %q: answers differ from regexp's", plain, s)
	}
	if plain.MatchString(s) && !re.Words().MayMatchLower(strings.ToLower(s)) {
		t.Errorf("%s on %q: the lower-case test turns away a match", plain, s)
	}
}

func TestRegexpAnswersAsRegexp(t *testing.T) {
	texts := []string{"", "A coup d'état in 2012", "The Embassy of France", "share on Facebook", "we use cookies here",
		"History edit", "skip", "ſkip", "\u212Aelvin", "79 per cent", "Â£ â€“", "plain text with nothing", "\xffcoup"}
	for _, e := range exprs {
		re := MustCompile(e)
		for _, s := range texts {
			checkSame(t, re, s)
		}
	}
	re := MustCompile(`(?i)\bcoups?\b`)
	if re.Words().MayMatch("the weather was fine") {
		t.Error("a text without the word passes")
	}
	if !re.Words().MayMatch("A COUP") || !re.Words().MayMatch("a ſ text") {
		t.Error("a text with the word, or with a long s, is turned away")
	}
}

func BenchmarkMayMatch(b *testing.B) {
	re := MustCompile(exprs[1])
	s := "According to a 2007 global opinion poll, 79% of people of Andorra view the United Arab Emirates favorably."
	b.ReportAllocs()
	for b.Loop() {
		re.MatchString(s)
	}
}

func BenchmarkPlainMatch(b *testing.B) {
	re := regexp.MustCompile(exprs[1])
	s := "According to a 2007 global opinion poll, 79% of people of Andorra view the United Arab Emirates favorably."
	b.ReportAllocs()
	for b.Loop() {
		re.MatchString(s)
	}
}

// containsFold finds a word in any ASCII case as a search in lower case does.
func TestContainsFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const letters = "aAbB cC%"
	for range 20000 {
		s := make([]byte, rng.IntN(12))
		for i := range s {
			s[i] = letters[rng.IntN(len(letters))]
		}
		w := make([]byte, 1+rng.IntN(3))
		for i := range w {
			w[i] = strings.ToLower(letters)[rng.IntN(len(letters))]
		}
		if got, want := containsFold(string(s), string(w)), strings.Contains(strings.ToLower(string(s)), string(w)); got != want {
			t.Fatalf("containsFold(%q, %q) = %v, want %v", s, w, got, want)
		}
	}
}

// The one-pass test of a Regexp answers as Words.MayMatch does.
func TestScanAsMayMatch(t *testing.T) {
	texts := []string{"", "A coup d'état in 2012", "The EMBASSY of France", "share on Facebook", "we use cookies here",
		"History edit", "skip", "ſkip", "\u212Aelvin", "79 per cent", "Â£ â€“", "plain text", "\xffcoup", "Consul", "x%"}
	for _, e := range exprs {
		re := MustCompile(e)
		for _, s := range texts {
			if got, want := re.mayMatch(s), re.Words().MayMatch(s); got != want {
				t.Errorf("%s on %q: one pass %v, MayMatch %v", e, s, got, want)
			}
		}
	}
}

// A set of many words on a long line: most bytes start some word.
func BenchmarkMayMatchManyWords(b *testing.B) {
	re := MustCompile(`(?i)\b(?:share\b|tweet$|e-?mail$|print$|whatsapp$|facebook$|twitter$|linkedin$|leave a comment|newsletter\b|subscribe\b|jump to\b|from wikipedia\b|map indicating\b|this article is about\b|for other uses\b|main articles?\s*:|further information\s*:|see also\s*:|related\s*:|read more\b|advertisement$|text is available under\b|categories\s*:|retrieved from\b|personal tools$|not logged in$|create account$|log in$|contributions$|talk$)`)
	s := "The Andorra government was a strong partner with the United Arab Emirates in its efforts to combat violent extremists, but the United Arab Emirates officially suspended military relations with Andorra following the military coup."
	b.ReportAllocs()
	for b.Loop() {
		re.MatchString(s)
	}
}
