package issue

import (
	"strings"
)

// Code describes one stable issue code: what it means and the severity it
// is usually raised at. Codes ending in ".*" are families (schema.*: one per
// JSON Schema keyword; rule.*: one per x-rules id).
type Code struct {
	Code     string
	Severity Severity
	Summary  string
}

// Codes is the table of every code dossier raises. The SARIF rules, the
// docs (docs/checks.md, checked by a test) and --help read it.
var Codes = []Code{
	{"load.syntax", Error, "a fact file or sidecar is not valid YAML or JSON"},
	{"load.empty", Error, "a fact file holds no value"},
	{"load.not-object", Error, "a record of a fact file is not an object"},
	{"load.duplicate-key", Error, "an object (YAML mapping or JSON object) gives the same key twice"},
	{"load.merge-key", Error, "a YAML merge key (<<), which dossier does not expand"},
	{"load.alias-bomb", Error, "YAML aliases that expand past the limit"},
	{"load.too-deep", Error, "a record nested deeper than limits.depth"},
	{"load.key", Error, "a YAML mapping key that is not a plain string"},
	{"load.tag", Error, "a YAML tag for a type JSON does not have (!!binary, a custom !tag)"},
	{"load.utf8", Warning, "bytes that are not UTF-8 in a string of a JSON or JSON Lines record, read as U+FFFD"},
	{"load.encoding", Error, "a fact file in an encoding dossier does not read: UTF-16 without a byte order mark, a CSV neither UTF-8 nor Windows-1252 (info when a document or a CSV was decoded)"},
	{"load.binary", Error, "a file that holds binary data, not text"},
	{"load.too-large", Error, "a file or record past its limit (limits.*)"},
	{"load.read-whole", Info, "a large YAML fact file read whole rather than item by item (anchors, aliases or tags may tie its items together), with the memory it takes"},
	{"load.too-many", Error, "more records than limits.records; the rest is not read"},
	{"load.header", Error, "a CSV header with an empty or repeated column"},
	{"load.columns", Error, "a CSV row with fewer fields than the header, or a value past its last column"},
	{"extract.invalid", Info, "a fact the extractors found that does not pass its kind's schema; it is left out"},
	{"extract.panic", Error, "an extractor failed (a bug of dossier's) on a document; its facts are not extracted"},
	{"extract.timeout", Warning, "the extractors took longer than limits.extract_seconds on a document"},
	{"reconcile.conflict", Warning, "a curated fact and the text of its document disagree on a field"},
	{"reconcile.extracted-only", Info, "the text states a fact that no fact file gives"},
	{"fact.kind-missing", Error, "a record without a kind"},
	{"fact.kind-unknown", Error, "a kind with no schema"},
	{"fact.id-duplicate", Error, "a given id that another fact of the kind already has"},
	{"schema.*", Error, "a JSON Schema keyword failed: schema.type, schema.required, schema.enum, ..."},
	{"rule.*", Error, "a cross-field rule (x-rules) does not hold; severity as the rule says"},
	{"normalize.*", Error, "a value that cannot be normalized: an unknown country, an impossible date, ..."},
	{"evidence.document-unknown", Error, "evidence.document names no loaded document"},
	{"evidence.quote-not-found", Error, "evidence.quote does not occur in its document"},
	{"evidence.name-mismatch", Error, "the quote gives another person (or rank) where the fact's name is"},
	{"evidence.role-mismatch", Error, "the quote gives another title where the fact's role is"},
	{"evidence.place-mismatch", Error, "the quote names another city where the fact's city or post is"},
	{"evidence.country-mismatch", Error, "the quote gives another country (or people) in the slot of the fact's country"},
	{"evidence.program-mismatch", Error, "the quote names other programs, not the fact's"},
	{"evidence.date-mismatch", Error, "the quote states other dates, not the fact's"},
	{"evidence.number-mismatch", Error, "the quote states other numbers of the sort, not the fact's (a share, a rank, a count)"},
	{"evidence.unstated", Warning, "fields of the fact that neither the quote nor its context states"},
	{"percent.sum", Error, "the shares of one question do not add up to 100 within rounding (info when off by rounding only)"},
	{"key.duplicate", Info, "two facts with the same key and the same fields"},
	{"conflict.value", Error, "two facts with the same key differ in a field (warning across documents)"},
	{"date.order", Warning, "an event before the pair established relations, or a term that ends before it starts"},
	{"list.empty", Warning, "a sentence announces a list and no item follows"},
	{"count.mismatch", Warning, "a stated count differs from the items listed"},
	{"text.boilerplate", Warning, "scrape boilerplate left in a cleaned document"},
	{"text.mojibake", Warning, "mis-decoded text (Ã©, â€™) or U+FFFD in a document"},
	{"text.control", Warning, "a control character in a document"},
	{"section.empty", Info, "a heading with no text under it"},
	{"export.truncated", Warning, "a text longer than an Excel cell holds, cut in the workbook only"},
}

// LookupCode returns the table entry of a code, matching families.
func LookupCode(code string) (Code, bool) {
	for _, c := range Codes {
		if c.Code == code {
			return c, true
		}
	}
	for _, c := range Codes {
		if fam, ok := strings.CutSuffix(c.Code, "*"); ok && strings.HasPrefix(code, fam) {
			return c, true
		}
	}
	return Code{}, false
}
