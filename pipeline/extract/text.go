package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
	"dossier/pipeline/segment"
)

// Context gives a rule the document and its country pair, with the text
// cut into the pieces the rules read: blocks with boilerplate marked,
// units (a paragraph joined back across wrapped lines, or one list item)
// and sentences. Build one with NewContext; it is not safe for concurrent
// use, but contexts of different documents share nothing.
type Context struct {
	Doc  *document.Document
	Pair [2]string

	blocks []document.Block
	skip   []bool // per block: boilerplate, reference list, contents, link list
	units  []unit
	sents  []sentence
	// sentDates are the dates of each sentence, found on first use.
	sentDates [][]dateMatch
	// classified caches the event type of a clause.
	classified map[[2]int]classified
	shares     map[[2]int][]pollShare // the shares of each sentence, by its span
	clauses    []clause               // the clauses of the sentence at clausesFor
	clausesFor [2]int

	countries map[string]string // phrase -> ISO3, "" when not a country

	missionsDone  bool
	missions      []missionHit
	eventsDone    bool
	events        []eventHit
	officialsDone bool
	officials     []*officialHit // per block
	servingDone   bool
	serving0      string // defaultServing, once
	missionPage   string // the sending country of a page about one mission
}

// unit is a run of text read as one: a paragraph (several blocks when a
// plain dump wrapped it), a fragment, or a list item.
type unit struct {
	start, end  int
	first, last int // block indices
	kind        document.BlockKind
}

// sentence is a sentence of a unit; terminal says it ends with . ! or ?.
type sentence struct {
	start, end int
	unit       int
	terminal   bool
}

// NewContext prepares doc for the rules, with pair as its countries. When
// doc has no blocks they are found from its text.
func NewContext(doc *document.Document, pair [2]string) *Context {
	c := &Context{Doc: doc, Pair: pair, countries: map[string]string{}}
	c.blocks = docBlocks(doc)
	c.missionPage = missionPageOf(doc, c.blocks, pair)
	c.markSkipped()
	c.buildUnits()
	c.buildSentences()
	return c
}

// docBlocks returns doc.Blocks, or segments doc.Text line by line when the
// document was not segmented. Blocks that do not lie inside the text are
// dropped.
func docBlocks(doc *document.Document) []document.Block {
	if len(doc.Blocks) > 0 {
		var out []document.Block
		for _, b := range doc.Blocks {
			if b.Start < 0 || b.End > len(doc.Text) || b.Start > b.End {
				continue
			}
			b.Text = doc.Text[b.Start:b.End]
			for _, l := range splitLines(b) {
				out = append(out, splitCells(doc.Text, l)...)
			}
		}
		return out
	}
	if doc.Text == "" {
		return nil
	}
	res := &clean.Result{Text: doc.Text}
	blank := true
	off := 0
	for off <= len(doc.Text) {
		nl := strings.IndexByte(doc.Text[off:], '\n')
		end := len(doc.Text)
		if nl >= 0 {
			end = off + nl
		}
		s, e := off, end
		for s < e && isSpaceByte(doc.Text[s]) {
			s++
		}
		for e > s && isSpaceByte(doc.Text[e-1]) {
			e--
		}
		if s == e {
			blank = true
		} else {
			res.Lines = append(res.Lines, clean.Line{Start: s, End: e, BlankAbove: blank})
			blank = false
		}
		if nl < 0 {
			break
		}
		off = end + 1
	}
	var out []document.Block
	for _, b := range segment.Segment(res) {
		for _, l := range splitLines(b) {
			out = append(out, splitCells(doc.Text, l)...)
		}
	}
	return out
}

var (
	// cellSepRE separates the cells of a table row a scrape kept: a pipe
	// or a tab.
	cellSepRE = prefilter.MustCompile(`\s*\|\s*|\t+`)
	// glueRE finds a title or a mission glued to the word before it, as
	// scrapes of infoboxes write them: "Xie FengAmbassador Nicholas Burns",
	// "Washington, D.C.Embassy of", "EnvoyAmbassador".
	glueRE = prefilter.MustCompile(`[\p{Ll}.)](Ambassadors?\b|Charg[ée]e?s? d|High Commission|Embassy|Consulate|Envoy\b|Permanent Representative)`)
	// repeatTitleRE finds the second of two titles or missions written
	// side by side with a space: "Ambassador A Ambassador B".
	repeatTitleRE = prefilter.MustCompile(`\s(Ambassador\s|Charg[ée]e? d['’]|High Commissioner\s|(?:The\s+)?Embassy of\s|High Commission of\s|Consulate(?:[- ]General)? of\s)`)
	// infoboxLabelRE is the label of an infobox row of envoys or missions
	// before its values on the same line: "Envoy Ambassador A".
	infoboxLabelRE = prefilter.MustCompile(`^(?:Envoys?|Diplomatic missions?|Missions?)\s+`)
)

// splitCells cuts a line of an infobox or table that a scrape flattened
// into its cells: at pipes and tabs, where a title or a mission is glued
// to the word before it, and before the second title of a row of two
// ("Ambassador A Ambassador B"). Cells keep their place in the text; a
// line that ends a sentence is left whole.
func splitCells(text string, b document.Block) []document.Block {
	if b.Kind == document.Heading || b.End-b.Start > 240 || endsSentence(b.Text) && b.Kind == document.Paragraph {
		return []document.Block{b}
	}
	cuts := map[int]bool{}
	for _, m := range cellSepRE.FindAllStringIndex(b.Text, -1) {
		cuts[m[0]], cuts[m[1]] = true, true
	}
	for _, m := range glueRE.FindAllStringSubmatchIndex(b.Text, -1) {
		cuts[m[2]] = true
	}
	// Two names glued at a seam: "Rosa Quispe HuamánTomás Ortega Ruiz" is
	// two cells when both sides read as two or more capitalized words.
	if b.Kind != document.Paragraph && !strings.ContainsAny(b.Text, ".,;:") {
		if k := nameSeam(b.Text); k > 0 {
			cuts[k] = true
		}
	}
	// A row of titles or missions side by side: the line (after its
	// label) starts with one, and each later one starts a cell.
	head := 0
	if loc := infoboxLabelRE.FindStringIndex(b.Text); loc != nil {
		head = loc[1]
	}
	if m := repeatTitleRE.FindStringIndex(" " + b.Text[head:]); m != nil && m[0] == 0 && strings.Count(b.Text, " ") < 14 {
		if head > 0 {
			cuts[head] = true
		}
		for _, m := range repeatTitleRE.FindAllStringSubmatchIndex(b.Text[head:], -1) {
			if m[2] > 0 {
				cuts[head+m[2]] = true
			}
		}
	}
	if len(cuts) == 0 {
		return []document.Block{b}
	}
	at := make([]int, 0, len(cuts)+2)
	for k := range cuts {
		if k > 0 && k < len(b.Text) {
			at = append(at, k)
		}
	}
	at = append(at, 0, len(b.Text))
	slices.Sort(at)
	var out []document.Block
	for i := 0; i+1 < len(at); i++ {
		s, e := b.Start+at[i], b.Start+at[i+1]
		for s < e && (isSpaceByte(text[s]) || text[s] == '|') {
			s++
		}
		for e > s && (isSpaceByte(text[e-1]) || text[e-1] == '|') {
			e--
		}
		if s == e {
			continue
		}
		kind := b.Kind
		if kind == document.Paragraph {
			kind = document.Fragment
		}
		out = append(out, document.Block{Kind: kind, Start: s, End: e, Text: text[s:e], Section: b.Section})
	}
	if len(out) == 0 {
		return []document.Block{b}
	}
	return out
}

// splitLines cuts a paragraph block that spans several lines into one
// block per line, a line being a fragment when it is short and ends
// without punctuation. The segmenter joins consecutive lines that end with
// ")" into the paragraph above ("Chinese ambassadors to Ghana:\nWang Lixin
// (1960–1966)\n..."); buildUnits joins wrapped lines back.
func splitLines(b document.Block) []document.Block {
	if b.Kind != document.Paragraph || !strings.Contains(b.Text, "\n") {
		return []document.Block{b}
	}
	var out []document.Block
	off := b.Start
	for _, line := range strings.SplitAfter(b.Text, "\n") {
		l := strings.TrimRight(line, "\n")
		start, end := off, off+len(l)
		off += len(line)
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		start += strings.Index(l, t)
		end = start + len(t)
		kind := document.Paragraph
		last, _ := utf8.DecodeLastRuneInString(t)
		if utf8.RuneCountInString(t) <= 80 && !strings.ContainsRune(".!?:;", last) {
			kind = document.Fragment
		}
		out = append(out, document.Block{Kind: kind, Start: start, End: end, Text: t, Section: b.Section})
	}
	return out
}

// zoneNames are headings of parts of a page that state no facts of the
// article: reference lists, link lists, contents, related headlines.
var zoneNames = map[string]bool{
	"references": true, "notes": true, "footnotes": true, "citations": true, "sources": true,
	"bibliography": true, "further reading": true, "external links": true, "see also": true,
	"related articles": true, "related": true, "related stories": true, "related content": true,
	"more stories": true, "read more": true, "read next": true, "categories": true, "comments": true,
	"navigation menu": true, "share this article": true, "popular": true, "most read": true,
	"trending": true, "you may also like": true, "recommended": true, "notes and references": true,
	"references and notes": true, "works cited": true, "links": true,
}

// contentsNames start a table of contents, which ends at the next blank line.
var contentsNames = map[string]bool{"contents": true, "table of contents": true, "in this article": true, "on this page": true,
	"contents hide": true, "contents [hide]": true, "contents (hide)": true, "contents show": true}

var (
	citedRE    = prefilter.MustCompile(`(?i)\bretrieved\s+(?:from\b|on\b|\d|(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)|\barchived\s+from\b|\bisbn\b|\bdoi:`)
	creditRE   = prefilter.MustCompile(`(?i)^(?:photo(?:graph)?|image|picture|credits?|caption|courtesy|illustration)(?:\s+(?:by|credit))?\s*:`)
	chromeRE   = prefilter.MustCompile(`(?i)^(?:share\b|tweet$|e-?mail$|print$|whatsapp$|facebook$|twitter$|linkedin$|comments?\s*\(\d+\)$|leave a comment|newsletter\b|subscribe\b|jump to\b|from wikipedia\b|map indicating\b|this article is about\b|for other uses\b|main articles?\s*:|further information\s*:|see also\s*:|related\s*:|read more\b|advertisement$|(?:updated|published|posted|last updated)\b|by\s+[^|.]{1,60}\||text is available under\b|categories\s*:|retrieved from\b|personal tools$|not logged in$|create account$|log in$|contributions$|talk$|(?:\(redirected from\b))`)
	footerRE   = prefilter.MustCompile(`(?i)©|\(c\)\s*\d{4}|all rights reserved|last (?:edited|modified|updated) on\b|privacy policy|terms of use`)
	cookieRE   = prefilter.MustCompile(`(?i)\bcookies?\b`)
	consentRE  = prefilter.MustCompile(`(?i)\b(?:accept|consent|browse|browsing|privacy|settings)\b`)
	tocEntryRE = prefilter.MustCompile(`^\d{1,2}(?:\.\d{1,2})*\.?\s+\S`)
)

var (
	citedHints  = []string{"retrieved", "archived", "isbn", "doi:"}
	footerHints = []string{"©", "(c)", "rights reserved", "last ", "privacy", "terms of use"}
)

// junkLine reports a block that is page chrome, a reference or a credit.
func junkLine(s string) bool {
	t := strings.TrimSpace(s)
	// Cheap word tests first: each expression needs one of these words,
	// and most lines hold none.
	lt := strings.ToLower(t)
	switch {
	case t == "":
		return true
	case strings.HasPrefix(t, "^"), strings.HasPrefix(t, "↑"):
		return true
	case hasAny(lt, citedHints) && citedRE.MatchString(t), creditRE.MatchString(t),
		len(t) < 300 && chromeRE.MatchString(t), hasAny(lt, footerHints) && footerRE.MatchString(t):
		return true
	case strings.Contains(lt, "cookie") && cookieRE.MatchString(t) && consentRE.MatchString(t):
		return true
	case strings.Count(t, " | ") >= 2 || strings.Count(t, "|") >= 3:
		return true
	}
	return false
}

func headingName(s string) string {
	t := strings.TrimSpace(s)
	t = strings.TrimRight(t, ":")
	return strings.ToLower(strings.Join(strings.Fields(t), " "))
}

// tocEntryNumRE is the number a table of contents puts before or after an
// entry: "1 History", "1.2 Recent relations", "History 1".
var tocEntryNumRE = prefilter.MustCompile(`^\d+(?:\.\d+)*\.?\s+|\s+\d+(?:\.\d+)*$`)

// tocEntryName is a contents line's name without its number.
func tocEntryName(name string) string { return tocEntryNumRE.ReplaceAllString(name, "") }

// startsZone reports whether the zone name at block i ("References",
// "See also") heads its part of the page: a heading, or a line with a
// blank line or a list after it. A line with another short line right
// under it is an entry of a table of contents.
func (c *Context) startsZone(i int) bool {
	b := c.blocks[i]
	if b.Kind == document.Heading || i+1 >= len(c.blocks) {
		return true
	}
	next := c.blocks[i+1]
	if !c.gapIsLine(i) || next.Kind == document.Item || next.Kind == document.Heading {
		return true
	}
	return next.Kind != document.Fragment || zoneNames[headingName(next.Text)] && c.startsZone(i+1)
}

// markSkipped marks the blocks no rule reads.
func (c *Context) markSkipped() {
	c.skip = make([]bool, len(c.blocks))
	// The names of the page's sections: what a table of contents lists.
	sections := map[string]bool{"(top)": true, "top": true}
	for _, b := range c.blocks {
		if b.Kind == document.Heading {
			sections[headingName(b.Text)] = true
		}
	}
	zone, contents := false, false
	for i, b := range c.blocks {
		name := headingName(b.Text)
		gapBlank := i > 0 && strings.Contains(c.Doc.Text[c.blocks[i-1].End:b.Start], "\n\n")
		if contents && (gapBlank || b.Kind == document.Heading) {
			contents = false
		}
		if contents && !gapBlank && b.Kind == document.Fragment && len(sections) > 2 && !sections[tocEntryName(name)] && !zoneNames[tocEntryName(name)] {
			contents = false // past the last entry: the infobox or the text
		}
		if zone && b.Kind == document.Heading && !zoneNames[name] {
			zone = false
		}
		switch {
		case contentsNames[name] && len(b.Text) < 40:
			contents = true
			c.skip[i] = true
			continue
		case zoneNames[name] && b.Kind != document.Item && c.startsZone(i):
			zone = true
			c.skip[i] = true
			continue
		case zoneNames[name] && b.Kind != document.Item:
			c.skip[i] = true // an entry of a table of contents
			continue
		}
		// A table of contents holds short entries; a paragraph after a
		// stray "Contents" line (mirrors keep the word) is text.
		if zone || contents && (len(b.Text) < 80 || b.Kind == document.Item) {
			c.skip[i] = true
			continue
		}
		if zoneNames[headingName(b.Section)] {
			c.skip[i] = true
			continue
		}
		if junkLine(b.Text) {
			c.skip[i] = true
			// A credit line is followed by its caption.
			if creditRE.MatchString(strings.TrimSpace(b.Text)) && i+1 < len(c.blocks) && c.blocks[i+1].Kind == document.Fragment {
				if gap := c.Doc.Text[b.End:c.blocks[i+1].Start]; !strings.Contains(gap, "\n\n") {
					c.skip[i+1] = true
				}
			}
		}
	}
}

// buildUnits joins the blocks into units. Consecutive paragraph and
// fragment blocks with no blank line between them are one unit when the
// first does not end a sentence and the next starts in lower case, or the
// first is a long line (a plain dump wrapped near 80 columns).
func (c *Context) buildUnits() {
	text := c.Doc.Text
	for i, b := range c.blocks {
		if c.skip[i] || b.Kind == document.Heading || b.Start >= b.End {
			continue
		}
		if b.Kind == document.Item {
			c.units = append(c.units, unit{start: b.Start, end: b.End, first: i, last: i, kind: document.Item})
			continue
		}
		if n := len(c.units); n > 0 {
			u := &c.units[n-1]
			if u.kind != document.Item && u.last == i-1 && text[u.end:b.Start] == "\n" && wraps(text[u.start:u.end], b.Text) {
				u.end, u.last = b.End, i
				u.kind = document.Paragraph
				continue
			}
		}
		c.units = append(c.units, unit{start: b.Start, end: b.End, first: i, last: i, kind: b.Kind})
	}
}

// wraps reports whether next continues the sentence prev was cut from.
func wraps(prev, next string) bool {
	line := prev
	if i := strings.LastIndexByte(prev, '\n'); i >= 0 {
		line = prev[i+1:]
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(line))
	if strings.ContainsRune(".!?:;", last) || strings.Contains(line, "\t") || strings.Contains(next, "\t") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return true
	}
	return utf8.RuneCountInString(line) >= 55 && len(strings.Fields(line)) >= 8
}

// buildSentences splits every unit into sentences.
func (c *Context) buildSentences() {
	for ui, u := range c.units {
		for _, s := range splitSentences(c.Doc.Text, u.start, u.end) {
			s.unit = ui
			c.sents = append(c.sents, s)
		}
	}
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "col": true, "lt": true,
	"maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true, "adm": true, "cdr": true, "brig": true,
	"gov": true, "sen": true, "rep": true, "pres": true, "prof": true, "rev": true, "hon": true, "amb": true,
	"jr": true, "sr": true, "no": true, "vs": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mt": true, "ft": true, "corp": true, "inc": true, "ltd": true, "co": true, "approx": true, "est": true,
	"fig": true, "vol": true, "pp": true, "ca": true,
}

var dottedRE = prefilter.MustCompile(`^(?:\p{L}\.)+$`)

// splitSentences splits text[start:end] at . ! ? followed by space and a
// capital, a digit or an opening quote, unless the period ends an
// abbreviation ("U.S.", "Lt.", "W.").
func splitSentences(text string, start, end int) []sentence {
	var out []sentence
	s := start
	emit := func(a, b int) {
		for a < b && isSpaceByte(text[a]) {
			a++
		}
		for b > a && isSpaceByte(text[b-1]) {
			b--
		}
		if a < b {
			out = append(out, sentence{start: a, end: b, terminal: endsSentence(text[a:b])})
		}
	}
	for i := start; i < end; i++ {
		ch := text[i]
		if ch != '.' && ch != '!' && ch != '?' {
			continue
		}
		j := i + 1
		for j < end && strings.IndexByte(`"')]`, text[j]) >= 0 {
			j++
		}
		for j < end && (strings.HasPrefix(text[j:], "”") || strings.HasPrefix(text[j:], "’")) {
			j += 3
		}
		if j >= end {
			continue
		}
		if !isSpaceByte(text[j]) {
			continue
		}
		k := j
		for k < end && isSpaceByte(text[k]) {
			k++
		}
		if k >= end {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"“'‘(`, r) {
			continue
		}
		if ch == '.' && isAbbreviation(text[s:i+1]) {
			continue
		}
		emit(s, j)
		s = k
		i = k - 1
	}
	emit(s, end)
	return out
}

// isAbbreviation reports whether the last word of s (which ends with a
// period) is an abbreviation.
func isAbbreviation(s string) bool {
	w := s
	if i := strings.LastIndexAny(s, " \n\t("); i >= 0 {
		w = s[i+1:]
	}
	w = strings.TrimLeft(w, `"'“‘`)
	if w == "D.C." {
		return false
	}
	if dottedRE.MatchString(w) {
		return true
	}
	return abbreviations[strings.ToLower(strings.TrimSuffix(w, "."))]
}

func endsSentence(s string) bool {
	t := strings.TrimRight(s, `"')]”’ `)
	last, _ := utf8.DecodeLastRuneInString(t)
	return last == '.' || last == '!' || last == '?'
}

// text returns the clean text of a span.
func (c *Context) text(start, end int) string { return c.Doc.Text[start:end] }

// ---- tokens and country mentions ----

type token struct {
	start, end int // absolute offsets
	text       string
}

// tokenize cuts text[start:end] into words: letters, digits and marks, with
// inner apostrophes, hyphens and periods ("N'Djamena", "Okafor-Reyes",
// "U.S.", "W.").
func tokenize(text string, start, end int) []token {
	var out []token
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if strings.ContainsRune("'’-.", r2) && j+s2 < end {
				r3, _ := utf8.DecodeRuneInString(text[j+s2 : end])
				if isWordRune(r3) {
					j += s2
					continue
				}
			}
			if r2 == '.' && dottedSoFar(text[max(i, j-2):j], j-i) && dottedRE.MatchString(text[i:j]+".") {
				j += s2
				continue
			}
			if r2 == '.' && utf8.RuneCountInString(text[i:j]) == 1 {
				j += s2 // an initial: "W."
				continue
			}
			break
		}
		out = append(out, token{start: i, end: j, text: text[i:j]})
		i = j
	}
	return out
}

// dottedSoFar is a cheap test before dottedRE: a dotted abbreviation
// ("U.S") has a period before its last letter, or is one letter; tokens
// longer than a few letters are never one.
func dottedSoFar(tail string, n int) bool {
	if n > 12 {
		return false
	}
	return utf8.RuneCountInString(tail) == 1 || strings.ContainsRune(tail, '.')
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// lookupCountry resolves a name, abbreviation, demonym or code to ISO3 with
// the country normalizer; "" when it is none or ambiguous.
func lookupCountry(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return ""
	}
	v, ok := normString("country", s)
	if !ok || len(v) != 3 {
		return ""
	}
	return v
}

// country is lookupCountry with the context's cache.
func (c *Context) country(s string) string {
	if v, ok := c.countries[s]; ok {
		return v
	}
	v := lookupCountry(s)
	c.countries[s] = v
	return v
}

// mention is a country named in the text.
type mention struct {
	start, end int
	code       string
}

var nameConnectors = map[string]bool{"of": true, "the": true, "and": true, "d'Ivoire": true, "d’Ivoire": true, "da": true, "de": true, "e": true}

// mentions finds the countries named in text[start:end], longest name
// first ("United States of America", "Côte d'Ivoire", "U.S.", "Malians").
func (c *Context) mentions(start, end int) []mention {
	toks := tokenize(c.Doc.Text, start, end)
	var out []mention
	for i := 0; i < len(toks); {
		t := toks[i]
		if !isCapitalized(t.text) || !plausibleCountryWord(t.text) {
			i++
			continue
		}
		found := false
		for n := min(6, len(toks)-i); n >= 1; n-- {
			last := toks[i+n-1]
			if !isCapitalized(last.text) && !strings.HasPrefix(last.text, "d'") && !strings.HasPrefix(last.text, "d’") {
				continue
			}
			ok := true
			for k := i + 1; k < i+n; k++ {
				gap := c.Doc.Text[toks[k-1].end:toks[k].start]
				if gap != " " && gap != "\n" {
					ok = false
					break
				}
				if !isCapitalized(toks[k].text) && !nameConnectors[toks[k].text] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			phrase := c.Doc.Text[t.start:last.end]
			e := last.end
			for _, suf := range []string{"'s", "’s"} {
				if strings.HasSuffix(phrase, suf) {
					phrase = strings.TrimSuffix(phrase, suf)
					e -= len(suf)
				}
			}
			if code := c.country(phrase); code != "" {
				out = append(out, mention{start: t.start, end: e, code: code})
				i += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// plausibleCountryWord rejects tokens the country normalizer would read
// as codes but that are more likely acronyms: two capitals other than
// "US", three capitals other than "USA" and known codes are checked by the
// caller's pair.
func plausibleCountryWord(w string) bool {
	if len(w) == 2 && strings.ToUpper(w) == w {
		return w == "US"
	}
	if len(w) == 3 && strings.ToUpper(w) == w {
		// A bare code is more likely another acronym; an abbreviation of
		// a name ("UAE", "DRC") is the country.
		return w == "USA" || lookupCountry(w) != "" && lookupCountry(w) != w
	}
	return true
}

// inPair reports whether code is one of the pair.
func (c *Context) inPair(code string) bool {
	return code != "" && (code == c.Pair[0] || code == c.Pair[1])
}

// other returns the pair member that is not code.
func (c *Context) other(code string) string {
	if code == c.Pair[0] {
		return c.Pair[1]
	}
	if code == c.Pair[1] {
		return c.Pair[0]
	}
	return ""
}

// ---- dates ----

const monthRE = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`

var (
	yearRE = prefilter.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
)

// dateMatch is a date found in text: its span, and either an ISO date
// (YYYY, YYYY-MM, YYYY-MM-DD) or, when the text gives no year, the date as
// written.
type dateMatch struct {
	start, end int
	iso        string
	text       string // date_text, when there is no year
}

// dates returns the dates that lie in text[start:end]. The dates of each
// sentence are found once (scanDates); a span outside every sentence is
// scanned on its own.
func (c *Context) dates(start, end int) []dateMatch {
	if c.sentDates == nil {
		c.sentDates = make([][]dateMatch, len(c.sents))
		for i, s := range c.sents {
			c.sentDates[i] = c.scanDates(s.start, s.end)
		}
	}
	i, found := slices.BinarySearchFunc(c.sents, start, func(s sentence, at int) int {
		switch {
		case s.end <= at:
			return -1
		case s.start > at:
			return 1
		}
		return 0
	})
	if !found || end > c.sents[i].end {
		return c.scanDates(start, end)
	}
	var out []dateMatch
	for _, d := range c.sentDates[i] {
		if d.start >= start && d.end <= end {
			out = append(out, d)
		}
	}
	return out
}

// scanDates finds the dates in text[start:end], normalized with the date
// normalizer. A year followed by "s" ("the 2010s") or used as a number
// ("$2012") is not a date.
func (c *Context) scanDates(start, end int) []dateMatch {
	// Every date holds a digit and reaches at most dateReach bytes from
	// it, so the big date expression runs only on the stretches around
	// digits: most of a sentence is words, and the expression is slow.
	var out []dateMatch
	for _, seg := range digitStretches(c.Doc.Text, start, end) {
		out = append(out, c.scanDateStretch(seg[0], seg[1])...)
	}
	return out
}

// dateReach is the farthest a date reaches from one of its digits ("the
// beginning of September 24, 1960", "31 October to 3 November 2023").
const dateReach = 48

// digitStretches returns the parts of text[start:end] within dateReach of
// a digit, merged where they touch, each starting at a word boundary.
func digitStretches(text string, start, end int) [][2]int {
	var out [][2]int
	for i := start; i < end; i++ {
		if text[i] < '0' || text[i] > '9' {
			continue
		}
		a, b := max(start, i-dateReach), min(end, i+dateReach)
		for a > start && isWordByte(text[a-1]) {
			a--
		}
		for b < end && isWordByte(text[b]) {
			b++
		}
		if n := len(out); n > 0 && a <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], b)
		} else {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// isWordByte reports a byte of a word: an ASCII letter or digit, or part
// of a multi-byte letter.
func isWordByte(b byte) bool {
	return b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// scanDateStretch finds the dates in text[start:end] (dates.go) and
// normalizes them with the date normalizer: an ISO date, or date_text when
// the text gives no year.
func (c *Context) scanDateStretch(start, end int) []dateMatch {
	d := newDateScan(c.Doc.Text[start:end])
	var out []dateMatch
	for _, r := range d.monthPairs() {
		if n, ok := norm("date", r.written); ok {
			if iso, _ := n.Value.(string); iso != "" && !n.Delete {
				out = append(out, dateMatch{start: start + r.start, end: start + r.end, iso: iso})
			}
		}
	}
	for _, r := range d.scan() {
		n, ok := norm("date", r.written)
		if !ok {
			continue
		}
		m := dateMatch{start: start + r.start, end: start + r.end}
		if n.Delete {
			if m.text, _ = n.Extra["date_text"].(string); m.text == "" {
				continue
			}
		} else if m.iso, _ = n.Value.(string); m.iso == "" {
			continue
		}
		out = append(out, m)
	}
	return out
}

// foldKey is normalize.FoldKey.
func foldKey(s string) string { return normalize.FoldKey(s) }

// nameSeam returns where a line of two glued names is cut: the one place a
// small letter meets a capital inside a word, with at least two
// capitalized words on each side; 0 when there is none or more than one.
func nameSeam(line string) int {
	at := 0
	prev := rune(0)
	for i, r := range line {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			w := line[strings.LastIndexAny(line[:i], " ")+1 : i]
			if nameCamelPrefixes[w] {
				prev = r
				continue
			}
			if at > 0 {
				return 0
			}
			at = i
		}
		prev = r
	}
	if at == 0 || len(strings.Fields(line[:at])) < 2 || len(strings.Fields(line[at:])) < 2 {
		return 0
	}
	for _, w := range append(strings.Fields(line[:at]), strings.Fields(line[at:])...) {
		if !isCapitalized(w) && !nameParticles[w] {
			return 0
		}
	}
	return at
}
