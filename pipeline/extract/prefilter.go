package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// A prefilter is a cheap test that an expression cannot match a text: the
// words every match must hold, found from the expression's syntax. It is
// a conjunction of sets: a match holds, for every set, one of its words
// (lower case, ASCII), so a text missing every word of one set has no
// match. Expressions are tried only on texts that pass it.
type prefilter [][]string

// maxPrefilterSets bounds the sets a prefilter keeps (the longest words
// first), so that testing one stays cheap.
const maxPrefilterSets = 6

// newPrefilter finds the words every match of re holds.
func newPrefilter(re *regexp.Regexp) prefilter {
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
	if len(sets) > maxPrefilterSets {
		sets = sets[:maxPrefilterSets]
	}
	return sets
}

// mayMatch reports whether lower (a text in lower case, as strings.ToLower
// writes it) holds a word of every set. A text with a long s (ſ), which
// matches "s" without case but stays itself in lower case, always may.
func (p prefilter) mayMatch(lower string) bool {
	for _, set := range p {
		if !hasAny(lower, set) && !strings.Contains(lower, "ſ") {
			return false
		}
	}
	return true
}

// required returns the sets of words a match of t must hold (nil: none
// known).
func required(t *syntax.Regexp) [][]string {
	switch t.Op {
	case syntax.OpLiteral:
		if w := asciiWord(t.Rune); w != "" {
			return [][]string{{w}}
		}
	case syntax.OpCapture:
		return required(t.Sub[0])
	case syntax.OpPlus:
		return required(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return required(t.Sub[0])
		}
	case syntax.OpConcat:
		var all [][]string
		for _, s := range t.Sub {
			all = append(all, required(s)...)
		}
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
				return [][]string{bestUnion(t.Sub)}
			}
			var next [][]string
			for _, a := range all {
				for _, b := range sets {
					next = append(next, append(slices.Clip(a), b...))
				}
			}
			all = next
		}
		for i, set := range all {
			slices.Sort(set)
			all[i] = slices.Compact(set)
		}
		return all
	}
	return nil
}

// maxAlternateSets bounds the choices an alternation is read with.
const maxAlternateSets = 16

// bestUnion is the words of the best set of each branch.
func bestUnion(branches []*syntax.Regexp) []string {
	var union []string
	for _, s := range branches {
		sets := required(s)
		union = append(union, slices.MaxFunc(sets, func(a, b []string) int { return shortest(a) - shortest(b) })...)
	}
	slices.Sort(union)
	return slices.Compact(union)
}

// asciiWord is the longest run of ASCII in a literal, in lower case: any
// match of the literal, in any case, holds it in a text in lower case
// (what else folds to an ASCII letter is the Kelvin sign, which lower
// case makes "k", and the long s, which mayMatch lets through).
func asciiWord(rs []rune) string {
	best, cur := "", []byte{}
	for _, r := range append(slices.Clip(rs), utf8.RuneError) {
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			cur = append(cur, byte(r))
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

// branchRE is an expression tried branch by branch: each branch of its
// top-level alternation, with the words it needs, so that a text is tried
// only against the branches whose words it holds. Its leftmost first
// match is the whole expression's.
type branchRE struct {
	whole    *regexp.Regexp
	branches []*regexp.Regexp
	pres     []prefilter
}

// newBranchRE splits re at its top-level "|".
func newBranchRE(re *regexp.Regexp) branchRE {
	b := branchRE{whole: re}
	for _, src := range topBranches(re.String()) {
		br, err := regexp.Compile(src)
		if err != nil { // not split right: the expression whole
			return branchRE{whole: re, branches: []*regexp.Regexp{re}, pres: []prefilter{newPrefilter(re)}}
		}
		b.branches = append(b.branches, br)
		b.pres = append(b.pres, newPrefilter(br))
	}
	return b
}

// findIndex is whole.FindStringIndex(s): of the branches that match, the
// match that starts first, the earlier branch's on a tie. lower is s in
// lower case (or a text in lower case that holds it).
func (b branchRE) findIndex(s, lower string) []int {
	var best []int
	for i, br := range b.branches {
		if !b.pres[i].mayMatch(lower) {
			continue
		}
		if m := br.FindStringIndex(s); m != nil && (best == nil || m[0] < best[0]) {
			best = m
		}
	}
	return best
}

// matches is whole.MatchString(s).
func (b branchRE) matches(s, lower string) bool {
	for i, br := range b.branches {
		if b.pres[i].mayMatch(lower) && br.MatchString(s) {
			return true
		}
	}
	return false
}

// topBranches splits an expression at the "|" outside any group or class,
// each branch with the flags the expression starts with ("(?i)").
func topBranches(expr string) []string {
	flags := ""
	if strings.HasPrefix(expr, "(?") {
		if end := strings.IndexByte(expr, ')'); end > 0 && !strings.ContainsAny(expr[2:end], ":(") {
			flags, expr = expr[:end+1], expr[end+1:]
		}
	}
	var out []string
	depth, start, inClass := 0, 0, false
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\':
			i++ // the escaped byte (a multi-byte rune goes on as its own bytes)
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if strings.HasPrefix(expr[i+1:], "^]") {
				i += 2
			} else if strings.HasPrefix(expr[i+1:], "]") {
				i++
			}
		case c == '(':
			if depth == 0 && strings.HasPrefix(expr[i:], "(?") {
				if end := strings.IndexByte(expr[i:], ')'); end > 0 && !strings.ContainsAny(expr[i+2:i+end], ":(") {
					return []string{flags + expr} // flags set midway reach the branches after: not split
				}
			}
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, flags+expr[start:i])
			start = i + 1
		}
	}
	return append(out, flags+expr[start:])
}
