package export

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
	"dossier/pipeline/review"
	"dossier/pipeline/schema"
)

// Options tune the exporters.
type Options struct {
	Version      string // the tool's version, written into the outputs
	CSVBOM       bool   // start each CSV with a UTF-8 byte order mark (Excel on Windows)
	FormulaGuard bool   // make CSV cells that a spreadsheet would run as formulas inert
	JSONL        bool   // also write jsonl/<kind>.jsonl
	NoReview     bool   // leave out review.html
	// Epoch, when set (from SOURCE_DATE_EPOCH), is the one date written into
	// the outputs; without it no output holds a wall-clock time.
	Epoch *time.Time
}

// Exporter is one output format. Formats are chosen by name from one table.
type Exporter struct {
	Name string
	Doc  string
}

// exporters is the one table of output formats.
var exporters = []Exporter{
	{"json", "out/dossier.json: documents, facts by kind, issues, changes and counts"},
	{"csv", "out/csv/<table>.csv: a file per kind, documents, issues and changes"},
	{"datapackage", "out/datapackage.json: a Frictionless Data Package describing the CSVs"},
	{"jsonl", "out/jsonl/<kind>.jsonl, with --jsonl"},
	{"xlsx", "out/dossier.xlsx: About, a sheet per kind, Issues, Changes, Documents, Dictionary"},
	{"rejected", "out/rejected.jsonl: every record not exported, with its issues"},
	{"report", "out/report.json: counts and issues"},
	{"review", "out/review.html: the run as one page, each fact beside its highlighted quote"},
}

// Names lists the exporters.
func Names() []string {
	var n []string
	for _, e := range exporters {
		n = append(n, e.Name)
	}
	return n
}

// Writer exports a run as its facts stream in: it is the pipeline's Sink.
// Rows are rendered on the pipeline's workers (Prepare) and written in
// input order (Fact); what needs the whole run (the summary, issues, the
// workbook's other sheets) is written by Finish, which then puts the whole
// set in place of the previous one in one step (see Dir). Nothing is left
// behind if the run fails: call Abort.
type Writer struct {
	dir     *Dir
	opt     Options
	on      map[string]bool
	streams map[string]*stream // fact tables, by kind
	changes *stream
	fixed   []*stream // the workbook's tables known at the end
	extra   []issue.Issue
	book    *excelize.File
	style   styles
	buf     []byte
	// review keeps what the page and the workbook's Charts sheet show, in
	// bounded memory.
	review *review.Collector
	// issueSheet is the name of the workbook's Issues sheet, which fact
	// rows link to.
	issueSheet string
}

// stream is one table that grows a row per fact.
type stream struct {
	t          *Table
	n          int
	csv        *bufio.Writer
	json       *spool // dossier.json's facts of the kind, a line each
	jsonl      *bufio.Writer
	xlsx       bool         // rows go to the workbook
	sheets     []*sheetRows // the rows of each of its worksheets
	widths     []int32
	place      map[uint64]int32 // fact id hash -> row index, for links
	cellOpen   []string         // per column: the start of a cell up to its row number, `<c r="B`
	wrap       []bool           // per column: wrap text
	keepPlaces bool
	issuesCol  int      // the column of a fact's issue codes; -1 for none
	order      []string // a kind's top-level keys, for its JSON
	jsonSep    string   // between two elements in dossier.json
}

// NewWriter prepares the output folder root (created if missing) for the
// named exporters (all when names is empty).
func NewWriter(root string, names []string, o Options) (*Writer, error) {
	on := map[string]bool{}
	for _, n := range names {
		if !slices.ContainsFunc(exporters, func(e Exporter) bool { return e.Name == n }) {
			return nil, fmt.Errorf("unknown output format %q (known: %s)", n, strings.Join(Names(), ", "))
		}
		on[n] = true
	}
	if len(names) == 0 {
		for _, e := range exporters {
			on[e.Name] = true
		}
	}
	if !o.JSONL {
		delete(on, "jsonl")
	}
	if o.NoReview {
		delete(on, "review")
	}
	d, err := NewDir(root)
	if err != nil {
		return nil, err
	}
	return &Writer{dir: d, opt: o, on: on, streams: map[string]*stream{}}, nil
}

// Start opens a stream per kind of the schemas (an empty kind still gets
// its files, so a consumer always finds them) and one for the changes.
func (w *Writer) Start(r *model.Result) error {
	if w.on["xlsx"] {
		w.book = excelize.NewFile()
		if err := w.makeStyles(); err != nil {
			return err
		}
		w.issueSheet = issueSheetName(r)
	}
	for _, name := range r.Schemas.KindNames() {
		s, err := w.newStream(KindTable(r.Schemas.Kinds[name]), true)
		if err != nil {
			return err
		}
		s.order = topKeys(r.Schemas.Kinds[name])
		w.streams[name] = s
	}
	if w.on["review"] || w.on["xlsx"] {
		var tables []review.Table
		for _, name := range r.Schemas.KindNames() {
			t := w.streams[name].t
			rt := review.Table{Kind: name, CSV: "csv/" + t.Name + ".csv", Sheet: t.Title}
			for _, c := range t.Columns {
				rt.Columns = append(rt.Columns, c.Name)
			}
			tables = append(tables, rt)
		}
		w.review = review.NewCollector(r.Documents, tables, review.DefaultLimits())
	}
	var err error
	w.changes, err = w.newStream(ChangeTable(), false)
	return err
}

func (w *Writer) newStream(t *Table, facts bool) (*stream, error) {
	s := &stream{t: t, widths: make([]int32, len(t.Columns)), keepPlaces: facts, jsonSep: ",\n    ", issuesCol: -1}
	if facts && t.Kind != "" {
		s.issuesCol = slices.IndexFunc(t.Columns, func(c Column) bool { return c.codes })
	}
	if facts {
		s.jsonSep = ",\n      "
	}
	for i, c := range t.Columns {
		s.widths[i] = int32(len([]rune(c.Name)) + 1)
		s.cellOpen = append(s.cellOpen, `<c r="`+columnName(i+1))
	}
	if facts {
		s.place = map[uint64]int32{}
	}
	if w.on["csv"] {
		f, err := w.dir.Create("csv/" + t.Name + ".csv")
		if err != nil {
			return nil, err
		}
		s.csv = bufio.NewWriterSize(f, 1<<16)
		if w.opt.CSVBOM {
			// Excel on Windows reads a CSV as UTF-8 only when it starts with a BOM.
			s.csv.WriteString("\uFEFF")
		}
		head := make([]byte, 0, 256)
		for i, c := range t.Columns {
			if i > 0 {
				head = append(head, ',')
			}
			head = appendCSVField(head, c.Name)
		}
		s.csv.Write(append(head, csvEOL...))
	}
	var err error
	if facts && w.on["json"] {
		if s.json, err = w.dir.spool("json-" + t.Name); err != nil {
			return nil, err
		}
	}
	if !facts && w.on["json"] {
		if s.json, err = w.dir.spool("json-" + t.Name); err != nil {
			return nil, err
		}
	}
	if facts && w.on["jsonl"] {
		f, err := w.dir.Create("jsonl/" + t.Name + ".jsonl")
		if err != nil {
			return nil, err
		}
		s.jsonl = bufio.NewWriterSize(f, 1<<16)
	}
	s.xlsx = w.on["xlsx"]
	return s, nil
}

// prepared is what Prepare renders of one fact.
type prepared struct {
	digest  review.Digest // what the review collector reads of the fact
	row     *rendered
	json    []byte
	changes []*rendered
	cjson   [][]byte
	// What Prepare reuses: a row's values, and its rendering.
	values []any
	own    rendered
}

// preparedPool recycles what Prepare renders into: Fact returns it once
// written, so that rendering a fact allocates next to nothing.
var preparedPool = sync.Pool{New: func() any { return &prepared{} }}

// release returns p to the pool. Nothing of it may be used after.
func (p *prepared) release() {
	clear(p.values) // the fact's values, which the pool must not keep alive
	p.digest, p.row, p.changes, p.cjson = review.Digest{}, nil, nil, nil
	p.json = p.json[:0]
	preparedPool.Put(p)
}

// Prepare renders a fact for every format. It runs on many goroutines at
// once and touches nothing shared.
func (w *Writer) Prepare(k *schema.Kind, f *fact.Fact) any {
	s := w.streams[k.Name]
	p := preparedPool.Get().(*prepared)
	p.values = slices.Grow(p.values[:0], len(s.t.Columns))[:len(s.t.Columns)]
	s.t.FactRow(f, p.values)
	p.row = w.withIssueLink(s, renderRowInto(&p.own, s.t, p.values, &w.style, w.opt.FormulaGuard), f)
	if w.review != nil {
		p.digest = review.DigestOf(f)
	}
	if s.json != nil {
		p.json = appendFact(p.json[:0], s.order, f)
	}
	for _, c := range f.Changes {
		crow := make([]any, len(w.changes.t.Columns))
		changeRow(f, c, crow)
		p.changes = append(p.changes, renderRow(w.changes.t, crow, &w.style, w.opt.FormulaGuard, nil))
		if w.changes.json != nil {
			var b bytes.Buffer
			(&jw{w: &b}).value(changeOut{Record: f.ID, Kind: f.Kind, File: f.File, Change: c}, "    ")
			p.cjson = append(p.cjson, b.Bytes())
		}
	}
	return p
}

// Fact writes one fact, in input order.
func (w *Writer) Fact(f *fact.Fact, v any) error {
	p := v.(*prepared)
	s := w.streams[f.Kind]
	if s.keepPlaces && w.book != nil && (f.Noted || f.Origin == fact.Extracted) {
		s.place[idHash(f.ID)] = int32(s.n)
	}
	if err := w.add(s, p.row, p.json, f); err != nil {
		return err
	}
	if w.review != nil {
		w.review.Fact(f, s.t, &p.digest)
	}
	if s.jsonl != nil {
		s.jsonl.Write(p.json)
		s.jsonl.WriteByte('\n')
	}
	for i, c := range p.changes {
		var js []byte
		if i < len(p.cjson) {
			js = p.cjson[i]
		}
		if err := w.add(w.changes, c, js, nil); err != nil {
			return err
		}
	}
	p.release()
	return nil
}

// add appends one rendered row to a stream's outputs.
func (w *Writer) add(s *stream, r *rendered, js []byte, f *fact.Fact) error {
	i := s.n
	s.n++
	if s.csv != nil {
		if _, err := s.csv.Write(r.csv); err != nil {
			return err
		}
	}
	if s.json != nil && js != nil {
		// Written with its list separator, so that dossier.json copies the
		// spool whole.
		if s.json.n > 0 {
			s.json.WriteString(s.jsonSep)
		}
		s.json.Write(js)
	}
	if i < 1000 { // a sample is enough to size the columns
		for j, n := range r.lens {
			s.widths[j] = max(s.widths[j], n+1)
		}
	}
	if s.xlsx {
		per := maxSheetRows - 1
		if i%per == 0 {
			sr, err := w.dir.sheetRows("rows-" + s.t.Name)
			if err != nil {
				return err
			}
			s.sheets = append(s.sheets, sr)
		}
		sr := s.sheets[len(s.sheets)-1]
		sr.rows++
		row := i%per + 2
		if r.last > 0 {
			sr.used.add(int(r.first), row)
			sr.used.add(int(r.last), row)
		}
		w.buf = appendRow(w.buf[:0], r, row, s.cellOpen)
		sr.write(w.buf)
		for _, j := range r.long {
			is := issue.Issue{Severity: issue.Warning, Code: "export.truncated",
				Message: fmt.Sprintf("%s of %s row %d has more than %d characters; the workbook keeps the first %d (JSON and CSV keep all)", s.t.Columns[j].Name, s.t.Name, i+1, MaxCellChars, MaxCellChars-1)}
			if f != nil {
				ptr := s.t.Columns[j].pointer()
				p := f.Locate(ptr)
				is.File, is.Line, is.Column, is.Record, is.Pointer = f.File, p.Line, p.Col, f.ID, ptr
			}
			w.extra = append(w.extra, is)
		}
	}
	return nil
}

// Finish writes every output that needs the whole run and commits the
// set. On error the previous outputs stay as they were.
func (w *Writer) Finish(r *model.Result) error {
	err := w.finish(r)
	if err != nil {
		w.Abort()
		return err
	}
	return w.dir.Commit()
}

func (w *Writer) finish(r *model.Result) error {
	if len(w.extra) > 0 {
		r.AddIssues(w.extra)
		w.extra = nil
	}
	fixed := []*Table{DocumentTable(r), IssueTable(r.Issues)}
	for _, s := range w.all() {
		if s.csv != nil {
			if err := s.csv.Flush(); err != nil {
				return err
			}
		}
		if s.jsonl != nil {
			if err := s.jsonl.Flush(); err != nil {
				return err
			}
		}
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"json", func() error { return w.writeJSON(r) }},
		{"csv", func() error { return w.writeFixedCSV(fixed) }},
		{"datapackage", func() error { return w.writeDataPackage(fixed) }},
		{"xlsx", func() error { return w.writeXLSX(r, fixed) }},
		{"rejected", func() error { return writeRejected(w.dir, r) }},
		{"report", func() error { return writeReport(w.dir, r, w.opt.Version) }},
		{"review", func() error { return w.writeReview(r) }},
	}
	// dossier.json is written beside the others: its facts are copied
	// from their spool, the largest write of a run, while the workbook is
	// put together.
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, st := range steps {
		if !w.on[st.name] {
			continue
		}
		if st.name == "json" {
			wg.Go(func() { errs[i] = st.fn() })
			continue
		}
		if errs[i] = st.fn(); errs[i] != nil {
			break
		}
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("writing %s: %w", steps[i].name, err)
		}
	}
	return nil
}

// Abort removes every temporary file; the previous outputs stay.
func (w *Writer) Abort() {
	if w.book != nil {
		w.book.Close()
	}
	for _, s := range append(w.all(), w.fixed...) {
		if s == nil {
			continue
		}
		for _, sr := range s.sheets {
			sr.close()
		}
	}
	w.dir.Abort()
}

// all lists the streams: kinds in name order, then the changes.
func (w *Writer) all() []*stream {
	var out []*stream
	for _, k := range slices.Sorted(maps.Keys(w.streams)) {
		out = append(out, w.streams[k])
	}
	return append(out, w.changes)
}

func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// Write exports a result whose facts were kept in memory
// (pipeline.Options without a Sink), through the same Writer.
func Write(root string, r *model.Result, names []string, o Options) error {
	w, err := NewWriter(root, names, o)
	if err != nil {
		return err
	}
	if err := w.Start(r); err != nil {
		w.Abort()
		return err
	}
	for _, kind := range r.KindsInOrder() {
		k := r.Schemas.Kinds[kind]
		for _, f := range r.Facts[kind] {
			if err := w.Fact(f, w.Prepare(k, f)); err != nil {
				w.Abort()
				return err
			}
		}
	}
	return w.Finish(r)
}

// fixedTime stamps every archive entry, so that no wall-clock time reaches
// an output.
var fixedTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func columnName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// writeReview writes out/review.html.
func (w *Writer) writeReview(r *model.Result) error {
	out, err := w.dir.Create("review.html")
	if err != nil {
		return err
	}
	return w.review.WritePage(out, r, review.PageOptions{Version: w.opt.Version, Epoch: w.opt.Epoch})
}
