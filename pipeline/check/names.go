package check

import "strings"

// nameIn finds a person's name, as folded words, among the words [i, j) of
// r: the surname as written, and the given names the text writes before it
// agreeing with the value's, where an initial agrees with a name it begins
// ("W." with "Walker") and either side may leave out middle names. A text
// that gives the surname alone after a title ("Secretary Rice") states the
// name; one that gives another first name ("John Doe" for "Jane Doe") does
// not. It returns the word the name ends at.
func (r *reading) nameIn(i, j int, words []string) (int, bool) {
	if len(words) == 0 {
		return 0, false
	}
	last, given := words[len(words)-1], words[:len(words)-1]
	for p := i; p < j; p++ {
		if t := r.toks[p]; t.fold != last || !t.upper && t.gap != gapHyphen {
			continue
		}
		if r.givenAgree(i, p-1, given, len(given)-1, false, false) {
			return p, true
		}
	}
	return 0, false
}

// givenAgree matches the given names given[:k+1] against the words of the
// name before the surname, from word q backwards. matched says a given
// name agreed already; skippedFull that the text gave a name the value
// does not have.
func (r *reading) givenAgree(lo, q int, given []string, k int, matched, skippedFull bool) bool {
	if k < 0 {
		return true
	}
	if !r.inName(lo, q) {
		// The text gives fewer names than the value: it must give one of
		// them, or the surname must follow a title ("Secretary Rice").
		return !skippedFull && (matched || r.titleEndsAt(q+1))
	}
	t := r.toks[q]
	if (t.fold == given[k] || initialOf(t.fold, given[k])) && r.givenAgree(lo, q-1, given, k-1, true, skippedFull) {
		return true
	}
	if n := r.initials(q); n > 1 && n <= k+1 && initialsAgree(t.fold, given[k+1-n:k+1]) && r.givenAgree(lo, q-1, given, k-n, true, skippedFull) {
		return true // "J.P." for "J. P."
	}
	if k > 0 && r.givenAgree(lo, q, given, k-1, matched, skippedFull) {
		return true // a middle name the text leaves out
	}
	return r.givenAgree(lo, q-1, given, k, matched, skippedFull || !t.isInitial(r.text))
}

// inName reports whether word q, at or after lo, is part of the name that
// follows it.
func (r *reading) inName(lo, q int) bool {
	if q < lo || q < 0 || q+1 >= len(r.toks) {
		return false
	}
	if !nameGap(r.toks[q+1].gap) || r.toks[q].possessive {
		return false
	}
	t := r.toks[q]
	return (t.upper || nameParticles[t.fold] || t.gap == gapHyphen) && !r.titleEndsAt(q+1)
}

// initials returns how many initials word q writes together ("J.P." is
// two), or 0.
func (r *reading) initials(q int) int {
	t := r.toks[q]
	w := r.text[t.start:t.end]
	if !t.upper || len(t.fold) < 2 || strings.Count(w, ".") != len(t.fold) {
		return 0
	}
	return len(t.fold)
}

// initialsAgree reports whether letters are the initials of names.
func initialsAgree(letters string, names []string) bool {
	for i, n := range names {
		if n == "" || n[0] != letters[i] {
			return false
		}
	}
	return true
}

func (r *reading) titleEndsAt(k int) bool { return r.at.titleEnd.has(k) }

// initialOf reports whether one of two folded names is the initial of the
// other.
func initialOf(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return len(a) == 1 && b[0] == a[0] || len(b) == 1 && a[0] == b[0]
}
