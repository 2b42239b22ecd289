package check

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"dossier/pipeline/key"
)

var (
	digitsRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)
	wordRE   = regexp.MustCompile(`[A-Za-z]+(?:-[A-Za-z]+)?`)
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

// numbersIn returns every number a text states, in canonical form
// ("1,000" as "1000", "79.50" as "79.5", "eighteen" as "18").
func numbersIn(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range digitsRE.FindAllString(text, -1) {
		out[key.Number(strings.ReplaceAll(m, ",", ""))] = true
	}
	for _, w := range wordRE.FindAllString(text, -1) {
		if n, ok := wordNumber(w); ok {
			out[strconv.Itoa(n)] = true
		}
		// "second-highest": the first part alone.
		if a, _, ok := strings.Cut(w, "-"); ok {
			if n, ok := wordNumber(a); ok {
				out[strconv.Itoa(n)] = true
			}
		}
	}
	return out
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
