package normalize

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:embed iso3166.tsv
var iso3166TSV string

//go:embed country_aliases.tsv
var countryAliasesTSV string

// Country is one ISO 3166-1 entry.
type Country struct {
	Alpha2   string // "ML"
	Alpha3   string // "MLI"
	Name     string // English short name, "Mali"
	Official string // English official name, "Republic of Mali"; "" where ISO gives none
}

// Countries returns the ISO 3166-1 table (every officially assigned code),
// sorted by alpha-2 code.
func Countries() []Country {
	return slices.Clone(countryData().list)
}

// CountryByAlpha3 returns the ISO 3166-1 entry for an alpha-3 code
// (upper case).
func CountryByAlpha3(code string) (Country, bool) {
	c, ok := countryData().byAlpha3[code]
	return c, ok
}

// alias kinds of country_aliases.tsv
const (
	kindName      = "name"
	kindAbbr      = "abbr"
	kindDemonym   = "demonym"
	kindAmbiguous = "ambiguous"
	kindNoCode    = "nocode"
)

// countryKey is what a folded name leads to.
type countryKey struct {
	kind  string   // one of the kinds above; ISO short names are kindName
	codes []string // alpha-3; several for kindAmbiguous, none for kindNoCode
}

type countryTables struct {
	list     []Country
	byAlpha2 map[string]Country
	byAlpha3 map[string]Country
	keys     map[string]countryKey // FoldKey of a name, abbreviation or demonym
	display  map[string]string     // alpha-3 -> first hand-written name, to explain ambiguities
}

var countryData = sync.OnceValue(func() *countryTables {
	t, err := loadCountries(iso3166TSV, countryAliasesTSV)
	if err != nil {
		// The tables are embedded and checked by the tests; a broken one
		// is a build defect, not a data problem.
		panic("normalize: " + err.Error())
	}
	return t
})

// loadCountries parses the ISO table and the alias table and checks them:
// unique codes, every alias pointing at a known code, no folded key with two
// meanings.
func loadCountries(isoText, aliasText string) (*countryTables, error) {
	t := &countryTables{
		byAlpha2: map[string]Country{},
		byAlpha3: map[string]Country{},
		keys:     map[string]countryKey{},
		display:  map[string]string{},
	}
	if err := t.readISO(isoText); err != nil {
		return nil, err
	}
	// Aliases first, so that an ambiguous form overrides an ISO short name
	// ("Congo" is COG's ISO name, and it is refused as ambiguous).
	ambiguous, err := t.readAliases(aliasText)
	if err != nil {
		return nil, err
	}
	for _, c := range t.list {
		for _, name := range []string{c.Name, c.Official} {
			key := countryFoldKey(name)
			if name == "" || ambiguous[key] {
				continue
			}
			if err := t.add("iso3166.tsv "+c.Alpha3, key, countryKey{kind: kindName, codes: []string{c.Alpha3}}); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// readISO reads the ISO table: alpha-2, alpha-3, name and official name.
func (t *countryTables) readISO(text string) error {
	err := eachTSVLine(text, 4, func(line int, f []string) error {
		c := Country{Alpha2: f[0], Alpha3: f[1], Name: f[2], Official: f[3]}
		if c.Official == "-" {
			c.Official = ""
		}
		if !isUpperASCII(c.Alpha2, 2) || !isUpperASCII(c.Alpha3, 3) || c.Name == "" || f[3] == "" {
			return fmt.Errorf("iso3166.tsv:%d: malformed entry %q", line, strings.Join(f, "\t"))
		}
		if _, dup := t.byAlpha2[c.Alpha2]; dup {
			return fmt.Errorf("iso3166.tsv:%d: duplicate alpha-2 %s", line, c.Alpha2)
		}
		if _, dup := t.byAlpha3[c.Alpha3]; dup {
			return fmt.Errorf("iso3166.tsv:%d: duplicate alpha-3 %s", line, c.Alpha3)
		}
		t.byAlpha2[c.Alpha2] = c
		t.byAlpha3[c.Alpha3] = c
		t.list = append(t.list, c)
		return nil
	})
	slices.SortFunc(t.list, func(a, b Country) int { return strings.Compare(a.Alpha2, b.Alpha2) })
	return err
}

// readAliases reads the alias table (kind, codes, alias) and returns the
// folded forms that are ambiguous or name no country.
func (t *countryTables) readAliases(text string) (map[string]bool, error) {
	ambiguous := map[string]bool{}
	err := eachTSVLine(text, 3, func(line int, f []string) error {
		where := fmt.Sprintf("country_aliases.tsv:%d", line)
		kind, codes, alias := f[0], f[1], f[2]
		k, err := t.aliasKey(where, kind, codes)
		if err != nil {
			return err
		}
		if kind == kindName {
			if _, ok := t.display[codes]; !ok {
				t.display[codes] = alias
			}
		}
		key := countryFoldKey(alias)
		if kind == kindAmbiguous || kind == kindNoCode {
			ambiguous[key] = true
		}
		if c, ok := t.byAlpha3[strings.ToUpper(key)]; ok && (k.kind == kindAmbiguous || k.kind == kindNoCode || k.codes[0] != c.Alpha3) {
			return fmt.Errorf("%s: %q is the alpha-3 code of %s", where, alias, c.Name)
		}
		return t.add(where, key, k)
	})
	return ambiguous, err
}

// aliasKey checks an alias's kind and codes against the ISO table.
func (t *countryTables) aliasKey(where, kind, codes string) (countryKey, error) {
	k := countryKey{kind: kind}
	switch kind {
	case kindName, kindAbbr, kindDemonym:
		if _, ok := t.byAlpha3[codes]; !ok {
			return k, fmt.Errorf("%s: unknown alpha-3 %q", where, codes)
		}
		k.codes = []string{codes}
	case kindAmbiguous:
		k.codes = strings.Split(codes, ",")
		if len(k.codes) < 2 {
			return k, fmt.Errorf("%s: an ambiguous alias needs two codes or more", where)
		}
		for _, c := range k.codes {
			if _, ok := t.byAlpha3[c]; !ok {
				return k, fmt.Errorf("%s: unknown alpha-3 %q", where, c)
			}
		}
	case kindNoCode:
		if codes != "-" {
			return k, fmt.Errorf("%s: a nocode alias has code -", where)
		}
	default:
		return k, fmt.Errorf("%s: unknown kind %q", where, kind)
	}
	return k, nil
}

// add gives a folded key its meaning; a key given two meanings is an error.
func (t *countryTables) add(where, key string, k countryKey) error {
	if key == "" {
		return fmt.Errorf("%s: alias folds to nothing", where)
	}
	if old, ok := t.keys[key]; ok {
		if old.kind == kindAmbiguous || k.kind == kindAmbiguous || old.kind == kindNoCode || k.kind == kindNoCode ||
			!slices.Equal(old.codes, k.codes) {
			return fmt.Errorf("%s: %q already means %s %v", where, key, old.kind, old.codes)
		}
		return nil
	}
	t.keys[key] = k
	return nil
}

// eachTSVLine calls fn for every non-comment, non-blank line of text, split
// at tabs into exactly n fields.
func eachTSVLine(text string, n int, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != n {
			return fmt.Errorf("line %d: %d fields, want %d", line, len(f), n)
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
	return sc.Err()
}

func isUpperASCII(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isLetterASCII(s string, n int) bool {
	return isUpperASCII(strings.ToUpper(s), n) && len(s) == n
}

// countryFoldKey is FoldKey without a leading article: "the Gambia" and
// "The Netherlands" are looked up as "gambia" and "netherlands".
func countryFoldKey(s string) string {
	k := FoldKey(s)
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		return rest
	}
	return k
}

// countryMode says which forms lookupCountry accepts.
type countryMode int

const (
	// countryAny: upper-case codes, names, upper-case abbreviations and
	// demonyms.
	countryAny countryMode = iota
	// countryCodes: as countryAny, and codes in any case, for a field that
	// holds codes (the country-code normalizer).
	countryCodes
	// countryNames: names and upper-case abbreviations only (the tail of a
	// place).
	countryNames
)

// lookupCountry resolves s to an alpha-3 code. found is false when s is not
// a country at all (err then explains, but for countryNames); err is set
// for a country form that cannot be given one code.
//
// A bare code counts only in upper case, and so does an abbreviation
// ("USA", "DRC", "CAR"): in lower case these letters are more often words
// ("and", "can", "per", "car") than codes, and a wrong country is worse
// than none. Only countryCodes, where the schema says the field holds
// codes, takes a code in any case.
func lookupCountry(s string, mode countryMode) (code string, found bool, err *Error) {
	t := countryData()
	s = trimSpace(s)
	var codeErr *Error // a code in the wrong case, reported if s is nothing else
	if mode != countryNames {
		if isLetterASCII(s, 3) {
			up := strings.ToUpper(s)
			if c, ok := t.byAlpha3[up]; ok {
				if s == up || mode == countryCodes {
					return c.Alpha3, true, nil
				}
				codeErr = errorf(CodeCountryUnknown, "unknown country %q: three-letter codes are accepted in upper case only, as a lower-case word is rarely a code (write %s if %s is meant)", s, up, c.Name)
			}
		}
		if isLetterASCII(s, 2) {
			return alpha2(t, s, mode == countryCodes)
		}
	}
	key := countryFoldKey(s)
	k, ok := t.keys[key]
	if !ok && mode != countryNames && strings.HasSuffix(key, "s") {
		// "Malians", "Americans": the plural of a demonym.
		if p, pok := t.keys[strings.TrimSuffix(key, "s")]; pok && (p.kind == kindDemonym || p.kind == kindAmbiguous || p.kind == kindNoCode) {
			k, ok = p, true
		}
	}
	if ok && k.kind == kindAbbr && hasLower(s) {
		switch {
		case mode == countryNames:
			return "", false, nil
		case codeErr != nil:
			return "", false, codeErr
		}
		return "", false, errorf(CodeCountryUnknown, "unknown country %q: abbreviations are accepted in upper case only, as a lower-case word is rarely one (write %s if %s is meant)", s, strings.ToUpper(s), t.byAlpha3[k.codes[0]].Name)
	}
	if !ok || (mode == countryNames && k.kind == kindDemonym) {
		if mode == countryNames {
			return "", false, nil
		}
		if codeErr != nil {
			return "", false, codeErr
		}
		return "", false, errorf(CodeCountryUnknown, "unknown country %q", s)
	}
	switch k.kind {
	case kindAmbiguous:
		names := make([]string, len(k.codes))
		for i, c := range k.codes {
			name := t.byAlpha3[c].Name
			if countryFoldKey(name) == key || strings.HasPrefix(countryFoldKey(name), key+" ") {
				if d, ok := t.display[c]; ok {
					name = d
				}
			}
			names[i] = fmt.Sprintf("%s (%s)", c, name)
		}
		return "", true, errorf(CodeCountryAmbiguous, "ambiguous country %q: it may be %s; write the code or the full name", s, strings.Join(names, " or "))
	case kindNoCode:
		return "", true, errorf(CodeCountryUnknown, "unknown country %q: it has no officially assigned ISO 3166-1 code", s)
	}
	return k.codes[0], true, nil
}

// hasLower reports whether s has a lower-case letter.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// alpha2 resolves a bare two-letter value. Only an officially assigned code
// is accepted, and in upper case unless anyCase: "UK", "XK" and "EU" are not
// ISO 3166-1 codes, and "us" or "no" in lower case are more likely words
// than codes.
func alpha2(t *countryTables, s string, anyCase bool) (string, bool, *Error) {
	up := strings.ToUpper(s)
	c, ok := t.byAlpha2[up]
	switch {
	case ok && (s == up || anyCase):
		return c.Alpha3, true, nil
	case ok:
		return "", false, errorf(CodeCountryUnknown, "unknown country %q: two-letter codes are accepted in upper case only (%q is %s)", s, up, c.Alpha3)
	case up == "UK":
		return "", false, errorf(CodeCountryUnknown, "unknown country %q: not an ISO 3166-1 code; the United Kingdom is GB, alpha-3 GBR", s)
	case up[0] == 'X' || (up[0] == 'Q' && up[1] >= 'M') || up == "AA" || up == "ZZ":
		return "", false, errorf(CodeCountryUnknown, "unknown country %q: a user-assigned code, not an officially assigned ISO 3166-1 code", s)
	default:
		return "", false, errorf(CodeCountryUnknown, "unknown country %q: not an officially assigned ISO 3166-1 code", s)
	}
}

// country normalizes a country name, short form, demonym or upper-case code
// to its ISO 3166-1 alpha-3 code.
func country(v any, _ Context) (Result, error) {
	return countryIn(v, countryAny)
}

// countryCode is country for a field that holds codes: "mli", "ml" and
// "MLI" all give MLI.
func countryCode(v any, _ Context) (Result, error) {
	return countryIn(v, countryCodes)
}

func countryIn(v any, mode countryMode) (Result, error) {
	s, ok := v.(string)
	if !ok || isBlank(s) {
		return Result{Value: v}, nil
	}
	code, _, err := lookupCountry(s, mode)
	if err != nil {
		return Result{}, err
	}
	return Result{Value: code}, nil
}
