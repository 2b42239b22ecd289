package key

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/fact"
)

// ID returns the id a fact of kind asks for: the one it gives, else one
// derived from its key ("official-mli-usa-usa-consular-officer-rebecca-drame"),
// else from its file and position. An extracted fact's derived id ends in
// "-extracted", so that a curated and an extracted fact never take each
// other's ids. Derived ids are readable in a spreadsheet and depend on
// nothing but the fact; long ones end in a short hash to stay unique.
func ID(kind string, spec []string, f *fact.Fact) string {
	if id, ok := f.Fields["id"].(string); ok && id != "" {
		return id
	}
	k := Of(kind, spec, f.Fields)
	full := kind + "-" + slug(strings.Join(k.Parts, " "))
	if len(spec) == 0 {
		full = fmt.Sprintf("%s-%s-%d", kind, slug(f.File), f.Index+1)
	}
	if f.Origin == fact.Extracted {
		full += "-extracted"
	}
	if len(full) <= 96 {
		return full
	}
	return strings.TrimRight(full[:80], "-") + "-" + shortHash(full, 4)
}

func shortHash(s string, n int) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:n])
}

// slug lowercases, drops diacritics and joins words with "-".
func slug(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return slugRunes(norm.NFD.String(s))
		}
	}
	return slugASCII(s)
}

// slugASCII is slug of ASCII text, without the Unicode tables.
func slugASCII(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		dash = true
	}
	return string(b)
}

// slugRunes is slug of text already decomposed (NFD).
func slugRunes(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

// IDs keeps the ids of a run unique within each kind, as the exports'
// primary keys need. Only a 64-bit hash of each id is kept, in sets of
// about 10 bytes an id (a run of a million facts holds 12 MB, where a Go
// map held 38), 256 of them chosen by the hash, so that each grows on its
// own and growing never holds two copies of them all.
type IDs struct {
	taken [256]hashSet
}

// NewIDs returns an empty set of ids.
func NewIDs() *IDs {
	return &IDs{}
}

// Free returns the id f would take, without taking it: f.ID when it is
// free; else, for a derived id, f.ID followed by a short hash of f's own
// evidence (so a second fact of the same key, from another quote, is named
// by what it says, not by how many came before it), or of all its fields.
// ok is false when f.ID was given in the record and is taken.
func (s *IDs) Free(f *fact.Fact) (id string, ok bool) {
	if !s.has(f.Kind, f.ID) {
		return f.ID, true
	}
	if given, _ := f.Fields["id"].(string); given != "" {
		return f.ID, false
	}
	for _, v := range []any{f.Fields["evidence"], f.Fields} {
		id := f.ID + "-" + shortHash(Exact(v), 3)
		if !s.has(f.Kind, id) {
			return id, true
		}
	}
	for n := 2; ; n++ { // a repeat the index let through: unreachable in a run
		id := fmt.Sprintf("%s-%d", f.ID, n)
		if !s.has(f.Kind, id) {
			return id, true
		}
	}
}

// Take records that the id is taken within kind.
func (s *IDs) Take(kind, id string) {
	h := hash(kind, id)
	s.taken[h>>56].add(h)
}

func (s *IDs) has(kind, id string) bool {
	h := hash(kind, id)
	return s.taken[h>>56].has(h)
}

func hash(kind, id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(id))
	return h.Sum64()
}
