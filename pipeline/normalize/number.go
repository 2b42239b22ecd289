package normalize

import (
	"encoding/json"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// number normalizes a number, number words or digits with a scale word
// ("12 million") to a JSON number. A currency sign or code is read only
// where the field declares that currency as its unit.
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
		r, err := readAmount(collapseSpace(x), ctx)
		if err != nil {
			return Result{}, err
		}
		return Result{Value: numberValue(r, ctx)}, nil
	}
	return Result{Value: v}, nil
}

// numberValue is r as the field wants it: a json.Number, or its text when
// the schema types the field as a string. The text reads back as the same
// number: it uses the field's decimal separator, and where the field has
// none, three decimals get a fourth, "12.3450", as "12.345" is ambiguous.
func numberValue(r *big.Rat, ctx Context) any {
	s := formatDecimal(r)
	if ctx.Type != "string" {
		return json.Number(s)
	}
	switch {
	case ctx.Decimal == ",":
		s = strings.Replace(s, ".", ",", 1)
	case ctx.Decimal == "" && reOneGroup.MatchString(strings.TrimPrefix(s, "-")):
		s += "0"
	}
	return s
}

// readAmount reads what the number normalizer takes: a number (see
// readNumber), digits followed by a scale word ("1.5 billion"), either
// with a currency sign or code where ctx.Unit is that currency.
func readAmount(s string, ctx Context) (*big.Rat, *Error) {
	t, err := stripCurrency(s, ctx.Unit)
	if err != nil {
		return nil, err
	}
	t = strings.ToLower(t)
	if n, ok := parseNumberWords(t); ok {
		return new(big.Rat).SetInt64(n), nil
	}
	if digits, word, ok := strings.Cut(t, " "); ok {
		if sc, ok := wordScales[word]; ok {
			// The scale word is English, and so is the number before it:
			// "29.538 million" is 29,538,000, unless the field declares a
			// decimal comma.
			dec := ctx.Decimal
			if dec == "" {
				dec = "."
			}
			r, p := readDigits(digits, dec)
			if p != numberOK {
				return nil, numberError(s, p, digits)
			}
			return r.Mul(r, new(big.Rat).SetInt64(sc)), nil
		}
	}
	r, p := readDigits(t, ctx.Decimal)
	if p != numberOK {
		return nil, numberError(s, p, t)
	}
	return r, nil
}

// numberError explains why s, whose digits are d, is not read.
func numberError(s string, p numberProblem, d string) *Error {
	if p == numberAmbiguous {
		return ambiguousError(s, d)
	}
	return errorf(CodeNumberInvalid, "invalid number %q: not a number, number words or digits with a scale word (thousand, million, billion, trillion)", s)
}

// currencySigns are the signs read as a currency, and the ISO 4217 codes
// each may stand for; the code itself ("USD 5") is always read too. Longest
// first, so that "US$" is not read as "$".
var currencySigns = []struct {
	sign  string
	codes []string
}{
	{"US$", []string{"USD"}},
	{"$", []string{"USD"}},
	{"€", []string{"EUR"}},
	{"£", []string{"GBP"}},
	{"¥", []string{"JPY", "CNY"}},
}

// stripCurrency removes a currency sign or code before or after the number
// in s. It refuses one where unit (the field's x-unit) is not a currency
// code, or is another currency: "$5" in a field of euros is not 5 euros.
func stripCurrency(s, unit string) (string, *Error) {
	t, sign, found := cutCurrency(s)
	if !found {
		return s, nil
	}
	if !isUpperASCII(unit, 3) {
		return "", errorf(CodeNumberInvalid, "invalid number %q: %s is a currency, and the field declares none (x-unit); write the number alone", s, sign)
	}
	if sign == unit {
		return t, nil
	}
	for _, c := range currencySigns {
		if c.sign == sign && slices.Contains(c.codes, unit) {
			return t, nil
		}
	}
	return "", errorf(CodeNumberInvalid, "invalid number %q: %s is not the field's currency, %s", s, sign, unit)
}

// cutCurrency finds a currency sign or upper-case three-letter code at
// either end of s ("$29.5 million", "-$5", "EUR 5", "5 €") and returns s
// without it.
func cutCurrency(s string) (rest, sign string, found bool) {
	neg := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		neg, s = s[:1], s[1:]
	}
	for _, c := range currencySigns {
		if r, ok := strings.CutPrefix(s, c.sign); ok {
			return neg + strings.TrimLeft(r, " "), c.sign, true
		}
		if r, ok := strings.CutSuffix(s, c.sign); ok {
			return neg + strings.TrimRight(r, " "), c.sign, true
		}
	}
	if len(s) > 4 && isUpperASCII(s[:3], 3) && (s[3] == ' ' || isDigit(rune(s[3]))) {
		return neg + strings.TrimLeft(s[3:], " "), s[:3], true
	}
	if n := len(s); n > 4 && isUpperASCII(s[n-3:], 3) && (s[n-4] == ' ' || isDigit(rune(s[n-4]))) {
		return neg + strings.TrimRight(s[:n-3], " "), s[n-3:], true
	}
	return neg + s, "", false
}

// readNumber reads digits in either convention (see readDigits) or English
// number words ("eighteen", "twenty-one", "a dozen", "one hundred and
// five"); dec is the field's decimal separator, "" when it does not say.
func readNumber(s, dec string) (*big.Rat, numberProblem) {
	t := strings.ToLower(collapseSpace(s))
	r, p := readDigits(t, dec)
	if p != numberInvalid {
		return r, p
	}
	n, ok := parseNumberWords(t)
	if !ok {
		return nil, numberInvalid
	}
	return new(big.Rat).SetInt64(n), numberOK
}

// numberProblem is why readDigits did not read a number.
type numberProblem int

const (
	numberOK        numberProblem = iota
	numberInvalid                 // not a number
	numberAmbiguous               // "1.000", "12,345": grouping or decimals, the text does not say
)

// readDigits reads a number written with digits. Both conventions are
// read: a period for decimals and commas between thousands, or a comma for
// decimals and periods between thousands. The text says which where it has
// both separators ("1,234.5", "1.234,5") or one of them more than once
// ("1,000,000", "1.000.000"); a single separator marks decimals ("1.5",
// "0,25", "1234.567"), except that one after one to three digits (not
// starting with 0) and before exactly three ("1.000", "12,345") may be
// either and is ambiguous. dec, the field's declared decimal separator ("."
// or ","), settles that case, and makes a text that contradicts it
// invalid. An exponent ("1.5e3") is read only with a decimal point.
func readDigits(t, dec string) (*big.Rat, numberProblem) {
	if len(t) > 64 {
		return nil, numberInvalid
	}
	if strings.ContainsAny(t, "eE") {
		if strings.Contains(t, ",") || dec == "," {
			return nil, numberInvalid
		}
		r, ok := parseDecimal(t)
		return r, problem(ok)
	}
	sign, body := "", t
	if body != "" && (body[0] == '-' || body[0] == '+') {
		sign, body = body[:1], body[1:]
	}
	periods, commas := strings.Count(body, "."), strings.Count(body, ",")
	var group, point string // the separators' roles; "" where absent
	switch {
	case periods == 0 && commas == 0:
	case periods > 0 && commas > 0:
		point = body[strings.LastIndexAny(body, ".,"):][:1]
		group = other(point)
	case periods+commas > 1: // one separator, repeated: it groups
		group = "."
		if commas > 0 {
			group = ","
		}
	default: // one separator, once
		sep := "."
		if commas > 0 {
			sep = ","
		}
		switch {
		case dec == sep:
			point = sep
		case dec != "":
			group = sep
		case reOneGroup.MatchString(body):
			return nil, numberAmbiguous
		default:
			point = sep
		}
	}
	if (dec != "" && point != "" && point != dec) || (dec != "" && group == dec) {
		return nil, numberInvalid
	}
	intPart, frac := body, ""
	if point != "" {
		i := strings.Index(body, point)
		if strings.Count(body, point) != 1 {
			return nil, numberInvalid
		}
		intPart, frac = body[:i], body[i+1:]
		if !allDigits(frac) || (point == "," && (intPart == "" || frac == "")) {
			return nil, numberInvalid
		}
	}
	if group != "" {
		groups := strings.Split(intPart, group)
		if g := groups[0]; len(g) < 1 || len(g) > 3 || g[0] == '0' {
			return nil, numberInvalid
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return nil, numberInvalid
			}
		}
		intPart = strings.Join(groups, "")
	}
	if !allDigits(intPart) || intPart == "" && frac == "" {
		return nil, numberInvalid
	}
	num := sign + intPart
	if frac != "" || point != "" {
		num += "." + frac
	}
	r, ok := parseDecimal(num)
	return r, problem(ok)
}

// reOneGroup matches digits with one separator that may group thousands:
// one to three digits, not starting with 0, then exactly three.
var reOneGroup = regexp.MustCompile(`^[1-9]\d{0,2}[.,]\d{3}$`)

func other(sep string) string {
	if sep == "." {
		return ","
	}
	return "."
}

func problem(ok bool) numberProblem {
	if ok {
		return numberOK
	}
	return numberInvalid
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return true
}

// AmbiguousNumber reports whether s, a number written as text, has one
// separator that may group thousands or mark decimals ("1.000", "12,345"),
// so that its value depends on a convention the text does not give. A
// reader of a text format (CSV) keeps such a value as text, for the number
// and percent normalizers to refuse or to read by the field's x-decimal,
// rather than typing it as the JSON number it also spells.
func AmbiguousNumber(s string) bool {
	_, p := readDigits(strings.ToLower(collapseSpace(s)), "")
	return p == numberAmbiguous
}

// ambiguousError explains an ambiguous number s whose digits are d and
// says what to write instead.
func ambiguousError(s, d string) *Error {
	sep := d[strings.IndexAny(d, ".,"):][:1]
	name := "period"
	if sep == "," {
		name = "comma"
	}
	asGroup, _ := readDigits(d, other(sep))
	asPoint, _ := readDigits(d, sep)
	grouped, decimal := formatDecimal(asGroup), formatDecimal(asPoint)
	write := decimal
	if reOneGroup.MatchString(strings.TrimPrefix(write, "-")) {
		write += "0" // "12.345" is ambiguous again; "12.3450" is not
	}
	return errorf(CodeNumberAmbiguous, "ambiguous number %q: a %s before exactly three digits may group thousands (%s) or mark decimals (%s), and neither the text nor the field says which; write %s, or %s for the decimal", s, name, grouped, decimal, grouped, write)
}

// canonicalDecimal reports whether s is a decimal as formatDecimal writes
// it: -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?, not "-0", at most 64 characters.
func canonicalDecimal(s string) bool {
	if s == "" || len(s) > 64 || s == "-0" {
		return false
	}
	i := 0
	if s[0] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start || (s[start] == '0' && i-start > 1) {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' || i+1 == len(s) || s[len(s)-1] == '0' {
		return false
	}
	for i++; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

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
	"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}

// parseNumberWords reads English cardinal number words up to the trillions:
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
	scale := int64(1e15) // scales must come in decreasing order
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
