package main

import (
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a bar on stderr for runs longer than a second, and only
// when stderr is a terminal (never in CI logs or when piped) and --quiet
// is not given. It counts the bytes of fact files read.
type progress struct {
	w       io.Writer
	total   int64
	start   time.Time
	done    atomic.Int64
	bar     *progressbar.ProgressBar
	enabled bool
}

func newProgress(w io.Writer, files []string, quiet bool) *progress {
	p := &progress{w: w, start: time.Now()}
	f, ok := w.(*os.File)
	p.enabled = !quiet && ok && term.IsTerminal(int(f.Fd()))
	for _, name := range files {
		if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
			p.total += st.Size()
		} else if err == nil && st.IsDir() {
			if ents, err := os.ReadDir(name); err == nil {
				for _, e := range ents {
					if info, err := e.Info(); err == nil {
						p.total += info.Size()
					}
				}
			}
		}
	}
	return p
}

// add counts n more bytes read; it is called from one goroutine.
func (p *progress) add(n int64) {
	if !p.enabled {
		return
	}
	done := p.done.Add(n)
	if p.bar == nil {
		if time.Since(p.start) < time.Second {
			return
		}
		p.bar = progressbar.NewOptions64(p.total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("reading facts"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30))
		p.bar.Set64(done - n)
	}
	p.bar.Add64(n)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// callback returns the pipeline's Progress hook, nil when nothing shows.
func (p *progress) callback() func(int64) {
	if !p.enabled {
		return nil
	}
	return p.add
}
