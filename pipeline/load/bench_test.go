package load_test

import (
	"bytes"
	"dossier/pipeline/internal/pollgen"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// The benchmarks of this file read the peers' poll records (see
// /work/shared/peers/gen-facts): about 500 bytes of JSON a record, one in a
// thousand invalid against the peers' schema. Each reads b.N records, so
// ns/op and allocs/op are per record.

// benchPool is how many distinct records the benchmarks cycle through.
const benchPool = 8192

// benchLines is the pool as JSON Lines: the file, and where each line
// starts (benchLines.off[benchPool] is the end).
var benchLines = sync.OnceValue(func() benchText {
	var t benchText
	r := pollgen.Rand(42)
	for i := 1; i <= benchPool; i++ {
		t.off = append(t.off, len(t.data))
		t.data = pollgen.AppendJSON(t.data, pollgen.Record(r, i))
		t.data = append(t.data, '\n')
	}
	t.off = append(t.off, len(t.data))
	return t
})

// benchArray is the same records as a JSON array, one record a line:
// "[" on the first line, each record after the first starts with ",", so
// that prefix(n) followed by "]" is a whole file.
var benchArray = sync.OnceValue(func() benchText {
	var t benchText
	r := pollgen.Rand(42)
	t.data = append(t.data, "[\n"...)
	for i := 1; i <= benchPool; i++ {
		t.off = append(t.off, len(t.data))
		if i > 1 {
			t.data = append(t.data, ',')
		}
		t.data = pollgen.AppendJSON(t.data, pollgen.Record(r, i))
		t.data = append(t.data, '\n')
	}
	t.off = append(t.off, len(t.data))
	return t
})

// benchYAML is the same records as a YAML sequence, one item each.
var benchYAML = sync.OnceValue(func() benchText {
	var t benchText
	r := pollgen.Rand(42)
	for i := 1; i <= benchPool; i++ {
		t.off = append(t.off, len(t.data))
		t.data = benchAppendYAML(t.data, pollgen.Record(r, i), "- ")
	}
	t.off = append(t.off, len(t.data))
	return t
})

type benchText struct {
	data []byte
	off  []int
}

// line returns the i-th record without its newline.
func (t benchText) line(i int) []byte { return t.data[t.off[i] : t.off[i+1]-1] }

// prefix returns the first n records, a valid file on its own.
func (t benchText) prefix(n int) []byte { return t.data[:t.off[n]] }

// perRecord is the mean size of a record, for b.SetBytes.
func (t benchText) perRecord() int64 { return int64(len(t.data) / (len(t.off) - 1)) }

// benchSink counts what a reader reports.
func benchSink(facts, rejects *int) load.Sink {
	return load.Sink{
		Fact:   func(*fact.Fact) { *facts++ },
		Reject: func(issue.Issue) { *rejects++ },
		Issue:  func(issue.Issue) { *rejects++ },
	}
}

// BenchmarkDecodeLine decodes one JSON Lines record as the pipeline's
// workers do.
func BenchmarkDecodeLine(b *testing.B) {
	t := benchLines()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	rejected := 0
	for i := 0; i < b.N; i++ {
		j := i % benchPool
		f, is := load.DecodeLine("facts.jsonl", j+1, j, t.line(j))
		if f == nil && is == nil {
			b.Fatal("no fact and no issue")
		}
		if is != nil {
			rejected++
		}
	}
	if rejected > 0 {
		b.Fatalf("%d records rejected", rejected)
	}
}

// BenchmarkScanLines cuts JSON Lines into records, the engine's reader.
func BenchmarkScanLines(b *testing.B) {
	t := benchLines()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for left := b.N; left > 0; left -= benchPool {
		m := min(left, benchPool)
		err := load.ScanLines(bytes.NewReader(t.prefix(m)), 1<<20,
			func(_, _ int, line []byte) error { n++; return nil },
			func(_, _, _ int) error { return fmt.Errorf("line too long") })
		if err != nil {
			b.Fatal(err)
		}
	}
	if n != b.N {
		b.Fatalf("scanned %d lines, want %d", n, b.N)
	}
}

// BenchmarkReadJSONL reads JSON Lines through load.ReadJSONL, the
// FactReader of .jsonl files.
func BenchmarkReadJSONL(b *testing.B) {
	t := benchLines()
	benchRead(b, t, "facts.jsonl", load.ReadJSONL, func(m int) io.Reader { return bytes.NewReader(t.prefix(m)) })
}

// BenchmarkReadJSON reads the same records from a JSON array through
// load.ReadJSON, the FactReader of .json files.
func BenchmarkReadJSON(b *testing.B) {
	t := benchArray()
	benchRead(b, t, "facts.json", load.ReadJSON, func(m int) io.Reader {
		return io.MultiReader(bytes.NewReader(t.data[:t.off[m]]), strings.NewReader("]\n"))
	})
}

// BenchmarkReadYAML reads the same records from a YAML sequence.
func BenchmarkReadYAML(b *testing.B) {
	t := benchYAML()
	benchRead(b, t, "facts.yaml", load.ReadYAML, func(m int) io.Reader { return bytes.NewReader(t.prefix(m)) })
}

// benchAppendYAML writes rec as a block mapping, the first key after lead
// ("- " for a sequence item) and the others indented to match.
func benchAppendYAML(b []byte, rec []pollgen.KV, lead string) []byte {
	indent := strings.Repeat(" ", len(lead))
	for i, e := range rec {
		if i == 0 {
			b = append(b, lead...)
		} else {
			b = append(b, indent...)
		}
		b = append(b, e.K...)
		b = append(b, ':')
		if sub, ok := e.V.([]pollgen.KV); ok {
			b = append(b, '\n')
			b = benchAppendYAML(b, sub, indent+"  ")
			continue
		}
		b = append(b, ' ')
		b = pollgen.AppendScalar(b, e.V)
		b = append(b, '\n')
	}
	return b
}

// BenchmarkDecodeYAMLRecord decodes one item of a YAML fact file as the
// pipeline's workers do, after ScanYAML cut it.
func BenchmarkDecodeYAMLRecord(b *testing.B) {
	t := benchYAML()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % benchPool
		raw := t.data[t.off[j]:t.off[j+1]]
		f, is, _ := load.DecodeYAMLRecord("facts.yaml", fact.Pos{Line: 1 + 9*j, Col: 1}, j, raw, 0)
		if f == nil || is != nil {
			b.Fatalf("item %d rejected: %v", j, is)
		}
	}
}

// benchCSV is a CSV fact file of poll rows that cite a document, as
// bench/citegen writes them: a header, then one row a record.
var benchCSV = sync.OnceValue(func() benchText {
	var t benchText
	t.data = append(t.data, "kind,countries,year,source,population,measure,value,evidence.document,evidence.quote\n"...)
	for i := 1; i <= benchPool; i++ {
		t.off = append(t.off, len(t.data))
		year, value := 1990+i%30, fmt.Sprintf("%d.%d", i%100, i%10)
		t.data = fmt.Appendf(t.data, "poll,MLI;USA,%d,World Poll,Malians,approve,%s,mli-usa-polls,\"In the %d World Poll, %s%% of Malians approved of the leadership of the United States.\"\n",
			year, value, year, value)
	}
	t.off = append(t.off, len(t.data))
	return t
})

// BenchmarkReadCSV reads CSV rows through load.ReadCSV, the FactReader of
// .csv files.
func BenchmarkReadCSV(b *testing.B) {
	t := benchCSV()
	benchRead(b, t, "facts.csv", load.ReadCSV, func(m int) io.Reader { return bytes.NewReader(t.prefix(m)) })
}

// benchRead reads the first records of t through read, b.N records in
// all, as a run reads a fact file of that format.
func benchRead(b *testing.B, t benchText, file string, read func(string, io.Reader, load.Sink) error, src func(m int) io.Reader) {
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	var facts, rejects int
	for left := b.N; left > 0; left -= benchPool {
		m := min(left, benchPool)
		if err := read(file, src(m), benchSink(&facts, &rejects)); err != nil {
			b.Fatal(err)
		}
	}
	if facts+rejects != b.N || rejects > 0 {
		b.Fatalf("%d facts and %d rejects, want %d facts", facts, rejects, b.N)
	}
}
