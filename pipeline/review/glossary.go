package review

import (
	"regexp"
	"strings"

	"dossier/docs"
	"dossier/pipeline/issue"
)

// The page explains its issue codes inline, with the sections of
// docs/checks.md (embedded in the binary), rather than linking to the
// file: a link relative to out/ would break as soon as the page is copied
// or out/ is elsewhere (--out), and dossier has no public address to link
// to; inline, the explanation opens wherever the page does, offline.

// section is one entry of docs/checks.md: a heading naming one or more
// codes, and its text.
type section struct {
	heading string   // the heading's text: "`percent.sum` (error; info within rounding)"
	codes   []string // the codes it names
	body    []string // its lines
}

var codeInHeading = regexp.MustCompile("`([^`]+)`")

// glossary parses docs/checks.md into its sections by code.
func glossary() map[string]*section {
	out := map[string]*section{}
	var cur *section
	for _, line := range strings.Split(docs.Checks(), "\n") {
		switch {
		case strings.HasPrefix(line, "### "):
			cur = &section{heading: strings.TrimPrefix(line, "### ")}
			for _, m := range codeInHeading.FindAllStringSubmatch(cur.heading, -1) {
				cur.codes = append(cur.codes, m[1])
				out[m[1]] = cur
			}
		case strings.HasPrefix(line, "#"):
			cur = nil
		case cur != nil:
			cur.body = append(cur.body, line)
		}
	}
	return out
}

// codeEntry is the glossary entry of a code: the code itself, or the
// family (schema.*) it belongs to.
func codeEntry(code string) string {
	if c, ok := issue.LookupCode(code); ok {
		return c.Code
	}
	return code
}

// codeAnchor is the id of a glossary entry: letters, digits, ".", "_"
// and "-" only, as a code from a schema (rule.<id>) may hold anything.
func codeAnchor(entry string) string {
	return "code-" + strings.Map(func(r rune) rune {
		switch {
		case r == '*':
			return -1
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, strings.ReplaceAll(entry, "*", "all"))
}

var (
	inlineCode = regexp.MustCompile("`([^`]*)`")
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdBold     = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

// writeMarkdown writes the little Markdown of docs/checks.md: paragraphs,
// lists, code spans and bold; links keep their text only (the page links
// nowhere outside itself).
func writeMarkdown(p *pw, lines []string) {
	var para []string
	inList := false
	flush := func() {
		if len(para) > 0 {
			p.s("<p>", inlineMarkdown(strings.Join(para, " ")), "</p>\n")
			para = nil
		}
	}
	endList := func() {
		if inList {
			p.s("</ul>\n")
			inList = false
		}
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
			endList()
		case strings.HasPrefix(t, "- "):
			flush()
			if !inList {
				p.s("<ul>\n")
				inList = true
			}
			p.s("<li>", inlineMarkdown(strings.TrimPrefix(t, "- ")), "</li>\n")
		case strings.HasPrefix(t, "`") && strings.HasSuffix(t, "`") && strings.Count(t, "`") == 2:
			// An example diagnostic on its own line.
			flush()
			endList()
			p.s(`<pre class="example">`, esc(strings.Trim(t, "`")), "</pre>\n")
		case inList && strings.HasPrefix(l, "  "):
			p.s(" ", inlineMarkdown(t))
		default:
			endList()
			para = append(para, t)
		}
	}
	flush()
	endList()
}

func inlineMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	// Escape first, then mark up: the replacements only add tags.
	s = esc(s)
	s = inlineCode.ReplaceAllString(s, "<code>$1</code>")
	return mdBold.ReplaceAllString(s, "<strong>$1</strong>")
}
