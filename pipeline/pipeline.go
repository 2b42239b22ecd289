package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/load"
	"dossier/pipeline/model"
	"dossier/pipeline/normalize"
	"dossier/pipeline/prepare"
	"dossier/pipeline/reconcile"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

// Options says what one run reads and where its facts go.
type Options struct {
	Sources string      // folder of documents (*.txt, NAME.meta.yaml)
	Facts   []string    // fact files or folders of them
	Schemas string      // folder of *.schema.json
	Jobs    int         // workers for the per-record stages; 0 means one per core
	Extract bool        // extract facts from the documents and reconcile them with the curated ones
	Limits  load.Limits // a limit not set (zero) is load.DefaultLimits'
	// ExtractTime bounds the extractors' time on one document; 0 means 10 s.
	ExtractTime time.Duration
	// Sink receives the exported facts as they are accepted. Without one,
	// they are kept in Result.Facts.
	Sink Sink
	// Progress, when set, is told how many bytes of fact files have been
	// read, as reading goes on (from the reading goroutine).
	Progress func(bytes int64)
	// Root is the project's folder (the config file's). Every file the
	// result names (documents, facts, issues, counts) is named by its path
	// relative to Root, with forward slashes, wherever the run started, so
	// that reports and baselines read the same from any folder. Empty:
	// files are named by their paths as given.
	Root string
	// Schemas, when set, is the schema set Schemas holds, already loaded
	// (so that a bad schema stops a command before it writes anything).
	SchemaSet *schema.Set

	extract extractor // extract.DocumentContext when nil; tests set a failing one
	// holdExtracted keeps every extracted fact to the end even with no
	// fact file, as a run with fact files does (tests compare the two).
	holdExtracted bool
}

// runner is one run's state: the model it fills, and what the stages
// need to remember while the facts stream past.
type runner struct {
	*model.Result
	index    *check.Index
	ids      *key.IDs
	rec      *reconcile.Text // extracted facts, when extraction is on
	extract  extractor
	progress func(int64)
	limits   load.Limits
	root     string // Options.Root made absolute; "" names files as given
}

// input is a file the run reads: where it is, and its name in the result.
type input struct{ path, name string }

// rootOf makes a project root absolute; "" stays "".
func rootOf(root string) string {
	if root == "" {
		return ""
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	return abs
}

// input names the file at path relative to the project root, with forward
// slashes; a path the root cannot reach keeps its own name.
func (r *runner) input(path string) input {
	if r.root == "" || path == "" {
		return input{path, path}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return input{path, path}
	}
	rel, err := filepath.Rel(r.root, abs)
	if err != nil {
		return input{path, path}
	}
	return input{path, filepath.ToSlash(rel)}
}

// Run runs every stage up to export. A panic in any stage is recovered and
// returned as an *InternalError naming the stage (and, on the workers, the
// record), never passed on to crash the caller.
func Run(ctx context.Context, opt Options) (res *model.Result, err error) {
	stage := "schemas"
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &InternalError{Where: " in " + stage, Panic: p, Stack: debug.Stack()}
		}
	}()
	return run(ctx, opt, &stage)
}

func run(ctx context.Context, opt Options, stage *string) (*model.Result, error) {
	set := opt.SchemaSet
	if set == nil {
		var err error
		if set, err = schema.Load(opt.Schemas); err != nil {
			return nil, err
		}
	}
	r := &runner{Result: model.New(set), index: check.NewIndex(), ids: key.NewIDs(), extract: opt.extract, root: rootOf(opt.Root)}
	if r.extract == nil {
		r.extract = extract.DocumentContext
	}
	r.limits = opt.Limits.WithDefaults()
	*stage = "documents"
	if err := r.loadDocuments(ctx, opt.Sources); err != nil {
		return nil, err
	}
	corpus := check.NewCorpus(r.Documents)
	files, err := load.FactFiles(opt.Facts)
	if err != nil {
		return nil, err
	}
	if opt.Sink != nil {
		if err := opt.Sink.Start(r.Result); err != nil {
			return nil, err
		}
	}
	var direct *directExtraction
	if opt.Extract {
		*stage = "extraction"
		if len(files) == 0 && !opt.holdExtracted { // no curated fact to wait for
			direct = &directExtraction{sink: opt.Sink, at: map[string]int{}}
		}
		if r.rec, err = r.extractAll(ctx, corpus, opt.ExtractTime, opt.Jobs, direct); err != nil {
			return nil, err
		}
	}
	*stage = "facts"
	r.progress = opt.Progress
	if err := r.readFacts(ctx, files, corpus, opt.Jobs, opt.Sink); err != nil {
		return nil, err
	}
	if r.rec != nil {
		if err := r.acceptExtracted(opt.Sink); err != nil {
			return nil, err
		}
	}
	if direct != nil {
		direct.finish(r)
	}
	*stage = "cross-record checks"
	r.finish()
	*stage = "export"
	if opt.Sink != nil {
		if err := opt.Sink.Finish(r.Result); err != nil {
			return nil, err
		}
	}
	return r.Result, nil
}

// name gives a document (nil when it was not read) and the issues its
// reading raised their names in the result.
func (r *runner) name(d *document.Document, issues []issue.Issue) {
	names := map[string]string{}
	for i := range issues {
		if _, ok := names[issues[i].File]; !ok {
			names[issues[i].File] = r.input(issues[i].File).name
		}
		issues[i].File = names[issues[i].File]
	}
	if d != nil {
		d.Path = r.input(d.Path).name
		if d.MetaFile != "" {
			d.MetaFile = r.input(d.MetaFile).name
		}
	}
}

func (r *runner) loadDocuments(ctx context.Context, dir string) error {
	if dir == "" {
		return nil
	}
	paths, err := load.DocumentFiles(dir)
	if err != nil {
		return err
	}
	// Each document is read and checked on its own, on a pool of workers;
	// the results are taken in order.
	type loaded struct {
		d      *document.Document
		issues []issue.Issue
		err    error
		done   chan struct{}
	}
	jobs := runtime.GOMAXPROCS(0)
	work, order := make(chan *loaded, jobs), make(chan *loaded, 2*jobs)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(order)
		defer close(work)
		for _, p := range paths {
			l := &loaded{done: make(chan struct{})}
			l.d = &document.Document{Path: p} // the path, until read
			work <- l
			order <- l
		}
	}()
	var wg sync.WaitGroup
	defer wg.Wait()
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range work {
				l.d, l.issues, l.err = r.loadDocument(ctx, l.d.Path)
				close(l.done)
			}
		}()
	}
	var first error
	for l := range order {
		<-l.done
		if first != nil {
			continue // drain, so that the workers can stop
		}
		if l.err != nil {
			first = l.err
			cancel()
			continue
		}
		r.Issues = append(r.Issues, l.issues...)
		if l.d != nil {
			r.Documents = append(r.Documents, l.d)
		}
	}
	return first
}

// loadDocument reads one document and checks it: the document (nil when it
// could not be read as one: too large, or not text) and its issues.
func (r *runner) loadDocument(ctx context.Context, p string) (d *document.Document, issues []issue.Issue, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &InternalError{Where: " reading " + p, Panic: v, Stack: debug.Stack()}
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	d, issues, err = prepare.File(p, r.limits)
	if err != nil {
		return nil, nil, err
	}
	r.name(d, issues)
	if d == nil { // too large, or not text: its issue says so
		return nil, issues, nil
	}
	issues = append(issues, check.Text(d)...)
	issues = append(issues, check.Sections(d)...)
	issues = append(issues, check.Lists(d)...)
	if r.Schemas.Document != nil {
		issues = append(issues, checkMeta(r.Schemas.Document, d)...)
	}
	// What locates the issues above only, let go: documents are many. The
	// raw bytes are in d.Text and d.Lines as far as the run needs them.
	d.MetaLoc, d.Raw = nil, nil
	return d, issues, nil
}

// process runs the per-record stages on one fact: kind, id, validation and
// the checks against its document. It touches nothing but the fact, so it
// can run on many facts at once.
func (r *runner) process(f *fact.Fact, corpus *check.Corpus) []issue.Issue {
	kindName, _ := f.Fields["kind"].(string)
	if kindName == "" {
		p := f.Locate("/kind")
		return []issue.Issue{{Severity: issue.Error, Code: "fact.kind-missing", File: f.File, Line: p.Line, Column: p.Col, Pointer: "/kind",
			Message: fmt.Sprintf("the record has no kind (one of %s)", strings.Join(r.Schemas.KindNames(), ", "))}}
	}
	f.Kind = kindName
	k, ok := r.Schemas.Kinds[kindName]
	if !ok {
		p := f.Locate("/kind")
		return []issue.Issue{{Severity: issue.Error, Code: "fact.kind-unknown", File: f.File, Line: p.Line, Column: p.Col, Pointer: "/kind",
			Message: fmt.Sprintf("unknown kind %q (known: %s)", kindName, strings.Join(r.Schemas.KindNames(), ", "))}}
	}
	var issues []issue.Issue
	if f.FromText {
		k.TypeText(f)
	}
	var orig map[string]any
	changes, failures := k.Normalize.ApplyWith(f.Fields, func() {
		if orig == nil {
			orig, _ = fact.Clone(f.Fields).(map[string]any)
		}
	})
	if len(changes) > 0 {
		f.Original = orig
	}
	for _, fl := range failures {
		p := f.Locate(fl.Pointer)
		issues = append(issues, issue.Issue{Severity: issue.Error, Code: fl.Err.Code, Message: fl.Err.Message,
			File: f.File, Line: p.Line, Column: p.Col, Pointer: fl.Pointer})
	}
	f.ID = key.ID(k.Name, k.Key, f)
	for i := range issues {
		issues[i].Record = f.ID
	}
	for _, c := range changes {
		p := f.Locate(c.Pointer)
		f.Changes = append(f.Changes, fact.Change{Pointer: c.Pointer, Field: c.Field, Before: c.Before, After: c.After,
			Normalizer: c.Normalizer, Line: p.Line, Column: p.Col})
	}
	var later []issue.Issue
	later = append(later, validate.Fact(k, f)...)
	evidence := check.Evidence(corpus, f)
	later = append(later, evidence...)
	later = append(later, check.PercentSum(k, f)...)
	if len(evidence) == 0 {
		later = append(later, check.Fields(corpus, k, f)...)
	}
	// One root cause, one issue: a value that could not be normalized has
	// its error already, and what the schema and the checks say of the same
	// raw value would only repeat it; after such an error, or a quote not
	// found in its document, the warnings and notes the other checks give
	// of the record follow from it and are left out.
	rooted := len(failures) > 0 || hasError(evidence)
	for _, is := range later {
		if slices.ContainsFunc(failures, func(fl normalize.Failure) bool { return fl.Pointer == is.Pointer }) {
			continue
		}
		if rooted && is.Severity != issue.Error {
			continue
		}
		issues = append(issues, is)
	}
	return issues
}

func hasError(issues []issue.Issue) bool {
	return slices.ContainsFunc(issues, func(i issue.Issue) bool { return i.Severity == issue.Error })
}

func (r *runner) finish() {
	noted := map[string]bool{}
	for _, is := range r.Issues {
		noted[is.File] = true
	}
	for _, f := range r.Summary.Files {
		if f.Read == 0 && !f.Extracted && !noted[f.File] {
			r.Issues = append(r.Issues, issue.Issue{Severity: issue.Warning, Code: "load.empty", File: f.File, Line: 1, Column: 1,
				Message: "the file holds no records"})
		}
	}
	r.Issues = append(r.Issues, r.index.Finish()...)
	issue.Sort(r.Issues)
	s := &r.Summary
	s.Documents = len(r.Documents)
	for _, fc := range s.Files {
		if fc.Extracted {
			s.FromText += fc.Read
		} else {
			s.Read += fc.Read
		}
		s.Exported += fc.Exported
	}
	s.Rejected = len(r.Rejected)
	s.Issues = issue.Tally(r.Issues)
}
