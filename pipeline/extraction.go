package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/reconcile"
)

// extractor is extract.DocumentContext, or a stand-in in tests.
type extractor func(ctx context.Context, d *document.Document, keys map[string][]string) ([]extract.Fact, error)

// extractAll runs the extractors on every document and puts each fact
// through the same normalization, validation and checks as a curated fact.
func (r *runner) extractAll(ctx context.Context, corpus *check.Corpus, limit time.Duration) (*reconcile.Text, error) {
	t := reconcile.New()
	if limit <= 0 {
		limit = 10 * time.Second
	}
	keys := map[string][]string{}
	for name, k := range r.Schemas.Kinds {
		keys[name] = k.Key
	}
	for _, d := range r.Documents {
		facts, failed, err := r.extractWithin(ctx, d, keys, limit)
		if err != nil {
			return nil, err
		}
		if failed != nil {
			r.Issues = append(r.Issues, *failed)
			continue
		}
		t.Read(d.ID)
		for _, x := range facts {
			k, ok := r.Schemas.Kinds[x.Kind]
			if !ok {
				continue // the schemas in use have no such kind: nothing to reconcile
			}
			f := extractedFact(d, x)
			r.Summary.Extracted++
			t.Add(d.ID, k, &reconcile.Extracted{Fact: f, Issues: r.process(f, corpus), File: d.Path})
		}
	}
	return t, nil
}

// extractWithin runs the extractors on one document for at most limit. An
// extractor that panics or runs out of time gives an issue on the document
// and no facts: the document is not reconciled, so none of its curated
// facts is called curated-only as if its text had been read. A timeout
// cancels the extractors' context, which stops them at the next rule.
func (r *runner) extractWithin(ctx context.Context, d *document.Document, keys map[string][]string, limit time.Duration) ([]extract.Fact, *issue.Issue, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	type outcome struct {
		facts []extract.Fact
		err   error
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{panic: p}
			}
		}()
		facts, err := r.extract(ctx, d, keys)
		done <- outcome{facts: facts, err: err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-ctx.Done():
		o.err = ctx.Err()
	}
	at := issue.Issue{File: d.Path, Line: 1, Column: 1, Record: d.ID}
	switch {
	case o.panic != nil:
		at.Severity, at.Code = issue.Error, "extract.panic"
		at.Message = fmt.Sprintf("an extractor failed on this document (%v; please report it); its facts are not extracted and its curated facts not reconciled", o.panic)
		return nil, &at, nil
	case errors.Is(o.err, context.DeadlineExceeded):
		at.Severity, at.Code = issue.Warning, "extract.timeout"
		at.Message = fmt.Sprintf("the extractors took longer than %s on this document (limits.extract_seconds); its facts are not extracted and its curated facts not reconciled", limit)
		return nil, &at, nil
	case o.err != nil:
		return nil, nil, o.err
	}
	return o.facts, nil, nil
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

// acceptExtracted hands over the extracted facts reconciliation leaves to
// export: each counted as read from its document, given a unique id, and
// exported unless that fails.
func (r *runner) acceptExtracted(sink Sink) error {
	facts, notes := r.rec.Unmatched()
	r.Issues = append(r.Issues, notes...)
	at := map[string]int{} // document file -> its counts in r.Summary.Files
	for _, e := range facts {
		i, ok := at[e.File]
		if !ok {
			i = len(r.Summary.Files)
			at[e.File] = i
			r.Summary.Files = append(r.Summary.Files, issue.FileCounts{File: e.File, Extracted: true})
		}
		if err := r.acceptFact(&r.Summary.Files[i], e.Fact, e.Issues, nil, sink); err != nil {
			return err
		}
	}
	return nil
}
