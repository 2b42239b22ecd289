// Package plain tells, eight bytes at a time, whether text can pass through
// a JSON string as it is: the JSON decoder and the JSON writer both skip
// such runs whole and look byte by byte only where something needs care.
package plain

import "encoding/binary"

// JSON8 reports whether none of the eight bytes of b (at least eight long)
// is a quote, a backslash, a control character or a byte of a multi-byte
// character (the classic "has a zero byte" and "has a byte less than n"
// word tests).
func JSON8(b []byte) bool {
	return json8(binary.LittleEndian.Uint64(b))
}

// JSON8String is JSON8 of the eight bytes of s at i.
func JSON8String(s string, i int) bool {
	_ = s[i+7]
	x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
	return json8(x)
}

func json8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	control := (x - ones*' ') & ^x & highs
	return (control | zero(x^(ones*'"')) | zero(x^(ones*'\\')) | x&highs) == 0
}
