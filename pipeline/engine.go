package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"dossier/pipeline/check"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/model"
	"dossier/pipeline/schema"
)

// Sink receives a run's facts as they are accepted, so that a run of
// millions of facts never holds them all. Prepare runs on many goroutines
// at once (render what can be rendered there); Fact is called once per
// exported fact, in input order, with what Prepare returned.
type Sink interface {
	Start(r *model.Result) error
	Prepare(k *schema.Kind, f *fact.Fact) any
	Fact(f *fact.Fact, prepared any) error
	Finish(r *model.Result) error
}

// batchSize is how many records one worker takes at a time: large enough
// to keep channel traffic negligible, small enough to bound memory.
const batchSize = 64

type job struct {
	file   string
	start  bool         // first job of a file: registers it in order
	issue  *issue.Issue // a file-level issue, in order
	reject *issue.Issue // a record read and rejected by its loader

	line   []byte // a JSON, JSON Lines or YAML record still to decode
	decode load.RecordDecoder
	pos    fact.Pos // where line starts
	index  int

	f        *fact.Fact
	issues   []issue.Issue
	prepared any
	entry    *check.Entry // what the key checks need of f, found on the worker
}

type batch struct {
	jobs []job
	done chan struct{}
	err  error
}

// readFacts runs the per-record stages over every fact file on a pool of
// workers and hands the results, in input order, to accept.
func (r *runner) readFacts(ctx context.Context, files []string, corpus *check.Corpus, jobs int, sink Sink) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *batch, jobs)
	order := make(chan *batch, 2*jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				r.runBatch(b, corpus, sink)
				close(b.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		readErr <- r.produce(ctx, files, work, order)
	}()
	var err error
	for b := range order {
		<-b.done
		if err != nil {
			continue // drain, so the reader and workers can stop
		}
		if b.err != nil {
			err = b.err
			cancel()
			continue
		}
		for i := range b.jobs {
			if e := r.accept(&b.jobs[i], sink); e != nil {
				err = e
				cancel()
				break
			}
		}
	}
	wg.Wait()
	if e := <-readErr; err == nil && e != nil {
		err = e
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// produce reads the files in order and cuts their records into batches.
func (r *runner) produce(ctx context.Context, files []string, work, order chan<- *batch) error {
	b := &batcher{ctx: ctx, work: work, order: order, cur: &batch{done: make(chan struct{})}, limit: r.limits.Records}
	for _, path := range files {
		in := r.input(path)
		if err := b.add(job{file: in.name, start: true}); err != nil {
			return err
		}
		var err error
		if scan := load.ScannerFor(path); scan != nil {
			err = r.scanRecords(ctx, in, scan, b.add)
		} else {
			err = r.readWhole(in, b.add)
		}
		if err == errStop {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return b.send()
}

// batcher gathers jobs into batches and hands each to the workers, then to
// the consumer, which takes them in order. It stops the reading past
// limits.records, with an issue.
type batcher struct {
	ctx         context.Context
	work, order chan<- *batch
	cur         *batch
	limit       int64 // limits.records
	records     int64
	stopped     bool
}

func (b *batcher) add(j job) error {
	if j.f != nil || j.line != nil || j.reject != nil {
		b.records++
		if b.records > b.limit {
			if !b.stopped {
				b.stopped = true
				b.cur.jobs = append(b.cur.jobs, job{file: j.file, issue: &issue.Issue{Severity: issue.Error, Code: "load.too-many", File: j.file, Line: j.line1(), Column: 1,
					Message: fmt.Sprintf("more than %d records in this run (limits.records); the rest is not read", b.limit)}})
			}
			return errStop
		}
	}
	b.cur.jobs = append(b.cur.jobs, j)
	if len(b.cur.jobs) >= batchSize {
		return b.send()
	}
	return nil
}

func (b *batcher) send() error {
	if len(b.cur.jobs) == 0 {
		return nil
	}
	// To the workers first: a batch the consumer waits for must be one a
	// worker will finish, even when the run is being cancelled.
	select {
	case b.work <- b.cur:
	case <-b.ctx.Done():
		return b.ctx.Err()
	}
	select {
	case b.order <- b.cur:
	case <-b.ctx.Done():
		return b.ctx.Err()
	}
	b.cur = &batch{done: make(chan struct{}), jobs: make([]job, 0, batchSize)}
	return nil
}

// readWhole reads a fact file its loader decodes whole (YAML, CSV) and
// adds its records in order.
func (r *runner) readWhole(in input, add func(job) error) error {
	file := in.name
	var addErr error
	keep := func(j job) {
		if addErr == nil {
			addErr = add(j)
		}
	}
	err := load.ReadFactFile(in.path, load.Sink{
		Name:   in.name,
		Limits: r.limits,
		Fact:   func(f *fact.Fact) { keep(job{file: file, f: f}) },
		Reject: func(is issue.Issue) { keep(job{file: file, reject: &is}) },
		Issue:  func(is issue.Issue) { keep(job{file: file, issue: &is}) },
	})
	if r.progress != nil {
		if st, e := os.Stat(in.path); e == nil {
			r.progress(st.Size())
		}
	}
	if err == nil {
		err = addErr
	}
	return err
}

// errStop ends reading when the record limit is reached; it is not an error
// of the run (the limit's issue is).
var errStop = errors.New("record limit reached")

// scanRecords cuts a JSON or JSON Lines file into records for the workers
// to decode.
func (r *runner) scanRecords(ctx context.Context, in input, scan load.RecordScanner, add func(job) error) error {
	file := in.name
	f, bad, err := load.OpenText(in.path)
	if err != nil {
		return err
	}
	if bad != nil {
		bad.File = file
		return add(job{file: file, issue: bad})
	}
	defer f.Close()
	decode := load.DecoderFor(in.path)
	return scan(file, f, r.limits.RecordBytes, load.RecordSink{
		Record: func(pos fact.Pos, index int, raw []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if r.progress != nil {
				r.progress(int64(len(raw)) + 1)
			}
			return add(job{file: file, line: raw, decode: decode, pos: pos, index: index})
		},
		Reject: func(is issue.Issue) error { return add(job{file: file, reject: &is}) },
		Issue:  func(is issue.Issue) error { return add(job{file: file, issue: &is}) },
	})
}

// line1 is the line a job's record starts on, for issues about it.
func (j *job) line1() int {
	switch {
	case j.f != nil:
		return j.f.Pos.Line
	case j.reject != nil:
		return j.reject.Line
	}
	return max(j.pos.Line, 1)
}

// runBatch does the per-record work of one batch: decode, process and
// prepare. A panic is turned into an error naming the record, never a crash.
func (r *runner) runBatch(b *batch, corpus *check.Corpus, sink Sink) {
	var cur *job
	defer func() {
		if p := recover(); p != nil {
			where := ""
			if cur != nil {
				where = fmt.Sprintf(" at %s record %d (line %d)", cur.file, cur.index+1, cur.pos.Line)
				if cur.f != nil {
					where = fmt.Sprintf(" at %s:%d", cur.f.File, cur.f.Pos.Line)
				}
			}
			b.err = &InternalError{Where: where, Panic: p, Stack: debug.Stack()}
		}
	}()
	for i := range b.jobs {
		j := &b.jobs[i]
		cur = j
		var pre []issue.Issue
		if j.line != nil {
			j.f, j.reject, pre = j.decode(j.file, j.pos, j.index, j.line, r.limits.Depth)
			j.line = nil
		}
		if j.f == nil {
			j.issues = pre // issues before the one that rejects the record
			continue
		}
		j.issues = append(pre, r.process(j.f, corpus)...)
		if r.rec != nil && !hasError(j.issues) {
			j.issues = append(j.issues, r.rec.Lookup(r.Schemas.Kinds[j.f.Kind], j.f)...)
		}
		if !hasError(j.issues) && j.f.Origin != fact.Extracted {
			j.entry = check.KeyEntry(r.Schemas.Kinds[j.f.Kind], j.f)
		}
		if sink != nil && !hasError(j.issues) {
			j.f.Codes = issueCodes(j.issues)
			j.prepared = sink.Prepare(r.Schemas.Kinds[j.f.Kind], j.f)
		}
	}
}

// InternalError is a bug of dossier's: a panic inside a stage. The run
// stops with exit status 2 and a message naming the input.
type InternalError struct {
	Where string
	Panic any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error%s: %v (please report it with this message)", e.Where, e.Panic)
}

// accept takes one job's result in input order: file counts, file-level
// issues, records their loader rejected, and facts.
func (r *runner) accept(j *job, sink Sink) error {
	if j.start {
		r.Summary.Files = append(r.Summary.Files, issue.FileCounts{File: j.file})
		return nil
	}
	t := &r.Summary.Files[len(r.Summary.Files)-1]
	switch {
	case j.issue != nil:
		r.Issues = append(r.Issues, *j.issue)
		return nil
	case j.reject != nil:
		t.Read++
		t.Rejected++
		r.Issues = append(r.Issues, j.issues...)
		r.Issues = append(r.Issues, *j.reject)
		r.Rejected = append(r.Rejected, model.Rejected{File: j.reject.File, Line: j.reject.Line, Issues: []issue.Issue{*j.reject}})
		return nil
	}
	return r.acceptFact(t, j.f, j.issues, j.prepared, j.entry, sink)
}

// acceptFact takes one processed fact in input order and counts it as read
// from fc's file. It is rejected, with its issues, when one is an error,
// when the id it gives is taken, or when it repeats an exported fact
// exactly; else it takes a unique id, the cross-record checks see it, and
// it goes to the sink. A rejected fact takes no id and is not seen by the
// checks, so it changes nothing of the facts exported.
func (r *runner) acceptFact(fc *issue.FileCounts, f *fact.Fact, issues []issue.Issue, prepared any, entry *check.Entry, sink Sink) error {
	fc.Read++
	k := r.Schemas.Kinds[f.Kind]
	base := f.ID
	ok := !hasError(issues)
	if ok {
		if f.ID, ok = r.ids.Free(f); !ok {
			p := f.Locate("/id")
			issues = append(issues, issue.Issue{Severity: issue.Error, Code: "fact.id-duplicate", File: f.File, Line: p.Line, Column: p.Col,
				Pointer: "/id", Record: f.ID, Message: fmt.Sprintf("id %q is already taken by another %s", f.ID, f.Kind)})
		}
	}
	noted := len(issues) > 0
	if ok && f.Origin != fact.Extracted {
		if entry == nil {
			entry = check.KeyEntry(k, f)
		}
		ok = r.index.AddEntry(k, f, entry)
		more := r.index.Take()
		noted = noted || len(more) > 0
		issues = append(issues, more...)
	}
	if !ok {
		f.ID = base
		fc.Rejected++
		r.Issues = append(r.Issues, issues...)
		rec := f.Fields
		if f.Original != nil {
			rec = f.Original
		}
		r.Rejected = append(r.Rejected, model.Rejected{File: f.File, Line: f.Pos.Line, Kind: f.Kind, ID: f.ID, Record: rec, Issues: issues})
		return nil
	}
	r.ids.Take(f.Kind, f.ID)
	for i := range issues {
		if issues[i].Record == base {
			issues[i].Record = f.ID
		}
	}
	r.Issues = append(r.Issues, issues...)
	fc.Exported++
	r.Summary.ByKind[f.Kind]++
	f.Noted = noted
	if f.Status != "" {
		r.Summary.ByStatus[f.Status]++
	}
	if f.Origin != fact.Extracted && r.rec != nil {
		r.rec.Mark(k, f)
	}
	codes := issueCodes(issues)
	rendered := prepared != nil && f.ID == base && slices.Equal(codes, f.Codes)
	f.Codes = codes
	if sink == nil {
		r.Facts[f.Kind] = append(r.Facts[f.Kind], f)
		return nil
	}
	if !rendered {
		prepared = sink.Prepare(k, f) // the id and the codes are in what was rendered
	}
	return sink.Fact(f, prepared)
}

// issueCodes returns the codes of issues, sorted, each once.
func issueCodes(issues []issue.Issue) []string {
	if len(issues) == 0 {
		return nil
	}
	codes := make([]string, 0, len(issues))
	for _, is := range issues {
		codes = append(codes, is.Code)
	}
	slices.Sort(codes)
	return slices.Compact(codes)
}

// Discard is a Sink that keeps nothing: for runs that only check, such as
// dossier validate, so that memory does not grow with the facts.
type Discard struct{}

func (Discard) Start(*model.Result) error            { return nil }
func (Discard) Prepare(*schema.Kind, *fact.Fact) any { return nil }
func (Discard) Fact(*fact.Fact, any) error           { return nil }
func (Discard) Finish(*model.Result) error           { return nil }
