package check

import (
	"bytes"
	"fmt"
	"testing"
)

// Records read back the same from memory and from the file, whatever
// their size, on either side of the moment the spill goes to a file.
func TestSpill(t *testing.T) {
	var s spill
	defer s.close()
	var refs []uint32
	var recs [][]byte
	for i := range 20_000 {
		rec := bytes.Repeat([]byte(fmt.Sprintf("record %d;", i)), 1+i%7)
		if i%5000 == 17 {
			rec = bytes.Repeat([]byte("long"), 300) // past a first read
		}
		refs = append(refs, s.add(rec))
		recs = append(recs, rec)
		if i%997 == 0 { // read back while writing
			j := i / 2
			if got, err := s.get(refs[j], make([]byte, 64)); err != nil || !bytes.Equal(got, recs[j]) {
				t.Fatalf("record %d read during writing: %q, %v", j, got, err)
			}
		}
	}
	if s.f == nil {
		t.Fatal("the spill never went to a file")
	}
	for i, ref := range refs {
		got, err := s.get(ref, nil)
		if err != nil || !bytes.Equal(got, recs[i]) {
			t.Fatalf("record %d: %q, %v", i, got, err)
		}
	}
}

// The table finds every reference put under a tag, among colliding tags
// too, through its growth.
func TestKeyTable(t *testing.T) {
	var kt keyTable
	for i := uint32(1); i <= 100_000; i++ {
		kt.put(i*2654435761|1, i)
		if i <= 2000 {
			kt.put(7, i) // one tag for many records
		}
	}
	for i := uint32(1); i <= 100_000; i++ {
		found := false
		kt.find(i*2654435761|1, func(ref uint32) bool { found = ref == i; return found })
		if !found {
			t.Fatalf("%d not found under its tag", i)
		}
	}
	n := 0
	kt.find(7, func(uint32) bool { n++; return false })
	if n != 2000 {
		t.Errorf("tag 7: %d records, want 2000", n)
	}
}
