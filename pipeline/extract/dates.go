package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/internal/prefilter"
)

// Dates are found by a scanner over words rather than one regular
// expression: the expression (eight forms, each naming twenty-odd months)
// compiled to some 1,500 instructions that Go's matcher runs slowly, and
// dates were most of the extractors' time. The scanner finds the same
// forms, tried in this order at each word (the first that fits wins, and
// the earliest start wins over a later one):
//
//  1. "31 October to 3 November 2023" (a range: its first day)
//  2. "March 3–5, 2012", "March 30 – April 2, 2012"
//  3. "24 September 1960", "the 24th of September, 1960"
//  4. "September 24, 1960"
//  5. "March 2012", "early March 2012", "the end of March 2012"
//  6. "12 June", "the 12th of June" (no year)
//  7. "June 12" (no year)
//  8. "1960" (a year, not "$2012", not "2012%")
//
// and "September and November 2001", where the first month takes the
// second's year.

// dateWord is a word of a stretch of text: letters, or digits, with its
// span in the stretch.
type dateWord struct {
	start, end int
	text       string
	digits     bool
}

// monthAbbrevs are the short month names, read only with their period.
var monthAbbrevs = map[string]bool{
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

var monthFull = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
}

var (
	rangeSepRE = prefilter.MustCompile(`^\s*(?:–|—|-)\s*$`)
	ampRE      = prefilter.MustCompile(`^\s+&\s+$`)
	spaceRE    = prefilter.MustCompile(`^\s+$`)
)

// rawDate is a date the scanner found: its span in the stretch and the
// words the date normalizer reads.
type rawDate struct {
	start, end int
	written    string
	year       bool // a bare year
}

// dateScan scans one stretch of text.
type dateScan struct {
	s     string
	words []dateWord
}

func newDateScan(s string) *dateScan {
	d := &dateScan{s: s}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		digit := r >= '0' && r <= '9'
		if !digit && !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if (r2 >= '0' && r2 <= '9') != digit || !digit && !unicode.IsLetter(r2) {
				break
			}
			j += s2
		}
		d.words = append(d.words, dateWord{start: i, end: j, text: s[i:j], digits: digit})
		i = j
	}
	return d
}

// sep is the text between word i and word i+1 ("" past the end).
func (d *dateScan) sep(i int) string {
	if i+1 >= len(d.words) {
		return ""
	}
	return d.s[d.words[i].end:d.words[i+1].start]
}

// month reports whether word i is a month, and where it ends (after the
// period of "Sept.").
func (d *dateScan) month(i int) (end int, ok bool) {
	if i < 0 || i >= len(d.words) || d.words[i].digits {
		return 0, false
	}
	w := d.words[i]
	if monthFull[w.text] {
		return w.end, true
	}
	if monthAbbrevs[w.text] && strings.HasPrefix(d.s[w.end:], ".") {
		return w.end + 1, true
	}
	return 0, false
}

// glued reports a word joined to the word before it with no separator
// ("24th" is "24" and "th"), or by an underscore, which a regular
// expression's \b counts as a letter ("dbr:2011_attack").
func (d *dateScan) glued(i int) bool {
	if i < 0 || i >= len(d.words) {
		return false
	}
	w := d.words[i]
	return i > 0 && d.words[i-1].end == w.start || w.start > 0 && d.s[w.start-1] == '_' || w.end < len(d.s) && d.s[w.end] == '_'
}

// day reports whether word i is a day of one or two digits standing
// alone (\b on both sides), with an ordinal glued to it ("24th"), and
// the index of its last word.
func (d *dateScan) day(i int) (last int, ok bool) {
	if i < 0 || i >= len(d.words) || !d.words[i].digits || len(d.words[i].text) > 2 || d.glued(i) {
		return 0, false
	}
	if i+1 < len(d.words) && d.glued(i+1) {
		switch d.words[i+1].text {
		case "st", "nd", "rd", "th":
			if i+2 < len(d.words) && d.glued(i+2) {
				return 0, false
			}
			return i + 1, true
		}
		return 0, false
	}
	return i, true
}

// year reports whether word i is four digits standing alone.
func (d *dateScan) year(i int) bool {
	if i < 0 || i >= len(d.words) || !d.words[i].digits || len(d.words[i].text) != 4 || d.glued(i) {
		return false
	}
	return i+1 >= len(d.words) || !d.glued(i+1)
}

// isSpace reports that the text between words a and a+1 is one space (or,
// with loose, any white space).
func (d *dateScan) space(a int, loose bool) bool {
	sep := d.sep(a)
	if loose {
		return spaceRE.MatchString(sep)
	}
	return sep == " "
}

// commaSpace reports ",? " between words a and a+1 (optSpace: ",? ?").
func (d *dateScan) commaSpace(a int, optSpace bool) bool {
	sep := strings.TrimPrefix(d.sep(a), ",")
	return sep == " " || optSpace && sep == ""
}

// scanDates returns the dates of the stretch, in order.
func (d *dateScan) scan() []rawDate {
	var out []rawDate
	for i := 0; i < len(d.words); i++ {
		for _, try := range []func(int) (rawDate, int, bool){d.rangeDays, d.rangeMonthFirst, d.dayMonthYear, d.monthDayYear, d.monthYear, d.dayMonth, d.monthDay, d.bareYear} {
			if r, last, ok := try(i); ok {
				out = append(out, r)
				i = last
				break
			}
		}
	}
	return out
}

// raw returns the stretch's text of words a..b.
func (d *dateScan) raw(a, b int) string { return d.s[d.words[a].start:d.words[b].end] }

// rangeDays: "31 October to 3 November 2023" gives "31 October 2023".
func (d *dateScan) rangeDays(i int) (rawDate, int, bool) {
	dl, ok := d.day(i)
	if !ok || !d.space(dl, false) {
		return rawDate{}, 0, false
	}
	m := dl + 1
	mEnd, ok := d.month(m)
	if !ok {
		return rawDate{}, 0, false
	}
	k := m + 1
	if k < len(d.words) && (d.words[k].text == "to" || d.words[k].text == "until") && spaceRE.MatchString(d.s[mEnd:d.words[k].start]) && d.space(k, true) {
		k++
	} else if k >= len(d.words) || !rangeSepRE.MatchString(d.s[mEnd:d.words[k].start]) {
		return rawDate{}, 0, false
	}
	dl2, ok := d.day(k)
	if !ok || !d.space(dl2, false) {
		return rawDate{}, 0, false
	}
	m2End, ok := d.month(dl2 + 1)
	if !ok {
		return rawDate{}, 0, false
	}
	y := dl2 + 2
	if y >= len(d.words) || !d.year(y) || !commaSpaceRaw(d.s[m2End:d.words[y].start], false) {
		return rawDate{}, 0, false
	}
	return rawDate{start: d.words[i].start, end: d.words[y].end,
		written: d.words[i].text + " " + d.s[d.words[m].start:mEnd] + " " + d.words[y].text}, y, true
}

// rangeMonthFirst: "March 3–5, 2012" gives "March 3, 2012".
func (d *dateScan) rangeMonthFirst(i int) (rawDate, int, bool) {
	mEnd, ok := d.month(i)
	if !ok || d.s[mEnd:min(len(d.s), mEnd+1)] != " " || i+1 >= len(d.words) || d.words[i+1].start != mEnd+1 {
		return rawDate{}, 0, false
	}
	if _, ok := d.day(i + 1); !ok || d.glued(i+2) {
		return rawDate{}, 0, false
	}
	k := i + 2
	if k < len(d.words) && d.words[k].text == "to" && d.space(i+1, true) && d.space(k, true) {
		k++
	} else if !rangeSepRE.MatchString(d.sep(i + 1)) {
		return rawDate{}, 0, false
	}
	if e, ok := d.month(k); ok {
		if k+1 >= len(d.words) || d.s[e:d.words[k+1].start] != " " {
			return rawDate{}, 0, false
		}
		k++
	}
	if _, ok := d.day(k); !ok || d.glued(k+1) {
		return rawDate{}, 0, false
	}
	y := k + 1
	if !d.year(y) || !d.commaSpace(k, false) {
		return rawDate{}, 0, false
	}
	return rawDate{start: d.words[i].start, end: d.words[y].end,
		written: d.s[d.words[i].start:mEnd] + " " + d.words[i+1].text + ", " + d.words[y].text}, y, true
}

// dayMonth reads "[the ]D[th] [of ]Month" from word i and returns the
// month's index and end; first is the index of D.
func (d *dateScan) dayMonth0(i int) (first, m, mEnd int, ok bool) {
	first = i
	if i < len(d.words) && d.words[i].text == "the" && d.space(i, false) {
		first = i + 1
	}
	dl, ok := d.day(first)
	if !ok || !d.space(dl, false) {
		return 0, 0, 0, false
	}
	m = dl + 1
	if m < len(d.words) && d.words[m].text == "of" && d.space(m, false) {
		m++
	}
	mEnd, ok = d.month(m)
	return first, m, mEnd, ok
}

// dayMonthYear: "24 September 1960", "the 24th of September, 1960".
func (d *dateScan) dayMonthYear(i int) (rawDate, int, bool) {
	first, m, mEnd, ok := d.dayMonth0(i)
	if !ok || m+1 >= len(d.words) || !d.year(m+1) || !commaSpaceRaw(d.s[mEnd:d.words[m+1].start], false) {
		return rawDate{}, 0, false
	}
	return rawDate{start: d.words[i].start, end: d.words[m+1].end, written: d.raw(first, m+1)}, m + 1, true
}

// monthDayYear: "September 24, 1960", "September 24th,1960".
func (d *dateScan) monthDayYear(i int) (rawDate, int, bool) {
	mEnd, ok := d.month(i)
	if !ok || i+1 >= len(d.words) || d.s[mEnd:d.words[i+1].start] != " " {
		return rawDate{}, 0, false
	}
	dl, ok := d.day(i + 1)
	if !ok || dl+1 >= len(d.words) || !d.year(dl+1) || !commaSpaceRaw(d.sep(dl), true) {
		return rawDate{}, 0, false
	}
	return rawDate{start: d.words[i].start, end: d.words[dl+1].end, written: d.raw(i, dl+1)}, dl + 1, true
}

// monthYear: "March 2012", "early March 2012", "mid-March 2012", "the end
// of March 2012".
func (d *dateScan) monthYear(i int) (rawDate, int, bool) {
	m := i
	if i < len(d.words) {
		switch w := d.words[i].text; {
		case (w == "early" || w == "late") && d.space(i, false):
			m = i + 1
		case w == "mid" && (d.sep(i) == " " || d.sep(i) == "-"):
			m = i + 1
		case w == "the" && i+3 < len(d.words) && (d.words[i+1].text == "end" || d.words[i+1].text == "beginning") &&
			d.words[i+2].text == "of" && d.space(i, false) && d.space(i+1, false) && d.space(i+2, false):
			m = i + 3
		}
	}
	mEnd, ok := d.month(m)
	if !ok && m != i {
		m = i
		mEnd, ok = d.month(m)
	}
	if !ok || m+1 >= len(d.words) || !d.year(m+1) || !commaSpaceRaw(d.s[mEnd:d.words[m+1].start], false) {
		return rawDate{}, 0, false
	}
	return rawDate{start: d.words[i].start, end: d.words[m+1].end, written: d.raw(m, m+1)}, m + 1, true
}

// dayMonth: "12 June", "the 12th of June", with no year.
func (d *dateScan) dayMonth(i int) (rawDate, int, bool) {
	first, m, mEnd, ok := d.dayMonth0(i)
	if !ok || first != i {
		return rawDate{}, 0, false // "the" is not read without a year
	}
	return rawDate{start: d.words[i].start, end: mEnd, written: d.s[d.words[first].start:mEnd]}, m, true
}

// monthDay: "June 12", "June 12th", with no year.
func (d *dateScan) monthDay(i int) (rawDate, int, bool) {
	mEnd, ok := d.month(i)
	if !ok || i+1 >= len(d.words) || d.s[mEnd:d.words[i+1].start] != " " {
		return rawDate{}, 0, false
	}
	dl, ok := d.day(i + 1)
	if !ok {
		return rawDate{}, 0, false
	}
	return rawDate{start: d.words[i].start, end: d.words[dl].end, written: d.raw(i, dl)}, dl, true
}

// bareYear: a year from 1800 to 2099, not an amount ("$2012") nor a
// share ("2012%").
func (d *dateScan) bareYear(i int) (rawDate, int, bool) {
	if !d.year(i) {
		return rawDate{}, 0, false
	}
	w := d.words[i]
	if !(strings.HasPrefix(w.text, "18") || strings.HasPrefix(w.text, "19") || strings.HasPrefix(w.text, "20")) {
		return rawDate{}, 0, false
	}
	if w.start > 0 && strings.ContainsAny(d.s[w.start-1:w.start], "$£€¥#") {
		return rawDate{}, 0, false
	}
	if rest := d.s[w.end:]; strings.HasPrefix(rest, "%") || strings.HasPrefix(rest, " %") {
		return rawDate{}, 0, false
	}
	if w.start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(d.s[:w.start]); r == '£' || r == '€' || r == '¥' {
			return rawDate{}, 0, false
		}
	}
	return rawDate{start: w.start, end: w.end, written: w.text, year: true}, i, true
}

// commaSpaceRaw reports ",? " (or, with optSpace, ",? ?") as the whole of
// sep.
func commaSpaceRaw(sep string, optSpace bool) bool {
	sep = strings.TrimPrefix(sep, ",")
	return sep == " " || optSpace && sep == ""
}

// monthPairs finds "September and November 2001": the first month, with
// the year of the second, as "September 2001".
func (d *dateScan) monthPairs() []rawDate {
	var out []rawDate
	for i := range d.words {
		mEnd, ok := d.month(i)
		if !ok || i+2 >= len(d.words) {
			continue
		}
		k := i + 1
		conj := d.words[k].text
		if conj != "and" && conj != "or" {
			if !ampRE.MatchString(d.s[mEnd:d.words[k].start]) {
				continue
			}
			k = i // "&" is no word: the second month follows the first
		} else if !spaceRE.MatchString(d.s[mEnd:d.words[k].start]) || !d.space(k, true) {
			continue
		}
		m2End, ok := d.month(k + 1)
		if !ok || k+2 >= len(d.words) || !d.year(k+2) {
			continue
		}
		if sep := strings.TrimPrefix(d.s[m2End:d.words[k+2].start], ","); !spaceRE.MatchString(sep) {
			continue
		}
		out = append(out, rawDate{start: d.words[i].start, end: mEnd, written: d.s[d.words[i].start:mEnd] + " " + d.words[k+2].text})
	}
	return out
}
