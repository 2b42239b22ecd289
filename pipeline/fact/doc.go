// Package fact holds the record every stage passes along: a Fact is one
// JSON-shaped object (decoded with json.Number so no precision is lost) plus
// where it came from, and a Locator that finds the file position of any JSON
// pointer inside it, so a diagnostic raised late in the pipeline can still
// point at the exact line and column of the value that caused it.
package fact
