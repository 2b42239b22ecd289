package load_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// chunkReader gives its chunks one Read at a time and counts them.
type chunkReader struct {
	chunks []string
	served int
	err    error // after the chunks, instead of io.EOF
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.served == len(r.chunks) {
		if r.err != nil {
			return 0, r.err
		}
		return 0, io.EOF
	}
	n := copy(p, r.chunks[r.served])
	if n < len(r.chunks[r.served]) {
		r.chunks[r.served] = r.chunks[r.served][n:]
	} else {
		r.served++
	}
	return n, nil
}

// A .json file streams: each record reaches the sink before the reader
// has given the records after it.
func TestScanJSONStreams(t *testing.T) {
	r := &chunkReader{chunks: []string{"[\n", `{"kind":"a"}`, ",\n", `{"kind":"b"}`, ",\n", `{"kind":"c"}`, "\n]\n"}}
	var seen []string
	err := load.ScanJSON("f.json", r, 1<<20, load.RecordSink{
		Record: func(pos fact.Pos, index int, raw []byte) error {
			seen = append(seen, fmt.Sprintf("%d %s at %d:%d after %d of %d reads", index, raw, pos.Line, pos.Col, r.served, len(r.chunks)))
			if r.served >= len(r.chunks) {
				t.Errorf("record %d came after the whole file was read", index)
			}
			return nil
		},
		Reject: func(is issue.Issue) error { t.Errorf("reject %v", is); return nil },
		Issue:  func(is issue.Issue) error { t.Errorf("issue %v", is); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`0 {"kind":"a"} at 2:1 after 2 of 7 reads`,
		`1 {"kind":"b"} at 3:1 after 4 of 7 reads`,
		`2 {"kind":"c"} at 4:1 after 6 of 7 reads`,
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// A record past limits.record_bytes is rejected as load.too-large at its
// start, without being kept; the records after it load, at their places
// (columns still count characters when the cut falls inside one).
func TestScanJSONTooLarge(t *testing.T) {
	big := `{"kind":"big","s":"` + strings.Repeat("é", 50_000) + `"}`
	src := "[{\"kind\":\"a\"},\n  " + big + ", {\"kind\":\"é\"}, {\"kind\":\"c\"}\n]"
	// Fed in odd-sized reads, so that cuts fall inside "é".
	var chunks []string
	for i := 0; i < len(src); i += 4093 {
		chunks = append(chunks, src[i:min(i+4093, len(src))])
	}
	c := &collected{}
	sink := c.sink()
	sink.Limits = load.Limits{RecordBytes: 1000}
	if err := load.ReadJSON("f.json", &chunkReader{chunks: chunks}, sink); err != nil {
		t.Fatal(err)
	}
	if len(c.rejects) != 1 || c.rejects[0].Code != "load.too-large" || c.rejects[0].Line != 2 || c.rejects[0].Column != 3 ||
		!strings.Contains(c.rejects[0].Message, fmt.Sprintf("record 2 is %d bytes", len(big))) {
		t.Fatalf("rejects %v, want load.too-large for record 2 at 2:3", c.rejects)
	}
	if len(c.facts) != 3 || len(c.issues) != 0 {
		t.Fatalf("facts %d, issues %v", len(c.facts), c.issues)
	}
	for i, want := range []fact.Pos{{Line: 1, Col: 2}, posOf(t, src, `{"kind":"é"}`, 0), posOf(t, src, `{"kind":"c"}`, 0)} {
		if c.facts[i].Pos != want {
			t.Errorf("fact %d at %v, want %v", i, c.facts[i].Pos, want)
		}
	}
	if idx := []int{c.facts[0].Index, c.facts[1].Index, c.facts[2].Index}; fmt.Sprint(idx) != "[0 2 3]" {
		t.Errorf("indexes %v, want [0 2 3]", idx)
	}
}

// A read error is the scanner's error, not an issue.
func TestScanJSONReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, chunks := range [][]string{{}, {"["}, {`[{"kind":"a"}`}, {`[{"kind":"a"}, {"ki`}, {`[{"kind":"a"}]`}} {
		c := &collected{}
		err := load.ReadJSON("f.json", &chunkReader{chunks: chunks, err: boom}, c.sink())
		if !errors.Is(err, boom) {
			t.Errorf("%q: error %v, want %v", chunks, err, boom)
		}
		if len(c.all()) != 0 {
			t.Errorf("%q: issues %v, want none (the file was not read to its end)", chunks, c.all())
		}
	}
}

// The sink's error stops the scan and is returned.
func TestScanJSONSinkError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := load.ScanJSON("f.json", strings.NewReader(`[{"a":1},{"a":2},{"a":3}]`), 1<<20, load.RecordSink{
		Record: func(fact.Pos, int, []byte) error { n++; return stop },
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("error %v after %d records, want %v after 1", err, n, stop)
	}
}
