package review

import (
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
)

// BenchmarkCollector is the review page's share of a run's ordered path,
// per fact: the collector's work on a poll quoting a shown document, with
// its pair, measure and year (its digest taken beforehand, as the
// workers do) and, amortized, writing the page at the end. Run it to see what the page adds to a run of a million facts.
func BenchmarkCollector(b *testing.B) {
	d := article(b, "doc", text)
	const n = 100_000
	facts := make([]*fact.Fact, n)
	for i := range facts {
		f := quoting(b, d, "poll", fmt.Sprintf("poll-%07d", i), "In 2007, 79% of Malians viewed the United States favorably.",
			map[string]any{"year": json.Number(fmt.Sprint(1990 + i%30)), "measure": []string{"favorable", "approve"}[i%2], "value": json.Number(fmt.Sprint(i % 100))})
		f.Fields["countries"] = []any{"MLI", fmt.Sprintf("C%02d", i%40)}
		facts[i] = f
	}
	// The digests are taken on the workers, beside the ordered path.
	digests := make([]Digest, n)
	for i, f := range facts {
		digests[i] = DigestOf(f)
	}
	r := result([]*document.Document{d}, nil)
	b.ReportAllocs()
	for b.Loop() {
		c := NewCollector([]*document.Document{d}, tables, DefaultLimits())
		for i, f := range facts {
			c.Fact(f, cells{}, &digests[i])
		}
		if err := c.WritePage(io.Discard, r, PageOptions{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/fact")
}
