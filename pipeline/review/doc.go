// Package review builds out/review.html: one self-contained page that
// shows a run to a person. Each document's cleaned text with every fact's
// quote highlighted in place and each issue at its line; the facts as
// tables that sort and filter; the issues, each linking to its line or
// record; a timeline of each pair's events and its poll shares by year as
// inline SVG; and a glossary of the issue codes the run raised, taken from
// docs/checks.md.
//
// The page needs no network: its style and script are inline, it names no
// external resource, and its Content-Security-Policy forbids any fetch. It
// is deterministic: the same run gives the same bytes.
//
// A run streams its facts; so does the page. A Collector sees every
// exported fact once, in input order (the exporter's sink calls it), and
// keeps only bounded state: the first rows of each kind, the spans of the
// first facts quoted in the documents shown, where noted facts are, and
// aggregates (poll shares by pair, measure and year; events by pair; facts
// by kind and document). Limits says how much; past it, the page says
// what it leaves out and where to find it (the CSVs). The same
// aggregates feed the workbook's Charts sheet.
package review
