package normalize

import (
	"encoding/json"
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// number normalizes a number or number words to a JSON number.
func number(v any, ctx Context) (Result, error) {
	switch x := v.(type) {
	case json.Number:
		r, ok := parseDecimal(string(x))
		if !ok {
			return Result{Value: v}, nil // out of the range this package rewrites; validation judges
		}
		return Result{Value: numberValue(r, ctx)}, nil
	case string:
		if isBlank(x) {
			return Result{Value: v}, nil
		}
		r, ok := readNumber(x)
		if !ok {
			return Result{}, errorf(CodeNumberInvalid, "invalid number %q: not a number or number words", collapseSpace(x))
		}
		return Result{Value: numberValue(r, ctx)}, nil
	}
	return Result{Value: v}, nil
}

// numberValue is r as the field wants it: a json.Number, or its text when
// the schema types the field as a string.
func numberValue(r *big.Rat, ctx Context) any {
	s := formatDecimal(r)
	if ctx.Type == "string" {
		return s
	}
	return json.Number(s)
}

// readNumber reads digits ("18", "1,000", "-2.5") or English number words
// ("eighteen", "twenty-one", "a dozen", "one hundred and five").
func readNumber(s string) (*big.Rat, bool) {
	t := strings.ToLower(collapseSpace(s))
	if reGrouped.MatchString(t) {
		t = strings.ReplaceAll(t, ",", "")
	}
	if r, ok := parseDecimal(t); ok {
		return r, true
	}
	n, ok := parseNumberWords(t)
	if !ok {
		return nil, false
	}
	return new(big.Rat).SetInt64(n), true
}

// reGrouped matches digits grouped by thousands with commas: "1,000,000".
var reGrouped = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`)

// reDecimal matches the decimal numbers parseDecimal accepts.
var reDecimal = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// parseDecimal reads a decimal number exactly. It refuses numbers longer
// than 64 characters or with an exponent beyond ±64, which no field of this
// project holds and which would be costly to expand.
func parseDecimal(s string) (*big.Rat, bool) {
	if len(s) > 64 || !reDecimal.MatchString(s) {
		return nil, false
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 64 || e < -64 {
			return nil, false
		}
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// formatDecimal writes r (whose denominator has no prime factor but 2 and
// 5, as every decimal's has) in plain decimal notation: no exponent, no
// trailing zeros, no ".0" on integers, "0" for minus zero.
func formatDecimal(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	d := new(big.Int).Set(r.Denom())
	twos, fives := 0, 0
	two, five, mod := big.NewInt(2), big.NewInt(5), new(big.Int)
	for d.Cmp(big.NewInt(1)) > 0 {
		if mod.Mod(d, two).Sign() == 0 {
			d.Quo(d, two)
			twos++
		} else if mod.Mod(d, five).Sign() == 0 {
			d.Quo(d, five)
			fives++
		} else {
			break
		}
	}
	s := r.FloatString(max(twos, fives))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

var wordUnits = map[string]int64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}

var wordTeens = map[string]int64{
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var wordTens = map[string]int64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var wordScales = map[string]int64{
	"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}

// parseNumberWords reads English cardinal number words up to the billions:
// "eighteen", "twenty-one", "twenty one", "one hundred and five",
// "a hundred", "two thousand three hundred", "a dozen", "two dozen". It
// refuses sequences no one writes ("twenty twenty", "five four").
func parseNumberWords(s string) (int64, bool) {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) == 0 {
		return 0, false
	}
	if len(words) == 1 && words[0] == "zero" {
		return 0, true
	}
	var total, cur int64
	last := ""           // kind of the previous word
	scale := int64(1e12) // scales must come in decreasing order
	for i, w := range words {
		switch {
		case w == "a" || w == "an":
			if i != 0 || len(words) == 1 {
				return 0, false
			}
			next := words[1]
			if _, ok := wordScales[next]; !ok && next != "hundred" && next != "dozen" {
				return 0, false
			}
			cur, last = 1, "unit"
		case w == "and":
			if last != "hundred" && last != "scale" || i == len(words)-1 {
				return 0, false
			}
			last = "and"
		case wordUnits[w] > 0:
			if last == "unit" || last == "teen" || (last == "tens" && cur%10 != 0) || last == "dozen" {
				return 0, false
			}
			cur += wordUnits[w]
			last = "unit"
		case wordTeens[w] > 0:
			if last == "unit" || last == "teen" || last == "tens" || last == "dozen" {
				return 0, false
			}
			cur += wordTeens[w]
			last = "teen"
		case wordTens[w] > 0:
			if last == "unit" || last == "teen" || last == "tens" || last == "dozen" {
				return 0, false
			}
			cur += wordTens[w]
			last = "tens"
		case w == "hundred":
			if last != "unit" || cur < 1 || cur > 9 {
				return 0, false
			}
			cur *= 100
			last = "hundred"
		case w == "dozen":
			if i == 0 {
				cur = 1
			} else if last != "unit" || cur < 1 || cur > 9 {
				return 0, false
			}
			cur *= 12
			last = "dozen"
		case wordScales[w] > 0:
			sc := wordScales[w]
			if cur == 0 || sc >= scale || last == "and" {
				return 0, false
			}
			total += cur * sc
			cur, scale, last = 0, sc, "scale"
		default:
			return 0, false
		}
	}
	return total + cur, true
}
