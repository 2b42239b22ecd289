package check

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"runtime"
)

// keyTable finds where the first fact of a key is in the index's spill:
// a slot of 8 bytes holds 32 bits of the key's hash (its tag) and the
// record's reference, in open addressing with linear probing, filled to at
// most four fifths before it grows by half. A tag is not the key: a caller
// holds each record found against the whole hash the record keeps.
type keyTable struct {
	slots []uint64 // tag<<32 | ref+1; 0 is an empty slot
	n     int
}

// tagOf is the part of a 64-bit hash a keyTable keeps (never 0). Index
// chooses among its tables by the hash's top byte: the tag is the bottom.
func tagOf(h uint64) uint32 {
	if t := uint32(h); t != 0 {
		return t
	}
	return 1
}

// find calls visit with the reference of each record whose tag is tag,
// until visit returns true.
func (t *keyTable) find(tag uint32, visit func(ref uint32) bool) {
	if len(t.slots) == 0 {
		return
	}
	for i := t.home(tag); t.slots[i] != 0; i = t.next(i) {
		if uint32(t.slots[i]>>32) == tag && visit(uint32(t.slots[i])-1) {
			return
		}
	}
}

// put records a reference under tag.
func (t *keyTable) put(tag, ref uint32) {
	if (t.n+1)*5 > len(t.slots)*4 {
		t.grow()
	}
	i := t.home(tag)
	for t.slots[i] != 0 {
		i = t.next(i)
	}
	t.slots[i] = uint64(tag)<<32 | uint64(ref+1)
	t.n++
}

func (t *keyTable) home(tag uint32) int {
	return int(uint64(tag*0x9e3779b9) * uint64(len(t.slots)) >> 32)
}

func (t *keyTable) next(i int) int {
	if i++; i == len(t.slots) {
		return 0
	}
	return i
}

func (t *keyTable) grow() {
	old := t.slots
	t.slots, t.n = make([]uint64, max(64, len(old)*3/2)), 0
	for _, s := range old {
		if s != 0 {
			t.put(uint32(s>>32), uint32(s)-1)
		}
	}
}

// hash64 is FNV-1a of s, never 0.
func hash64[T string | []byte](s T) uint64 {
	// FNV-1a, as hash/fnv's New64a computes it, without its allocations.
	v := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		v ^= uint64(s[i])
		v *= 1099511628211
	}
	if v != 0 {
		return v
	}
	return 1
}

// spillAlign aligns the records of a spill, so that a 32-bit reference
// reaches 32 GiB of them.
const spillAlign = 8

// spillMem is how much of a spill is kept in memory before it goes to a
// file; a run with fewer keys never makes one.
const spillMem = 1 << 20

// spill is an append-only store of records that a run rarely reads back:
// the first 1 MiB in memory, the rest in a temporary file (in os.TempDir,
// removed when the run ends; on Unix at once, while it stays open), so
// that what the index remembers of each fact does not grow the heap. If no
// temporary file can be made, it stays in memory.
type spill struct {
	f    *os.File
	base int64  // file offset of mem[0]
	mem  []byte // records not yet written to f
	err  error  // the first error writing f; records stay in memory after it
	tmp  string // the file's name, when it could not be removed while open
}

// add appends a record and returns its reference.
func (s *spill) add(rec []byte) uint32 {
	if pad := (s.base + int64(len(s.mem))) % spillAlign; pad != 0 {
		s.mem = append(s.mem, make([]byte, spillAlign-pad)...)
	}
	off := s.base + int64(len(s.mem))
	s.mem = binary.AppendUvarint(s.mem, uint64(len(rec)))
	s.mem = append(s.mem, rec...)
	if len(s.mem) >= spillMem {
		s.flush()
	}
	return uint32(off / spillAlign)
}

func (s *spill) flush() {
	if s.err != nil {
		return
	}
	if s.f == nil {
		f, err := os.CreateTemp("", "dossier-index-*")
		if err != nil {
			s.err = err
			return
		}
		if runtime.GOOS == "windows" || os.Remove(f.Name()) != nil {
			s.tmp = f.Name()
		}
		s.f = f
	}
	if _, err := s.f.WriteAt(s.mem, s.base); err != nil {
		s.err = err
		return
	}
	s.base += int64(len(s.mem))
	s.mem = s.mem[:0]
}

// get returns the record at ref; buf is reused when it is large enough.
func (s *spill) get(ref uint32, buf []byte) ([]byte, error) {
	off := int64(ref) * spillAlign
	if off >= s.base {
		b := s.mem[off-s.base:]
		n, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, errors.New("index spill: bad record")
		}
		return b[k : k+int(n)], nil
	}
	head := buf[:cap(buf)]
	if len(head) < binary.MaxVarintLen64 {
		head = make([]byte, 256)
	}
	m, err := s.f.ReadAt(head, off)
	if m < binary.MaxVarintLen64 && err != nil && !(err == io.EOF && m > 0) {
		return nil, err
	}
	n, k := binary.Uvarint(head[:m])
	if k <= 0 {
		return nil, errors.New("index spill: bad record")
	}
	end := k + int(n)
	if end <= m {
		return head[k:end], nil
	}
	rec := make([]byte, n)
	if _, err := s.f.ReadAt(rec, off+int64(k)); err != nil {
		return nil, err
	}
	return rec, nil
}

// close removes the temporary file.
func (s *spill) close() {
	if s.f != nil {
		s.f.Close()
		if s.tmp != "" {
			os.Remove(s.tmp)
		}
	}
	*s = spill{}
}
