package check

import (
	"slices"

	"dossier/pipeline/normalize"
)

// mention is a phrase of a text that a table knows: a country, a city, a
// role, a program, a rank or title, a date or a person's name in a slot.
type mention struct {
	i, j  int    // the words [i, j)
	value string // alpha-3 code, city, role, program, rank, ISO date or --MM-DD, folded name
	code  string // for a city, its country
	now   string // for a former name of a city, its name now
}

// reading is what the checks read in a text, found once: its words and
// the phrases the tables know, each list in text order.
type reading struct {
	text      string
	toks      []token
	countries []mention // names, abbreviations and demonyms
	owners    []mention // countries whose mission, official or program the text names ("U.S. Embassy", "Nigerien president")
	hosts     []mention // countries and cities where a mission or post is ("embassy in Niamey")
	peoples   []mention // the people a share is of ("79% of Malians")
	cities    []mention
	roles     []mention // the role table's roles
	titles    []mention // roles, ranks and other titles ("president", "Secretary")
	programs  []mention
	ranks     []mention
	dates     []mention
	relative  []mention // dates given relative to another ("the next day"): the shift as value
	persons   []mention // names in a person's slot (after a title, in a list line "Role—Name")

	// at finds mentions by the word they start or end at.
	at struct {
		countryEnd, title, titleEnd, rank, role, program wordIndex
	}
}

// read finds what the checks need in text.
func read(text string) *reading {
	r := &reading{text: text, toks: tokenize(text)}
	r.countries = r.phrases(normalize.TableCountries, upperOnly, normalize.CountryNamed)
	r.at.countryEnd = ends(r.countries, len(r.toks))
	r.cities = r.cityPhrases()
	r.roles = r.phrases(normalize.TableRoles, r.lowerRole, normalize.KnownRole)
	r.programs = r.phrases(normalize.TablePrograms, upperOnly, normalize.KnownProgram)
	r.ranks = r.phrases(normalize.TableRanks, upperOnly, normalize.KnownRank)
	r.titles = r.titlePhrases()
	r.at.title, r.at.titleEnd = starts(r.titles, len(r.toks)), ends(r.titles, len(r.toks))
	r.at.rank, r.at.role, r.at.program = starts(r.ranks, len(r.toks)), starts(r.roles, len(r.toks)), starts(r.programs, len(r.toks))
	r.dates = readDates(text, r.toks)
	r.relative = readRelative(r.toks)
	r.persons = r.personSlots()
	r.owners, r.hosts, r.peoples = r.countrySlots()
	return r
}

// wordIndex says, for each word of a reading, which mentions of a list
// start or end there: 1 + the other end of the mention, or 0 for none.
type wordIndex []int32

func starts(ms []mention, n int) wordIndex {
	x := make(wordIndex, n+1)
	for _, m := range ms {
		x[m.i] = int32(m.j + 1)
	}
	return x
}

func ends(ms []mention, n int) wordIndex {
	x := make(wordIndex, n+1)
	for _, m := range ms {
		x[m.j] = int32(m.i + 1)
	}
	return x
}

// has reports whether a mention starts (or ends) at word k.
func (x wordIndex) has(k int) bool { return k >= 0 && k < len(x) && x[k] > 0 }

// phrases finds, from left to right, the longest phrases of a table that
// lookup knows, trying only the words the table's phrases start with. A
// phrase starts with a capital, or lower says it may start in lower case.
func (r *reading) phrases(table string, lower func(i, j int) bool, lookup func(string) (string, bool)) []mention {
	var out []mention
	firsts := normalize.PhraseStarts(table)
	toks := r.toks
	for i := 0; i < len(toks); i++ {
		n := firsts[toks[i].fold]
		if n == 0 {
			continue
		}
		for j := min(len(toks), i+n); j > i; j-- {
			if !phraseRun(toks, i, j) || !toks[i].upper && !lower(i, j) {
				continue
			}
			if v, ok := lookup(r.text[toks[i].start:toks[j-1].end]); ok {
				out = append(out, mention{i: i, j: j, value: v})
				i = j - 1
				break
			}
		}
	}
	return out
}

func upperOnly(i, j int) bool { return false }

// lowerRole accepts a role in lower case when it is more than a word
// ("deputy chief of mission") or the ambassador: a single lower-case word
// such as "charge" is more often a word of prose.
func (r *reading) lowerRole(i, j int) bool {
	return j-i > 1 || r.toks[i].fold == "ambassador"
}

// phraseRun reports whether words [i, j) may form one phrase.
func phraseRun(toks []token, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if !phraseGap(toks[k].gap) || toks[k-1].possessive {
			return false
		}
	}
	return true
}

func (r *reading) cityPhrases() []mention {
	var out []mention
	firsts := normalize.PhraseStarts(normalize.TableCities)
	toks := r.toks
	for i := 0; i < len(toks); i++ {
		n := firsts[toks[i].fold]
		if n == 0 || !toks[i].upper {
			continue
		}
		for j := min(len(toks), i+n); j > i; j-- {
			if !phraseRun(toks, i, j) {
				continue
			}
			if c, ok := normalize.LookupCity(r.text[toks[i].start:toks[j-1].end]); ok {
				out = append(out, mention{i: i, j: j, value: c.Name, code: c.Country, now: c.Now})
				i = j - 1
				break
			}
		}
	}
	return out
}

// politicalTitles are the titles of office that are not in the role
// table (which holds a mission's posts) but name a person's slot as well.
var politicalTitles = map[string]bool{
	"president": true, "vice president": true, "prime minister": true, "minister": true, "foreign minister": true,
	"secretary": true, "secretary of state": true, "secretary general": true, "king": true, "queen": true, "prince": true,
	"princess": true, "emperor": true, "chancellor": true, "premier": true, "governor": true, "senator": true,
	"mayor": true, "chairman": true, "chairwoman": true, "first lady": true, "envoy": true, "consul": true,
	"commander": true, "leader": true, "emir": true, "sultan": true, "sheikh": true, "representative": true,
	"attache": true, "director": true, "officer": true, "charge": true, "ambassador": true, "high commissioner": true,
	"special envoy": true, "foreign secretary": true, "head of state": true, "general": true, "chief": true,
}

// titlePhrases are the roles, the ranks and the political titles, longest
// first where they overlap.
func (r *reading) titlePhrases() []mention {
	var out []mention
	out = append(out, r.roles...)
	out = append(out, r.ranks...)
	for i := 0; i < len(r.toks); i++ {
		for j := min(len(r.toks), i+3); j > i; j-- {
			if phraseRun(r.toks, i, j) && politicalTitles[joinFolds(r.toks, i, j)] && r.titleCase(i, j) {
				out = append(out, mention{i: i, j: j, value: r.text[r.toks[i].start:r.toks[j-1].end]})
				i = j - 1
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b mention) int {
		if a.i != b.i {
			return a.i - b.i
		}
		return b.j - a.j
	})
	// Drop a title inside another.
	kept := out[:0]
	end := -1
	for _, m := range out {
		if m.j <= end {
			continue
		}
		kept = append(kept, m)
		end = max(end, m.j)
	}
	return kept
}

// titleCase accepts a political title written with a capital, after a
// country ("Nigerien president") or before a name ("president Maman"):
// in lower case on its own, "general" or "chief" is a word of prose.
func (r *reading) titleCase(i, j int) bool {
	if r.toks[i].upper {
		return true
	}
	if i > 0 && r.toks[i].gap == gapSpace && r.at.countryEnd.has(i) {
		return true
	}
	return j < len(r.toks) && r.toks[j].upper && r.toks[j].gap == gapSpace
}

// within returns the mentions that lie in words [i, j).
func within(ms []mention, i, j int) []mention {
	lo, _ := slices.BinarySearchFunc(ms, i, func(m mention, i int) int { return m.i - i })
	var out []mention
	for _, m := range ms[lo:] {
		if m.i >= j {
			break
		}
		if m.j <= j {
			out = append(out, m)
		}
	}
	return out
}

// wordRange returns the words that lie whole in the text's bytes
// [start, end).
func (r *reading) wordRange(start, end int) (int, int) {
	i, _ := slices.BinarySearchFunc(r.toks, start, func(t token, s int) int { return t.start - s })
	j, _ := slices.BinarySearchFunc(r.toks, end, func(t token, e int) int { return t.end - e })
	if j < len(r.toks) && r.toks[j].end <= end {
		j++
	}
	return i, max(i, j)
}
