package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
)

// Programs: a sentence that names a government program or aid agency of
// one member of the pair ("USAID, Peace Corps, and other U.S. Government
// programs play a significant role ..."), by a known name or by an
// agency's acronym defined in the text ("Japan International Cooperation
// Agency (JICA)"). Names are canonical (the program normalizer's spelling;
// the acronym for other agencies). A negated sentence ("USAID does not
// have a Mission in Niger.") gives nothing.

// knownProgram is a name of a program and the country that runs it. Canon
// is its canonical name when the program normalizer does not know it.
type knownProgram struct {
	surface, country, canon string
}

func (p knownProgram) canonical() string {
	if p.canon != "" {
		return p.canon
	}
	if v, ok := normString("program", p.surface); ok && v != "" {
		return v
	}
	return p.surface
}

func kp(surface, country, canon string) knownProgram {
	return knownProgram{surface: surface, country: country, canon: canon}
}

// find returns the offsets in s where the program's name stands as
// whole words.
func (p knownProgram) find(s string) []int {
	var out []int
	for i := 0; i <= len(s)-len(p.surface); {
		j := strings.Index(s[i:], p.surface)
		if j < 0 {
			break
		}
		at := i + j
		before, _ := utf8.DecodeLastRuneInString(s[:at])
		after, _ := utf8.DecodeRuneInString(s[at+len(p.surface):])
		if (at == 0 || !isWordRune(before)) && (at+len(p.surface) == len(s) || !isWordRune(after)) {
			out = append(out, at)
		}
		i = at + len(p.surface)
	}
	return out
}

// knownPrograms lists names of programs and agencies, longest first where
// one contains another. United States programs take their canonical names
// from the program normalizer; the agencies of other donors are named by
// their acronym.
var knownPrograms = []knownProgram{
	kp("U.S. Agency for International Development", "USA", ""),
	kp("United States Agency for International Development", "USA", ""),
	kp("US Agency for International Development", "USA", ""),
	kp("USAID", "USA", ""),
	kp("Peace Corps", "USA", ""),
	kp("Millennium Challenge Corporation", "USA", ""),
	kp("Millenium Challenge Corporation", "USA", ""),
	kp("Millennium Challenge Account", "USA", ""),
	kp("MCC", "USA", "Millennium Challenge Corporation"),
	kp("Food for Peace", "USA", ""),
	kp("President's Emergency Plan for AIDS Relief", "USA", ""),
	kp("President’s Emergency Plan for AIDS Relief", "USA", "PEPFAR"),
	kp("PEPFAR", "USA", ""),
	kp("President's Malaria Initiative", "USA", ""),
	kp("President’s Malaria Initiative", "USA", "President's Malaria Initiative"),
	kp("Feed the Future", "USA", ""),
	kp("Power Africa", "USA", ""),
	kp("Fulbright", "USA", ""),
	kp("International Military Education and Training", "USA", ""),
	kp("IMET", "USA", ""),
	kp("Foreign Military Financing", "USA", ""),
	kp("Trans-Sahara Counterterrorism Partnership", "USA", ""),
	kp("Trans-Saharan Counterterrorism Partnership", "USA", ""),
	kp("TSCTP", "USA", ""),
	kp("Pan Sahel Initiative", "USA", ""),
	kp("Pan-Sahel Initiative", "USA", ""),
	kp("Africa Contingency Operations Training and Assistance", "USA", ""),
	kp("ACOTA", "USA", ""),
	kp("Global Peace Operations Initiative", "USA", ""),
	kp("GPOI", "USA", ""),
	kp("African Growth and Opportunity Act", "USA", ""),
	kp("AGOA", "USA", ""),
	kp("Young African Leaders Initiative", "USA", ""),
	kp("YALI", "USA", ""),
	kp("State Partnership Program", "USA", ""),
	kp("Japan International Cooperation Agency", "JPN", "JICA"),
	kp("JICA", "JPN", "JICA"),
	kp("Deutsche Gesellschaft für Internationale Zusammenarbeit", "DEU", "GIZ"),
	kp("GIZ", "DEU", "GIZ"),
	kp("KfW", "DEU", "KfW"),
	kp("Agence française de développement", "FRA", "AFD"),
	kp("Agence Française de Développement", "FRA", "AFD"),
	kp("AFD", "FRA", "AFD"),
	kp("Indian Technical and Economic Cooperation", "IND", "ITEC"),
	kp("ITEC", "IND", "ITEC"),
	kp("Korea International Cooperation Agency", "KOR", "KOICA"),
	kp("KOICA", "KOR", "KOICA"),
	kp("Turkish Cooperation and Coordination Agency", "TUR", "TIKA"),
	kp("TIKA", "TUR", "TIKA"),
	kp("Department for International Development", "GBR", "DFID"),
	kp("DFID", "GBR", "DFID"),
	kp("Canadian International Development Agency", "CAN", "CIDA"),
	kp("CIDA", "CAN", "CIDA"),
	kp("Swedish International Development Cooperation Agency", "SWE", "Sida"),
	kp("Norad", "NOR", "Norad"),
	kp("NORAD", "NOR", "Norad"),
	kp("Danida", "DNK", "Danida"),
	kp("DANIDA", "DNK", "Danida"),
	kp("AECID", "ESP", "AECID"),
	kp("China International Development Cooperation Agency", "CHN", "CIDCA"),
	kp("CIDCA", "CHN", "CIDCA"),
}

var (
	programNegRE = prefilter.MustCompile(`(?i)\b(?:not|never|no longer)\b|n't\b`)
	acronymRE    = prefilter.MustCompile(`\((\p{Lu}[\p{L}]{1,7})\)`)
	agencyWordRE = prefilter.MustCompile(`(?i)\b(?:agency|agence|agencia|cooperation|cooperación|coopération|zusammenarbeit|corporation|development|développement|desarrollo|programme|program|initiative|corps|fund|gesellschaft|partnership|plan|aid|assistance)\b`)
	// foreignDemonyms are adjectives in agencies' own names.
	foreignDemonyms = map[string]string{
		"française": "FRA", "français": "FRA", "francaise": "FRA", "francais": "FRA",
		"deutsche": "DEU", "deutscher": "DEU", "deutschen": "DEU", "española": "ESP", "español": "ESP",
		"italiana": "ITA", "italiano": "ITA", "portuguesa": "PRT", "português": "PRT", "brasileira": "BRA",
	}
)

// programSentences yields the sentences programs are read from: prose,
// not list items (an official's role names an agency, not a program).
func (c *Context) programSentences(fn func(s sentence, text string)) {
	for _, s := range c.sents {
		if c.units[s.unit].kind == document.Item {
			continue
		}
		fn(s, c.text(s.start, s.end))
	}
}

func programsKnown(c *Context) []Fact {
	var out []Fact
	c.programSentences(func(s sentence, text string) {
		taken := make([]bool, len(text))
		for _, p := range knownPrograms {
			if !c.inPair(p.country) {
				continue
			}
			for _, a := range p.find(text) {
				b := a + len(p.surface)
				if taken[a] {
					continue
				}
				if programNegRE.MatchString(clauseAround(c.Doc.Text, s.start, s.end, s.start+a)) {
					continue
				}
				for k := a; k < b; k++ {
					taken[k] = true
				}
				out = append(out, c.newFact("program", "programs.known", s.start, s.end, map[string]any{
					"name": p.canonical(), "country": p.country,
				}))
			}
		}
	})
	return out
}

func programsAcronym(c *Context) []Fact {
	var out []Fact
	c.programSentences(func(s sentence, text string) {
		for _, m := range acronymRE.FindAllStringSubmatchIndex(text, -1) {
			acr := text[m[2]:m[3]]
			upper := 0
			for _, r := range acr {
				if unicode.IsUpper(r) {
					upper++
				}
			}
			if upper < 2 {
				continue
			}
			long, window := longForm(text[:m[0]], acr)
			if long == "" || !agencyWordRE.MatchString(long) {
				continue
			}
			if programNegRE.MatchString(clauseAround(c.Doc.Text, s.start, s.end, s.start+m[0])) {
				continue
			}
			country := ""
			for _, mm := range c.mentions(s.start+window, s.start+m[0]) {
				if c.inPair(mm.code) {
					country = mm.code
					break
				}
			}
			if country == "" {
				for _, w := range strings.Fields(text[window:m[0]]) {
					if code := foreignDemonyms[strings.ToLower(w)]; c.inPair(code) {
						country = code
						break
					}
				}
			}
			if country == "" {
				continue
			}
			name := acr
			if v, ok := normString("program", long); ok && foldKey(v) != foldKey(long) {
				name = v
			}
			out = append(out, c.newFact("program", "programs.acronym", s.start, s.end, map[string]any{
				"name": name, "country": country,
			}))
		}
	})
	return out
}

// longForm finds the words before an acronym in parentheses that it
// abbreviates: the shortest run of at most ten words whose first word
// starts with the acronym's first letter and whose initials hold every
// letter of the acronym in order. window is the offset in before where the
// long form starts, less up to two words (where a country adjective may
// stand: "Deutsche Gesellschaft ...").
func longForm(before, acr string) (long string, window int) {
	type word struct{ start, end int }
	var words []word
	for i := 0; i < len(before); {
		for i < len(before) && isSpaceByte(before[i]) {
			i++
		}
		j := i
		for j < len(before) && !isSpaceByte(before[j]) {
			j++
		}
		if j > i {
			words = append(words, word{i, j})
		}
		i = j
	}
	a := []rune(strings.ToLower(acr))
	initial := func(w word) rune {
		r, _ := utf8.DecodeRuneInString(strings.ToLower(strings.TrimLeft(before[w.start:w.end], "(\"“'")))
		return r
	}
	for n := 1; n <= min(10, len(words)); n++ {
		ws := words[len(words)-n:]
		if initial(ws[0]) != a[0] {
			continue
		}
		var initials []rune
		for _, w := range ws {
			initials = append(initials, initial(w))
		}
		if !subsequence(a, initials) {
			continue
		}
		k := max(0, len(words)-n-2)
		return strings.TrimSpace(before[ws[0].start:]), words[k].start
	}
	// An acronym of the name in another language ("Brazilian Cooperation
	// Agency (ABC)"): the capitalized words just before it, if their
	// initials hold every letter of the acronym.
	n := 0
	for n < min(8, len(words)) {
		w := before[words[len(words)-1-n].start:words[len(words)-1-n].end]
		if !isCapitalized(w) && !nameConnectors[w] && w != "for" && w != "de" {
			break
		}
		n++
	}
	for n > 0 && strings.EqualFold(before[words[len(words)-n].start:words[len(words)-n].end], "the") {
		n--
	}
	if n < 2 {
		return "", 0
	}
	ws := words[len(words)-n:]
	set := map[rune]bool{}
	for _, w := range ws {
		set[initial(w)] = true
	}
	for _, r := range a {
		if !set[r] {
			return "", 0
		}
	}
	return strings.TrimSpace(before[ws[0].start:]), ws[0].start
}

func subsequence(a, b []rune) bool {
	i := 0
	for _, r := range b {
		if i < len(a) && r == a[i] {
			i++
		}
	}
	return i == len(a)
}
