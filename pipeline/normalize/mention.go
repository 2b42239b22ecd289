package normalize

import (
	"bytes"
	"strings"
	"sync"
)

// The lookups below read the normalizers' tables for a phrase of running
// text rather than for a field: they say whether the phrase is one of the
// table's entries, and never report an error, so that a checker can try
// every phrase of an article cheaply.

// CountryNamed returns the alpha-3 code of a phrase that names a country
// as prose does: a name ("Mali", "the United States"), an upper-case
// abbreviation ("U.S.", "USA") or a demonym, singular or plural ("Malian",
// "Malians"). Bare ISO codes are not read (in prose "AND" or "CAN" is more
// often a word), nor forms that name several countries or none with a code.
func CountryNamed(s string) (string, bool) {
	t := countryData()
	// countryFoldKey(s), in a buffer: the map lookups need no string.
	var buf [64]byte
	key := AppendFoldKey(buf[:0], s)
	if rest, ok := bytes.CutPrefix(key, []byte("the ")); ok {
		key = rest
	}
	k, ok := t.keys[string(key)]
	if !ok && len(key) > 0 && key[len(key)-1] == 's' {
		if p, pok := t.keys[string(key[:len(key)-1])]; pok && p.kind == kindDemonym {
			k, ok = p, true
		}
	}
	if !ok || k.kind == kindAmbiguous || k.kind == kindNoCode || len(k.codes) != 1 {
		return "", false
	}
	if k.kind == kindAbbr && hasLower(s) {
		return "", false
	}
	return k.codes[0], true
}

// CountryDemonym reports whether a phrase CountryNamed reads is a demonym
// ("Malian", "Americans") rather than a name.
func CountryDemonym(s string) bool {
	t := countryData()
	key := countryFoldKey(s)
	if k, ok := t.keys[key]; ok {
		return k.kind == kindDemonym
	}
	k, ok := t.keys[strings.TrimSuffix(key, "s")]
	return ok && k.kind == kindDemonym
}

// KnownRole returns the one spelling of a role the role table holds
// ("DCM" gives "Deputy Chief of Mission"); ok is false for a role the table
// does not hold.
func KnownRole(s string) (string, bool) {
	c, ok := roleIndex[FoldKey(s)]
	return c, ok
}

// KnownProgram returns the canonical name of a program the program table
// holds ("U.S. Agency for International Development" gives "USAID").
func KnownProgram(s string) (string, bool) {
	return KnownProgramKey(FoldKey(s))
}

// KnownProgramKey is KnownProgram of a name already folded by FoldKey.
func KnownProgramKey(key string) (string, bool) {
	c, ok := programIndex[key]
	return c, ok
}

// KnownRank returns the one spelling of a rank or honorific, or of several
// written together ("Lieutenant Colonel" gives "LTC"); ok is false when s
// is not made of titles alone.
func KnownRank(s string) (string, bool) {
	return canonicalRank(s)
}

// Tables that PhraseStarts describes.
const (
	TableCountries = "countries" // what CountryNamed reads
	TableCities    = "cities"    // what LookupCity reads
	TableRoles     = "roles"     // what KnownRole reads
	TablePrograms  = "programs"  // what KnownProgram reads
	TableRanks     = "ranks"     // what KnownRank reads, one title at a time
)

// PhraseStarts returns, for a table, the first word (as FoldKey writes it)
// of each phrase the table knows, with the most words a phrase starting
// with it has; a plural demonym ("malians") is counted as a first word. A
// reader of running text tries only the words it lists, so that it need
// not look up every phrase of a text. The map is shared: do not change it.
func PhraseStarts(table string) map[string]int {
	return phraseStarts()[table]
}

var phraseStarts = sync.OnceValue(func() map[string]map[string]int {
	out := map[string]map[string]int{}
	add := func(table, key string) {
		w := strings.Fields(key)
		if len(w) == 0 {
			return
		}
		m := out[table]
		if m == nil {
			m = map[string]int{}
			out[table] = m
		}
		m[w[0]] = max(m[w[0]], len(w))
	}
	for key, k := range countryData().keys {
		add(TableCountries, key)
		if k.kind == kindDemonym {
			add(TableCountries, key+"s")
		}
	}
	for key := range cityTable().byKey {
		add(TableCities, key)
	}
	for key := range roleIndex {
		add(TableRoles, key)
	}
	for key := range programIndex {
		add(TablePrograms, key)
	}
	ix := titleData()
	for key := range ix.folded {
		add(TableRanks, key)
	}
	for v := range ix.exact {
		add(TableRanks, FoldKey(v))
	}
	return out
})
