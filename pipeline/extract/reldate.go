package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"dossier/pipeline/internal/prefilter"
)

// Dates written relative to another: "the next day", "three days later",
// "a month later", "the following year", "the following spring", "later
// that year". They are read against the date written before them (the
// anchor) at the precision both allow: "the next day" after "5 November
// 2009" is 2009-11-06, after "November 2009" nothing; "the following
// spring" is a year.

var relDateRE = prefilter.MustCompile(`(?i)\b(?:(?:the\s+)?(?:next|following)\s+(day|morning|evening|night|week|month|year|spring|summer|autumn|fall|winter)|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(days?|weeks?|months?|years?)\s+later|(?:later\s+)?(?:that|the\s+same)\s+(?:same\s+)?(day|month|year))\b`)

// relDateHints are in every relative date (in lower case).
var relDateHints = []string{"next", "following", "later", "same", "that day", "that month", "that year"}

var smallNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

var seasonMonth = map[string]int{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

// relativeDate finds a relative date in text and reads it against
// anchor, an ISO date (YYYY, YYYY-MM or YYYY-MM-DD). ok is false when text
// holds none or the anchor is too vague for it.
func relativeDate(text, anchor string) (iso string, ok bool) {
	if anchor == "" || !hasAny(strings.ToLower(text), relDateHints) {
		return "", false
	}
	m := relDateRE.FindStringSubmatch(text)
	if m == nil || anchor == "" {
		return "", false
	}
	y, mo, d := splitISO(anchor)
	switch {
	case m[1] != "":
		unit := strings.ToLower(m[1])
		switch unit {
		case "day", "morning", "evening", "night":
			return addDays(y, mo, d, 1)
		case "week":
			return addDays(y, mo, d, 7)
		case "month":
			return addMonths(y, mo, 1)
		case "year":
			return strconv.Itoa(y + 1), true
		default: // a season: the next one after the anchor
			if mo == 0 {
				return "", false
			}
			if mo >= seasonMonth[unit] {
				return strconv.Itoa(y + 1), true
			}
			return strconv.Itoa(y), true
		}
	case m[2] != "":
		n, ok := smallNumbers[strings.ToLower(m[2])]
		if !ok {
			n, _ = strconv.Atoi(m[2])
		}
		switch strings.TrimSuffix(strings.ToLower(m[3]), "s") {
		case "day":
			return addDays(y, mo, d, n)
		case "week":
			return addDays(y, mo, d, 7*n)
		case "month":
			return addMonths(y, mo, n)
		default:
			return strconv.Itoa(y + n), true
		}
	default:
		switch strings.ToLower(m[4]) {
		case "day":
			return anchor, d > 0
		case "month":
			return addMonths(y, mo, 0)
		default:
			return strconv.Itoa(y), true
		}
	}
}

func splitISO(iso string) (y, m, d int) {
	parts := strings.Split(iso, "-")
	y, _ = strconv.Atoi(parts[0])
	if len(parts) > 1 {
		m, _ = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 {
		d, _ = strconv.Atoi(parts[2])
	}
	return y, m, d
}

func addDays(y, m, d, n int) (string, bool) {
	if d == 0 {
		return "", false
	}
	return time.Date(y, time.Month(m), d+n, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), true
}

func addMonths(y, m, n int) (string, bool) {
	if m == 0 {
		return "", false
	}
	t := time.Date(y, time.Month(m)+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month())), true
}
