package check

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/key"
)

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
	"once": 1, "twice": 2, "single": 1, "both": 2, "half": 50,
}

var tens = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// wordNumber reads "eighteen", "twenty-one", "second" as a number.
func wordNumber(w string) (int, bool) {
	w = strings.ToLower(w)
	if n, ok := smallNumbers[w]; ok {
		return n, true
	}
	if n, ok := tens[w]; ok {
		return n, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		t, ok1 := tens[a]
		u, ok2 := smallNumbers[b]
		if ok1 && ok2 && u > 0 && u < 10 {
			return t + u, true
		}
	}
	return 0, false
}

// statedNumber is a number a text states: canonical ("1,000" as "1000",
// "79.50" as "79.5", "eighteen" as "18"), as written, and what it is.
type statedNumber struct {
	value, written       string
	pos                  int // byte offset in the text
	share, year, ordinal bool
}

var (
	shareAfterRE   = prefilter.MustCompile(`^\s*(?:%|percent\b|per\s+cent\b|-percent\b)`)
	ordinalAfterRE = prefilter.MustCompile(`^(?:st|nd|rd|th)\b`)
)

// numbersIn returns every number a text states, in text order: digits,
// number words and ordinals ("second-highest" states 2), each marked as a
// share (followed by %, percent or per cent), a year (four digits) or an
// ordinal.
func numbersIn(text string) []statedNumber {
	type at struct {
		pos int
		n   statedNumber
	}
	var found []at
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case isDigitByte(c):
			end := digitsEnd(text, i)
			m := strings.TrimRight(text[i:end], ",")
			rest := text[i+len(m):]
			n := statedNumber{value: key.Number(strings.ReplaceAll(m, ",", "")), written: m}
			n.share = shareAfterRE.MatchString(rest)
			n.ordinal = ordinalAfterRE.MatchString(rest)
			n.year = len(m) == 4 && !n.share && m >= "1000" && m <= "2199"
			if n.share {
				n.written += "%"
			}
			found = append(found, at{i, n})
			i = end
		case isLetterByte(c):
			end := wordEnd2(text, i)
			if n, ok := numberWord(text, i, end); ok {
				found = append(found, at{i, n})
			}
			i = end
		default:
			i++
		}
	}
	slices.SortStableFunc(found, func(a, b at) int { return a.pos - b.pos })
	out := make([]statedNumber, len(found))
	for i, f := range found {
		out[i] = f.n
		out[i].pos = f.pos
	}
	return out
}

func isDigitByte(c byte) bool  { return c >= '0' && c <= '9' }
func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// digitsEnd is the end of the number that starts at i: digits and
// commas, and a decimal part.
func digitsEnd(text string, i int) int {
	for i < len(text) && (isDigitByte(text[i]) || text[i] == ',') {
		i++
	}
	if i+1 < len(text) && text[i] == '.' && isDigitByte(text[i+1]) {
		i++
		for i < len(text) && isDigitByte(text[i]) {
			i++
		}
	}
	return i
}

// wordEnd2 is the end of the word of ASCII letters that starts at i, with
// a second part after a hyphen ("twenty-one", "second-highest").
func wordEnd2(text string, i int) int {
	for i < len(text) && isLetterByte(text[i]) {
		i++
	}
	if i+1 < len(text) && text[i] == '-' && isLetterByte(text[i+1]) {
		i++
		for i < len(text) && isLetterByte(text[i]) {
			i++
		}
	}
	return i
}

// numberWord reads the word text[i:end] as a number: "eighteen",
// "twenty-one", "second" (and "second-highest"), "the highest" (first).
func numberWord(text string, i, end int) (statedNumber, bool) {
	w := text[i:end]
	if len(w) > 20 {
		return statedNumber{}, false
	}
	rest := text[end:]
	mk := func(v int, written string) statedNumber {
		n := statedNumber{value: strconv.Itoa(v), written: written, ordinal: ordinalWords[strings.ToLower(written)]}
		n.share = shareAfterRE.MatchString(rest)
		return n
	}
	if n, ok := wordNumber(w); ok {
		return mk(n, w), true
	}
	if a, _, ok := strings.Cut(w, "-"); ok {
		if n, ok := wordNumber(a); ok {
			return mk(n, a), true
		}
	}
	if strings.EqualFold(w, "highest") && strings.HasSuffix(strings.ToLower(text[max(0, i-4):i]), "the ") {
		return statedNumber{value: "1", written: "the highest", ordinal: true}, true
	}
	return statedNumber{}, false
}

var ordinalWords = map[string]bool{
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true,
	"eighth": true, "ninth": true, "tenth": true, "eleventh": true, "twelfth": true, "thirteenth": true,
	"fourteenth": true, "fifteenth": true, "sixteenth": true, "seventeenth": true, "eighteenth": true,
	"nineteenth": true, "twentieth": true,
}

func numberText(v any) (string, bool) {
	switch x := v.(type) {
	case json.Number:
		return key.Number(x.String()), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// decimals counts the digits after the point in a number as written.
func decimals(v any) int {
	n, ok := v.(json.Number)
	if !ok {
		return 0
	}
	s := strings.ToLower(n.String())
	if strings.ContainsAny(s, "e") {
		return 0
	}
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(strings.TrimRight(frac, "0"))
	}
	return 0
}
