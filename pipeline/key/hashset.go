package key

import "math/bits"

// hashSet is a set of 64-bit hashes, open addressing with linear probing
// in one slice: 8 bytes a slot, filled to between a half and four fifths
// before it grows by half. The hash 0 is kept aside, since an empty slot
// holds 0.
type hashSet struct {
	slots []uint64
	n     int
	zero  bool
}

func (s *hashSet) has(h uint64) bool {
	if h == 0 {
		return s.zero
	}
	if len(s.slots) == 0 {
		return false
	}
	for i := s.home(h); ; i = s.next(i) {
		switch s.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

func (s *hashSet) add(h uint64) {
	if h == 0 {
		s.zero = true
		return
	}
	if (s.n+1)*5 > len(s.slots)*4 {
		s.grow()
	}
	for i := s.home(h); ; i = s.next(i) {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.n++
			return
		}
	}
}

// home maps a hash to a slot, whatever the number of slots (Lemire's
// multiply-shift), so the set can grow by half rather than double.
func (s *hashSet) home(h uint64) int {
	hi, _ := bits.Mul64(mix(h), uint64(len(s.slots)))
	return int(hi)
}

func (s *hashSet) next(i int) int {
	if i++; i == len(s.slots) {
		return 0
	}
	return i
}

func (s *hashSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(64, len(old)*3/2))
	s.n = 0
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}

// mix spreads the bits of a hash (the finalizer of SplitMix64), so that
// the high bits that choose a slot depend on all of them.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}
