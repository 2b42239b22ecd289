// Package model holds what a run produces: the documents, the exported
// facts by kind, the rejected records, the issues and the summary. The
// orchestrator (package pipeline) fills it; the exporters, the reports and
// the CLI read it. It depends on no stage, so a reader of the model never
// depends on the orchestrator.
package model

import (
	"slices"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/schema"
)

// Result is everything a run found, ready for export.
type Result struct {
	Schemas   *schema.Set
	Documents []*document.Document
	Facts     map[string][]*fact.Fact // exported facts by kind, in input order
	Rejected  []Rejected
	Issues    []issue.Issue
	Summary   issue.Summary
}

// New returns an empty result for the schemas of a run.
func New(set *schema.Set) *Result {
	return &Result{Schemas: set, Facts: map[string][]*fact.Fact{}, Summary: issue.Summary{ByKind: map[string]int{}, ByStatus: map[string]int{}}}
}

// Rejected is a record that was read and not exported, with why.
type Rejected struct {
	File   string         `json:"file"`
	Line   int            `json:"line"`
	Kind   string         `json:"kind,omitempty"`
	ID     string         `json:"id,omitempty"`
	Record map[string]any `json:"record,omitempty"`
	Issues []issue.Issue  `json:"issues"`
}

// AddIssues adds issues found after the run (by an exporter) and keeps the
// list sorted and the counts right.
func (r *Result) AddIssues(issues []issue.Issue) {
	r.Issues = append(r.Issues, issues...)
	issue.Sort(r.Issues)
	r.Summary.Issues = issue.Tally(r.Issues)
}

// KindsInOrder returns the kinds that have exported facts, sorted by name.
func (r *Result) KindsInOrder() []string {
	var ks []string
	for k, n := range r.Summary.ByKind {
		if n > 0 {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}
