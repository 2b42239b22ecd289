package normalize

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// monthNames maps English month names and their usual abbreviations (lower
// case, without the dot) to month numbers.
var monthNames = map[string]int{
	"january": 1, "jan": 1,
	"february": 2, "feb": 2,
	"march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"may":  5,
	"june": 6, "jun": 6,
	"july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdayNames = map[string]bool{
	"monday": true, "mon": true, "tuesday": true, "tue": true, "tues": true,
	"wednesday": true, "wed": true, "thursday": true, "thu": true, "thurs": true,
	"friday": true, "fri": true, "saturday": true, "sat": true, "sunday": true, "sun": true,
}

// reDateTime matches an ISO date followed by a time, whose time is dropped.
var reDateTime = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}`)

// date normalizes a date to ISO 8601 at the precision the text gives.
func date(v any, ctx Context) (Result, error) {
	switch x := v.(type) {
	case json.Number:
		// A bare year written as a number, in a field that is not numeric.
		if ctx.Type != "integer" && ctx.Type != "number" && len(x) == 4 && isAllDigits(string(x)) && x[0] != '0' {
			return Result{Value: string(x)}, nil
		}
		return Result{Value: v}, nil
	case string:
		if isBlank(x) {
			return Result{Value: v}, nil
		}
		iso, noYear, err := parseDate(x)
		if err != nil {
			return Result{}, err
		}
		if noYear {
			return Result{Delete: true, Extra: map[string]any{"date_text": collapseSpace(x)}}, nil
		}
		return Result{Value: iso}, nil
	}
	return Result{Value: v}, nil
}

// dateParts is a parsed date; the Has fields say which parts the text gave.
type dateParts struct {
	Year, Month, Day          int
	HasYear, HasMonth, HasDay bool
}

func ymd(y, m, d int) dateParts {
	return dateParts{Year: y, Month: m, Day: d, HasYear: true, HasMonth: true, HasDay: true}
}

// parseDate reads s. noYear is true for a day and/or month without a year,
// which the caller keeps as text rather than guess the year.
func parseDate(s string) (iso string, noYear bool, err *Error) {
	orig := collapseSpace(s)
	t := orig
	if m := reDateTime.FindStringSubmatch(t); m != nil {
		t = m[1]
	}
	var d dateParts
	if isNumericDate(t) {
		d, err = parseNumericDate(orig, t)
	} else {
		d, err = parseWordDate(orig, t)
	}
	if err != nil {
		return "", false, err
	}
	if err := checkDate(orig, d); err != nil {
		return "", false, err
	}
	switch {
	case !d.HasYear:
		return "", true, nil
	case !d.HasMonth:
		return fmt.Sprintf("%04d", d.Year), false, nil
	case !d.HasDay:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month), false, nil
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day), false, nil
}

func isNumericDate(s string) bool {
	for _, r := range s {
		if !isDigit(r) && r != '-' && r != '/' && r != '.' {
			return false
		}
	}
	return s != ""
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func unreadable(orig string) *Error {
	return errorf(CodeDateInvalid, "invalid date %q: not a date this normalizer can read (YYYY, YYYY-MM, YYYY-MM-DD, \"March 2012\", \"24 September 1960\", ...)", orig)
}

// parseNumericDate reads dates made of digits and one kind of separator:
// 2012, 2012-03, 2012-03-22, 2012/03/22, 03/2012, 22.03.2012, and
// 22/03/2012 or 03/22/2012 when one part is over 12.
func parseNumericDate(orig, s string) (dateParts, *Error) {
	sep := ""
	for _, c := range []string{"-", "/", "."} {
		if strings.Contains(s, c) {
			if sep != "" {
				return dateParts{}, unreadable(orig)
			}
			sep = c
		}
	}
	parts := []string{s}
	if sep != "" {
		parts = strings.Split(s, sep)
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		if p == "" || len(p) > 4 {
			return dateParts{}, unreadable(orig)
		}
		n[i], _ = strconv.Atoi(p)
	}
	lens := make([]int, len(parts))
	for i, p := range parts {
		lens[i] = len(p)
	}
	short := func(l int) bool { return l == 1 || l == 2 }
	switch {
	case len(parts) == 1 && lens[0] == 4:
		return dateParts{Year: n[0], HasYear: true}, nil
	case len(parts) == 2 && lens[0] == 4 && short(lens[1]) && sep != ".":
		return dateParts{Year: n[0], Month: n[1], HasYear: true, HasMonth: true}, nil
	case len(parts) == 2 && short(lens[0]) && lens[1] == 4:
		return dateParts{Year: n[1], Month: n[0], HasYear: true, HasMonth: true}, nil
	case len(parts) == 3 && lens[0] == 4 && short(lens[1]) && short(lens[2]):
		return ymd(n[0], n[1], n[2]), nil
	case len(parts) == 3 && short(lens[0]) && short(lens[1]) && lens[2] == 4:
		a, b, y := n[0], n[1], n[2]
		switch {
		case sep == ".": // 22.03.2012 is day.month.year everywhere it is used
			return ymd(y, b, a), nil
		case a == b, a > 12 && b <= 12:
			return ymd(y, b, a), nil
		case b > 12 && a <= 12:
			return ymd(y, a, b), nil
		case a > 12 && b > 12:
			return dateParts{}, errorf(CodeDateInvalid, "invalid date %q: neither %d nor %d is a month", orig, a, b)
		}
		return dateParts{}, errorf(CodeDateAmbiguous, "ambiguous date %q: day/month or month/day; write %04d-%02d-%02d or %04d-%02d-%02d", orig, y, b, a, y, a, b)
	}
	return dateParts{}, unreadable(orig)
}

// parseWordDate reads dates with a month name: "March 2012", "Sept. 2012",
// "September 24, 1960", "24 September 1960", "22 March, 2012",
// "the 24th of September 1960", "Monday, 24 September 1960", and the same
// without a year.
func parseWordDate(orig, s string) (dateParts, *Error) {
	fields := strings.Fields(strings.ReplaceAll(s, ",", " "))
	var kinds []byte // 'M' month, 'D' day, 'Y' year
	var vals []int
	monthCapitalized := false
	for i, f := range fields {
		raw := f
		f = strings.ToLower(strings.TrimSuffix(f, "."))
		switch {
		case f == "the" || f == "of":
			continue
		case i == 0 && weekdayNames[f]:
			continue
		}
		if m, ok := monthNames[f]; ok {
			kinds = append(kinds, 'M')
			vals = append(vals, m)
			monthCapitalized = unicode.IsUpper([]rune(raw)[0])
			continue
		}
		if len(f) == 4 && isAllDigits(f) {
			y, _ := strconv.Atoi(f)
			kinds = append(kinds, 'Y')
			vals = append(vals, y)
			continue
		}
		num := f
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if strings.HasSuffix(num, suf) {
				num = strings.TrimSuffix(num, suf)
				break
			}
		}
		if (len(num) == 1 || len(num) == 2) && isAllDigits(num) {
			d, _ := strconv.Atoi(num)
			kinds = append(kinds, 'D')
			vals = append(vals, d)
			continue
		}
		return dateParts{}, unreadable(orig)
	}
	var d dateParts
	for i, k := range kinds {
		switch k {
		case 'Y':
			d.Year, d.HasYear = vals[i], true
		case 'M':
			d.Month, d.HasMonth = vals[i], true
		case 'D':
			d.Day, d.HasDay = vals[i], true
		}
	}
	switch string(kinds) {
	case "MY", "YM", "MDY", "DMY", "YMD", "MD", "DM":
		return d, nil
	case "M":
		// A month name alone is kept as text only when written as a name
		// ("March"); "may" or "march" alone are more likely words.
		if monthCapitalized {
			return d, nil
		}
	}
	return dateParts{}, unreadable(orig)
}

// checkDate rejects impossible dates: month 13, February 30, 2013-02-29,
// year 0.
func checkDate(orig string, d dateParts) *Error {
	switch {
	case !d.HasYear && !d.HasMonth, d.HasDay && !d.HasMonth:
		return unreadable(orig)
	case d.HasYear && (d.Year < 1 || d.Year > 9999):
		return errorf(CodeDateInvalid, "invalid date %q: year %d", orig, d.Year)
	case d.HasMonth && (d.Month < 1 || d.Month > 12):
		return errorf(CodeDateInvalid, "invalid date %q: month %d", orig, d.Month)
	case !d.HasDay:
		return nil
	}
	year := d.Year
	if !d.HasYear {
		year = 2000 // no year given: allow February 29
	}
	last := time.Date(year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d.Day < 1 || d.Day > last {
		if !d.HasYear {
			return errorf(CodeDateInvalid, "invalid date %q: %s has no day %d", orig, time.Month(d.Month), d.Day)
		}
		return errorf(CodeDateInvalid, "invalid date %q: %s %d has %d days", orig, time.Month(d.Month), d.Year, last)
	}
	return nil
}
