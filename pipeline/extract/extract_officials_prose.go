package extract

import (
	"regexp"
	"strings"

	"dossier/pipeline/document"
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

const diplomaticTitle = `(?:Ambassador(?:[- ]designate|\s+Extraordinary\s+and\s+Plenipotentiary)?|Charg[ée]e?s?\s+d['’]\s?[Aa]ffaires(?:\s+(?:ad\s+interim|a\.\s?i\.|en\s+pied))?|Principal\s+Officer|Consul[- ]General|Consul|(?:Deputy\s+)?High\s+Commissioner|Deputy\s+Chief\s+of\s+Mission|Head\s+of\s+Mission|Envoy(?:\s+Extraordinary(?:\s+and\s+Minister\s+Plenipotentiary)?)?|Minister\s+Plenipotentiary|Apostolic\s+Nuncio|Nuncio|Minister[- ]Counsell?or|Defen[cs]e\s+Attach[ée]|Military\s+Attach[ée])`

var (
	// proseTitleRE is a title, or two joined by "and" ("Principal
	// Officer and Chargé d'Affaires ad interim"). The first letter may be
	// lower case ("was appointed ambassador").
	proseTitleRE = regexp.MustCompile(`(?i)\b` + diplomaticTitle + `(?:\s+and\s+` + diplomaticTitle + `)?\b`)
	// nameBeforeAsRE ends a name, an optional appositive and the words
	// that lead to the title: "NAME, the American Consul at Brazzaville,
	// presenting his credentials as ", "NAME serving as the ".
	nameBeforeAsRE = regexp.MustCompile(`(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|da|van|von|bin|ibn|al|el|le|la|du|dos|do|der|den)){1,5})(,\s+(?:the\s+|a\s+|an\s+)?[^,;()]{3,80},)?\s+(?:(?:who\s+)?(?:was|is|had\s+been|has\s+been|became|serves|served)\s+)?(?:(?:serving|served|acting|acted|appointed|named|nominated|accredited|installed|confirmed|sworn\s+in|presenting\s+(?:his|her|their)\s+credentials|presented\s+(?:his|her|their)\s+credentials)\s+)?(?:as\s+)?(?:the\s+|an?\s+)?(?:(?:first|new|acting|interim|current|resident|then)\s+)?(?:(?:U\.S\.|US|American|\p{Lu}\p{Ll}+)\s+)?$`)
	// nameAfterRE is a name right after a title: "Ambassador NAME", or
	// after "to X," ("the ambassador to Chad, NAME,").
	nameAfterRE = regexp.MustCompile(`^(?:\s+(?:to|in|at)\s+(?:the\s+)?\p{Lu}[^,;()]{1,40}?)?(?:,\s+|\s+)(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|da|van|von|bin|ibn|al|el|le|la|du|dos|do|der|den)){1,5})`)
	// titleToRE reads whom a title is accredited to: "ambassador to
	// Chad", "Consul at Brazzaville".
	titleToRE = regexp.MustCompile(`^\s+(?:to|in)\s+(?:the\s+)?`)
	// proseStop are capitalized words that start a sentence, not a name.
	proseStop = map[string]bool{"The": true, "In": true, "On": true, "At": true, "He": true, "She": true, "They": true, "It": true}
)

// officialsProse finds officials named in sentences (list items are read
// by the list rules).
func officialsProse(c *Context) []Fact {
	var out []Fact
	for _, s := range c.sents {
		if c.units[s.unit].kind != document.Paragraph {
			continue // list items, infobox cells and captions: other rules
		}
		sent := c.text(s.start, s.end)
		for _, m := range proseTitleRE.FindAllStringIndex(sent, 8) {
			role := strings.Join(strings.Fields(sent[m[0]:m[1]]), " ")
			before, after := sent[:m[0]], sent[m[1]:]
			var name, rank string
			qs, qe := m[0], m[1]
			if bm := nameBeforeAsRE.FindStringSubmatchIndex(before); bm != nil && connects(before[bm[3]:]) {
				if n, r, start, ok := c.nameEndingAt(before[bm[2]:bm[3]]); ok {
					name, rank, qs = n, r, bm[2]+start
				}
			}
			if name == "" && isCapitalized(sent[m[0]:]) {
				if am := nameAfterRE.FindStringSubmatchIndex(after); am != nil {
					if n, r, ok := c.nameStartingAt(after[am[2]:am[3]]); ok {
						name, rank, qe = n, r, m[1]+am[2]+strings.Index(after[am[2]:am[3]], lastWord(n))+len(lastWord(n))
					}
				}
			}
			if name == "" {
				continue
			}
			country := c.titleCountry(s, m[0], m[1])
			if qs < m[0] {
				// An appositive between the name and the title may say it:
				// "NAME, the American Consul at CITY, presenting ...".
				if own := c.pairMentioned(s.start+qs, s.start+m[0]); own != "" {
					country = own
				}
			}
			if !c.inPair(country) {
				continue
			}
			out = append(out, c.newFact("official", "officials.prose", s.start+qs, s.start+qe, map[string]any{
				"role": roleOut(role), "name": name, "rank": rank, "country": country,
			}))
		}
	}
	return out
}

// connects reports whether the words between a name and a title say that
// the name holds it: "as", "serving as", "was appointed", an appositive
// and "presenting his credentials as"; not a bare space ("Smith
// Ambassador" is a glued list) unless a verb is there.
func connects(gap string) bool {
	g := strings.TrimSpace(gap)
	if g == "" {
		return false
	}
	return strings.Contains(" "+g+" ", " as ") || strings.Contains(g, "appointed") || strings.Contains(g, "named") ||
		strings.Contains(g, "nominated") || strings.Contains(g, "became") || strings.Contains(g, "accredited")
}

// nameEndingAt reads a person's name at the end of s, dropping words from
// its start until what is left is a name: "Status Donald A. Dumont" gives
// "Donald A. Dumont".
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

// titleCountry finds whose official the title at sent[start:end] names: a
// member of the pair written just before it ("U.S. Ambassador", "the
// American Consul"), else the other member when it is accredited to one
// ("ambassador to Chad"), else the member whose officials the document
// lists.
func (c *Context) titleCountry(s sentence, start, end int) string {
	abs, absEnd := s.start+start, s.start+end
	for _, m := range c.mentions(max(s.start, abs-30), abs) {
		if strings.TrimSpace(c.text(m.end, abs)) == "" {
			return m.code
		}
	}
	if l := titleToRE.FindString(c.text(absEnd, s.end)); l != "" {
		for _, m := range c.mentions(absEnd+len(l), min(s.end, absEnd+len(l)+40)) {
			if m.start == absEnd+len(l) {
				if c.inPair(m.code) {
					return c.other(m.code)
				}
				return m.code
			}
		}
	}
	return c.defaultServing()
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
