package extract

import (
	"strings"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
)

// Ambassador lists: under a heading or an introduction that names
// ambassadors or high commissioners ("Among the fifteen former U.S.
// Ambassadors to Niger are:"), items "Robert Hallam (1998–2001)", "Name
// (since 2022)", "Name, 2000-2003", "Name, since 2022", table rows
// "Name<TAB>2007<TAB>2010", or a bare name. The country is the one the
// introduction says they represent; the term, when given, is normalized
// (an open term has no "to"). A count of ambassadors is left to the
// checks.

var (
	termParenRE = prefilter.MustCompile(`^(.+?)\s*\(([^()]*\d{4}[^()]*)\)\s*\.?$`)
	termCommaRE = prefilter.MustCompile(`^(.+?),\s*((?:(?:since|from)\s+)?(?:\d{1,2}\s+\p{L}+\.?\s+)?\d{4}\b.*)$`)
	// termFirstRE is a term before the name: "1998–2001: Robert Hallam".
	termFirstRE = prefilter.MustCompile(`^((?:\d{1,2}\s+\p{L}+\.?\s+)?\d{4}\s*(?:(?:–|—|-|to)\s*(?:(?:\d{1,2}\s+\p{L}+\.?\s+)?\d{4}|present)?)?)\s*(?::|–|—|-{1,2})\s+(\D+)$`)
	termSplitRE = prefilter.MustCompile(`^(.*?\d)\s*(?:–|—|--|-|\bto\b|\buntil\b)\s*(.*)$`)
	termFromRE  = prefilter.MustCompile(`(?i)^(?:since|from)\s+(.+)$`)
	openTermRE  = prefilter.MustCompile(`(?i)^(?:present|now|today|incumbent|current|date|)$`)
	// termRowRE is a table row whose columns the cleaner joined with
	// spaces: "Margaret Ellison 2007 2010".
	termRowRE = prefilter.MustCompile(`^(\D+?)\s+((?:\d{1,2}\s+\p{L}+\.?\s+)?\d{4})(?:\s*(?:–|—|-|to)?\s*((?:\d{1,2}\s+\p{L}+\.?\s+)?\d{4}|present|incumbent))?$`)
)

type ambassadorHit struct {
	name, from, to string
}

func ambassadorsList(c *Context) []Fact {
	hits := make([]*ambassadorHit, len(c.blocks))
	shape := make([]bool, len(c.blocks))
	for bi, b := range c.blocks {
		if !c.listLine(bi) {
			continue
		}
		if h, ok := c.parseAmbassador(b.Text, b.Kind); ok {
			hits[bi], shape[bi] = &h, true
		}
	}
	first, _ := c.listRuns(shape)
	officials := c.officialLines()
	var out []Fact
	for bi, h := range hits {
		if h == nil || first[bi] < 0 {
			continue
		}
		b := c.blocks[bi]
		intro, section := c.listIntro(first[bi])
		if !ambassadorsContextRE.MatchString(intro) && !ambassadorsContextRE.MatchString(section) {
			continue
		}
		if officials[bi] != nil && officialsContextRE.MatchString(ambassadorsContextRE.ReplaceAllString(intro, "")) {
			continue
		}
		country := c.serving(intro)
		if country == "" {
			country = c.serving(section)
		}
		if country == "" {
			country = c.defaultServing()
		}
		if country == "" {
			continue
		}
		out = append(out, c.newFact("ambassador", "ambassadors.list", b.Start, b.End, map[string]any{
			"name": h.name, "country": country, "from": h.from, "to": h.to,
		}))
	}
	return out
}

// parseAmbassador reads one line of a list of envoys. A bare name is only
// taken from a list item.
func (c *Context) parseAmbassador(line string, kind document.BlockKind) (ambassadorHit, bool) {
	line = strings.TrimSpace(line)
	if line == "" || strings.Contains(line, "\n") || len(line) > 160 {
		return ambassadorHit{}, false
	}
	var name, term, to string
	tab := false
	switch {
	case strings.Contains(line, "\t"):
		cols := strings.Split(line, "\t")
		name = strings.TrimSpace(cols[0])
		var dates []string
		for _, col := range cols[1:] {
			if col = strings.TrimSpace(col); col != "" {
				dates = append(dates, col)
			}
		}
		if len(dates) == 0 {
			return ambassadorHit{}, false
		}
		term = dates[0]
		if len(dates) > 1 {
			to = dates[1]
		}
		tab = true
	case termFirstRE.MatchString(line):
		m := termFirstRE.FindStringSubmatch(line)
		name, term = m[2], m[1]
	case termParenRE.MatchString(line):
		m := termParenRE.FindStringSubmatch(line)
		name, term = m[1], m[2]
	case termCommaRE.MatchString(line):
		m := termCommaRE.FindStringSubmatch(line)
		name, term = m[1], m[2]
	case termRowRE.MatchString(line):
		m := termRowRE.FindStringSubmatch(line)
		name, term, to, tab = m[1], m[2], m[3], true
	default:
		if kind != document.Item {
			return ambassadorHit{}, false
		}
		name = line
	}
	n, _ := personOf(name)
	if !c.personName(n) {
		return ambassadorHit{}, false
	}
	h := ambassadorHit{name: n}
	if term == "" {
		return h, true
	}
	var ok bool
	if tab {
		h.from, ok = termDate(term)
		if !ok {
			return ambassadorHit{}, false
		}
		if to != "" && !openTermRE.MatchString(to) {
			if h.to, ok = termDate(to); !ok {
				return ambassadorHit{}, false
			}
		}
		return h, true
	}
	h.from, h.to, ok = parseTerm(term)
	if !ok {
		return ambassadorHit{}, false
	}
	return h, true
}

// parseTerm reads "1998–2001", "21 March 1990 – 1993", "2019 – present",
// "since 2022", "2020 –" or a single year.
func parseTerm(term string) (from, to string, ok bool) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(term), "."))
	if m := termFromRE.FindStringSubmatch(t); m != nil {
		from, ok = termDate(m[1])
		return from, "", ok
	}
	if m := termSplitRE.FindStringSubmatch(t); m != nil {
		if from, ok = termDate(m[1]); !ok {
			return "", "", false
		}
		end := strings.TrimSpace(m[2])
		if openTermRE.MatchString(end) {
			return from, "", true
		}
		if to, ok = termDate(end); !ok {
			return "", "", false
		}
		return from, to, true
	}
	from, ok = termDate(t)
	return from, "", ok
}

// termDate normalizes one end of a term; it must have a year.
func termDate(s string) (string, bool) {
	v, ok := normString("date", strings.TrimSpace(s))
	if !ok || len(v) < 4 || !yearRE.MatchString(v[:4]) {
		return "", false
	}
	return v, true
}
