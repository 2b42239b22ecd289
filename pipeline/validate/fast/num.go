package fast

import (
	"math/big"
	"math/bits"
)

// numKind tells how a number is held.
type numKind uint8

const (
	// numFast: value = ±mant × 10^exp exactly, mant < 10^19 with no
	// trailing zero digit (zero is mant 0, exp 0, neg false).
	numFast numKind = iota
	// numRat: too many significant digits, or not JSON number syntax that
	// big.Rat still accepts: held as the big.Rat the library would build.
	numRat
	// numBad: big.Rat.SetString rejects it (the library's parse fails):
	// never equal to anything, never an integer, and comparing it makes
	// the library panic.
	numBad
)

// num is a number parsed exactly as the library sees it: the library turns
// every number into fmt.Sprint(v) and parses that with big.Rat.SetString.
type num struct {
	kind numKind
	neg  bool
	mant uint64
	exp  int64
	rat  *big.Rat
}

var pow10 = [20]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// maxExp5 is the decimal exponent bound of big.Rat.SetString: beyond it the
// parse of a nonzero mantissa fails ("avoid excessively large exponents").
const maxExp5 = 1e6

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseNum parses s without allocating when s has JSON number syntax and at
// most 19 significant digits; anything else goes through big.Rat.SetString,
// which is what the library does for every number.
func parseNum(s string) num {
	p, ok := scanNum(s)
	if !ok {
		return slowNum(s)
	}
	mant, zeros, sig := p.mantissa(s)
	switch {
	case sig > 19:
		return slowNum(s)
	case sig == 0:
		return num{kind: numFast}
	}
	exp5 := p.exp - int64(p.fracEnd-p.fracStart)
	if exp5 > maxExp5 || exp5 < -maxExp5 {
		return num{kind: numBad}
	}
	return num{kind: numFast, neg: p.neg, mant: mant, exp: exp5 + int64(zeros)}
}

// numText is where the parts of a number are in its JSON text.
type numText struct {
	neg                bool
	intStart, intEnd   int
	fracStart, fracEnd int
	exp                int64 // the exponent written
}

// scanNum reads s as JSON number syntax, with an exponent of nine digits at
// most; ok is false for anything else.
func scanNum(s string) (p numText, ok bool) {
	i, n := 0, len(s)
	if i < n && s[i] == '-' {
		p.neg = true
		i++
	}
	if i >= n {
		return p, false
	}
	p.intStart = i
	switch {
	case s[i] == '0':
		i++
	case s[i] >= '1' && s[i] <= '9':
		for i < n && isDigit(s[i]) {
			i++
		}
	default:
		return p, false
	}
	p.intEnd = i
	p.fracStart, p.fracEnd = i, i
	if i < n && s[i] == '.' {
		i++
		p.fracStart = i
		for i < n && isDigit(s[i]) {
			i++
		}
		p.fracEnd = i
		if p.fracEnd == p.fracStart {
			return p, false
		}
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < n && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		ds := i
		for i < n && isDigit(s[i]) {
			i++
		}
		if i == ds || i-ds > 9 {
			return p, false
		}
		for j := ds; j < i; j++ {
			p.exp = p.exp*10 + int64(s[j]-'0')
		}
		if eneg {
			p.exp = -p.exp
		}
	}
	return p, i == n
}

// mantissa reads the significant digits of the number: their value
// without the trailing zeros, how many trailing zeros, and how many
// significant digits (0 for the number zero). It stops counting past 19,
// where the value no longer fits.
func (p numText) mantissa(s string) (mant uint64, zeros, sig int) {
	started := false
	for _, r := range [2][2]int{{p.intStart, p.intEnd}, {p.fracStart, p.fracEnd}} {
		for j := r[0]; j < r[1]; j++ {
			d := uint64(s[j] - '0')
			if !started {
				if d == 0 {
					continue
				}
				started = true
			}
			if d == 0 {
				zeros++
				continue
			}
			sig += zeros + 1
			if sig > 19 {
				return 0, 0, sig
			}
			for ; zeros > 0; zeros-- {
				mant *= 10
			}
			mant = mant*10 + d
		}
	}
	return mant, zeros, sig
}

func slowNum(s string) num {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return num{kind: numBad}
	}
	return num{kind: numRat, rat: r}
}

// toRat gives the big.Rat of a good number.
func (a num) toRat() *big.Rat {
	if a.kind == numRat {
		return a.rat
	}
	r := new(big.Rat).SetInt(new(big.Int).SetUint64(a.mant))
	if a.exp != 0 {
		e := a.exp
		if e < 0 {
			e = -e
		}
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil)
		if a.exp > 0 {
			r.Mul(r, new(big.Rat).SetInt(p))
		} else {
			r.Quo(r, new(big.Rat).SetInt(p))
		}
	}
	if a.neg {
		r.Neg(r)
	}
	return r
}

// isInt is the library's isInteger.
func (a num) isInt() bool {
	switch a.kind {
	case numFast:
		return a.mant == 0 || a.exp >= 0
	case numRat:
		return a.rat.IsInt()
	}
	return false
}

// numEqual is the library's equals for two numbers.
func numEqual(a, b num) bool {
	if a.kind == numBad || b.kind == numBad {
		return false
	}
	if a.kind == numFast && b.kind == numFast {
		return a.neg == b.neg && a.mant == b.mant && a.exp == b.exp
	}
	return a.toRat().Cmp(b.toRat()) == 0
}

func ndigits(u uint64) int64 {
	d := int64(1)
	for d < 20 && u >= pow10[d] {
		d++
	}
	return d
}

// numCmp compares two good numbers.
func numCmp(a, b num) int {
	if a.kind != numFast || b.kind != numFast {
		return a.toRat().Cmp(b.toRat())
	}
	sa, sb := sign(a), sign(b)
	if sa != sb {
		if sa < sb {
			return -1
		}
		return 1
	}
	if sa == 0 {
		return 0
	}
	m := magCmp(a, b)
	if sa < 0 {
		return -m
	}
	return m
}

func sign(a num) int {
	switch {
	case a.mant == 0:
		return 0
	case a.neg:
		return -1
	}
	return 1
}

// magCmp compares |a| and |b|, both nonzero fast numbers.
func magCmp(a, b num) int {
	da, db := ndigits(a.mant), ndigits(b.mant)
	oa, ob := da+a.exp, db+b.exp
	if oa != ob {
		if oa < ob {
			return -1
		}
		return 1
	}
	ma, mb := a.mant, b.mant
	if da < db {
		ma *= pow10[db-da]
	} else if db < da {
		mb *= pow10[da-db]
	}
	switch {
	case ma < mb:
		return -1
	case ma > mb:
		return 1
	}
	return 0
}

// numMultiple reports whether a / m is an integer (m > 0), as
// big.Rat.Quo(a, m).IsInt() does.
func numMultiple(a, m num) bool {
	if a.kind != numFast || m.kind != numFast {
		return new(big.Rat).Quo(a.toRat(), m.toRat()).IsInt()
	}
	if a.mant == 0 {
		return true
	}
	b := m.mant
	d := a.exp - m.exp
	if d >= 0 {
		r := a.mant % b
		if r == 0 {
			return true
		}
		return mulmod(r, powmod(10, d, b), b) == 0
	}
	k := -d
	if k > 19 {
		return false
	}
	hi, lo := bits.Mul64(b, pow10[k])
	if hi != 0 {
		return false
	}
	return a.mant%lo == 0
}

func mulmod(x, y, m uint64) uint64 {
	hi, lo := bits.Mul64(x, y)
	return bits.Rem64(hi, lo, m)
}

func powmod(base uint64, e int64, m uint64) uint64 {
	r := uint64(1) % m
	base %= m
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, base, m)
		}
		base = mulmod(base, base, m)
		e >>= 1
	}
	return r
}
