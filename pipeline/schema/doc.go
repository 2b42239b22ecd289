// Package schema loads the JSON Schemas that drive the pipeline: one file
// per fact kind (schemas/<kind>.schema.json) plus document.schema.json and
// any shared definitions. It compiles them with format assertions and the
// dossier vocabulary (x-key, x-normalize, x-format, x-unit, x-decimal,
// x-rules), and reads from them what the other stages need: each kind's
// columns in the schema's own property order, its key fields, its field
// metadata, and its cross-field rules (x-rules) from every schema it
// reaches, compiled for evaluation beside the validator (Rules).
package schema
