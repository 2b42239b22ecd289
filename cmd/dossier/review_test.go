package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The review page (out/review.html) is opened in a real browser, headless
// Chromium (Debian's chromium, which bash .ci/run installs), driven with
// chromedp: the page of the shipped sources and of a larger run load with
// no console error and no network request, show one highlight per fact
// whose quote was found, bring an issue's line into view when the issue
// is clicked, and hide the rows a table's filter leaves out. A screenshot
// of each page is saved under the test's temporary folder (and copied to
// $DOSSIER_TEST_SCREENSHOTS when that is set, to look at).

// chromium returns the browser to drive, or skips the test (fails it in
// CI) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium here (apt-get install chromium); the review page is not tested in a browser"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; bash .ci/run installs it")
	}
	t.Skip(msg)
	return ""
}

// browser starts headless Chromium with a fresh profile and the flags
// that keep it from reaching the network on its own.
func browser(t *testing.T, path string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // as root, Chromium runs only without its sandbox
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser and its tab
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// pageEvents records what the page asked of the network and what it said
// on its console. The listener runs on the tab's goroutine.
type pageEvents struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

func (r *pageEvents) add(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.requests = append(r.requests, e.Request.URL)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			r.errors = append(r.errors, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		r.errors = append(r.errors, fmt.Sprintf("exception at %d:%d: %s %s", e.ExceptionDetails.LineNumber+1, e.ExceptionDetails.ColumnNumber+1, e.ExceptionDetails.Text, exceptionText(e.ExceptionDetails)))
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			r.errors = append(r.errors, fmt.Sprintf("%s %s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL))
		}
	}
}

func (r *pageEvents) snapshot() ([]string, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests), slices.Clone(r.errors)
}

// eval runs a script in the page and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("%v\nin script:\n%s", err, script)
	}
	return v
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// spannedFacts lists kind/id of the facts of dossier.json whose quote was
// found in a document: each must have one highlight.
func spannedFacts(t *testing.T, out string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "dossier.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Facts map[string][]struct {
			ID       string `json:"id"`
			Evidence struct {
				Start *int `json:"start"`
			} `json:"evidence"`
		} `json:"facts"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	var out2 []string
	for kind, facts := range d.Facts {
		for _, f := range facts {
			if f.Evidence.Start != nil {
				out2 = append(out2, kind+"/"+f.ID)
			}
		}
	}
	slices.Sort(out2)
	return out2
}

// highlighted lists kind/id of the facts the page highlights, one entry
// per fact a highlight's first piece stands for.
const highlightedJS = `(() => {
  const data = JSON.parse(document.getElementById('fact-data').textContent);
  const out = [];
  for (const m of document.querySelectorAll('mark.hl[id]')) {
    for (const n of m.dataset.e.split(' ')) {
      const e = data.e[n];
      out.push(e ? data.kinds[e[0]] + '/' + e[1] : 'no data for entry ' + n);
    }
  }
  return out.sort();
})()`

// inView says whether the element with the id is within the viewport.
func inView(id string) string {
	return fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; })()`, id)
}

// contrastJS lists the text elements whose colour does not keep a contrast
// of 4.5:1 with their background (WCAG 2 AA for text).
const contrastJS = `(() => {
  const rgb = s => { const m = s.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const bg = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const bad = [];
  for (const el of document.querySelectorAll('mark.hl, a.chip, .sev, p.note, .no, .more, a, th, td, figcaption, svg text')) {
    if (!el.textContent.trim() || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const fg = rgb(el instanceof SVGElement ? style.fill : style.color);
    const l1 = lum(fg), l2 = lum(bg(el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) bad.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '": ' + ratio.toFixed(2));
  }
  return bad.slice(0, 10);
})()`

// largerInputs lays out a larger run: the shipped article and facts, the
// test articles of testdata/articles (whose facts are extracted), and
// generated facts, more than a table shows: programs quoting a generated
// article, polls quoting the shipped one.
func largerInputs(t *testing.T) (sources, facts string) {
	t.Helper()
	dir := t.TempDir()
	sources = filepath.Join(dir, "sources")
	facts = filepath.Join(dir, "facts")
	for _, d := range []string{sources, facts} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyGlob := func(pattern, to string) {
		files, _ := filepath.Glob(filepath.Join(repoRoot, pattern))
		if len(files) == 0 {
			t.Fatalf("no files %s", pattern)
		}
		for _, f := range files {
			if strings.HasSuffix(f, ".expected.yaml") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(to, filepath.Base(f)), string(data))
		}
	}
	copyGlob("sources/*.*", sources)
	copyGlob("testdata/articles/*.txt", sources)
	copyGlob("testdata/articles/*.meta.yaml", sources)
	copyGlob("sources/facts/*.yaml", facts)
	// 250 programs, each named by a line of a generated article that its
	// fact quotes.
	var b, article strings.Builder
	article.WriteString("Programs of the United States in Mali\n\n")
	for i := range 250 {
		fmt.Fprintf(&article, "Program %s runs in Mali.\n\n", letters(i))
		fmt.Fprintf(&b, `{"kind":"program","countries":["MLI","USA"],"name":"Program %s","country":"USA","evidence":{"document":"programs","quote":"Program %s runs in Mali."}}`+"\n", letters(i), letters(i))
	}
	writeFile(t, filepath.Join(sources, "programs.txt"), article.String())
	for i := range 150 {
		fmt.Fprintf(&b, `{"kind":"poll","countries":["MLI","USA"],"year":2007,"source":"global opinion poll","population":"Malians of panel %s","measure":"favorable","value":79,"evidence":{"document":"mali-united-states","quote":"According to a 2007 global opinion poll, 79%% of Malians view the United States favorably."}}`+"\n", letters(i))
	}
	writeFile(t, filepath.Join(facts, "generated.jsonl"), b.String())
	return sources, facts
}

// letters names n in letters: a, b, ..., z, ba, bb, ...
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}

func TestReviewPageInBrowser(t *testing.T) {
	path := chromium(t)
	shipped := t.TempDir()
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", shipped)...); code != 0 {
		t.Fatalf("run on the shipped sources: exit %d\n%s", code, stderr)
	}
	larger := t.TempDir()
	sources, facts := largerInputs(t)
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "--out", larger, "--sources", sources, "--facts", facts)...); code != 0 && code != 1 {
		t.Fatalf("the larger run: exit %d\n%s", code, stderr)
	}
	ctx := browser(t, path)
	shots := t.TempDir()
	for _, run := range []struct{ name, out string }{{"shipped", shipped}, {"larger", larger}} {
		t.Run(run.name, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			// The first call opens the tab, which lives as long as the
			// context of that call: it must not be a timeout's.
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
			var ev pageEvents
			if err := chromedp.Listen(tab, ev.add); err != nil {
				t.Fatal(err)
			}
			abs, err := filepath.Abs(filepath.Join(run.out, "review.html"))
			if err != nil {
				t.Fatal(err)
			}
			url := "file://" + abs
			do(t, tab, "loading the page", chromedp.Navigate(url))

			want := spannedFacts(t, run.out)
			got := eval[[]string](t, tab, highlightedJS)
			if len(want) == 0 {
				t.Fatal("no fact has a quote found in its document: nothing to highlight")
			}
			if !slices.Equal(got, want) {
				t.Errorf("the page highlights %d facts' quotes, dossier.json has %d facts with a span:\n got %.400q\nwant %.400q", len(got), len(want), got, want)
			}
			if bad := eval[[]string](t, tab, contrastJS); len(bad) > 0 {
				t.Errorf("text below a contrast of 4.5:1: %q", bad)
			}
			checkIssueLink(t, tab, "list.empty", "/mali-united-states.txt:33:", "33")
			checkIssueLink(t, tab, "percent.sum", "/mali-united-states.yaml:23:", "11")
			checkFilter(t, tab, "official", "Peter", 2)
			checkPanel(t, tab)
			if run.name == "larger" {
				more := eval[string](t, tab, `document.querySelector('#facts').textContent`)
				if !regexp.MustCompile(`The first 100 of 2\d\d rows; all are in csv/program.csv`).MatchString(more) {
					t.Error("the program table does not say it shows 100 of its rows and where the rest is")
				}
			}

			// The whole page of the shipped sources; the top of the larger one.
			shoot := chromedp.FullScreenshot(100)
			if run.name != "shipped" {
				shoot = chromedp.CaptureScreenshot()
			}
			png, err := chromedp.Run(tab, shoot)
			if err != nil {
				t.Fatal(err)
			}
			shot := filepath.Join(shots, "review-"+run.name+".png")
			writeFile(t, shot, string(png))
			if dir := os.Getenv("DOSSIER_TEST_SCREENSHOTS"); dir != "" {
				writeFile(t, filepath.Join(dir, filepath.Base(shot)), string(png))
			}
			t.Logf("screenshot: %s (%d bytes)", shot, len(png))

			requests, errs := ev.snapshot()
			for _, r := range requests {
				if r != url {
					t.Errorf("the page made a network request: %s", r)
				}
			}
			if !slices.Contains(requests, url) {
				t.Errorf("no request for the page itself was seen (%q): is the network listened to?", requests)
			}
			for _, e := range errs {
				t.Errorf("the page logged: %s", e)
			}
		})
	}
}

// checkIssueLink clicks the place of the first issue with the code in the
// file in the Issues table: the document line numbered line comes into view.
func checkIssueLink(t *testing.T, ctx context.Context, code, file, line string) {
	t.Helper()
	row := eval[string](t, ctx, fmt.Sprintf(`(() => {
  for (const tr of document.querySelectorAll('#t-issues tbody tr')) {
    if (tr.cells[1].textContent.trim() === %q && tr.cells[3].textContent.includes(%q)) return tr.id;
  }
  return '';
})()`, code, file))
	if row == "" {
		t.Fatalf("no %s issue in the Issues table", code)
	}
	target := eval[string](t, ctx, fmt.Sprintf(`document.querySelector('#%s a.to-line').hash.slice(1)`, row))
	eval[any](t, ctx, `window.scrollTo(0, 0)`)
	if eval[bool](t, ctx, inView(target)) {
		t.Fatalf("the line of %s is in view before its issue is clicked", code)
	}
	do(t, ctx, "clicking the issue", chromedp.Click("#"+row+" a.to-line"))
	if !eval[bool](t, ctx, inView(target)) {
		t.Errorf("clicking the %s issue does not bring its line (#%s) into view", code, target)
	}
	if n := eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).querySelector('.no').textContent`, target)); n != line {
		t.Errorf("the %s issue leads to line %s, want %s", code, n, line)
	}
	// The issue is also shown under its line.
	note := eval[string](t, ctx, fmt.Sprintf(`(() => {
  let e = document.getElementById(%q).nextElementSibling;
  for (; e && e.matches('p.note'); e = e.nextElementSibling) if (e.textContent.includes(%q)) return e.textContent;
  return '';
})()`, target, code))
	if note == "" {
		t.Errorf("the %s issue is not shown under line %s", code, line)
	}
}

// checkFilter types text in the filter of a kind's table: only the rows
// holding it stay.
func checkFilter(t *testing.T, ctx context.Context, kind, text string, want int) {
	t.Helper()
	table := eval[string](t, ctx, fmt.Sprintf(`(() => {
  for (const h of document.querySelectorAll('#facts h3')) if (h.firstChild.textContent.trim() === %q) return h.id.replace(/-h$/, '');
  return '';
})()`, kind))
	if table == "" {
		t.Fatalf("no %s table", kind)
	}
	total := eval[int](t, ctx, fmt.Sprintf(`document.getElementById(%q).tBodies[0].rows.length`, table))
	do(t, ctx, "typing in the filter", chromedp.SendKeys(fmt.Sprintf(`input[data-table=%q]`, table), text))
	type counts struct{ Shown, Hidden, Matching int }
	c := eval[counts](t, ctx, fmt.Sprintf(`(() => {
  const rows = [...document.getElementById(%q).tBodies[0].rows];
  const shown = rows.filter(r => r.offsetParent !== null);
  return {Shown: shown.length, Hidden: rows.length - shown.length, Matching: shown.filter(r => r.textContent.includes(%q)).length};
})()`, table, text))
	if c.Shown != want || c.Matching != want || c.Hidden != total-want {
		t.Errorf("filtering the %s table for %q: %d rows shown (%d holding it), %d hidden; want %d shown, %d hidden", kind, text, c.Shown, c.Matching, c.Hidden, want, total-want)
	}
}

// checkPanel opens a fact from the keyboard (Enter on the mark beside its
// line): the panel shows its fields and takes the focus.
func checkPanel(t *testing.T, ctx context.Context) {
	t.Helper()
	if !eval[bool](t, ctx, `document.getElementById('panel').hidden`) {
		t.Fatal("the fact panel shows before anything is selected")
	}
	id := eval[string](t, ctx, `(() => { const c = document.querySelector('a.chip'); return JSON.parse(document.getElementById('fact-data').textContent).e[c.dataset.e][1]; })()`)
	do(t, ctx, "pressing Enter on a fact's mark", chromedp.Focus(`a.chip`), chromedp.KeyEvent(kb.Enter))
	type panel struct {
		Hidden  bool
		Text    string
		Focused bool
	}
	p := eval[panel](t, ctx, `(() => { const p = document.getElementById('panel'); return {Hidden: p.hidden, Text: p.textContent, Focused: document.activeElement === p}; })()`)
	if p.Hidden || !strings.Contains(p.Text, id) || !p.Focused {
		t.Errorf("Enter on the mark of %s: panel hidden %v, focused %v, text %.200q", id, p.Hidden, p.Focused, p.Text)
	}
	do(t, ctx, "closing the panel", chromedp.KeyEvent(kb.Escape))
	if !eval[bool](t, ctx, `document.getElementById('panel').hidden`) {
		t.Error("Escape does not close the fact panel")
	}
	if !eval[bool](t, ctx, `document.activeElement === document.querySelector('a.chip')`) {
		t.Error("closing the fact panel does not give the focus back to the mark that opened it")
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception == nil {
		return ""
	}
	return d.Exception.Description
}

// Every run writes out/review.html unless the flag, the environment or
// the config file turns it off; the manifest lists it only when written.
func TestReviewSwitch(t *testing.T) {
	noReview := filepath.Join(t.TempDir(), "config.yaml")
	abs, _ := filepath.Abs(repoRoot)
	writeFile(t, noReview, fmt.Sprintf("sources: %s\nfacts: [%s]\nschemas: %s\nexport:\n  review: false\n",
		filepath.Join(abs, "sources"), filepath.Join(abs, "sources", "facts"), filepath.Join(abs, "schemas")))
	for _, c := range []struct {
		name string
		args []string
		env  string
		want bool
	}{
		{"default", repoArgs(t), "", true},
		{"flag off", append(repoArgs(t), "--review=false"), "", false},
		{"environment off", repoArgs(t), "false", false},
		{"config off", []string{"--config", noReview}, "", false},
		{"flag over config", []string{"--config", noReview, "--review"}, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.env != "" {
				t.Setenv("DOSSIER_EXPORT_REVIEW", c.env)
			}
			out := t.TempDir()
			args := append([]string{"run", "--out", out}, c.args...)
			if code, _, stderr := dossier(t, t.TempDir(), args...); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			_, err := os.Stat(filepath.Join(out, "review.html"))
			if got := err == nil; got != c.want {
				t.Errorf("review.html written: %v, want %v (%v)", got, c.want, err)
			}
			manifest, err := os.ReadFile(filepath.Join(out, ".dossier-files"))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(manifest), "review.html"); got != c.want {
				t.Errorf("the manifest lists review.html: %v, want %v", got, c.want)
			}
		})
	}
}
