package normalize

import (
	"encoding/json"
	"testing"
)

func TestNumber(t *testing.T) {
	runCases(t, "number", []tc{
		{name: "eighteen", in: "eighteen", want: json.Number("18")},
		{name: "Eighteen capital", in: "Eighteen", want: json.Number("18")},
		{name: "twenty-one", in: "twenty-one", want: json.Number("21")},
		{name: "twenty one", in: "twenty one", want: json.Number("21")},
		{name: "a dozen", in: "a dozen", want: json.Number("12")},
		{name: "dozen", in: "dozen", want: json.Number("12")},
		{name: "two dozen", in: "two dozen", want: json.Number("24")},
		{name: "one hundred", in: "one hundred", want: json.Number("100")},
		{name: "a hundred", in: "a hundred", want: json.Number("100")},
		{name: "one hundred and five", in: "one hundred and five", want: json.Number("105")},
		{name: "thousands", in: "two thousand three hundred forty-five", want: json.Number("2345")},
		{name: "million", in: "one million", want: json.Number("1000000")},
		{name: "zero", in: "zero", want: json.Number("0")},
		{name: "digits", in: "18", want: json.Number("18")},
		{name: "grouped", in: "1,000", want: json.Number("1000")},
		{name: "decimal kept", in: "2.5", want: json.Number("2.5")},
		{name: "json number", in: json.Number("18"), want: json.Number("18")},
		{name: "json .0", in: json.Number("18.0"), want: json.Number("18")},
		{name: "json exponent", in: json.Number("1e3"), want: json.Number("1000")},
		{name: "minus zero", in: json.Number("-0"), want: json.Number("0")},
		{name: "string field", in: "eighteen", ctx: Context{Type: "string"}, want: "18"},
		{name: "several", in: "several", code: CodeNumberInvalid},
		{name: "twenty twenty", in: "twenty twenty", code: CodeNumberInvalid},
		{name: "five four", in: "five four", code: CodeNumberInvalid},
		{name: "hundred alone", in: "hundred", code: CodeNumberInvalid},
		{name: "ordinal", in: "eighteenth", code: CodeNumberInvalid},
		{name: "with noun", in: "18 ambassadors", code: CodeNumberInvalid},
		{name: "and at end", in: "one hundred and", code: CodeNumberInvalid},
		{name: "a alone", in: "a", code: CodeNumberInvalid},
		{name: "bad grouping", in: "1,00", code: CodeNumberInvalid},
		{name: "bool", in: false, want: false},
	})
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"eighteen", "twenty-one", "a dozen", "one hundred and five", "18", "1,000", "-0", "1e3", "", "a", "nine hundred ninety-nine billion"} {
		f.Add(s, false)
	}
	f.Add("18.0", true)
	f.Add("-1.50e1", true)
	f.Fuzz(func(t *testing.T, s string, asNumber bool) {
		var in any = validText(s)
		if asNumber {
			n, ok := jsonNumber(s)
			if !ok {
				return
			}
			in = n
		}
		checkOutput(t, "number", in, Context{Type: "integer"})
		checkOutput(t, "number", in, Context{Type: "string"})
	})
}
