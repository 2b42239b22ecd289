package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/model"
	"dossier/pipeline/schema"
)

// recordSink writes down every fact it is given: what Prepare rendered
// (on a worker, maybe before the fact's id and codes were final) and what
// rendering it again at Fact gives, which must be the same.
type recordSink struct {
	facts []string
	stale []string
}

func render(f *fact.Fact) string {
	fields, _ := json.Marshal(f.Fields)
	return fmt.Sprintf("%s %s %s %v %s %+v %s", f.Kind, f.ID, f.Status, f.Codes, f.File, *f.Span, fields)
}

func (s *recordSink) Start(*model.Result) error                { return nil }
func (s *recordSink) Prepare(_ *schema.Kind, f *fact.Fact) any { return render(f) }
func (s *recordSink) Finish(*model.Result) error               { return nil }
func (s *recordSink) Fact(f *fact.Fact, prepared any) error {
	now := render(f)
	if prepared.(string) != now {
		s.stale = append(s.stale, fmt.Sprintf("prepared %s\n  now %s", prepared, now))
	}
	s.facts = append(s.facts, fmt.Sprintf("%s noted=%v", now, f.Noted))
	return nil
}

// docsOnly copies the shipped documents (the seed twice, so that a copy's
// facts are found in the cache and ids collide) into a folder of
// documents with no fact file.
func docsOnly(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, src := range []string{"../sources", "testdata/cases/faults/sources", "testdata/cases/guesses/sources"} {
		files, _ := filepath.Glob(filepath.Join(src, "*"))
		for _, f := range files {
			if st, err := os.Stat(f); err != nil || st.IsDir() {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			names := []string{filepath.Base(f)}
			if strings.HasPrefix(names[0], "mali-united-states") {
				names = append(names, "mirror-"+names[0])
			}
			for _, n := range names {
				if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return dir
}

// With no fact file, extracted facts go to the sink as their documents
// are taken: the result and what the sink gets are those of a run that
// holds them all to the end.
func TestDirectExtractionSameAsHeld(t *testing.T) {
	dir := docsOnly(t)
	for _, withSink := range []bool{false, true} {
		run := func(hold bool) (*model.Result, *recordSink) {
			opt := Options{Sources: dir, Schemas: "../schemas", Extract: true, Jobs: 2, holdExtracted: hold}
			var sink *recordSink
			if withSink {
				sink = &recordSink{}
				opt.Sink = sink
			}
			res, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			return res, sink
		}
		direct, ds := run(false)
		held, hs := run(true)
		if direct.Summary.FromText == 0 || len(direct.Issues) == 0 {
			t.Fatalf("nothing extracted: %+v", direct.Summary)
		}
		if !reflect.DeepEqual(direct.Summary, held.Summary) {
			t.Errorf("sink %v: summary %+v, want %+v", withSink, direct.Summary, held.Summary)
		}
		if !reflect.DeepEqual(direct.Issues, held.Issues) {
			t.Errorf("sink %v: issues differ", withSink)
		}
		if !reflect.DeepEqual(direct.Rejected, held.Rejected) || !reflect.DeepEqual(direct.Facts, held.Facts) {
			t.Errorf("sink %v: facts or rejected records differ", withSink)
		}
		if withSink {
			if !reflect.DeepEqual(ds.facts, hs.facts) {
				t.Errorf("the sink got other facts:\n%s\nwant\n%s", strings.Join(ds.facts, "\n"), strings.Join(hs.facts, "\n"))
			}
			if len(ds.stale) > 0 {
				t.Errorf("a fact was written with a stale rendering: %s", ds.stale[0])
			}
		}
	}
}

// countingSink notes how many documents the extractors had begun when the
// first fact reached it.
type countingSink struct {
	Discard
	begun *atomic.Int32
	first int32
}

func (s *countingSink) Fact(*fact.Fact, any) error {
	if s.first == 0 {
		s.first = s.begun.Load()
	}
	return nil
}

// With no fact file, the first document's facts reach the sink before the
// extractors have read every document: they are not all held at once.
func TestDirectExtractionDoesNotWait(t *testing.T) {
	text, err := os.ReadFile("../sources/mali-united-states.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const docs = 40
	for i := range docs {
		own := fmt.Appendf(append([]byte(nil), text...), "\nDocument %d.\n", i) // not a copy: read on its own
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc-%02d.txt", i)), own, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var begun atomic.Int32
	counting := func(ctx context.Context, d *document.Document, keys map[string][]string) ([]extract.Fact, error) {
		begun.Add(1)
		return extract.DocumentContext(ctx, d, keys)
	}
	sink := &countingSink{begun: &begun}
	if _, err := Run(context.Background(), Options{Sources: dir, Schemas: "../schemas", Extract: true, Jobs: 1, Sink: sink, extract: counting}); err != nil {
		t.Fatal(err)
	}
	if sink.first == 0 || sink.first >= docs {
		t.Errorf("the first fact reached the sink after %d of %d documents were begun", sink.first, docs)
	}
}
