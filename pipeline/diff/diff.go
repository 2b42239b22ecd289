// Package diff compares two runs' dossier.json files: which facts were
// added, removed or changed (by id, field by field) and which issues are new
// or fixed, so that a pull request can show what a change did to the data.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"dossier/pipeline/issue"
	"dossier/pipeline/report"
)

// Dossier is the part of dossier.json a diff reads.
type Dossier struct {
	Facts  map[string][]map[string]any `json:"facts"`
	Issues []issue.Issue               `json:"issues"`
}

// NotDossierError says that a file given to Read is not a dossier.json,
// and why.
type NotDossierError struct {
	Path   string
	Reason string
}

func (e *NotDossierError) Error() string {
	return fmt.Sprintf("%s is not a dossier.json (the out/dossier.json of a run): %s", e.Path, e.Reason)
}

// Read decodes a dossier.json file, keeping numbers exact. A file that is
// not one (not JSON, another tool's, or dossier's report.json, which has
// no facts) is a *NotDossierError: comparing it would report every fact
// removed or added.
func Read(path string) (*Dossier, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var d struct {
		Dossier
		Tool  any             `json:"tool"`
		Facts json.RawMessage `json:"facts"`
	}
	if err := dec.Decode(&d); err != nil {
		return nil, &NotDossierError{path, "it does not decode as one: " + err.Error()}
	}
	switch {
	case d.Tool != "dossier":
		return nil, &NotDossierError{path, `it has no "tool": "dossier"`}
	case d.Facts == nil || string(d.Facts) == "null":
		return nil, &NotDossierError{path, "it has no facts (a report.json or a baseline holds only issues)"}
	}
	facts := json.NewDecoder(bytes.NewReader(d.Facts))
	facts.UseNumber()
	if err := facts.Decode(&d.Dossier.Facts); err != nil {
		return nil, &NotDossierError{path, "its facts are not facts by kind: " + err.Error()}
	}
	return &d.Dossier, nil
}

// FactRef names a fact.
type FactRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// FieldChange is one field of a fact that changed; Old or New is absent
// (nil) when the field was added or removed.
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// Changed is a fact present in both runs whose fields differ.
type Changed struct {
	FactRef
	Fields []FieldChange `json:"fields"`
}

// Result is what changed between two runs.
type Result struct {
	Added       []FactRef      `json:"added"`
	Removed     []FactRef      `json:"removed"`
	Changed     []Changed      `json:"changed"`
	NewIssues   []issue.Issue  `json:"new_issues"`
	FixedIssues []report.Entry `json:"fixed_issues"`
}

// Empty reports whether the runs agree.
func (r *Result) Empty() bool {
	return len(r.Added)+len(r.Removed)+len(r.Changed)+len(r.NewIssues)+len(r.FixedIssues) == 0
}

// ignored fields are derived from where a quote sits in its document or a
// record in its file; they move whenever the text or the file is edited
// and say nothing about the fact. The issue codes are compared as issues.
var ignored = map[string]bool{"evidence.start": true, "evidence.end": true, "evidence.line": true,
	"source_file": true, "source_line": true, "issues": true}

// Compare compares two runs.
func Compare(old, cur *Dossier) *Result {
	r := &Result{Added: []FactRef{}, Removed: []FactRef{}, Changed: []Changed{}}
	index := func(d *Dossier) map[FactRef]map[string]any {
		m := map[FactRef]map[string]any{}
		for kind, facts := range d.Facts {
			for _, f := range facts {
				id, _ := f["id"].(string)
				m[FactRef{kind, id}] = f
			}
		}
		return m
	}
	om, nm := index(old), index(cur)
	for ref, nf := range nm {
		of, ok := om[ref]
		if !ok {
			r.Added = append(r.Added, ref)
			continue
		}
		if ch := fields(of, nf); len(ch) > 0 {
			r.Changed = append(r.Changed, Changed{FactRef: ref, Fields: ch})
		}
	}
	for ref := range om {
		if _, ok := nm[ref]; !ok {
			r.Removed = append(r.Removed, ref)
		}
	}
	byRef := func(a, b FactRef) int { return strings.Compare(a.Kind+"\x00"+a.ID, b.Kind+"\x00"+b.ID) }
	slices.SortFunc(r.Added, byRef)
	slices.SortFunc(r.Removed, byRef)
	slices.SortFunc(r.Changed, func(a, b Changed) int { return byRef(a.FactRef, b.FactRef) })
	d := report.Compare(report.NewBaseline(old.Issues), cur.Issues)
	r.NewIssues = d.New
	r.FixedIssues = d.Fixed
	if r.NewIssues == nil {
		r.NewIssues = []issue.Issue{}
	}
	if r.FixedIssues == nil {
		r.FixedIssues = []report.Entry{}
	}
	return r
}

func fields(a, b map[string]any) []FieldChange {
	fa, fb := map[string]any{}, map[string]any{}
	flatten("", a, fa)
	flatten("", b, fb)
	var out []FieldChange
	for k, v := range fb {
		if ignored[k] {
			continue
		}
		if ov, ok := fa[k]; !ok || text(ov) != text(v) {
			out = append(out, FieldChange{Field: k, Old: fa[k], New: v})
		}
	}
	for k, v := range fa {
		if _, ok := fb[k]; !ok && !ignored[k] {
			out = append(out, FieldChange{Field: k, Old: v})
		}
	}
	slices.SortFunc(out, func(x, y FieldChange) int { return strings.Compare(x.Field, y.Field) })
	return out
}

func flatten(prefix string, v any, out map[string]any) {
	if m, ok := v.(map[string]any); ok {
		for k, e := range m {
			flatten(prefix+k+".", e, out)
		}
		return
	}
	out[strings.TrimSuffix(prefix, ".")] = v
}

func text(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// WriteText writes the result for people: one line per change.
func WriteText(w io.Writer, r *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "facts: %d added, %d removed, %d changed\n", len(r.Added), len(r.Removed), len(r.Changed))
	for _, f := range r.Added {
		fmt.Fprintf(&b, "+ %s %s\n", f.Kind, f.ID)
	}
	for _, f := range r.Removed {
		fmt.Fprintf(&b, "- %s %s\n", f.Kind, f.ID)
	}
	for _, c := range r.Changed {
		fmt.Fprintf(&b, "~ %s %s\n", c.Kind, c.ID)
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "    %s: %s -> %s\n", f.Field, show(f.Old), show(f.New))
		}
	}
	fmt.Fprintf(&b, "issues: %d new, %d fixed\n", len(r.NewIssues), len(r.FixedIssues))
	for _, i := range r.NewIssues {
		fmt.Fprintf(&b, "+ %s\n", i)
	}
	for _, e := range r.FixedIssues {
		fmt.Fprintf(&b, "- %s %s: %s %s %s\n", e.Severity, e.Code, e.File, e.Record, e.Pointer)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func show(v any) string {
	if v == nil {
		return "(none)"
	}
	return text(v)
}

// WriteJSON writes the result as JSON.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
