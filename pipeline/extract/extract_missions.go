package extract

import (
	"slices"
	"strings"

	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
)

// Diplomatic missions: "There is a U.S. Embassy in Bamako, Mali.", "China
// maintains an embassy in Accra.", "India has a High Commission in Abuja
// and a Consulate-General in Lagos.", "Embassy of Japan in Maputo",
// "Embassy of Burkina Faso, Washington, D.C.", "The U.S. Embassy is
// located in Abidjan." The sending country comes from a name, an
// abbreviation or a demonym; the host is the other member of the pair.
// Negated, closed, former and planned missions give nothing, nor does a
// count of missions in a country ("three consulates in China").

// Mission patterns, also the suffixes of the rule ids.
const (
	patThereIs    = "missions.there-is"
	patCountryHas = "missions.country-has"
	patOfCountry  = "missions.of-country"
	patAdjective  = "missions.adjective"
	patDefinite   = "missions.definite"
)

var (
	missionTypeRE = prefilter.MustCompile(`\b(?:[Ee]mbass(?:y|ies)|(?:[Hh]onorary )?[Cc]onsulates?[- ][Gg]eneral|(?:[Hh]onorary )?[Cc]onsulates?|[Hh]onorary [Cc]onsuls?|(?:[Dd]eputy )?[Hh]igh [Cc]ommissions?|[Ll]iaison [Oo]ffices?|[Ii]nterests? [Ss]ections?)\b`)
	// missionNegRE: a clause that denies, closes, ends or plans a mission.
	missionNegRE  = prefilter.MustCompile(`(?i)\b(?:no|not|never|without|closed|closes|closing|closure|former|formerly|no longer|until|shut|plans?|planned|will|would|proposed|intends?|intended|had|moved|relocated|used to|once)\b|n't\b`)
	perfectRE     = prefilter.MustCompile(`\b(?:has|have)\s+had\b`) // "has had an embassy since 1975" is not past
	representedRE = prefilter.MustCompile(`\b(?:is|are)\s+represented\b.*\b(?:by|through)\s+(?:an?\s+|its\s+|their\s+)?$`)
	thereIsRE     = prefilter.MustCompile(`(?i)\bthere\s+(?:is|are|was)\s+(?:also\s+)?(?:an?\s+|one\s+|the\s+)?$`)
	hasVerbRE     = prefilter.MustCompile(`^(?:,\s*[^,]{1,30},)?\s+(?:(?:also|since|now|still|later|then|further|additionally|currently|too|once\s+again|again)\s+)*(?:maintains?|maintained|(?:has|have)(?:\s+(?:long\s+|since\s+|also\s+|now\s+)?(?:had|maintained|kept|opened|reopened|added|established|set\s+up|built))?|operates?|operated|keeps?|kept|runs?|opened|reopened|established|hosts?|added|set\s+up|created|inaugurated|built)\s+(?:also\s+)?(?:an?\s+|its\s+(?:own\s+)?|their\s+(?:own\s+)?|one\s+|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|\d{1,2})\s+)?$`)
	continueRE    = prefilter.MustCompile(`(?:\band|\bplus|\bas\s+well\s+as|,)\s+(?:also\s+)?(?:an?\s+|its\s+|one\s+|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|\d{1,2})\s+)?$`)
	articleRE     = prefilter.MustCompile(`(?i)(?:^|\s)(?:the|an?|its)\s+$`)
	// pluralInRE introduces the cities of several missions: "consulates in
	// eleven U.S. cities, including Houston, ...", ", including in ...".
	pluralInRE = prefilter.MustCompile(`^,?\s+(?:(?:in|across|throughout)\s+[^,.;]{1,40}?,?\s+)?(?:including|such\s+as|among\s+them(?:\s+those)?|notably|namely)\s+(?:those\s+)?(?:in\s+)?`)
	// toInRE: "its embassy to the United States in Washington".
	toInRE    = prefilter.MustCompile(`^\s+(?:to|for)\s+(?:the\s+)?[^,.;]{2,40}?\s+in\s+`)
	inRE      = prefilter.MustCompile(`^,?\s+(?:(?:is|are)\s+)?(?:(?:located|situated|based)\s+)?in\s+`)
	locatedRE = prefilter.MustCompile(`^,?\s+(?:is|are)\s+(?:located|situated|based)\s+in\s+`)
	ofRE      = prefilter.MustCompile(`^\s+of\s+(?:the\s+)?`)
	atRE      = prefilter.MustCompile(`^\s+at\s+`)
	// sharedCityRE: a second mission that gives the city for both.
	sharedCityRE = prefilter.MustCompile(`^\s+and\s+(?:an?\s+)?(?:[Ee]mbassy|[Cc]onsulate(?:[- ][Gg]eneral)?|[Hh]igh [Cc]ommission)\s+(?:in|at)\s+`)
	// atEmbassyRE is the protecting power's embassy that houses an
	// interests section.
	atEmbassyRE = prefilter.MustCompile(`^\s+(?:at|in|within)\s+the\s+(?:\p{Lu}\S*\s+){1,2}[Ee]mbassy\s+in\s+`)
	// indefiniteRE: "A consulate-general in ...", "and a consulate in".
	indefiniteRE = prefilter.MustCompile(`(?i)(?:^|\s)(?:an?|one)\s+$|^\s*$`)
	// definiteRE: a mission named by its place alone, "the embassy".
	definiteRE = prefilter.MustCompile(`(?i)(?:^|\s)(?:the|its)\s+(?:new\s+|main\s+)?$`)
	// upgradeRE: a consulate or legation raised to an embassy.
	// elevationRE and toEmbassyRE: "the elevation of the Consulate
	// General at Vientiane to Embassy status".
	elevationRE = prefilter.MustCompile(`(?i)\b(?:elevation|upgrad(?:e|ing)|raising)\s+of\s+(?:the\s+|its\s+)?(?:\S+\s+)?$`)
	toEmbassyRE = prefilter.MustCompile(`(?i)^[^.;]{0,40}?\bto\s+(?:an?\s+|full\s+)?embassy\b`)
	upgradeRE   = prefilter.MustCompile(`(?i)^[^.;]{0,60}?\b(?:elevat\w*|upgrad\w*|raised|promoted|converted)\b[^.;]{0,60}?\bto\s+(?:an?\s+|full\s+)?embassy\b`)
	parenRE     = prefilter.MustCompile(`^\s*\([^()]{1,30}\)`)
	cityLinkRE  = prefilter.MustCompile(`^(?:,\s+|\s+and\s+|,\s+and\s+|\s+or\s+)`)
)

// cityConnectors may stand in lower case inside a city name.
var cityConnectors = map[string]bool{
	"los": true, "las": true, "de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "di": true, "du": true,
	"la": true, "le": true, "el": true, "al": true, "es": true, "of": true, "upon": true, "on": true,
	"sur": true, "am": true, "an": true, "der": true, "en": true,
}

// missionHit is a mission found in the text.
type missionHit struct {
	rule               string
	typ, sending, host string
	city               string
	start, end         int // the quote
}

func missionRule(pattern string) func(c *Context) []Fact {
	return func(c *Context) []Fact {
		var out []Fact
		for _, h := range c.missionHits() {
			if h.rule != pattern {
				continue
			}
			out = append(out, c.newFact("mission", h.rule, h.start, h.end, map[string]any{
				"type": h.typ, "sending": h.sending, "host": h.host, "city": h.city,
			}))
		}
		return out
	}
}

// missionHits finds every mission of the document, once.
func (c *Context) missionHits() []missionHit {
	if c.missionsDone {
		return c.missions
	}
	c.missionsDone = true
	for _, s := range c.sents {
		c.missions = append(c.missions, c.missionsIn(s)...)
	}
	return c.missions
}

// missionsIn reads the missions of one sentence.
func (c *Context) missionsIn(s sentence) []missionHit {
	locs := missionTypeRE.FindAllStringIndex(c.text(s.start, s.end), 40)
	if len(locs) == 0 {
		return nil
	}
	ms := c.mentionsWithCapitals(s.start, s.end)
	var out []missionHit
	var prev *missionHit // the mission before in the sentence, a copy
	for _, loc := range locs {
		hits, negated := c.missionAt(s, ms, s.start+loc[0], s.start+loc[1], prev)
		if negated {
			prev = nil
			continue
		}
		if len(hits) == 0 {
			continue
		}
		out = append(out, hits...)
		last := hits[len(hits)-1]
		prev = &last
	}
	return out
}

// missionAt reads the mission whose word is at text[ts:te] in sentence s:
// whose it is, where, and of what type; one hit per city. negated says the
// clause denies, closes or plans it.
func (c *Context) missionAt(s sentence, ms []mention, ts, te int, prev *missionHit) (hits []missionHit, negated bool) {
	text := c.Doc.Text
	typ, plural := missionType(text[ts:te])
	if missionNegRE.MatchString(perfectRE.ReplaceAllString(clauseAround(text, s.start, s.end, ts), "has")) {
		return nil, true
	}
	upgrade := typ != "embassy" && (upgradeRE.MatchString(text[ts:s.end]) ||
		elevationRE.MatchString(text[max(s.start, ts-40):ts]) && toEmbassyRE.MatchString(text[te:s.end]))
	var h missionHit
	cityAt, comma := -1, false
	if ofRE.MatchString(text[te:s.end]) {
		// "Embassy of Japan in Maputo", "Embassy of Burkina Faso, Washington, D.C."
		var ok bool
		if h, cityAt, comma, ok = c.missionOf(s, ms, te); !ok {
			return nil, false
		}
	} else {
		var ok bool
		if h, ok = c.missionOwner(s, ms, ts, plural, prev); !ok {
			return nil, false
		}
		cityAt = c.missionCityAt(te, s.end, typ, plural, upgrade)
	}
	if upgrade {
		typ = "embassy" // "the Consulate General at Vientiane" became one
	}
	if cityAt < 0 || h.sending != "" && !c.inPair(h.sending) {
		return nil, false
	}
	if h.sending == "" {
		if h.sending = c.sendingToCity(cityAt, s.end, upgrade); h.sending == "" {
			return nil, false
		}
	}
	h.typ, h.host = typ, c.other(h.sending)
	h.start, h.end = s.start, s.end
	cities, cityEnd, ok := c.cities(cityAt, s.end, plural, h.host)
	if !ok {
		// "The U.S. Embassy in Guinea is located in Conakry": the host,
		// then the city.
		if m, found := mentionAt(ms, cityAt); found && m.code == h.host {
			if l := locatedRE.FindString(text[m.end:s.end]); l != "" {
				cities, cityEnd, ok = c.cities(m.end+len(l), s.end, plural, h.host)
			}
		}
		if !ok {
			return nil, false
		}
	}
	if comma && strings.Trim(text[cityEnd:s.end], " .") != "" {
		return nil, false
	}
	for _, city := range cities {
		if ct, known := normalize.LookupCity(city); known && ct.Country != h.host && !upgrade {
			continue // a mission in a third country: "accredited from its embassy in Paris"
		}
		hc := h
		hc.city = city
		hits = append(hits, hc)
	}
	return hits, false
}

// missionOf reads "Embassy of Japan in Maputo", or an infobox line
// "Embassy of Burkina Faso, Washington, D.C.", after the mission word
// ending at te: the sending country and where the city starts.
func (c *Context) missionOf(s sentence, ms []mention, te int) (h missionHit, cityAt int, comma, ok bool) {
	text := c.Doc.Text
	at := te + len(ofRE.FindString(text[te:s.end]))
	m, found := mentionAt(ms, at)
	if !found {
		return missionHit{}, -1, false, false
	}
	h = missionHit{rule: patOfCountry, sending: m.code}
	rest := text[m.end:s.end]
	sent := text[s.start:s.end]
	if l := inRE.FindString(rest); l != "" {
		return h, m.end + len(l), false, true
	}
	if strings.HasPrefix(rest, ", ") && s.start == c.units[s.unit].start && s.end == c.units[s.unit].end && !strings.Contains(sent, "\n") && len(sent) <= 100 {
		return h, m.end + 2, true, true // an infobox line: the city runs to its end
	}
	return h, -1, false, true
}

// missionOwner finds whose the mission whose word starts at ts is: a
// country named right before it ("There is a U.S. Embassy", "the Japanese
// embassy"), the subject of "has", "maintains", "opened" ..., "X is
// represented by", the mission before ("an embassy and a consulate"), or
// none yet ("the embassy in Kathmandu": the city will tell); on a page
// about one mission, that mission's country.
func (c *Context) missionOwner(s sentence, ms []mention, ts int, plural bool, prev *missionHit) (missionHit, bool) {
	text := c.Doc.Text
	before := text[s.start:ts]
	m, ok := mentionEndingAt(ms, ts, text)
	switch {
	case ok && articleOrStart(text[s.start:m.start]) && thereIsRE.MatchString(text[s.start:m.start]):
		return missionHit{rule: patThereIs, sending: m.code}, true
	case ok && articleOrStart(text[s.start:m.start]):
		return missionHit{rule: patAdjective, sending: m.code}, true
	case hasVerbRE.MatchString(subjectGap(ms, before, s.start)):
		sm, _ := lastMentionBefore(ms, ts)
		return missionHit{rule: patCountryHas, sending: sm.code}, true
	case representedRE.MatchString(before) && len(ms) > 0 && ms[0].start < ts:
		// "Angola is represented in Brazil by an embassy in Brasília"
		return missionHit{rule: patCountryHas, sending: ms[0].code}, true
	case prev != nil && continueRE.MatchString(before):
		return missionHit{rule: prev.rule, sending: prev.sending}, true
	case !ok && !plural && definiteRE.MatchString(before):
		return missionHit{rule: patDefinite}, true
	case !ok && c.missionPage != "" && (plural || indefiniteRE.MatchString(before)):
		// A page about one mission: "The embassy is supported by
		// consulates-general in ...", "A consulate-general in ... followed".
		return missionHit{rule: patDefinite, sending: c.missionPage}, true
	}
	return missionHit{}, false
}

// missionCityAt finds where the city of a mission whose word ends at te
// starts: after "in", a list's "including", "at" for a consulate raised
// to an embassy, "at the Swiss embassy in" for an interests section, "to
// X in", or a second mission's "and a consulate in"; -1 when none.
func (c *Context) missionCityAt(te, end int, typ string, plural, upgrade bool) int {
	rest := c.text(te, end)
	if l := pluralInRE.FindString(rest); l != "" && plural {
		return te + len(l)
	}
	for _, re := range []*prefilter.Regexp{inRE, atRE, atEmbassyRE, toInRE, sharedCityRE} {
		l := re.FindString(rest)
		switch {
		case l == "":
			continue
		case re == atRE && !upgrade:
			continue
		case re == atEmbassyRE && typ != "interests-section" && typ != "liaison-office":
			continue
		}
		return te + len(l)
	}
	return -1
}

// missionType maps the words of a mission to the schema's type.
func missionType(w string) (typ string, plural bool) {
	l := strings.ToLower(strings.ReplaceAll(w, "-", " "))
	l = strings.TrimPrefix(strings.TrimPrefix(l, "deputy "), "honorary ")
	if strings.HasPrefix(l, "consul") && !strings.HasPrefix(l, "consulate") {
		return "consulate", l == "consuls" // honorary consuls keep consulates
	}
	switch {
	case strings.HasPrefix(l, "embass"):
		return "embassy", l == "embassies"
	case strings.HasPrefix(l, "consulate") && strings.HasSuffix(l, "general"):
		return "consulate-general", strings.HasPrefix(l, "consulates")
	case strings.HasPrefix(l, "consulate"):
		return "consulate", l == "consulates"
	case strings.HasPrefix(l, "high commission"):
		return "high-commission", strings.HasSuffix(l, "s")
	case strings.HasPrefix(l, "liaison"):
		return "liaison-office", strings.HasSuffix(l, "s")
	}
	return "interests-section", strings.HasSuffix(l, "s")
}

// clauseAround returns the clause of text[start:end] that holds pos: the
// sentence cut at semicolons and at ", but" / ", while".
func clauseAround(text string, start, end, pos int) string {
	s := text[start:end]
	p := pos - start
	a, b := 0, len(s)
	for _, sep := range []string{"; ", ", but ", ", while ", ", whereas ", ", although "} {
		if i := strings.LastIndex(s[:p], sep); i >= 0 && i+len(sep) > a {
			a = i + len(sep)
		}
		if i := strings.Index(s[p:], sep); i >= 0 && p+i < b {
			b = p + i
		}
	}
	return s[a:b]
}

func mentionAt(ms []mention, at int) (mention, bool) {
	for _, m := range ms {
		if m.start == at {
			return m, true
		}
	}
	return mention{}, false
}

// mentionEndingAt finds a country named right before pos ("U.S. Embassy",
// "Japanese consulate"), separated by white space only.
func mentionEndingAt(ms []mention, pos int, text string) (mention, bool) {
	for _, m := range ms {
		if m.end > pos {
			continue
		}
		gap := strings.TrimSpace(text[m.end:pos])
		if (gap == "" || gap == "'s" || gap == "’s") && pos-m.end <= 5 {
			return m, true
		}
	}
	return mention{}, false
}

func lastMentionBefore(ms []mention, pos int) (mention, bool) {
	var best mention
	found := false
	for _, m := range ms {
		if m.end <= pos {
			best, found = m, true
		}
	}
	return best, found
}

// subjectGap returns the text between the last country named before the
// mission and the mission ("China| maintains an |embassy"), or "" when no
// country is named before it.
func subjectGap(ms []mention, before string, base int) string {
	m, ok := lastMentionBefore(ms, base+len(before))
	if !ok {
		return ""
	}
	return before[m.end-base:]
}

// articleOrStart reports whether a country named after s stands where an
// attribute does: at the start, or after an article ("There is a| U.S.
// Embassy", "The| U.S. Embassy").
func articleOrStart(s string) bool {
	return strings.TrimSpace(s) == "" || articleRE.MatchString(s)
}

// cities reads the city (or, for a plural type, the cities) at text[at:end]:
// capitalized words with lower-case connectors ("Rio de Janeiro"), "D.C."
// after Washington, and a trailing ", Country" that must be the host. A
// country in place of a city ("three consulates in China") gives nothing.
func (c *Context) cities(at, end int, plural bool, host string) ([]string, int, bool) {
	var out []string
	last := at
	for {
		city, next, ok := c.city(at, end, host)
		if !ok {
			break
		}
		out = append(out, city)
		last = next
		if !plural {
			break
		}
		if p := parenRE.FindString(c.Doc.Text[next:end]); p != "" {
			next += len(p) // "Denpasar (Bali)"
		}
		l := cityLinkRE.FindString(c.Doc.Text[next:end])
		if l == "" {
			break
		}
		at = next + len(l)
	}
	return out, last, len(out) > 0
}

// city reads one city name at text[at:end].
func (c *Context) city(at, end int, host string) (string, int, bool) {
	text := c.Doc.Text
	toks := tokenize(text, at, end)
	if len(toks) == 0 || toks[0].start != at || !isCapitalized(toks[0].text) {
		return "", 0, false
	}
	n := 1
	for n < len(toks) && n < 7 {
		gap := text[toks[n-1].end:toks[n].start]
		if gap != " " {
			break
		}
		if isCapitalized(toks[n].text) {
			n++
			continue
		}
		// Connectors, one or two, before a capitalized word: "Rio de
		// Janeiro", "Santa Cruz de la Sierra".
		k := n
		for k < len(toks) && k-n < 2 && cityConnectors[toks[k].text] && text[toks[k].end:min(len(text), toks[k].end+1)] == " " {
			k++
		}
		if k > n && k < len(toks) && text[toks[k-1].end:toks[k].start] == " " && isCapitalized(toks[k].text) {
			n = k + 1
			continue
		}
		break
	}
	// Stop before words that are not part of a place ("Paris also covers").
	cityEnd := toks[n-1].end
	name := text[at:cityEnd]
	// "Washington, D.C."
	if strings.HasPrefix(text[cityEnd:end], ", D.C.") {
		cityEnd += len(", D.C.")
		name = text[at:cityEnd]
	} else if strings.HasSuffix(name, ".") && !strings.HasSuffix(name, "D.C.") {
		name = strings.TrimSuffix(name, ".")
		cityEnd--
	}
	if code := c.country(name); code != "" && (c.inPair(code) || !cityStates[foldKey(name)]) {
		return "", 0, false // a country, not a city: "three consulates in China"
	}
	if nonNameWords[strings.ToLower(name)] || cityStop[strings.ToLower(name)] {
		return "", 0, false
	}
	// A trailing country: "Bamako, Mali".
	if strings.HasPrefix(text[cityEnd:end], ", ") {
		for _, m := range c.mentions(cityEnd+2, end) {
			if m.start != cityEnd+2 {
				break
			}
			if ct, ok := normalize.LookupCity(text[m.start:m.end]); ok && ct.Country == host {
				break // the next city of a list: "Shanghai, Hong Kong"
			}
			if m.code != host {
				return "", 0, false
			}
			cityEnd = m.end
		}
	}
	if v, ok := normString("whitespace", name); ok {
		name = v
	}
	return name, cityEnd, name != ""
}

// cityStates are places with a country code that are also the city a
// mission is in.
var cityStates = map[string]bool{
	"hong kong": true, "macau": true, "macao": true, "singapore": true, "monaco": true,
	"san marino": true, "gibraltar": true, "djibouti": true, "luxembourg": true, "kuwait": true,
	"vatican city": true, "bahrain": true,
}

// cityStop are capitalized words that follow "in" but are no city.
var cityStop = map[string]bool{
	"the": true, "this": true, "that": true, "its": true, "their": true, "his": true, "her": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"africa": true, "europe": true, "asia": true, "america": true, "each": true, "both": true,
}

// sendingToCity finds whose mission stands in the city at text[at:end]
// when the text names no country ("the embassy in Kathmandu"): the member of
// the pair that is not the city's country. A consulate raised to an
// embassy in a city outside the pair (a consulate general raised to an
// embassy in the seat of a federation that later broke up) is the mission of the member
// whose missions the document tells of.
func (c *Context) sendingToCity(at, end int, upgrade bool) string {
	toks := tokenize(c.Doc.Text, at, end)
	for n := min(4, len(toks)); n >= 1; n-- {
		city, ok := normalize.LookupCity(c.Doc.Text[at:toks[n-1].end])
		if !ok {
			continue
		}
		if c.inPair(city.Country) {
			return c.other(city.Country)
		}
		break
	}
	if upgrade {
		return c.defaultServing()
	}
	return ""
}

// mentionsWithCapitals is mentions, with the capital of a member of the
// pair that starts a clause read as its country: "Seoul kept an embassy
// in Saigon", "Bangkok reopened its embassy".
func (c *Context) mentionsWithCapitals(start, end int) []mention {
	ms := c.mentions(start, end)
	toks := tokenize(c.Doc.Text, start, end)
	for i, t := range toks {
		if !isCapitalized(t.text) || (i > 0 && !clauseStartRE.MatchString(c.text(toks[i-1].start, t.start))) {
			continue
		}
		for n := min(3, len(toks)-i); n >= 1; n-- {
			e := toks[i+n-1].end
			city, ok := normalize.LookupCity(c.text(t.start, e))
			if !ok || !city.Capital || !c.inPair(city.Country) {
				continue
			}
			m := mention{start: t.start, end: e, code: city.Country}
			at := slices.IndexFunc(ms, func(x mention) bool { return x.start >= m.start })
			if at < 0 {
				at = len(ms)
			}
			if at < len(ms) && ms[at].start < m.end {
				break
			}
			ms = slices.Insert(ms, at, m)
			break
		}
	}
	return ms
}

// clauseStartRE is what may stand before a word that starts a clause.
var clauseStartRE = prefilter.MustCompile(`(?:[.;:]\s+|,\s+(?:and|while|but|whereas)\s+|;\s+|\s+(?:and|while|whereas)\s+)$`)
