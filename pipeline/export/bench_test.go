package export

import (
	"bytes"
	"compress/flate"
	"context"
	"dossier/pipeline/internal/pollgen"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"dossier/pipeline"
	"dossier/pipeline/fact"
	"dossier/pipeline/model"

	kflate "github.com/klauspost/compress/flate"
)

// The exporters are measured on the peers' poll records (see
// /work/shared/peers/gen-facts) read by a run without a sink, which keeps
// its facts in Result.Facts; the run is made once and shared.

// benchN is how many records the run reads (about one in a thousand is
// invalid and rejected).
const benchN = 20_000

type benchData struct {
	res     *model.Result
	inBytes int64 // size of the JSON Lines read
}

var benchRun = sync.OnceValues(func() (benchData, error) {
	dir, err := os.MkdirTemp("", "dossier-export-bench-")
	if err != nil {
		return benchData{}, err
	}
	defer os.RemoveAll(dir) // the result keeps nothing of the files
	if err := os.WriteFile(filepath.Join(dir, "poll.schema.json"), []byte(pollgen.PeersSchema), 0o644); err != nil {
		return benchData{}, err
	}
	var data []byte
	r := pollgen.Rand(42)
	for i := 1; i <= benchN; i++ {
		data = pollgen.AppendJSON(data, pollgen.Record(r, i))
		data = append(data, '\n')
	}
	facts := filepath.Join(dir, "facts.jsonl")
	if err := os.WriteFile(facts, data, 0o644); err != nil {
		return benchData{}, err
	}
	res, err := pipeline.Run(context.Background(), pipeline.Options{Facts: []string{facts}, Schemas: dir})
	if err != nil {
		return benchData{}, err
	}
	if n := len(res.Facts["poll"]); n < benchN*99/100 || n == benchN {
		return benchData{}, fmt.Errorf("%d of %d records exported, want about 999 in 1000", n, benchN)
	}
	return benchData{res, int64(len(data))}, nil
})

func benchResult(b *testing.B) benchData {
	b.Helper()
	d, err := benchRun()
	if err != nil {
		b.Fatal(err)
	}
	return d
}

var benchOptions = Options{Version: "bench", FormulaGuard: true}

// benchWriter is a Writer of every format, started on the shared run.
func benchWriter(b *testing.B, r *model.Result) *Writer {
	b.Helper()
	w, err := NewWriter(b.TempDir(), nil, benchOptions)
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Start(r); err != nil {
		b.Fatal(err)
	}
	return w
}

func benchTreeSize(b *testing.B, root string) int64 {
	b.Helper()
	var n int64
	err := filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkWrite exports the run's ~20,000 facts with one exporter at a
// time (export.Write with that name only). MB/s is of the JSON Lines read;
// out-MB is what the exporter wrote.
func BenchmarkWrite(b *testing.B) {
	d := benchResult(b)
	n := len(d.res.Facts["poll"])
	for _, name := range []string{"json", "csv", "xlsx", "datapackage", "report", "rejected"} {
		b.Run(name, func(b *testing.B) {
			root := b.TempDir()
			b.SetBytes(d.inBytes)
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(root, d.res, []string{name}, benchOptions); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "facts/s")
			b.ReportMetric(float64(benchTreeSize(b, root))/1e6, "out-MB")
		})
	}
}

// BenchmarkPrepare renders one fact for every format, the part of the
// export that runs on the pipeline's workers. MB/s is of the record as read.
func BenchmarkPrepare(b *testing.B) {
	d := benchResult(b)
	w := benchWriter(b, d.res)
	defer w.Abort()
	k, facts := d.res.Schemas.Kinds["poll"], d.res.Facts["poll"]
	b.SetBytes(d.inBytes / benchN)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p, ok := w.Prepare(k, facts[i%len(facts)]).(*prepared)
		if !ok {
			b.Fatal("nothing prepared")
		}
		p.release() // as Fact does once it has written the fact
	}
}

// BenchmarkWriterFact writes one prepared fact, the ordered part of the
// export (one goroutine). A fresh Writer takes over every run's worth of
// facts, outside the timer.
func BenchmarkWriterFact(b *testing.B) {
	d := benchResult(b)
	k, facts := d.res.Schemas.Kinds["poll"], d.res.Facts["poll"]
	w := benchWriter(b, d.res)
	prepared := make([]any, len(facts))
	prepare := func() { // Fact gives what it wrote back to Prepare's pool
		for i, f := range facts {
			prepared[i] = w.Prepare(k, f)
		}
	}
	prepare()
	b.SetBytes(d.inBytes / benchN)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(facts)
		if j == 0 && i > 0 {
			b.StopTimer()
			w.Abort()
			w = benchWriter(b, d.res)
			prepare()
			b.StartTimer()
		}
		if err := w.Fact(facts[j], prepared[j]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	w.Abort()
}

// benchRows returns the cells of every fact in the poll table.
func benchRows(w *Writer, facts []*fact.Fact) (*Table, [][]any) {
	t := w.streams["poll"].t
	rows := make([][]any, len(facts))
	for i, f := range facts {
		rows[i] = make([]any, len(t.Columns))
		t.FactRow(f, rows[i])
	}
	return t, rows
}

// BenchmarkRenderRow renders the CSV record and XLSX cells of one fact's
// row. MB/s is of the text made.
func BenchmarkRenderRow(b *testing.B) {
	d := benchResult(b)
	w := benchWriter(b, d.res)
	defer w.Abort()
	t, rows := benchRows(w, d.res.Facts["poll"])
	var out int
	for _, row := range rows {
		r := renderRow(t, row, &w.style, true, nil)
		out += len(r.csv) + len(r.cells)
	}
	b.SetBytes(int64(out / len(rows)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		renderRow(t, rows[i%len(rows)], &w.style, true, nil)
	}
}

// BenchmarkAppendFact writes one fact as a line of dossier.json.
func BenchmarkAppendFact(b *testing.B) {
	d := benchResult(b)
	facts := d.res.Facts["poll"]
	order := topKeys(d.res.Schemas.Kinds["poll"])
	var out int
	for _, f := range facts {
		out += len(appendFact(nil, order, f))
	}
	b.SetBytes(int64(out / len(facts)))
	b.ReportAllocs()
	buf := make([]byte, 0, 4096)
	for i := 0; b.Loop(); i++ {
		buf = appendFact(buf[:0], order, facts[i%len(facts)])
	}
}

// benchSheetRows renders the run's facts as sheet rows and returns them,
// the starts of the sheet's cells and the rows as the workbook's sheet XML
// would hold them.
func benchSheetRows(b *testing.B) ([]*rendered, []string, []byte) {
	d := benchResult(b)
	w := benchWriter(b, d.res)
	defer w.Abort()
	t, rows := benchRows(w, d.res.Facts["poll"])
	rs := make([]*rendered, len(rows))
	var xml []byte
	for i, row := range rows {
		rs[i] = renderRow(t, row, &w.style, true, nil)
		xml = appendRow(xml, rs[i], i+2, w.streams["poll"].cellOpen)
	}
	return rs, w.streams["poll"].cellOpen, xml
}

// BenchmarkAppendRow assembles one rendered row of a sheet.
func BenchmarkAppendRow(b *testing.B) {
	rs, open, xml := benchSheetRows(b)
	b.SetBytes(int64(len(xml) / len(rs)))
	b.ReportAllocs()
	buf := make([]byte, 0, 4096)
	for i := 0; b.Loop(); i++ {
		buf = appendRow(buf[:0], rs[i%len(rs)], i%len(rs)+2, open)
	}
}

// BenchmarkParallelDeflate compresses a sheet's rows (the run's facts as
// sheet XML) as the workbook's sheets are written: BestSpeed, 32 KiB
// writes. "serial" is one compressor alone, "serial-stdlib" the standard
// library's, for comparison.
func BenchmarkParallelDeflate(b *testing.B) {
	_, _, xml := benchSheetRows(b)
	const chunk = 32 << 10
	writeAll := func(w io.Writer) {
		for off := 0; off < len(xml); off += chunk {
			w.Write(xml[off:min(off+chunk, len(xml))])
		}
	}
	b.Run("parallel", func(b *testing.B) {
		b.SetBytes(int64(len(xml)))
		b.ReportAllocs()
		var out int64
		for b.Loop() {
			p := newParallelDeflate(io.Discard)
			writeAll(p)
			if err := p.Close(); err != nil {
				b.Fatal(err)
			}
			out = p.out
		}
		b.ReportMetric(float64(len(xml))/float64(out), "ratio")
	})
	serial := func(name string, newWriter func(io.Writer) (io.WriteCloser, error)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(xml)))
			b.ReportAllocs()
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				fw, _ := newWriter(&out)
				writeAll(fw)
				if err := fw.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(xml))/float64(out.Len()), "ratio")
		})
	}
	serial("serial", func(w io.Writer) (io.WriteCloser, error) { return kflate.NewWriter(w, kflate.BestSpeed) })
	serial("serial-stdlib", func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
}
