package check

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/schema"
)

// Index holds what the checks across records need to remember of each
// fact: its key, where it is, and a digest of each field, never the whole
// record. Add facts in input order, then call Finish.
type Index struct {
	keys    map[string]*seen
	events  map[string][]dated // by country pair
	founded map[string]dated   // relations-established, by country pair
	issues  []issue.Issue
}

type seen struct {
	id     string
	file   string
	pos    fact.Pos
	doc    string
	full   string              // the key at full precision
	fields map[string][32]byte // field name -> digest of its exact value
}

type dated struct {
	date, typ, id, file string
	pos                 fact.Pos
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{keys: map[string]*seen{}, events: map[string][]dated{}, founded: map[string]dated{}}
}

// Add records one exported fact and reports, at once, a duplicate or a
// conflict with a fact of the same key (key.Of) seen before. It returns
// false, and records nothing, when f repeats an earlier fact exactly (every
// field the same, evidence included): the caller leaves f out, and the
// issue names the fact kept and where it is.
//
// Same key, same fields: key.duplicate (info). A field differs: conflict.value,
// an error when both facts come from the same document (or none), a warning
// naming both documents when two sources disagree.
func (x *Index) Add(k *schema.Kind, f *fact.Fact) bool {
	kk := key.Of(k.Name, k.Key, f.Fields)
	if !kk.Stated {
		x.addDated(f)
		return true
	}
	cur := &seen{id: f.ID, file: f.File, pos: f.Pos, doc: f.String("/evidence/document"), full: kk.Full, fields: digests(f.Fields)}
	prev, dup := x.keys[kk.Match]
	if !dup {
		x.keys[kk.Match] = cur
		x.addDated(f)
		return true
	}
	where := fmt.Sprintf("%s:%d", prev.file, prev.pos.Line)
	if maps.Equal(prev.fields, cur.fields) {
		x.issues = append(x.issues, at(f, issue.Info, "key.duplicate", "",
			fmt.Sprintf("same %s as %s (%s): this fact repeats it exactly and is left out", k.Name, prev.id, where)))
		return false
	}
	x.addDated(f)
	// A key field compared at a coarser precision (date:year) that differs
	// in full names another fact of the same document: two coups in one
	// year. Across documents it is a disagreement, reported below.
	if (prev.doc == cur.doc || prev.doc == "" || cur.doc == "") && prev.full != cur.full {
		return true
	}
	var diff []string
	for name, d := range cur.fields {
		if name == "evidence" || name == "id" || slices.Contains(k.Key, name) {
			continue
		}
		if pd, ok := prev.fields[name]; ok && pd != d {
			diff = append(diff, name)
		}
	}
	slices.Sort(diff)
	switch {
	case len(diff) == 0:
		x.issues = append(x.issues, at(f, issue.Info, "key.duplicate", "",
			fmt.Sprintf("same %s as %s (%s): this fact repeats it", k.Name, prev.id, where)))
	case prev.doc != cur.doc && prev.doc != "" && cur.doc != "":
		x.issues = append(x.issues, at(f, issue.Warning, "conflict.value", fact.Pointer(diff[0]),
			fmt.Sprintf("documents %q and %q disagree on %s: compare %s at %s", cur.doc, prev.doc, strings.Join(diff, ", "), prev.id, where)))
	default:
		x.issues = append(x.issues, at(f, issue.Error, "conflict.value", fact.Pointer(diff[0]),
			fmt.Sprintf("%s differs from the same %s at %s (%s)", strings.Join(diff, ", "), k.Name, where, prev.id)))
	}
	return true
}

func digests(fields map[string]any) map[string][32]byte {
	out := make(map[string][32]byte, len(fields))
	for k, v := range fields {
		out[k] = sha256.Sum256([]byte(key.Exact(v)))
	}
	return out
}

func (x *Index) addDated(f *fact.Fact) {
	if f.Kind != "event" {
		return
	}
	date, _ := f.Fields["date"].(string)
	if !isoDateRE.MatchString(date) {
		return
	}
	pair := key.Exact(f.Fields["countries"])
	d := dated{date: date, typ: f.String("/type"), id: f.ID, file: f.File, pos: f.Locate("/date")}
	if d.typ == "relations-established" {
		if _, ok := x.founded[pair]; !ok {
			x.founded[pair] = d
		}
		return
	}
	x.events[pair] = append(x.events[pair], d)
}

// Take returns the issues found so far and forgets them, so that a caller
// can tell which fact they came with.
func (x *Index) Take() []issue.Issue {
	out := x.issues
	x.issues = nil
	return out
}

// Finish reports what needs every fact seen: events dated before the pair
// established relations (date.order). It returns every issue of the index.
func (x *Index) Finish() []issue.Issue {
	for pair, evs := range x.events {
		est, ok := x.founded[pair]
		if !ok {
			continue
		}
		for _, e := range evs {
			if before(e.date, est.date) {
				x.issues = append(x.issues, issue.Issue{Severity: issue.Warning, Code: "date.order", File: e.file, Line: e.pos.Line, Column: e.pos.Col,
					Pointer: "/date", Record: e.id,
					Message: fmt.Sprintf("%s event dated %s, before the pair established relations on %s (%s)", e.typ, e.date, est.date, est.id)})
			}
		}
	}
	issue.Sort(x.issues)
	return x.issues
}

// before compares ISO dates of any precision: only what both state counts,
// so 1960 is not before 1960-09-24.
func before(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}
