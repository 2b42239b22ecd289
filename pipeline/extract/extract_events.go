package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
)

// Dated events: a clause of a sentence that says something happened
// (relations established, a coup, a suspension, aid cut off, sanctions, an
// agreement signed, troops deployed, a visit, an election, independence,
// a withdrawal) and dates it. The date is normalized (YYYY, YYYY-MM,
// YYYY-MM-DD), or kept as date_text when the text gives no year ("on 12
// June"). A clause without a date takes one only from what it refers to:
// "the same day" (the date just before in the sentence) or "the coup",
// "the visit" (the last such event dated earlier). The summary is the
// clause itself, tidied; the quote is the clause (from the sentence of the
// event referred to, when it is in the same paragraph).

// Event rule kinds.
const (
	ruleRelations = "events.relations-established"
	ruleDated     = "events.dated"
	ruleAnaphora  = "events.anaphora"
)

// eventTrigger is a kind of event and the words that say it happened.
// Triggers are tried in this order; the first that matches a clause gives
// its type, so "suspended aid" is an aid cut and "cut off assistance, as
// the law requires after a coup" is not a coup.
type eventTrigger struct {
	typ   string
	re    *regexp.Regexp
	hints []string // lower-case words one of which a match holds
	fast  *fastTrigger
}

// fastTrigger is what is found from a trigger's expression to spare
// trying it: the words its matches hold, and its branches.
type fastTrigger struct {
	pre   prefilter.Words
	split branchRE
}

// matches reports whether the trigger's expression matches text, trying
// its hints first (a cheap test most clauses fail).
func (t eventTrigger) matches(text string) bool {
	lower := " " + strings.ToLower(text)
	return t.mayMatch(lower) && t.fast.split.matches(text, lower)
}

// mayMatch reports whether a clause, in lower case after a space, holds
// the trigger's hints and the words its expression needs.
func (t eventTrigger) mayMatch(lower string) bool {
	return hasAny(lower, t.hints) && t.fast.pre.MayMatchLower(lower)
}

// withPrefilters sets each trigger's prefilter and branches.
func withPrefilters(ts []eventTrigger) []eventTrigger {
	for i := range ts {
		ts[i].fast = &fastTrigger{pre: prefilter.Of(ts[i].re), split: newBranchRE(ts[i].re)}
	}
	return ts
}

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return len(words) == 0
}

var eventTriggers = withPrefilters([]eventTrigger{
	{"relations-restored", regexp.MustCompile(`(?i)\b(?:resumed|restored|re-?established|normali[sz]ed|renewed)\s+(?:full\s+|formal\s+|official\s+)?(?:diplomatic\s+)?(?:relations|ties)\b|\b(?:diplomatic\s+)?(?:relations|ties)\b(?:[^.;]|\.\d){0,60}?\b(?:were|was|have\s+been|had\s+been)\s+(?:(?:also|formally|fully|finally|later)\s+)?(?:restored|resumed|normali[sz]ed|re-?established)\b|\b(?:diplomatic\s+)?(?:relations|ties)\s+(?:restored|resumed)\b|\b(?:diplomatic\s+)?ties\s+(?:were\s+|was\s+|had\s+been\s+)?(?:(?:formally|fully|finally)\s+)?(?:resumed|restored|normali[sz]ed|re-?established)\b|\bnormali[sz]ation\s+of\s+(?:diplomatic\s+)?(?:relations|ties)\b`), []string{"relations", "ties", "normali"}, nil},
	{"relations-established", regexp.MustCompile(`(?i)\b(?:established|establish|establishes|establishing|establishment\s+of|opened|resumed|restored|re-?established|normali[sz]ed|renewed)\s+(?:full\s+|formal\s+|official\s+)?(?:diplomatic\s+)?relations\b|\bdiplomatic\s+relations\s+(?:were|was|have\s+been|had\s+been)\s+(?:established|restored|resumed|opened)\b|\bexchanged\s+(?:diplomatic\s+missions|ambassadors|envoys|diplomatic\s+representatives)\b|\brelations\b(?:[^.;]|\.\d){0,60}?\b(?:were|was|have\s+been|had\s+been)\s+(?:(?:also|formally|first|officially|fully|finally|later)\s+)?(?:established|restored|resumed|opened|normali[sz]ed|re-?established)\b|^(?:[^.;]|\.\d){0,40}?\b(?:diplomatic\s+)?relations\s+(?:established|restored|resumed)\b|\b(?:diplomatic\s+)?ties\s+(?:were\s+|was\s+|had\s+been\s+)?(?:(?:formally|fully|finally)\s+)?(?:resumed|restored|normali[sz]ed|re-?established)\b`), []string{"relations", "exchanged", "ties"}, nil},
	{"recognition", regexp.MustCompile(`(?i)\brecogni[sz](?:e|ed|es|ing)\b|\brecognition\s+of\b`), []string{"recogni"}, nil},
	{"mission-upgraded", regexp.MustCompile(`(?i)\b(?:elevat\w*|upgrad\w*|raised|promoted)\b(?:[^.;]|\.\d){0,60}?\bto\s+(?:an?\s+|full\s+)?(?:embassy|high\s+commission)\b`), []string{"elevat", "upgrad", "raised", "promoted"}, nil},
	{"expulsion", regexp.MustCompile(`(?i)\bexpel(?:led|s|ling)?\b|\bexpulsion\b|\bpersona\s+non\s+grata\b`), []string{"expel", "expuls", "persona"}, nil},
	{"aid-cut", regexp.MustCompile(`(?i)\b(?:cuts?\s+off|cuts?|halt(?:ed|s)|suspend(?:ed|s)|freezes|froze|frozen|end(?:ed|s)|terminat(?:ed|es)|stop(?:ped|s)|withheld|withholds|withdrew|withdraws|cancel(?:l)?ed|reduced)\b(?:[^.;]|\.\d){0,60}\b(?:aid|assistance|funding)\b|\b(?:aid|assistance|funding)\b(?:[^.;]|\.\d){0,40}?\b(?:was\s+|were\s+|had\s+been\s+)?(?:cut\s+off|cut|halted|suspended|frozen|ended|terminated|stopped|withheld)\b`), []string{" aid", "assistance", "funding"}, nil},
	{"sanction", regexp.MustCompile(`(?i)\bsanction(?:s|ed)?\b|\bembargo\b|\b(?:travel|visa)\s+(?:bans?|restrictions)\b|\basset\s+freezes?\b`), []string{"sanction", "embargo", "travel", "visa", "asset"}, nil},
	{"suspension", regexp.MustCompile(`(?i)\bsuspend(?:ed|s|ing)?\b|\bsuspension\b|\bsever(?:ed|s)?\b(?:[^.;]|\.\d){0,30}\b(?:relations|ties)\b|\bbroke(?:n)?\s+off\b|\bcut\s+(?:off\s+)?(?:diplomatic\s+)?(?:relations|ties)\b|\bend(?:ed|ing|s)?\b(?:[^.;]|\.\d){0,50}\b(?:agreement|cooperation|accord|treaty|pact)\b|\b(?:terminated|cancel(?:l)?ed|revoked|denounced|withdrew\s+from)\b(?:[^.;]|\.\d){0,50}\b(?:agreement|accord|treaty|pact)\b`), []string{"suspen", "sever", "broke", "cut", "agreement", "cooperation", "accord", "treaty", "pact"}, nil},
	{"agreement", regexp.MustCompile(`(?i)\b(?:signed|signs|sign|signing|concluded|ratified|initial(?:l)?ed)\b(?:[^.;]|\.\d){0,80}?\b(?:agreements?|accords?|treaty|treaties|compacts?|declaration|memorandum|deal|pact|protocol|convention|contract|loan|MoU|partnership)\b|\b(?:agreements?|accords?|treaty|compact|declaration|memorandum|pact|protocol|convention)\b(?:[^.;]|\.\d){0,40}?\b(?:was\s+|were\s+)?(?:signed|concluded|ratified)\b`), []string{"sign", "conclu", "ratif", "initial"}, nil},
	{"deployment", regexp.MustCompile(`(?i:\bdeploy(?:ed|s|ing|ment)?\b|\bairlift(?:ed|s)?\b|\b(?:sent|dispatched|stationed)\b(?:[^.;]|\.\d){0,50}\b(?:troops|soldiers|forces|personnel|advisers|advisors|warships|marines|battalion|contingent)\b)|\bOperation\s+\p{Lu}`), []string{"deploy", "airlift", "sent", "dispatch", "station", "operation"}, nil},
	{"mission-closed", regexp.MustCompile(`(?i)\b(?:clos(?:ed|es|ing|ure)|shut(?:\s+down)?)\b(?:[^.;]|\.\d){0,50}?\b(?:embassy|consulate|high\s+commission|legation)\b|\b(?:embassy|consulate|high\s+commission|legation)\b(?:[^.;]|\.\d){0,40}?\b(?:was|were|had\s+been)\s+(?:temporarily\s+)?(?:closed|shut)\b`), []string{"clos", "shut"}, nil},
	{"mission-opened", regexp.MustCompile(`(?i)\b(?:open(?:ed|s|ing)|reopen(?:ed|s|ing)|establish(?:ed|es)|inaugurat\w*|set\s+up)\b(?:[^.;]|\.\d){0,50}?\b(?:embassy|consulate|high\s+commission|legation)\b|\b(?:embassy|consulate|high\s+commission|legation)\b(?:[^.;]|\.\d){0,60}?\b(?:was|were|had\s+been)\s+(?:later\s+|first\s+|officially\s+)?(?:opened|reopened|established|inaugurated)\b|^\s*It\s+(?:was\s+)?(?:later\s+|first\s+)?(?:re)?opened\b`), []string{"open", "establish", "inaugurat", "set up"}, nil},
	{"coup", regexp.MustCompile(`(?i)\bcoups?\b|\bcoup\s+d['’]état\b|\bputsch\b|\bseized\s+power\b|\btook\s+power\b|\bmilitary\s+takeover\b|\boverthr(?:ew|own|ow)\b|\bousted\b|\btook\s+over\s+(?:the\s+)?(?:power|government|country)\b|\b(?:army|military|soldiers|junta|officers|forces)\b(?:[^.;]|\.\d){0,60}\b(?:removed|deposed|toppled|detained|arrested)\s+(?:the\s+)?(?:president|prime\s+minister|head\s+of\s+state|government)\b`), []string{"coup", "putsch", "power", "takeover", "overthr", "ousted", "took over", "removed", "deposed", "toppled", "detained", "arrested"}, nil},
	{"election", regexp.MustCompile(`(?i)\belections?\b|\bwas\s+(?:re-?)?elected\b`), []string{"elect"}, nil},
	{"visit", regexp.MustCompile(`(?i)\bvisit(?:ed|s|ing)?\b|\b(?:went|travel(?:l)?ed|flew|came|returned)\s+to\s+\p{Lu}|\battended\b(?:[^.;]|\.\d){0,40}\b(?:funeral|inauguration|ceremony|summit|celebrations?|conference)\b|\bcalled\s+at\b|\bhosted\b|\breceived\s+(?:the\s+)?(?:visiting\s+)?(?:president|prime\s+minister|king|queen|emperor|premier|chancellor|foreign\s+minister|delegation)\b|\bmet\b(?:[^.;]|\.\d){0,60}(?:White\s+House|Élysée|Elysee|Kremlin|Downing\s+Street)`), []string{"visit", "went", "travel", "flew", "came", "returned", "attended", "called at", "hosted", "received", "met"}, nil},
	{"other", regexp.MustCompile(`(?i)\bbecame\s+independent\s+from\b|\bindependence\s+from\b|\bgained\s+(?:its\s+)?independence\s+from\b|\b(?:troops|soldiers|forces|personnel|contingent)\b(?:[^.;]|\.\d){0,40}\b(?:left|withdrew|departed|pulled\s+out)\b|\bwithdrew\b(?:[^.;]|\.\d){0,30}\b(?:troops|soldiers|forces)\b|\bhanded\s+over\b(?:[^.;]|\.\d){0,60}\b(?:base|bases|camp|facility)\b|\b(?:opened|set\s+up)\b(?:[^.;]|\.\d){0,40}\boffice\b|\btook\s+over\b(?:[^.;]|\.\d){0,30}\brelations\b|\bsuccessor\s+state\b|\bmet\b|\b(?:compensation|reparations|apologi[sz]ed)\b|\bbegan\s+a\s+(?:military\s+)?campaign\b|\bmassacres?\b|\bgenocide\b`), []string{"independen", "left", "withdrew", "departed", "pulled out", "handed over", "opened", "set up", "took over", "successor", "met", "compensation", "reparations", "apologi", "campaign", "massacre", "genocide"}, nil},
})

var (
	// clauseSepRE cuts a sentence into clauses.
	// clauseCutRE finds where a sentence may be cut into clauses: at
	// semicolons and ", and" / ", but" always, at " and" when what
	// follows starts a clause (andClauseREs).
	clauseCutRE = prefilter.MustCompile(`;\s+|,\s+(?:and|but)\s+|\s+and\s+`)
	// andDateRE, andBothRE and andVerbRE start a clause after " and ": a
	// date ("and on 5 May"), the two sides ("and both countries"), a verb
	// of an event with the same subject ("and signed").
	andDateRE         = prefilter.MustCompile(`^(?:on|in)\s+(?:\d{1,2}\s+` + monthRE + `|` + monthRE + `|\d{4})`)
	andBothRE         = prefilter.MustCompile(`^(?:the\s+two|both)\s+(?:countries|governments|sides|nations|states)\b`)
	andVerbRE         = prefilter.MustCompile(`^(?:later\s+|then\s+|also\s+)?(?:signed|visited|deployed|suspended|imposed|established|resumed|restored|severed|cut\s+off|announced|opened|sent|met|concluded|ratified)\b`)
	sameDayRE         = prefilter.MustCompile(`(?i)\b(?:the\s+same\s+(?:day|month|year)|that\s+(?:same\s+)?(?:day|month|year)|later\s+that\s+(?:day|month|year))\b`)
	anaphorRE         = prefilter.MustCompile(`(?i)\b(?:the|that|this|its)\s+(?:(?:\d{4}|military|army|recent|first|second|same|state|official|presidential|general|previous|subsequent|last|\p{Lu}[\p{L}-]*)\s+){0,2}(coup|takeover|putsch|visit|trip|election|elections|agreement|accord|treaty|deployment|sanctions)\b`)
	independentFromRE = prefilter.MustCompile(`(?i)\bindependen(?:t|ce)\s+from\s+(?:the\s+)?`)
)

var anaphorTypes = map[string]string{
	"coup": "coup", "takeover": "coup", "putsch": "coup", "visit": "visit", "trip": "visit",
	"election": "election", "elections": "election", "agreement": "agreement", "accord": "agreement",
	"treaty": "agreement", "deployment": "deployment", "sanctions": "sanction",
}

// eventHit is an event found in the text.
type eventHit struct {
	rule           string
	typ            string
	date, dateText string
	summary        string
	start, end     int
}

func eventRule(rule string) func(c *Context) []Fact {
	return func(c *Context) []Fact {
		var out []Fact
		for _, h := range c.eventHits() {
			if h.rule != rule {
				continue
			}
			out = append(out, c.newFact("event", h.rule, h.start, h.end, map[string]any{
				"type": h.typ, "date": h.date, "date_text": h.dateText, "summary": h.summary,
			}))
		}
		return out
	}
}

// dated is the last event of a type, for clauses that refer to it.
type dated struct {
	d     dateMatch
	sent  int // index in c.sents
	start int // where its sentence starts
}

// eventHits finds every event of the document, once. Each event quotes
// its whole sentence (with a date-only fragment before it that a scrape
// cut off: "On August 11, 1960. The United States recognized ..."), so
// that the quote carries both the date and what happened; its summary is
// the clause.
func (c *Context) eventHits() []eventHit {
	if c.eventsDone {
		return c.events
	}
	c.eventsDone = true
	r := &eventReader{c: c, last: map[string]dated{}, carrySent: -1, lastDateSent: -1}
	for si := range c.sents {
		r.sentence(si)
	}
	return c.events
}

// eventReader reads the events of a document sentence by sentence,
// remembering the dates that later sentences may refer to.
type eventReader struct {
	c    *Context
	last map[string]dated // the last event of each type

	carry      *dateMatch // a date-only sentence just before
	carryStart int
	carrySent  int

	lastDate     *dateMatch // the last date of a sentence
	lastDateSent int
}

// sentence reads the events of sentence si.
func (r *eventReader) sentence(si int) {
	c, s := r.c, r.c.sents[si]
	if !s.terminal && !c.truncatedTail(si) {
		return // captions, headlines, list lines
	}
	if d, ok := c.dateOnly(s); ok {
		r.carry, r.carryStart, r.carrySent = &d, s.start, si
		return
	}
	sentStart := s.start
	var prev *dateMatch
	if r.carry != nil && r.carrySent == si-1 && c.sents[r.carrySent].unit == s.unit {
		prev, sentStart = r.carry, r.carryStart
	}
	r.carry = nil
	// "on the same day" may point at the last date of the sentence
	// before, in the same paragraph.
	before := r.lastDate
	if r.lastDateSent != si-1 || c.sents[max(0, si-1)].unit != s.unit {
		before = nil
	}
	used := map[string]bool{} // the dates events of this sentence took
	startAnchor := before     // the date a relative one is read against
	if prev != nil {
		startAnchor = prev
	}
	for _, cl := range c.clausesOf(s) {
		typ, tpos := c.classifyEvent(cl.start, cl.end)
		if typ == "" {
			if ds := c.dates(cl.start, cl.end); len(ds) > 0 {
				d := ds[len(ds)-1]
				prev = &d
			}
			continue
		}
		d, rule, qstart := r.clauseDate(si, cl, typ, tpos, prev, before, sentStart)
		if d == nil {
			continue
		}
		h := eventHit{rule: rule, typ: typ, date: d.iso, dateText: d.text, summary: summarize(c.text(cl.start, cl.end))}
		h.start, h.end = qstart, s.end
		c.events = append(c.events, h)
		r.last[typ] = dated{d: *d, sent: si, start: sentStart}
		used[d.iso+"\x00"+d.text] = true
		prev = d
	}
	c.events = append(c.events, c.datedClauses(s, sentStart, used, startAnchor)...)
	if ds := c.dates(s.start, s.end); len(ds) > 0 && ds[len(ds)-1].iso != "" {
		d := ds[len(ds)-1]
		r.lastDate, r.lastDateSent = &d, si
	} else if prev != nil {
		r.lastDate, r.lastDateSent = prev, si
	}
}

// clauseDate dates the event of type typ in clause cl of sentence si: a
// date of the clause (the nearest to the trigger at tpos), a date relative
// to the one before ("the next day"), the date before in the sentence for
// a clause that goes on with it, or the date of an earlier event the
// clause refers to ("following the coup"). It returns the rule that dated
// it and where its quote starts; d is nil when nothing dates it.
func (r *eventReader) clauseDate(si int, cl clause, typ string, tpos [2]int, prev, before *dateMatch, sentStart int) (d *dateMatch, rule string, qstart int) {
	c, s := r.c, r.c.sents[si]
	text := c.text(cl.start, cl.end)
	rule, qstart = ruleDated, sentStart
	if typ == "relations-established" || typ == "relations-restored" {
		rule = ruleRelations
	}
	if ds := c.dates(cl.start, cl.end); len(ds) > 0 {
		n := nearestDate(ds, tpos)
		return &n, rule, qstart
	}
	if relDateRE.MatchString(text) && (prev != nil || before != nil) {
		// "the next day", "a month later", "on the same day": read against
		// the date before, in this sentence or the last.
		anchor := prev
		if anchor == nil {
			anchor = before
			qstart = min(qstart, c.sents[si-1].start)
		}
		if anchor.end > 0 {
			// The quote reaches back to the date it is read against.
			qstart = min(qstart, c.sentenceStartAt(anchor.start))
		}
		if iso, ok := relativeDate(text, anchor.iso); ok {
			return &dateMatch{iso: iso}, ruleAnaphora, qstart
		}
		return nil, rule, qstart
	}
	if prev != nil && (cl.cont || (cl.semi && c.units[s.unit].kind == document.Item) || prev.start < s.start) {
		return prev, ruleAnaphora, qstart
	}
	m := anaphorRE.FindStringSubmatch(text)
	if m == nil {
		return nil, rule, qstart
	}
	at := anaphorTypes[strings.ToLower(m[1])]
	ref, ok := r.last[at]
	switch {
	case ok && at != typ && prev != nil && ref.sent == si:
		return prev, ruleAnaphora, qstart // the event the sentence dated just before
	case ok && at != typ && si-ref.sent <= 8:
		rd := ref.d
		if c.sents[ref.sent].unit == s.unit {
			qstart = min(qstart, ref.start)
		}
		return &rd, ruleAnaphora, qstart
	}
	return nil, rule, qstart
}

// truncatedTail reports the last sentence of a text cut off mid-sentence
// (a scrape that stops at a byte limit): long enough to be read.
func (c *Context) truncatedTail(si int) bool {
	s := c.sents[si]
	t := c.text(s.start, s.end)
	last, _ := utf8.DecodeLastRuneInString(t)
	return s.end == len(strings.TrimRight(c.Doc.Text, " \n\t")) && c.units[s.unit].kind == document.Paragraph &&
		unicode.IsLetter(last) && len(strings.Fields(t)) >= 8
}

// dateOnlyRE is a sentence that is nothing but a date: "On August 11,
// 1960." left by a scrape that cut a sentence in two.
var dateOnlyRE = prefilter.MustCompile(`^(?:(?:On|In|By|From|Since)\s+)?(.+?)\.?$`)

// dateOnly returns the date of a sentence that holds only a date.
func (c *Context) dateOnly(s sentence) (dateMatch, bool) {
	t := c.text(s.start, s.end)
	if len(t) > 40 {
		return dateMatch{}, false
	}
	m := dateOnlyRE.FindStringSubmatchIndex(t)
	if m == nil {
		return dateMatch{}, false
	}
	ds := c.dates(s.start+m[2], s.start+m[3])
	if len(ds) != 1 || ds[0].iso == "" || ds[0].start != s.start+m[2] || ds[0].end != s.start+m[3] {
		return dateMatch{}, false
	}
	return ds[0], true
}

var (
	// andThenRE: a second action after a clause's date, which a relative
	// date may follow ("recalled its envoy on 5 May and ... the next day").
	andThenRE = prefilter.MustCompile(`\band\b`)
	// actionWords say that something happened: verbs in the past that do
	// not end in -ed, and nouns of events. A clause without one, nor a
	// verb in -ed ("Hue was the capital until 1945"), states how things
	// were.
	actionWords = wordSet(`began begun became broke brought built bought came chose cut drew fell fought forbade
		gave grew held hid hit kept laid led left lost made met overthrew paid put ran rose sent set shot sold
		sought spent split spoke stood struck swore took threw told undertook went withdrew won wrote fled found
		flew froze drove dealt fed felt heard hung lent lit meant rode said sank shook slid stole stuck swept
		taught thought tore wore wound bore coup coups attack attacks bombing bombings visit visits agreement
		agreements treaty treaties accord accords election elections independence war invasion summit conference
		forum massacre uprising revolution referendum crisis earthquake strike assassination death request
		transition ceasefire speech statement`)
	// actionStems are the beginnings of more such words.
	actionStems = []string{"accus", "announc", "declar", "launch", "sign"}
	// yearRangeEndRE is what stands before the year that ends a range:
	// "1864–", "1960 to ".
	// shortRangeRE follows a year that starts a range written short:
	// "1968-74".
	shortRangeRE   = prefilter.MustCompile(`^[-–—]\d{2}\b`)
	yearRangeEndRE = prefilter.MustCompile(`\b\d{4}\s*(?:[-–—]|\s+to\s+|\s+and\s+)$`)
)

// datedClauses gives an event (type "other" unless a trigger says more)
// for every full or partial date of a sentence that no trigger took: a
// dated sentence of an article about two countries tells of a change in
// their relations ("In 2016, Japan built two bridges in Laos."). A
// sentence that gives shares (a poll), a clause with no word of action,
// a year in a range, relations with a third country and a clause about no
// country of the pair (nor a pronoun that can stand for one) give none.
func (c *Context) datedClauses(s sentence, quoteStart int, used map[string]bool, anchor *dateMatch) []eventHit {
	if len(c.sharesIn(s)) > 0 {
		return nil
	}
	var out []eventHit
	last := ""
	if anchor != nil {
		last = anchor.iso
	}
	for _, cl := range c.clausesOf(s) {
		text := c.text(cl.start, cl.end)
		ds := c.dates(cl.start, cl.end)
		// "Russia recalled its ambassador the next day", also after a date
		// of the same clause ("recalled its envoy on 5 May and ... the
		// next day").
		from, base := cl.start, last
		if len(ds) > 0 && ds[len(ds)-1].iso != "" {
			from, base = ds[len(ds)-1].end, ds[len(ds)-1].iso
			if !andThenRE.MatchString(c.text(from, cl.end)) {
				base = "" // "on 28 December 1929, a day later remembered as ...": no second date
			}
		}
		if iso, ok := relativeDate(c.text(from, cl.end), base); ok {
			ds = append(ds, dateMatch{start: from, end: from, iso: iso})
		}
		if len(ds) > 0 && ds[len(ds)-1].iso != "" {
			last = ds[len(ds)-1].iso
		}
		if !hasAction(text) || (eventTriggers[0].matches(text) || eventTriggers[1].matches(text)) && !c.relationsOfPair(cl.start, cl.end) {
			continue
		}
		for _, d := range ds {
			if d.iso == "" || used[d.iso+"\x00"] {
				continue
			}
			if len(d.iso) == 4 && (yearRangeEndRE.MatchString(c.text(cl.start, d.start)) || shortRangeRE.MatchString(c.text(d.end, cl.end)) ||
				strings.HasSuffix(strings.TrimSpace(c.text(cl.start, d.start)), "between")) {
				continue // "1864–1870" is dated by its start; "1968-74" and "between 1960 and 1967" not at all
			}
			used[d.iso+"\x00"] = true
			typ, _ := c.classifyEvent(cl.start, cl.end)
			if typ == "" || typ == "relations-established" || typ == "relations-restored" {
				typ = "other"
			}
			out = append(out, eventHit{rule: ruleDated, typ: typ, date: d.iso, summary: summarize(text), start: quoteStart, end: s.end})
		}
	}
	return out
}

// clause is a part of a sentence; cont is set when it continues the one
// before with a new verb and the same subject ("... visited Lagos and
// signed a partnership"), so it shares its date.
type clause struct {
	start, end int
	cont       bool // after " and <verb>"
	semi       bool // after a semicolon
}

// clausesOf returns the clauses of sentence s, cut once: the events and
// the dated clauses read them both.
func (c *Context) clausesOf(s sentence) []clause {
	if c.clauses != nil && c.clausesFor == [2]int{s.start, s.end} {
		return c.clauses
	}
	c.clauses, c.clausesFor = splitClauses(c.Doc.Text, s.start, s.end), [2]int{s.start, s.end}
	return c.clauses
}

// splitClauses cuts text[start:end] into clauses: at semicolons, at ", and"
// / ", but", before " and on <date>", before " and the two countries", and
// before " and <verb of an event>" (the conjunction is dropped).
func splitClauses(text string, start, end int) []clause {
	s := text[start:end]
	var out []clause
	a, cont, semi := 0, false, false
	for _, m := range clauseCutRE.FindAllStringIndex(s, -1) {
		next, nextCont, nextSemi := m[1], false, s[m[0]] == ';'
		if cut := s[m[0]:m[1]]; !nextSemi && !strings.HasPrefix(cut, ",") {
			// A plain " and ": a cut only before a new clause.
			rest := s[m[1]:]
			switch {
			case andDateRE.MatchString(rest), andBothRE.MatchString(rest):
			case andVerbRE.MatchString(rest):
				nextCont = true
			default:
				continue
			}
		}
		if m[0] > a {
			out = append(out, clause{start + a, start + m[0], cont, semi})
		}
		a, cont, semi = next, nextCont, nextSemi
	}
	if a < len(s) {
		out = append(out, clause{start + a, end, cont, semi})
	}
	return out
}

// classifyEvent returns the type of the first trigger that matches
// text[start:end] and where it is; "" when none does.
func (c *Context) classifyEvent(start, end int) (string, [2]int) {
	k := [2]int{start, end}
	if r, ok := c.classified[k]; ok {
		return r.typ, r.at
	}
	typ, at := c.classifyClause(start, end)
	if c.classified == nil {
		c.classified = map[[2]int]classified{}
	}
	c.classified[k] = classified{typ, at}
	return typ, at
}

// classified is a clause's event type and where its trigger is.
type classified struct {
	typ string
	at  [2]int
}

func (c *Context) classifyClause(start, end int) (string, [2]int) {
	s := c.text(start, end)
	lower := " " + strings.ToLower(s) // a hint may start with a space: " aid"
	for _, t := range eventTriggers {
		if !t.mayMatch(lower) {
			continue
		}
		// The first match is most often taken: the others (up to 8) are
		// looked for only when it is not.
		first := t.fast.split.findIndex(s, lower)
		if first == nil {
			continue
		}
		if c.triggerHolds(t, first, start, end) {
			return t.typ, [2]int{start + first[0], start + first[1]}
		}
		for _, loc := range t.re.FindAllStringIndex(s, 8)[1:] {
			if c.triggerHolds(t, loc, start, end) {
				return t.typ, [2]int{start + loc[0], start + loc[1]}
			}
		}
	}
	return "", [2]int{}
}

// triggerHolds reports whether the match of trigger t at loc of the
// clause text[start:end] says an event of the pair.
func (c *Context) triggerHolds(t eventTrigger, loc []int, start, end int) bool {
	s := c.text(start, end)
	switch {
	case t.typ == "other" && independentFromRE.MatchString(s[loc[0]:loc[1]]) && !c.independentFromPartner(start+loc[1], end):
		return false
	case (t.typ == "relations-established" || t.typ == "relations-restored") && !c.relationsOfPair(start, end):
		return false
	case t.typ == "recognition" && !c.recognizesState(start+loc[1], end):
		return false // "recognized Ouattara as the winner"
	}
	return true
}

// recognizedRE is what a state recognizes: another state, its government
// or its independence.
var recognizedRE = prefilter.MustCompile(`^\s+(?:the\s+)?(?:(?:new|newly\s+independent|independent|provisional|transitional)\s+)?(?:Republic|Kingdom|State|Federation|Union|Government|government|independence|sovereignty|People's|Democratic)\b`)

// recognizesState reports whether the words after "recognized" at
// text[at:end] name a state of the pair, a republic, a government or an
// independence.
func (c *Context) recognizesState(at, end int) bool {
	if recognizedRE.MatchString(c.text(at, end)) {
		return true
	}
	for _, m := range c.mentions(at, min(end, at+40)) {
		return c.inPair(m.code) && strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.text(at, m.start)), "the")) == ""
	}
	return false
}

// independentFromPartner reports whether the country after "independent
// from" is a member of the pair (independence from Portugal is not an
// event of Japan–Mozambique relations).
func (c *Context) independentFromPartner(at, end int) bool {
	for _, m := range c.mentions(at, end) {
		return c.inPair(m.code) && strings.TrimSpace(c.text(at, m.start)) == ""
	}
	return false
}

// relationsOfPair rejects relations a member established with a third
// country: the clause names a country outside the pair and not both
// members.
func (c *Context) relationsOfPair(start, end int) bool {
	own := map[string]bool{}
	third := false
	for _, m := range c.mentions(start, end) {
		if c.inPair(m.code) {
			own[m.code] = true
		} else {
			third = true
		}
	}
	return !third || len(own) == 2
}

// nearestDate returns the date closest to the trigger at [pos[0],
// pos[1]), preferring one after it on a tie.
func nearestDate(ds []dateMatch, pos [2]int) dateMatch {
	best, bestDist := ds[0], -1
	for _, d := range ds {
		dist := 0
		switch {
		case d.start >= pos[1]:
			dist = d.start - pos[1]
		case d.end <= pos[0]:
			dist = pos[0] - d.end + 1
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = d, dist
		}
	}
	return best
}

// summarize writes a clause as a one-line summary: white space collapsed,
// leading conjunction dropped, first letter in capitals, one final period,
// at most about 40 words.
func summarize(clause string) string {
	words := strings.Fields(clause)
	for len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "and", "but", "while", "whereas":
			words = words[1:]
			continue
		}
		break
	}
	if len(words) > 40 {
		words = words[:40]
	}
	s := strings.Join(words, " ")
	s = strings.TrimRight(s, ",;: ")
	if r, size := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	if s != "" && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// hasAction reports whether text holds a word that says something
// happened: a verb in -ed (in lower case: "United" is a name), one of
// actionWords, or a word starting with one of actionStems.
func hasAction(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if len(w) > 4 && strings.HasSuffix(w, "ed") && unicode.IsLower(rune(w[0])) {
			return true
		}
		lw := strings.ToLower(w)
		if actionWords[lw] {
			return true
		}
		for _, stem := range actionStems {
			if strings.HasPrefix(lw, stem) {
				return true
			}
		}
	}
	return false
}

// sentenceStartAt returns where the sentence holding offset at starts.
func (c *Context) sentenceStartAt(at int) int {
	for _, s := range c.sents {
		if s.start <= at && at < s.end {
			return s.start
		}
	}
	return at
}
