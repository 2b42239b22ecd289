package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
	"weak"

	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/load"
	"dossier/pipeline/model"
	"dossier/pipeline/prepare"
)

// runSeed runs the shipped article and its curated facts with ex as the
// extractors.
func runSeed(t *testing.T, ex extractor, limit time.Duration) []issue.Issue {
	t.Helper()
	res, err := Run(context.Background(), Options{Sources: "../sources", Facts: []string{"../sources/facts"}, Schemas: "../schemas",
		Extract: true, ExtractTime: limit, extract: ex})
	if err != nil {
		t.Fatal(err)
	}
	for _, facts := range res.Facts {
		for _, f := range facts {
			if f.Status != "" {
				t.Errorf("%s has status %q, though its document's text was not read to the end", f.ID, f.Status)
			}
		}
	}
	return res.Issues
}

func findIssue(issues []issue.Issue, code string) *issue.Issue {
	for i := range issues {
		if issues[i].Code == code {
			return &issues[i]
		}
	}
	return nil
}

// An extractor that panics gives an error on its document, and the
// document is not reconciled: no curated fact is called curated-only.
func TestExtractorPanicIsAnIssue(t *testing.T) {
	panicky := func(context.Context, *document.Document, map[string][]string) ([]extract.Fact, error) {
		panic("index out of range")
	}
	is := findIssue(runSeed(t, panicky, 0), "extract.panic")
	if is == nil {
		t.Fatal("no extract.panic issue")
	}
	if is.Severity != issue.Error || filepath.Base(is.File) != "mali-united-states.txt" || is.Line != 1 || is.Record != "mali-united-states" {
		t.Errorf("extract.panic = %+v, want an error at mali-united-states.txt:1 naming the document", *is)
	}
}

// An extractor that runs out of time is cancelled through its context,
// and the document is not reconciled.
func TestExtractorTimeoutCancelsTheWork(t *testing.T) {
	cancelled := make(chan error, 1)
	slow := func(ctx context.Context, _ *document.Document, _ map[string][]string) ([]extract.Fact, error) {
		<-ctx.Done() // a rule that would run on and on, checking its context
		cancelled <- ctx.Err()
		return nil, ctx.Err()
	}
	if findIssue(runSeed(t, slow, time.Millisecond), "extract.timeout") == nil {
		t.Error("no extract.timeout issue")
	}
	if err := <-cancelled; err != context.DeadlineExceeded {
		t.Errorf("the extractors' context ended with %v, want the deadline", err)
	}
}

// The real extractors stop between rules once their context is done.
func TestDocumentContextStopsWhenCancelled(t *testing.T) {
	raw, err := os.ReadFile("../sources/mali-united-states.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := &document.Document{ID: "mali-united-states", Raw: raw}
	prepare.Text(d)
	if facts := extract.Document(d); len(facts) == 0 {
		t.Fatal("the extractors find nothing in the shipped article")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	facts, err := extract.DocumentContext(ctx, d, nil)
	if err != context.Canceled || facts != nil {
		t.Errorf("DocumentContext with a cancelled context = %d facts, %v; want none, context.Canceled", len(facts), err)
	}
}

// The extractors drop a fact whose key, under the keys given (the
// schemas' x-key), repeats one found before it.
func TestDocumentContextDedupesByTheKeysGiven(t *testing.T) {
	d, _, err := prepare.File("../sources/mali-united-states.txt", load.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	count := func(keys map[string][]string) int {
		facts, err := extract.DocumentContext(context.Background(), d, keys)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range facts {
			if f.Kind == "official" {
				n++
			}
		}
		return n
	}
	if n := count(nil); n < 2 {
		t.Fatalf("%d officials with the shipped keys, want several", n)
	}
	keys := key.Shipped()
	keys["official"] = []string{"countries", "country"} // one official per country
	if n := count(keys); n != 1 {
		t.Errorf("%d officials when the key is the country alone, want 1", n)
	}
}

// A copy of an article (same text, title and pair) is read once: the
// extractors run on the first, and the copy gets the same facts, with its
// own document in their evidence.
func TestCopiesAreExtractedOnce(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../sources/mali-united-states.txt")
	if err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile("../sources/mali-united-states.meta.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b", "c"} {
		os.WriteFile(filepath.Join(dir, name+".txt"), seed, 0o644)
		os.WriteFile(filepath.Join(dir, name+".meta.yaml"), meta, 0o644)
	}
	calls := 0
	counting := func(ctx context.Context, d *document.Document, keys map[string][]string) ([]extract.Fact, error) {
		calls++ // one worker (Jobs: 1): no two copies are read at once
		return extract.DocumentContext(ctx, d, keys)
	}
	res, err := Run(context.Background(), Options{Sources: dir, Schemas: "../schemas", Extract: true, Jobs: 1, extract: counting})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("the extractors ran %d times on three copies, want once", calls)
	}
	byDoc := map[string][]string{}
	for _, facts := range res.Facts {
		for _, f := range facts {
			doc := f.String("/evidence/document")
			byDoc[doc] = append(byDoc[doc], f.Kind+" "+f.String("/evidence/quote"))
		}
	}
	if len(byDoc["a"]) == 0 || len(byDoc) != 3 {
		t.Fatalf("facts by document: %v", byDoc)
	}
	for _, doc := range []string{"b", "c"} {
		if !slices.Equal(byDoc[doc], byDoc["a"]) {
			t.Errorf("document %s: %v, want the facts of a: %v", doc, byDoc[doc], byDoc["a"])
		}
	}
}

// heldSink notes a weak pointer to every extracted fact it is given, and
// at Finish, after a collection, how many the run still holds.
type heldSink struct {
	Discard
	facts []weak.Pointer[fact.Fact]
	held  int
}

func (s *heldSink) Fact(f *fact.Fact, _ any) error {
	if f.Origin == fact.Extracted {
		s.facts = append(s.facts, weak.Make(f))
	}
	return nil
}

func (s *heldSink) Finish(*model.Result) error {
	runtime.GC()
	for _, p := range s.facts {
		if p.Value() != nil {
			s.held++
		}
	}
	return nil
}

// The extracted facts handed to the sink are not held by the run after
// (documents are many, and each gives about a dozen facts).
func TestExtractedFactsNotHeldAfterExport(t *testing.T) {
	dir := t.TempDir()
	text, err := os.ReadFile("../sources/mali-united-states.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mali-united-states.txt"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	sink := &heldSink{}
	_, err = Run(context.Background(), Options{Sources: dir, Schemas: "../schemas", Extract: true, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.facts) == 0 {
		t.Fatal("no extracted fact reached the sink")
	}
	if sink.held > 0 {
		t.Errorf("%d of the %d extracted facts exported are still held at the end of the run", sink.held, len(sink.facts))
	}
}
