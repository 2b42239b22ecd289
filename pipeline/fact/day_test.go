package fact

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// Day accepts what time.Parse(time.DateOnly) accepts and returns the same
// time: every day of four centuries (leap rules included), the days just
// past each month's end, and random near-dates.
func TestDayIsTimeParse(t *testing.T) {
	same := func(s string) {
		t.Helper()
		want, err := time.Parse(time.DateOnly, s)
		got, ok := Day(s)
		if ok != (err == nil) || ok && !got.Equal(want) || ok && got.Location() != want.Location() {
			t.Fatalf("Day(%q) = %v, %v; time.Parse: %v, %v", s, got, ok, want, err)
		}
		if IsDay(s) != ok {
			t.Fatalf("IsDay(%q) = %v, Day says %v", s, !ok, ok)
		}
	}
	for _, y := range []int{0, 1, 4, 100, 400, 1600, 1700, 1899, 1900, 1999, 2000, 2024, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				same(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	const chars = "0123456789-+ x"
	for range 100_000 {
		b := []byte("2023-08-04")
		for range r.IntN(3) {
			b[r.IntN(len(b))] = chars[r.IntN(len(chars))]
		}
		if r.IntN(10) == 0 {
			b = b[:r.IntN(len(b))]
		}
		same(string(b))
	}
	for _, s := range []string{"", "2023-8-04", "2023-08-4", "02023-08-04", "2023-08-04 ", "２023-08-04"} {
		same(s)
	}
}

func BenchmarkDay(b *testing.B) {
	b.Run("Day", func(b *testing.B) {
		for range b.N {
			Day("2023-08-04")
		}
	})
	b.Run("time.Parse", func(b *testing.B) {
		for range b.N {
			time.Parse(time.DateOnly, "2023-08-04")
		}
	})
}
