package extract

import (
	"strings"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
)

// Officials lists: "Principal U.S. Officials include:" followed by items
// such as "Deputy Chief of Mission--Peter Barlerin", "Public Affairs
// Officer—Kate Kaetzer-Hodson", "Management Officer – Helen Barstow",
// "Consular Officer: Priya Raman", "Defense Attaché—LTC Eric Dalton" or a
// title before a name, "Ambassador Gillian Milovanovic".

var (
	// officialSepRE is a separator between role and name: "--", an em or
	// en dash (spaced or not), a spaced hyphen, or a colon.
	officialSepRE = prefilter.MustCompile(`\s*(?:--|[—–―])\s*|\s+-\s+|:\s+`)
	// inlineIntroRE introduces officials listed inside a paragraph.
	inlineIntroRE = prefilter.MustCompile(`(?i)\bofficials?\b[^:;.]{0,40}:\s*`)
	// envoyLabelRE is the label of an infobox row of envoys.
	envoyLabelRE = prefilter.MustCompile(`(?i)^(?:envoys?|ambassadors?|heads? of mission)$`)
	// nameFirstSepRE separates a name from the role after it.
	nameFirstSepRE = prefilter.MustCompile(`\s*(?:--|[—–―])\s*|\s+-\s+|:\s+|,\s+`)
	// roleWordRE: a word every role after a name has.
	roleWordRE = prefilter.MustCompile(`(?i)(?:^|[^\p{L}])(?:ambassador|attach[ée]|officer|director|counsell?or|consul|chief|head|secretary|advis[eo]r|commander|representative|deputy|charg[ée]|commissioner|minister|manager|coordinator)(?:[^\p{L}]|$)`)
	// leadingTitleRE is a title that is also the role, before a name.
	leadingTitleRE = prefilter.MustCompile(`^(Ambassador|High Commissioner|Charg[ée]e? d['’]Affaires(?:,? a\.\s?i\.| ad interim)?|Consul[- ]General|Consul|Apostolic Nuncio|Nuncio|Head of Mission)\s+(\S.*)$`)
	// officialsContextRE: an introduction to a list of officials.
	officialsContextRE = prefilter.MustCompile(`(?i)\b(?:officials?|staff|officers|personnel|diplomats|key people|embassy|high commission|consulate|mission)\b`)
	// ambassadorsContextRE: an introduction to a list of (former) envoys.
	ambassadorsContextRE = prefilter.MustCompile(`(?i)\b(?:ambassadors|high commissioners|envoys|heads of mission|chiefs of mission|ministers plenipotentiary)\b`)
	// notRoleWords start infobox fields, notes and page chrome, not roles.
	notRoleWords = map[string]bool{
		"note": true, "notes": true, "photo": true, "source": true, "sources": true, "tel": true,
		"telephone": true, "phone": true, "fax": true, "email": true, "e-mail": true, "address": true,
		"website": true, "web": true, "hours": true, "opening": true, "retrieved": true, "see": true,
		"updated": true, "published": true, "by": true, "comments": true, "newsletter": true,
		"share": true, "credit": true, "caption": true, "image": true, "location": true,
		"population": true, "capital": true, "currency": true, "language": true, "languages": true,
		"area": true, "time": true, "date": true, "founded": true, "established": true, "motto": true,
		"anthem": true, "legislature": true, "religion": true, "demonym": true, "calling": true,
		"internet": true, "gdp": true, "hdi": true, "map": true, "warning": true, "disclaimer": true,
		"update": true, "correction": true, "editor's": true, "editor": true, "author": true,
		"authors": true, "reporter": true, "reporting": true, "photographer": true, "photos": true,
		"writer": true, "written": true, "contributor": true, "contributors": true, "reviewed": true,
		"edited": true, "translated": true, "translation": true, "correspondent": true, "posted": true,
		"illustration": true, "video": true, "graphics": true, "producer": true, "additional": true,
	}
	// roleAcronyms are abbreviations of roles, not organizations.
	roleAcronyms = map[string]bool{"DCM": true, "PAO": true, "RSO": true, "DATT": true, "CDA": true, "DHM": true, "OSC": true, "US": true, "USA": true, "UK": true}
)

// officialHit is an official found in a list line.
type officialHit struct {
	rule       string
	block      int
	role, name string
	rank       string
}

func officialsSeparator(c *Context) []Fact {
	return c.officialFacts("officials.list-separator")
}

func officialsInline(c *Context) []Fact { return c.inlineOfficials() }

func officialsLeadingTitle(c *Context) []Fact {
	return c.officialFacts("officials.leading-title")
}

// officialFacts runs the officials extractor and keeps the facts of rule.
func (c *Context) officialFacts(rule string) []Fact {
	hits := c.officialLines()
	shape := make([]bool, len(hits))
	for i, h := range hits {
		shape[i] = h != nil
	}
	first, size := c.listRuns(shape)
	var out []Fact
	for bi, h := range hits {
		if h == nil || h.rule != rule || first[bi] < 0 {
			continue
		}
		b := c.blocks[bi]
		intro, section := c.listIntro(first[bi])
		if envoyLabelRE.MatchString(strings.TrimSpace(intro)) && h.rule == "officials.leading-title" {
			continue // an infobox's envoys: officials.infobox reads them
		}
		ctx := intro + "\n" + section
		// A diplomatic title in the role ("German Ambassador to Poland –
		// NAME", "Head of the Russian interests section: NAME") says the
		// line names an official, whatever the list's heading.
		titled := h.rule == "officials.list-separator" && proseTitleRE.MatchString(h.role)
		if !titled && ambassadorsContextRE.MatchString(ctx) && !officialsContextRE.MatchString(ambassadorsContextRE.ReplaceAllString(ctx, "")) {
			continue // a list of envoys: the ambassadors extractor reads it
		}
		if n := size[first[bi]]; !titled && !officialsContextRE.MatchString(ctx) && (n < 2 || n < 3 && b.Kind != document.Item) {
			continue // a line or two that merely look like "Role: Name"
		}
		country := c.roleCountry(h.role)
		if country == "" {
			country = c.serving(intro)
		}
		if country == "" {
			country = c.serving(section)
		}
		if country == "" {
			country = c.officialCountryFallback(h.role)
		}
		if country == "" {
			continue
		}
		role, post := c.splitPost(h.role)
		if post == "" {
			post = c.postFromIntro(intro)
		}
		if post == "" {
			post = c.embassyCity(country, b.Section)
		}
		fields := map[string]any{
			"role":         roleOut(role),
			"name":         h.name,
			"rank":         h.rank,
			"organization": organizationOf(role),
			"country":      country,
			"post":         post,
		}
		out = append(out, c.newFact("official", rule, b.Start, b.End, fields))
	}
	return out
}

// inlineOfficials reads a list of officials written as one paragraph:
// "Principal U.S. Officials include: Ambassador--Patricia Moller; Deputy
// Chief of Mission--John Doe; ...". Each part is quoted alone.
func (c *Context) inlineOfficials() []Fact {
	var out []Fact
	for _, s := range c.sents {
		if c.units[s.unit].kind == document.Item {
			continue
		}
		text := c.text(s.start, s.end)
		m := inlineIntroRE.FindStringIndex(text)
		if m == nil {
			continue
		}
		intro := text[:m[1]]
		type part struct {
			start, end int
			h          officialHit
		}
		var parts []part
		at := s.start + m[1]
		for _, p := range strings.Split(c.text(at, s.end), ";") {
			a, b := c.trimSpan(at, at+len(p))
			at += len(p) + 1
			pt := strings.TrimSuffix(c.text(a, b), ".")
			pt = strings.TrimPrefix(pt, "and ")
			if h, ok := c.parseOfficial(pt); ok {
				off := strings.Index(c.text(a, b), pt)
				parts = append(parts, part{a + off, a + off + len(pt), h})
			}
		}
		if len(parts) < 2 {
			continue
		}
		country := c.serving(intro)
		if country == "" {
			country = c.defaultServing()
		}
		if country == "" {
			continue
		}
		for _, p := range parts {
			role, post := c.splitPost(p.h.role)
			if post == "" {
				post = c.embassyCity(country, c.sectionAt(p.start))
			}
			out = append(out, c.newFact("official", "officials.inline", p.start, p.end, map[string]any{
				"role": roleOut(role), "name": p.h.name, "rank": p.h.rank,
				"organization": organizationOf(role), "country": country, "post": post,
			}))
		}
	}
	return out
}

// officialLines reads every list line as an official, once; nil for a
// line that is none.
func (c *Context) officialLines() []*officialHit {
	if c.officialsDone {
		return c.officials
	}
	c.officialsDone = true
	c.officials = make([]*officialHit, len(c.blocks))
	for bi, b := range c.blocks {
		if !c.listLine(bi) {
			continue
		}
		if h, ok := c.parseOfficial(b.Text); ok {
			h.block = bi
			c.officials[bi] = &h
		}
	}
	return c.officials
}

// parseOfficial reads one list line as role and name.
func (c *Context) parseOfficial(line string) (officialHit, bool) {
	line = strings.TrimSpace(line)
	if line == "" || strings.ContainsAny(line, "\t\n") || utf8.RuneCountInString(line) > 140 {
		return officialHit{}, false
	}
	if endsSentence(line) && len(strings.Fields(line)) > 10 {
		return officialHit{}, false // a bullet that is a full sentence
	}
	for _, m := range officialSepRE.FindAllStringIndex(line, -1) {
		if m[0] == 0 || m[1] >= len(line) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(line[:m[0]])
		after, _ := utf8.DecodeRuneInString(line[m[1]:])
		if isDigitRune(before) && isDigitRune(after) {
			continue // a range of years
		}
		role := strings.TrimSpace(line[:m[0]])
		if !validRole(role) {
			continue
		}
		name, rank, ok := c.nameWithRank(line[m[1]:])
		if !ok {
			continue
		}
		return officialHit{rule: "officials.list-separator", role: role, name: name, rank: rank}, true
	}
	// The name first: "Eric Dalton—Defense Attaché", "Jane Roe, Deputy
	// Chief of Mission".
	for _, m := range nameFirstSepRE.FindAllStringIndex(line, -1) {
		if m[0] == 0 || m[1] >= len(line) {
			continue
		}
		role := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line[m[1]:]), "."))
		if !validRole(role) || !roleWordRE.MatchString(role) {
			continue
		}
		name, rank, ok := c.nameWithRank(line[:m[0]])
		if !ok {
			continue
		}
		return officialHit{rule: "officials.list-separator", role: role, name: name, rank: rank}, true
	}
	if m := leadingTitleRE.FindStringSubmatch(line); m != nil && !officialSepRE.MatchString(m[2]) {
		name, rank, ok := c.nameWithRank(m[2])
		if ok {
			return officialHit{rule: "officials.leading-title", role: m[1], name: name, rank: rank}, true
		}
	}
	return officialHit{}, false
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// nameWithRank reads a person's name, with a rank or honorific before it.
func (c *Context) nameWithRank(s string) (name, rank string, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "Jr.") && !strings.HasSuffix(s, "Sr.") {
		if w := lastWord(s); utf8.RuneCountInString(w) > 2 {
			s = strings.TrimSuffix(s, ".")
		}
	}
	name, rank = personOf(s)
	if !c.personName(name) {
		return "", "", false
	}
	return name, rank, true
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// validRole checks the part before the separator: a short title in
// capitals, without digits, that is not an infobox field or a note.
func validRole(role string) bool {
	if role == "" || utf8.RuneCountInString(role) > 80 || len(strings.Fields(role)) > 10 {
		return false
	}
	if !isCapitalized(role) || strings.ContainsAny(role, "0123456789()[]|\"“”") {
		return false
	}
	if endsSentence(role) && len(strings.Fields(role)) > 5 {
		return false
	}
	first := strings.ToLower(strings.Trim(strings.Fields(role)[0], ",.:"))
	return !notRoleWords[first]
}

// roleOut writes a role as the text has it, but in the role normalizer's
// spelling when that only expands an abbreviation ("DCM" → "Deputy Chief
// of Mission") or fixes case and accents ("Defense Attache"). Other
// variants keep their words ("Defence Attaché" stays), so that the role
// matches a curated fact that writes it as the source does.
func roleOut(written string) string {
	w := strings.Join(strings.Fields(written), " ")
	canon, ok := normString("role", w)
	if !ok || canon == "" {
		return w
	}
	if foldKey(canon) == foldKey(w) || isAbbrev(w) {
		return canon
	}
	return w
}

// isAbbrev reports a short form: no lower-case letter ("DCM", "PAO") or a
// short word with a period ("Amb.").
func isAbbrev(s string) bool {
	if utf8.RuneCountInString(s) <= 6 && strings.ToUpper(s) == s {
		return true
	}
	return utf8.RuneCountInString(s) <= 5 && strings.HasSuffix(s, ".") && !strings.Contains(s, " ")
}

// organizationOf names the agency a role belongs to: a known program
// ("Director, USAID Mission" → USAID, "Director, Peace Corps") or an
// acronym in capitals ("Chief Representative, JICA").
func organizationOf(role string) string {
	for _, p := range knownPrograms {
		if len(p.find(role)) > 0 {
			return p.canonical()
		}
	}
	for _, w := range strings.FieldsFunc(role, func(r rune) bool { return r == ' ' || r == ',' || r == '/' || r == '-' }) {
		if n := len(w); n >= 2 && n <= 6 && strings.ToUpper(w) == w && !roleAcronyms[w] && !strings.ContainsAny(w, ".'") {
			letters := true
			for _, r := range w {
				if r < 'A' || r > 'Z' {
					letters = false
				}
			}
			if letters {
				return w
			}
		}
	}
	return ""
}

// splitPost splits a city from the end of a role: "Consul General, Lagos"
// gives "Consul General" and "Lagos", when the document names a mission
// in that city.
func (c *Context) splitPost(role string) (string, string) {
	i := strings.LastIndex(role, ", ")
	if i < 0 {
		return role, ""
	}
	tail := strings.TrimSpace(role[i+2:])
	if c.missionCity(tail) {
		return strings.TrimSpace(role[:i]), tail
	}
	return role, ""
}

var introCityRE = prefilter.MustCompile(`\b(?:in|at)\s+(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,2})`)

// postFromIntro reads "Principal French officials in Dakar": a place that
// is not a country.
func (c *Context) postFromIntro(intro string) string {
	for _, m := range introCityRE.FindAllStringSubmatch(intro, -1) {
		city := strings.TrimRight(m[1], ".")
		if c.country(city) == "" && !nonNameWords[strings.ToLower(city)] {
			return city
		}
	}
	return ""
}

// embassyCity returns the city of the one embassy or high commission that
// the document gives country in the other member of the pair, in the
// section of the page the officials are listed in (so that the post is
// stated where the list is).
func (c *Context) embassyCity(country, section string) string {
	city := ""
	for _, h := range c.missionHits() {
		if h.sending != country || h.host != c.other(country) || (h.typ != "embassy" && h.typ != "high-commission") {
			continue
		}
		if c.sectionAt(h.start) != section {
			continue // a post the list's own part of the page does not state
		}
		if city != "" && foldKey(city) != foldKey(h.city) {
			return ""
		}
		city = h.city
	}
	return city
}

// missionCity reports whether the document names a mission in city.
func (c *Context) missionCity(city string) bool {
	for _, h := range c.missionHits() {
		if foldKey(h.city) == foldKey(city) {
			return true
		}
	}
	return false
}

// officialCountryFallback guesses whose official a list line names when
// the list does not say: the member whose program the role names; else
// the one member whose programs the document names (the donor); else the
// United States when it is one of the pair (such lists in these articles
// come from State Department notes); else the one member that keeps a
// mission in the other.
func (c *Context) officialCountryFallback(role string) string {
	if p := organizationOf(role); p != "" {
		for _, kp := range knownPrograms {
			if kp.canonical() == p && c.inPair(kp.country) {
				return kp.country
			}
		}
	}
	return c.defaultServing()
}

// defaultServing is the member whose people a list most likely names when
// neither it nor its heading says.
func (c *Context) defaultServing() string {
	if !c.servingDone {
		c.servingDone = true
		c.serving0 = c.guessServing()
	}
	return c.serving0
}

func (c *Context) guessServing() string {
	if c.missionPage != "" {
		return c.missionPage // a page about one mission: its people
	}
	donors := map[string]bool{}
	for _, f := range append(programsKnown(c), programsAcronym(c)...) {
		if code, _ := f.Fields["country"].(string); code != "" {
			donors[code] = true
		}
	}
	if len(donors) == 1 {
		for d := range donors {
			return d
		}
	}
	if c.inPair("USA") {
		return "USA"
	}
	senders := map[string]bool{}
	for _, h := range c.missionHits() {
		senders[h.sending] = true
	}
	if len(senders) == 1 {
		for s := range senders {
			return s
		}
	}
	return ""
}

// roleCountry reads whose official a role names: a member of the pair
// written before its title ("German Ambassador to Poland", "Head of the
// Russian interests section"), else the other of the one it is
// accredited to ("Ambassador to Poland"). "" when the role does not say.
func (c *Context) roleCountry(role string) string {
	m := proseTitleRE.FindStringIndex(role)
	if m == nil {
		return ""
	}
	sub := &Context{Doc: &document.Document{Text: role}, Pair: c.Pair, countries: c.countries}
	for _, mm := range sub.mentions(0, len(role)) {
		if !c.inPair(mm.code) {
			continue
		}
		if mm.start < m[1] && !strings.HasSuffix(strings.TrimSpace(role[:mm.start]), " to") {
			return mm.code
		}
		if strings.HasSuffix(strings.TrimSpace(role[:mm.start]), " to") {
			return c.other(mm.code)
		}
	}
	return ""
}

// sectionAt returns the heading of the section that holds offset at.
func (c *Context) sectionAt(at int) string {
	section := ""
	for _, b := range c.blocks {
		if b.Start > at {
			break
		}
		section = b.Section
	}
	return section
}
