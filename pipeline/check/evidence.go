package check

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"sync"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// Corpus is the set of loaded documents, indexed for quote search. It is
// safe for concurrent use.
type Corpus struct {
	docs     map[string]*document.Document
	mu       sync.Mutex
	folded   map[string]*foldedDoc
	foldedIn []string // the documents of folded, oldest first
	readings map[string]*lazyReading
	order    []string // the documents of readings, oldest first
	// byContent holds the last readings by what they read (readingKey),
	// oldest first in contentOrder.
	byContent    map[string]*lazyReading
	contentOrder []string
	near         closestCache
	spans        map[string]foundSpan // by document id and quote
}

// maxReadings bounds the documents whose reading a corpus keeps: facts
// that cite one document mostly come together, and a reading (its words,
// and what the tables know among them) is larger than the document.
const maxReadings = 32

// lazyReading is a document's reading, found by the first fact that needs
// it while the others wait.
type lazyReading struct {
	once sync.Once
	dr   *docReading
}

type foldedDoc struct {
	text string
	m    *document.Map
}

// NewCorpus indexes documents by id.
func NewCorpus(docs []*document.Document) *Corpus {
	c := &Corpus{docs: map[string]*document.Document{}, folded: map[string]*foldedDoc{}, readings: map[string]*lazyReading{}, byContent: map[string]*lazyReading{}, near: closestCache{found: map[string]string{}}, spans: map[string]foundSpan{}}
	for _, d := range docs {
		c.docs[d.ID] = d
	}
	return c
}

// Document returns the document with the given id.
func (c *Corpus) Document(id string) (*document.Document, bool) {
	d, ok := c.docs[id]
	return d, ok
}

func (c *Corpus) fold(d *document.Document) *foldedDoc {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.folded[d.ID]; ok {
		return f
	}
	t, m := clean.Fold(d.Text)
	f := &foldedDoc{text: t, m: m}
	c.folded[d.ID] = f
	c.foldedIn = append(c.foldedIn, d.ID)
	if len(c.foldedIn) > maxFolded {
		delete(c.folded, c.foldedIn[0])
		c.foldedIn = c.foldedIn[1:]
	}
	return f
}

// maxFolded bounds the documents whose folded text a corpus keeps, as
// maxReadings does their readings: a run of many documents would
// otherwise hold a second copy of every text and its map.
const maxFolded = 64

// reading returns what the field checks read in document d, found once.
// A copy of a document (mirrors of one article are common) shares the
// reading of the one read before it, found by what the reading reads.
func (c *Corpus) reading(d *document.Document) *docReading {
	c.mu.Lock()
	lr, ok := c.readings[d.ID]
	c.mu.Unlock()
	if !ok {
		k := readingKey(d)
		c.mu.Lock()
		if lr, ok = c.readings[d.ID]; !ok {
			if lr, ok = c.byContent[k]; !ok {
				lr = &lazyReading{}
				c.byContent[k] = lr
				c.contentOrder = append(c.contentOrder, k)
				if len(c.contentOrder) > maxReadings {
					delete(c.byContent, c.contentOrder[0])
					c.contentOrder = c.contentOrder[1:]
				}
			}
			c.readings[d.ID] = lr
			c.order = append(c.order, d.ID)
			if len(c.order) > maxReadings {
				delete(c.readings, c.order[0])
				c.order = c.order[1:]
			}
		}
		c.mu.Unlock()
	}
	lr.once.Do(func() { lr.dr = newDocReading(d) })
	return lr.dr
}

// readingKey is what a document's reading depends on: its text, its title
// and the countries its sidecar names.
func readingKey(d *document.Document) string {
	sum := sha256.Sum256([]byte(d.Text))
	return fmt.Sprintf("%x\x00%s\x00%v", sum, d.Title, d.Meta["countries"])
}

// Find looks for quote in the clean text of document d, comparing after the
// same white space, dash and quote unification on both sides, and returns
// the span in clean text: d.Text[span.Start:span.End] is the quoted text as
// the document spells it.
func (c *Corpus) Find(d *document.Document, quote string) (fact.Span, bool) {
	k := d.ID + "\x00" + quote
	c.mu.Lock()
	f, ok := c.spans[k]
	c.mu.Unlock()
	if ok {
		return f.span, f.found
	}
	span, found := c.find(d, quote)
	c.mu.Lock()
	if len(c.spans) >= spanCacheSize {
		clear(c.spans)
	}
	c.spans[k] = foundSpan{span, found}
	c.mu.Unlock()
	return span, found
}

// foundSpan is what Find found of a quote in a document.
type foundSpan struct {
	span  fact.Span
	found bool
}

// spanCacheSize bounds the quotes whose span a corpus remembers: facts
// that state several things of one sentence quote it each (a poll's
// table, a list's items), and the cache is emptied when full.
const spanCacheSize = 8192

func (c *Corpus) find(d *document.Document, quote string) (fact.Span, bool) {
	q := clean.FoldString(quote)
	if q == "" {
		return fact.Span{}, false
	}
	fd := c.fold(d)
	i := strings.Index(fd.text, q)
	if i < 0 {
		return fact.Span{}, false
	}
	// The span covers exactly the text the match folds from: a folded run
	// at either end ("--" or "—" as "-") is covered whole, and nothing
	// after the match (the line break after a quote ending a paragraph).
	start, end := fd.m.Raw(i), fd.m.RawEnd(i+len(q))
	return fact.Span{Start: start, End: end, Line: d.Pos(start).Line}, true
}

// Evidence checks that a fact's evidence names a loaded document and that
// its quote occurs in that document; it stores the span found on the fact.
// Facts without evidence are left to their schema.
func Evidence(c *Corpus, f *fact.Fact) []issue.Issue {
	ev, ok := f.Fields["evidence"].(map[string]any)
	if !ok {
		return nil
	}
	docID, ok := ev["document"].(string)
	if !ok {
		return nil
	}
	d, ok := c.Document(docID)
	if !ok {
		p := f.Locate("/evidence/document")
		return []issue.Issue{{Severity: issue.Error, Code: "evidence.document-unknown", File: f.File, Line: p.Line, Column: p.Col,
			Pointer: "/evidence/document", Record: f.ID, Message: fmt.Sprintf("no document %q among the sources (%s)", docID, c.names())}}
	}
	quote, ok := ev["quote"].(string)
	if !ok {
		return nil
	}
	span, found := c.Find(d, quote)
	if !found {
		p := f.Locate("/evidence/quote")
		return []issue.Issue{{Severity: issue.Error, Code: "evidence.quote-not-found", File: f.File, Line: p.Line, Column: p.Col,
			Pointer: "/evidence/quote", Record: f.ID, Message: notFound(quote, docID, c.closest(d, quote))}}
	}
	f.Span = &span
	return nil
}

func (c *Corpus) names() string {
	if len(c.docs) == 0 {
		return "none loaded"
	}
	var ids []string
	for id := range c.docs {
		ids = append(ids, id)
	}
	if len(ids) > 5 {
		return fmt.Sprintf("%d loaded", len(ids))
	}
	slices.Sort(ids)
	return "loaded: " + strings.Join(ids, ", ")
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
