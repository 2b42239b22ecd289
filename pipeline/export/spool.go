package export

import (
	"bufio"
	"io"
	"os"
)

// spoolPrefix names the scratch files a run keeps inside the output folder
// (never outside it) while facts stream in; they are removed when the run
// ends, and a killed run's are removed by the next one.
const spoolPrefix = ".spool-"

// spool is a scratch file written once, in order, then read back.
type spool struct {
	f *os.File
	w *bufio.Writer
	n int64
}

func (d *Dir) spool(name string) (*spool, error) {
	f, err := os.CreateTemp(d.Root, spoolPrefix+safeName(name)+"-*")
	if err != nil {
		return nil, err
	}
	s := &spool{f: f, w: bufio.NewWriterSize(f, 1<<18)}
	d.mu.Lock()
	d.spools = append(d.spools, s)
	d.mu.Unlock()
	return s, nil
}

func (s *spool) Write(b []byte) (int, error) {
	n, err := s.w.Write(b)
	s.n += int64(n)
	return n, err
}

func (s *spool) WriteString(b string) (int, error) {
	n, err := s.w.WriteString(b)
	s.n += int64(n)
	return n, err
}

// reader returns the bytes [from, to) written so far, to be read once.
// It reads the file itself, so that io.Copy to an *os.File copies in the
// kernel (copy_file_range), without passing the bytes through the process.
func (s *spool) reader(from, to int64) (io.Reader, error) {
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	if _, err := s.f.Seek(from, io.SeekStart); err != nil {
		return nil, err
	}
	return io.LimitReader(s.f, to-from), nil
}

func (s *spool) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}
