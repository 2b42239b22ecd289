// Package key says when two facts are the same fact, and names them.
//
// A kind's schema lists its key fields in x-key ("countries", "year",
// "date:year", ...). Of builds a fact's key from them, comparing canonical
// values: strings folded as normalize.FoldKey does ("Touré" and "Toure"
// alike), numbers as decimals without redundant zeros (2007.0 is 2007),
// lists item by item. Ids, the duplicate checks, reconciliation and the
// extractors' dedupe all use it, so they agree on what "same" means.
//
// ID derives a fact's id from its key (or takes the one given) and IDs
// keeps ids unique within a kind, so that an id depends on the fact's own
// content and origin, and not on the records around it.
package key
