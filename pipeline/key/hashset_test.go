package key

import (
	"math/rand/v2"
	"testing"
)

// The set agrees with a map through its growth, 0 included.
func TestHashSet(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var s hashSet
	want := map[uint64]bool{}
	vals := []uint64{0, 1, ^uint64(0)}
	for range 50_000 {
		vals = append(vals, r.Uint64()>>r.IntN(64)) // small values too, and repeats
	}
	for i, v := range vals {
		if s.has(v) != want[v] {
			t.Fatalf("value %d (%d): has %v before adding, want %v", i, v, s.has(v), want[v])
		}
		s.add(v)
		want[v] = true
		if !s.has(v) {
			t.Fatalf("value %d (%d) not found after adding", i, v)
		}
	}
	if s.n+btoi(s.zero) != len(want) {
		t.Errorf("%d values held, want %d", s.n+btoi(s.zero), len(want))
	}
	for range 10_000 {
		v := r.Uint64()
		if s.has(v) != want[v] {
			t.Fatalf("%d: has %v, want %v", v, s.has(v), want[v])
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
