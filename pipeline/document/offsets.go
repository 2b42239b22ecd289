package document

import (
	"slices"
	"sort"
	"unicode/utf8"

	"dossier/pipeline/fact"
)

// Map leads from offsets in a derived text back to offsets in the text it
// was derived from. It is a list of runs: an exact run copied bytes one for
// one; an inexact run (a replacement) maps every byte to its source start,
// and stands for a known number of source bytes.
//
// Offsets are monotonic as long as runs are added in source order: Raw never
// goes backwards when the derived offset grows.
type Map struct {
	runs []run
	n    int // length of the derived text
}

// run is 32-bit, since a document is far under 2 GiB (limits.document_bytes):
// a map holds a run for every replacement (each white space run folded),
// and documents are many.
type run struct {
	out, src, n int32
	srcN        int32 // source bytes the run stands for (n when exact)
	exact       bool
}

// Add records that the next n derived bytes come from src (exactly, byte
// for byte, when exact is true). An inexact run added this way stands for
// one source byte; use Replace when the length of the source is known.
func (m *Map) Add(src, n int, exact bool) {
	if n <= 0 {
		return
	}
	if !exact {
		m.Replace(src, 1, n)
		return
	}
	if k := len(m.runs); k > 0 {
		last := &m.runs[k-1]
		if last.exact && int(last.out+last.n) == m.n && int(last.src+last.n) == src {
			last.n += int32(n)
			last.srcN += int32(n)
			m.n += n
			return
		}
	}
	m.runs = append(m.runs, run{out: int32(m.n), src: int32(src), n: int32(n), srcN: int32(n), exact: true})
	m.n += n
}

// Replace records that the next n derived bytes replace the srcN source
// bytes at src (a folded dash run, a white space run, a composed letter).
// Every one of the n bytes maps to src; the end of the run maps to
// src+srcN.
func (m *Map) Replace(src, srcN, n int) {
	if n <= 0 {
		return
	}
	if n == 1 && srcN == 1 {
		// One byte for one (a line break or tab folded to a space) maps
		// as an exact byte does, so it joins the runs around it: a map
		// then holds a run for each longer replacement, not each word.
		m.Add(src, 1, true)
		return
	}
	m.runs = append(m.runs, run{out: int32(m.n), src: int32(src), n: int32(n), srcN: int32(max(srcN, 0))})
	m.n += n
}

// Trim lets go of the room the map kept to grow: call it once the map is
// made, since a run keeps its map (and documents are many).
func (m *Map) Trim() {
	if cap(m.runs) > len(m.runs) {
		m.runs = slices.Clone(m.runs)
	}
}

// Len is the length of the derived text the map covers.
func (m *Map) Len() int { return m.n }

// Raw returns the source offset of derived offset off. An offset at the end
// maps just past the last run's source.
func (m *Map) Raw(off int) int {
	if len(m.runs) == 0 {
		return 0
	}
	i := sort.Search(len(m.runs), func(i int) bool { return int(m.runs[i].out) > off }) - 1
	if i < 0 {
		i = 0
	}
	r := m.runs[i]
	src, n, srcN := int(r.src), int(r.n), int(r.srcN)
	d := off - int(r.out)
	switch {
	case d <= 0:
		return src
	case d >= n: // past the end of the run: the end of its source
		return src + srcN
	case r.exact:
		return src + d
	}
	return src
}

// RawEnd returns the source offset where derived text ending at off ends:
// just past the source of derived byte off-1. It differs from Raw(off) when
// the text is followed by something that was folded or cut: a derived span
// [a, b) comes from source [Raw(a), RawEnd(b)), which covers the whole
// source of a replacement it ends in and nothing after it.
func (m *Map) RawEnd(off int) int {
	if len(m.runs) == 0 || off <= 0 {
		return m.Raw(off)
	}
	i := sort.Search(len(m.runs), func(i int) bool { return int(m.runs[i].out) >= off }) - 1
	if i < 0 {
		i = 0
	}
	r := m.runs[i]
	d := off - int(r.out)
	if r.exact && d < int(r.n) {
		return int(r.src) + d
	}
	return int(r.src + r.srcN)
}

// Lines maps byte offsets of a text to 1-based lines and columns, counting
// columns in runes. Line ends are \n, \r\n or a lone \r. It keeps where
// the lines start and where each rune of more than one byte ends, not the
// text: a run keeps the lines of every document.
type Lines struct {
	starts []int32
	size   int
	// ends are the offsets where the runes of more than one byte end, in
	// order; extra[i] is the bytes past one of the runes up to ends[i].
	ends, extra []int32
}

// NewLines indexes the line starts of data.
func NewLines(data []byte) *Lines {
	l := &Lines{starts: []int32{0}, size: len(data)}
	extra := int32(0)
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c >= utf8.RuneSelf:
			// A rune as utf8.RuneCount counts it: a byte that starts no
			// whole one counts alone.
			if r, n := utf8.DecodeRune(data[i:]); r != utf8.RuneError || n > 1 {
				extra += int32(n - 1)
				i += n - 1
				l.ends = append(l.ends, int32(i+1))
				l.extra = append(l.extra, extra)
			}
		case c == '\n':
			l.starts = append(l.starts, int32(i+1))
		case c == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			l.starts = append(l.starts, int32(i+1))
		}
	}
	l.starts, l.ends, l.extra = slices.Clone(l.starts), slices.Clone(l.ends), slices.Clone(l.extra)
	return l
}

// Pos returns the line and column of offset off.
func (l *Lines) Pos(off int) fact.Pos {
	if off > l.size {
		off = l.size
	}
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(l.starts), func(i int) bool { return int(l.starts[i]) > off }) - 1
	start := int(l.starts[i])
	return fact.Pos{Line: i + 1, Col: off - start - (l.extraUpTo(off) - l.extraUpTo(start)) + 1}
}

// extraUpTo is the bytes past one of the runes that end at or before off.
func (l *Lines) extraUpTo(off int) int {
	k := sort.Search(len(l.ends), func(k int) bool { return int(l.ends[k]) > off })
	if k == 0 {
		return 0
	}
	return int(l.extra[k-1])
}
