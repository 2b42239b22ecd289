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

func TestKeyTable(t *testing.T) {
	var kt keyTable
	for i := uint64(1); i <= 100_000; i++ {
		h := i * 0x51_7c_c1_b7_27_22_0a_95
		if _, ok := kt.get(h); ok {
			t.Fatalf("%d found before it was put", i)
		}
		kt.put(h, uint32(i))
	}
	for i := uint64(1); i <= 100_000; i++ {
		if ref, ok := kt.get(i * 0x51_7c_c1_b7_27_22_0a_95); !ok || ref != uint32(i) {
			t.Fatalf("%d: %d, %v", i, ref, ok)
		}
	}
}
