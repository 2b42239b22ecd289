package check

import (
	"slices"
	"strings"
)

// Slots: where a text says whose a mission or an official is, where it is,
// and which person holds a title. A field is called contradicted only when
// its quote fills the field's slot with something else; a quote that
// merely names other people or countries elsewhere does not contradict it.

// nameFillers may stand between a name and the title after it: "Alan W.
// Varga, the American Consul", "Ruth B. Ostrow serving as Chargé".
var nameFillers = map[string]bool{
	"the": true, "a": true, "an": true, "as": true, "serving": true, "who": true, "was": true, "is": true,
	"then": true, "former": true, "acting": true, "also": true, "its": true, "his": true, "her": true,
}

// nameParticles are lower-case words inside a name: "Charles de Gaulle".
var nameParticles = map[string]bool{
	"de": true, "del": true, "della": true, "der": true, "di": true, "da": true, "das": true, "do": true, "dos": true,
	"du": true, "van": true, "von": true, "bin": true, "ibn": true, "al": true, "el": true, "le": true, "la": true, "ben": true,
}

// nameGap reports whether a name runs on across gap: a space, a hyphen,
// the quotation marks around a nickname.
func nameGap(gap byte) bool { return gap == gapSpace || gap == gapHyphen || gap == gapQuote }

// maxName is the most words read as one person's name.
const maxName = 5

// personSlots finds the names a text gives a person's slot: after a title
// or rank ("President Ana Reyes", "Defense Attaché—LTC Eric Dalton"),
// before one ("Jane Roe as the Principal Officer"), and after the
// separator of a list line ("Envoy2: Dana Whitcomb").
func (r *reading) personSlots() []mention {
	var out []mention
	for _, t := range r.titles {
		if i, j, ok := r.nameAfter(t.j); ok {
			out = append(out, r.person(i, j))
		}
		if i, j, ok := r.nameBefore(t.i); ok {
			out = append(out, r.person(i, j))
		}
	}
	for k, t := range r.toks {
		if t.gap != gapDash && t.gap != gapColon {
			continue
		}
		if j := r.nameRun(k); j-k >= 2 && (j == len(r.toks) || r.toks[j].gap == gapBreak || r.toks[j].gap == gapOther) {
			out = append(out, r.person(k, j))
		}
	}
	slices.SortFunc(out, func(a, b mention) int { return a.i - b.i })
	return slices.CompactFunc(out, func(a, b mention) bool { return a.i == b.i && a.j == b.j })
}

// person is the mention of the name in words [i, j), ranks before it left
// out.
func (r *reading) person(i, j int) mention {
	for _, m := range within(r.ranks, i, j) {
		if m.i == i && m.j < j {
			i = m.j
		}
	}
	return mention{i: i, j: j, value: joinFolds(r.toks, i, j)}
}

// nameAfter finds a name that starts at word k, right after a title (with
// a list separator or ranks between).
func (r *reading) nameAfter(k int) (int, int, bool) {
	if k >= len(r.toks) {
		return 0, 0, false
	}
	switch r.toks[k].gap {
	case gapSpace, gapDash, gapColon:
	default:
		return 0, 0, false
	}
	if e := int(r.at.rank[k]) - 1; e > k && e < len(r.toks) && r.toks[e].gap == gapSpace {
		k = e
	}
	j := r.nameRun(k)
	return k, j, j > k
}

// nameRun returns the end of the run of capitalized words (with initials
// and particles) that starts at word k; k when there is none.
func (r *reading) nameRun(k int) int {
	j := k
	for j < len(r.toks) && j-k < maxName {
		t := r.toks[j]
		if j > k && !nameGap(t.gap) {
			break
		}
		if !t.upper && (j == k || t.gap != gapHyphen) {
			// "Kim Dae-jung": a part after a hyphen; "Charles de
			// Gaulle": a particle before a capital.
			if j == k || !nameParticles[t.fold] || j+1 >= len(r.toks) || !r.toks[j+1].upper {
				break
			}
		}
		if r.startsTitle(j) {
			break
		}
		j++
		if t.possessive {
			break
		}
	}
	return j
}

func (r *reading) startsTitle(k int) bool {
	return r.at.title.has(k) && !r.at.rank.has(k)
}

// nameBefore finds a name of two words or more that ends before the title
// at word k, with fillers and a country between: "Carl T. Varga, the
// American Consul".
func (r *reading) nameBefore(k int) (int, int, bool) {
	end := k
	for end > 0 && k-end < 5 {
		if g := r.toks[end].gap; g != gapSpace && g != gapComma {
			return 0, 0, false
		}
		prev := r.toks[end-1]
		if nameFillers[prev.fold] && !prev.upper {
			end--
			continue
		}
		if r.at.countryEnd.has(end) {
			end = int(r.at.countryEnd[end]) - 1
			continue
		}
		break
	}
	if end == 0 || end == k && r.toks[k].gap != gapComma {
		return 0, 0, false
	}
	start := end
	for start > 0 && end-start < maxName {
		t := r.toks[start-1]
		if !t.upper && t.gap != gapHyphen || t.possessive || start < end && !nameGap(r.toks[start].gap) {
			break
		}
		start--
	}
	if end-start < 2 || r.nameRun(start) < end {
		return 0, 0, false
	}
	return start, end, true
}

// missionWords name a diplomatic mission.
var missionWords = map[string]bool{
	"embassy": true, "embassies": true, "consulate": true, "consulates": true, "legation": true, "chancery": true,
	"high commission": true, "consulate general": true, "interests section": true, "liaison office": true,
}

// missionAt returns the end of a mission word at word k, or k.
func (r *reading) missionAt(k int) int {
	for j := min(len(r.toks), k+2); j > k; j-- {
		if phraseRun(r.toks, k, j) && missionWords[joinFolds(r.toks, k, j)] {
			return j
		}
	}
	return k
}

// countrySlots sorts the country mentions into owners (the country whose
// mission, official or program it is), hosts (where a mission or post is;
// cities count for their country) and peoples (whose share a poll gives).
func (r *reading) countrySlots() (owners, hosts, peoples []mention) {
	for _, m := range r.countries {
		if r.ownerAt(m) {
			owners = append(owners, m)
		}
		if r.hostAt(m.i) {
			hosts = append(hosts, m)
		}
		if r.peopleAt(m.i) {
			peoples = append(peoples, m)
		}
	}
	for _, c := range r.cities {
		if r.hostAt(c.i) {
			hosts = append(hosts, mention{i: c.i, j: c.j, value: c.code})
			// "in Bamako, Mali": the country after the city is a host too.
			for _, m := range r.countries {
				if m.i == c.j && r.toks[m.i].gap == gapComma {
					hosts = append(hosts, m)
				}
			}
		}
	}
	slices.SortFunc(hosts, func(a, b mention) int { return a.i - b.i })
	return owners, hosts, peoples
}

// ownerAt reports whether a country mention names whose something is:
// "U.S. Embassy", "Nigerien president", "Mali's embassy", "Embassy of the
// United States", "China maintains an embassy" (a mission within the
// next five words, all in lower case).
func (r *reading) ownerAt(m mention) bool {
	if m.j < len(r.toks) && (r.toks[m.j].gap == gapSpace || r.toks[m.j-1].possessive) {
		if r.missionAt(m.j) > m.j || r.at.title.has(m.j) || r.at.program.has(m.j) {
			return true
		}
		// "China maintains an embassy", "Fiji set up its own high
		// commission"; not "represented in Australia by its embassy".
		for k := m.j; k < len(r.toks) && k < m.j+5 && !r.afterPreposition(m.i); k++ {
			if r.missionAt(k) > k {
				return true
			}
			if t := r.toks[k]; t.upper || t.gap != gapSpace {
				break
			}
		}
	}
	k := m.i
	if k > 0 && r.toks[k-1].fold == "the" {
		k--
	}
	if k < 2 || r.toks[k-1].fold != "of" {
		return false
	}
	before := k - 2
	return r.missionAt(before) > before || r.at.titleEnd.has(before+1)
}

var prepositions = map[string]bool{
	"in": true, "at": true, "to": true, "by": true, "from": true, "with": true, "for": true, "into": true,
	"on": true, "of": true, "between": true, "against": true, "toward": true, "towards": true,
}

// afterPreposition reports whether the phrase at word k follows a
// preposition, with "the" between or not.
func (r *reading) afterPreposition(k int) bool {
	p := k - 1
	if p >= 0 && r.toks[p].fold == "the" {
		p--
	}
	return p >= 0 && prepositions[r.toks[p].fold]
}

// hostAt reports whether the place at word k follows "in", "at" or "to"
// after a mission or a title in the same clause: "an embassy in Niamey",
// "Ambassador to Mali".
func (r *reading) hostAt(k int) bool {
	p := k - 1
	if p >= 0 && r.toks[p].fold == "the" {
		p--
	}
	if p < 0 || !(r.toks[p].fold == "in" || r.toks[p].fold == "at" || r.toks[p].fold == "to") {
		return false
	}
	for q := p - 1; q >= 0 && q >= p-6; q-- {
		if r.missionAt(q) > q || r.at.titleEnd.has(q+1) {
			return true
		}
		if g := r.toks[q+1].gap; g == gapStop || g == gapBreak {
			return false
		}
	}
	return false
}

// peopleAt reports whether the country at word k is whose share the text
// gives: "79% of Malians", "53 percent of the Nigeriens".
func (r *reading) peopleAt(k int) bool {
	p := k - 1
	if p >= 0 && r.toks[p].fold == "the" {
		p--
	}
	if p < 1 || r.toks[p].fold != "of" {
		return false
	}
	prev := r.toks[p-1]
	between := r.text[prev.end:r.toks[p].start]
	return strings.Contains(between, "%") || prev.fold == "percent" || prev.fold == "cent"
}
