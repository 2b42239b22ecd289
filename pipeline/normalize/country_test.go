package normalize

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestCountry(t *testing.T) {
	runCases(t, "country", []tc{
		// The forms the Mali article writes.
		{name: "U.S.", in: "U.S.", want: "USA"},
		{name: "US alpha-2", in: "US", want: "USA"},
		{name: "USA", in: "USA", want: "USA"},
		{name: "U.S.A.", in: "U.S.A.", want: "USA"},
		{name: "United States", in: "United States", want: "USA"},
		{name: "the United States", in: "the United States", want: "USA"},
		{name: "United States of America", in: "United States of America", want: "USA"},
		{name: "America", in: "America", want: "USA"},
		{name: "American", in: "American", want: "USA"},
		{name: "Americans", in: "Americans", want: "USA"},
		{name: "Mali", in: "Mali", want: "MLI"},
		{name: "Malian", in: "Malian", want: "MLI"},
		{name: "Malians", in: "Malians", want: "MLI"},
		{name: "Republic of Mali", in: "Republic of Mali", want: "MLI"},
		{name: "padded", in: "  Mali ", want: "MLI"},
		{name: "trailing dot", in: "Mali.", want: "MLI"},
		// Neighbours that must not be confused.
		{name: "Malawi", in: "Malawi", want: "MWI"},
		{name: "Malawian", in: "Malawian", want: "MWI"},
		{name: "Niger", in: "Niger", want: "NER"},
		{name: "Nigerien", in: "Nigerien", want: "NER"},
		{name: "Nigeriens", in: "Nigeriens", want: "NER"},
		{name: "Nigeria", in: "Nigeria", want: "NGA"},
		{name: "Nigerian", in: "Nigerian", want: "NGA"},
		{name: "Guinea", in: "Guinea", want: "GIN"},
		{name: "Guinean", in: "Guinean", want: "GIN"},
		{name: "Guinea-Bissau", in: "Guinea-Bissau", want: "GNB"},
		{name: "Guinea Bissau", in: "Guinea Bissau", want: "GNB"},
		{name: "Bissau-Guinean", in: "Bissau-Guinean", want: "GNB"},
		{name: "Equatorial Guinea", in: "Equatorial Guinea", want: "GNQ"},
		{name: "Papua New Guinea", in: "Papua New Guinea", want: "PNG"},
		{name: "Sudan", in: "Sudan", want: "SDN"},
		{name: "South Sudan", in: "South Sudan", want: "SSD"},
		{name: "Dominica", in: "Dominica", want: "DMA"},
		{name: "Dominican Republic", in: "Dominican Republic", want: "DOM"},
		{name: "Samoa", in: "Samoa", want: "WSM"},
		{name: "American Samoa", in: "American Samoa", want: "ASM"},
		// Burkina Faso and Côte d'Ivoire, with and without diacritics.
		{name: "Burkinabè", in: "Burkinabè", want: "BFA"},
		{name: "Burkinabe", in: "Burkinabe", want: "BFA"},
		{name: "Burkina Faso", in: "Burkina Faso", want: "BFA"},
		{name: "Ivorian", in: "Ivorian", want: "CIV"},
		{name: "Côte d'Ivoire", in: "Côte d'Ivoire", want: "CIV"},
		{name: "Cote d'Ivoire", in: "Cote d'Ivoire", want: "CIV"},
		{name: "Côte d’Ivoire curly", in: "Côte d’Ivoire", want: "CIV"},
		{name: "Ivory Coast", in: "Ivory Coast", want: "CIV"},
		// Permanent members of the Security Council.
		{name: "Britain", in: "Britain", want: "GBR"},
		{name: "British", in: "British", want: "GBR"},
		{name: "United Kingdom", in: "United Kingdom", want: "GBR"},
		{name: "U.K. dotted", in: "U.K.", want: "GBR"},
		{name: "GB", in: "GB", want: "GBR"},
		{name: "France", in: "France", want: "FRA"},
		{name: "French", in: "French", want: "FRA"},
		{name: "Russia", in: "Russia", want: "RUS"},
		{name: "Russian Federation", in: "Russian Federation", want: "RUS"},
		{name: "China", in: "China", want: "CHN"},
		{name: "Chinese", in: "Chinese", want: "CHN"},
		{name: "PRC", in: "PRC", want: "CHN"},
		// Other forms.
		{name: "DRC", in: "DRC", want: "COD"},
		{name: "Democratic Republic of the Congo", in: "Democratic Republic of the Congo", want: "COD"},
		{name: "Republic of the Congo", in: "Republic of the Congo", want: "COG"},
		{name: "Congo-Brazzaville", in: "Congo-Brazzaville", want: "COG"},
		{name: "ISO comma name", in: "Korea, Republic of", want: "KOR"},
		{name: "South Korea", in: "South Korea", want: "KOR"},
		{name: "Swiss", in: "Swiss", want: "CHE"},
		{name: "Cape Verde", in: "Cape Verde", want: "CPV"},
		{name: "Swaziland", in: "Swaziland", want: "SWZ"},
		{name: "The Gambia", in: "The Gambia", want: "GMB"},
		{name: "Türkiye", in: "Türkiye", want: "TUR"},
		{name: "Turkey", in: "Turkey", want: "TUR"},
		{name: "Filipinos", in: "Filipinos", want: "PHL"},
		// Refused.
		{name: "Congo ambiguous", in: "Congo", code: CodeCountryAmbiguous},
		{name: "the Congo ambiguous", in: "the Congo", code: CodeCountryAmbiguous},
		{name: "Congolese ambiguous", in: "Congolese", code: CodeCountryAmbiguous},
		{name: "Korea ambiguous", in: "Korea", code: CodeCountryAmbiguous},
		{name: "Dominican ambiguous", in: "Dominican", code: CodeCountryAmbiguous},
		{name: "UK is no ISO code", in: "UK", code: CodeCountryUnknown},
		{name: "XK user-assigned", in: "XK", code: CodeCountryUnknown},
		{name: "EU", in: "EU", code: CodeCountryUnknown},
		{name: "lowercase alpha-2", in: "us", code: CodeCountryUnknown},
		// Lower-case codes and abbreviations are words more often than
		// codes: never read as a country outside a field that holds codes.
		{name: "and is no Andorra", in: "and", code: CodeCountryUnknown},
		{name: "can is no Canada", in: "can", code: CodeCountryUnknown},
		{name: "per is no Peru", in: "per", code: CodeCountryUnknown},
		{name: "mar is no Morocco", in: "mar", code: CodeCountryUnknown},
		{name: "car is no Central African Republic", in: "car", code: CodeCountryUnknown},
		{name: "And capitalized", in: "And", code: CodeCountryUnknown},
		{name: "Can capitalized", in: "Can", code: CodeCountryUnknown},
		{name: "lowercase alpha-3", in: "mli", code: CodeCountryUnknown},
		{name: "lowercase abbreviation usa", in: "usa", code: CodeCountryUnknown},
		{name: "lowercase abbreviation drc", in: "drc", code: CodeCountryUnknown},
		{name: "lowercase dotted abbreviation", in: "u.s.", code: CodeCountryUnknown},
		{name: "mixed-case abbreviation", in: "Uae", code: CodeCountryUnknown},
		// Upper-case codes and abbreviations stay accepted.
		{name: "AND is Andorra", in: "AND", want: "AND"},
		{name: "CAN is Canada", in: "CAN", want: "CAN"},
		{name: "PER is Peru", in: "PER", want: "PER"},
		{name: "CAR is Central African Republic", in: "CAR", want: "CAF"},
		{name: "C.A.R.", in: "C.A.R.", want: "CAF"},
		{name: "UAE", in: "UAE", want: "ARE"},
		// A lower-case name is still a name.
		{name: "lowercase name", in: "mali", want: "MLI"},
		{name: "lowercase demonym Lao", in: "lao", want: "LAO"},
		// ISO official names.
		{name: "Republic of Poland", in: "Republic of Poland", want: "POL"},
		{name: "Socialist Republic of Viet Nam", in: "Socialist Republic of Viet Nam", want: "VNM"},
		{name: "Plurinational State of Bolivia", in: "Plurinational State of Bolivia", want: "BOL"},
		{name: "Bolivia, Plurinational State of", in: "Bolivia, Plurinational State of", want: "BOL"},
		{name: "the State of Palestine", in: "the State of Palestine", want: "PSE"},
		{name: "Holy See (Vatican City State)", in: "Holy See (Vatican City State)", want: "VAT"},
		{name: "Kosovo no code", in: "Kosovo", code: CodeCountryUnknown},
		{name: "Soviet Union", in: "Soviet Union", code: CodeCountryUnknown},
		{name: "Wakanda", in: "Wakanda", code: CodeCountryUnknown},
		{name: "unassigned alpha-3", in: "XYZ", code: CodeCountryUnknown},
		{name: "Malis is no plural", in: "Malis", code: CodeCountryUnknown},
		// Not handled: unchanged.
		{name: "number", in: json.Number("466"), want: json.Number("466")},
		{name: "blank", in: " ", want: " "},
	})
}

func TestCountryMessages(t *testing.T) {
	for in, want := range map[string]string{
		"Wakanda": `unknown country "Wakanda"`,
		"UK":      "GBR",
		"XK":      "user-assigned",
		"Congo":   "COG (Republic of the Congo) or COD (Democratic Republic of the Congo)",
		"Kosovo":  "no officially assigned",
		"ml":      `"ML"`,
		"per":     "write PER if Peru is meant",
		"car":     "write CAR if Central African Republic is meant",
		"usa":     "write USA if United States of America is meant",
	} {
		_, err := country(in, Context{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("country(%q) error %v; want it to say %q", in, err, want)
		}
	}
}

// exceptionalCodes are two-letter codes that CLDR (and so x/text) knows but
// ISO 3166-1 does not list as officially assigned: exceptionally or
// transitionally reserved, withdrawn, or user-assigned.
var exceptionalCodes = "AC AN BU CP CQ CS CT DD DG DY EA EZ FQ FX HV IC JT MI NH NQ NT PC PU PZ RH SU TA TP UK UN VD WK YD YU ZR"

func TestISOTable(t *testing.T) {
	list := Countries()
	if len(list) != 249 {
		t.Fatalf("%d ISO 3166-1 entries, want 249", len(list))
	}
	a2, a3 := map[string]bool{}, map[string]bool{}
	official := 0
	for _, c := range list {
		if a2[c.Alpha2] || a3[c.Alpha3] {
			t.Errorf("duplicate code in %+v", c)
		}
		a2[c.Alpha2], a3[c.Alpha3] = true, true
		if !isUpperASCII(c.Alpha2, 2) || !isUpperASCII(c.Alpha3, 3) || c.Name == "" {
			t.Errorf("malformed entry %+v", c)
		}
		// Cross-check with the region data of golang.org/x/text.
		r, err := language.ParseRegion(c.Alpha2)
		if err != nil || r.ISO3() != c.Alpha3 {
			t.Errorf("%s: x/text says alpha-3 %q (%v), table says %s", c.Alpha2, r.ISO3(), err, c.Alpha3)
		}
		if got, ok := CountryByAlpha3(c.Alpha3); !ok || got != c {
			t.Errorf("CountryByAlpha3(%s) = %+v, %v", c.Alpha3, got, ok)
		}
		// Every ISO code and short name normalizes to the code.
		for _, in := range []string{c.Alpha3, c.Alpha2} {
			if got, err := country(in, Context{}); err != nil || got.Value != c.Alpha3 {
				t.Errorf("country(%q) = %v, %v; want %s", in, got.Value, err, c.Alpha3)
			}
		}
		if got, err := country(c.Name, Context{}); c.Alpha3 != "COG" && (err != nil || got.Value != c.Alpha3) {
			t.Errorf("country(%q) = %v, %v; want %s", c.Name, got.Value, err, c.Alpha3)
		}
		if c.Official != "" {
			if got, err := country(c.Official, Context{}); err != nil || got.Value != c.Alpha3 {
				t.Errorf("country(%q) = %v, %v; want %s", c.Official, got.Value, err, c.Alpha3)
			}
			official++
		}
	}
	if official != 173 {
		t.Errorf("%d official names, want the 173 ISO 3166-1 gives", official)
	}
	// Completeness: every country x/text knows is in the table, but for the
	// codes ISO does not officially assign.
	skip := map[string]bool{}
	for _, c := range strings.Fields(exceptionalCodes) {
		skip[c] = true
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || r.String() != code || !r.IsCountry() || r.IsPrivateUse() || skip[code] {
				continue
			}
			if !a2[code] {
				t.Errorf("x/text knows country %s (%s), missing from iso3166.tsv", code, r.ISO3())
			}
		}
	}
}

func TestAliasTable(t *testing.T) {
	var n int
	err := eachTSVLine(countryAliasesTSV, 3, func(line int, f []string) error {
		n++
		kind, code, alias := f[0], f[1], f[2]
		got, err := country(alias, Context{})
		switch kind {
		case kindAmbiguous:
			if !isErrCode(err, CodeCountryAmbiguous) {
				t.Errorf("line %d: country(%q) = %v, %v; want ambiguous", line, alias, got.Value, err)
			}
		case kindNoCode:
			if !isErrCode(err, CodeCountryUnknown) {
				t.Errorf("line %d: country(%q) = %v, %v; want unknown", line, alias, got.Value, err)
			}
		default:
			if err != nil || got.Value != code {
				t.Errorf("line %d: country(%q) = %v, %v; want %s", line, alias, got.Value, err, code)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 300 {
		t.Errorf("only %d aliases", n)
	}
}

// TestAliasCoverage checks that every African country and every permanent
// member of the Security Council has a demonym in the alias table.
func TestAliasCoverage(t *testing.T) {
	african := "DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COD COG CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD SDN TZA TGO TUN UGA ZMB ZWE ESH"
	unsc := "USA GBR FRA RUS CHN"
	demonyms := map[string]bool{}
	err := eachTSVLine(countryAliasesTSV, 3, func(_ int, f []string) error {
		switch f[0] {
		case kindDemonym:
			demonyms[f[1]] = true
		case kindAmbiguous:
			for _, c := range strings.Split(f[1], ",") {
				demonyms[c] = true // "Congolese" names both Congos
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	codes := strings.Fields(african + " " + unsc)
	if len(codes) != 55+5 {
		t.Fatalf("%d codes in the coverage list", len(codes))
	}
	for _, c := range codes {
		if !demonyms[c] {
			t.Errorf("%s has no demonym alias", c)
		}
	}
}

func TestLoadCountriesErrors(t *testing.T) {
	iso := "ML\tMLI\tMali\tRepublic of Mali\nNE\tNER\tNiger\t-\n"
	for name, c := range map[string]struct{ iso, alias, want string }{
		"duplicate alpha-3":  {iso + "MX\tMLI\tMali bis\t-\n", "", "duplicate alpha-3"},
		"duplicate alpha-2":  {iso + "ML\tMLX\tMali bis\t-\n", "", "duplicate alpha-2"},
		"malformed":          {"ml\tMLI\tMali\t-\n", "", "malformed"},
		"empty official":     {"ML\tMLI\tMali\t\n", "", "malformed"},
		"official clash":     {iso + "NG\tNGA\tNigeria\tRepublic of Mali\n", "", "already means"},
		"unknown alias code": {iso, "name\tZZZ\tNowhere\n", "unknown alpha-3"},
		"two meanings":       {iso, "name\tMLI\tSahel\nname\tNER\tSahel\n", "already means"},
		"alias is a code":    {iso, "abbr\tMLI\tNER\n", "alpha-3 code of Niger"},
		"unknown kind":       {iso, "nick\tMLI\tM\n", "unknown kind"},
		"field count":        {iso, "name\tMLI\n", "fields"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadCountries(c.iso, c.alias)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("loadCountries error %v, want %q", err, c.want)
			}
		})
	}
	if _, err := loadCountries(iso3166TSV, countryAliasesTSV); err != nil {
		t.Fatalf("embedded tables: %v", err)
	}
}

func TestCountryCode(t *testing.T) {
	runCases(t, "country-code", []tc{
		{name: "lowercase alpha-3", in: "mli", want: "MLI"},
		{name: "mixed-case alpha-3", in: "Mli", want: "MLI"},
		{name: "lowercase alpha-2", in: "ml", want: "MLI"},
		{name: "and is Andorra in a code field", in: "and", want: "AND"},
		{name: "upper alpha-3", in: "MLI", want: "MLI"},
		{name: "upper alpha-2", in: "US", want: "USA"},
		{name: "names still read", in: "Republic of Mali", want: "MLI"},
		{name: "padded", in: " ner ", want: "NER"},
		{name: "uk is no code", in: "uk", code: CodeCountryUnknown},
		{name: "unassigned", in: "xyz", code: CodeCountryUnknown},
		{name: "lowercase abbreviation is no code", in: "drc", code: CodeCountryUnknown},
		{name: "ambiguous", in: "Congo", code: CodeCountryAmbiguous},
		{name: "number", in: json.Number("466"), want: json.Number("466")},
	})
}

func isErrCode(err error, code string) bool {
	e, ok := err.(*Error)
	return ok && e.Code == code
}

func FuzzCountry(f *testing.F) {
	for _, s := range []string{"U.S.", "Malians", "mli", "UK", "XK", "Congo", "Côte d’Ivoire", "the Gambia", "Nigeriens", "Kosovo", "", "s", "the s", "ss", "GB", "Guinea-Bissau"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = validText(s)
		checkOutput(t, "country", s, Context{})
		checkOutput(t, "country-code", s, Context{})
		r, err := country(s, Context{})
		if err == nil && !isBlank(s) {
			if _, ok := CountryByAlpha3(r.Value.(string)); !ok {
				t.Fatalf("country(%q) = %v, not an ISO code", s, r.Value)
			}
			// A field that holds codes accepts more, never something else.
			if rc, err := countryCode(s, Context{}); err != nil || rc.Value != r.Value {
				t.Fatalf("country(%q) = %v but country-code gives %v, %v", s, r.Value, rc.Value, err)
			}
		}
	})
}
