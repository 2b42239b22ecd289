package pipeline

import (
	"slices"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/normalize"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

// checkMeta puts a document, with what its sidecar says, through what a
// fact goes through: the normalizers its schema names (country names to
// codes, dates in any wording to ISO 8601), then validation (with a "did
// you mean" for a misspelt key). The normalized values become the
// document's. An issue about a field the sidecar gives is located in the
// sidecar.
func checkMeta(k *schema.Kind, d *document.Document) []issue.Issue {
	rec := load.DocumentRecord(d)
	_, failures := k.Normalize.Apply(rec.Fields)
	var issues []issue.Issue
	for _, fl := range failures {
		p := rec.Locate(fl.Pointer)
		issues = append(issues, issue.Issue{Severity: issue.Error, Code: fl.Err.Code, Message: fl.Err.Message,
			File: rec.File, Line: p.Line, Column: p.Col, Pointer: fl.Pointer, Record: d.ID})
	}
	for name := range d.Meta {
		d.Meta[name] = rec.Fields[name]
	}
	str := func(name string) string { s, _ := d.Meta[name].(string); return s }
	if d.Meta != nil {
		d.URL, d.Retrieved, d.Language = str("url"), str("retrieved"), str("language")
		if t := str("title"); t != "" {
			d.Title = t
		}
	}
	for _, is := range validate.Fact(k, rec) {
		// A value that could not be normalized has its error already.
		if !slices.ContainsFunc(failures, func(fl normalize.Failure) bool { return fl.Pointer == is.Pointer }) {
			issues = append(issues, is)
		}
	}
	for i := range issues {
		if toks := fact.SplitPointer(issues[i].Pointer); len(toks) > 0 && d.Meta != nil {
			if _, inMeta := d.Meta[toks[0]]; inMeta {
				issues[i].File = d.MetaFile
			}
		}
	}
	return issues
}
