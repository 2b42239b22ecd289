package normalize

import (
	"encoding/json"
	"testing"
)

func TestDate(t *testing.T) {
	moved := func(s string) map[string]any { return map[string]any{"date_text": s} }
	runCases(t, "date", []tc{
		// The forms from the brief.
		{name: "month year", in: "March 2012", want: "2012-03"},
		{name: "US long", in: "September 24, 1960", want: "1960-09-24"},
		{name: "day month year", in: "24 September 1960", want: "1960-09-24"},
		{name: "Sept.", in: "Sept. 2012", want: "2012-09"},
		{name: "Sep", in: "Sep 2012", want: "2012-09"},
		{name: "year", in: "2012", want: "2012"},
		{name: "iso day", in: "2012-03-22", want: "2012-03-22"},
		{name: "iso month", in: "2012-03", want: "2012-03"},
		{name: "month slash year", in: "03/2012", want: "2012-03"},
		{name: "day month comma year", in: "22 March, 2012", want: "2012-03-22"},
		// More spellings.
		{name: "ordinal", in: "the 24th of September 1960", want: "1960-09-24"},
		{name: "ordinal US", in: "September 24th, 1960", want: "1960-09-24"},
		{name: "weekday", in: "Thursday, 22 March 2012", want: "2012-03-22"},
		{name: "abbr with dot", in: "22 Mar. 2012", want: "2012-03-22"},
		{name: "month comma year", in: "March, 2012", want: "2012-03"},
		{name: "lower case with year", in: "march 2012", want: "2012-03"},
		{name: "May 2012", in: "May 2012", want: "2012-05"},
		{name: "single digits", in: "2012-3-5", want: "2012-03-05"},
		{name: "slashes year first", in: "2012/03/22", want: "2012-03-22"},
		{name: "dotted european", in: "22.03.2012", want: "2012-03-22"},
		{name: "day over 12", in: "22/03/2012", want: "2012-03-22"},
		{name: "US day over 12", in: "03/22/2012", want: "2012-03-22"},
		{name: "same day and month", in: "03/03/2012", want: "2012-03-03"},
		{name: "date time", in: "2012-03-22T10:15:00Z", want: "2012-03-22"},
		{name: "padded", in: "  March   2012 ", want: "2012-03"},
		{name: "leap day", in: "2012-02-29", want: "2012-02-29"},
		{name: "leap day 2000", in: "29 February 2000", want: "2000-02-29"},
		{name: "year as number", in: json.Number("2012"), want: "2012"},
		{name: "year number in integer field", in: json.Number("2012"), ctx: Context{Type: "integer"}, want: json.Number("2012")},
		{name: "other number", in: json.Number("12"), want: json.Number("12")},
		// No year: the text moves to date_text.
		{name: "day month", in: "24 September", del: true, extra: moved("24 September")},
		{name: "month day", in: "September 24", del: true, extra: moved("September 24")},
		{name: "month alone", in: "March", del: true, extra: moved("March")},
		{name: "leap day no year", in: "29 February", del: true, extra: moved("29 February")},
		{name: "month day collapsed", in: " September  24 ", del: true, extra: moved("September 24")},
		// Refused.
		{name: "may alone is a word", in: "may", code: CodeDateInvalid},
		{name: "march lower alone", in: "march", code: CodeDateInvalid},
		{name: "not leap", in: "2013-02-29", code: CodeDateInvalid},
		{name: "February 30", in: "2024-02-30", code: CodeDateInvalid},
		{name: "month 13", in: "2012-13", code: CodeDateInvalid},
		{name: "month 0", in: "2012-00", code: CodeDateInvalid},
		{name: "day 0", in: "2012-03-00", code: CodeDateInvalid},
		{name: "April 31", in: "31 April 2012", code: CodeDateInvalid},
		{name: "February 30 no year", in: "30 February", code: CodeDateInvalid},
		{name: "month 13 slash", in: "13/2012", code: CodeDateInvalid},
		{name: "both over 12", in: "13/14/2012", code: CodeDateInvalid},
		{name: "year 0", in: "0000", code: CodeDateInvalid},
		{name: "ambiguous", in: "03/04/2012", code: CodeDateAmbiguous},
		{name: "ambiguous dashes", in: "03-04-2012", code: CodeDateAmbiguous},
		{name: "words", in: "soon after the coup", code: CodeDateInvalid},
		{name: "two digit year", in: "March '12", code: CodeDateInvalid},
		{name: "day alone", in: "24", code: CodeDateInvalid},
		{name: "range", in: "2012–2013", code: CodeDateInvalid},
		{name: "mixed separators", in: "2012-03/22", code: CodeDateInvalid},
		{name: "two months", in: "March May 2012", code: CodeDateInvalid},
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"March 2012", "September 24, 1960", "24 September", "03/04/2012", "2012-02-29", "2013-02-29", "March", "may", "2012", "0001", "the 1st of May", "Mon 1 Jan 2001", "12/12/2012", "2012-03-22T00:00"} {
		f.Add(s, false)
	}
	f.Add("2012", true)
	f.Add("1e3", true)
	f.Fuzz(func(t *testing.T, s string, asNumber bool) {
		var in any = validText(s)
		if asNumber {
			n, ok := jsonNumber(s)
			if !ok {
				return
			}
			in = n
		}
		checkOutput(t, "date", in, Context{})
		if r, err := date(in, Context{}); err == nil && !r.Delete {
			if out, ok := r.Value.(string); ok && !isBlank(out) {
				if _, _, err := parseDate(out); err != nil {
					t.Fatalf("date(%q) = %q, which does not parse back", s, out)
				}
			}
		}
	})
}
