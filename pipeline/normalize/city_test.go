package normalize

import "testing"

func TestLookupCity(t *testing.T) {
	for _, tc := range []struct {
		in, country, now string
		capital, ok      bool
	}{
		{"Bamako", "MLI", "", true, true},
		{"n'djamena", "TCD", "", true, true},
		{"N’Djamena", "TCD", "", true, true},
		{"Fort Lamy", "TCD", "N'Djamena", false, true},
		{"Washington, D.C.", "USA", "", true, true},
		{"Sao Paulo", "BRA", "", false, true},
		{"Atlantis", "", "", false, false},
	} {
		c, ok := LookupCity(tc.in)
		if ok != tc.ok || c.Country != tc.country || c.Capital != tc.capital || c.Now != tc.now {
			t.Errorf("LookupCity(%q) = %+v, %v; want %s capital=%v now=%q ok=%v", tc.in, c, ok, tc.country, tc.capital, tc.now, tc.ok)
		}
	}
	if got := Capitals("NLD"); len(got) != 2 {
		t.Errorf("Capitals(NLD) = %v, want Amsterdam and The Hague", got)
	}
}

// Every country code of the city table is an ISO 3166-1 code, and the
// table has a capital for every sovereign state (195 or more countries).
func TestCityTableCodes(t *testing.T) {
	tab := cityTable()
	for _, cs := range tab.byKey {
		for _, c := range cs {
			if _, ok := CountryByAlpha3(c.Country); !ok {
				t.Errorf("cities.tsv: %s: %s is no ISO 3166-1 alpha-3 code", c.Name, c.Country)
			}
		}
	}
	if n := len(tab.capitals); n < 195 {
		t.Errorf("cities.tsv has capitals for %d countries, want every sovereign state", n)
	}
}

func TestDemonym(t *testing.T) {
	for code, want := range map[string]string{"MLI": "Malian", "USA": "American", "SEN": "Senegalese", "ATA": ""} {
		if got := Demonym(code); got != want {
			t.Errorf("Demonym(%s) = %q, want %q", code, got, want)
		}
	}
}
