package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/document"
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
	citationRE = regexp.MustCompile(`\[(?:\d{1,4}|[a-z]|citation needed|clarification needed|when\?|who\?|according to whom\?|note \d+|nb \d+|verification needed)\]`)
	// A heading with the mobile site's edit link glued on: "Former ambassadorsEdit".
	editSuffixRE = regexp.MustCompile(`^(\S.{0,120}?[\p{Ll}\p{N})’'])Edit$`)
	// Desktop: "History[edit]" or "History [edit]"; wikitext: "== History ==".
	bracketEditRE = regexp.MustCompile(`^(.{1,120}?)\s*\[\s*edit\s*\]$`)
	wikiHeadingRE = regexp.MustCompile(`^(={2,6})\s*(.+?)\s*(={2,6})$`)
)

// Clean cleans raw article bytes.
func Clean(raw []byte) *Result {
	b := &builder{m: &document.Map{}}
	res := &Result{Map: b.m}
	off := 0
	if strings.HasPrefix(string(raw[:min(3, len(raw))]), "\uFEFF") {
		off = 3
	}
	blank := true
	for off < len(raw) {
		end, next := lineEnd(raw, off)
		line := raw[off:end]
		lineStart := off
		off = next

		text, heading, drop := classify(strings.TrimRightFunc(string(line), unicode.IsSpace), lineStart, res)
		if drop {
			continue
		}
		start, trimmed := lineStart, text
		if strings.TrimSpace(citationRE.ReplaceAllString(trimmed, "")) == "" {
			blank = true
			continue
		}
		if len(res.Lines) > 0 {
			if blank {
				b.add("\n\n", res.Lines[len(res.Lines)-1].End, false)
			} else {
				b.add("\n", res.Lines[len(res.Lines)-1].End, false)
			}
		}
		ls := b.len()
		b.line(trimmed, start, raw)
		res.Lines = append(res.Lines, Line{Start: ls, End: b.len(), Heading: heading, BlankAbove: blank})
		blank = false
	}
	res.Text = b.sb.String()
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
	if m := editSuffixRE.FindStringSubmatchIndex(line); m != nil && !strings.ContainsAny(line[m[2]:m[3]], ".!?") {
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

func spaceOnly(r rune) rune {
	if unicode.IsSpace(r) {
		return ' '
	}
	return r
}

// builder accumulates clean text with its map to raw offsets.
type builder struct {
	sb strings.Builder
	m  *document.Map
}

func (b *builder) len() int { return b.sb.Len() }

func (b *builder) add(s string, src int, exact bool) {
	b.sb.WriteString(s)
	b.m.Add(src, len(s), exact)
}

// line appends one line: citation markers cut, runs of white space (any
// Unicode space, tabs, NBSP) folded into one space and trimmed, invalid
// UTF-8 replaced by U+FFFD, and NFC applied.
func (b *builder) line(line string, rawOff int, raw []byte) {
	cuts := citationRE.FindAllStringIndex(line, -1)
	pendingSpace := false
	wrote := false
	i := 0
	for i < len(line) {
		if len(cuts) > 0 && i == cuts[0][0] {
			i = cuts[0][1]
			cuts = cuts[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			pendingSpace = true
			i += size
			continue
		}
		if pendingSpace && wrote {
			b.add(" ", rawOff+i-1, false)
		}
		pendingSpace = false
		// Copy a run of ordinary characters in one piece.
		j := i + size
		if r == utf8.RuneError && size == 1 {
			b.add("\uFFFD", rawOff+i, false)
			i = j
			wrote = true
			continue
		}
		for j < len(line) && (len(cuts) == 0 || j < cuts[0][0]) {
			r2, s2 := utf8.DecodeRuneInString(line[j:])
			if unicode.IsSpace(r2) || r2 == '\u200b' || r2 == '\ufeff' || (r2 == utf8.RuneError && s2 == 1) {
				break
			}
			j += s2
		}
		b.chunk(line[i:j], rawOff+i)
		wrote = true
		i = j
	}
}

// chunk appends s (valid UTF-8, no spaces) in NFC, mapping exactly when
// normalization leaves it unchanged.
func (b *builder) chunk(s string, src int) {
	if norm.NFC.IsNormalString(s) {
		b.add(s, src, true)
		return
	}
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		p := it.Pos()
		seg := it.Next()
		b.add(string(seg), src+p, string(seg) == s[p:it.Pos()])
	}
}
