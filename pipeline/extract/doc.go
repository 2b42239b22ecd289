// Package extract turns the clean text of an article about the relations
// of two countries into facts, with rule-based extractors: deterministic,
// explainable, and without models.
//
// Every extractor is a Rule in the one explicit table returned by Rules
// (no registration in init): an id such as "officials.list-separator", the
// kind of fact it makes, a one-line doc and a function of a Context. A
// file per extractor holds its rules: extract_officials.go,
// extract_polls.go, extract_missions.go, extract_events.go,
// extract_programs.go and extract_ambassadors.go.
//
// A Fact carries its record as a curated fact file would write it (kind,
// countries as ISO 3166-1 alpha-3 codes, the kind's fields normalized
// through the normalize package, and evidence with the document id and the
// exact quote) and the byte span of the quote in Document.Text, so that
// Document.Text[Start:End] is the quote. Numbers are json.Number, arrays
// []any and nested objects map[string]any, as the loaders decode them.
//
// The rules read blocks as the segment package found them, and repair what
// a scrape does to them on the way: wrapped lines of a plain dump are
// joined back into sentences, reference lists, tables of contents, share
// buttons, photo credits and link lists are skipped, and negated
// statements ("There is no embassy in ...") give no fact.
//
// Document runs the whole table on a document in a fixed order and drops
// duplicates (same kind and key fields). A Context holds no state shared
// between documents, so documents may be extracted on every core at once.
package extract
