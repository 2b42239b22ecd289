package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
)

// Line is one non-blank line of clean text, [Start, End) in Result.Text.
// Heading is set when the scrape marked the line as a heading ("Edit" glued
// to it, "[edit]", "== Title ==").
type Line struct {
	Start, End int
	Heading    bool
	BlankAbove bool // a blank line (or the start of the text) precedes it
}

// Removal is a piece of scrape boilerplate taken out of the text.
type Removal struct {
	Raw  int    `json:"raw"` // offset in the raw file
	Text string `json:"text"`
	What string `json:"what"` // menu, edit-link, citation
}

// Result is a cleaned document.
type Result struct {
	Text    string
	Map     *document.Map
	Lines   []Line
	Removed []Removal
}

// menuLines are whole lines that scrapes of these sites carry and that are
// never part of an article. Compared after trimming, case-insensitively.
var menuLines = map[string]bool{
	"open main menu": true, "main menu": true, "navigation": true, "search": true,
	"jump to navigation": true, "jump to search": true, "jump to content": true,
	"from wikipedia, the free encyclopedia": true, "toggle the table of contents": true,
	"read in another language": true, "watch": true, "edit": true, "[edit]": true,
	"download pdf": true, "printable version": true, "move to sidebar": true, "hide": true,
	"languages": true, "tools": true, "view history": true, "talk": true, "article": true,
}

var (
	// Citation markers: [1], [12], [a], [citation needed], [note 3], [nb 1].
	// Whole lines of site chrome that mirrors and desktop scrapes carry:
	// share buttons, cookie banners, reference and category lines, photo
	// credits, page footers. Never part of an article's sentences.
	chromeRE   = prefilter.MustCompile(`(?i)^(?:share (?:on|this|via)\b.*|tweet|e-?mail|print|subscribe\b.*|log ?in|sign (?:in|up)\b.*|read more|advertisement|related (?:articles|stories|posts|links)|skip to (?:main )?content|cite this page|.*\bwe use cookies\b.*|accept (?:all )?cookies.*|this page was last edited.*|categories?: .*|\^ .*|retrieved \d.*|archived from the original.*|(?:photo|image|picture)(?: credit)?: .*)$`)
	citationRE = prefilter.MustCompile(`\[(?:\d{1,4}|[a-z]|citation needed|clarification needed|when\?|who\?|according to whom\?|note \d+|nb \d+|verification needed)\]` +
		// Wikitext link markup, cut so that the link's text stays:
		// "[[Lae]]" is "Lae", "[[Lowy Institute|Lowy]]" is "Lowy"; and
		// bold markup, "'''Kenya'''".
		`|\[\[(?:[^\[\]|\n]{1,80}\|)?|\]\]|'''`)
	// A heading with the mobile site's edit link glued on: "Former ambassadorsEdit".
	editSuffixRE = prefilter.MustCompile(`^(\S.{0,120}?[\p{Ll}\p{N})’'.])Edit$`)
	// Words with a dot that a heading may hold: initials ("U.S.", "e.g."),
	// a short capitalized abbreviation ("St.", "Gen.", "Corp."), a decimal.
	abbrevRE = prefilter.MustCompile(`^[(“"‘']?(?:(?:\p{L}\.)+|\p{Lu}?\p{Ll}{1,3}\.|\p{N}+(?:\.\p{N}+)+)[)”"’',]?$`)
	// Initials, the only dotted word a heading may end with.
	initialsRE = prefilter.MustCompile(`^(?:\p{L}\.){2,}$`)
	// Desktop: "History[edit]" or "History [edit]"; wikitext: "== History ==".
	bracketEditRE = prefilter.MustCompile(`^(.{1,120}?)\s*\[\s*edit\s*\]$`)
	wikiHeadingRE = prefilter.MustCompile(`^(={2,6})\s*(.+?)\s*(={2,6})$`)
)

// Clean cleans raw article bytes.
//
// Every byte of the clean text maps back to the raw bytes it comes from
// (Result.Map), in order: the "\n" or "\n\n" between two lines maps to the
// raw line break after the first of them, and stands for everything up to
// the raw line that holds the second.
func Clean(raw []byte) *Result {
	b := &builder{m: &document.Map{}}
	b.sb.Grow(len(raw)) // the clean text is seldom longer than the raw
	res := &Result{Map: b.m}
	off := 0
	if strings.HasPrefix(string(raw[:min(3, len(raw))]), "\uFEFF") {
		off = 3
	}
	blank := true
	prevBreak := 0 // raw offset of the line break after the last line kept
	var words []word
	for off < len(raw) {
		end, next := lineEnd(raw, off)
		line := raw[off:end]
		lineStart := off
		off = next

		text, heading, drop := classify(strings.TrimRightFunc(string(line), unicode.IsSpace), lineStart, res)
		if drop {
			continue
		}
		words = b.words.split(text, lineStart)
		if len(words) == 0 {
			// Only white space, zero-width characters and citation markers.
			blank = true
			continue
		}
		if len(res.Lines) > 0 {
			sep := "\n"
			if blank {
				sep = "\n\n"
			}
			b.replace(sep, prevBreak, lineStart-prevBreak)
		}
		ls := b.len()
		for k, w := range words {
			if k > 0 {
				b.replace(" ", w.gap, w.gapN)
			}
			b.word(w.pieces)
		}
		res.Lines = append(res.Lines, Line{Start: ls, End: b.len(), Heading: heading, BlankAbove: blank})
		blank = false
		prevBreak = end
	}
	res.Text = b.sb.String()
	if b.sb.Cap()-b.sb.Len() > b.sb.Len()/8 {
		// Documents are many and kept: not the room of what was cut.
		res.Text = strings.Clone(res.Text)
	}
	b.m.Trim()
	return res
}

// lineEnd finds the end of the line at off and the start of the next one.
func lineEnd(raw []byte, off int) (end, next int) {
	for i := off; i < len(raw); i++ {
		switch raw[i] {
		case '\n':
			return i, i + 1
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		}
	}
	return len(raw), len(raw)
}

// classify decides what a raw line is. It returns the line with heading
// markers removed (same byte positions for what is kept: markers are only
// ever cut from the end or replaced by spaces), whether it is a heading, and
// whether the whole line is boilerplate.
func classify(line string, rawOff int, res *Result) (string, bool, bool) {
	t := strings.TrimSpace(strings.Map(spaceOnly, line))
	if menuLines[strings.ToLower(t)] {
		res.Removed = append(res.Removed, Removal{Raw: rawOff, Text: t, What: "menu"})
		return "", false, true
	}
	if len(t) < 400 && chromeRE.MatchString(t) {
		res.Removed = append(res.Removed, Removal{Raw: rawOff, Text: t, What: "chrome"})
		return "", false, true
	}
	if m := editSuffixRE.FindStringSubmatchIndex(line); m != nil && editHeading(line[m[2]:m[3]]) {
		res.Removed = append(res.Removed, Removal{Raw: rawOff + m[3], Text: "Edit", What: "edit-link"})
		return line[:m[3]], true, false
	}
	if m := bracketEditRE.FindStringSubmatchIndex(line); m != nil {
		res.Removed = append(res.Removed, Removal{Raw: rawOff + m[3], Text: line[m[3]:], What: "edit-link"})
		return line[:m[3]], true, false
	}
	if m := wikiHeadingRE.FindStringSubmatchIndex(line); m != nil && m[3]-m[2] == m[7]-m[6] {
		// Keep byte positions: blank the markers out.
		return strings.Repeat(" ", m[4]) + line[m[4]:m[5]] + strings.Repeat(" ", len(line)-m[5]), true, false
	}
	return line, false, false
}

// maxDottedHeadingWords is the most words a heading with dots in it may
// have ("U.S. assistance", "Relations with the U.K.").
const maxDottedHeadingWords = 8

// editHeading reports whether h, the text before a glued "Edit", reads as a
// heading rather than a sentence: no "!" or "?", and any dot belongs to an
// abbreviation in a short heading, not to the end of a sentence.
func editHeading(h string) bool {
	if strings.ContainsAny(h, "!?") {
		return false
	}
	if !strings.Contains(h, ".") {
		return true
	}
	words := strings.Fields(h)
	if len(words) > maxDottedHeadingWords {
		return false
	}
	for _, w := range words {
		for _, part := range strings.FieldsFunc(w, isWordDash) {
			if strings.Contains(part, ".") && !abbrevRE.MatchString(part) {
				return false
			}
		}
	}
	if strings.HasSuffix(h, ".") {
		parts := strings.FieldsFunc(words[len(words)-1], isWordDash)
		return len(parts) > 0 && initialsRE.MatchString(parts[len(parts)-1])
	}
	return true
}

func isWordDash(r rune) bool {
	switch r {
	case '-', '–', '—', '/':
		return true
	}
	return false
}

func spaceOnly(r rune) rune {
	if unicode.IsSpace(r) {
		return ' '
	}
	return r
}

// isSpace reports whether r separates words: Unicode white space (tabs,
// NBSP, em spaces), and the zero-width space and BOM that scrapes leave in
// text.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// piece is a stretch of a word as it is written to the clean text, with the
// raw bytes it comes from: copied (exact), or U+FFFD for an invalid byte.
type piece struct {
	text       string
	raw, rawN  int
	exact      bool
	start, end int // offsets in the word's joined text
}

// word is what a line holds between white space: pieces of text with
// citation markers cut from between them, and the raw white space run
// (gap, gapN bytes) before it.
type word struct {
	pieces    []piece
	gap, gapN int
}

// splitter cuts lines into words, in room it keeps from line to line: the
// words of a line are used before the next line is cut.
type splitter struct {
	ws     []word
	pieces []piece
}

// split cuts a line (at raw offset rawOff) into words: citation markers
// are cut, white space separates words, invalid UTF-8 becomes U+FFFD. A
// line with no word is blank. The words are good until the next call.
func (sp *splitter) split(line string, rawOff int) []word {
	cuts := citationRE.FindAllStringIndex(line, -1)
	words, pieces := sp.ws[:0], sp.pieces[:0]
	defer func() { sp.ws, sp.pieces = words, pieces }()
	first := 0 // where the pieces of the word being read start
	gap := -1  // offset in line of the white space run before the next word
	endWord := func(i int) {
		if len(pieces) > first {
			words[len(words)-1].pieces = pieces[first:len(pieces):len(pieces)]
			first = len(pieces)
			gap = i
		}
	}
	for i := 0; i < len(line); {
		if len(cuts) > 0 && i == cuts[0][0] {
			i = cuts[0][1]
			cuts = cuts[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if isSpace(r) {
			endWord(i)
			i += size
			continue
		}
		if len(pieces) == first {
			w := word{}
			if gap >= 0 {
				w.gap, w.gapN = rawOff+gap, i-gap
			}
			words = append(words, w)
		}
		if r == utf8.RuneError && size == 1 {
			pieces = append(pieces, piece{text: "\uFFFD", raw: rawOff + i, rawN: 1})
			i++
			continue
		}
		// A run of ordinary characters in one piece.
		j := i + size
		for j < len(line) && (len(cuts) == 0 || j < cuts[0][0]) {
			r2, s2 := utf8.DecodeRuneInString(line[j:])
			if isSpace(r2) || (r2 == utf8.RuneError && s2 == 1) {
				break
			}
			j += s2
		}
		pieces = append(pieces, piece{text: line[i:j], raw: rawOff + i, rawN: j - i, exact: true})
		i = j
	}
	endWord(len(line))
	return words
}

// builder accumulates clean text with its map to raw offsets.
type builder struct {
	sb    strings.Builder
	m     *document.Map
	words splitter
}

func (b *builder) len() int { return b.sb.Len() }

// replace appends s standing for the n raw bytes at src.
func (b *builder) replace(s string, src, n int) {
	b.sb.WriteString(s)
	b.m.Replace(src, n, len(s))
}

// word appends one word in NFC. Its pieces are joined before normalizing,
// so a combining mark after a cut citation marker composes with the letter
// before it. What NFC leaves unchanged maps exactly; what it changes maps
// as one replacement of the raw bytes it came from.
func (b *builder) word(pieces []piece) {
	var w string
	if len(pieces) == 1 {
		w = pieces[0].text
		pieces[0].start, pieces[0].end = 0, len(w)
	} else {
		var joined strings.Builder
		for k := range pieces {
			pieces[k].start = joined.Len()
			joined.WriteString(pieces[k].text)
			pieces[k].end = joined.Len()
		}
		w = joined.String()
	}
	if norm.NFC.IsNormalString(w) {
		b.copy(pieces, 0, len(w))
		return
	}
	var it norm.Iter
	it.InitString(norm.NFC, w)
	for !it.Done() {
		p := it.Pos()
		seg := string(it.Next())
		q := it.Pos()
		k := commonPrefix(seg, w[p:q])
		b.copy(pieces, p, p+k)
		if p+k < q {
			src := rawAt(pieces, p+k)
			b.replace(seg[k:], src, rawEndAt(pieces, q)-src)
		}
	}
}

// copy appends bytes [lo, hi) of the joined pieces as they are.
func (b *builder) copy(pieces []piece, lo, hi int) {
	for _, p := range pieces {
		a, z := max(lo, p.start), min(hi, p.end)
		if a >= z {
			continue
		}
		if p.exact {
			b.sb.WriteString(p.text[a-p.start : z-p.start])
			b.m.Add(p.raw+a-p.start, z-a, true)
		} else {
			b.replace(p.text[a-p.start:z-p.start], p.raw, p.rawN)
		}
	}
}

// rawAt is the raw offset of byte j of the joined pieces.
func rawAt(pieces []piece, j int) int {
	for _, p := range pieces {
		if j < p.end {
			if p.exact {
				return p.raw + j - p.start
			}
			return p.raw
		}
	}
	last := pieces[len(pieces)-1]
	return last.raw + last.rawN
}

// rawEndAt is the raw offset just past the source of byte j-1 of the joined
// pieces.
func rawEndAt(pieces []piece, j int) int {
	for _, p := range pieces {
		if j <= p.end {
			if p.exact {
				return p.raw + j - p.start
			}
			return p.raw + p.rawN
		}
	}
	last := pieces[len(pieces)-1]
	return last.raw + last.rawN
}
