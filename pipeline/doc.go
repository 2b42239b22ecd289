// Package pipeline runs dossier's stages in order:
//
//	load -> clean -> segment -> normalize -> validate -> check -> (export)
//
// Each stage lives in its own package below this one and is a plain function
// over documents or facts; this package only wires them together, keeps the
// counts, and decides which facts are exported and which rejected. Data
// problems are issues; a returned error means the run could not go on.
package pipeline
