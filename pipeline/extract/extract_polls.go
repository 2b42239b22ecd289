package extract

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
)

// Poll sentences: "According to the 2012 U.S. Global Leadership Report,
// 87% of Malians approve of U.S. leadership, with 10% disapproving and 4%
// uncertain, the second-highest rating of the U.S. for any surveyed
// country in Africa." gives year 2012, source "U.S. Global Leadership
// Report", population Malians, measure approve, value 87, disapprove 10,
// uncertain 4, rank 2. A sentence may hold several polls ("88% ... in 2002
// and 79% did so in 2007, while the 2012 ... Report found that 75% ...");
// shares are digits ("81 %") or words ("seventy percent"); "the same
// report" names the source of the poll before.

var (
	pctRE = prefilter.MustCompile(`(?i)\b\d{1,3}(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)|\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one)\s+hundred)\s+(?:percent|per\s+cent)\b`)
	// pctBranches is pctRE branch by branch: a share in figures, or in
	// words, which most sentences with a share do not hold.
	pctBranches = newBranchRE(pctRE.Regexp)
	// measureRE: what a headline share measures, by the first word found.
	measureRE = prefilter.MustCompile(`(?i)\b(?:(approv\w*|support(?:s|ed)?)|(disapprov\w*|oppos(?:e|es|ed))|(unfavou?rabl\w*|negative\w*|(?:bad|poor)\s+(?:opinion|view|image|impression)s?|dislik\w*|threat\w*|enem(?:y|ies)|hostile|unfriendly)|(favou?rabl\w*|positive\w*|good|(?:liked?|likes)|warm(?:ly)?|friendly|friends?)|(confidence)|(trust\w*))\b`)
	// secondaryRE: a share after the headline that disapproves or is unsure.
	secondaryRE  = prefilter.MustCompile(`(?i)\b(?:(disapprov\w*|unfavou?rabl\w*|negative\w*|opposed|against|critical|(?:a\s+)?(?:bad|poor)\s+(?:opinion|view|image))|(uncertain|unsure|undecided|no\s+answer|no\s+opinion|no\s+view|(?:did\s+not|didn't|don't|do\s+not)\s+(?:know|answer)|neutral|refused|not\s+sure))\b`)
	didSoRE      = prefilter.MustCompile(`(?i)^\s*(?:did\s+so|said\s+so|felt\s+the\s+same|thought\s+so)\b`)
	populationRE = prefilter.MustCompile(`^\s+of\s+(?:the\s+)?(\p{Lu}[\p{L}\p{M}'’-]*)(?:\s+(\p{Lu}[\p{L}\p{M}'’-]*))?`)
	rankRE       = prefilter.MustCompile(`(?i)\b(?:the\s+)?(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))[- ])?highest\b`)
)

var ordinals = map[string]string{
	"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
	"seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}

// sourceWords may stand in lower case in the name of a poll or report.
var sourceWords = map[string]bool{
	"global": true, "opinion": true, "public": true, "national": true, "annual": true,
	"international": true, "world": true, "attitudes": true, "leadership": true, "same": true,
	"latest": true, "recent": true, "new": true, "online": true, "household": true,
	"perception": true, "perceptions": true, "favorability": true, "attitude": true, "values": true,
	"joint": true, "regional": true, "barometer": true, "nationwide": true, "representative": true,
}

// sourceStops end the name of a poll, whatever their case.
var sourceStops = map[string]bool{
	"a": true, "an": true, "the": true, "in": true, "according": true, "to": true, "by": true,
	"of": true, "from": true, "that": true, "this": true, "its": true, "their": true, "and": true,
	"with": true, "for": true, "on": true, "at": true, "as": true, "while": true, "whereas": true,
}

// pollSource is the name of a poll or report found in a sentence.
type pollSource struct {
	start, end int
	name       string
	year       string
	same       bool // "the same report"
}

// pollShare is a percentage found in a sentence.
type pollShare struct {
	start, end int
	value      json.Number
}

type pollHit struct {
	fields     map[string]any
	start, end int
}

func pollsSentence(c *Context) []Fact {
	var out []Fact
	var last map[string]any // the last poll read, for "the same report"
	lastSent := -1
	for si, s := range c.sents {
		// A sentence right after a poll, in the same paragraph, may go on
		// with it: "By 2020, this had fallen to 51% approve, ...".
		near := last != nil && si-lastSent <= 2 && c.sents[lastSent].unit == s.unit
		for _, p := range c.pollsIn(s, last, near) {
			out = append(out, c.newFact("poll", "polls.sentence", p.start, p.end, p.fields))
			last, lastSent = p.fields, si
		}
	}
	return out
}

var (
	// goesOnRE says a sentence continues the poll before it: it refers to
	// it or tells how its figure moved.
	goesOnRE = prefilter.MustCompile(`(?i)\b(?:the\s+\d{4}\s+edition|(?:put|puts|putting)\s+the\s+(?:figure|share|rating)\s+at\s*$)|\b(?:this|that|these|it|the\s+(?:figure|share|rating|number|proportion|percentage))\b[^%]{0,40}\b(?:had|has|have|was|were|declined|decreased|dropped|fell|rose|increased|grew|climbed|slipped|changed|stood)\b|\b(?:declin|decreas|drop|fell|falling|rose|rising|increas|grew|growing|climb|slipp)\w*\b[^%]{0,20}\bto\s*$`)
	// earlierRE is a year counted back from the poll's: "a year earlier".
	earlierRE = prefilter.MustCompile(`(?i)^[^%]{0,30}?\b(a|an|one|two|three|four|five|\d)\s+years?\s+(?:earlier|before)\b`)
	// shareOfRE introduces a people before their share: "the share of
	// Kazakhs with a favourable view of China fell from 49%".
	shareOfRE = prefilter.MustCompile(`(?i)\b(?:share|proportion|percentage|number)(\s+of\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}'’-]*)\b[^%]{0,80}$`)
	// trendAfterRE is the year right after a share of a trend: "to 81 % in
	// 2013", "83% in 2011".
	trendAfterRE = prefilter.MustCompile(`^\s*(?:in|by|as\s+of|during|for)\s+(1[89]\d\d|20\d\d)\b`)
	// trendBeforeRE is a year just before a share of a trend: "and by 2014
	// to 74%", "in 2011, 83%".
	trendBeforeRE = prefilter.MustCompile(`\b(?:in|by)\s+(1[89]\d\d|20\d\d)\b[^%\d]{0,30}$|\bthe\s+(1[89]\d\d|20\d\d)\s+(?:edition|survey|poll|round|wave|report)\b[^%\d]{0,40}$`)
)

// pollsIn reads the polls of one sentence. last is the poll read before
// it in the document; near says the sentence follows that poll closely
// enough to go on with it.
func (c *Context) pollsIn(s sentence, last map[string]any, near bool) []pollHit {
	shares := c.sharesIn(s)
	if len(shares) == 0 {
		return c.pollWithoutShare(s, last)
	}
	if len(shares) > 40 {
		return nil // a table of figures rather than a poll
	}
	r := &pollReader{c: c, s: s, last: last, shares: shares, sources: c.pollSources(s)}
	if len(r.sources) == 0 {
		if near && goesOnRE.MatchString(c.text(s.start, shares[0].start)) {
			// No poll named: the poll before, continued.
			r.sources = []pollSource{{start: s.start, end: s.start, same: true}}
		} else {
			// No poll named at all: a share of a people who view the partner
			// in some way is still a poll, its source unnamed.
			r.sources = []pollSource{{start: s.start, end: s.start}}
			r.unnamed = true
		}
	}
	for i := range shares {
		r.read(i)
	}
	assignRanks(c.text(s.start, s.end), s.start, r.out, shares)
	return r.out
}

// sharesIn finds the percentages of a sentence.
func (c *Context) sharesIn(s sentence) []pollShare {
	k := [2]int{s.start, s.end}
	if shares, ok := c.shares[k]; ok {
		return shares // asked by the events and the polls alike
	}
	shares := c.findShares(s)
	if c.shares == nil {
		c.shares = map[[2]int][]pollShare{}
	}
	c.shares[k] = shares
	return shares
}

func (c *Context) findShares(s sentence) []pollShare {
	sent := c.text(s.start, s.end)
	lower := strings.ToLower(sent)
	if !strings.Contains(sent, "%") && !strings.Contains(lower, "per") {
		return nil // no "%", "percent" nor "per cent": the expression would find nothing
	}
	var shares []pollShare
	for _, loc := range pctBranches.findAll(sent, lower, -1) {
		if v, ok := percentValue(sent[loc[0]:loc[1]]); ok {
			shares = append(shares, pollShare{start: s.start + loc[0], end: s.start + loc[1], value: v})
		}
	}
	return shares
}

// pollReader reads the shares of one sentence in order: each starts a poll
// or adds to the one before (cur).
type pollReader struct {
	c       *Context
	s       sentence
	last    map[string]any // the poll before this sentence
	shares  []pollShare
	sources []pollSource
	unnamed bool // no poll is named: its source stays empty
	cur     map[string]any
	out     []pollHit
}

// window returns the text after share i (to the next share or source) and
// before it (from the share or source before), and where before starts.
func (r *pollReader) window(i int, src pollSource) (before, after string, beforeAt int) {
	p := r.shares[i]
	next := r.s.end
	if i+1 < len(r.shares) {
		next = r.shares[i+1].start
	}
	for _, o := range r.sources {
		if o.start >= p.end && o.start < next {
			next = o.start
		}
	}
	prevEnd := r.s.start
	if i > 0 {
		prevEnd = r.shares[i-1].end
	}
	if src.end <= p.start && src.end > prevEnd {
		prevEnd = src.end
	}
	return r.c.text(prevEnd, p.start), r.c.text(p.end, next), prevEnd
}

// read reads share i.
func (r *pollReader) read(i int) {
	c, p := r.c, r.shares[i]
	src, ok := sourceFor(r.sources, p.start)
	if !ok {
		return
	}
	name := src.name
	if src.same {
		if r.last == nil {
			return
		}
		name, _ = r.last["source"].(string)
	}
	before, after, beforeAt := r.window(i, src)
	pop := c.population(r.s, p.end, after)
	if pop == "" && r.cur == nil {
		// "the share of Kazakhs with a favourable view of China fell
		// from 49%": the people before the share.
		if m := shareOfRE.FindStringSubmatchIndex(before); m != nil {
			pop = c.population(r.s, beforeAt+m[2], before[m[2]:])
		}
	}
	didSo := didSoRE.MatchString(after)
	if r.cur != nil && pop == "" && !didSo {
		r.followOn(p, before, after)
		return
	}
	measure := r.measure(i, src, pop, before, after, didSo)
	if pop == "" {
		switch {
		case r.unnamed:
		case r.cur != nil:
			pop, _ = r.cur["population"].(string)
		case r.last != nil && (src.same || didSo || measure != ""):
			pop, _ = r.last["population"].(string)
		}
	}
	year := r.year(p, src, after)
	if pop == "" || measure == "" || (!r.unnamed && !src.same && (year == "" || name == "")) {
		return
	}
	// The poll is about the partner: the sentence names it, or goes on
	// from the poll before ("the same report", "did so").
	if partner := c.other(c.peopleOf(pop)); !src.same && !didSo && !c.namesCountry(r.s, partner) {
		return
	}
	r.cur = map[string]any{"source": name, "population": pop, "measure": measure, "value": p.value}
	if year != "" {
		r.cur["year"] = json.Number(year)
	}
	r.out = append(r.out, pollHit{fields: r.cur, start: r.s.start, end: r.s.end})
}

// followOn reads a share that names no people after a poll of the same
// sentence: those who disapprove or are unsure, another question of the
// same poll, or the same figure in another year.
func (r *pollReader) followOn(p pollShare, before, after string) {
	if m := secondaryRE.FindStringSubmatch(firstWords(after, 8)); m != nil {
		key := "uncertain"
		if m[1] != "" {
			key = "disapprove"
		}
		if _, set := r.cur[key]; !set {
			r.cur[key] = p.value
		}
		return
	}
	// Another question of the same poll: "46% viewed Cuba favorably; 59
	// percent approved of re-establishing relations".
	if m := measureOf(firstWords(after, 3)); m != "" && m != r.cur["measure"] && !opposite(m, r.cur["measure"]) {
		r.derive(p, map[string]any{"measure": m}, "source", "population", "year")
		return
	}
	// A trend: the same poll's figure in another year.
	if y := trendYear(before, after, r.cur); y != "" {
		r.derive(p, map[string]any{"year": json.Number(y)}, "source", "population", "measure")
	}
}

// derive adds a poll made of share p, the fields given and the fields keep
// of the current poll.
func (r *pollReader) derive(p pollShare, fields map[string]any, keep ...string) {
	fields["value"] = p.value
	for _, k := range keep {
		if v, ok := r.cur[k]; ok {
			fields[k] = v
		}
	}
	r.out = append(r.out, pollHit{fields: fields, start: r.s.start, end: r.s.end})
	r.cur = fields
}

// measure finds what share i measures: after it, before it, at the end
// of a sentence of two peoples, or that of the poll it goes on with.
func (r *pollReader) measure(i int, src pollSource, pop, before, after string, didSo bool) string {
	measure := measureOf(after)
	if measure == "" {
		measure = measureOf(before)
	}
	if measure == "" && pop != "" && i+1 < len(r.shares) {
		// "52% of Japanese and 72% of Koreans said their impression was
		// unfavourable": the measure after the last share.
		measure = measureOf(r.c.text(r.shares[len(r.shares)-1].end, r.s.end))
	}
	if measure == "" && (didSo || src.same) {
		switch {
		case r.cur != nil:
			measure, _ = r.cur["measure"].(string)
		case r.last != nil && src.same:
			measure, _ = r.last["measure"].(string)
		}
	}
	return measure
}

// year finds the year of the poll of share p: after it in its clause
// ("viewed the U.S. favorably in 2002"), in its source's name, or written
// before it (in this sentence when it goes on with an earlier poll).
func (r *pollReader) year(p pollShare, src pollSource, after string) string {
	clauseAfter := after
	if i := strings.IndexAny(clauseAfter, ";"); i >= 0 {
		clauseAfter = clauseAfter[:i]
	}
	if m := yearRE.FindString(clauseAfter); m != "" && !strings.Contains(clauseAfter[:strings.Index(clauseAfter, m)], "%") {
		return m
	}
	if src.year != "" {
		return src.year
	}
	from := max(0, p.start-300)
	if src.same {
		from = max(r.s.start, p.start-300)
	}
	if ys := yearRE.FindAllString(r.c.text(from, p.start), -1); len(ys) > 0 {
		return ys[len(ys)-1]
	}
	return ""
}

// assignRanks gives "the second-highest rating" to the last poll before
// it in the sentence sent (at offset base).
func assignRanks(sent string, base int, out []pollHit, shares []pollShare) {
	for _, m := range rankRE.FindAllStringSubmatchIndex(sent, -1) {
		rank := "1"
		if m[2] >= 0 {
			w := strings.ToLower(sent[m[2]:m[3]])
			if r, ok := ordinals[w]; ok {
				rank = r
			} else {
				rank = strings.TrimRight(w, "stndrh")
			}
		}
		at := base + m[0]
		for k := len(out) - 1; k >= 0; k-- {
			if shareStart(out[k], shares) < at {
				if _, set := out[k].fields["rank"]; !set {
					out[k].fields["rank"] = json.Number(rank)
				}
				break
			}
		}
	}
}

// opposite reports two measures that are two sides of one question: a
// share of the other side is not another poll.
func opposite(a string, b any) bool {
	pairs := map[string]string{"favorable": "unfavorable", "unfavorable": "favorable", "approve": "disapprove", "disapprove": "approve"}
	return pairs[a] == b
}

// trendYear returns the year a share of a trend is given for: right after
// it ("81 % in 2013") or just before it ("by 2014 to 74%").
func trendYear(before, after string, cur map[string]any) string {
	if m := trendAfterRE.FindStringSubmatch(after); m != nil {
		return m[1]
	}
	// "against 48% approval a year earlier"
	if m := earlierRE.FindStringSubmatch(after); m != nil {
		if y, err := strconv.Atoi(fmt.Sprint(cur["year"])); err == nil {
			n := smallNumbers[strings.ToLower(m[1])]
			if n == 0 {
				n, _ = strconv.Atoi(m[1])
			}
			return strconv.Itoa(y - n)
		}
	}
	if m := trendBeforeRE.FindStringSubmatch(before); m != nil {
		return m[1] + m[2]
	}
	return ""
}

// shareStart returns where the headline share of a poll is.
func shareStart(p pollHit, shares []pollShare) int {
	for _, s := range shares {
		if s.value == p.fields["value"] {
			return s.start
		}
	}
	return p.start
}

// sourceFor returns the source a share belongs to: the last one named
// before it, or else the first one after it ("..., according to a poll").
func sourceFor(sources []pollSource, at int) (pollSource, bool) {
	var best pollSource
	found := false
	for _, s := range sources {
		if s.end <= at {
			best, found = s, true
		}
	}
	if found {
		return best, true
	}
	for _, s := range sources {
		if s.start >= at {
			return s, true
		}
	}
	return pollSource{}, false
}

// pollSources finds the polls and reports a sentence names, with the
// words before the keyword that belong to the name ("the Pew Research
// Center's 2015 Global Attitudes survey" is "Pew Research Center Global
// Attitudes survey", year 2015).
func (c *Context) pollSources(s sentence) []pollSource {
	toks := tokenize(c.Doc.Text, s.start, s.end)
	var out []pollSource
	for k, t := range toks {
		if !isSourceKeyword(toks, k) {
			continue
		}
		words := []string{t.text}
		start := t.start
		year := ""
		same := false
		for j := k - 1; j >= 0 && k-j <= 8; j-- {
			w := toks[j].text
			lw := strings.ToLower(w)
			if c.Doc.Text[toks[j].end:toks[j+1].start] != " " && c.Doc.Text[toks[j].end:toks[j+1].start] != "'s " && c.Doc.Text[toks[j].end:toks[j+1].start] != "’s " {
				break
			}
			switch {
			case sourceStops[lw]:
				j = -1
				continue
			case yearRE.MatchString(w) && len(w) == 4:
				if year == "" {
					year = w
				}
			case isCapitalized(w) || sourceWords[lw]:
				w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
				words = append([]string{w}, words...)
				if lw == "same" {
					same = true
				}
			default:
				j = -1
				continue
			}
			start = toks[j].start
		}
		// A name inside a longer one ("Afrobarometer" in "Afrobarometer
		// survey") is dropped.
		if n := len(out); n > 0 && out[n-1].end > start {
			out = out[:n-1]
		}
		out = append(out, pollSource{start: start, end: t.end, name: strings.Join(words, " "), year: year, same: same})
	}
	return out
}

// isSourceKeyword reports whether token k ends the name of a poll.
func isSourceKeyword(toks []token, k int) bool {
	w := strings.ToLower(toks[k].text)
	switch w {
	case "poll", "polls", "survey", "surveys", "report", "reports", "study", "index", "gallup", "ipsos", "yougov", "pew", "project":
		return true
	case "center", "centre":
		return k > 0 && strings.EqualFold(toks[k-1].text, "research")
	}
	return strings.HasSuffix(w, "barometer") || strings.HasSuffix(w, "barómetro") || strings.HasSuffix(w, "barometro")
}

// population reads "of Malians" at the start of after (the text from
// offset at): a people of the pair, as written. "of its people" (or citizens, population) is the
// people of the member the sentence names before the share, written as
// its demonym.
func (c *Context) population(s sentence, at int, after string) string {
	if m := ownPeopleRE.FindStringIndex(after); m != nil {
		for _, mm := range c.mentions(s.start, max(s.start, at)) {
			if c.inPair(mm.code) {
				if d := normalize.Demonym(mm.code); d != "" {
					return plural(d)
				}
				return ""
			}
		}
		return ""
	}
	m := populationRE.FindStringSubmatch(after)
	if m == nil {
		return ""
	}
	if m[2] != "" {
		if code := c.country(m[1] + " " + m[2]); code != "" {
			if c.inPair(code) {
				return m[1] + " " + m[2]
			}
			return ""
		}
	}
	if c.peopleOf(m[1]) != "" {
		return m[1]
	}
	return ""
}

// ownPeopleRE is "of its people", "of their citizens".
var ownPeopleRE = prefilter.MustCompile(`^\s+of\s+(?:its|their)\s+(?:people|citizens|population|public|residents|nationals)\b`)

// plural writes a demonym as a people: "Malian" gives "Malians",
// "Senegalese" stays.
func plural(d string) string {
	if strings.HasSuffix(d, "an") || strings.HasSuffix(d, "i") || strings.HasSuffix(d, "er") {
		return d + "s"
	}
	return d
}

// peopleOf returns the pair member whose people pop names: a demonym the
// country normalizer knows ("Malians"), or an unknown one that starts like
// a member's name.
func (c *Context) peopleOf(pop string) string {
	if code := c.country(pop); code != "" {
		if c.inPair(code) {
			return code
		}
		return ""
	}
	w := foldKey(pop)
	for _, code := range c.Pair {
		if ct, ok := normalize.CountryByAlpha3(code); ok {
			n := foldKey(ct.Name)
			if len(w) >= 5 && len(n) >= 4 && strings.HasPrefix(w, n[:4]) {
				return code
			}
		}
	}
	return ""
}

// namesCountry reports whether sentence s names the country code.
func (c *Context) namesCountry(s sentence, code string) bool {
	for _, m := range c.mentions(s.start, s.end) {
		if m.code == code {
			return true
		}
	}
	// Or its capital, which stands for it: "ties with Tehran".
	for _, capital := range normalize.Capitals(code) {
		if i := strings.Index(c.text(s.start, s.end), capital); i >= 0 {
			return true
		}
	}
	return false
}

// measureOf returns the measure named first in text.
func measureOf(text string) string {
	m := measureRE.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	for i, name := range []string{"approve", "disapprove", "unfavorable", "favorable", "confidence", "trust"} {
		if m[i+1] != "" {
			return name
		}
	}
	return ""
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// quantifierRE is a share told in words, not figures: "a majority of
// Sudanese", "most Kenyans".
var quantifierRE = prefilter.MustCompile(`(?i)\b(?:an?\s+(?:large\s+|slim\s+|clear\s+|narrow\s+)?(?:majority|minority|plurality)|most|half|two[- ]thirds|three[- ]quarters|a\s+third|a\s+quarter)(\s+of(?:\s+the)?)?\s+(\p{Lu}[\p{L}\p{M}'’-]*)`)

// pollWithoutShare reads a poll a sentence states without a figure: a
// named poll, a people of the pair told in words ("a majority of
// Sudanese"), what they think, and the partner: "According to the 2022
// Arab Barometer survey, a majority of Sudanese held a favourable view of
// Egypt." Its value is left out.
func (c *Context) pollWithoutShare(s sentence, last map[string]any) []pollHit {
	text := c.text(s.start, s.end)
	q := quantifierRE.FindStringSubmatchIndex(text)
	if q == nil {
		return nil
	}
	sources := c.pollSources(s)
	if len(sources) == 0 {
		return nil
	}
	pop := text[q[4]:q[5]]
	people := c.peopleOf(pop)
	measure := measureOf(text[q[5]:])
	if people == "" || measure == "" || !c.namesCountry(s, c.other(people)) {
		return nil
	}
	src, _ := sourceFor(sources, s.start+q[0])
	fields := map[string]any{"source": src.name, "population": pop, "measure": measure}
	year := src.year
	if year == "" {
		year = yearRE.FindString(text[:q[0]])
	}
	if year != "" {
		fields["year"] = json.Number(year)
	}
	return []pollHit{{fields: fields, start: s.start, end: s.end}}
}
