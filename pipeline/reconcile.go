package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
	"dossier/pipeline/normalize"
	"dossier/pipeline/schema"
)

// Reconciliation statuses, exported in each fact's status column.
const (
	StatusConfirmed     = "confirmed"      // curated, and the text says the same
	StatusConflict      = "conflict"       // same key, a field differs
	StatusCuratedOnly   = "curated-only"   // curated, the text was not found to say it
	StatusExtractedOnly = "extracted-only" // extracted, no curated fact says it
)

// reconciler holds the facts extracted from the documents, by document and
// key, until the curated facts citing those documents have streamed past.
type reconciler struct {
	byKey map[string]*extracted // document id + key
	order []*extracted          // in document order
	docs  map[string]bool       // documents that were extracted from
}

type extracted struct {
	f       *fact.Fact
	key     string
	issues  []issue.Issue
	matched bool
	file    string
}

// extractAll runs the extractors on every document and puts each fact
// through the same normalization, validation and checks as a curated fact.
func (r *runner) extractAll(corpus *check.Corpus, limit time.Duration) *reconciler {
	rc := &reconciler{byKey: map[string]*extracted{}, docs: map[string]bool{}}
	if limit <= 0 {
		limit = 10 * time.Second
	}
	for _, d := range r.Documents {
		facts, ok := extractWithin(d, limit)
		if !ok {
			r.Issues = append(r.Issues, issue.Issue{Severity: issue.Warning, Code: "extract.timeout", File: d.Path, Line: 1, Column: 1, Record: d.ID,
				Message: fmt.Sprintf("the extractors took longer than %s on this document (limits.extract_seconds); its facts are not extracted", limit)})
			continue
		}
		rc.docs[d.ID] = true
		for _, x := range facts {
			if _, ok := r.Schemas.Kinds[x.Kind]; !ok {
				continue // the schemas in use have no such kind: nothing to reconcile
			}
			f := extractedFact(d, x)
			issues := r.process(f, corpus)
			e := &extracted{f: f, issues: issues, file: d.Path}
			rc.order = append(rc.order, e)
			if k, ok := r.Schemas.Kinds[f.Kind]; ok && !hasError(issues) {
				e.key = d.ID + "\x00" + matchKey(k, f)
				if _, dup := rc.byKey[e.key]; !dup {
					rc.byKey[e.key] = e
				}
			}
		}
	}
	return rc
}

// extractWithin runs the extractors on one document, giving up after
// limit. A run that gives up leaves its goroutine to finish in the
// background; its result is dropped.
func extractWithin(d *document.Document, limit time.Duration) ([]extract.Fact, bool) {
	done := make(chan []extract.Fact, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- nil // a panicking extractor yields nothing; the timeout path reports it
			}
		}()
		done <- extract.Document(d)
	}()
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case facts := <-done:
		return facts, true
	case <-t.C:
		return nil, false
	}
}

func extractedFact(d *document.Document, x extract.Fact) *fact.Fact {
	p := d.Pos(x.Start)
	return &fact.Fact{
		File: d.Path, Pos: p, Fields: x.Fields, Origin: fact.Extracted, Rule: x.Rule,
		Span: &fact.Span{Start: x.Start, End: x.End, Line: p.Line}, Loc: fixedLocator(p),
	}
}

// fixedLocator places every value of an extracted fact at its quote.
type fixedLocator fact.Pos

func (l fixedLocator) Locate(string) fact.Pos { return fact.Pos(l) }

// matchKey is a fact's key for reconciliation: its kind's x-key fields,
// folded so that "Touré" and "Toure" match.
func matchKey(k *schema.Kind, f *fact.Fact) string {
	var b strings.Builder
	b.WriteString(k.Name)
	for _, name := range k.Key {
		field, mod, _ := strings.Cut(name, ":")
		s := keyText(f.Fields[field])
		if mod == "year" && len(s) >= 4 {
			s = s[:4]
		}
		b.WriteByte(0)
		b.WriteString(normalize.FoldKey(s))
	}
	return b.String()
}

// lookup sets the status of a curated fact against what its document's
// text says, and returns the issue that goes with a conflict. It only
// reads, so it runs on the workers; mark records the match in order.
func (rc *reconciler) lookup(k *schema.Kind, f *fact.Fact) []issue.Issue {
	doc := f.String("/evidence/document")
	if rc == nil || !rc.docs[doc] {
		return nil
	}
	e, ok := rc.byKey[doc+"\x00"+matchKey(k, f)]
	if !ok {
		f.Status = StatusCuratedOnly
		return nil
	}
	diff := differences(k, f, e.f)
	if len(diff) == 0 {
		f.Status = StatusConfirmed
		return nil
	}
	f.Status = StatusConflict
	p := f.Locate(fact.Pointer(diff[0]))
	var parts []string
	for _, name := range diff {
		parts = append(parts, fmt.Sprintf("%s %s here, %s in the text", name, keyText(f.Fields[name]), keyText(e.f.Fields[name])))
	}
	return []issue.Issue{{Severity: issue.Warning, Code: "reconcile.conflict", File: f.File, Line: p.Line, Column: p.Col,
		Pointer: fact.Pointer(diff[0]), Record: f.ID,
		Message: fmt.Sprintf("the text of %q says otherwise (rule %s, line %d): %s", doc, e.f.Rule, e.f.Pos.Line, strings.Join(parts, "; "))}}
}

// mark records that a curated fact took up its extracted twin.
func (rc *reconciler) mark(k *schema.Kind, f *fact.Fact) {
	if rc == nil || f.Status == "" || f.Status == StatusCuratedOnly {
		return
	}
	if e, ok := rc.byKey[f.String("/evidence/document")+"\x00"+matchKey(k, f)]; ok {
		e.matched = true
		if f.Status == StatusConflict {
			e.f.Status = StatusConflict
		}
	}
}

// rest hands over the extracted facts no curated fact took up, and those
// in conflict with one (both are exported, so the analyst sees both).
func (r *runner) acceptExtracted(rc *reconciler, sink Sink) error {
	counts := map[string]*issue.FileCounts{}
	for _, e := range rc.order {
		if e.matched && e.f.Status != StatusConflict {
			continue
		}
		f := e.f
		if hasError(e.issues) {
			// An extracted fact is not an input record: one the schema
			// refuses is the extractor's miss, noted and not counted.
			first := e.issues[slices.IndexFunc(e.issues, func(i issue.Issue) bool { return i.Severity == issue.Error })]
			r.Issues = append(r.Issues, issue.Issue{Severity: issue.Info, Code: "extract.invalid", File: f.File, Line: f.Pos.Line, Column: f.Pos.Col,
				Record: f.ID, Message: fmt.Sprintf("%s %s the text states (rule %s) does not pass its schema (%s: %s); it is left out", article(f.Kind), f.Kind, f.Rule, first.Code, first.Message)})
			continue
		}
		fc, ok := counts[e.file]
		if !ok {
			r.Summary.Files = append(r.Summary.Files, issue.FileCounts{File: e.file})
			fc = &r.Summary.Files[len(r.Summary.Files)-1]
			counts[e.file] = fc
		}
		fc.Read++
		issues := e.issues
		if !e.matched && !hasError(issues) {
			f.Status = StatusExtractedOnly
			issues = append(issues, issue.Issue{Severity: issue.Info, Code: "reconcile.extracted-only", File: f.File, Line: f.Pos.Line, Column: f.Pos.Col,
				Record: f.ID, Message: fmt.Sprintf("the text states %s %s no fact file gives (rule %s)", article(f.Kind), f.Kind, f.Rule)})
		}
		issues = r.uniqueID(f, issues)
		r.Issues = append(r.Issues, issues...)
		if hasError(issues) {
			fc.Rejected++
			r.Rejected = append(r.Rejected, model.Rejected{File: f.File, Line: f.Pos.Line, Kind: f.Kind, ID: f.ID, Record: f.Fields, Issues: issues})
			continue
		}
		fc.Exported++
		r.Summary.Extracted++
		r.Summary.ByKind[f.Kind]++
		if sink == nil {
			r.Facts[f.Kind] = append(r.Facts[f.Kind], f)
			continue
		}
		if err := sink.Fact(f, sink.Prepare(r.Schemas.Kinds[f.Kind], f)); err != nil {
			return err
		}
	}
	return nil
}

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
		if normalize.FoldKey(keyText(va)) != normalize.FoldKey(keyText(vb)) {
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

// article is "a" or "an" before a word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}
