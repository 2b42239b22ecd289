package normalize

import "testing"

func TestPlace(t *testing.T) {
	c := func(s string) map[string]any { return map[string]any{"country": s} }
	runCases(t, "place", []tc{
		{name: "city, country", in: "Bamako, Mali", want: "Bamako", extra: c("MLI")},
		{name: "city alone", in: "Bamako", want: "Bamako"},
		{name: "spaces", in: "  Bamako ,  Mali ", want: "Bamako", extra: c("MLI")},
		{name: "region kept", in: "Timbuktu, Tombouctou Region, Mali", want: "Timbuktu, Tombouctou Region", extra: c("MLI")},
		{name: "abbreviation", in: "Washington, U.S.", want: "Washington", extra: c("USA")},
		{name: "Washington, D.C. stays", in: "Washington, D.C.", want: "Washington, D.C."},
		{name: "US state code stays", in: "Atlanta, GA", want: "Atlanta, GA"},
		{name: "Georgia is read as the state", in: "Atlanta, Georgia", want: "Atlanta, Georgia"},
		{name: "demonym is no country", in: "Bamako, Malian", want: "Bamako, Malian"},
		{name: "Niamey, Niger", in: "Niamey, Niger", want: "Niamey", extra: c("NER")},
		{name: "Abuja, Nigeria", in: "Abuja, Nigeria", want: "Abuja", extra: c("NGA")},
		{name: "repeated country", in: "Bamako, Mali, Mali", want: "Bamako", extra: c("MLI")},
		{name: "country alone kept", in: "Mali", want: "Mali"},
		{name: "empty head kept", in: ", Mali", want: ", Mali"},
		{name: "Kosovo has no code", in: "Pristina, Kosovo", want: "Pristina, Kosovo"},
		{name: "ambiguous", in: "Brazzaville, Congo", code: CodeCountryAmbiguous},
		{name: "two countries", in: "Bamako, Niger, Mali", code: CodePlaceCountries},
	})
}

func FuzzPlace(f *testing.F) {
	for _, s := range []string{"Bamako, Mali", "a,Mali,Mali", ", Mali", "Mali, Mali", "Atlanta, GA", "x,,Mali", "", "Brazzaville, Congo"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOutput(t, "place", validText(s), Context{})
	})
}
