package pipeline_test

import (
	"context"
	"dossier/pipeline/internal/pollgen"
	"os"
	"path/filepath"
	"testing"

	"dossier/pipeline"
	"dossier/pipeline/export"
)

// BenchmarkRun runs the whole pipeline (read, decode, normalize, validate,
// check, export) on 50,000 generated peers poll records, about one in a
// thousand invalid, with every core: "writer" exports every format into a
// folder (export.Writer as the sink), "discard" only checks
// (pipeline.Discard). MB/s is of the fact file read.
func BenchmarkRun(b *testing.B) {
	benchRun(b, ".jsonl")
}

// BenchmarkRunJSON is BenchmarkRun with the same records in one JSON array
// (a .json file) instead of JSON Lines.
func BenchmarkRunJSON(b *testing.B) {
	benchRun(b, ".json")
}

func benchRun(b *testing.B, ext string) {
	const n = 50_000
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "poll.schema.json"), []byte(pollgen.PeersSchema), 0o644); err != nil {
		b.Fatal(err)
	}
	var data []byte
	r := pollgen.Rand(42)
	if ext == ".json" {
		data = append(data, "[\n"...)
	}
	for i := 1; i <= n; i++ {
		if ext == ".json" && i > 1 {
			data = append(data, ',')
		}
		data = pollgen.AppendJSON(data, pollgen.Record(r, i))
		data = append(data, '\n')
	}
	if ext == ".json" {
		data = append(data, "]\n"...)
	}
	facts := filepath.Join(dir, "facts"+ext)
	if err := os.WriteFile(facts, data, 0o644); err != nil {
		b.Fatal(err)
	}
	sinks := []struct {
		name string
		sink func(b *testing.B, out string) pipeline.Sink
	}{
		{"writer", func(b *testing.B, out string) pipeline.Sink {
			w, err := export.NewWriter(out, nil, export.Options{Version: "bench", FormulaGuard: true})
			if err != nil {
				b.Fatal(err)
			}
			return w
		}},
		{"discard", func(*testing.B, string) pipeline.Sink { return pipeline.Discard{} }},
	}
	for _, s := range sinks {
		b.Run(s.name, func(b *testing.B) {
			out := b.TempDir()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := pipeline.Run(context.Background(), pipeline.Options{
					Facts: []string{facts}, Schemas: dir, Sink: s.sink(b, out),
				})
				if err != nil {
					b.Fatal(err)
				}
				if sum := res.Summary; sum.Read != n || sum.Exported < n*99/100 || sum.Exported == n {
					b.Fatalf("read %d, exported %d of %d records", sum.Read, sum.Exported, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
