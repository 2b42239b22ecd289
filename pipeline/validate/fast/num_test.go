package fast

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

var numStrings = []string{
	"0", "-0", "0.0", "0e5", "0e-99999999", "0e+999999999", "1", "-1", "1.0", "10", "1e1", "0.1e2", "100e-1",
	"1.5", "15e-1", "0.15e1", "-2.5", "3", "0.3", "0.30000000000000004", "1e-400", "-1e-400",
	"9999999999999999999", "10000000000000000000", "18446744073709551615", "18446744073709551616",
	"12345678901234567890123", "1234567890123456789.0123", "0.1000000000000000000000000001",
	"5E+3", "5E-3", "1E0000000005", "-0.000", "1.000000000000000000000000000",
	"0x10", "+1", ".5", "1.", "1/3", "abc", "", "-", "1e", "1e+", "01", "1_000", "Inf", "NaN",
}

// Exponents at big.Rat's limit: it refuses a nonzero number whose decimal
// exponent, less its fraction digits, is beyond ±1e6. Building these values
// takes big.Rat tens of milliseconds each, so they get a few checks only.
var hugeStrings = []string{
	"1e1000000", "1e1000001", "1e-1000000", "1e-1000001", "0.1e-999999", "0.1e-1000000", "10e-1000001",
	"1.0e1000000", "100e999998", "1E0000800700", "0e9999999", "-2e999999",
}

func ratOK(s string) (*big.Rat, bool) { return new(big.Rat).SetString(s) }

func checkNums(t *testing.T, strs []string, mults []string) {
	t.Helper()
	nums := make([]num, len(strs))
	rats := make([]*big.Rat, len(strs))
	for i, s := range strs {
		nums[i] = parseNum(s)
		rats[i], _ = ratOK(s)
	}
	for i, a := range strs {
		na, ra, oka := nums[i], rats[i], rats[i] != nil
		if (na.kind != numBad) != oka {
			t.Errorf("%q: parse ok %v, big.Rat %v", a, na.kind != numBad, oka)
			continue
		}
		if got, want := na.isInt(), oka && ra.IsInt(); got != want {
			t.Errorf("%q: isInt %v, big.Rat %v", a, got, want)
		}
		for j, b := range strs {
			nb, rb, okb := nums[j], rats[j], rats[j] != nil
			if got, want := numEqual(na, nb), oka && okb && ra.Cmp(rb) == 0; got != want {
				t.Errorf("%q == %q: %v, big.Rat %v", a, b, got, want)
			}
			if oka && okb {
				if got, want := numCmp(na, nb), ra.Cmp(rb); got != want {
					t.Errorf("cmp(%q, %q): %v, big.Rat %v", a, b, got, want)
				}
			}
		}
		if !oka {
			continue
		}
		for _, m := range mults {
			nm := parseNum(m)
			rm, _ := ratOK(m)
			if got, want := numMultiple(na, nm), new(big.Rat).Quo(ra, rm).IsInt(); got != want {
				t.Errorf("%q multipleOf %q: %v, big.Rat %v", a, m, got, want)
			}
		}
	}
}

var mults = []string{"1", "3", "0.1", "0.25", "7", "1e-10", "2.5e3", "12345678901234567", "0.000123", "9999999999999999999", "1e20", "123456789012345678901234567"}

// Numbers are parsed, compared and divided exactly as big.Rat (the
// library) does, including its limits on exponents.
func TestParseNum(t *testing.T) {
	checkNums(t, numStrings, mults)
	for _, h := range hugeStrings {
		checkNums(t, []string{h, "0", "-1", "1.5"}, []string{"1", "7"})
	}
}

func TestParseNumRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var strs []string
	for range 400 {
		mant := fmt.Sprint(r.Uint64N(1 << uint(r.IntN(63)+1)))
		if r.IntN(3) == 0 && len(mant) > 1 {
			k := r.IntN(len(mant)-1) + 1
			mant = mant[:k] + "." + mant[k:]
		}
		if r.IntN(4) == 0 {
			mant += "000"
		}
		s := mant
		if r.IntN(2) == 0 {
			s = "-" + s
		}
		if r.IntN(2) == 0 {
			s += fmt.Sprintf("e%d", r.IntN(60)-30)
		}
		strs = append(strs, s)
	}
	checkNums(t, strs, mults)
}
