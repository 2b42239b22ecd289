package load_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// collected is what a fact reader reported to its sink, in order.
type collected struct {
	facts   []*fact.Fact
	rejects []issue.Issue
	issues  []issue.Issue
}

func (c *collected) sink() load.Sink {
	return load.Sink{
		Fact:   func(f *fact.Fact) { c.facts = append(c.facts, f) },
		Reject: func(is issue.Issue) { c.rejects = append(c.rejects, is) },
		Issue:  func(is issue.Issue) { c.issues = append(c.issues, is) },
	}
}

// all returns rejects and issues together.
func (c *collected) all() []issue.Issue {
	return append(append([]issue.Issue(nil), c.rejects...), c.issues...)
}

// read runs a fact reader on src and fails the test on a Go error.
func read(t *testing.T, rd load.FactReader, file, src string) *collected {
	t.Helper()
	c := &collected{}
	if err := rd(file, strings.NewReader(src), c.sink()); err != nil {
		t.Fatalf("reader returned error: %v", err)
	}
	return c
}

// posOf returns the 1-based line and rune column of the n-th (0-based)
// occurrence of needle in src; it fails the test when there is none.
func posOf(t *testing.T, src, needle string, n int) fact.Pos {
	t.Helper()
	off := -1
	from := 0
	for i := 0; i <= n; i++ {
		j := strings.Index(src[from:], needle)
		if j < 0 {
			t.Fatalf("fixture: occurrence %d of %q not found", n, needle)
		}
		off = from + j
		from = off + len(needle)
	}
	line := 1 + strings.Count(src[:off], "\n")
	ls := strings.LastIndex(src[:off], "\n") + 1
	return fact.Pos{Line: line, Col: 1 + utf8.RuneCountInString(src[ls:off])}
}

func codes(issues []issue.Issue) []string {
	var out []string
	for _, is := range issues {
		out = append(out, is.Code)
	}
	return out
}

func hasCode(issues []issue.Issue, code string) bool {
	for _, is := range issues {
		if is.Code == code {
			return true
		}
	}
	return false
}
