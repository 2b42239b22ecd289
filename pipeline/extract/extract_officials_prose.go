package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
)

// Officials named in prose, with a diplomatic title: "with NAME serving as
// Chargé d'Affaires ad interim", "NAME as the Principal Officer and Chargé
// d'Affaires ad interim", "NAME, the American Consul at CITY, presenting
// his credentials as Chargé d'Affaires", "NAME was appointed ambassador",
// "U.S. Ambassador NAME", "the ambassador to X, NAME,". Only titles of a
// mission count (ambassadors, chargés, consuls, high commissioners,
// envoys, heads and deputy heads of mission, attachés): a president or a
// minister named in a story is not an official of a mission. The country
// is the one the title names ("U.S. Ambassador", "ambassador to Chad"
// names the other), else the one whose officials the document lists.

const diplomaticTitle = `(?:Ambassador(?:[- ]designate|\s+Extraordinary\s+and\s+Plenipotentiary)?|Charg[ée]e?s?\s+d['’]\s?[Aa]ffaires(?:\s+(?:ad\s+interim|a\.\s?i\.|en\s+pied))?|Principal\s+Officer|Consul[- ]General|Consul|(?:Deputy\s+)?High\s+Commissioner|Deputy\s+Chief\s+of\s+Mission|Head\s+of\s+(?:the\s+)?(?:\p{Lu}[\p{L}.]*\s+)?(?:Mission|Embassy|Legation|Bureau|Liaison\s+Office|Interests\s+Section|Delegation)|Envoy(?:\s+Extraordinary(?:\s+and\s+Minister\s+Plenipotentiary)?)?|Minister\s+Plenipotentiary|Apostolic\s+Nuncio|Nuncio|Minister[- ]Counsell?or|Defen[cs]e\s+Attach[ée]|Military\s+Attach[ée])`

// nameRE is a person's name as prose writes it: capitalized words,
// particles, initials, a nickname in quotes.
const nameRE = `(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|["“]\p{Lu}[\p{L}.]*["”]|(?:al|el|bin|ibn|ben|abu|de|d)[-'’]\p{Lu}[\p{L}\p{M}'’-]*|de|da|van|von|bin|ibn|al|el|le|la|du|dos|do|der|den)){1,5})`

var (
	// proseTitleRE is a title, or two joined by "and" ("Principal
	// Officer and Chargé d'Affaires ad interim"), in any case.
	proseTitleRE = prefilter.MustCompile(`(?i)\b` + diplomaticTitle + `(?:\s+and\s+` + diplomaticTitle + `)?\b`)
	// nameBeforeAsRE ends a name, an optional appositive and the words
	// that lead to the title: "NAME, the Swedish Consul at Mombasa,
	// presenting his credentials as ", "NAME serving as the ", "NAME has
	// been China's ", "NAME took up the post of Iranian ".
	nameBeforeAsRE = prefilter.MustCompile(nameRE + `(,\s+(?:the\s+|a\s+|an\s+)?[^,;()]{3,80},)?\s+(?:(?:who\s+)?(?:was|is|had\s+been|has\s+been|became|becomes|serves|served|remained|remains)\s+)?(?:(?:serving|served|acting|acted|appointed|named|nominated|accredited|installed|confirmed|sworn\s+in|(?:presenting|presented)\s+(?:his|her|their)\s+(?:credentials|letters\s+of\s+credence)(?:\s+[^,;]{1,40}?)?|(?:took|takes|assumed)\s+up\s+the\s+post\s+of|assumed\s+the\s+post\s+of|took\s+office)\s+)?(?:as\s+)?(?:the\s+|an?\s+)?(?:(?:first|new|acting|interim|current|resident|then|last|sole)\s+)?(?:(?:U\.S\.|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}(?:'s|’s)?)\s+)?$`)
	// nameAfterRE is a name right after a title: "Ambassador NAME", or
	// after "to X," ("the ambassador to Chad, NAME,").
	nameAfterRE = prefilter.MustCompile(`^(?:\s+(?:to|in|at|of)\s+(?:the\s+)?\p{Lu}[^,;()]{1,40}?)?(?:,\s+|\s+)` + nameRE)
	// nameIsRE is a name after "is" or "was": "The current Japanese
	// ambassador in Seoul is NAME".
	nameIsRE = prefilter.MustCompile(`^(?:\s+(?:to|in|at|of)\s+(?:the\s+)?\p{Lu}[^,;()]{1,40}?)?,?\s+(?:is|was|has\s+been|had\s+been)\s+` + nameRE)
	// headsRE is "NAME heads the Saudi embassy in Tehran".
	headsRE = prefilter.MustCompile(nameRE + `\s+(?:heads|headed|leads|led|runs|ran)\s+the\s+(?:(?:\p{Lu}[\p{L}.]*\s+){0,3})(?:embassy|mission|legation|high\s+commission|consulate(?:[- ]general)?|interests\s+section|liaison\s+office|bureau)\b`)
	// laterTitleRE: the title of an appositive is not the one the sentence
	// gives ("NAME, the Swedish Consul at Mombasa, presenting his
	// credentials as Chargé d'Affaires").
	laterTitleRE = prefilter.MustCompile(`^[^.;]{0,60}?,[^.;]{0,60}?\bas\s+(?:the\s+|an?\s+)?(?:\p{Lu}\p{Ll}+\s+)?` + diplomaticTitle)
	// appositiveNameRE is a name with its title in apposition: "NAME,
	// the first resident ambassador".
	appositiveNameRE = prefilter.MustCompile(nameRE + `,\s+(?:the|a|an|its|their)\s+(?:(?:first|new|last|current|then|resident|acting|interim|former)\s+){0,3}(?:(?:U\.S\.|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})\s+)?$`)
	// titleGapRE may stand between a country and its title: "New
	// Zealand's acting high commissioner".
	titleGapRE = prefilter.MustCompile(`^(?:['’]s)?\s*(?:(?:acting|interim|then|new|former|current|first|resident|outgoing|incoming)\s+)?$`)
	// ledByRE is "the Moroccan office was led by NAME".
	ledByRE = prefilter.MustCompile(`\b[Tt]he\s+((?:\p{Lu}[\p{L}.]*\s+){1,3})(?:embassy|mission|legation|high\s+commission|consulate(?:[- ]general)?|interests\s+section|liaison\s+office|office|bureau)\s+(?:was|is|has\s+been)\s+(?:led|headed|run)\s+by\s+` + nameRE)
	// titleToRE reads where a title is held: "ambassador to Chad",
	// "Consul at Mombasa", "High Commissioner of India".
	titleToRE = prefilter.MustCompile(`^\s+(?:to|in|at|of|for)\s+(?:the\s+)?(?:independent\s+|newly\s+independent\s+)?`)
	// sentByRE and receivedByRE are verbs whose subject sends the envoy
	// after them ("Thailand recalled Ambassador X") or receives it.
	sentByRE     = prefilter.MustCompile(`(?i)\b(?:recalled|withdrew|appointed|named|nominated|sent|dispatched|accredited|posted|designated|(?:headed|led|run)\s+by)\s+(?:its\s+|their\s+)?(?:(?:acting|interim|new)\s+)?$`)
	receivedByRE = prefilter.MustCompile(`(?i)\b(?:received|expelled|summoned|welcomed|declared|ordered)\s+(?:the\s+)?(?:(?:acting|interim|new)\s+)?$`)
	// titleHints are in every sentence the title expressions match (in
	// lower case).
	titleHints = []string{"ambassador", "charg", "consul", "commissioner", "envoy", "head", "principal officer",
		"chief of mission", "minister", "nuncio", "attach", "led by", "headed", "heads", "leads", "runs", "ran "}
	// proseStop are capitalized words that start a sentence, not a name.
	proseStop = map[string]bool{"The": true, "In": true, "On": true, "At": true, "He": true, "She": true, "They": true, "It": true}
)

// officialsProse finds officials named in sentences (list items are read
// by the list rules).
func officialsProse(c *Context) []Fact {
	var out []Fact
	for _, s := range c.sents {
		if k := c.units[s.unit].kind; k != document.Paragraph && (k != document.Fragment || !s.terminal) {
			continue // list items, infobox cells and captions: other rules
		}
		sent := c.text(s.start, s.end)
		if !hasAny(strings.ToLower(sent), titleHints) {
			continue // no word of a title: the expressions would find none
		}
		for _, m := range proseTitleRE.FindAllStringIndex(sent, 8) {
			if f, ok := c.proseOfficial(s, m[0], m[1]); ok {
				out = append(out, f)
			}
		}
		for _, m := range ledByRE.FindAllStringSubmatchIndex(sent, 4) {
			name, rank, ok := c.nameStartingAt(sent[m[4]:m[5]])
			if !ok {
				continue
			}
			country := c.pairMentioned(s.start+m[2], s.start+m[3])
			if !c.inPair(country) {
				continue
			}
			last := lastWord(name)
			end := m[4] + strings.Index(sent[m[4]:m[5]], last) + len(last)
			out = append(out, c.newFact("official", "officials.prose", s.start+m[0], s.start+end, map[string]any{
				"role": "Head of Mission", "name": name, "rank": rank, "country": country,
			}))
		}
		for _, m := range headsRE.FindAllStringSubmatchIndex(sent, 4) {
			name, rank, start, ok := c.nameEndingAt(sent[m[2]:m[3]])
			if !ok {
				continue
			}
			country := c.pairMentioned(s.start+m[3], s.start+m[1])
			if country == "" {
				country = c.defaultServing()
			}
			if !c.inPair(country) {
				continue
			}
			out = append(out, c.newFact("official", "officials.prose", s.start+m[2]+start, s.start+m[1], map[string]any{
				"role": "Head of Mission", "name": name, "rank": rank, "country": country,
			}))
		}
	}
	return out
}

// proseOfficial reads the person who holds the title at sent[ts:te] of
// sentence s: named before it ("NAME serving as"), after it ("Ambassador
// NAME", "the ambassador to Chad, NAME"), or after "is" ("the ambassador
// in Seoul is NAME").
func (c *Context) proseOfficial(s sentence, ts, te int) (Fact, bool) {
	sent := c.text(s.start, s.end)
	role := strings.Join(strings.Fields(sent[ts:te]), " ")
	before, after := sent[:ts], sent[te:]
	var name, rank string
	qs, qe := ts, te
	if bm := nameBeforeAsRE.FindStringSubmatchIndex(before); bm != nil && connects(before[bm[3]:]) {
		if n, r, start, ok := c.nameEndingAt(before[bm[2]:bm[3]]); ok {
			name, rank, qs = n, r, bm[2]+start
		}
	}
	if bm := appositiveNameRE.FindStringSubmatchIndex(before); name == "" && bm != nil && !laterTitleRE.MatchString(after) {
		if n, r, start, ok := c.nameEndingAt(before[bm[2]:bm[3]]); ok {
			name, rank, qs = n, r, bm[2]+start // "NAME, the first resident ambassador"
		}
	}
	for _, re := range []*prefilter.Regexp{nameIsRE, nameAfterRE} {
		if name != "" {
			break
		}
		am := re.FindStringSubmatchIndex(after)
		if am == nil {
			continue
		}
		if n, r, ok := c.nameStartingAt(after[am[2]:am[3]]); ok {
			last := lastWord(n)
			name, rank, qe = n, r, te+am[2]+strings.Index(after[am[2]:am[3]], last)+len(last)
		}
	}
	if name == "" {
		return Fact{}, false
	}
	country := c.titleCountry(s, ts, te)
	if qs < ts {
		// An appositive between the name and the title may say it:
		// "NAME, the American Consul at CITY, presenting ...".
		if own := c.pairMentioned(s.start+qs, s.start+ts); own != "" {
			country = own
		}
	}
	if !c.inPair(country) {
		return Fact{}, false
	}
	return c.newFact("official", "officials.prose", s.start+qs, s.start+qe, map[string]any{
		"role": roleOut(titleCase(role)), "name": name, "rank": rank, "country": country,
	}), true
}

// titleCase writes a title prose gives in lower case ("was appointed
// ambassador", "acting high commissioner") as a role is written.
func titleCase(role string) string {
	if role != strings.ToLower(role) {
		return role
	}
	words := strings.Fields(role)
	for i, w := range words {
		switch w {
		case "of", "the", "and", "to", "ad", "interim", "en", "a.i.":
			continue
		}
		if rest, ok := strings.CutPrefix(w, "d'"); ok && rest != "" {
			words[i] = "d'" + strings.ToUpper(rest[:1]) + rest[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// connects reports whether the words between a name and a title say that
// the name holds it: "as", "serving as", "was appointed", "has been", "took
// up the post of", an appositive and "presenting his credentials as"; not
// a bare space ("Smith Ambassador" is a glued list).
func connects(gap string) bool {
	g := " " + strings.TrimSpace(gap) + " "
	if strings.TrimSpace(g) == "" {
		return false
	}
	for _, w := range []string{" as ", "appointed", "named", "nominated", "became", "accredited", " post of ", " has been ", " had been ", " is ", " was "} {
		if strings.Contains(g, w) {
			return true
		}
	}
	return false
}

// nameEndingAt reads a person's name at the end of s, dropping words from
// its start until what is left is a name: "Status Harold T. Brennan" gives
// "Harold T. Brennan".
func (c *Context) nameEndingAt(s string) (name, rank string, start int, ok bool) {
	words := strings.Fields(s)
	for i := 0; i+2 <= len(words); i++ {
		cand := strings.Join(words[i:], " ")
		if n, r, good := c.nameWithRank(cand); good {
			return n, r, strings.Index(s, words[i]), true
		}
	}
	return "", "", 0, false
}

// nameStartingAt reads a person's name at the start of s, dropping words
// from its end: "John Smith Presented" cannot be a name, "John Smith" is.
func (c *Context) nameStartingAt(s string) (name, rank string, ok bool) {
	words := strings.Fields(s)
	if len(words) > 0 && proseStop[words[0]] {
		return "", "", false
	}
	for n := len(words); n >= 2; n-- {
		if name, rank, good := c.nameWithRank(strings.Join(words[:n], " ")); good {
			return name, rank, true
		}
	}
	return "", "", false
}

// titleCountry finds whose official the title at sent[start:end] names:
// a member of the pair written in it or just before it ("U.S.
// Ambassador", "Venezuela's ambassador", "head of the Israeli bureau");
// the one it is "of" ("High Commissioner of India"); the other of the one
// it is accredited to, by name or by city ("ambassador to Chad",
// "ambassador in Caracas"); the subject of "recalled" or "appointed" (the
// object of "received" or "expelled"); else the member whose officials
// the document lists.
func (c *Context) titleCountry(s sentence, start, end int) string {
	abs, absEnd := s.start+start, s.start+end
	if own := c.pairMentioned(abs, absEnd); own != "" {
		return own
	}
	for _, m := range c.mentions(max(s.start, abs-30), abs) {
		if titleGapRE.MatchString(c.text(m.end, abs)) {
			return m.code
		}
	}
	if l := titleToRE.FindString(c.text(absEnd, s.end)); l != "" {
		at := absEnd + len(l)
		of := strings.Contains(l, " of ")
		for _, m := range c.mentions(at, min(s.end, at+40)) {
			if m.start == at {
				if of {
					return m.code
				}
				if c.inPair(m.code) {
					return c.other(m.code)
				}
				return m.code
			}
		}
		if host := c.cityCountryAt(at, s.end); host != "" && c.inPair(host) && !of {
			return c.other(host)
		}
	}
	lead := c.text(s.start, abs)
	if sentByRE.MatchString(lead) || receivedByRE.MatchString(lead) {
		var subj string
		for _, m := range c.mentions(s.start, abs) {
			if c.inPair(m.code) {
				subj = m.code
			}
		}
		if subj != "" {
			if receivedByRE.MatchString(lead) {
				return c.other(subj)
			}
			return subj
		}
	}
	return c.defaultServing()
}

// cityCountryAt returns the country of the city named at text[at:end], ""
// when the city table does not know it.
func (c *Context) cityCountryAt(at, end int) string {
	toks := tokenize(c.Doc.Text, at, min(end, at+60))
	for n := min(4, len(toks)); n >= 1; n-- {
		if toks[0].start != at {
			break
		}
		if city, ok := normalize.LookupCity(c.Doc.Text[at:toks[n-1].end]); ok {
			return city.Country
		}
	}
	return ""
}

// pairMentioned returns the one member of the pair named in
// text[start:end], "" when none or both are.
func (c *Context) pairMentioned(start, end int) string {
	found := ""
	for _, m := range c.mentions(start, end) {
		if !c.inPair(m.code) {
			continue
		}
		if found != "" && found != m.code {
			return ""
		}
		found = m.code
	}
	return found
}
