package review

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"dossier/pipeline/document"
)

// line is one line of a document's clean text as the page shows it.
type line struct {
	start, end int // offsets in the clean text, without the line feed
	raw        int // the line of the raw file it comes from
	anchor     string
	heading    bool
	gap        bool // a blank line comes before it
}

// textLines cuts a document's clean text into its non-empty lines, each
// with its raw line and, for the first clean line of each raw line, an
// anchor: d<doc>-L<raw>.
func textLines(d *document.Document, doc int) []line {
	var out []line
	heads := map[int]bool{}
	for _, b := range d.Blocks {
		if b.Kind == document.Heading {
			heads[b.Start] = true
		}
	}
	seen := map[int]bool{}
	gap := false
	for start := 0; start <= len(d.Text); {
		end := strings.IndexByte(d.Text[start:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start
		}
		if strings.TrimSpace(d.Text[start:end]) == "" {
			gap = len(out) > 0
		} else {
			raw := d.Pos(start).Line
			l := line{start: start, end: end, raw: raw, heading: heads[start], gap: gap}
			if !seen[raw] {
				seen[raw] = true
				l.anchor = "d" + strconv.Itoa(doc) + "-L" + strconv.Itoa(raw)
			}
			out = append(out, l)
			gap = false
		}
		start = end + 1
	}
	return out
}

// lineAt returns the index of the line an issue at raw line n is shown
// under: the last line from at or before n, else the first.
func lineAt(lines []line, n int) int {
	i, _ := slices.BinarySearchFunc(lines, n+1, func(l line, n int) int { return cmp.Compare(l.raw, n) })
	return max(i-1, 0)
}

// anchorOf returns the anchor of the first line of the same raw line.
func anchorOf(lines []line, i int) string {
	for j := i; j >= 0; j-- {
		if lines[j].raw == lines[i].raw && lines[j].anchor != "" {
			return lines[j].anchor
		}
	}
	return lines[i].anchor
}

// span is a stretch of clean text that one or more facts quote: facts
// that quote exactly the same text share one highlight, so that a
// sentence quoted by a thousand facts is one element, not a thousand
// nested ones. id is its first entry.
type span struct {
	start, end int
	entries    []int
}

func (s *span) id() int { return s.entries[0] }

// maxDepth bounds how many highlights nest at one place; past it, the
// inner ones wait for room (or are not shown, and the page says so).
const maxDepth = 24

// opener writes the opening tag of one piece of a highlight.
type opener func(p *pw, s *span, first bool)

// writeLineText writes the text of one line with the highlights that
// cover it. Highlights may overlap without nesting; HTML elements must
// nest, so a highlight is cut into pieces wherever another one starts or
// ends inside it, and at every line end. Only a highlight's first piece
// is its anchor; opened reports the highlights whose first piece was
// written here.
func writeLineText(p *pw, text string, l line, active []*span, first map[int]bool, open opener) (opened []*span) {
	// Boundaries: the line's ends and every highlight end inside it.
	cuts := []int{l.start, l.end}
	for _, h := range active {
		if h.start > l.start && h.start < l.end {
			cuts = append(cuts, h.start)
		}
		if h.end > l.start && h.end < l.end {
			cuts = append(cuts, h.end)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var stack []*span
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		var want []*span
		for _, h := range active {
			if h.start <= a && h.end >= b && len(want) < maxDepth {
				want = append(want, h)
			}
		}
		// active is in nesting order (start, then the longer first), and
		// so is want: keep the common prefix open, close the rest.
		keep := 0
		for keep < len(stack) && keep < len(want) && stack[keep] == want[keep] {
			keep++
		}
		for range len(stack) - keep {
			p.s("</mark>")
		}
		stack = stack[:keep]
		for _, h := range want[keep:] {
			isFirst := !first[h.id()]
			if isFirst {
				first[h.id()] = true
				opened = append(opened, h)
			}
			open(p, h, isFirst)
			stack = append(stack, h)
		}
		p.e(text[a:b])
	}
	for range stack {
		p.s("</mark>")
	}
	return opened
}

// spans groups a document's highlights by the text they quote, each kept
// inside the text and at least one byte long, in nesting order: by
// start, the longer first.
func spans(hs []highlight, n int) []*span {
	byRange := map[[2]int]*span{}
	var out []*span
	for _, h := range hs {
		start := min(max(h.start, 0), max(n-1, 0))
		end := min(max(h.end, start+1), n)
		k := [2]int{start, end}
		if s := byRange[k]; s != nil {
			s.entries = append(s.entries, h.entry)
			continue
		}
		s := &span{start: start, end: end, entries: []int{h.entry}}
		byRange[k] = s
		out = append(out, s)
	}
	nestingOrder(out)
	return out
}

// nestingOrder sorts spans so that one that contains another opens
// first: by start, the longer first, then by first entry.
func nestingOrder(ss []*span) {
	slices.SortFunc(ss, func(a, b *span) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.end, a.end); c != 0 {
			return c
		}
		return cmp.Compare(a.id(), b.id())
	})
}
