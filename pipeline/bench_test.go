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

// benchPeersSchema is a copy of /work/shared/peers/poll.schema.json, the
// schema of the peers' benchmark, so that the benchmark needs nothing
// outside the repository.
const benchPeersSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://example.com/schemas/poll.schema.json",
  "title": "Poll result fact",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id", "kind", "country_a", "country_b", "year", "source",
    "population", "measure", "value_percent", "as_of", "evidence"
  ],
  "properties": {
    "id": { "type": "string", "minLength": 1, "maxLength": 128 },
    "kind": { "const": "poll" },
    "country_a": { "$ref": "#/$defs/iso3" },
    "country_b": { "$ref": "#/$defs/iso3" },
    "year": { "type": "integer", "minimum": 1990, "maximum": 2025 },
    "source": { "type": "string", "minLength": 1, "maxLength": 200 },
    "population": { "type": "string", "minLength": 1, "maxLength": 200 },
    "measure": { "enum": ["favorable", "approve", "confidence"] },
    "value_percent": { "$ref": "#/$defs/percent" },
    "disapprove_percent": { "$ref": "#/$defs/percent" },
    "uncertain_percent": { "$ref": "#/$defs/percent" },
    "as_of": { "type": "string", "format": "date" },
    "evidence": {
      "type": "object",
      "additionalProperties": false,
      "required": ["source", "quote"],
      "properties": {
        "source": { "type": "string", "minLength": 1, "maxLength": 300 },
        "quote": { "type": "string", "minLength": 20, "maxLength": 500 }
      }
    }
  },
  "$defs": {
    "iso3": {
      "description": "ISO 3166-1 alpha-3 country code",
      "type": "string",
      "pattern": "^[A-Z]{3}$"
    },
    "percent": { "type": "number", "minimum": 0, "maximum": 100 }
  }
}`

// BenchmarkRun runs the whole pipeline (read, decode, normalize, validate,
// check, export) on 50,000 generated peers poll records, about one in a
// thousand invalid, with every core: "writer" exports every format into a
// folder (export.Writer as the sink), "discard" only checks
// (pipeline.Discard). MB/s is of the JSON Lines read.
func BenchmarkRun(b *testing.B) {
	const n = 50_000
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "poll.schema.json"), []byte(benchPeersSchema), 0o644); err != nil {
		b.Fatal(err)
	}
	var data []byte
	r := pollgen.Rand(42)
	for i := 1; i <= n; i++ {
		data = pollgen.AppendJSON(data, pollgen.Record(r, i))
		data = append(data, '\n')
	}
	facts := filepath.Join(dir, "facts.jsonl")
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
