package extract_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/load"
	"dossier/pipeline/normalize"
	"dossier/pipeline/prepare"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

// The evaluation reads the test articles (testdata/articles) and their
// hand-written expected facts, and the seed with its curated facts. All of
// them were read while the rules were written: they are a tuning set, and
// their scores say only that the rules still do what they were tuned to do.
// How the rules generalise is measured on sets the rules were not written
// from (see corpus_test.go).
const (
	articlesDir = "../../testdata/articles"
	seedText    = "../../sources/mali-united-states.txt"
	seedFacts   = "../../sources/facts/mali-united-states.yaml"
)

var evalKinds = []string{"official", "poll", "mission", "event", "ambassador", "program"}

// matchKey is a fact's key for matching: the key package's key under the
// shipped x-key without countries (a document's facts share them), with a
// role in the role normalizer's spelling (expected facts are written as a
// curator writes them, not normalized).
func matchKey(kind string, fields map[string]any) string {
	var spec []string
	for _, f := range key.Shipped()[kind] {
		if f != "countries" {
			spec = append(spec, f)
		}
	}
	rec := fields
	if role, ok := fields["role"].(string); ok {
		if n, ok := normalize.Lookup("role"); ok {
			if r, err := n.Fn(role, normalize.Context{}); err == nil {
				rec = maps.Clone(fields)
				rec["role"] = r.Value
			}
		}
	}
	return key.Of(kind, spec, rec).Match
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// loadArticle reads, cleans and segments one article as the pipeline does.
func loadArticle(t testing.TB, path string) *document.Document {
	t.Helper()
	d, _, err := prepare.File(path, load.DefaultLimits)
	if err != nil || d == nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// loadFacts reads a fact file with the project's loader.
func loadFacts(t testing.TB, path string) []map[string]any {
	t.Helper()
	var out []map[string]any
	err := load.ReadFactFile(path, load.Sink{
		Fact:   func(f *fact.Fact) { out = append(out, f.Fields) },
		Reject: func(is issue.Issue) { t.Errorf("%s: %s", path, is.Message) },
		Issue:  func(is issue.Issue) { t.Errorf("%s: %s", path, is.Message) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type evalCase struct {
	name, text, facts string
	seed              bool
}

func evalCases(t *testing.T) []evalCase {
	paths, err := filepath.Glob(filepath.Join(articlesDir, "*.expected.yaml"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no test articles in %s", articlesDir)
	}
	cases := []evalCase{{name: "mali-united-states (seed)", text: seedText, facts: seedFacts, seed: true}}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".expected.yaml")
		cases = append(cases, evalCase{name: name, text: filepath.Join(articlesDir, name+".txt"), facts: p})
	}
	return cases
}

// TestEvaluate matches extracted to expected facts per kind and checks the
// scores on the tuning articles: officials, polls and missions precision
// ≥ 0.9 and recall ≥ 0.8, events recall ≥ 0.6.
func TestEvaluate(t *testing.T) {
	totals := map[string]map[string]*score{"tuning": {}}
	for _, set := range totals {
		for _, k := range evalKinds {
			set[k] = &score{}
		}
	}
	var misses []string
	for _, ec := range evalCases(t) {
		doc := loadArticle(t, ec.text)
		got := extract.Document(doc)
		want := loadFacts(t, ec.facts)
		set := "tuning"
		for _, kind := range evalKinds {
			gotKeys := map[string][]map[string]any{}
			for _, f := range got {
				if f.Kind == kind {
					k := matchKey(kind, f.Fields)
					gotKeys[k] = append(gotKeys[k], f.Fields)
				}
			}
			sc := totals[set][kind]
			for _, w := range want {
				if w["kind"] != kind {
					continue
				}
				k := matchKey(kind, w)
				if len(gotKeys[k]) == 0 {
					sc.fn++
					misses = append(misses, fmt.Sprintf("%s: missed %s %s", ec.name, kind, k))
					continue
				}
				g := gotKeys[k][0]
				gotKeys[k] = gotKeys[k][1:]
				sc.tp++
				if ec.seed && (kind == "official" || kind == "poll" || kind == "mission") {
					for _, field := range conflicts(w, g) {
						t.Errorf("seed: %s %s: extracted %s = %v, curated %v", kind, k, field, g[field], w[field])
					}
				}
			}
			var extra []string
			for k, gs := range gotKeys {
				for range gs {
					sc.fp++
					extra = append(extra, fmt.Sprintf("%s: extra %s %s", ec.name, kind, k))
				}
			}
			sort.Strings(extra)
			misses = append(misses, extra...)
		}
	}
	for _, m := range misses {
		t.Log(m)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-9s %-11s %5s %5s %5s %9s %7s\n", "set", "kind", "tp", "fp", "fn", "precision", "recall")
	for _, set := range []string{"tuning"} {
		for _, k := range evalKinds {
			s := totals[set][k]
			fmt.Fprintf(&b, "%-9s %-11s %5d %5d %5d %9.2f %7.2f\n", set, k, s.tp, s.fp, s.fn, s.precision(), s.recall())
		}
	}
	t.Log(b.String())
	for _, set := range []string{"tuning"} {
		for _, k := range []string{"official", "poll", "mission"} {
			s := totals[set][k]
			if s.precision() < 0.9 || s.recall() < 0.8 {
				t.Errorf("%s %s: precision %.2f recall %.2f, want ≥ 0.9 and ≥ 0.8", set, k, s.precision(), s.recall())
			}
		}
		if s := totals[set]["event"]; s.recall() < 0.6 {
			t.Errorf("%s event: recall %.2f, want ≥ 0.6", set, s.recall())
		}
	}
}

// conflicts lists the fields both facts give with different values
// (strings compared folded, roles in the normalizer's spelling).
func conflicts(want, got map[string]any) []string {
	var out []string
	for k, wv := range want {
		if k == "evidence" || k == "kind" || k == "countries" || k == "id" {
			continue
		}
		gv, ok := got[k]
		if !ok {
			continue
		}
		ws, gs := fmt.Sprint(wv), fmt.Sprint(gv)
		if k == "role" {
			ws, gs = matchKey("official", map[string]any{"role": ws}), matchKey("official", map[string]any{"role": gs})
		}
		if normalize.FoldKey(ws) != normalize.FoldKey(gs) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TestSeedMatchesCurated checks the seed against its curated facts field
// by field: all nine officials (role, name, rank, country), both polls
// (every number) and the mission, each quote exactly the curated one.
func TestSeedMatchesCurated(t *testing.T) {
	if _, err := os.Stat(seedText); err != nil {
		t.Skip("no seed article")
	}
	doc := loadArticle(t, seedText)
	got := extract.Document(doc)
	want := loadFacts(t, seedFacts)
	byKey := map[string]extract.Fact{}
	for _, f := range got {
		byKey[f.Kind+"|"+matchKey(f.Kind, f.Fields)] = f
	}
	n := 0
	for _, w := range want {
		kind, _ := w["kind"].(string)
		if kind != "official" && kind != "poll" && kind != "mission" {
			continue
		}
		n++
		k := kind + "|" + matchKey(kind, w)
		g, ok := byKey[k]
		if !ok {
			t.Errorf("curated %s not extracted", k)
			continue
		}
		for field, wv := range w {
			switch field {
			case "evidence", "countries", "kind", "post", "organization":
				continue
			}
			if fmt.Sprint(g.Fields[field]) != fmt.Sprint(wv) {
				t.Errorf("%s: %s = %v, curated %v", k, field, g.Fields[field], wv)
			}
		}
		for field := range g.Fields {
			if _, ok := w[field]; !ok && field != "post" && field != "organization" {
				t.Errorf("%s: extracted %s = %v, the curated fact has none", k, field, g.Fields[field])
			}
		}
		wq := w["evidence"].(map[string]any)["quote"]
		if g.Quote() != wq {
			t.Errorf("%s: quote %q, curated %q", k, g.Quote(), wq)
		}
		if doc.Text[g.Start:g.End] != g.Quote() {
			t.Errorf("%s: span does not hold the quote", k)
		}
	}
	if n != 12 {
		t.Errorf("%d curated officials, polls and missions, want 12", n)
	}
}

// TestFactsValidate checks every fact extracted from the test articles and
// the seed against its kind's JSON Schema (with the project's validator),
// and the numbers its quote must state.
func TestFactsValidate(t *testing.T) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		t.Skipf("schemas: %v", err)
	}
	for _, ec := range evalCases(t) {
		doc := loadArticle(t, ec.text)
		corpus := check.NewCorpus([]*document.Document{doc})
		for _, f := range extract.Document(doc) {
			k, ok := set.Kinds[f.Kind]
			if !ok {
				t.Fatalf("no schema for kind %s", f.Kind)
			}
			rec := &fact.Fact{Kind: f.Kind, File: ec.name, Fields: f.Fields}
			issues := validate.Fact(k, rec)
			issues = append(issues, check.Evidence(corpus, rec)...)
			issues = append(issues, check.NumberMismatch(k, rec)...)
			for _, is := range issues {
				if is.Severity == issue.Error {
					t.Errorf("%s: %s %s: %s %s: %s", ec.name, f.Kind, f.Rule, is.Code, is.Pointer, is.Message)
				}
			}
		}
	}
}
