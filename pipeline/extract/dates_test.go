package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/pipeline/clean"
)

// The date expression the scanner replaced, kept here as the reference
// the scanner is checked against.
var refDateRE = regexp.MustCompile(
	`\b(\d{1,2}) (` + monthRE + `)\s*(?:–|—|-|to|until)\s*\d{1,2} ` + monthRE + `,? (\d{4})\b` +
		`|\b(` + monthRE + `) (\d{1,2})\s*(?:–|—|-|to)\s*(?:` + monthRE + ` )?\d{1,2},? (\d{4})\b` +
		`|\b(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?(` + monthRE + `),? (\d{4})\b` +
		`|\b(` + monthRE + `) (\d{1,2})(?:st|nd|rd|th)?\b,? ?(\d{4})\b` +
		`|\b(?:(?:early|mid|late|the end of|the beginning of)[- ])?(` + monthRE + `),? (\d{4})\b` +
		`|\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?(` + monthRE + `)\b` + // the scanner wants a whole word: not "24 Mayo"

		`|\b(` + monthRE + `) (\d{1,2})(?:st|nd|rd|th)?\b` +
		`|\b(1[89]\d\d|20\d\d)\b`)

var refMonthPairRE = regexp.MustCompile(`\b(` + monthRE + `)\s+(?:and|or|&)\s+` + monthRE + `,?\s+(\d{4})\b`)

// refDates is the expression's reading of s, as the scanner reports it.
func refDates(s string) []rawDate {
	var out []rawDate
	for _, m := range refMonthPairRE.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, rawDate{start: m[2], end: m[3], written: s[m[2]:m[3]] + " " + s[m[4]:m[5]]})
	}
	for _, m := range refDateRE.FindAllStringSubmatchIndex(s, -1) {
		g := func(k int) string { return s[m[2*k]:m[2*k+1]] }
		var written string
		year := false
		switch {
		case m[2] >= 0:
			written = g(1) + " " + g(2) + " " + g(3)
		case m[8] >= 0:
			written = g(4) + " " + g(5) + ", " + g(6)
		case m[38] >= 0:
			if m[0] > 0 && strings.ContainsAny(s[m[0]-1:m[0]], "$#") {
				continue
			}
			if m[1] < len(s) && (s[m[1]] == '%' || strings.HasPrefix(s[m[1]:], " %")) {
				continue
			}
			written, year = g(19), true
		default:
			// The expression passed "end of March 2012" on (it cut "the "
			// first); the scanner passes "March 2012".
			written = s[m[0]:m[1]]
			for _, p := range []string{"the end of ", "the beginning of ", "the ", "early ", "mid-", "mid ", "late "} {
				written = strings.TrimPrefix(written, p)
			}
		}
		out = append(out, rawDate{start: m[0], end: m[1], written: written, year: year})
	}
	return out
}

func scannerDates(s string) []rawDate {
	d := newDateScan(s)
	return append(d.monthPairs(), d.scan()...)
}

// TestDateScannerMatchesExpression reads every sentence of every article
// the tests have (and the development corpus, where it is) with the
// scanner and with the expression it replaced, and wants the same dates.
func TestDateScannerMatchesExpression(t *testing.T) {
	var paths []string
	for _, g := range []string{"../../testdata/articles/*.txt", "../../testdata/heldout*/texts/*.txt", "../../sources/*.txt", "../../../shared/corpus/texts/*.txt"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	cases := []string{
		"31 October to 3 November 2023", "March 3–5, 2012", "March 30 – April 2, 2012", "March 3 to 5, 2012",
		"the 24th of September, 1960", "September 24th,1960", "Sept. 24, 1960", "early March 2012",
		"mid-March 2012", "the end of March 2012", "the beginning of May 1999", "on 12 June", "June 12th",
		"in September and November 2001", "March & April 1990", "$2012 and 2012% and 1960s and 1999",
		"in 1864–1870", "Jan. 5", "May 2020", "Mayor 2020", "24 Mayo 2020", "the 2012 report",
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(clean.Clean(raw).Text, "\n")...)
	}
	for _, s := range cases {
		got, want := scannerDates(s), refDates(s)
		if len(got) != len(want) {
			t.Errorf("%q:\n got  %+v\n want %+v", s, got, want)
			continue
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.start != w.start || g.end != w.end || g.written != w.written {
				t.Errorf("%q: date %d: got %+v, want %+v", s, i, g, w)
			}
		}
	}
}
