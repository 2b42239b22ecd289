// Package segment finds the blocks of a cleaned document: headings,
// paragraphs, list items (bullet removed) and fragments, the short
// sentence-less lines that infoboxes and captions leave in a scrape. Each
// block knows the section (heading) it sits under.
package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
)

// bulletRE matches a list bullet at the start of a line: • * - – — · ▪ ◦ ‣
// or a number "1." "1)", followed by a space.
var bulletRE = regexp.MustCompile(`^(?:[•*·▪◦‣●○■-]|–|—|\d{1,3}[.)])\s+`)

// Segment splits clean text into blocks.
func Segment(c *clean.Result) []document.Block {
	text := c.Text
	marked := false
	for _, l := range c.Lines {
		if l.Heading {
			marked = true
			break
		}
	}
	var blocks []document.Block
	section := ""
	for i, l := range c.Lines {
		s := text[l.Start:l.End]
		kind := document.Paragraph
		start := l.Start
		switch {
		case l.Heading:
			kind = document.Heading
		case bulletRE.MatchString(s):
			loc := bulletRE.FindStringIndex(s)
			start += loc[1]
			kind = document.Item
		case !marked && looksLikeHeading(s) && l.BlankAbove && nextIsParagraph(c, i):
			kind = document.Heading
		case isFragment(s):
			kind = document.Fragment
		}
		if kind == document.Heading {
			section = strings.TrimSpace(s)
		}
		// A paragraph wrapped over several lines is one block.
		if kind == document.Paragraph && !l.BlankAbove && len(blocks) > 0 && blocks[len(blocks)-1].Kind == document.Paragraph {
			b := &blocks[len(blocks)-1]
			b.End = l.End
			b.Text = text[b.Start:b.End]
			continue
		}
		blocks = append(blocks, document.Block{Kind: kind, Start: start, End: l.End, Text: text[start:l.End], Section: section})
	}
	return blocks
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

func nextIsParagraph(c *clean.Result, i int) bool {
	if i+1 >= len(c.Lines) {
		return false
	}
	n := c.Lines[i+1]
	s := c.Text[n.Start:n.End]
	return n.BlankAbove && !isFragment(s)
}
