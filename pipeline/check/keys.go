package check

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/schema"
)

// Index holds what the checks across records need to remember of each
// fact, never the whole record: for the key checks, the first fact of each
// key (key.Of) is kept as a 64-bit hash of the key in memory (12 bytes a
// slot) and, in a spill the run rarely reads back, its id, place, document,
// full key and a 64-bit digest of each field. Add facts in input order,
// then call Finish.
type Index struct {
	keys    [256]keyTable // by the hash's top byte, so that each grows on its own
	spill   spill
	files   intern
	docs    intern
	names   intern // field names
	cur     []fieldDigest
	rec     []byte
	buf     []byte
	events  map[string][]dated // by country pair
	founded map[string]dated   // relations-established, by country pair
	issues  []issue.Issue
}

// seen is what the index remembers of a key's first fact.
type seen struct {
	id, file, doc string
	pos           fact.Pos
	match         uint64        // hash of the key
	full          uint64        // hash of the key at full precision
	fields        []fieldDigest // by name index
}

type fieldDigest struct {
	name   uint32 // in Index.names
	digest uint64 // of the field's exact value
}

type dated struct {
	date, typ, id, file string
	pos                 fact.Pos
}

// intern numbers strings in the order first seen.
type intern struct {
	index map[string]uint32
	list  []string
}

func (n *intern) of(s string) uint32 {
	if i, ok := n.index[s]; ok {
		return i
	}
	if n.index == nil {
		n.index = map[string]uint32{}
	}
	i := uint32(len(n.list))
	n.index[s] = i
	n.list = append(n.list, s)
	return i
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{events: map[string][]dated{}, founded: map[string]dated{}, buf: make([]byte, 512)}
}

// Add records one exported fact and reports, at once, a duplicate or a
// conflict with a fact of the same key (key.Of) seen before. It returns
// false, and records nothing, when f repeats an earlier fact exactly (every
// field the same, evidence included): the caller leaves f out, and the
// issue names the fact kept and where it is.
//
// Same key, same fields: key.duplicate (info). A field differs: conflict.value,
// an error when both facts come from the same document (or none), a warning
// naming both documents when two sources disagree.
func (x *Index) Add(k *schema.Kind, f *fact.Fact) bool {
	return x.AddEntry(k, f, KeyEntry(k, f))
}

// Entry is what Index.Add needs of a fact: the hashes of its key, its
// document, and a digest of each field. KeyEntry computes it from the fact
// alone, so that a run computes it on its workers and the ordered Add
// only looks it up.
type Entry struct {
	stated      bool
	match, full uint64
	doc         string
	fields      []namedDigest
}

type namedDigest struct {
	name   string
	digest uint64
}

// KeyEntry returns what Index.Add needs of f, a fact of kind k. It reads
// nothing but the fact, so it can run on many facts at once; the fact
// must not change before it is added.
func KeyEntry(k *schema.Kind, f *fact.Fact) *Entry {
	var buf [512]byte
	full, stated := key.AppendFull(buf[:0], k.Name, k.Key, f.Fields)
	if !stated {
		return &Entry{}
	}
	e := &Entry{stated: true, full: hash64(full), doc: f.String("/evidence/document"),
		fields: make([]namedDigest, 0, len(f.Fields))}
	match, _ := key.AppendMatch(buf[:0], k.Name, k.Key, f.Fields)
	e.match = hash64(match)
	for name, v := range f.Fields {
		e.fields = append(e.fields, namedDigest{name, hash64(key.AppendExact(buf[:0], v))})
	}
	return e
}

// AddEntry is Add with what KeyEntry computed of f.
func (x *Index) AddEntry(k *schema.Kind, f *fact.Fact, e *Entry) bool {
	if !e.stated {
		x.addDated(f)
		return true
	}
	x.cur = x.cur[:0]
	for _, nd := range e.fields {
		x.cur = append(x.cur, fieldDigest{x.names.of(nd.name), nd.digest})
	}
	slices.SortFunc(x.cur, func(a, b fieldDigest) int { return cmp.Compare(a.name, b.name) })
	doc := e.doc
	table, tag := &x.keys[e.match>>56], tagOf(e.match)
	var prev seen
	found, broken := false, false
	table.find(tag, func(ref uint32) bool {
		s, err := x.decode(ref)
		if err != nil {
			broken = true
			return true
		}
		if s.match == e.match {
			prev, found = s, true
		}
		return found
	})
	if broken { // the spill could not be read back: the fact is kept, unchecked
		x.addDated(f)
		return true
	}
	if !found {
		table.put(tag, x.spill.add(x.encode(f, doc, e.match, e.full)))
		x.addDated(f)
		return true
	}
	where := fmt.Sprintf("%s:%d", prev.file, prev.pos.Line)
	if slices.Equal(prev.fields, x.cur) {
		x.issues = append(x.issues, at(f, issue.Info, "key.duplicate", "",
			fmt.Sprintf("same %s as %s (%s): this fact repeats it exactly and is left out", k.Name, prev.id, where)))
		return false
	}
	x.addDated(f)
	// A key field compared at a coarser precision (date:year) that differs
	// in full names another fact of the same document: two coups in one
	// year. Across documents it is a disagreement, reported below.
	if (prev.doc == doc || prev.doc == "" || doc == "") && prev.full != e.full {
		return true
	}
	var diff []string
	for _, c := range x.cur {
		name := x.names.list[c.name]
		if name == "evidence" || name == "id" || slices.Contains(k.Key, name) {
			continue
		}
		i, ok := slices.BinarySearchFunc(prev.fields, c.name, func(d fieldDigest, n uint32) int { return cmp.Compare(d.name, n) })
		if ok && prev.fields[i].digest != c.digest {
			diff = append(diff, name)
		}
	}
	slices.Sort(diff)
	switch {
	case len(diff) == 0:
		x.issues = append(x.issues, at(f, issue.Info, "key.duplicate", "",
			fmt.Sprintf("same %s as %s (%s): this fact repeats it", k.Name, prev.id, where)))
	case prev.doc != doc && prev.doc != "" && doc != "":
		x.issues = append(x.issues, at(f, issue.Warning, "conflict.value", fact.Pointer(diff[0]),
			fmt.Sprintf("documents %q and %q disagree on %s: compare %s at %s", doc, prev.doc, strings.Join(diff, ", "), prev.id, where)))
	default:
		x.issues = append(x.issues, at(f, issue.Error, "conflict.value", fact.Pointer(diff[0]),
			fmt.Sprintf("%s differs from the same %s at %s (%s)", strings.Join(diff, ", "), k.Name, where, prev.id)))
	}
	return true
}

// encode writes what the index remembers of f (its digests in x.cur).
func (x *Index) encode(f *fact.Fact, doc string, match, full uint64) []byte {
	b := x.rec[:0]
	b = binary.LittleEndian.AppendUint64(b, match)
	b = binary.AppendUvarint(b, uint64(len(f.ID)))
	b = append(b, f.ID...)
	b = binary.AppendUvarint(b, uint64(x.files.of(f.File)))
	b = binary.AppendUvarint(b, uint64(f.Pos.Line))
	b = binary.AppendUvarint(b, uint64(f.Pos.Col))
	b = binary.AppendUvarint(b, uint64(x.docs.of(doc)))
	b = binary.LittleEndian.AppendUint64(b, full)
	b = binary.AppendUvarint(b, uint64(len(x.cur)))
	for _, c := range x.cur {
		b = binary.AppendUvarint(b, uint64(c.name))
		b = binary.LittleEndian.AppendUint64(b, c.digest)
	}
	x.rec = b
	return b
}

func (x *Index) decode(ref uint32) (seen, error) {
	b, err := x.spill.get(ref, x.buf)
	if err != nil {
		return seen{}, err
	}
	r := reader{b: b}
	var s seen
	s.match = r.u64()
	s.id = string(r.bytes())
	s.file = r.name(x.files.list)
	s.pos.Line = int(r.uint())
	s.pos.Col = int(r.uint())
	s.doc = r.name(x.docs.list)
	s.full = r.u64()
	n := int(r.uint())
	s.fields = make([]fieldDigest, n)
	for i := range s.fields {
		s.fields[i] = fieldDigest{uint32(r.uint()), r.u64()}
	}
	if r.bad {
		return seen{}, errors.New("index spill: bad record")
	}
	return s, nil
}

// reader decodes a record of the spill.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

// name reads an index into list.
func (r *reader) name(list []string) string {
	i := r.uint()
	if i >= uint64(len(list)) {
		r.bad = true
		return ""
	}
	return list[i]
}

func (r *reader) u64() uint64 {
	if len(r.b) < 8 {
		r.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uint()
	if uint64(len(r.b)) < n {
		r.bad = true
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (x *Index) addDated(f *fact.Fact) {
	if f.Kind != "event" {
		return
	}
	date, _ := f.Fields["date"].(string)
	if !isoDateRE.MatchString(date) {
		return
	}
	pair := key.Exact(f.Fields["countries"])
	d := dated{date: date, typ: f.String("/type"), id: f.ID, file: f.File, pos: f.Locate("/date")}
	if d.typ == "relations-established" {
		if _, ok := x.founded[pair]; !ok {
			x.founded[pair] = d
		}
		return
	}
	x.events[pair] = append(x.events[pair], d)
}

// Take returns the issues found so far and forgets them, so that a caller
// can tell which fact they came with.
func (x *Index) Take() []issue.Issue {
	out := x.issues
	x.issues = nil
	return out
}

// Finish reports what needs every fact seen: events dated before the pair
// established relations (date.order). It returns every issue of the index.
func (x *Index) Finish() []issue.Issue {
	for pair, evs := range x.events {
		est, ok := x.founded[pair]
		if !ok {
			continue
		}
		for _, e := range evs {
			if before(e.date, est.date) {
				x.issues = append(x.issues, issue.Issue{Severity: issue.Warning, Code: "date.order", File: e.file, Line: e.pos.Line, Column: e.pos.Col,
					Pointer: "/date", Record: e.id,
					Message: fmt.Sprintf("%s event dated %s, before the pair established relations on %s (%s)", e.typ, e.date, est.date, est.id)})
			}
		}
	}
	issue.Sort(x.issues)
	x.spill.close()
	return x.issues
}

// before compares ISO dates of any precision: only what both state counts,
// so 1960 is not before 1960-09-24.
func before(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}
