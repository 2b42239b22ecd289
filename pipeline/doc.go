// Package pipeline runs dossier's stages in order:
//
//	load -> clean -> segment -> extract -> normalize -> validate -> check -> reconcile -> (export)
//
// Each stage lives in its own package below this one and is a plain function
// over documents or facts; this package only wires them together (options,
// the worker pool, the order of the stages), keeps the counts, and decides
// which facts are exported and which rejected. What a run produces is a
// model.Result (package model), which the exporters and reports read
// without depending on this package; only the commands import it. Data
// problems are issues; a returned error means the run could not go on.
package pipeline
