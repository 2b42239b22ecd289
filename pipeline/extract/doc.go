// Package extract turns the clean text of an article about the relations
// of two countries into facts, with rule-based extractors: deterministic,
// explainable, and without models.
//
// # Rules
//
// Every extractor is a Rule in the one explicit table returned by Rules
// (no registration in init): an id such as "officials.list-separator", the
// kind of fact it makes, a one-line doc and a function of a Context. A
// file per extractor holds its rules: extract_officials.go (lists),
// extract_officials_prose.go (titles held by people named in sentences),
// extract_infobox.go (envoy and mission rows of an infobox's residue),
// extract_polls.go, extract_missions.go, extract_events.go (with
// reldate.go for "the next day"), extract_programs.go and
// extract_ambassadors.go. Stated counts ("eighteen ambassadors") are left
// to the checks. The tables the rules use are general: the normalize
// package's countries, demonyms and cities (every capital and the larger
// consulate cities); no rule names a person, an article or a pollster's
// wording.
//
// # How well they work
//
// corpus_test.go scores the rules on real scraped articles with
// hand-labelled gold facts (../shared/corpus, the development corpus) and
// on written sets in testdata/heldout*: precision and recall per kind, with
// every miss under -v, and BenchmarkCorpus times them. The corpus and the
// sets whose README records an exposure were read while the rules were
// written: they are tuning sets, and their scores say what the rules were
// tuned to do. Only a set nobody tuning the rules has read says how they
// do on articles they have not seen; its README records its one score.
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
