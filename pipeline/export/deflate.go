package export

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"sync"
)

// deflateChunk is how much uncompressed data one worker compresses at a
// time. Chunks are cut at fixed offsets, so the output does not depend on
// the number of workers.
const deflateChunk = 1 << 20

// parallelDeflate writes a raw DEFLATE stream (a zip entry's data) and
// compresses it on every core: each chunk is compressed on its own and ends
// with a sync flush, so the chunks concatenate into one valid stream, the
// way pigz does. It counts the CRC-32 and both sizes for the zip header.
type parallelDeflate struct {
	w       io.Writer
	level   int
	buf     []byte
	crc     uint32
	in, out int64

	queue chan *deflateJob
	sem   chan struct{}
	done  chan error
	pool  *sync.Pool
}

type deflateJob struct {
	data  []byte
	final bool
	out   bytes.Buffer
	ready chan struct{}
}

func newParallelDeflate(w io.Writer, level int) *parallelDeflate {
	workers := runtime.GOMAXPROCS(0)
	p := &parallelDeflate{
		w: w, level: level, buf: (*chunks.Get().(*[]byte))[:0],
		queue: make(chan *deflateJob, workers+1),
		sem:   make(chan struct{}, workers),
		done:  make(chan error, 1),
		pool: &sync.Pool{New: func() any {
			fw, _ := flate.NewWriter(io.Discard, level)
			return fw
		}},
	}
	go p.drain()
	return p
}

// drain writes compressed chunks in order as they become ready.
func (p *parallelDeflate) drain() {
	var err error
	for j := range p.queue {
		<-j.ready
		if err == nil {
			var n int
			n, err = p.w.Write(j.out.Bytes())
			p.out += int64(n)
		}
	}
	p.done <- err
}

// chunks recycles the 1 MiB input buffers.
var chunks = sync.Pool{New: func() any { b := make([]byte, 0, deflateChunk); return &b }}

func (p *parallelDeflate) submit(final bool) {
	j := &deflateJob{data: p.buf, final: final, ready: make(chan struct{})}
	p.buf = (*chunks.Get().(*[]byte))[:0]
	p.sem <- struct{}{}
	p.queue <- j
	go func() {
		defer func() { <-p.sem }()
		fw := p.pool.Get().(*flate.Writer)
		fw.Reset(&j.out)
		fw.Write(j.data) // writes to a bytes.Buffer cannot fail
		if j.final {
			fw.Close()
		} else {
			fw.Flush()
		}
		p.pool.Put(fw)
		buf := j.data[:0]
		chunks.Put(&buf)
		j.data = nil
		close(j.ready)
	}()
}

func (p *parallelDeflate) Write(b []byte) (int, error) {
	n := len(b)
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.in += int64(n)
	for len(b) > 0 {
		room := deflateChunk - len(p.buf)
		take := min(room, len(b))
		p.buf = append(p.buf, b[:take]...)
		b = b[take:]
		if len(p.buf) == deflateChunk {
			p.submit(false)
		}
	}
	return n, nil
}

// Close compresses what is left as the final block and waits for every
// chunk to be written.
func (p *parallelDeflate) Close() error {
	p.submit(true)
	close(p.queue)
	return <-p.done
}
