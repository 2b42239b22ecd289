// Package prefilter spares regular expressions the texts they cannot
// match. The words every match of an expression holds are found from its
// syntax; a text that lacks all the words of one such set is not tried.
// The answers are those of the expressions themselves: a prefilter only
// ever says "no match" where there is none.
package prefilter

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// Words is a conjunction of sets of words: a match holds, for every set,
// one of its words (lower case, ASCII), in any case.
type Words [][]string

// maxSets bounds the sets kept (those of the longest words first), so
// that testing a text stays cheap.
const maxSets = 6

// maxAlternateSets bounds the choices an alternation is read with.
const maxAlternateSets = 16

// Of finds the words every match of re holds.
func Of(re *regexp.Regexp) Words {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	sets := required(t.Simplify())
	for i, set := range sets {
		sets[i] = slices.Compact(slices.Sorted(slices.Values(set)))
	}
	slices.SortFunc(sets, func(a, b []string) int {
		if n := shortest(b) - shortest(a); n != 0 {
			return n
		}
		return slices.Compare(a, b)
	})
	sets = slices.CompactFunc(sets, slices.Equal)
	// A set with a one-letter word turns almost nothing away: not worth
	// its test.
	sets = slices.DeleteFunc(sets, func(set []string) bool {
		return slices.ContainsFunc(set, func(w string) bool { return len(w) < 2 && isWordByte(w[0]) })
	})
	if len(sets) > maxSets {
		sets = sets[:maxSets]
	}
	return sets
}

// MayMatchLower reports whether lower, a text in lower case as
// strings.ToLower writes it, holds a word of every set.
func (w Words) MayMatchLower(lower string) bool {
	for _, set := range w {
		if !slices.ContainsFunc(set, func(word string) bool { return strings.Contains(lower, word) }) {
			return foldsOddly(lower)
		}
	}
	return true
}

// MayMatch reports whether s holds a word of every set, in any case.
func (w Words) MayMatch(s string) bool {
	for _, set := range w {
		if !slices.ContainsFunc(set, func(word string) bool { return containsFold(s, word) }) {
			return foldsOddly(s)
		}
	}
	return true
}

// foldsOddly reports a text with a letter that an expression without
// case matches as an ASCII one and that lower case does not turn into it:
// the long s (ſ, "s") and the Kelvin sign (K, "k"). Such a text is always
// tried.
func foldsOddly(s string) bool {
	return strings.Contains(s, "ſ") || strings.Contains(s, "\u212A")
}

// containsFold reports whether s holds word (lower case ASCII) in any
// ASCII case.
func containsFold(s, word string) bool {
	c := word[0]
	up := c
	if 'a' <= c && c <= 'z' {
		up = c - ('a' - 'A')
	}
	for len(s) >= len(word) {
		i := strings.IndexByte(s, c)
		if up != c {
			within := s
			if i >= 0 {
				within = s[:i]
			}
			if j := strings.IndexByte(within, up); j >= 0 {
				i = j
			}
		}
		if i < 0 || len(s)-i < len(word) {
			return false
		}
		if equalFold(s[i+1:i+len(word)], word[1:]) {
			return true
		}
		s = s[i+1:]
	}
	return false
}

// equalFold reports whether s is word (lower case ASCII, as long) in any
// ASCII case.
func equalFold(s, word string) bool {
	for k := 0; k < len(word); k++ {
		if lowerASCII(s[k]) != word[k] {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c == ' ' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z'
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// required returns the sets of words a match of t must hold (nil: none
// known).
func required(t *syntax.Regexp) [][]string {
	switch t.Op {
	case syntax.OpLiteral:
		if w := asciiWord(t.Rune); w != "" {
			return [][]string{{w}}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return required(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return required(t.Sub[0])
		}
	case syntax.OpConcat:
		// Literals side by side make one word, whatever their case flags:
		// "[Ee]mbassy" is "e" without case then "mbassy".
		var all [][]string
		var run []rune
		flush := func() {
			if w := asciiWord(run); w != "" {
				all = append(all, []string{w})
			}
			run = run[:0]
		}
		for _, s := range t.Sub {
			if s.Op == syntax.OpLiteral {
				run = append(run, s.Rune...)
				continue
			}
			flush()
			all = append(all, required(s)...)
		}
		flush()
		return all
	case syntax.OpAlternate:
		// A match is one branch's: for every choice of a set of each
		// branch, a word of one of them. All choices while they are
		// few; else the best set of each branch.
		all := [][]string{nil}
		for _, s := range t.Sub {
			sets := required(s)
			if len(sets) == 0 {
				return nil
			}
			if len(all)*len(sets) > maxAlternateSets {
				if u := bestUnion(t.Sub); u != nil {
					return [][]string{u}
				}
				return nil
			}
			var next [][]string
			for _, a := range all {
				for _, b := range sets {
					next = append(next, append(slices.Clip(a), b...))
				}
			}
			all = next
		}
		return all
	}
	return nil
}

// bestUnion is the words of the best set of each branch; nil when a
// branch needs none.
func bestUnion(branches []*syntax.Regexp) []string {
	var union []string
	for _, s := range branches {
		sets := required(s)
		if len(sets) == 0 {
			return nil
		}
		union = append(union, slices.MaxFunc(sets, func(a, b []string) int { return shortest(a) - shortest(b) })...)
	}
	return union
}

// asciiWord is the longest run of ASCII in a literal, in lower case: any
// match of the literal, in any case, holds it in any case (what else
// folds to an ASCII letter is the Kelvin sign and the long s, see
// foldsOddly).
func asciiWord(rs []rune) string {
	best, cur := "", []byte{}
	for _, r := range append(slices.Clip(rs), utf8.RuneError) {
		if r < utf8.RuneSelf {
			cur = append(cur, lowerASCII(byte(r)))
			continue
		}
		if len(cur) > len(best) {
			best = string(cur)
		}
		cur = cur[:0]
	}
	return best
}

// shortest is the length of the shortest word of a set.
func shortest(set []string) int {
	n := -1
	for _, w := range set {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return max(n, 0)
}

// Regexp is a regular expression that tries only the texts that hold
// the words its matches need. Its methods answer as regexp's do.
type Regexp struct {
	*regexp.Regexp
	words Words
	scan  []wordSet
}

// MustCompile compiles expr as regexp.MustCompile does, with its words.
func MustCompile(expr string) *Regexp {
	re := regexp.MustCompile(expr)
	r := &Regexp{Regexp: re, words: Of(re)}
	for _, set := range r.words {
		ws := wordSet{words: set}
		for _, w := range set {
			ws.first[w[0]] = true
			ws.first[upperASCII(w[0])] = true
			if len(w) == 1 {
				ws.short = true
			} else {
				ws.pairs.add(w[0], w[1])
			}
		}
		r.scan = append(r.scan, ws)
	}
	return r
}

// wordSet is a set of words, the bytes (either case) they start with and
// a table of their first two bytes (in lower case), read in one pass over
// a text.
type wordSet struct {
	first [256]bool
	pairs pairTable
	short bool // a word of one byte
	words []string
}

// pairTable is a set of two-byte beginnings, hashed: a beginning not in it
// starts no word; one in it may.
type pairTable [64]uint64

func pairHash(a, b byte) uint { return (uint(a)<<6 ^ uint(b)) & 4095 }

func (t *pairTable) add(a, b byte) { h := pairHash(a, b); t[h>>6] |= 1 << (h & 63) }

func (t *pairTable) has(a, b byte) bool { h := pairHash(a, b); return t[h>>6]&(1<<(h&63)) != 0 }

// in reports whether s holds one of the set's words, in any ASCII case.
func (ws *wordSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		if !ws.first[s[i]] {
			continue
		}
		c := lowerASCII(s[i])
		if !ws.short && (i+1 == len(s) || !ws.pairs.has(c, lowerASCII(s[i+1]))) {
			continue
		}
		for _, w := range ws.words {
			if w[0] == c && len(s)-i >= len(w) && equalFold(s[i+1:i+len(w)], w[1:]) {
				return true
			}
		}
	}
	return false
}

// mayMatch is r.words.MayMatch(s), in one pass over s for each set.
func (r *Regexp) mayMatch(s string) bool {
	for i := range r.scan {
		if !r.scan[i].in(s) {
			return foldsOddly(s)
		}
	}
	return true
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// Words returns the words the expression's matches need.
func (r *Regexp) Words() Words { return r.words }

func (r *Regexp) MatchString(s string) bool {
	return r.mayMatch(s) && r.Regexp.MatchString(s)
}

func (r *Regexp) FindStringIndex(s string) []int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindStringIndex(s)
}

func (r *Regexp) FindString(s string) string {
	if !r.mayMatch(s) {
		return ""
	}
	return r.Regexp.FindString(s)
}

func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatchIndex(s)
}

func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindAllStringIndex(s, n)
}

func (r *Regexp) FindAllString(s string, n int) []string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindAllString(s, n)
}

func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatchIndex(s, n)
}

func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatch(s, n)
}
