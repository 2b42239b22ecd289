package normalize

import (
	"encoding/json"
	"testing"
)

func TestPercent(t *testing.T) {
	frac := Context{Type: "number", Fraction: true}
	runCases(t, "percent", []tc{
		{name: "sign", in: "79%", want: json.Number("79")},
		{name: "spaced sign", in: "79 %", want: json.Number("79")},
		{name: "percent", in: "79 percent", want: json.Number("79")},
		{name: "per cent", in: "79 per cent", want: json.Number("79")},
		{name: "Percent capital", in: "79 Percent", want: json.Number("79")},
		{name: "pct", in: "79 pct", want: json.Number("79")},
		{name: "words", in: "seventy-nine percent", want: json.Number("79")},
		{name: "words spaced", in: "seventy nine per cent", want: json.Number("79")},
		{name: "number", in: json.Number("79"), want: json.Number("79")},
		{name: "number with .0", in: json.Number("79.0"), want: json.Number("79")},
		{name: "decimal", in: "12.5%", want: json.Number("12.5")},
		{name: "text number", in: "87", want: json.Number("87")},
		{name: "nbsp", in: "79\u00a0%", want: json.Number("79")},
		{name: "fraction field: percent sign", in: "79%", ctx: frac, want: json.Number("0.79")},
		{name: "fraction field: 12.5%", in: "12.5%", ctx: frac, want: json.Number("0.125")},
		{name: "fraction field: 100%", in: "100%", ctx: frac, want: json.Number("1")},
		{name: "fraction field: words", in: "four percent", ctx: frac, want: json.Number("0.04")},
		{name: "fraction field: plain stays", in: json.Number("0.79"), ctx: frac, want: json.Number("0.79")},
		{name: "fraction field: plain 79 not rescaled", in: json.Number("79"), ctx: frac, want: json.Number("79")},
		{name: "no fraction: 0.5 not guessed", in: json.Number("0.5"), want: json.Number("0.5")},
		{name: "no fraction: 0.5 text not guessed", in: "0.5", want: json.Number("0.5")},
		{name: "string field", in: "79%", ctx: Context{Type: "string"}, want: "79"},
		{name: "negative", in: "-5%", want: json.Number("-5")},
		{name: "huge json number left", in: json.Number("1e999"), want: json.Number("1e999")},
		{name: "ambiguous 1.000%", in: "1.000%", code: CodeNumberAmbiguous},
		{name: "ambiguous 12,345", in: "12,345", code: CodeNumberAmbiguous},
		{name: "decimal comma", in: "79,5 %", want: json.Number("79.5")},
		{name: "three decimals with x-decimal", in: "12.345%", ctx: Context{Type: "number", Decimal: "."}, want: json.Number("12.345")},
		{name: "three decimals, four written", in: "12.3450%", want: json.Number("12.345")},
		{name: "no scale words", in: "12 million %", code: CodePercentInvalid},
		{name: "no currency", in: "$5", code: CodePercentInvalid},
		{name: "not a number", in: "most", code: CodePercentInvalid},
		{name: "sign alone", in: "%", code: CodePercentInvalid},
		{name: "two numbers", in: "79% and 10%", code: CodePercentInvalid},
		{name: "huge text", in: "1e999%", code: CodePercentInvalid},
		{name: "bool unchanged", in: true, want: true},
	})
}

func FuzzPercent(f *testing.F) {
	for _, s := range []string{"79%", "79 per cent", "seventy-nine percent", "12.5%", "0.79", "", "%", "1e5%", "-0%", "a dozen pct", "1.000%", "79,5 %", "1.234,5%"} {
		f.Add(s, false, false)
		f.Add(s, false, true)
	}
	f.Add("79", true, false)
	f.Add("0.79", true, true)
	f.Add("1E+2", true, false)
	f.Fuzz(func(t *testing.T, s string, asNumber, fraction bool) {
		var in any = validText(s)
		if asNumber {
			n, ok := jsonNumber(s)
			if !ok {
				return
			}
			in = n
		}
		checkOutput(t, "percent", in, Context{Type: "number", Fraction: fraction})
		checkOutput(t, "percent", in, Context{Type: "string", Fraction: fraction})
		checkOutput(t, "percent", in, Context{Type: "string", Fraction: fraction, Decimal: ","})
		checkOutput(t, "percent", in, Context{Type: "number", Fraction: fraction, Decimal: "."})
	})
}
