// Package check holds the consistency checks that schema validation cannot
// do: a fact against its source document, and facts against each other.
// Each check has a stable code and appends issues; none of them stops the
// run.
package check
