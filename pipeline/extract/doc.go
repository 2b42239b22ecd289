// Package extract turns the clean text of an article about the relations
// of two countries into facts, with rule-based extractors: deterministic,
// explainable, and without models.
//
// # Rules
//
// Every extractor is a Rule in the one explicit table returned by Rules
// (no registration in init): an id such as "officials.list-separator", the
// kind of fact it makes, a one-line doc and a function of a Context. A
// file per extractor holds its rules: extract_officials.go,
// extract_polls.go, extract_missions.go, extract_events.go,
// extract_programs.go and extract_ambassadors.go. Stated counts ("eighteen
// ambassadors") are left to the checks.
//
// # Facts
//
// A Fact carries its record as a curated fact file would write it: kind,
// countries (the pair, ISO 3166-1 alpha-3 codes), the kind's fields
// normalized with the normalize package (countries as codes, dates as
// YYYY, YYYY-MM or YYYY-MM-DD or else date_text, percentages and years as
// json.Number, ranks split from names, canonical program names) and
// evidence {document, quote}. Start and End are the byte span of the
// quote in Document.Text: Document.Text[Start:End] is the quote. Arrays
// are []any and nested objects map[string]any, as the loaders decode
// them.
//
// Roles keep the words the source uses, so that they match a curated fact
// quoting the same list; the role normalizer's spelling is used only where
// it expands an abbreviation ("DCM") or restores accents and case.
//
// # Text
//
// The rules read the blocks the segment package found, and repair what a
// scrape does to them: wrapped lines of a plain dump are joined back into
// sentences, lines the segmenter merged into one paragraph are split again,
// and reference lists, tables of contents, link lists, related headlines,
// share buttons, bylines, cookie banners, photo credits and their captions
// are skipped. Negated, closed and planned statements ("There is no
// embassy in ...", "USAID does not have a Mission in Niger") give no
// fact.
//
// Document runs the whole table on a document and drops duplicates (same
// kind and key fields). A Context keeps no state shared between
// documents, and the package's tables are read-only, so documents may be
// extracted on every core at once.
package extract
