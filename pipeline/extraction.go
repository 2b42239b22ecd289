package pipeline

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/reconcile"
	"dossier/pipeline/schema"
)

// extractor is extract.DocumentContext, or a stand-in in tests.
type extractor func(ctx context.Context, d *document.Document, keys map[string][]string) ([]extract.Fact, error)

// extractAll runs the extractors on every document and puts each fact
// through the same normalization, validation and checks as a curated fact.
// Documents are extracted on a pool of workers (jobs, 0 for one per core)
// and taken in order, so that the result does not depend on the number.
//
// With direct set (no fact file in the run, so no curated fact can take
// up an extracted one), each document's facts are settled and handed on
// as the document is taken, not held to the end: the same facts, ids,
// issues and order as acceptExtracted gives, in memory that does not grow
// with the documents. The Text returned is then nil.
func (r *runner) extractAll(ctx context.Context, corpus *check.Corpus, limit time.Duration, jobs int, direct *directExtraction) (*reconcile.Text, error) {
	t := reconcile.New()
	if direct != nil {
		t = nil
	}
	if limit <= 0 {
		limit = 10 * time.Second
	}
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	keys := map[string][]string{}
	for name, k := range r.Schemas.Kinds {
		keys[name] = k.Key
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cache := &extractCache{}
	work, order := make(chan *docExtraction, jobs), make(chan *docExtraction, 2*jobs)
	go func() {
		defer close(order)
		defer close(work)
		for _, d := range r.Documents {
			x := &docExtraction{d: d, done: make(chan struct{})}
			work <- x
			order <- x
		}
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := range work {
				r.extractOne(ctx, x, keys, limit, corpus, cache, direct)
				close(x.done)
			}
		}()
	}
	defer wg.Wait()
	var err error
	for x := range order {
		<-x.done
		if err != nil {
			continue // drain, so that the workers can stop
		}
		if x.err != nil {
			err = x.err
			cancel()
			continue
		}
		if x.failed != nil {
			r.Issues = append(r.Issues, *x.failed)
			continue
		}
		if direct != nil {
			if err = direct.take(r, x); err != nil {
				cancel()
			}
			continue
		}
		t.Read(x.d.ID)
		for i, e := range x.facts {
			r.Summary.Extracted++
			t.Add(x.d.ID, x.kinds[i], e)
		}
	}
	return t, err
}

// directExtraction is what a run whose extracted facts go straight to the
// sink keeps: the notes on facts left out and the issues of the facts
// taken, which join the run's issues where acceptExtracted would put
// them (after every other), and each document's counts.
type directExtraction struct {
	sink   Sink
	notes  []issue.Issue
	issues []issue.Issue
	at     map[string]int // document file -> its counts in r.Summary.Files
}

// take hands on the facts of one document, in order, as acceptExtracted
// does; the rendering the worker did is used when it still holds.
func (dx *directExtraction) take(r *runner, x *docExtraction) error {
	for i, e := range x.facts {
		r.Summary.Extracted++
		if x.notes[i] != nil {
			dx.notes = append(dx.notes, *x.notes[i])
			continue
		}
		var prepared any
		if x.prepared != nil {
			prepared = x.prepared[i]
		}
		x.facts[i] = nil
		// acceptFact adds to r.Issues; these issues go after the notes.
		held := r.Issues
		r.Issues = dx.issues
		err := r.acceptFact(dx.counts(r, e.File), e.Fact, e.Issues, prepared, nil, dx.sink)
		dx.issues, r.Issues = r.Issues, held
		if err != nil {
			return err
		}
	}
	return nil
}

// counts returns the counts of the document file in r.Summary.Files,
// added at its first fact taken.
func (dx *directExtraction) counts(r *runner, file string) *issue.FileCounts {
	i, ok := dx.at[file]
	if !ok {
		i = len(r.Summary.Files)
		dx.at[file] = i
		r.Summary.Files = append(r.Summary.Files, issue.FileCounts{File: file, Extracted: true})
	}
	return &r.Summary.Files[i]
}

// finish adds the notes and issues kept to the run's, where
// acceptExtracted adds them.
func (dx *directExtraction) finish(r *runner) {
	// The facts' issues are most of them: put the few before them in
	// their room, not the many after the few in a new one.
	before := append(r.Issues, dx.notes...)
	r.Issues = slices.Insert(dx.issues, 0, before...)
	dx.notes, dx.issues = nil, nil
}

// docExtraction is one document's extraction, done on a worker.
type docExtraction struct {
	d     *document.Document
	facts []*reconcile.Extracted
	kinds []*schema.Kind // of each fact
	// With direct extraction: the note of each fact left out (nil for
	// one taken), and what the sink prepared of each taken.
	notes    []*issue.Issue
	prepared []any
	failed   *issue.Issue
	err      error
	done     chan struct{}
}

// extractOne extracts the facts of one document and checks each. A panic
// in the checks is the run's internal error, as on the fact workers.
func (r *runner) extractOne(ctx context.Context, x *docExtraction, keys map[string][]string, limit time.Duration, corpus *check.Corpus, cache *extractCache, direct *directExtraction) {
	defer func() {
		if p := recover(); p != nil {
			x.err = &InternalError{Where: fmt.Sprintf(" checking the facts extracted from %s", x.d.Path), Panic: p, Stack: debug.Stack()}
		}
	}()
	facts, ok := cache.get(x.d)
	if !ok {
		var failed *issue.Issue
		var err error
		facts, failed, err = r.extractWithin(ctx, x.d, keys, limit)
		x.failed, x.err = failed, err
		if err != nil || failed != nil {
			return
		}
		cache.put(x.d, facts)
	}
	for _, ef := range facts {
		k, ok := r.Schemas.Kinds[ef.Kind]
		if !ok {
			continue // the schemas in use have no such kind: nothing to reconcile
		}
		f := extractedFact(x.d, ef)
		x.facts = append(x.facts, &reconcile.Extracted{Fact: f, Issues: r.process(f, corpus), File: x.d.Path})
		x.kinds = append(x.kinds, k)
	}
	if direct != nil {
		x.notes = make([]*issue.Issue, len(x.facts))
		for i, e := range x.facts {
			if x.notes[i] = reconcile.Unclaimed(e); x.notes[i] == nil && direct.sink != nil {
				if x.prepared == nil {
					x.prepared = make([]any, len(x.facts))
				}
				e.Fact.Codes = issueCodes(e.Issues)
				x.prepared[i] = direct.sink.Prepare(x.kinds[i], e.Fact)
			}
		}
	}
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
	r.rec = nil // the facts go to the sink one by one: none is held past its turn
	r.Issues = append(r.Issues, notes...)
	at := map[string]int{} // document file -> its counts in r.Summary.Files
	for n, e := range facts {
		facts[n] = nil
		i, ok := at[e.File]
		if !ok {
			i = len(r.Summary.Files)
			at[e.File] = i
			r.Summary.Files = append(r.Summary.Files, issue.FileCounts{File: e.File, Extracted: true})
		}
		if err := r.acceptFact(&r.Summary.Files[i], e.Fact, e.Issues, nil, nil, sink); err != nil {
			return err
		}
	}
	return nil
}

// extractCache keeps what the extractors found in the last documents, by
// what they read of a document (its text, title and country pair), so
// that a copy of an article (mirrors of one article are common) is read
// once: a copy gets the facts of the first, its own document id in their
// evidence.
type extractCache struct {
	mu    sync.Mutex
	facts map[string][]extract.Fact
	order []string // oldest first
}

// maxCachedExtractions bounds the documents an extractCache remembers.
const maxCachedExtractions = 64

// cacheKey is what the extractors read of d.
func cacheKey(d *document.Document) string {
	pair, _ := extract.Pair(d)
	sum := sha256.Sum256([]byte(d.Text))
	return string(sum[:]) + "\x00" + d.Title + "\x00" + pair[0] + "\x00" + pair[1]
}

// get returns the facts of a document read before whose text, title and
// pair are d's, as found in d.
func (c *extractCache) get(d *document.Document) ([]extract.Fact, bool) {
	c.mu.Lock()
	facts, ok := c.facts[cacheKey(d)]
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	out := make([]extract.Fact, len(facts))
	for i, f := range facts {
		out[i] = f
		out[i].Fields = fact.Clone(f.Fields).(map[string]any)
		if ev, ok := out[i].Fields["evidence"].(map[string]any); ok {
			ev["document"] = d.ID
		}
	}
	return out, true
}

func (c *extractCache) put(d *document.Document, facts []extract.Fact) {
	k := cacheKey(d)
	saved := make([]extract.Fact, len(facts))
	for i, f := range facts { // the run goes on to change the facts it got
		saved[i] = f
		saved[i].Fields = fact.Clone(f.Fields).(map[string]any)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.facts == nil {
		c.facts = map[string][]extract.Fact{}
	}
	if _, ok := c.facts[k]; ok {
		return
	}
	c.facts[k] = saved
	c.order = append(c.order, k)
	if len(c.order) > maxCachedExtractions {
		delete(c.facts, c.order[0])
		c.order = c.order[1:]
	}
}
