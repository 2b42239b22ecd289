package review

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"dossier/pipeline/issue"
	"dossier/pipeline/model"
)

// PageOptions say what the page says about the run that made it.
type PageOptions struct {
	Version string
	Epoch   *time.Time // the one date written, from SOURCE_DATE_EPOCH; nil writes none
}

// statuses are the reconciliation statuses, each with the mark the page
// shows beside its highlights, so that status never rests on colour alone.
var statuses = []struct{ name, mark, words string }{
	{"confirmed", "✓", "confirmed: the text says the same"},
	{"conflict", "≠", "conflict: a field differs from the text"},
	{"curated-only", "○", "curated only: in a fact file, not found by the extractors"},
	{"extracted-only", "+", "extracted only: found in the text, in no fact file"},
}

func statusMark(s string) string {
	for _, st := range statuses {
		if st.name == s {
			return st.mark
		}
	}
	return ""
}

// severityMark is the symbol beside a severity's name.
var severityMark = map[issue.Severity]string{issue.Error: "✖", issue.Warning: "⚠", issue.Info: "ℹ"}

// page is one rendering: the collector's state, the run, and what the
// page computes once for several sections.
type page struct {
	c    *Collector
	r    *model.Result
	opt  PageOptions
	p    *pw
	gl   map[string]*section
	docs []docView
	// issues listed, and where each is shown in a document
	issues []issue.Issue
	shown  []issueSpot
}

type docView struct {
	*docState
	lines []line
	notes map[int][]int // line index -> issues shown under it
	top   []int         // issues of the document with no line
}

// issueSpot is where the page shows an issue: a document's line (doc -1
// when none) and the facts it concerns.
type issueSpot struct {
	doc, line int
	entry     int // the fact's entry, -1 if none
}

// WritePage writes the review page of a run whose facts went through c.
func (c *Collector) WritePage(w io.Writer, r *model.Result, opt PageOptions) error {
	pg := &page{c: c, r: r, opt: opt, p: newPW(w), gl: glossary()}
	pg.prepare()
	pg.write()
	return pg.p.flush()
}

// prepare cuts the documents shown into lines and places the issues.
func (pg *page) prepare() {
	byPath := map[string]int{}
	for i, d := range pg.c.docs {
		v := docView{docState: d, notes: map[int][]int{}}
		if d.shown {
			v.lines = textLines(d.d, i+1)
			byPath[d.d.Path] = i
			if d.d.MetaFile != "" {
				byPath[d.d.MetaFile] = i
			}
		}
		pg.docs = append(pg.docs, v)
	}
	n := min(len(pg.r.Issues), pg.c.lim.Issues)
	pg.issues = pg.r.Issues[:n]
	pg.shown = make([]issueSpot, n)
	for i, is := range pg.issues {
		spot := issueSpot{doc: -1, entry: -1}
		pl, known := pg.c.places[is.Record]
		if known {
			spot.entry = pl.entry
		}
		if d, ok := byPath[is.File]; ok {
			spot.doc, spot.line = d, is.Line
			if is.File == pg.c.docs[d].d.MetaFile {
				spot.line = 0
			}
		} else if known && pl.doc >= 0 {
			spot.doc, spot.line = pl.doc, pl.line
		}
		pg.shown[i] = spot
		if spot.doc < 0 {
			continue
		}
		v := &pg.docs[spot.doc]
		if spot.line <= 0 || len(v.lines) == 0 {
			v.top = append(v.top, i)
			continue
		}
		at := lineAt(v.lines, spot.line)
		v.notes[at] = append(v.notes[at], i)
	}
}

func (pg *page) write() {
	p := pg.p
	s := pg.r.Summary
	p.s("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	p.s(`<meta name="viewport" content="width=device-width, initial-scale=1">`, "\n")
	// Nothing may be fetched: no network, whatever the text holds.
	p.s(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`, "\n")
	p.s(`<link rel="icon" href="data:,">`, "\n")
	p.s("<title>", esc(pg.title()), "</title>\n<style>\n", pageCSS, "</style>\n</head>\n<body>\n")
	p.s(`<a class="skip" href="#main">Skip to the content</a>`, "\n<header>\n<h1>dossier review</h1>\n")
	p.f("<p>%s, %s: %s exported, %s rejected; %s.</p>\n", plural(s.Documents, "document", "documents"),
		readWords(s), num(s.Exported), num(s.Rejected), issueWords(s.Issues))
	p.s(`<nav aria-label="Sections"><ul>`)
	for _, sec := range [][2]string{{"run", "Run"}, {"documents", "Documents"}, {"facts", "Facts"}, {"issues", "Issues"}, {"pictures", "Pictures"}, {"codes", "Issue codes"}} {
		p.s(`<li><a href="#`, sec[0], `">`, sec[1], "</a></li>")
	}
	p.s("</ul></nav>\n</header>\n<main id=\"main\">\n")
	pg.runSection()
	pg.documentSection()
	pg.factSection()
	pg.issueSection()
	pg.pictureSection()
	pg.codeSection()
	p.s("</main>\n<footer><p>Written by dossier ", esc(pg.opt.Version))
	if pg.opt.Epoch != nil {
		p.s(" on ", pg.opt.Epoch.UTC().Format("2006-01-02 15:04 UTC"))
	}
	p.s(". Every figure on this page comes from the run's outputs beside it: dossier.json, csv/, dossier.xlsx.</p></footer>\n")
	p.s(`<aside id="panel" aria-labelledby="panel-h" tabindex="-1" hidden>`, "\n",
		`<div class="bar"><h2 id="panel-h">Fact</h2><button type="button" id="panel-close">Close</button></div>`, "\n",
		`<div id="panel-body"></div>`, "\n</aside>\n")
	pg.factData()
	p.s("<script>\n", pageJS, "</script>\n</body>\n</html>\n")
}

func (pg *page) title() string {
	if len(pg.r.Documents) == 1 {
		return "dossier review: " + pg.r.Documents[0].Title
	}
	return fmt.Sprintf("dossier review: %s, %s", plural(len(pg.r.Documents), "document", "documents"), plural(pg.r.Summary.Exported, "fact", "facts"))
}

// readWords says what the run read: the facts of the fact files and,
// with extraction, those found in the documents' text.
func readWords(s issue.Summary) string {
	w := plural(s.Read, "fact", "facts") + " read"
	if s.Extracted > 0 || s.FromText > 0 {
		w = fmt.Sprintf("%s from fact files, %s found in the text (%s taken as facts of their own)", w, num(s.Extracted), num(s.FromText))
	}
	return w
}

func issueWords(c issue.Counts) string {
	return fmt.Sprintf("%s, %s, %s", plural(c.Error, "error", "errors"), plural(c.Warning, "warning", "warnings"), plural(c.Info, "note", "notes"))
}

// runSection: what was read, what became of it, and the issues by
// severity and code.
func (pg *page) runSection() {
	p, s := pg.p, pg.r.Summary
	p.s(`<section id="run" aria-labelledby="run-h">`, "\n", `<h2 id="run-h">Run</h2>`, "\n")
	p.f("<p>%s read; %s: %s exported, %s rejected", plural(s.Documents, "document", "documents"), readWords(s), num(s.Exported), num(s.Rejected))
	if s.Extracted > 0 || s.FromText > 0 {
		p.s(" (read + taken from the text = exported + rejected).")
	} else {
		p.s(" (read = exported + rejected).")
	}
	p.s("</p>\n")
	if len(s.ByStatus) > 0 {
		p.s("<table>\n<caption>Exported facts beside their documents' text</caption>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\" class=\"n\">Facts</th></tr></thead>\n<tbody>\n")
		for _, st := range statuses {
			p.s(`<tr><th scope="row"><span class="chip-mark">`, st.mark, "</span> ", esc(st.words), `</th><td class="n">`, num(s.ByStatus[st.name]), "</td></tr>\n")
		}
		p.s("</tbody>\n</table>\n")
	}

	p.s("<table>\n<caption>Documents read</caption>\n<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Title</th><th scope=\"col\">Countries</th><th scope=\"col\" class=\"n\">Bytes</th><th scope=\"col\" class=\"n\">Facts citing it</th></tr></thead>\n<tbody>\n")
	docs, counts, _ := pg.c.KindCounts()
	citing := map[string]int{}
	for i, id := range docs {
		for _, n := range counts[i] {
			citing[id] += n
		}
	}
	for i, d := range pg.c.docs {
		p.f(`<tr><th scope="row"><a href="#doc-%d">`, i+1)
		p.e(d.d.ID)
		p.s("</a></th><td>", esc(d.d.Title), "</td><td>", esc(docCountries(d)), `</td><td class="n">`, num(d.d.Bytes), `</td><td class="n">`, num(citing[d.d.ID]), "</td></tr>\n")
	}
	p.s("</tbody>\n</table>\n")

	files := s.Files
	p.s("<table>\n<caption>What became of each file's facts</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Facts</th><th scope=\"col\" class=\"n\">Read</th><th scope=\"col\" class=\"n\">Exported</th><th scope=\"col\" class=\"n\">Rejected</th></tr></thead>\n<tbody>\n")
	for i, f := range files {
		if i >= pg.c.lim.Files {
			break
		}
		from := "read from the file"
		if f.Extracted {
			from = "taken from the text"
		}
		p.s(`<tr><th scope="row">`, esc(f.File), "</th><td>", from, `</td><td class="n">`, num(f.Read), `</td><td class="n">`, num(f.Exported), `</td><td class="n">`, num(f.Rejected), "</td></tr>\n")
	}
	p.s("</tbody>\n</table>\n")
	if len(files) > pg.c.lim.Files {
		p.f("<p class=\"more\">The first %s of %s files; report.json lists them all.</p>\n", num(pg.c.lim.Files), num(len(files)))
	}

	p.s("<table>\n<caption>Issues by severity</caption>\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\" class=\"n\">Issues</th></tr></thead>\n<tbody>\n")
	for _, sv := range []issue.Severity{issue.Error, issue.Warning, issue.Info} {
		n := map[issue.Severity]int{issue.Error: s.Issues.Error, issue.Warning: s.Issues.Warning, issue.Info: s.Issues.Info}[sv]
		p.s(`<tr><th scope="row">`, sevLabel(sv), `</th><td class="n">`, num(n), "</td></tr>\n")
	}
	p.s("</tbody>\n</table>\n")

	type codeCount struct {
		code string
		sev  issue.Severity
		n    int
	}
	tally := map[codeCount]int{}
	for _, is := range pg.r.Issues {
		tally[codeCount{code: is.Code, sev: is.Severity}]++
	}
	var byCode []codeCount
	for c, n := range tally {
		c.n = n
		byCode = append(byCode, c)
	}
	slices.SortFunc(byCode, func(a, b codeCount) int {
		if a.sev != b.sev {
			return int(b.sev - a.sev)
		}
		return strings.Compare(a.code, b.code)
	})
	if len(byCode) > 0 {
		p.s("<table>\n<caption>Issues by code (each code links to its explanation below)</caption>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Severity</th><th scope=\"col\" class=\"n\">Issues</th><th scope=\"col\">What it means</th></tr></thead>\n<tbody>\n")
		for _, c := range byCode {
			summary := ""
			if e, ok := issue.LookupCode(c.code); ok {
				summary = e.Summary
			}
			p.s(`<tr><th scope="row"><a href="#`, codeAnchor(codeEntry(c.code)), `"><code>`, esc(c.code), "</code></a></th><td>", sevLabel(c.sev), `</td><td class="n">`, num(c.n), "</td><td>", esc(summary), "</td></tr>\n")
		}
		p.s("</tbody>\n</table>\n")
	}
	p.s("</section>\n")
}

func sevLabel(s issue.Severity) string {
	return `<span class="sev sev-` + s.String() + `">` + severityMark[s] + " " + s.String() + "</span>"
}

// docCountries is the pair the document's sidecar names, as written.
func docCountries(d *docState) string {
	switch v := d.d.Meta["countries"].(type) {
	case []any:
		var parts []string
		for _, c := range v {
			parts = append(parts, fmt.Sprint(c))
		}
		return strings.Join(parts, ", ")
	case string:
		return v
	}
	return ""
}

// kindClass is the style class of a kind: its colour.
func kindClass(i int) string { return "k" + strconv.Itoa(i%len(kindColours)) }

// documentSection: each article's clean text, quotes highlighted, issues
// at their lines.
func (pg *page) documentSection() {
	p := pg.p
	p.s(`<section id="documents" aria-labelledby="documents-h">`, "\n", `<h2 id="documents-h">Documents</h2>`, "\n")
	p.s(`<p>Each document's cleaned text, with every fact's quote highlighted in the colour of its kind. The marks beside each line name the facts that start there (their kind and status); select one, or a highlight, to see the fact's fields. Issues appear under the line they are about. Line numbers are those of the document's file.</p>`, "\n")
	pg.legend()
	if len(pg.docs) == 0 {
		p.s("<p>No document was read.</p>\n")
	}
	for i := range pg.docs {
		pg.document(i)
	}
	p.s("</section>\n")
}

func (pg *page) legend() {
	p := pg.p
	tables, counts := pg.c.Kinds()
	p.s(`<div class="legend"><h3 class="legend-h">Kinds</h3><ul>`)
	for i, t := range tables {
		if counts[i] == 0 {
			continue
		}
		p.s(`<li><mark class="hl `, kindClass(i), `">`, esc(t.Kind), "</mark></li>")
	}
	p.s(`</ul><h3 class="legend-h">Status</h3><ul>`)
	for _, st := range statuses {
		p.s(`<li><span class="chip-mark">`, st.mark, `</span> <mark class="hl plain s-`, st.name, `">`, esc(st.words), "</mark></li>")
	}
	p.s("</ul></div>\n")
}

func (pg *page) document(i int) {
	p, v := pg.p, &pg.docs[i]
	d := v.d
	p.f(`<article class="doc" id="doc-%d" aria-labelledby="doc-%d-h">`, i+1, i+1)
	p.f("\n<h3 id=\"doc-%d-h\">%s</h3>\n<p class=\"meta\">", i+1, esc(d.Title))
	if c := docCountries(v.docState); c != "" {
		p.s("<strong>Countries:</strong> ", esc(c), " · ")
	}
	p.s("<strong>Id:</strong> <code>", esc(d.ID), "</code> · <strong>File:</strong> <code>", esc(d.Path), "</code>")
	if d.URL != "" {
		p.s(` · <strong>Source:</strong> <a href="`, esc(d.URL), `" rel="noreferrer">`, esc(d.URL), "</a>")
	}
	if d.Retrieved != "" {
		p.s(" · <strong>Retrieved:</strong> ", esc(d.Retrieved))
	}
	p.s("</p>\n")
	for _, ii := range v.top {
		pg.note(ii)
	}
	if !v.shown {
		p.f("<p class=\"more\">Its text is not shown: the page holds at most %s bytes of article text, and the documents before it fill them. The text is in <code>%s</code>.</p>\n</article>\n", num(pg.c.lim.TextBytes), esc(d.Path))
		return
	}
	hs := spans(v.hls, len(d.Text))
	first := map[int]bool{}
	next := 0
	var active []*span
	p.s(`<div class="text">`, "\n")
	for li, l := range v.lines {
		// The highlights that touch this line, in nesting order.
		active = slices.DeleteFunc(active, func(h *span) bool { return h.end <= l.start })
		for next < len(hs) && hs[next].start < l.end {
			if hs[next].end > l.start {
				active = append(active, hs[next])
			}
			next++
		}
		nestingOrder(active)
		cls := "ln"
		if l.heading {
			cls += " head"
		}
		if l.gap {
			cls += " gap"
		}
		p.s(`<div class="`, cls, `"`)
		if l.anchor != "" {
			p.s(` id="`, l.anchor, `"`)
		}
		p.f(`><span class="no" aria-hidden="true">%d</span><span class="tx">`, l.raw)
		opened := writeLineText(p, d.Text, l, active, first, pg.openMark)
		p.s("</span>")
		if len(opened) > 0 {
			p.s(`<span class="chips">`)
			n := 0
			for _, h := range opened {
				for _, e := range h.entries {
					if n++; n <= maxChips {
						pg.chip(e)
					}
				}
			}
			if n > maxChips {
				p.f(`<span class="more">and %s more</span>`, num(n-maxChips))
			}
			p.s("</span>")
		}
		p.s("</div>\n")
		for _, ii := range v.notes[li] {
			pg.note(ii)
		}
	}
	p.s("</div>\n")
	unshown := 0
	for _, h := range hs {
		if !first[h.id()] {
			unshown += len(h.entries)
		}
	}
	if v.more > 0 {
		verb := "quote this document and are"
		if v.more == 1 {
			verb = "quotes this document and is"
		}
		p.f("<p class=\"more\">%s %s not highlighted: the page highlights at most %s quotes. Their places are in dossier.json and the CSVs (evidence.line).</p>\n",
			plural(v.more, "more fact", "more facts"), verb, num(pg.c.lim.Highlights))
	}
	if unshown > 0 {
		p.f("<p class=\"more\">%s not highlighted: more than %d quotes overlap where they are.</p>\n", plural(unshown, "fact's quote is", "facts' quotes are"), maxDepth)
	}
	p.s("</article>\n")
}

// maxChips bounds the facts named beside one line.
const maxChips = 12

// openMark writes the opening tag of a piece of a highlight: its first
// fact's kind colour and status underline, the facts it stands for, and,
// on its first piece, an anchor per fact.
func (pg *page) openMark(p *pw, h *span, first bool) {
	e := &pg.c.entries[h.id()]
	p.s(`<mark class="hl `, kindClass(e.kind))
	if e.status != "" {
		p.s(" s-", e.status)
	}
	p.s(`" data-e="`)
	for i, n := range h.entries {
		if i > 0 {
			p.s(" ")
		}
		p.s(strconv.Itoa(n))
	}
	p.s(`"`)
	if first {
		p.s(` id="e`, strconv.Itoa(h.id()), `" tabindex="-1">`)
		for _, n := range h.entries[1:] {
			p.s(`<span class="anchor" id="e`, strconv.Itoa(n), `"></span>`)
		}
		return
	}
	p.s(">")
}

// chip writes the mark beside a line that names a fact quoted there: its
// kind and status in words and symbol, linking to its row (the page's
// script shows its fields instead).
func (pg *page) chip(entry int) {
	p := pg.p
	e := &pg.c.entries[entry]
	kind := pg.c.kinds[e.kind].t.Kind
	href := "#e" + strconv.Itoa(entry)
	if e.row >= 0 {
		href = "#r" + strconv.Itoa(entry)
	}
	label := kind + " fact " + e.id
	if e.status != "" {
		label += ", " + strings.ReplaceAll(e.status, "-", " ")
	}
	p.s(`<a class="chip `, kindClass(e.kind), `" href="`, href, `" data-e="`, strconv.Itoa(entry), `" aria-label="`, esc(label), `">`, esc(kind))
	if m := statusMark(e.status); m != "" {
		p.s(` <span class="chip-mark" aria-hidden="true">`, m, "</span>")
	}
	p.s("</a>")
}

// note writes issue i under the line it is about.
func (pg *page) note(i int) {
	p := pg.p
	is := pg.issues[i]
	p.f(`<p class="note sev-%s" id="n%d">%s <a href="#%s"><code>%s</code></a>: %s <a class="back" href="#i%d">(issue %d of the list)</a></p>`+"\n",
		is.Severity, i+1, sevLabel(is.Severity), codeAnchor(codeEntry(is.Code)), esc(is.Code), esc(is.Message), i+1, i+1)
}

// factSection: a table per kind, the first rows of each.
func (pg *page) factSection() {
	p := pg.p
	p.s(`<section id="facts" aria-labelledby="facts-h">`, "\n", `<h2 id="facts-h">Facts</h2>`, "\n")
	p.s("<p>A table per kind, as its CSV holds it. Select a column's name to sort by it; type in the filter to keep the rows that contain the text. The first column leads to the fact's quote in its document.</p>\n")
	var empty []string
	for _, k := range pg.c.kinds {
		if k.n == 0 {
			empty = append(empty, k.t.Kind)
			continue
		}
		pg.factTable(k)
	}
	if len(empty) > 0 {
		p.s("<p>No facts of the kinds ", esc(strings.Join(empty, ", ")), ".</p>\n")
	}
	p.s("</section>\n")
}

func (pg *page) factTable(k *kindState) {
	p := pg.p
	id := "t-" + strconv.Itoa(k.i)
	p.f("<h3 id=\"%s-h\">%s <span class=\"count\">(%s)</span></h3>\n", id, esc(k.t.Kind), plural(k.n, "fact", "facts"))
	pg.filter(id, k.t.Kind+" facts")
	p.s(`<div class="scroll"><table class="data" id="`, id, `" aria-labelledby="`, id, `-h">`, "\n<thead><tr>")
	p.s(`<th scope="col">Quote</th>`)
	for ci, c := range k.t.Columns {
		p.f(`<th scope="col" aria-sort="none"><button type="button" class="sort" data-col="%d">%s</button></th>`, ci+1, esc(c))
	}
	p.s("</tr></thead>\n<tbody>\n")
	for _, e := range k.rows {
		en := &pg.c.entries[e]
		p.f(`<tr id="r%d">`, e)
		if en.doc >= 0 {
			p.f(`<td><a href="#e%d" aria-label="the quote of %s, line %d of its document">line %d</a></td>`, e, esc(en.id), en.line, en.line)
		} else {
			p.s(`<td><span class="none">none shown</span></td>`)
		}
		for _, cell := range en.cells {
			p.s("<td>", esc(clip(cell, 160)), "</td>")
		}
		p.s("</tr>\n")
	}
	p.s("</tbody>\n</table></div>\n")
	if k.n > len(k.rows) {
		p.f("<p class=\"more\">The first %s of %s rows; all are in <code>%s</code>", num(len(k.rows)), num(k.n), esc(k.t.CSV))
		if k.t.Sheet != "" {
			p.f(" and on the %s sheet of dossier.xlsx", esc(k.t.Sheet))
		}
		p.s(".</p>\n")
	}
}

// filter writes a table's filter box and the count of rows it shows.
func (pg *page) filter(table, what string) {
	pg.p.s(`<p class="filter"><label>Filter `, esc(what), ` <input type="search" data-table="`, table, `" aria-controls="`, table, `"></label> <span class="shown" aria-live="polite" data-for="`, table, `"></span></p>`, "\n")
}

// issueSection: the issues, each linking to its line or its fact.
func (pg *page) issueSection() {
	p := pg.p
	p.s(`<section id="issues" aria-labelledby="issues-h">`, "\n", `<h2 id="issues-h">Issues</h2>`, "\n")
	if len(pg.r.Issues) == 0 {
		p.s("<p>No issues.</p>\n</section>\n")
		return
	}
	p.s("<p>Every problem found, most severe first within each file. Where an issue is about a line of a document, or about a fact whose quote is shown, its place leads there.</p>\n")
	pg.filter("t-issues", "issues")
	p.s(`<div class="scroll"><table class="data" id="t-issues" aria-labelledby="issues-h">`, "\n<thead><tr>")
	for ci, c := range []string{"Severity", "Code", "Message", "Where", "Record"} {
		p.f(`<th scope="col" aria-sort="none"><button type="button" class="sort" data-col="%d">%s</button></th>`, ci, c)
	}
	p.s("</tr></thead>\n<tbody>\n")
	for i, is := range pg.issues {
		spot := pg.shown[i]
		p.f(`<tr id="i%d"><td>%s</td><td><a href="#%s"><code>%s</code></a></td><td>%s</td><td>`, i+1, sevLabel(is.Severity),
			codeAnchor(codeEntry(is.Code)), esc(is.Code), esc(is.Message))
		where := esc(is.Where())
		if is.Pointer != "" {
			where += " <code>" + esc(is.Pointer) + "</code>"
		}
		if spot.doc >= 0 {
			v := &pg.docs[spot.doc]
			target := fmt.Sprintf("doc-%d", spot.doc+1)
			if spot.line > 0 && len(v.lines) > 0 {
				target = anchorOf(v.lines, lineAt(v.lines, spot.line))
			}
			p.f(`<a class="to-line" href="#%s">%s</a>`, target, where)
		} else {
			p.s(where)
		}
		p.s("</td><td>")
		if is.Record != "" {
			if spot.entry >= 0 && pg.c.entries[spot.entry].row >= 0 {
				p.f(`<a href="#r%d">%s</a>`, spot.entry, esc(is.Record))
			} else {
				p.e(is.Record)
			}
		}
		p.s("</td></tr>\n")
	}
	p.s("</tbody>\n</table></div>\n")
	if len(pg.r.Issues) > len(pg.issues) {
		p.f("<p class=\"more\">The first %s of %s issues; all are in <code>csv/issues.csv</code>, report.json and the Issues sheet of dossier.xlsx.</p>\n",
			num(len(pg.issues)), num(len(pg.r.Issues)))
	}
	p.s("</section>\n")
}

// codeSection: the explanation of every code the run raised, from
// docs/checks.md.
func (pg *page) codeSection() {
	p := pg.p
	p.s(`<section id="codes" aria-labelledby="codes-h">`, "\n", `<h2 id="codes-h">Issue codes</h2>`, "\n")
	var entries []string
	for _, is := range pg.r.Issues {
		if e := codeEntry(is.Code); !slices.Contains(entries, e) {
			entries = append(entries, e)
		}
	}
	slices.Sort(entries)
	if len(entries) == 0 {
		p.s("<p>The run raised no issue.</p>\n</section>\n")
		return
	}
	p.s("<p>What each code of this run means, from dossier's docs/checks.md, which explains every code with examples.</p>\n")
	for _, e := range entries {
		p.s(`<div class="code" id="`, codeAnchor(e), `">`, "\n")
		if sec := pg.gl[e]; sec != nil {
			p.s("<h3>", inlineMarkdown(sec.heading), "</h3>\n")
			writeMarkdown(p, sec.body)
		} else {
			p.s("<h3><code>", esc(e), "</code></h3>\n<p>Not documented.</p>\n")
		}
		p.s("</div>\n")
	}
	p.s("</section>\n")
}

// factData writes the fields of every highlighted fact, for the panel the
// script shows: {"kinds": [...], "cols": [[...]], "e": {entry: [kind, id,
// status, origin, row, cells]}}.
func (pg *page) factData() {
	type data struct {
		Kinds []string         `json:"kinds"`
		Cols  [][]string       `json:"cols"`
		E     map[string][]any `json:"e"`
	}
	d := data{E: map[string][]any{}}
	for _, k := range pg.c.kinds {
		d.Kinds = append(d.Kinds, k.t.Kind)
		d.Cols = append(d.Cols, k.t.Columns)
	}
	for i, e := range pg.c.entries {
		if e.doc < 0 {
			continue
		}
		cells := make([]string, len(e.cells))
		for j, c := range e.cells {
			cells[j] = clip(c, 400)
		}
		row := -1
		if e.row >= 0 {
			row = i
		}
		d.E[strconv.Itoa(i)] = []any{e.kind, e.id, e.status, e.origin, row, cells}
	}
	// encoding/json escapes <, > and &, so no text can end the script.
	b, _ := json.Marshal(d)
	pg.p.s(`<script type="application/json" id="fact-data">`, string(b), "</script>\n")
}
