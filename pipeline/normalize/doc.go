// Package normalize rewrites the fields of a fact into one canonical form
// before validation: countries as ISO 3166-1 alpha-3 codes, dates as ISO
// 8601 at the precision the source gives, percentages and number words as
// JSON numbers, ranks split from names, one spelling per role and program,
// and text with unified Unicode form, white space, dashes and quotes.
//
// # Normalizers
//
// Every normalizer is a pure, idempotent Func kept in one explicit table
// (see Lookup, Names and All). A schema names the normalizers of a field
// with the extension keyword
//
//	"x-normalize": ["trim", "nfc", "country"]
//
// and they run in the listed order. A normalizer returns a value of a kind
// it does not handle unchanged (a number given to "country"), and reports a
// value it cannot read as an *Error with a stable dotted Code
// ("normalize.country-unknown", "normalize.date-ambiguous", ...) and a
// message that names the value. It does not guess: "Congo" (two countries),
// "03/04/2012" (day or month first), "UK" (not an ISO code), "and" (a word,
// not Andorra's code) and "1.000" (one or a thousand) are errors, and a date
// with no year moves to the sibling field date_text instead of being given
// one.
//
// The country normalizer reads two tables embedded in the package:
// iso3166.tsv, the complete list of the 249 officially assigned ISO 3166-1
// codes with their English short and official names, and
// country_aliases.tsv, written by hand: other names, abbreviations and
// demonyms ("U.S.", "Malians", "Burkinabè", "Ivory Coast"), forms that are
// ambiguous and places that have no code (Kosovo). Codes and abbreviations
// count only in upper case, but in a field whose schema names
// "country-code", which reads codes in any case.
//
// The number and percent normalizers read a field's "x-unit" (a currency
// makes its signs readable) and "x-decimal" (the decimal separator, which
// settles "1.000") from the schema, through Context.
//
// # Plans
//
// PlanFromSchema turns a JSON Schema into a Plan: for every field (a JSON
// pointer, with "*" for each element of an array) its normalizers and its
// Context (the schema type, and whether a percent is a fraction). Plan.Apply
// runs the plan on one decoded record in place and returns the changes, for
// the report, and the failures, which the caller turns into issues; a field
// that fails keeps its original value. Some normalizers also set a sibling
// field (person sets "rank", place sets "country", date sets "date_text");
// Apply never overwrites a different value the record already has and
// reports a conflict instead.
//
// Nothing here keeps state: a Plan and the tables are read-only and safe for
// concurrent use, so a stage may normalize records on every core.
//
// FoldKey gives the match key that the tables use (case, diacritics, dots
// and hyphens ignored), for other stages that compare names.
package normalize
