package normalize

import (
	"fmt"
	"slices"
	"sync"
)

// Context tells a normalizer about the field it works on, from the schema.
type Context struct {
	Type     string // the schema "type" of the field: "string", "integer", "number", "" if none
	Fraction bool   // the schema marks a percent field as a fraction 0..1 ("x-unit": "fraction")
	// Unit is the schema's "x-unit": "percent", "fraction", an ISO 4217
	// currency code such as "USD", or "" if none. Only a field whose unit
	// is a currency reads a currency sign or code ("$29.5 million").
	Unit string
	// Decimal is the schema's "x-decimal", the field's decimal separator:
	// "." or ",", or "" where the field does not say. It settles a number
	// such as "1.000" that is otherwise ambiguous.
	Decimal string
}

// Result is a normalizer's output. Value replaces the field's value; Delete
// removes the field (a date with no year moves to date_text); Extra holds
// sibling fields to set on the same object (person sets "rank", date sets
// "date_text", place sets "country"). A normalizer only returns Extra keys
// listed in its Normalizer.Siblings; Plan.Apply refuses to overwrite a sibling
// the record already has with a different value and reports a conflict
// instead.
type Result struct {
	Value  any
	Delete bool
	Extra  map[string]any
}

// Func is a normalizer's function. It must be pure (no state, safe for
// concurrent use) and idempotent: given its own output it returns that output
// unchanged, with no Extra and no error. A value of a kind it does not handle
// comes back unchanged.
type Func func(v any, ctx Context) (Result, error)

// Normalizer is one entry of the table: a name used in schemas'
// "x-normalize", a one-line doc, and the function.
type Normalizer struct {
	Name string
	Doc  string
	Fn   Func
	// Siblings lists the keys the normalizer may set through Result.Extra.
	// Each maps to the name of the normalizer that brings a value the record
	// already has under that key to canonical form before Apply compares it
	// with the new one ("" compares the values as they are).
	Siblings map[string]string
}

// Error codes returned by the normalizers and by Plan.Apply. They are stable:
// reports and tests match on them.
const (
	CodeCountryUnknown    = "normalize.country-unknown"
	CodeCountryAmbiguous  = "normalize.country-ambiguous"
	CodeDateInvalid       = "normalize.date-invalid"
	CodeDateAmbiguous     = "normalize.date-ambiguous"
	CodePercentInvalid    = "normalize.percent-invalid"
	CodeNumberInvalid     = "normalize.number-invalid"
	CodeNumberAmbiguous   = "normalize.number-ambiguous" // "1.000", "12,345": thousands or decimals, the text does not say
	CodePlaceCountries    = "normalize.place-countries"
	CodeRankConflict      = "normalize.rank-conflict" // Apply: person's rank differs from the record's
	CodeArrayElement      = "normalize.array-element" // Apply: a normalizer tried to delete or set siblings inside an array
	CodeUnknownNormalizer = "normalize.unknown-normalizer"
	CodeSiblingUndeclared = "normalize.sibling-undeclared"
)

// ConflictCode returns the code Apply uses when a normalizer would set the
// sibling key to a value other than the one the record has:
// "normalize.<key>-conflict" with underscores as hyphens, so "rank" gives
// CodeRankConflict and "date_text" gives "normalize.date-text-conflict".
func ConflictCode(key string) string {
	b := []byte(key)
	for i, c := range b {
		if c == '_' {
			b[i] = '-'
		}
	}
	return "normalize." + string(b) + "-conflict"
}

// Error is a normalization failure; Code is a stable dotted code and Message
// names the offending value.
type Error struct {
	Code    string
	Message string
}

// Error returns "CODE: MESSAGE".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is reports whether target is an *Error with the same Code, so that
// errors.Is(err, &Error{Code: CodeDateInvalid}) matches any invalid date.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// table is the one list of normalizers. Lookup, Names, schema checking and
// the docs all read from it.
var table = []Normalizer{
	{Name: "trim", Doc: "Removes white space (and zero-width spaces) at both ends.", Fn: trim},
	{Name: "nfc", Doc: "Puts text in Unicode normalization form C.", Fn: nfc},
	{Name: "whitespace", Doc: "Collapses runs of white space (tabs, NBSP, newlines) to one space and trims.", Fn: whitespace},
	{Name: "dash", Doc: `Writes dashes used as separators ("--", " - ", "–", "—") as an unspaced em dash "—"; hyphens in words and number ranges stay.`, Fn: dash},
	{Name: "quotes", Doc: `Turns curly quotes and apostrophes into straight ' and ".`, Fn: quotes},
	{Name: "lower", Doc: "Lower-cases text.", Fn: lower},
	{Name: "upper", Doc: "Upper-cases text.", Fn: upper},
	{Name: "country", Doc: `Turns a country name, official name, demonym, upper-case abbreviation ("U.S.", "DRC") or upper-case ISO code into its ISO 3166-1 alpha-3 code; a lower-case code or abbreviation ("and", "car") is refused, since it is more often a word.`, Fn: country},
	{Name: "country-code", Doc: `As country, for a field that holds codes: an ISO 3166-1 alpha-3 or alpha-2 code is read in any case ("mli", "ml" → "MLI").`, Fn: countryCode},
	{Name: "date", Doc: "Writes a date as ISO 8601 at the precision given (YYYY, YYYY-MM, YYYY-MM-DD); a date with no year moves to date_text.", Fn: date, Siblings: map[string]string{"date_text": "whitespace"}},
	{Name: "percent", Doc: `Reads "79%", "79 per cent" or "seventy-nine percent" as the number 79 (0.79 for a fraction field); an ambiguous separator ("1.000%") is refused unless the field declares x-decimal.`, Fn: percent},
	{Name: "number", Doc: `Reads a number, number words ("eighteen", "a dozen") or digits with a scale word ("1.5 billion") as a JSON number; an ambiguous separator ("1.000", "12,345") is refused unless the field declares x-decimal, and a currency sign is read only in a field whose x-unit is that currency.`, Fn: number},
	{Name: "person", Doc: `Splits a leading rank or honorific from a name: "LTC Eric Dalton" gives "Eric Dalton" and rank "LTC".`, Fn: person, Siblings: map[string]string{"rank": "rank"}},
	{Name: "rank", Doc: `Writes a military rank or honorific in its one spelling ("Lt. Col." → "LTC", "Doctor" → "Dr.").`, Fn: rank},
	{Name: "role", Doc: `Writes an official's role in its one spelling ("DCM" → "Deputy Chief of Mission"); unknown roles pass through.`, Fn: role},
	{Name: "place", Doc: `Splits a trailing country from a place: "Bamako, Mali" gives "Bamako" and country "MLI".`, Fn: place, Siblings: map[string]string{"country": "country"}},
	{Name: "program", Doc: `Writes a program's canonical name ("U.S. Agency for International Development" → "USAID"); unknown names pass through.`, Fn: program},
}

var index = sync.OnceValue(func() map[string]Normalizer {
	m := make(map[string]Normalizer, len(table))
	for _, n := range table {
		m[n.Name] = n
	}
	return m
})

// Lookup returns the normalizer with the given name.
func Lookup(name string) (Normalizer, bool) {
	n, ok := index()[name]
	return n, ok
}

// Names returns the names of all normalizers, sorted.
func Names() []string {
	names := make([]string, 0, len(table))
	for _, n := range table {
		names = append(names, n.Name)
	}
	slices.Sort(names)
	return names
}

// All returns the table of normalizers, sorted by name.
func All() []Normalizer {
	all := slices.Clone(table)
	slices.SortFunc(all, func(a, b Normalizer) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	return all
}
