package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"dossier/pipeline"
	"dossier/pipeline/export"
)

func openFiles(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd here")
	}
	return len(ents)
}

// TestSoak runs the whole pipeline and export many times in one process:
// goroutines, open files and live memory must not grow from run to run.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test")
	}
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts.jsonl")
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, `{"kind":"poll","countries":["MLI","USA"],"year":2007,"source":"Survey %d","population":"Malians","measure":"favorable","value":79,"evidence":{"document":"mali-united-states","quote":"According to a 2007 global opinion poll, 79%% of Malians view the United States favorably."}}`+"\n", i)
	}
	b.WriteString("not json\n")
	if err := os.WriteFile(facts, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	once := func() {
		w, err := export.NewWriter(filepath.Join(dir, "out"), nil, export.Options{Version: "soak"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = pipeline.Run(context.Background(), pipeline.Options{
			Sources: "../sources", Facts: []string{facts, "../sources/facts"}, Schemas: "../schemas",
			Jobs: 8, Extract: true, Sink: w,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	settle := func() (int, int, uint64) {
		for range 3 {
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return runtime.NumGoroutine(), openFiles(t), m.HeapAlloc
	}
	once() // warm caches and pools
	g0, f0, h0 := settle()
	for range 10 {
		once()
	}
	g1, f1, h1 := settle()
	if g1 > g0 {
		t.Errorf("goroutines grew from %d to %d", g0, g1)
	}
	if f1 > f0 {
		t.Errorf("open files grew from %d to %d", f0, f1)
	}
	if h1 > h0+8<<20 {
		t.Errorf("live heap grew from %d to %d bytes", h0, h1)
	}
}
