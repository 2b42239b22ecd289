// Package reconcile sets the facts extracted from a document beside the
// curated facts that cite it. A curated fact whose key (key.Of) the text
// also states is confirmed, or in conflict when a field differs; one the
// text was not found to state is curated-only; an extracted fact no
// curated fact states is extracted-only. Only documents read in full are
// reconciled: a document whose extraction failed gives no statuses.
package reconcile

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/schema"
)

// Reconciliation statuses, exported in each fact's status column.
const (
	Confirmed     = "confirmed"      // curated, and the text says the same
	Conflict      = "conflict"       // same key, a field differs
	CuratedOnly   = "curated-only"   // curated, the text was not found to say it
	ExtractedOnly = "extracted-only" // extracted, no curated fact says it
)

// Text holds the facts extracted from the documents, by document and key,
// until the curated facts citing those documents have streamed past. Add
// every document's facts first; then Lookup may run on many goroutines at
// once, while Mark and Unmatched run in input order.
type Text struct {
	byKey map[string]*Extracted // document id + key
	order []*Extracted          // in document order
	docs  map[string]bool       // documents read in full
}

// Extracted is a fact the text states, with the issues of its checks and
// the document file it comes from.
type Extracted struct {
	Fact    *fact.Fact
	Issues  []issue.Issue
	File    string
	matched bool
}

// New returns an empty Text.
func New() *Text {
	return &Text{byKey: map[string]*Extracted{}, docs: map[string]bool{}}
}

// Read records that every extractor ran to its end on the document doc:
// its curated facts will be reconciled.
func (t *Text) Read(doc string) { t.docs[doc] = true }

// Add adds a fact extracted from the document doc, after its checks. A
// fact with an error is kept for Unmatched to note, never matched.
func (t *Text) Add(doc string, k *schema.Kind, e *Extracted) {
	t.order = append(t.order, e)
	if k == nil || hasError(e.Issues) {
		return
	}
	kk := key.Of(k.Name, k.Key, e.Fact.Fields)
	if id := doc + "\x00" + kk.Match; t.byKey[id] == nil {
		t.byKey[id] = e
	}
	if id := doc + "\x01" + kk.Full; t.byKey[id] == nil {
		t.byKey[id] = e
	}
}

func (t *Text) find(k *schema.Kind, f *fact.Fact) (*Extracted, string, bool) {
	doc := f.String("/evidence/document")
	if t == nil || !t.docs[doc] {
		return nil, doc, false
	}
	// The fact the text states at full precision first: two coups of one
	// year in one article are two facts, each a curated fact's own twin.
	// The ids Add made, written in a buffer: the lookups need no string.
	var buf [512]byte
	id := append(append(buf[:0], doc...), 1)
	id, _ = key.AppendFull(id, k.Name, k.Key, f.Fields)
	if e := t.byKey[string(id)]; e != nil {
		return e, doc, true
	}
	id = append(append(buf[:0], doc...), 0)
	id, _ = key.AppendMatch(id, k.Name, k.Key, f.Fields)
	return t.byKey[string(id)], doc, true
}

// Lookup sets the status of a curated fact against what its document's
// text says, and returns the issue that goes with a conflict. It only
// reads, so it runs on the workers; Mark records the match in order.
func (t *Text) Lookup(k *schema.Kind, f *fact.Fact) []issue.Issue {
	e, doc, read := t.find(k, f)
	switch {
	case !read:
		return nil
	case e == nil:
		f.Status = CuratedOnly
		return nil
	}
	diff := differences(k, f, e.Fact)
	if len(diff) == 0 {
		f.Status = Confirmed
		return nil
	}
	f.Status = Conflict
	p := f.Locate(fact.Pointer(diff[0]))
	var parts []string
	for _, name := range diff {
		parts = append(parts, fmt.Sprintf("%s %s here, %s in the text", name, shown(f.Fields[name]), shown(e.Fact.Fields[name])))
	}
	return []issue.Issue{{Severity: issue.Warning, Code: "reconcile.conflict", File: f.File, Line: p.Line, Column: p.Col,
		Pointer: fact.Pointer(diff[0]), Record: f.ID,
		Message: fmt.Sprintf("the text of %q says otherwise (rule %s, line %d): %s", doc, e.Fact.Rule, e.Fact.Pos.Line, strings.Join(parts, "; "))}}
}

// Mark records that an exported curated fact took up its extracted twin.
func (t *Text) Mark(k *schema.Kind, f *fact.Fact) {
	if f.Status == "" || f.Status == CuratedOnly {
		return
	}
	if e, _, _ := t.find(k, f); e != nil {
		e.matched = true
		if f.Status == Conflict {
			e.Fact.Status = Conflict
		}
	}
}

// Unmatched returns, in document order, the extracted facts to export:
// those no curated fact took up (extracted-only, with an info issue) and
// those in conflict with one (both are exported, so the analyst sees
// both). An extracted fact that does not pass its checks is not an input
// record: it is the extractor's miss, returned as a note (extract.invalid).
func (t *Text) Unmatched() (facts []*Extracted, notes []issue.Issue) {
	for _, e := range t.order {
		switch {
		case e.matched && e.Fact.Status != Conflict:
			continue
		case !e.matched:
			if note := Unclaimed(e); note != nil {
				notes = append(notes, *note)
				continue
			}
		}
		facts = append(facts, e)
	}
	return facts, notes
}

// Unclaimed settles an extracted fact that no curated fact takes up, as
// Unmatched does: one that does not pass its checks gives the note
// returned and is left out; any other is extracted-only, with an info
// issue, and nil is returned.
func Unclaimed(e *Extracted) *issue.Issue {
	f := e.Fact
	if hasError(e.Issues) {
		first := e.Issues[slices.IndexFunc(e.Issues, isError)]
		return &issue.Issue{Severity: issue.Info, Code: "extract.invalid", File: f.File, Line: f.Pos.Line, Column: f.Pos.Col,
			Record: f.ID, Message: fmt.Sprintf("%s %s the text states (rule %s) does not pass its schema (%s: %s); it is left out", article(f.Kind), f.Kind, f.Rule, first.Code, first.Message)}
	}
	f.Status = ExtractedOnly
	e.Issues = append(e.Issues, issue.Issue{Severity: issue.Info, Code: "reconcile.extracted-only", File: f.File, Line: f.Pos.Line, Column: f.Pos.Col,
		Record: f.ID, Message: extractedOnlyMessage(f.Kind, f.Rule)})
	return nil
}

// extractedOnlyMessages holds the message of each kind and rule, written
// once: a run keeps an issue for every extracted fact, and they are many.
var extractedOnlyMessages sync.Map // kind + "\x00" + rule -> string

func extractedOnlyMessage(kind, rule string) string {
	k := kind + "\x00" + rule
	if m, ok := extractedOnlyMessages.Load(k); ok {
		return m.(string)
	}
	m := fmt.Sprintf("the text states %s %s no fact file gives (rule %s)", article(kind), kind, rule)
	extractedOnlyMessages.Store(k, m)
	return m
}

func isError(i issue.Issue) bool { return i.Severity == issue.Error }

func hasError(issues []issue.Issue) bool { return slices.ContainsFunc(issues, isError) }

// differences lists the fields that both facts state and that differ,
// among those that can be compared: numbers, dates, enums, countries and
// ranks. Free text (a summary, a source's wording) is not compared.
func differences(k *schema.Kind, a, b *fact.Fact) []string {
	var out []string
	for _, c := range k.Columns {
		top := fact.SplitPointer(c.Pointer)[0]
		if top == "evidence" || top == "id" || top == "kind" || slices.Contains(out, top) || !comparable(c) {
			continue
		}
		va, okA := a.Fields[top]
		vb, okB := b.Fields[top]
		if !okA || !okB {
			continue
		}
		if key.Value(va) != key.Value(vb) {
			out = append(out, top)
		}
	}
	return out
}

func comparable(c schema.Column) bool {
	switch {
	case c.Type == "number" || c.Type == "integer" || c.Type == "boolean", len(c.Enum) > 0, c.Format == "date":
		return true
	}
	switch c.Name {
	case "rank", "country", "countries", "sending", "host", "city", "date", "date_text", "from", "to", "name", "role":
		return true
	}
	return false
}

// shown writes a value in a message: a list's items joined by spaces.
func shown(v any) string {
	if l, ok := v.([]any); ok {
		parts := make([]string, len(l))
		for i, e := range l {
			parts[i] = shown(e)
		}
		return strings.Join(parts, " ")
	}
	if s, ok := v.(string); ok {
		return s
	}
	return key.Exact(v)
}

// article is "a" or "an" before a word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}
