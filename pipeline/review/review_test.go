package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/model"
	"dossier/pipeline/prepare"
	"dossier/pipeline/schema"
)

// article is a document prepared as a run prepares it.
func article(t testing.TB, id, text string) *document.Document {
	t.Helper()
	path := filepath.Join(t.TempDir(), id+".txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	d, _, err := prepare.File(path, load.Limits{}.WithDefaults())
	if err != nil || d == nil {
		t.Fatalf("prepare %s: %v", path, err)
	}
	return d
}

// cells is a Rower that gives a fact's id and quote.
type cells struct{}

func (cells) Cells(f *fact.Fact) []string {
	ev, _ := f.Fields["evidence"].(map[string]any)
	q, _ := ev["quote"].(string)
	return []string{f.ID, q}
}

var tables = []Table{
	{Kind: "event", CSV: "csv/event.csv", Columns: []string{"id", "evidence.quote"}},
	{Kind: "poll", CSV: "csv/poll.csv", Columns: []string{"id", "evidence.quote"}},
}

// quoting makes a fact of doc d quoting text, found at its first place.
func quoting(t testing.TB, d *document.Document, kind, id, text string, fields map[string]any) *fact.Fact {
	t.Helper()
	i := strings.Index(d.Text, text)
	if i < 0 {
		t.Fatalf("%q is not in the text", text)
	}
	f := &fact.Fact{Kind: kind, ID: id, Origin: fact.Curated, Status: "confirmed", Fields: map[string]any{
		"countries": []any{"MLI", "USA"}, "evidence": map[string]any{"document": d.ID, "quote": text}}}
	for k, v := range fields {
		f.Fields[k] = v
	}
	f.Span = &fact.Span{Start: i, End: i + len(text), Line: d.Pos(i).Line}
	return f
}

func result(docs []*document.Document, issues []issue.Issue) *model.Result {
	r := model.New(&schema.Set{})
	r.Documents = docs
	r.Issues = issues
	r.Summary.Issues = issue.Tally(issues)
	return r
}

func render(t testing.TB, c *Collector, r *model.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.WritePage(&b, r, PageOptions{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const text = "Mali relations\n\nIn March 2012 a coup ousted the government. The United States suspended relations.\n\n" +
	"In 2007, 79% of Malians viewed the United States favorably.\n"

// Quotes that overlap without nesting, and quotes of the same text, are
// each one highlight: the marks nest as HTML must, each fact's first piece
// is its anchor, and facts quoting the same text share one mark.
func TestHighlightsOverlap(t *testing.T) {
	d := article(t, "doc", text)
	c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
	facts := []*fact.Fact{
		quoting(t, d, "event", "coup", "March 2012 a coup ousted the government. The United", nil),
		quoting(t, d, "event", "suspension", "The United States suspended relations.", nil),
		quoting(t, d, "event", "suspension-again", "The United States suspended relations.", nil),
		quoting(t, d, "event", "inner", "a coup", nil),
	}
	for _, f := range facts {
		c.Fact(f, cells{}, nil)
	}
	html := render(t, c, result([]*document.Document{d}, nil))
	body := html[strings.Index(html, `<div class="text">`):strings.Index(html, "</article>")]
	depth := 0
	for _, m := range regexp.MustCompile(`</?mark\b`).FindAllString(body, -1) {
		if m == "<mark" {
			depth++
		} else if depth--; depth < 0 {
			t.Fatalf("a </mark> closes nothing:\n%s", body)
		}
	}
	if depth != 0 {
		t.Errorf("%d marks left open:\n%s", depth, body)
	}
	firsts := regexp.MustCompile(`<mark [^>]*data-e="([0-9 ]+)" id="e`).FindAllStringSubmatch(body, -1)
	var entries []string
	for _, m := range firsts {
		entries = append(entries, strings.Fields(m[1])...)
	}
	if got := strings.Join(entries, ","); got != "0,3,1 2" && got != "0,3,1,2" {
		t.Errorf("first pieces stand for entries %q, want each of the 4 facts once (0, 3, then 1 and 2 together)", got)
	}
	for _, id := range []string{"e0", "e1", "e2", "e3"} {
		if !strings.Contains(body, `id="`+id+`"`) {
			t.Errorf("no anchor %s", id)
		}
	}
	// The coup's quote is cut where the suspension's starts: two pieces.
	if n := strings.Count(body, `data-e="0"`); n != 2 {
		t.Errorf("the coup's quote is in %d pieces, want 2", n)
	}
}

// An issue of a document's line is shown under that line; an issue of a
// fact, under the line of its quote; the issue list links to both lines.
func TestIssuesAtTheirLines(t *testing.T) {
	d := article(t, "doc", text)
	c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
	poll := quoting(t, d, "poll", "poll-2007", "In 2007, 79% of Malians viewed the United States favorably.", nil)
	poll.Noted = true
	c.Fact(poll, cells{}, nil)
	issues := []issue.Issue{
		{Severity: issue.Warning, Code: "list.empty", Message: "announces a list", File: d.Path, Line: 3, Column: 1, Record: d.ID},
		{Severity: issue.Info, Code: "percent.sum", Message: "shares add up to 101%", File: "facts.yaml", Line: 23, Column: 10, Record: "poll-2007"},
	}
	html := render(t, c, result([]*document.Document{d}, issues))
	for _, want := range []struct {
		line   int
		code   string
		anchor string
	}{{3, "list.empty", "d1-L3"}, {5, "percent.sum", "d1-L5"}} {
		re := regexp.MustCompile(`<div class="ln[^"]*" id="` + want.anchor + `">.*</div>\n<p class="note[^>]*>.*` + regexp.QuoteMeta(want.code))
		if !re.MatchString(html) {
			t.Errorf("%s is not shown under line %d", want.code, want.line)
		}
		if !strings.Contains(html, `<a class="to-line" href="#`+want.anchor+`">`) {
			t.Errorf("the list does not link %s to #%s", want.code, want.anchor)
		}
	}
	// Every code has its explanation on the page.
	for _, code := range []string{"list.empty", "percent.sum"} {
		if !strings.Contains(html, `<div class="code" id="code-`+code+`">`) {
			t.Errorf("no explanation of %s", code)
		}
	}
}

// Text from the sources is escaped everywhere, including in the fact data
// the script reads: nothing they hold can end an element or a script.
func TestTextIsEscaped(t *testing.T) {
	hostile := `</script><script>alert(1)</script><img src=x onerror=alert(2)>`
	d := article(t, "doc", "Title\n\nThe text says "+hostile+" here.\n")
	c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
	f := quoting(t, d, "event", hostile, "says", map[string]any{"summary": hostile, "type": hostile, "date": "2012"})
	c.Fact(f, cells{}, nil)
	html := render(t, c, result([]*document.Document{d}, []issue.Issue{{Severity: issue.Error, Code: hostile, Message: hostile, Record: hostile}}))
	if n := strings.Count(html, "<script"); n != 2 {
		t.Errorf("%d <script elements, want the page's own 2", n)
	}
	if strings.Contains(html, "<img") {
		t.Error("an <img> from the sources is on the page")
	}
}

// At many facts the page keeps to its limits: its size stops growing, it
// says what it leaves out and where the rest is, and it stays well under
// 5 MB.
func TestPageIsBounded(t *testing.T) {
	d := article(t, "doc", text)
	size := func(n int) (int, string) {
		c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
		for i := range n {
			f := quoting(t, d, "poll", fmt.Sprintf("poll-%07d", i), "In 2007, 79% of Malians viewed the United States favorably.",
				map[string]any{"year": json.Number(fmt.Sprint(1990 + i%30)), "measure": []string{"favorable", "approve"}[i%2], "value": json.Number(fmt.Sprint(i % 100))})
			f.Fields["countries"] = []any{"MLI", fmt.Sprintf("C%02d", i%40)}
			c.Fact(f, cells{}, nil)
			e := quoting(t, d, "event", fmt.Sprintf("event-%07d", i), "a coup", map[string]any{"date": fmt.Sprintf("%d-03", 1990+i%30), "type": "coup", "summary": "A coup."})
			e.Fields["countries"] = []any{"MLI", fmt.Sprintf("C%02d", i%40)}
			c.Fact(e, cells{}, nil)
		}
		html := render(t, c, result([]*document.Document{d}, nil))
		return len(html), html
	}
	small, _ := size(5_000)
	large, html := size(50_000)
	if large > small+small/50 {
		t.Errorf("the page grows with the facts: %d bytes at 10,000 facts, %d at 100,000", small, large)
	}
	if large > 5<<20 {
		t.Errorf("the page is %d bytes", large)
	}
	for _, want := range []string{
		"The first 100 of 50,000 rows; all are in <code>csv/poll.csv</code>",
		"98,500 more facts quote this document and are not highlighted: the page highlights at most 1,500 quotes",
		"The 20 pairs with the most polls of 40; csv/poll.csv has them all.",
		"The 20 pairs with the most events of 40; csv/event.csv has them all.",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	if n := strings.Count(html, `<figure class="poll"`); n != 20 {
		t.Errorf("%d poll charts, want 20", n)
	}
}

// The same run gives the same page, byte for byte; a date appears only
// when one is given.
func TestPageIsDeterministic(t *testing.T) {
	d := article(t, "doc", text)
	build := func(epoch *time.Time) string {
		c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
		for i := range 300 {
			f := quoting(t, d, "poll", fmt.Sprintf("p%d", i), "79% of Malians", map[string]any{"year": json.Number(fmt.Sprint(2000 + i%7)), "measure": []string{"favorable", "approve", "trust"}[i%3], "value": json.Number(fmt.Sprint(i % 90))})
			f.Fields["countries"] = []any{"MLI", fmt.Sprintf("C%d", i%9)}
			c.Fact(f, cells{}, nil)
		}
		var b bytes.Buffer
		if err := c.WritePage(&b, result([]*document.Document{d}, nil), PageOptions{Version: "test", Epoch: epoch}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	a, b := build(nil), build(nil)
	if a != b {
		t.Error("two pages of the same run differ")
	}
	if regexp.MustCompile(`20\d\d-\d\d-\d\d \d\d:\d\d`).MatchString(a) {
		t.Error("a date-time is on the page without an epoch")
	}
	epoch := time.Unix(1700000000, 0)
	if !strings.Contains(build(&epoch), "2023-11-14 22:13 UTC") {
		t.Error("the epoch's date is not on the page")
	}
}

// Every issue code of the table has its section in docs/checks.md, which
// the page shows as its glossary.
func TestGlossaryHasEveryCode(t *testing.T) {
	g := glossary()
	for _, c := range issue.Codes {
		sec := g[c.Code]
		if sec == nil {
			t.Errorf("no section of docs/checks.md for %s", c.Code)
			continue
		}
		if strings.TrimSpace(strings.Join(sec.body, "")) == "" {
			t.Errorf("the section of %s is empty", c.Code)
		}
	}
	if codeEntry("schema.type") != "schema.*" || codeAnchor("schema.*") != "code-schema.all" {
		t.Errorf("schema.type's entry is %q at #%s", codeEntry("schema.type"), codeAnchor(codeEntry("schema.type")))
	}
}

// The poll aggregates are the mean share per pair, measure and year.
func TestPollMeans(t *testing.T) {
	d := article(t, "doc", text)
	c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
	for i, v := range []string{"70", "80", "55.5"} {
		f := quoting(t, d, "poll", fmt.Sprint("p", i), "79% of Malians", map[string]any{"year": json.Number("2007"), "measure": "favorable", "value": json.Number(v)})
		if i == 2 {
			f.Fields["year"] = json.Number("2012")
		}
		c.Fact(f, cells{}, nil)
	}
	pairs, total := c.Polls(10)
	if total != 1 || len(pairs) != 1 {
		t.Fatalf("%d pairs of %d, want 1", len(pairs), total)
	}
	p := pairs[0]
	if p.Pair != "MLI;USA" || p.Facts != 3 || fmt.Sprint(p.Years) != "[2007 2012]" || fmt.Sprint(p.Measures) != "[favorable]" {
		t.Errorf("pair %+v", p)
	}
	if m := p.Shares["favorable"][2007]; m.Mean() != 75 || m.Count != 2 {
		t.Errorf("2007: %+v, want the mean 75 of 2", m)
	}
}

// FuzzHighlights writes any text with any quotes highlighted: the marks
// always nest, every quote has its anchor once, and the text reads as it
// was, whatever the quotes' overlaps.
func FuzzHighlights(f *testing.F) {
	f.Add("one two three\nfour five\n", []byte{0, 7, 4, 12, 4, 12, 9, 20, 2, 3})
	f.Add("a\n\nb", []byte{0, 4, 1, 3})
	f.Fuzz(func(t *testing.T, text string, cuts []byte) {
		if len(text) == 0 || len(text) > 2000 || !utf8.ValidString(text) {
			return
		}
		d := &document.Document{Text: text}
		lines := textLinesNoMap(d)
		var hs []highlight
		for i := 0; i+1 < len(cuts) && len(hs) < 40; i += 2 {
			a, b := int(cuts[i])%len(text), int(cuts[i+1])%(len(text)+1)
			// Spans fall on character boundaries, as quotes found do.
			for a > 0 && !utf8.RuneStart(text[a]) {
				a--
			}
			for b < len(text) && !utf8.RuneStart(text[b]) {
				b++
			}
			hs = append(hs, highlight{start: min(a, b), end: max(a, b), entry: len(hs)})
		}
		ss := spans(hs, len(text))
		var b bytes.Buffer
		p := newPW(&b)
		first := map[int]bool{}
		next := 0
		var active []*span
		var plain strings.Builder
		for _, l := range lines {
			active = slices.DeleteFunc(active, func(h *span) bool { return h.end <= l.start })
			for next < len(ss) && ss[next].start < l.end {
				if ss[next].end > l.start {
					active = append(active, ss[next])
				}
				next++
			}
			nestingOrder(active)
			writeLineText(p, text, l, active, first, func(p *pw, h *span, isFirst bool) {
				p.s("<mark")
				if isFirst {
					p.s(` id="e`, strconv.Itoa(h.id()), `"`)
				}
				p.s(">")
			})
			p.s("\n")
			plain.WriteString(html.EscapeString(text[l.start:l.end]) + "\n")
		}
		if err := p.flush(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		depth := 0
		for _, m := range regexp.MustCompile(`</?mark\b`).FindAllString(out, -1) {
			if m == "<mark" {
				depth++
			} else if depth--; depth < 0 {
				t.Fatalf("a </mark> closes nothing: %q", out)
			}
		}
		if depth != 0 {
			t.Fatalf("%d marks left open: %q", depth, out)
		}
		if got := regexp.MustCompile(`</?mark[^>]*>`).ReplaceAllString(out, ""); got != plain.String() {
			t.Fatalf("the text reads %q, want %q", got, plain.String())
		}
		for _, s := range ss {
			n := strings.Count(out, `id="e`+strconv.Itoa(s.id())+`"`)
			covers := strings.TrimSpace(text[s.start:s.end]) != ""
			if n > 1 || (covers && n == 0 && len(ss) <= maxDepth) {
				t.Fatalf("quote %d [%d, %d) has %d anchors: %q", s.id(), s.start, s.end, n, out)
			}
		}
	})
}

// textLinesNoMap is textLines for a document with no map back to a file.
func textLinesNoMap(d *document.Document) []line {
	var out []line
	for start := 0; start <= len(d.Text); {
		end := strings.IndexByte(d.Text[start:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start
		}
		if strings.TrimSpace(d.Text[start:end]) != "" {
			out = append(out, line{start: start, end: end})
		}
		start = end + 1
	}
	return out
}
