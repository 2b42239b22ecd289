package check

import (
	"fmt"
	"slices"
	"strings"

	"dossier/pipeline/document"
)

// The passage of a document closest to a quote that is not in it, to help
// fix the quote. The document's words are indexed once; a quote's words
// vote for where in the document they would start (the offset of each of
// their occurrences less their place in the quote), and the few best
// places are aligned with the quote word by word (an edit distance with
// free ends in the document). Found passages are kept per quote, so that
// many facts that repeat one broken quote cost one search.

// maxQuoteWords bounds the words of a quote that take part in the search.
const maxQuoteWords = 300

// commonWord is how often a word may occur in a document and still vote:
// "the" votes for every place and helps none.
const commonWord = 2000

// wordIndex returns where each folded word occurs in the document.
func (dr *docReading) wordIndex() map[string][]int32 {
	dr.indexOnce.Do(func() {
		dr.index = map[string][]int32{}
		for i, t := range dr.text.toks {
			dr.index[t.fold] = append(dr.index[t.fold], int32(i))
		}
	})
	return dr.index
}

// alignment is a quote aligned with words [start, end) of a document.
type alignment struct {
	start, end int
	cost       int
	ops        []alignOp
}

// alignOp is one step of an alignment: a quote word and a document word
// (same or substituted), or one of them alone (-1 for the other).
type alignOp struct{ q, d int }

// closestPassage describes the passage of d closest to quote: where it is
// and how it differs; "" when no passage is close.
func (dr *docReading) closestPassage(d *document.Document, quote string) string {
	q := tokenize(quote)
	if len(q) == 0 {
		return ""
	}
	if len(q) > maxQuoteWords {
		q = q[:maxQuoteWords]
	}
	var best *alignment
	for _, start := range dr.candidates(q) {
		a := align(q, dr.text.toks, start)
		if best == nil || a.cost < best.cost {
			best = &a
		}
	}
	if best == nil || best.cost*2 > len(q) || best.end <= best.start {
		return ""
	}
	text := dr.text.text
	from, to := dr.text.toks[best.start].start, dr.text.toks[best.end-1].end
	diffs := differences(quote, q, text, dr.text.toks, best.ops)
	msg := fmt.Sprintf("the closest passage is line %d, %q", d.Pos(from).Line, shorten(text[from:to], 100))
	if len(diffs) == 0 {
		return msg + ", with the same words: the punctuation or spacing differs"
	}
	return msg + ": " + joinList(diffs, "and")
}

// candidates returns the document words at which the quote most likely
// starts, best first.
func (dr *docReading) candidates(q []token) []int {
	idx := dr.wordIndex()
	votes := map[int]int{}
	for i, t := range q {
		at := idx[t.fold]
		if len(at) > commonWord {
			continue
		}
		for _, p := range at {
			votes[int(p)-i]++
		}
	}
	starts := make([]int, 0, len(votes))
	for s := range votes {
		starts = append(starts, s)
	}
	slices.SortFunc(starts, func(a, b int) int {
		if votes[a] != votes[b] {
			return votes[b] - votes[a]
		}
		return a - b
	})
	return starts[:min(4, len(starts))]
}

// align aligns the quote with the document around word start, with free
// ends in the document.
func align(q, doc []token, start int) alignment {
	lo, hi := max(0, start-4), min(len(doc), start+len(q)+4)
	w := doc[lo:hi]
	n, m := len(q), len(w)
	dist := make([][]int, n+1)
	for i := range dist {
		dist[i] = make([]int, m+1)
		dist[i][0] = i
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			sub := dist[i-1][j-1]
			if q[i-1].fold != w[j-1].fold {
				sub++
			}
			dist[i][j] = min(sub, dist[i-1][j]+1, dist[i][j-1]+1)
		}
	}
	end := 0
	for j := 1; j <= m; j++ {
		if dist[n][j] < dist[n][end] {
			end = j
		}
	}
	a := alignment{cost: dist[n][end]}
	i, j := n, end
	for i > 0 {
		switch {
		case j > 0 && dist[i][j] == dist[i-1][j-1]+boolInt(q[i-1].fold != w[j-1].fold):
			a.ops = append(a.ops, alignOp{i - 1, lo + j - 1})
			i, j = i-1, j-1
		case dist[i][j] == dist[i-1][j]+1:
			a.ops = append(a.ops, alignOp{i - 1, -1})
			i--
		default:
			a.ops = append(a.ops, alignOp{-1, lo + j - 1})
			j--
		}
	}
	slices.Reverse(a.ops)
	a.start, a.end = lo+j, lo+end
	return a
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// differences says how a quote differs from the passage it is aligned
// with, word by word, at most three.
func differences(quote string, q []token, text string, doc []token, ops []alignOp) []string {
	var out []string
	word := func(s string, t token) string { return s[t.start:t.end] }
	for _, op := range ops {
		var d string
		switch {
		case op.q >= 0 && op.d >= 0:
			qw, dw := word(quote, q[op.q]), word(text, doc[op.d])
			if qw != dw {
				d = fmt.Sprintf("the quote has %q where the text has %q", qw, dw)
			}
		case op.q >= 0:
			d = fmt.Sprintf("the quote has %q, which the text does not", word(quote, q[op.q]))
		default:
			d = fmt.Sprintf("the text has %q, which the quote leaves out", word(text, doc[op.d]))
		}
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) > 3 {
		out = append(out[:3], fmt.Sprintf("%d more differences", len(out)-3))
	}
	return out
}

// closestCache keeps the passage found for each quote not found, per
// document; it is emptied when it holds too many, which bounds memory.
type closestCache struct {
	found map[string]string
}

const closestCacheSize = 4096

func (c *Corpus) closest(d *document.Document, quote string) string {
	k := d.ID + "\x00" + quote
	c.mu.Lock()
	if s, ok := c.near.found[k]; ok {
		c.mu.Unlock()
		return s
	}
	c.mu.Unlock()
	s := c.reading(d).closestPassage(d, quote)
	c.mu.Lock()
	if len(c.near.found) >= closestCacheSize {
		c.near.found = map[string]string{}
	}
	c.near.found[k] = s
	c.mu.Unlock()
	return s
}

// notFound is the message of evidence.quote-not-found.
func notFound(quote, doc, near string) string {
	msg := fmt.Sprintf("quote %q is not in document %q", shorten(strings.TrimSpace(quote), 80), doc)
	if near == "" {
		return msg + "; no passage of it is close"
	}
	return msg + "; " + near
}
