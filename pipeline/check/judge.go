package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/key"
	"dossier/pipeline/normalize"
	"dossier/pipeline/schema"
)

// find looks for the field's value in a view and returns the byte offset
// where the view states it.
func (fl field) find(v view) (int, bool) {
	r := v.r
	switch fl.kind {
	case ckName:
		if p, ok := r.nameIn(v.i, v.j, fl.words); ok {
			return r.toks[p].start, true
		}
		return 0, false
	case ckRank:
		return r.first(v.mentions(r.ranks), func(m mention) bool { return m.value == fl.text })
	case ckRole:
		if off, ok := r.firstOr(v, r.roles, func(m mention) bool { return m.value == fl.canon }, fl.words); ok {
			return off, ok
		}
		// A title that begins the role: "Secretary Rice" for a Secretary
		// of State.
		return r.first(r.nonRanks(v.mentions(r.titles)), func(m mention) bool {
			w := strings.Fields(joinFolds(r.toks, m.i, m.j))
			return len(w) < len(fl.words) && slices.Equal(w, fl.words[:len(w)])
		})
	case ckProgram:
		return r.firstOr(v, r.programs, func(m mention) bool { return m.value == fl.canon }, fl.words)
	case ckPlace:
		return r.firstOr(v, r.cities, func(m mention) bool { return sameCity(m, fl.text) }, fl.words)
	case ckCountry:
		is := func(m mention) bool { return m.value == fl.code }
		// Whose a thing is, where the text says whose: "the U.S. Embassy in
		// Bamako, Mali" is not Mali's, though it names Mali.
		if owners := v.mentions(r.owners); fl.slot == slotOwner && len(owners) > 0 {
			return r.first(owners, is)
		}
		if off, ok := r.first(v.mentions(r.countries), is); ok || fl.slot == slotOwner {
			return off, ok
		}
		return r.first(v.mentions(r.cities), func(m mention) bool { return m.code == fl.code })
	case ckPeople:
		is := func(m mention) bool { return m.value == fl.code }
		if peoples := v.mentions(r.peoples); len(peoples) > 0 {
			return r.first(peoples, is)
		}
		return r.firstOr(v, r.countries, is, fl.words)
	case ckDate:
		return fl.findDate(v, dateSame)
	case ckNumber:
		for _, n := range v.nums {
			if slices.Contains(fl.want, n.value) {
				return n.pos, true
			}
		}
	}
	return 0, false
}

// first returns the offset of the first mention that ok accepts.
func (r *reading) first(ms []mention, ok func(mention) bool) (int, bool) {
	for _, m := range ms {
		if ok(m) {
			return r.toks[m.i].start, true
		}
	}
	return 0, false
}

// firstOr is first, or else the offset where the view writes words.
func (r *reading) firstOr(v view, ms []mention, ok func(mention) bool, words []string) (int, bool) {
	if off, found := r.first(v.mentions(ms), ok); found {
		return off, true
	}
	return r.seqIn(v.i, v.j, words)
}

// seqIn finds the folded words as a phrase among the words [i, j).
func (r *reading) seqIn(i, j int, words []string) (int, bool) {
	n := len(words)
	if n == 0 {
		return 0, false
	}
	for k := i; k+n <= j; k++ {
		match := true
		for w := range n {
			if r.toks[k+w].fold != words[w] || w > 0 && !phraseGap(r.toks[k+w].gap) {
				match = false
				break
			}
		}
		if match {
			return r.toks[k].start, true
		}
	}
	return 0, false
}

// sameCity reports whether a city the text names is the field's city: the
// same name, or one that shortens the other in the same country
// ("Washington" and "Washington, D.C."). A former name is never the
// current one: "Fort Lamy" is not N'Djamena unless the text says so.
func sameCity(m mention, city string) bool {
	a, b := normalize.FoldKey(m.value), normalize.FoldKey(city)
	if a == b {
		return true
	}
	c, ok := normalize.LookupCity(city)
	if !ok || c.Country != m.code || c.Now != "" || m.now != "" {
		return false
	}
	return strings.HasPrefix(a, b+" ") || strings.HasPrefix(b, a+" ")
}

// findDate finds a date of the view that stands to the field's as rel
// says.
func (fl field) findDate(v view, rel dateRelation) (int, bool) {
	ds := v.mentions(v.r.dates)
	years := map[string]bool{}
	for _, d := range ds {
		if !strings.HasPrefix(d.value, "--") {
			years[d.value[:4]] = true
		}
	}
	// "the next day", "three years earlier": from a date the view gives
	// before it.
	for _, rm := range v.mentions(v.r.relative) {
		for _, d := range ds {
			if d.i >= rm.i {
				continue
			}
			if shifted, ok := shiftDate(d.value, rm.value); ok {
				ds = append(ds, mention{i: rm.i, j: rm.j, value: shifted})
			}
		}
	}
	return v.r.first(ds, func(m mention) bool { return relateDate(fl.text, m.value, years) == rel })
}

// coarser returns how the quote gives the field's date less precisely
// ("2012" for 2012-03-15), or "".
func (fl field) coarser(q view) string {
	off, ok := fl.findDate(q, dateCoarser)
	if !ok {
		return ""
	}
	for _, m := range q.mentions(q.r.dates) {
		if q.r.toks[m.i].start == off {
			return q.r.surface(m)
		}
	}
	return ""
}

// surface is a mention as the text writes it.
func (r *reading) surface(m mention) string {
	return r.text[r.toks[m.i].start:r.toks[m.j-1].end]
}

// contra says what the quote puts in the field's slot instead of its
// value, or "" when the slot is empty (or the field has none).
func (fl field) contra(q view) string {
	r := q.r
	name, val := fl.col.Name, fl.shown()
	switch fl.kind {
	case ckName:
		return says(name, val, "names", r.surfaces(q.mentions(r.persons), ""))
	case ckRole:
		return says(name, val, "gives", r.surfaces(r.nonRanks(q.mentions(r.titles)), ""))
	case ckPlace:
		return says(name, val, "names", r.cityNames(q.mentions(r.cities), fl.text))
	case ckProgram:
		return says(name, val, "names", values(q.mentions(r.programs)))
	case ckCountry:
		switch fl.slot {
		case slotOwner:
			return says(name, val, "gives", r.surfaces(q.mentions(r.owners), "code"))
		case slotHost:
			return says(name, val, "places it in", r.surfaces(q.mentions(r.hosts), "code"))
		}
	case ckPeople:
		return says(name, val, "gives the share of", r.surfaces(q.mentions(r.peoples), ""))
	case ckDate:
		if fl.coarser(q) != "" {
			return ""
		}
		return says(name, val, "states", r.datesWritten(q.mentions(r.dates)))
	case ckNumber:
		return says(name, val, "states", numbersWritten(q.nums, fl.col))
	}
	return ""
}

func says(name, val, verb string, what []string) string {
	if len(what) == 0 {
		return ""
	}
	return fmt.Sprintf("%s is %s; the quote %s %s", name, val, verb, joinList(what, "and"))
}

// surfaces writes mentions as the text does, each once, at most three;
// with "code", each with its value: "Nigerien (NER)".
func (r *reading) surfaces(ms []mention, with string) []string {
	var out []string
	for _, m := range ms {
		s := r.surface(m)
		if with == "code" && m.value != "" {
			s += " (" + m.value + ")"
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return cap3(out)
}

func cap3(s []string) []string {
	if len(s) > 3 {
		return append(s[:3:3], fmt.Sprintf("%d more", len(s)-3))
	}
	return s
}

// nonRanks leaves out the titles that are ranks alone (LTC, Dr.), not
// roles ("Ambassador" is both).
func (r *reading) nonRanks(ms []mention) []mention {
	var out []mention
	same := func(m mention) func(mention) bool { return func(k mention) bool { return k.i == m.i && k.j == m.j } }
	for _, m := range ms {
		if !slices.ContainsFunc(r.ranks, same(m)) || slices.ContainsFunc(r.roles, same(m)) {
			out = append(out, m)
		}
	}
	return out
}

// cityNames writes the cities a quote names; a former name of the field's
// city says so.
func (r *reading) cityNames(ms []mention, city string) []string {
	var out []string
	for _, m := range ms {
		s := r.surface(m)
		if m.now != "" && normalize.FoldKey(m.now) == normalize.FoldKey(city) {
			s += fmt.Sprintf(" (a former name of %s: a quote that gives it must also say it is %s)", m.now, m.now)
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return cap3(out)
}

func values(ms []mention) []string {
	var out []string
	for _, m := range ms {
		if !slices.Contains(out, m.value) {
			out = append(out, m.value)
		}
	}
	return cap3(out)
}

// datesWritten writes the dates of a quote as the text does, with their
// ISO form where it differs.
func (r *reading) datesWritten(ms []mention) []string {
	var out []string
	for _, m := range ms {
		s := r.surface(m)
		if s != m.value {
			s += " (" + m.value + ")"
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return cap3(out)
}

// numbersWritten writes the numbers of a quote that fill a column's slot:
// shares for a percent, years for a year, ordinals for a rank, any number
// for another column.
func numbersWritten(nums []statedNumber, c schema.Column) []string {
	var out []string
	for _, n := range nums {
		switch {
		case c.Format == "percent" && !n.share, c.Name == "year" && !n.year, c.Name == "rank" && !n.ordinal:
			continue
		}
		if !slices.Contains(out, n.written) {
			out = append(out, n.written)
		}
	}
	return cap3(out)
}

// wantNumbers returns the forms a number column's value may take in a
// text: itself, and a fraction as a percent.
func wantNumbers(c schema.Column, v any) []string {
	s, ok := numberText(v)
	if !ok {
		return nil
	}
	want := []string{s}
	if n, _ := fact.Number(v); c.Format == "percent" && n > 0 && n < 1 {
		want = append(want, key.Number(strconv.FormatFloat(n*100, 'f', -1, 64)))
	}
	return want
}
