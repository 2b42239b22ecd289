package extract

import (
	"strings"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
)

// Infobox residue: the rows of the box at the top of an article, as
// scrapes leave them. Two shapes:
//
//   - key-value dumps, a row a line: "- Mission1: Peruvian Embassy,
//     Madrid", "- Envoytitle2: Chargé d'affaires", "- Envoy2:
//     Ana Ruiz", "| envoy1 = ...";
//   - a label line followed by its values, one per country, each on its
//     own line or in its own cell: "Envoy" / "Ambassador A" /
//     "Ambassador B", "Diplomatic mission" / "Embassy of X, City" / ...
//
// The n-th value of a row belongs to the n-th country of the pair (the
// order of the title), unless the value names its country ("Embassy of
// Japan, ..."). An envoy's role is its title row ("Envoytitle2"), else the
// title before the name, else Ambassador, which is what such boxes show
// when they give no title.

var (
	// infoKVRE is a key-value row: an optional bullet, a key, an optional
	// column number, a colon or equals sign, the value.
	infoKVRE = prefilter.MustCompile(`^(?:[-*•|]\s*)?(?:[a-z]{2,5}:)?([A-Za-z][A-Za-z _]{1,30}?)\s*([1-9])?\s*(?:[:=]|\t)\s*(\S.*)$`)
	// missionValueRE reads a mission row's value: "Embassy of Japan,
	// Maputo", "Peruvian Embassy, Madrid", "High Commission of
	// India in Accra".
	missionValueRE = prefilter.MustCompile(`^(?:The\s+)?(?:(.{2,40}?)\s+)?(Embass(?:y|ies)|High Commission|Consulate[- ]General|Consulate|Liaison Office|Interests Section)(?:\s+of\s+(?:the\s+)?(.{2,50}?))?(?:,\s*|\s+in\s+)(\p{Lu}.*)$`)
)

// kvSpaceRE is a numbered key and its value with only a space between,
// as a table of properties loses its tab: "dbp:envoy1 Paul Smith".
var kvSpaceRE = prefilter.MustCompile(`^(?:[a-z]{2,5}:)?([A-Za-z][A-Za-z_]{2,30}?)([1-9]) (\S.*)$`)

// cellKeyRE is a numbered key alone in its cell: "envoy1", "dbp:mission2".
var cellKeyRE = prefilter.MustCompile(`^(?:[a-z]{2,5}:)?([A-Za-z][A-Za-z_]{2,30}?)([1-9])$`)

// infoFields maps the keys and labels of infobox rows, folded, to the
// field they give.
var infoFields = map[string]string{
	"envoy": "envoy", "envoys": "envoy", "envoyname": "envoy", "ambassador": "envoy", "ambassadors": "envoy",
	"envoytitle": "envoytitle", "ambassadortitle": "envoytitle",
	"mission": "mission", "missions": "mission", "diplomaticmission": "mission", "diplomaticmissions": "mission",
	"embassy": "mission",
}

// infoRow is one value of an infobox row.
type infoRow struct {
	field      string
	index      int // the column, 1-based
	start, end int // the value
	line       int // where the row starts (its key or label)
	role       string
	country    string // whose it is, when the row says (a page about one mission)
}

// envoyRowRE is a row of the box of a page about one mission, a title
// and a name, glued or not: "AmbassadorRosa Elena Ruiz", "High
// Commissioner Ruchi Sharma".
var envoyRowRE = prefilter.MustCompile(`^(Ambassador|High Commissioner|Charg[ée]e? d['’][Aa]ffaires(?:,? a\.\s?i\.| ad interim)?|Consul[- ]General|Head of Mission)\s*(\p{Lu}[^\d:]*)$`)

// infoKey is the lookup form of an infobox label: trimmed, without spaces
// and underscores, lower case. It is asked of every short block, so it
// builds no replacer (one costs about 6 KB).
func infoKey(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, '_') < 0 {
		return strings.ToLower(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '_' {
			b = append(b, s[i])
		}
	}
	return strings.ToLower(string(b))
}

// infoboxRows finds the rows of infobox residue in the document.
func (c *Context) infoboxRows() []infoRow {
	var rows []infoRow
	for bi := 0; bi < len(c.blocks); bi++ {
		b := c.blocks[bi]
		if c.skip[bi] || len(b.Text) > 160 {
			continue
		}
		if c.missionPage != "" && bi < 30 {
			if m := envoyRowRE.FindStringSubmatchIndex(b.Text); m != nil && !endsSentence(b.Text) {
				rows = append(rows, infoRow{field: "envoy", role: b.Text[m[2]:m[3]], country: c.missionPage,
					start: b.Start + m[4], end: b.End, line: b.Start})
				continue
			}
			if m := envoyRowRE.FindStringSubmatch(b.Text + " X"); m != nil && m[2] == "X" && bi+1 < len(c.blocks) && c.gapIsLine(bi) && c.cellLine(bi+1) {
				// The title and the name in two cells of one row.
				v := c.blocks[bi+1]
				rows = append(rows, infoRow{field: "envoy", role: m[1], country: c.missionPage, start: v.Start, end: v.End, line: b.Start})
				bi++
				continue
			}
		}
		m := infoKVRE.FindStringSubmatchIndex(b.Text)
		if m == nil || infoFields[infoKey(b.Text[m[2]:m[3]])] == "" {
			if ms := kvSpaceRE.FindStringSubmatchIndex(b.Text); ms != nil {
				m = ms
			}
		}
		if m != nil {
			field := infoFields[infoKey(b.Text[m[2]:m[3]])]
			if field == "" {
				continue
			}
			idx := 0
			if m[4] >= 0 {
				idx = int(b.Text[m[4]] - '0')
			}
			rows = append(rows, infoRow{field: field, index: idx, start: b.Start + m[6], end: b.End, line: b.Start})
			continue
		}
		if m := cellKeyRE.FindStringSubmatch(b.Text); m != nil && infoFields[infoKey(m[1])] != "" && bi+1 < len(c.blocks) && c.gapIsSame(bi) {
			// A key and its value in two cells of one row: "dbp:envoy1" |
			// "Paul Smith".
			v := c.blocks[bi+1]
			rows = append(rows, infoRow{field: infoFields[infoKey(m[1])], index: int(m[2][0] - '0'), start: v.Start, end: v.End, line: b.Start})
			bi++
			continue
		}
		field := infoFields[infoKey(b.Text)]
		if field == "" && bi+1 < len(c.blocks) && c.inLead(bi) && c.envoyPair(bi) {
			// Two envoys side by side at the top of the page, their label
			// lost: "Ambassador A" / "Ambassador B".
			for k := 0; k < 2; k++ {
				v := c.blocks[bi+k]
				rows = append(rows, infoRow{field: "envoy", index: k + 1, start: v.Start, end: v.End, line: v.Start})
			}
			bi++
			continue
		}
		if field == "" || field == "envoytitle" || !c.listLine(bi) {
			continue
		}
		// A label: its values are the next lines or cells, up to two.
		n := 0
		for j := bi + 1; j < len(c.blocks) && n < 2 && c.gapIsLine(j-1) && c.cellLine(j); j++ {
			if infoFields[infoKey(c.blocks[j].Text)] != "" {
				break
			}
			n++
			rows = append(rows, infoRow{field: field, index: n, start: c.blocks[j].Start, end: c.blocks[j].End, line: c.blocks[j].Start})
		}
		bi += n
	}
	return rows
}

// cellLine reports a short line that may be an infobox value: a list
// line, or a short paragraph (a value ending in "D.C." reads as one).
func (c *Context) cellLine(bi int) bool {
	b := c.blocks[bi]
	return !c.skip[bi] && b.Kind != document.Heading && b.End-b.Start <= 120
}

// officialsInfobox reads the envoys of infobox rows.
func officialsInfobox(c *Context) []Fact {
	rows := c.infoboxRows()
	titles := map[int]infoRow{}
	for _, r := range rows {
		if r.field == "envoytitle" && r.index > 0 {
			titles[r.index] = r
		}
	}
	var out []Fact
	for _, r := range rows {
		country := r.country
		if country == "" && r.index >= 1 && r.index <= 2 {
			country = c.Pair[r.index-1]
		}
		if r.field != "envoy" || country == "" {
			continue
		}
		value := strings.TrimSpace(c.text(r.start, r.end))
		role, rest := r.role, value
		if m := leadingTitleRE.FindStringSubmatch(value); m != nil && role == "" {
			role, rest = m[1], m[2]
		}
		name, rank, ok := c.nameWithRank(rest)
		if !ok {
			continue
		}
		qstart := r.line
		if t, ok := titles[r.index]; ok {
			if role == "" {
				role = strings.TrimSpace(c.text(t.start, t.end))
			}
			qstart = min(qstart, t.line)
		}
		if role == "" {
			role = "Ambassador"
		}
		out = append(out, c.newFact("official", "officials.infobox", qstart, r.end, map[string]any{
			"role": roleOut(role), "name": name, "rank": rank, "country": country,
		}))
	}
	return out
}

// missionsInfobox reads the missions of infobox rows.
func missionsInfobox(c *Context) []Fact {
	var out []Fact
	for _, r := range c.infoboxRows() {
		if r.field != "mission" {
			continue
		}
		h, ok := c.missionValue(r.start, r.end, r.index)
		if !ok {
			continue
		}
		out = append(out, c.newFact("mission", "missions.infobox", r.line, r.end, map[string]any{
			"type": h.typ, "sending": h.sending, "host": h.host, "city": h.city,
		}))
	}
	return out
}

// missionValue reads one mission written as an infobox value, the n-th of
// its row: "Peruvian Embassy, Madrid", "Embassy of Japan in
// Maputo". The sending country is the one the value names, else the n-th
// of the pair.
func (c *Context) missionValue(start, end, n int) (missionHit, bool) {
	v := c.text(start, end)
	m := missionValueRE.FindStringSubmatchIndex(v)
	if m == nil {
		return missionHit{}, false
	}
	sending := ""
	switch {
	case m[6] >= 0:
		sending = countryInPhrase(v[m[6]:m[7]])
	case m[2] >= 0:
		sending = c.country(strings.TrimSpace(v[m[2]:m[3]]))
	case n >= 1 && n <= 2:
		sending = c.Pair[n-1]
	}
	if !c.inPair(sending) {
		return missionHit{}, false
	}
	typ, _ := missionType(v[m[4]:m[5]])
	host := c.other(sending)
	city, _, ok := c.city(start+m[8], end, host)
	if !ok {
		return missionHit{}, false
	}
	if ct, known := normalize.LookupCity(city); known && ct.Country != host {
		return missionHit{}, false // a city of another country
	}
	return missionHit{rule: "missions.infobox", typ: typ, sending: sending, host: host, city: city, start: start, end: end}, true
}

// inLead reports whether block bi comes before the article's first long
// paragraph, where an infobox's residue is.
func (c *Context) inLead(bi int) bool {
	for j := 0; j < bi; j++ {
		if c.blocks[j].Kind == document.Paragraph && c.blocks[j].End-c.blocks[j].Start > 150 {
			return false
		}
	}
	return true
}

// envoyPair reports two consecutive short lines at bi that each hold a
// title and a name, and no third like them: an infobox's two envoys.
func (c *Context) envoyPair(bi int) bool {
	is := func(j int) bool {
		if j < 0 || j >= len(c.blocks) || !c.cellLine(j) || endsSentence(c.blocks[j].Text) {
			return false
		}
		m := leadingTitleRE.FindStringSubmatch(c.blocks[j].Text)
		if m == nil {
			return false
		}
		_, _, ok := c.nameWithRank(m[2])
		return ok
	}
	return is(bi) && is(bi+1) && c.gapIsLine(bi) && !is(bi-1) && !is(bi+2)
}

// gapIsSame reports whether blocks a and a+1 are cells of one line.
func (c *Context) gapIsSame(a int) bool {
	return a+1 < len(c.blocks) && !strings.Contains(c.Doc.Text[c.blocks[a].End:c.blocks[a+1].Start], "\n")
}
