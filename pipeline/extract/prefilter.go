package extract

import (
	"regexp"
	"strings"

	"dossier/pipeline/internal/prefilter"
)

// branchRE is an expression tried branch by branch: each branch of its
// top-level alternation, with the words it needs, so that a text is tried
// only against the branches whose words it holds. Its leftmost first
// match is the whole expression's.
type branchRE struct {
	whole    *regexp.Regexp
	branches []*regexp.Regexp
	pres     []prefilter.Words
}

// newBranchRE splits re at its top-level "|".
func newBranchRE(re *regexp.Regexp) branchRE {
	b := branchRE{whole: re}
	for _, src := range topBranches(re.String()) {
		br, err := regexp.Compile(src)
		if err != nil { // not split right: the expression whole
			return branchRE{whole: re, branches: []*regexp.Regexp{re}, pres: []prefilter.Words{prefilter.Of(re)}}
		}
		b.branches = append(b.branches, br)
		b.pres = append(b.pres, prefilter.Of(br))
	}
	return b
}

// findIndex is whole.FindStringIndex(s): of the branches that match, the
// match that starts first, the earlier branch's on a tie. lower is s in
// lower case (or a text in lower case that holds it).
func (b branchRE) findIndex(s, lower string) []int {
	var best []int
	for i, br := range b.branches {
		if !b.pres[i].MayMatchLower(lower) {
			continue
		}
		if m := br.FindStringIndex(s); m != nil && (best == nil || m[0] < best[0]) {
			best = m
		}
	}
	return best
}

// findAll is whole.FindAllStringIndex(s, n): when the words of one
// branch only are in s, the others match nowhere in it, and that branch
// alone finds what the whole finds.
func (b branchRE) findAll(s, lower string, n int) [][]int {
	only := -1
	for i := range b.branches {
		if !b.pres[i].MayMatchLower(lower) {
			continue
		}
		if only >= 0 {
			return b.whole.FindAllStringIndex(s, n)
		}
		only = i
	}
	if only < 0 {
		return nil
	}
	return b.branches[only].FindAllStringIndex(s, n)
}

// matches is whole.MatchString(s).
func (b branchRE) matches(s, lower string) bool {
	for i, br := range b.branches {
		if b.pres[i].MayMatchLower(lower) && br.MatchString(s) {
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
