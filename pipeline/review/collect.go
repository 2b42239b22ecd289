package review

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
)

// Limits bound what the page holds, so that it stays small and quick
// whatever the number of facts. Past a limit the page says what it leaves
// out and where the rest is.
type Limits struct {
	Rows       int // table rows per kind
	Highlights int // quotes highlighted, in all documents together
	TextBytes  int // cleaned article text shown, all documents together
	Issues     int // issues listed
	Files      int // fact files listed in the run's counts
	Pairs      int // country pairs pictured, for events and for polls each
	Events     int // events per pair on its timeline
	Documents  int // documents counted apart for facts per kind and document
}

// DefaultLimits keep the page of a run of millions of facts to a few
// megabytes.
func DefaultLimits() Limits {
	return Limits{Rows: 100, Highlights: 1500, TextBytes: 1 << 20, Issues: 500, Files: 200, Pairs: 20, Events: 60, Documents: 1000}
}

// Table is a kind's table as the exporter writes it: its CSV's name and
// columns.
type Table struct {
	Kind    string
	CSV     string // the CSV's path in the output folder: csv/poll.csv
	Sheet   string // the workbook's sheet of the kind: Poll
	Columns []string
}

// Rower gives the cells of a fact's row as text, as the CSV holds them.
type Rower interface {
	Cells(f *fact.Fact) []string
}

// Collector keeps what the page and the workbook's Charts sheet need of a
// stream of facts, in bounded memory. Call Start, then Fact for every
// exported fact in input order. It is not safe for concurrent use.
type Collector struct {
	lim    Limits
	kinds  []*kindState
	byKind map[string]*kindState
	docs   []*docState
	docIdx map[string]int // document id -> index in docs

	entries []entry          // facts whose cells are kept: rows and highlights
	places  map[string]place // fact id -> where it is shown or quoted
	hls     int              // highlights taken

	polls     map[pollKey]*Share
	pollPairs map[string]int // pair -> poll facts counted
	events    map[string]*eventList

	perDoc    map[string][]int // document id -> facts per kind (index of kinds)
	perDocOut int              // facts of documents past Limits.Documents
}

type kindState struct {
	t    Table
	i    int
	n    int   // facts of the kind
	rows []int // entries shown as the table's rows
}

type docState struct {
	d     *document.Document
	shown bool // its text is on the page
	hls   []highlight
	more  int // facts quoting it past the highlight limit
}

// highlight is one fact's quote in a document's clean text.
type highlight struct {
	start, end int
	entry      int
}

// entry is one fact kept for the page.
type entry struct {
	kind   int
	id     string
	origin string
	status string
	cells  []string
	row    int // its row in its kind's table, -1 if none
	doc    int // document whose text highlights it, -1 if none
	line   int // line of its quote in that document
}

// place says where the page shows a fact: its entry (-1 if none), or the
// document and line of its quote.
type place struct {
	entry     int
	doc, line int
}

type pollKey struct {
	pair, measure string
	year          int
}

// Share is the mean of the poll shares of one pair, measure and year.
type Share struct {
	Sum   float64
	Count int
}

// Mean is the average share.
func (s Share) Mean() float64 { return s.Sum / float64(s.Count) }

type eventList struct {
	n      int
	events []Event
}

// Event is one dated event of a pair, for its timeline.
type Event struct {
	Date    string // YYYY, YYYY-MM or YYYY-MM-DD; "" with Text when undated
	Text    string // the date as written, when there is no date
	Type    string
	Summary string
	entry   int
}

// NewCollector starts collecting for the documents of a run and the
// tables of its kinds, within lim.
func NewCollector(docs []*document.Document, tables []Table, lim Limits) *Collector {
	c := &Collector{lim: lim, byKind: map[string]*kindState{}, docIdx: map[string]int{}, places: map[string]place{},
		polls: map[pollKey]*Share{}, pollPairs: map[string]int{}, events: map[string]*eventList{}, perDoc: map[string][]int{}}
	for i, t := range tables {
		k := &kindState{t: t, i: i}
		c.kinds = append(c.kinds, k)
		c.byKind[t.Kind] = k
	}
	budget := lim.TextBytes
	for i, d := range docs {
		shown := len(d.Text) <= budget
		if shown {
			budget -= len(d.Text)
		}
		c.docs = append(c.docs, &docState{d: d, shown: shown})
		c.docIdx[d.ID] = i
	}
	return c
}

// Digest is what the collector reads of a fact's fields. DigestOf takes
// it on the run's workers (the exporter's Prepare), so that the ordered
// path, where Fact runs, only counts.
type Digest struct {
	doc, pair, measure string
	year               int
	value              float64
	poll               bool // year, measure, value and pair all there
}

// DigestOf reads a fact's document, pair and, for a poll, its year,
// measure and share.
func DigestOf(f *fact.Fact) Digest {
	d := Digest{doc: evidenceDocument(f), pair: pairOf(f)}
	if f.Kind == "poll" {
		var ok1, ok2 bool
		d.year, ok1 = wholeNumber(f.Fields["year"])
		d.value, ok2 = fact.Number(f.Fields["value"])
		d.measure, _ = f.Fields["measure"].(string)
		d.poll = ok1 && ok2 && d.measure != "" && d.pair != ""
	}
	return d
}

// Fact takes one exported fact, with its digest (nil: take it here).
// rows renders its cells, asked only for the facts the page shows.
func (c *Collector) Fact(f *fact.Fact, rows Rower, dg *Digest) {
	k := c.byKind[f.Kind]
	if k == nil {
		return
	}
	if dg == nil {
		d := DigestOf(f)
		dg = &d
	}
	k.n++
	docID := dg.doc
	c.countDocument(docID, k.i)
	di, quoted := -1, false
	if f.Span != nil {
		if i, ok := c.docIdx[docID]; ok && c.docs[i].shown {
			di, quoted = i, true
		}
	}
	wantRow := len(k.rows) < c.lim.Rows
	wantHL := quoted && c.hls < c.lim.Highlights
	if quoted && !wantHL {
		c.docs[di].more++
	}
	e := -1
	if wantRow || wantHL {
		e = len(c.entries)
		c.entries = append(c.entries, entry{kind: k.i, id: f.ID, origin: f.Origin, status: f.Status, cells: rows.Cells(f), row: -1, doc: -1})
		en := &c.entries[e]
		if wantRow {
			en.row = len(k.rows)
			k.rows = append(k.rows, e)
		}
		if wantHL {
			c.hls++
			en.doc, en.line = di, f.Span.Line
			c.docs[di].hls = append(c.docs[di].hls, highlight{start: f.Span.Start, end: f.Span.End, entry: e})
		}
	}
	if e >= 0 || f.Noted || f.Origin == fact.Extracted {
		p := place{entry: e, doc: -1}
		if quoted {
			p.doc, p.line = di, f.Span.Line
		}
		if _, taken := c.places[f.ID]; !taken {
			c.places[f.ID] = p
		}
	}
	switch f.Kind {
	case "poll":
		if dg.poll {
			c.poll(dg)
		}
	case "event":
		c.event(f, dg.pair, e)
	}
}

func (c *Collector) countDocument(id string, kind int) {
	if id == "" {
		return
	}
	counts, ok := c.perDoc[id]
	if !ok {
		if len(c.perDoc) >= c.lim.Documents {
			c.perDocOut++
			return
		}
		counts = make([]int, len(c.kinds))
		c.perDoc[id] = counts
	}
	counts[kind]++
}

func evidenceDocument(f *fact.Fact) string {
	ev, _ := f.Fields["evidence"].(map[string]any)
	s, _ := ev["document"].(string)
	return s
}

// pairOf is the fact's country pair as its CSV cell writes it: "MLI;USA".
func pairOf(f *fact.Fact) string {
	list, _ := f.Fields["countries"].([]any)
	switch len(list) {
	case 0:
		return ""
	case 2:
		a, _ := list[0].(string)
		b, _ := list[1].(string)
		if a != "" && b != "" {
			return a + ";" + b
		}
	}
	var parts []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ";")
}

// poll adds a poll's headline share to its pair, measure and year.
func (c *Collector) poll(dg *Digest) {
	pair, value := dg.pair, dg.value
	key := pollKey{pair, dg.measure, dg.year}
	s := c.polls[key]
	if s == nil {
		if len(c.polls) >= maxPollKeys {
			return
		}
		s = &Share{}
		c.polls[key] = s
	}
	s.Sum += value
	s.Count++
	c.pollPairs[pair]++
}

// maxPollKeys bounds the poll aggregates: pairs x measures x years past
// any real corpus.
const maxPollKeys = 200_000

func wholeNumber(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.Atoi(x.String())
		return n, err == nil
	default:
		f, ok := fact.Number(v)
		if ok && f == float64(int(f)) {
			return int(f), true
		}
	}
	return 0, false
}

func (c *Collector) event(f *fact.Fact, pair string, e int) {
	if pair == "" {
		return
	}
	l := c.events[pair]
	if l == nil {
		if len(c.events) >= maxEventPairs {
			return
		}
		l = &eventList{}
		c.events[pair] = l
	}
	l.n++
	if len(l.events) >= c.lim.Events {
		return
	}
	date, _ := f.Fields["date"].(string)
	text, _ := f.Fields["date_text"].(string)
	typ, _ := f.Fields["type"].(string)
	sum, _ := f.Fields["summary"].(string)
	l.events = append(l.events, Event{Date: date, Text: text, Type: typ, Summary: clip(sum, 200), entry: e})
}

// maxEventPairs bounds the pairs whose events are kept.
const maxEventPairs = 10_000

// PollPair is one pair's poll shares: a mean per measure and year.
type PollPair struct {
	Pair     string // as the CSV writes it: "MLI;USA"
	Facts    int    // poll facts counted
	Measures []string
	Years    []int
	Shares   map[string]map[int]Share // measure -> year -> share
}

// Polls returns the pairs with the most poll facts counted, at most max,
// most first (then by name), and how many pairs there are in all.
func (c *Collector) Polls(max int) ([]PollPair, int) {
	pairs := topKeys(c.pollPairs, max)
	out := make([]PollPair, len(pairs))
	index := map[string]int{}
	for i, p := range pairs {
		out[i] = PollPair{Pair: p, Facts: c.pollPairs[p], Shares: map[string]map[int]Share{}}
		index[p] = i
	}
	for k, s := range c.polls {
		i, ok := index[k.pair]
		if !ok {
			continue
		}
		pp := &out[i]
		if pp.Shares[k.measure] == nil {
			pp.Shares[k.measure] = map[int]Share{}
			pp.Measures = append(pp.Measures, k.measure)
		}
		pp.Shares[k.measure][k.year] = *s
		if !slices.Contains(pp.Years, k.year) {
			pp.Years = append(pp.Years, k.year)
		}
	}
	for i := range out {
		slices.Sort(out[i].Measures)
		slices.Sort(out[i].Years)
	}
	return out, len(c.pollPairs)
}

// EventPair is one pair's events, as many as the limit keeps.
type EventPair struct {
	Pair   string
	Total  int // events of the pair in all
	Events []Event
}

// Events returns the pairs with the most events, at most max, and how many
// pairs have events in all.
func (c *Collector) Events(max int) ([]EventPair, int) {
	counts := map[string]int{}
	for p, l := range c.events {
		counts[p] = l.n
	}
	var out []EventPair
	for _, p := range topKeys(counts, max) {
		l := c.events[p]
		evs := slices.Clone(l.events)
		// Dated events by date, then the undated ones as they came.
		slices.SortStableFunc(evs, func(a, b Event) int {
			switch {
			case a.Date == "" || b.Date == "":
				return cmp.Compare(boolInt(a.Date == ""), boolInt(b.Date == ""))
			}
			return cmp.Compare(a.Date, b.Date)
		})
		out = append(out, EventPair{Pair: p, Total: l.n, Events: evs})
	}
	return out, len(c.events)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// KindCounts returns, for each document with facts, in the order the
// documents were read and then by id, the facts of each kind (in the
// order of the tables), and how many facts cite documents past the limit.
func (c *Collector) KindCounts() (docs []string, counts [][]int, over int) {
	seen := map[string]bool{}
	for _, d := range c.docs {
		if n, ok := c.perDoc[d.d.ID]; ok {
			docs = append(docs, d.d.ID)
			counts = append(counts, n)
			seen[d.d.ID] = true
		}
	}
	var rest []string
	for id := range c.perDoc {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range rest {
		docs = append(docs, id)
		counts = append(counts, c.perDoc[id])
	}
	return docs, counts, c.perDocOut
}

// Kinds lists the kinds' tables, in order, with how many facts each has.
func (c *Collector) Kinds() ([]Table, []int) {
	var ts []Table
	var ns []int
	for _, k := range c.kinds {
		ts = append(ts, k.t)
		ns = append(ns, k.n)
	}
	return ts, ns
}

// topKeys returns the keys with the largest counts, most first, then by
// key, at most max.
func topKeys(counts map[string]int, max int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	if len(keys) > max {
		keys = keys[:max]
	}
	return keys
}

// clip cuts s to at most n characters, marking a cut with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
