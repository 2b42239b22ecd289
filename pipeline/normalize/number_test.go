package normalize

import (
	"encoding/json"
	"regexp"
	"strings"
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
		{name: "decimal kept", in: "2.5", want: json.Number("2.5")},
		{name: "json number", in: json.Number("18"), want: json.Number("18")},
		{name: "json .0", in: json.Number("18.0"), want: json.Number("18")},
		{name: "json exponent", in: json.Number("1e3"), want: json.Number("1000")},
		{name: "minus zero", in: json.Number("-0"), want: json.Number("0")},
		{name: "string field", in: "eighteen", ctx: Context{Type: "string"}, want: "18"},
		{name: "string field, three decimals stay unambiguous", in: "12.3450", ctx: Context{Type: "string"}, want: "12.3450"},
		{name: "string field, three decimals from a grouped number", in: "1,234.5 thousand", ctx: Context{Type: "string"}, want: "1234500"},
		{name: "string field, x-decimal .", in: "12.3450", ctx: Context{Type: "string", Decimal: "."}, want: "12.345"},
		{name: "several", in: "several", code: CodeNumberInvalid},
		{name: "twenty twenty", in: "twenty twenty", code: CodeNumberInvalid},
		{name: "five four", in: "five four", code: CodeNumberInvalid},
		{name: "hundred alone", in: "hundred", code: CodeNumberInvalid},
		{name: "ordinal", in: "eighteenth", code: CodeNumberInvalid},
		{name: "with noun", in: "18 ambassadors", code: CodeNumberInvalid},
		{name: "and at end", in: "one hundred and", code: CodeNumberInvalid},
		{name: "a alone", in: "a", code: CodeNumberInvalid},
		{name: "bool", in: false, want: false},
	})
}

// TestNumberSeparators is the boundary between numbers whose separators
// say what they are and numbers that could be read two ways.
func TestNumberSeparators(t *testing.T) {
	n := func(s string) json.Number { return json.Number(s) }
	runCases(t, "number", []tc{
		// One separator before exactly three digits, after one to three
		// digits: thousands in one convention, decimals in the other.
		{name: "1.000", in: "1.000", code: CodeNumberAmbiguous},
		{name: "1,000", in: "1,000", code: CodeNumberAmbiguous},
		{name: "12,345", in: "12,345", code: CodeNumberAmbiguous},
		{name: "12.345", in: "12.345", code: CodeNumberAmbiguous},
		{name: "999.999", in: "999.999", code: CodeNumberAmbiguous},
		{name: "negative -1.000", in: "-1.000", code: CodeNumberAmbiguous},
		{name: "plus +12,345", in: "+12,345", code: CodeNumberAmbiguous},
		{name: "padded", in: " 1.000 ", code: CodeNumberAmbiguous},
		// The same shapes, one step away, have one reading.
		{name: "two decimals", in: "1.00", want: n("1")},
		{name: "four decimals", in: "1.0000", want: n("1")},
		{name: "1.5", in: "1.5", want: n("1.5")},
		{name: "0.5", in: "0.5", want: n("0.5")},
		{name: "leading zero 0.500", in: "0.500", want: n("0.5")},
		{name: "leading zero 0,125", in: "0,125", want: n("0.125")},
		{name: "four integer digits 1000.500", in: "1000.500", want: n("1000.5")},
		{name: "four integer digits 1234,567", in: "1234,567", want: n("1234.567")},
		{name: "no integer digits .500", in: ".500", want: n("0.5")},
		{name: "exponent", in: "1.000e3", want: n("1000")},
		{name: "decimal comma 1,5", in: "1,5", want: n("1.5")},
		{name: "decimal comma 1,00", in: "1,00", want: n("1")},
		{name: "decimal comma 12,3456", in: "12,3456", want: n("12.3456")},
		// A separator used twice groups thousands.
		{name: "1,000,000", in: "1,000,000", want: n("1000000")},
		{name: "1.000.000", in: "1.000.000", want: n("1000000")},
		{name: "-12,345,678", in: "-12,345,678", want: n("-12345678")},
		// Both separators: the last marks decimals.
		{name: "12,345.6", in: "12,345.6", want: n("12345.6")},
		{name: "12.345,6", in: "12.345,6", want: n("12345.6")},
		{name: "1,000.000", in: "1,000.000", want: n("1000")},
		{name: "1.234.567,89", in: "1.234.567,89", want: n("1234567.89")},
		{name: "1,234,567.89", in: "1,234,567.89", want: n("1234567.89")},
		// Malformed.
		{name: "bad grouping 1,00,000", in: "1,00,000", code: CodeNumberInvalid},
		{name: "bad grouping 12,34.5", in: "12,34.5", code: CodeNumberInvalid},
		{name: "two decimal points", in: "1.234.5", code: CodeNumberInvalid},
		{name: "decimal point then comma group", in: "1.5,000", code: CodeNumberInvalid},
		{name: "comma without digits after", in: "1,", code: CodeNumberInvalid},
		{name: "comma without digits before", in: ",5", code: CodeNumberInvalid},
		{name: "group with leading zero", in: "0,123,456", code: CodeNumberInvalid},
		{name: "comma and exponent", in: "1,5e3", code: CodeNumberInvalid},
		{name: "separators alone", in: ".,", code: CodeNumberInvalid},
		{name: "sign alone", in: "-", code: CodeNumberInvalid},
		// A JSON number is read by JSON's rule: the period is a decimal point.
		{name: "json 1.000", in: n("1.000"), want: n("1")},
		// A field that declares its decimal separator settles the case.
		{name: "x-decimal . 1.000", in: "1.000", ctx: Context{Decimal: "."}, want: n("1")},
		{name: "x-decimal . 12,345", in: "12,345", ctx: Context{Decimal: "."}, want: n("12345")},
		{name: "x-decimal , 1.000", in: "1.000", ctx: Context{Decimal: ","}, want: n("1000")},
		{name: "x-decimal , 12,345", in: "12,345", ctx: Context{Decimal: ","}, want: n("12.345")},
		{name: "x-decimal , 1,5", in: "1,5", ctx: Context{Decimal: ","}, want: n("1.5")},
		{name: "x-decimal , string field keeps the comma", in: "1.234,5", ctx: Context{Type: "string", Decimal: ","}, want: "1234,5"},
		{name: "x-decimal , string field 12,345", in: "12,345", ctx: Context{Type: "string", Decimal: ","}, want: "12,345"},
		{name: "x-decimal . 1.5", in: "1.5", ctx: Context{Decimal: "."}, want: n("1.5")},
		{name: "x-decimal . refuses a decimal comma", in: "1,5", ctx: Context{Decimal: "."}, code: CodeNumberInvalid},
		{name: "x-decimal , refuses a decimal point", in: "1.5", ctx: Context{Decimal: ","}, code: CodeNumberInvalid},
		{name: "x-decimal . refuses period groups", in: "1.000.000", ctx: Context{Decimal: "."}, code: CodeNumberInvalid},
		{name: "x-decimal , refuses 12,345.6", in: "12,345.6", ctx: Context{Decimal: ","}, code: CodeNumberInvalid},
	})
}

func TestNumberAmbiguousMessage(t *testing.T) {
	for _, c := range []struct{ in, says, grouped, decimal string }{
		{"1.000", "a period before exactly three digits may group thousands (1000) or mark decimals (1), and neither the text nor the field says which; write 1000, or 1 for the decimal", "1000", "1"},
		{"12,345", "a comma before exactly three digits may group thousands (12345) or mark decimals (12.345), and neither the text nor the field says which; write 12345, or 12.3450 for the decimal", "12345", "12.345"},
		{"-1,500", "write -1500, or -1.5 for the decimal", "-1500", "-1.5"},
	} {
		_, err := number(c.in, Context{})
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("number(%q) error %v; want it to say %q", c.in, err, c.says)
		}
		// What the message says to write reads as what it says.
		m := regexp.MustCompile(`write (\S+), or (\S+) for the decimal`).FindStringSubmatch(err.Error())
		if m == nil {
			t.Fatalf("number(%q): no suggestion in %v", c.in, err)
		}
		for i, want := range []string{c.grouped, c.decimal} {
			if r, err := number(m[i+1], Context{}); err != nil || r.Value != json.Number(want) {
				t.Errorf("the message for %q says to write %q, which reads as %v, %v; want %s", c.in, m[i+1], r.Value, err, want)
			}
		}
	}
}

// TestNumberScale reads digits followed by a scale word.
func TestNumberScale(t *testing.T) {
	n := func(s string) json.Number { return json.Number(s) }
	usd := Context{Type: "number", Unit: "USD"}
	runCases(t, "number", []tc{
		{name: "12 million", in: "12 million", want: n("12000000")},
		{name: "1.5 billion", in: "1.5 billion", want: n("1500000000")},
		{name: "3 thousand", in: "3 thousand", want: n("3000")},
		{name: "2 trillion", in: "2 trillion", want: n("2000000000000")},
		{name: "Million capital", in: "12 Million", want: n("12000000")},
		{name: "29.538 million: English scale, decimal point", in: "29.538 million", want: n("29538000")},
		{name: "1,500 million: English scale, comma groups", in: "1,500 million", want: n("1500000000")},
		{name: "0.5 million", in: "0.5 million", want: n("500000")},
		{name: "fraction of a unit", in: "1.2345678 million", want: n("1234567.8")},
		{name: "negative", in: "-2 billion", want: n("-2000000000")},
		{name: "words still read", in: "twelve million", want: n("12000000")},
		{name: "string field", in: "12 million", ctx: Context{Type: "string"}, want: "12000000"},
		{name: "decimal comma field", in: "1,5 million", ctx: Context{Decimal: ","}, want: n("1500000")},
		{name: "decimal comma field, period groups", in: "1.500 million", ctx: Context{Decimal: ","}, want: n("1500000000")},
		{name: "1,5 million: a comma cannot mark English decimals", in: "1,5 million", code: CodeNumberInvalid},
		{name: "scale word alone", in: "million", code: CodeNumberInvalid},
		{name: "two scale words", in: "12 million million", code: CodeNumberInvalid},
		{name: "abbreviated scale", in: "12m", code: CodeNumberInvalid},
		{name: "abbreviated scale with currency", in: "$5bn", ctx: usd, code: CodeNumberInvalid},
		{name: "trillion in words", in: "two trillion five hundred billion", want: n("2500000000000")},
		{name: "noun after scale", in: "12 million people", code: CodeNumberInvalid},
		{name: "plural scale", in: "12 millions", code: CodeNumberInvalid},
		// Currency: read only where the field's unit is that currency.
		{name: "$ in a USD field", in: "$29.538 million", ctx: usd, want: n("29538000")},
		{name: "US$ in a USD field", in: "US$ 5 million", ctx: usd, want: n("5000000")},
		{name: "USD code before", in: "USD 12", ctx: usd, want: n("12")},
		{name: "USD code after", in: "12 million USD", ctx: usd, want: n("12000000")},
		{name: "negative amount", in: "-$5", ctx: usd, want: n("-5")},
		{name: "sign after the amount", in: "5$", ctx: usd, want: n("5")},
		{name: "plain number in a USD field", in: "7", ctx: usd, want: n("7")},
		{name: "$1.000 is still ambiguous", in: "$1.000", ctx: usd, code: CodeNumberAmbiguous},
		{name: "$ in a field with no currency", in: "$29.538 million", code: CodeNumberInvalid},
		{name: "$ in a percent field", in: "$5", ctx: Context{Unit: "percent"}, code: CodeNumberInvalid},
		{name: "euro in a USD field", in: "€5 million", ctx: usd, code: CodeNumberInvalid},
		{name: "EUR code in a USD field", in: "EUR 5", ctx: usd, code: CodeNumberInvalid},
		{name: "euro in a EUR field", in: "€5 million", ctx: Context{Unit: "EUR"}, want: n("5000000")},
		{name: "euro after in a EUR field", in: "5 €", ctx: Context{Unit: "EUR"}, want: n("5")},
		{name: "yen in a JPY field", in: "¥300", ctx: Context{Unit: "JPY"}, want: n("300")},
		{name: "$ in a CAD field", in: "$5", ctx: Context{Unit: "CAD"}, code: CodeNumberInvalid},
		{name: "CAD code in a CAD field", in: "CAD 5", ctx: Context{Unit: "CAD"}, want: n("5")},
		{name: "two signs", in: "-$-5", ctx: usd, code: CodeNumberInvalid},
		{name: "sign alone", in: "$", ctx: usd, code: CodeNumberInvalid},
	})
}

func TestNumberCurrencyMessages(t *testing.T) {
	for _, c := range []struct {
		in   string
		ctx  Context
		want string
	}{
		{"$29.538 million", Context{}, "$ is a currency, and the field declares none (x-unit); write the number alone"},
		{"€5", Context{Unit: "USD"}, "€ is not the field's currency, USD"},
	} {
		_, err := number(c.in, c.ctx)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("number(%q) error %v; want it to say %q", c.in, err, c.want)
		}
	}
}

func TestAmbiguousNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"1.000": true, "12,345": true, " -999.999 ": true,
		"1.5": false, "1000.000": false, "0.500": false, "1,000,000": false, "12,345.6": false, "18": false, "x": false, "": false,
	} {
		if got := AmbiguousNumber(s); got != want {
			t.Errorf("AmbiguousNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"eighteen", "twenty-one", "a dozen", "one hundred and five", "18", "1,000", "-0", "1e3", "", "a", "nine hundred ninety-nine billion",
		"1.000", "12,345.6", "1.234,5", "1,5", "$29.538 million", "-$5", "5 EUR", "1.5 billion", "2 trillion"} {
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
		for _, ctx := range []Context{{Type: "integer"}, {Type: "string"}, {Type: "number", Unit: "USD", Decimal: "."}, {Type: "number", Unit: "EUR", Decimal: ","}, {Type: "string", Decimal: ","}} {
			checkOutput(t, "number", in, ctx)
		}
	})
}
