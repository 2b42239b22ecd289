package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/issue"
)

func docIssue(d *document.Document, off int, sev issue.Severity, code, msg string) issue.Issue {
	p := d.Pos(off)
	return issue.Issue{Severity: sev, Code: code, Message: msg, File: d.Path, Line: p.Line, Column: p.Col, Record: d.ID}
}

var (
	// Site chrome the cleaner does not remove because it may stand inside a
	// real sentence; left alone on a line, it is damage.
	boilerplateRE = prefilter.MustCompile(`(?i)^(?:share (?:on|this|via)\b.*|tweet|email|print|subscribe\b.*|sign (?:in|up)\b.*|log ?in|advertisement|skip to (?:main )?content|jump to (?:navigation|search|content)|accept (?:all )?cookies.*|.*\bwe use cookies\b.*|read more|related (?:articles|stories|posts)|retrieved \d.*|archived from the original.*|\^ .*|categories?:.*|this page was last edited.*|cite this page|.*edit$)$`)
	// Mojibake: UTF-8 read as Latin-1/Windows-1252 and written back as UTF-8,
	// and the replacement character that a failed decode leaves.
	mojibakeRE = prefilter.MustCompile(`Ã[\x{0080}-\x{00BF}¡-¿]|â€[™œ\x{009D}“”˜¦¢]|â€“|â€”|Â[\x{00A0}-\x{00BF}]|\x{FFFD}`)
)

// Text reports damage left in a cleaned document: boilerplate lines
// (text.boilerplate), mojibake and replacement characters (text.mojibake),
// control characters (text.control). Each kind is reported once per line,
// and at most ten times per document, with a count after that.
func Text(d *document.Document) []issue.Issue {
	var out []issue.Issue
	count := map[string]int{}
	add := func(off int, code, msg string) {
		count[code]++
		if count[code] <= 10 {
			out = append(out, docIssue(d, off, issue.Warning, code, msg))
		}
	}
	text := d.Text
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if t := strings.TrimSpace(line); t != "" && len(t) < 200 && boilerplateRE.MatchString(t) {
			add(start, "text.boilerplate", fmt.Sprintf("scrape boilerplate left in the text: %q", shorten(t, 60)))
		}
		if loc := mojibake(line); loc != nil {
			add(start+loc[0], "text.mojibake", fmt.Sprintf("mis-decoded text %q (UTF-8 read as another encoding, or a lost character)", line[loc[0]:loc[1]]))
		}
		if i := strings.IndexFunc(line, isControl); i >= 0 {
			add(start+i, "text.control", fmt.Sprintf("control character %U in the text", []rune(line[i:])[0]))
		}
		start = end + 1
	}
	for code, n := range count {
		if n > 10 {
			out = append(out, docIssue(d, 0, issue.Warning, code, fmt.Sprintf("%d more lines with %s not listed", n-10, code)))
		}
	}
	return out
}

// mojibake is mojibakeRE.FindStringIndex(line), not tried on a line
// without the bytes its matches start with: 0xC3 (Ã, Â, â) or U+FFFD,
// which an invalid byte matches too.
func mojibake(line string) []int {
	if strings.IndexByte(line, 0xC3) < 0 && !strings.Contains(line, "\uFFFD") && utf8.ValidString(line) {
		return nil
	}
	return mojibakeRE.FindStringIndex(line)
}

func isControl(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || r == '\u2028' || r == '\u2029'
}

// Sections reports headings with nothing under them (section.empty, info):
// a scrape often drops a section's content, and an analyst should know the
// article says less than its outline promises.
func Sections(d *document.Document) []issue.Issue {
	var out []issue.Issue
	for i, b := range d.Blocks {
		if b.Kind != document.Heading {
			continue
		}
		if i+1 == len(d.Blocks) || d.Blocks[i+1].Kind == document.Heading {
			out = append(out, docIssue(d, b.Start, issue.Info, "section.empty", fmt.Sprintf("section %q has no text", b.Text)))
		}
	}
	return out
}

var (
	announceRE = prefilter.MustCompile(`(?i)(?:\b(?:include|includes|included|including|are|were|is|follows|following|listed|below)\b\s*:|:)\s*$`)
)

// Lists checks announced lists: a sentence ending in a colon that
// announces a list ("... include:", "are included:") must be followed by
// list items (list.empty), and a count it states ("eighteen ambassadors")
// must match the items that follow (count.mismatch). Both are warnings: the
// scrape may have lost the list, which is worth knowing, not fatal.
func Lists(d *document.Document) []issue.Issue {
	var out []issue.Issue
	for i, b := range d.Blocks {
		if b.Kind != document.Paragraph || !announceRE.MatchString(b.Text) {
			continue
		}
		sentence := lastSentence(b.Text)
		items := 0
		for j := i + 1; j < len(d.Blocks) && d.Blocks[j].Kind == document.Item; j++ {
			items++
		}
		n, noun, stated := statedCount(sentence)
		switch {
		case items == 0 && stated:
			out = append(out, docIssue(d, b.Start, issue.Warning, "list.empty",
				fmt.Sprintf("%q announces %s (%d), but none are listed", shorten(sentence, 80), noun, n)))
		case items == 0:
			out = append(out, docIssue(d, b.Start, issue.Warning, "list.empty",
				fmt.Sprintf("%q announces a list, but no item follows", shorten(sentence, 80))))
		case stated && n != items:
			out = append(out, docIssue(d, b.Start, issue.Warning, "count.mismatch",
				fmt.Sprintf("%q states %s (%d), but %d are listed", shorten(sentence, 80), noun, n, items)))
		}
	}
	return out
}

// lastSentence returns the last sentence of a paragraph. A period after an
// abbreviation ("U.S.", "Dr.") does not end a sentence.
func lastSentence(p string) string {
	p = strings.TrimSpace(p)
	for i := len(p) - 2; i > 0; i-- {
		if p[i] != ' ' || !strings.ContainsRune(".!?", rune(p[i-1])) {
			continue
		}
		word := p[strings.LastIndexByte(p[:i], ' ')+1 : i]
		if abbreviationRE.MatchString(word) {
			continue
		}
		return p[i+1:]
	}
	return p
}

var abbreviationRE = prefilter.MustCompile(`^(?:(?:[A-Za-z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|Gen\.|Col\.|Lt\.|No\.|Sgt\.|Capt\.|Maj\.|Amb\.|Hon\.|Jr\.|Sr\.|vs\.|etc\.|Sept?\.|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Oct\.|Nov\.|Dec\.)$`)

// statedCount finds "eighteen U.S. Ambassadors" or "12 consulates" in a
// sentence: a number (not a year) and, within the next few words, the
// plural noun it counts.
func statedCount(s string) (int, string, bool) {
	words := strings.Fields(s)
	for i, w := range words {
		w = strings.Trim(w, ",;:()")
		n, ok := wordNumber(w)
		if !ok {
			if v, err := atoi(w); err == nil && v < 1000 {
				n, ok = v, true
			}
		}
		if !ok || n < 2 {
			continue
		}
		for _, next := range words[i+1 : min(len(words), i+6)] {
			next = strings.Trim(next, ",;:().")
			if len(next) > 3 && strings.HasSuffix(next, "s") && !strings.HasSuffix(next, "ss") && next != "States" && next != "Nations" {
				return n, w + " " + strings.ToLower(next), true
			}
		}
	}
	return 0, "", false
}

func atoi(s string) (int, error) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not a number")
		}
		n = n*10 + int(r-'0')
	}
	return n, nil
}
