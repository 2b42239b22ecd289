package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
)

// listLine is a line that may belong to a list: a list item, or a fragment
// (desktop scrapes lose bullets; tables become tab-separated lines).
func (c *Context) listLine(bi int) bool {
	if bi < 0 || bi >= len(c.blocks) || c.skip[bi] {
		return false
	}
	switch c.blocks[bi].Kind {
	case document.Item:
		return true
	case document.Fragment:
		return true
	}
	return false
}

// gapIsLine reports whether blocks a and a+1 are on consecutive lines.
func (c *Context) gapIsLine(a int) bool {
	if a < 0 || a+1 >= len(c.blocks) {
		return false
	}
	gap := c.Doc.Text[c.blocks[a].End:c.blocks[a+1].Start]
	return !strings.Contains(gap, "\n\n")
}

// listRuns groups list lines into lists: neighbouring lines for which
// shape is true; items may be spaced by blank lines (plain dumps do that),
// fragments must be on consecutive lines. It returns, for every block, the
// first block of its list (-1 for a block in none) and, for every first
// block, the number of lines in its list. One pass: O(blocks).
func (c *Context) listRuns(shape []bool) (first []int, size map[int]int) {
	first = make([]int, len(c.blocks))
	size = map[int]int{}
	for i := range c.blocks {
		first[i] = -1
		if !shape[i] || !c.listLine(i) {
			continue
		}
		first[i] = i
		if i > 0 && first[i-1] >= 0 {
			joined := c.blocks[i-1].Kind == document.Item && c.blocks[i].Kind == document.Item
			if joined || c.gapIsLine(i-1) {
				first[i] = first[i-1]
			}
		}
		size[first[i]]++
	}
	return first, size
}

// listIntro returns the text that introduces the list starting at block
// first: the block just above it (a heading, a fragment, or a paragraph
// ending with a colon, of which the last 400 bytes are kept), skipping
// lines that have the list's shape (a table header row), and the section
// heading.
func (c *Context) listIntro(first int) (intro, section string) {
	j := first - 1
	for j >= 0 && !c.skip[j] && c.blocks[j].Kind == document.Fragment && c.gapIsLine(j) &&
		(strings.Contains(c.blocks[j].Text, "\t") || tableHeaderRE.MatchString(c.blocks[j].Text)) {
		j--
	}
	if j >= 0 && !c.skip[j] && c.blocks[j].Kind != document.Item {
		t := c.blocks[j].Text
		if len(t) > 400 {
			cut := len(t) - 400
			for cut < len(t) && !utf8.RuneStart(t[cut]) {
				cut++
			}
			t = t[cut:]
		}
		intro = t
	}
	if first >= 0 && first < len(c.blocks) {
		section = c.blocks[first].Section
	}
	return intro, section
}

// tableHeaderRE is the header row of a table of envoys.
var tableHeaderRE = prefilter.MustCompile(`(?i)^(?:name|ambassador|envoy|high commissioner|head of mission|representative)\b[^0-9]*\b(?:office|term|from|to|years?|tenure|start|end|until|since|appointed|credentials)\b`)

var hostPrepRE = prefilter.MustCompile(`(?i)(?:\bto|\bin|\bat|\bfrom|\bwith|\bfor)\s+(?:the\s+)?$`)

// serving finds the pair member a list introduction says its people serve:
// a country named in it that is not the destination ("U.S. Ambassadors to
// Mali", "Indian officials in Nigeria"); when only the destination is
// named, the other member. "" when the text does not tell.
func (c *Context) serving(text string) string {
	if text == "" {
		return ""
	}
	// The mentions are found in a private copy of the text so that offsets
	// are relative to it.
	sub := &Context{Doc: &document.Document{Text: text}, countries: c.countries}
	var own, host []string
	for _, m := range sub.mentions(0, len(text)) {
		if !c.inPair(m.code) {
			continue
		}
		if hostPrepRE.MatchString(text[:m.start]) {
			host = appendUnique(host, m.code)
		} else {
			own = appendUnique(own, m.code)
		}
	}
	switch {
	case len(own) == 1:
		return own[0]
	case len(own) == 0 && len(host) == 1:
		return c.other(host[0])
	}
	return ""
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// nameParticles may stand in lower case inside a person's name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "du": true, "del": true,
	"della": true, "van": true, "von": true, "der": true, "den": true, "bin": true, "ibn": true,
	"al": true, "el": true, "la": true, "le": true, "y": true, "e": true, "ben": true, "ter": true,
}

// particleJoinedRE is a particle joined to a capitalized name: "al-Harthy".
var particleJoinedRE = prefilter.MustCompile(`^(?:al|el|bin|ibn|ben|abu|de|d)[-'’]\p{Lu}[\p{L}\p{M}'’-]*$`)

// nonNameWords are capitalized words that do not occur in a person's name.
var nonNameWords = map[string]bool{
	"embassy": true, "relations": true, "republic": true, "ministry": true, "office": true,
	"department": true, "government": true, "section": true, "mission": true, "university": true,
	"foreign": true, "affairs": true, "council": true, "agency": true, "corps": true, "program": true,
	"programme": true, "website": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "january": true,
	"february": true, "march": true, "april": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "the": true, "of": true,
	"and": true, "united": true, "states": true, "kingdom": true, "nations": true, "union": true,
	"president": true, "minister": true, "king": true, "queen": true, "street": true, "avenue": true,
	"road": true, "box": true, "consulate": true, "commission": true, "high": true, "officer": true,
	"officials": true, "staff": true, "list": true, "see": true, "note": true, "tel": true, "fax": true,
	"email": true, "phone": true, "hours": true, "open": true, "closed": true, "history": true,
	"ambassador": true, "ambassadors": true, "international": true, "national": true, "center": true,
	"centre": true, "institute": true, "company": true, "bank": true, "fund": true, "forces": true,
	"army": true, "navy": true, "air": true, "force": true, "name": true, "took": true, "left": true,
	// words of roles: "Eric Dalton—Defense Attaché" has its name first
	"attaché": true, "attache": true, "director": true, "counsellor": true, "counselor": true,
	"consul": true, "chief": true, "head": true, "secretary": true, "adviser": true, "advisor": true,
	"commander": true, "representative": true, "deputy": true, "manager": true, "coordinator": true,
	"assistant": true, "affairs,": true, "chargé": true, "charge": true, "commissioner": true,
}

// personName checks that s looks like a person's name (rank already
// removed): two to six words, capitalized but for particles, made of
// letters, hyphens, apostrophes and initials, naming no country and
// holding no word a name does not have.
func (c *Context) personName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 || utf8.RuneCountInString(s) > 60 {
		return false
	}
	caps := 0
	for i, w := range words {
		if w == "Jr." || w == "Sr." || w == "II" || w == "III" || w == "IV" {
			if i == 0 {
				return false
			}
			continue
		}
		w = strings.TrimSuffix(w, ",")
		if nameParticles[w] && i > 0 && i < len(words)-1 {
			continue
		}
		if len(w) > 2 && strings.ContainsRune("\"“", rune(w[0])) && strings.ContainsAny(w[len(w)-1:], "\"”") || strings.HasPrefix(w, "“") && strings.HasSuffix(w, "”") {
			continue // a nickname: Douglas "Pete" Peterson
		}
		if particleJoinedRE.MatchString(w) && i > 0 {
			caps++
			continue // "al-Harthy", "d'Almeida"
		}
		if !isCapitalized(w) || nonNameWords[strings.ToLower(strings.Trim(w, "."))] {
			return false
		}
		letters := 0
		for _, r := range w {
			switch {
			case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
				letters++
			case r == '-' || r == '\'' || r == '’' || r == '.':
			default:
				return false
			}
		}
		if letters == 0 {
			return false
		}
		if strings.HasSuffix(w, ".") && letters > 1 && !dottedRE.MatchString(w) {
			return false // "Col." is a rank, "Ltd." no name
		}
		if letters > 2 && strings.ToUpper(w) == w {
			return false // an acronym: "USAID"
		}
		caps++
	}
	if caps < 2 || nameSeam(s) > 0 {
		return false // "Rosa Quispe HuamánTomás Ortega Ruiz": two names glued
	}
	if c.country(s) != "" {
		return false
	}
	for _, w := range words {
		if c.country(strings.Trim(w, ".,")) != "" && len(words) <= 2 {
			return false
		}
	}
	return true
}

// personOf splits a rank or honorific from a name with the person
// normalizer: "LTC Eric Dalton" gives "Eric Dalton" and "LTC".
func personOf(s string) (name, rank string) {
	r, ok := norm("person", s)
	if !ok {
		return strings.Join(strings.Fields(s), " "), ""
	}
	name, _ = r.Value.(string)
	rank, _ = r.Extra["rank"].(string)
	return name, rank
}

// nameCamelPrefixes may stand before a capital inside one name (nameSeam
// does not cut there):
// "McDonald", "MacKnight", "DeWine", "LaGuardia", "FitzGerald", "O'Neil".
var nameCamelPrefixes = map[string]bool{"Mc": true, "Mac": true, "De": true, "Di": true, "Da": true, "Van": true,
	"Von": true, "La": true, "Le": true, "Du": true, "Fitz": true, "St": true, "Ben": true, "Al": true, "El": true}
