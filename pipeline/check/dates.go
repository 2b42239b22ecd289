package check

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The dates a text states, read over its words: "August 4, 2023", "4
// August 2023", "the 24th of September, 1960", "March 3–5, 2012", "March
// 2012", "September and November 2001", "2012-03-15", a year alone, and a
// day with no year ("April 20", kept as --04-20). Each becomes a mention
// whose value is the ISO date at the precision the text gives.

var monthNumbers = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// dateScan reads the dates of one text.
type dateScan struct {
	text string
	toks []token
	out  []mention
}

func readDates(text string, toks []token) []mention {
	d := &dateScan{text: text, toks: toks}
	for i := 0; i < len(toks); {
		i = d.at(i)
	}
	return d.out
}

// at reads a date starting at word i, if any, and returns the next word to
// look at.
func (d *dateScan) at(i int) int {
	for _, form := range []func(int) int{d.iso, d.monthFirst, d.dayFirst, d.monthPair} {
		if j := form(i); j > i {
			return j
		}
	}
	if y := d.year(i); y > 0 {
		d.add(i, i+1, fmt.Sprintf("%04d", y))
	}
	return i + 1
}

func (d *dateScan) add(i, j int, value string) {
	d.out = append(d.out, mention{i: i, j: j, value: value})
}

// month returns the month word i names: a full name with a capital, or an
// abbreviation with its dot ("Sept.").
func (d *dateScan) month(i int) int {
	if i >= len(d.toks) || !d.toks[i].upper {
		return 0
	}
	t := d.toks[i]
	m := monthNumbers[t.fold]
	if m == 0 {
		return 0
	}
	if len(t.fold) <= 4 && t.fold != "may" && t.fold != "june" && t.fold != "july" {
		if t.end >= len(d.text) || d.text[t.end] != '.' {
			return 0
		}
	}
	return m
}

// day returns the day of month word i writes ("4", "24th"), or 0.
func (d *dateScan) day(i int) int {
	if i >= len(d.toks) {
		return 0
	}
	s := d.toks[i].fold
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) == 0 || len(s) > 2 || !allDigits(s) {
		return 0
	}
	n, _ := strconv.Atoi(s)
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// year returns the year word i writes (four digits, not a sum of money),
// or 0.
func (d *dateScan) year(i int) int {
	if i >= len(d.toks) {
		return 0
	}
	t := d.toks[i]
	if len(t.fold) != 4 || !allDigits(t.fold) || t.start > 0 && d.text[t.start-1] == '$' {
		return 0
	}
	n, _ := strconv.Atoi(t.fold)
	if n < 1000 || n > 2199 {
		return 0
	}
	return n
}

// joined reports whether word i follows the one before it within a date:
// after a space or a comma.
func (d *dateScan) joined(i int) bool {
	return i < len(d.toks) && (d.toks[i].gap == gapSpace || d.toks[i].gap == gapComma)
}

// iso reads 2012-03-15.
func (d *dateScan) iso(i int) int {
	y := d.year(i)
	if y == 0 || i+2 >= len(d.toks) || d.toks[i+1].gap != gapHyphen || d.toks[i+2].gap != gapHyphen {
		return i
	}
	m, dd := d.toks[i+1].fold, d.toks[i+2].fold
	if len(m) != 2 || len(dd) != 2 || !allDigits(m) || !allDigits(dd) {
		return i
	}
	d.add(i, i+3, fmt.Sprintf("%04d-%s-%s", y, m, dd))
	return i + 3
}

// monthFirst reads "August 4, 2023", "March 3–5, 2012", "March 30 – April
// 2, 2012", "March 2012" and "April 20".
func (d *dateScan) monthFirst(i int) int {
	m := d.month(i)
	if m == 0 {
		return i
	}
	if y := d.year(i + 1); y > 0 && d.joined(i+1) {
		d.add(i, i+2, fmt.Sprintf("%04d-%02d", y, m))
		return i + 2
	}
	day := d.day(i + 1)
	if day == 0 || !d.joined(i+1) {
		return i
	}
	if y := d.year(i + 2); y > 0 && d.joined(i+2) {
		d.add(i, i+3, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
		return i + 3
	}
	// A range of days: "March 3–5, 2012".
	if day2 := d.day(i + 2); day2 > 0 && (d.toks[i+2].gap == gapDash || d.toks[i+2].gap == gapHyphen) {
		if y := d.year(i + 3); y > 0 && d.joined(i+3) {
			d.add(i, i+4, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
			d.add(i, i+4, fmt.Sprintf("%04d-%02d-%02d", y, m, day2))
			return i + 4
		}
	}
	// A range across months: "March 30 – April 2, 2012".
	if i+2 < len(d.toks) && d.toks[i+2].gap == gapDash {
		if m2, day2 := d.month(i+2), d.day(i+3); m2 > 0 && day2 > 0 {
			if y := d.year(i + 4); y > 0 && d.joined(i+4) {
				d.add(i, i+5, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
				d.add(i, i+5, fmt.Sprintf("%04d-%02d-%02d", y, m2, day2))
				return i + 5
			}
		}
	}
	d.add(i, i+2, fmt.Sprintf("--%02d-%02d", m, day))
	return i + 2
}

// dayFirst reads "4 August 2023", "the 24th of September, 1960" and "12
// June".
func (d *dateScan) dayFirst(i int) int {
	day := d.day(i)
	if day == 0 {
		return i
	}
	k := i + 1
	if k < len(d.toks) && d.toks[k].fold == "of" {
		k++
	}
	m := d.month(k)
	if m == 0 || !d.joined(k) {
		return i
	}
	if y := d.year(k + 1); y > 0 && d.joined(k+1) {
		d.add(i, k+2, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
		return k + 2
	}
	d.add(i, k+1, fmt.Sprintf("--%02d-%02d", m, day))
	return k + 1
}

// monthPair reads "September and November 2001": the first month takes
// the second's year.
func (d *dateScan) monthPair(i int) int {
	m := d.month(i)
	if m == 0 || i+3 >= len(d.toks) {
		return i
	}
	switch d.toks[i+1].fold {
	case "and", "or", "to", "through", "until":
	default:
		return i
	}
	m2, y := d.month(i+2), d.year(i+3)
	if m2 == 0 || y == 0 || !d.joined(i+3) {
		return i
	}
	d.add(i, i+4, fmt.Sprintf("%04d-%02d", y, m))
	d.add(i, i+4, fmt.Sprintf("%04d-%02d", y, m2))
	return i + 4
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dateRelation is how a date of a fact stands to a date a text gives.
type dateRelation int

const (
	dateOther   dateRelation = iota // they differ
	dateSame                        // the text gives the date, or a finer one within it
	dateCoarser                     // the text gives the date less precisely ("2012" for 2012-03-15)
)

// relateDate compares a fact's ISO date (YYYY, YYYY-MM or YYYY-MM-DD) with
// a date of the text, which may be --MM-DD with no year; years holds the
// years the text states, which a date with no year may take.
func relateDate(field, text string, years map[string]bool) dateRelation {
	if md, ok := strings.CutPrefix(text, "--"); ok {
		if len(field) == 10 && field[5:] == md && years[field[:4]] {
			return dateSame
		}
		if len(field) == 10 && field[5:] == md {
			return dateCoarser
		}
		return dateOther
	}
	switch {
	case strings.HasPrefix(text, field):
		return dateSame
	case strings.HasPrefix(field, text):
		return dateCoarser
	}
	return dateOther
}

// Dates a text gives relative to another: "the next day", "the following
// year", "three days later", "a year earlier", "the following spring",
// "later that year". Each is a mention whose value is the shift it makes,
// a sign, a count and a unit ("+1d", "-3y", "+0y"); a fact dated by one
// is stated when the shift from a date the text gives before it lands on
// the fact's date.

var (
	relUnits = map[string]byte{
		"day": 'd', "days": 'd', "week": 'w', "weeks": 'w', "month": 'm', "months": 'm', "year": 'y', "years": 'y',
		"spring": 'y', "summer": 'y', "autumn": 'y', "fall": 'y', "winter": 'y',
	}
	relNext   = map[string]bool{"next": true, "following": true, "subsequent": true}
	relPrev   = map[string]bool{"previous": true, "preceding": true, "prior": true}
	relLater  = map[string]bool{"later": true, "after": true, "afterwards": true, "afterward": true, "on": true}
	relBefore = map[string]bool{"earlier": true, "before": true, "previously": true, "prior": true, "ago": true}
)

// readRelative finds the relative dates of a text.
func readRelative(toks []token) []mention {
	var out []mention
	for i := 0; i < len(toks); i++ {
		if v, j := relativeAt(toks, i); j > i {
			out = append(out, mention{i: i, j: j, value: v})
			i = j - 1
		}
	}
	return out
}

// relativeAt reads a relative date at word i: its shift and its end.
func relativeAt(toks []token, i int) (string, int) {
	word := func(k int) string {
		if k < len(toks) && (k == i || toks[k].gap == gapSpace || toks[k].gap == gapHyphen) {
			return toks[k].fold
		}
		return ""
	}
	w0, w1, w2 := word(i), word(i+1), word(i+2)
	switch {
	case w0 == "the" && relNext[w1] && relUnits[w2] != 0:
		return "+1" + string(relUnits[w2]), i + 3
	case w0 == "the" && relPrev[w1] && relUnits[w2] != 0:
		return "-1" + string(relUnits[w2]), i + 3
	case w0 == "the" && w1 == "same" && relUnits[w2] != 0, w0 == "later" && w1 == "that" && relUnits[w2] != 0:
		return "+0" + string(relUnits[w2]), i + 3
	case w0 == "the" && relUnits[w1] != 0 && (w2 == "after" || w2 == "later"):
		return "+1" + string(relUnits[w1]), i + 3
	}
	n, ok := wordNumber(w0)
	if w0 == "a" || w0 == "an" {
		n, ok = 1, true
	} else if !ok && allDigits(w0) && len(w0) <= 3 {
		n, _ = strconv.Atoi(w0)
		ok = true
	}
	if !ok || relUnits[w1] == 0 || relUnits[w1] == 'y' && w1 != "year" && w1 != "years" {
		return "", i
	}
	switch {
	case relLater[w2] && w2 != "on":
		return fmt.Sprintf("+%d%c", n, relUnits[w1]), i + 3
	case relBefore[w2]:
		return fmt.Sprintf("-%d%c", n, relUnits[w1]), i + 3
	}
	return "", i
}

// shiftDate moves an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) by a shift of
// readRelative ("+1d") and returns it at the precision both allow: a
// shift in days needs a whole date, in months a month; a shift in years
// gives a year. ok is false when the date is too coarse for the shift.
func shiftDate(date, shift string) (string, bool) {
	if len(date) < 4 || strings.HasPrefix(date, "--") || len(shift) < 3 {
		return "", false
	}
	n, err := strconv.Atoi(shift[:len(shift)-1])
	if err != nil {
		return "", false
	}
	y, _ := strconv.Atoi(date[:4])
	m, d := 1, 1
	if len(date) >= 7 {
		m, _ = strconv.Atoi(date[5:7])
	}
	if len(date) == 10 {
		d, _ = strconv.Atoi(date[8:10])
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	switch shift[len(shift)-1] {
	case 'd', 'w':
		if len(date) != 10 {
			return "", false
		}
		if shift[len(shift)-1] == 'w' {
			n *= 7
		}
		return t.AddDate(0, 0, n).Format("2006-01-02"), true
	case 'm':
		if len(date) < 7 {
			return "", false
		}
		return t.AddDate(0, n, 0).Format("2006-01"), true
	}
	return t.AddDate(n, 0, 0).Format("2006"), true
}
