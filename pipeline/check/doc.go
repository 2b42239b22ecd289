// Package check holds the consistency checks that schema validation cannot
// do: a fact against its source document, and facts against each other.
// Each check has a stable code and appends issues; none of them stops the
// run.
//
// Evidence finds a fact's quote in its document (evidence.go) and, when
// it is not there, names the closest passage (closest.go). Fields holds
// every field the quote can support against it (fields.go, judge.go): the
// document is read once for what the tables of the normalize package know
// (reading.go, tokens.go: countries, cities, roles, programs, ranks;
// dates.go: dates, relative ones too; numbers.go), and for the slots that
// say whose a thing is, where it is and who holds a title (slots.go,
// names.go), so that a field is called contradicted only when its slot
// holds something else.
package check
