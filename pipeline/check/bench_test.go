package check_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/prepare"
	"dossier/pipeline/schema"
)

// The checks run on the curated facts shipped with the repository
// (sources/facts) and their article, after normalization, as in a run.
// Every benchmark checks one fact per op.

type benchFact struct {
	k *schema.Kind
	f *fact.Fact
}

// benchCurated loads the shipped schemas, the Mali article (cleaned, in a
// corpus already indexed for quote search) and its curated facts,
// normalized by their kinds' plans.
func benchCurated(b *testing.B) (*check.Corpus, []benchFact) {
	b.Helper()
	set, err := schema.Load("../../schemas")
	if err != nil {
		b.Fatal(err)
	}
	d, _, err := prepare.File("../../sources/mali-united-states.txt", load.DefaultLimits)
	if err != nil || d == nil {
		b.Fatal(err)
	}
	corpus := check.NewCorpus([]*document.Document{d})

	const file = "../../sources/facts/mali-united-states.yaml"
	src, err := os.Open(file)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	var facts []benchFact
	fail := func(is issue.Issue) { b.Fatalf("%s: %v", file, is) }
	sink := load.Sink{Fact: func(f *fact.Fact) {
		f.Kind, _ = f.Fields["kind"].(string)
		k := set.Kinds[f.Kind]
		if k == nil {
			b.Fatalf("%s: unknown kind %q", file, f.Kind)
		}
		if _, failures := k.Normalize.Apply(f.Fields); len(failures) > 0 {
			b.Fatalf("%s: record %d does not normalize: %v", file, f.Index, failures)
		}
		f.ID = fmt.Sprintf("%s-%d", f.Kind, f.Index)
		facts = append(facts, benchFact{k, f})
	}, Reject: fail, Issue: fail}
	if err := load.ReadYAML(file, src, sink); err != nil {
		b.Fatal(err)
	}
	if len(facts) == 0 {
		b.Fatalf("%s holds no facts", file)
	}
	// Fold the document now: the first quote searched pays for it, once a
	// run.
	if is := check.Evidence(corpus, facts[0].f); len(is) > 0 {
		b.Fatalf("evidence of the first fact: %v", is)
	}
	return corpus, facts
}

// BenchmarkPercentSum checks the shares of the curated polls.
func BenchmarkPercentSum(b *testing.B) {
	_, all := benchCurated(b)
	var polls []benchFact
	for _, x := range all {
		if x.f.Kind == "poll" {
			polls = append(polls, x)
		}
	}
	b.ReportAllocs()
	issues := 0
	for i := 0; b.Loop(); i++ {
		x := polls[i%len(polls)]
		issues += len(check.PercentSum(x.k, x.f))
	}
	b.ReportMetric(float64(issues)/float64(b.N), "issues/record")
}

// BenchmarkNumberMismatch looks for every number of a curated fact in its
// quote.
func BenchmarkNumberMismatch(b *testing.B) {
	_, facts := benchCurated(b)
	b.ReportAllocs()
	issues := 0
	for i := 0; b.Loop(); i++ {
		x := facts[i%len(facts)]
		issues += len(check.NumberMismatch(x.k, x.f))
	}
	b.ReportMetric(float64(issues)/float64(b.N), "issues/record")
}

// BenchmarkFields holds every field of a curated fact against its quote
// (the article read once, before the timer).
func BenchmarkFields(b *testing.B) {
	corpus, facts := benchCurated(b)
	for _, x := range facts {
		check.Evidence(corpus, x.f)
	}
	b.ReportAllocs()
	issues := 0
	for i := 0; b.Loop(); i++ {
		x := facts[i%len(facts)]
		issues += len(check.Fields(corpus, x.k, x.f))
	}
	if issues > 0 {
		b.Fatalf("%d issues on the curated facts", issues)
	}
}

// BenchmarkReadArticle reads what the field checks need in an article of
// about 1 MB (the seed article repeated): done once per document a fact
// cites.
func BenchmarkReadArticle(b *testing.B) {
	d, _, err := prepare.File("../../sources/mali-united-states.txt", load.DefaultLimits)
	if err != nil || d == nil {
		b.Fatal(err)
	}
	var big strings.Builder
	for big.Len() < 1<<20 {
		big.WriteString(d.Text)
		big.WriteString("\n\n")
	}
	text := big.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		doc := &document.Document{ID: "big", Text: text}
		c := check.NewCorpus([]*document.Document{doc})
		f := &fact.Fact{Fields: map[string]any{"evidence": map[string]any{"document": "big", "quote": "Quantum chromodynamics"}}}
		if len(check.Evidence(c, f)) != 1 { // quote not found: reads and indexes the article
			b.Fatal("quote found")
		}
	}
}

// BenchmarkQuoteNotFound looks for the closest passage to quotes that are
// not in the article, each a different one (no cache hit).
func BenchmarkQuoteNotFound(b *testing.B) {
	corpus, facts := benchCurated(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x := facts[i%len(facts)]
		f := &fact.Fact{Fields: map[string]any{"evidence": map[string]any{"document": "mali-united-states",
			"quote": fmt.Sprintf("%s %d", x.f.String("/evidence/quote"), i)}}}
		if len(check.Evidence(corpus, f)) != 1 {
			b.Fatal("quote found")
		}
	}
}

// BenchmarkEvidence finds a curated fact's quote in its article.
func BenchmarkEvidence(b *testing.B) {
	corpus, facts := benchCurated(b)
	b.ReportAllocs()
	issues := 0
	for i := 0; b.Loop(); i++ {
		issues += len(check.Evidence(corpus, facts[i%len(facts)].f))
	}
	if issues > 0 {
		b.Fatalf("%d quotes not found", issues)
	}
}

// BenchmarkIndexAdd adds facts to the cross-record index: the curated facts
// moved to distinct country pairs, so that keys are mostly new, and one in
// 32 an exact repeat of an earlier fact (a key.duplicate). The index starts
// afresh every benchWindow facts, as a run of that size would.
func BenchmarkIndexAdd(b *testing.B) {
	const benchWindow = 16384
	_, curated := benchCurated(b)
	facts := make([]benchFact, benchWindow)
	for i := range facts {
		if i%32 == 31 {
			facts[i] = facts[i-16]
			continue
		}
		t := curated[i%len(curated)]
		fields := make(map[string]any, len(t.f.Fields))
		for k, v := range t.f.Fields {
			fields[k] = v
		}
		code := string([]byte{'A' + byte(i/676%26), 'A' + byte(i/26%26), 'A' + byte(i%26)})
		fields["countries"] = []any{code, "USA"}
		f := *t.f
		f.Fields, f.ID = fields, fmt.Sprintf("%s-%d", t.f.Kind, i)
		facts[i] = benchFact{t.k, &f}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var x *check.Index
	issues := 0
	for i := 0; i < b.N; i++ {
		j := i % benchWindow
		if j == 0 {
			b.StopTimer()
			if x != nil {
				issues += len(x.Take())
			}
			x = check.NewIndex()
			b.StartTimer()
		}
		x.Add(facts[j].k, facts[j].f)
	}
	b.StopTimer()
	issues += len(x.Take())
	b.ReportMetric(float64(issues)/float64(b.N), "issues/record")
}
