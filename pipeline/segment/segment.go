// Package segment finds the blocks of a cleaned document: headings,
// paragraphs, list items (bullet removed) and fragments, the short
// sentence-less lines that infoboxes and captions leave in a scrape. Each
// block knows the section (heading) it sits under.
//
// Segmenting goes in three steps. Lines that wrap a sentence onto the next
// line (a plain dump filled to 72 or 80 columns) are joined first, so that
// a wrapped paragraph is judged as a whole and not as a row of short lines.
// Each joined unit is then a paragraph, or a fragment when it is short and
// ends with no sentence punctuation. In a document whose scrape marks no
// heading, a short capitalised unit is guessed to be a heading when a
// paragraph follows it; whether a blank line must separate the two follows
// the document's own habit.
package segment

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
)

// bulletRE matches a list bullet at the start of a line: • * - – — · ▪ ◦ ‣
// or a number "1." "1)", followed by a space.
var bulletRE = regexp.MustCompile(`^(?:[•*·▪◦‣●○■-]|–|—|\d{1,3}[.)])\s+`)

// unit is one or more lines of clean text that make one block.
type unit struct {
	kind       document.BlockKind
	start, end int  // in the clean text; start is after the bullet of an item
	lines      int  // how many lines it joins
	blankAbove bool // a blank line (or the start of the text) precedes it
}

// Segment splits clean text into blocks.
func Segment(c *clean.Result) []document.Block {
	text := c.Text
	units := joinLines(c)

	marked := false
	for _, l := range c.Lines {
		if l.Heading {
			marked = true
			break
		}
	}
	if !marked {
		guessHeadings(text, units)
	}

	var blocks []document.Block
	section := ""
	for i, u := range units {
		if u.kind == document.Heading {
			section = strings.TrimSpace(text[u.start:u.end])
		}
		// A paragraph goes on over lines with no blank line between: one
		// sentence a line, or a wrapped paragraph.
		if u.kind == document.Paragraph && !u.blankAbove && i > 0 && units[i-1].kind == document.Paragraph && len(blocks) > 0 {
			b := &blocks[len(blocks)-1]
			b.End = u.end
			b.Text = text[b.Start:b.End]
			continue
		}
		blocks = append(blocks, document.Block{Kind: u.kind, Start: u.start, End: u.end, Text: text[u.start:u.end], Section: section})
	}
	if cap(blocks)-len(blocks) > len(blocks)/8 {
		blocks = slices.Clone(blocks) // a document keeps its blocks for the run: not the room append left
	}
	return blocks
}

// joinLines turns the clean lines into units: marked headings, list items
// and text, joining a line to the one before when that one wraps onto it.
// Text units are then paragraphs or fragments.
func joinLines(c *clean.Result) []unit {
	text := c.Text
	width := wrapWidth(c)
	var units []unit
	for i, l := range c.Lines {
		s := text[l.Start:l.End]
		if n := len(units); n > 0 && i > 0 && !l.BlankAbove && !l.Heading && !bulletRE.MatchString(s) {
			u := &units[n-1]
			prev := c.Lines[i-1]
			if u.kind != document.Heading && wraps(text[prev.Start:prev.End], s, width, u.kind == document.Item) {
				u.end = l.End
				u.lines++
				continue
			}
		}
		u := unit{kind: document.Paragraph, start: l.Start, end: l.End, lines: 1, blankAbove: l.BlankAbove}
		switch {
		case l.Heading:
			u.kind = document.Heading
		case bulletRE.MatchString(s):
			u.start += bulletRE.FindStringIndex(s)[1]
			u.kind = document.Item
		}
		units = append(units, u)
	}
	for i := range units {
		if u := &units[i]; u.kind == document.Paragraph && isFragment(text[u.start:u.end]) {
			u.kind = document.Fragment
		}
	}
	return units
}

// guessHeadings marks as headings the short capitalised units, with a blank
// line above, that a paragraph follows. If the document sets any such unit
// apart from its paragraph by a blank line, that is its habit and every
// heading must be; otherwise (mirror sites) a heading may sit directly on
// its paragraph. The first unit is the document's title, not a section:
// the lead has no section.
func guessHeadings(text string, units []unit) {
	candidate := func(i int) bool {
		u := units[i]
		return i > 0 && u.kind == document.Fragment && u.lines == 1 && u.blankAbove && looksLikeHeading(text[u.start:u.end]) &&
			i+1 < len(units) && units[i+1].kind == document.Paragraph
	}
	blankAfter := false
	for i := range units {
		if candidate(i) && units[i+1].blankAbove {
			blankAfter = true
			break
		}
	}
	for i := range units {
		if candidate(i) && (units[i+1].blankAbove || !blankAfter) {
			units[i].kind = document.Heading
		}
	}
}

// isFragment: short, and not a sentence (no closing punctuation).
func isFragment(s string) bool {
	if utf8.RuneCountInString(s) > 80 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".!?:;\"”)", last)
}

// looksLikeHeading: a few words, capitalised, no sentence punctuation.
func looksLikeHeading(s string) bool {
	if !isFragment(s) || len(strings.Fields(s)) > 8 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

// endsSentence reports whether a line ends with sentence (or clause)
// punctuation, closing quotes and brackets aside.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(`"”’')]`, r) })
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;", last)
}

// continuesWords are the words a line cannot end with unless the sentence
// goes on in the next line: articles, conjunctions, "of" and possessives.
// Prepositions are not among them: a short line may end with one ("Log in").
var continuesWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true,
	"of": true, "than": true, "whose": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "your": true, "my": true,
}

// wraps reports whether line goes on in next: line does not end a sentence,
// and next starts in lower case, or line ends with a comma, a hyphen or a
// word no sentence ends with, or (the document being filled to width
// columns) next's first word would not have fitted on line. A list item
// is not judged by the fill test.
func wraps(line, next string, width int, item bool) bool {
	if endsSentence(line) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if last == ',' || (last == '-' && !strings.HasSuffix(line, " -")) {
		return true
	}
	words := strings.Fields(line)
	if continuesWords[words[len(words)-1]] {
		return true
	}
	if item || width == 0 {
		return false
	}
	n := utf8.RuneCountInString(line)
	fw := strings.Fields(next)[0]
	return n >= width/2 && n+1+utf8.RuneCountInString(fw) > width
}

// wrapWidth estimates the column a plain dump was filled to: the longest
// line that plainly wraps (the next line goes on in lower case). It is 0
// when no line does, and the fill test is then not used.
func wrapWidth(c *clean.Result) int {
	width := 0
	for i := 1; i < len(c.Lines); i++ {
		l, p := c.Lines[i], c.Lines[i-1]
		if l.BlankAbove || l.Heading || p.Heading {
			continue
		}
		line, next := c.Text[p.Start:p.End], c.Text[l.Start:l.End]
		first, _ := utf8.DecodeRuneInString(next)
		if unicode.IsLower(first) && !endsSentence(line) && !bulletRE.MatchString(next) {
			width = max(width, utf8.RuneCountInString(line))
		}
	}
	return width
}
