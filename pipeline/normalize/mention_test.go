package normalize

import "testing"

func TestCountryNamed(t *testing.T) {
	tests := []struct {
		in, want string // want "" for not a country of prose
	}{
		{"Mali", "MLI"}, {"Malians", "MLI"}, {"Nigerien", "NER"}, {"Nigerian", "NGA"}, {"the United States", "USA"},
		{"U.S.", "USA"}, {"USA", "USA"}, {"US", "USA"}, {"Burkinabè", "BFA"},
		{"us", ""},    // a pronoun
		{"MLI", ""},   // a code, not prose
		{"Congo", ""}, // two countries
		{"Bamako", ""},
	}
	for _, tt := range tests {
		got, ok := CountryNamed(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("CountryNamed(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	if !CountryDemonym("Malians") || CountryDemonym("Mali") {
		t.Error("CountryDemonym: Malians is a demonym, Mali is not")
	}
}

func TestKnownPhrases(t *testing.T) {
	for _, tt := range []struct {
		lookup   func(string) (string, bool)
		in, want string
	}{
		{KnownRole, "DCM", "Deputy Chief of Mission"},
		{KnownRole, "USAID Mission Director", "Director, USAID Mission"},
		{KnownRole, "Joint Management Officer", ""},
		{KnownProgram, "Agency for International Development", "USAID"},
		{KnownProgram, "Catholic Relief Services", ""},
		{KnownRank, "Lt. Col.", "LTC"},
		{KnownRank, "Eric", ""},
	} {
		got, ok := tt.lookup(tt.in)
		if got != tt.want && ok || ok != (tt.want != "") {
			t.Errorf("%q: %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// PhraseStarts lists the first word of every phrase a table knows, with the
// longest such phrase.
func TestPhraseStarts(t *testing.T) {
	for _, tt := range []struct {
		table, word string
		words       int
	}{
		{TableCountries, "malians", 1},
		{TableCountries, "united", 4}, // United States of America
		{TableCities, "washington", 2},
		{TableRoles, "deputy", 4},
		{TablePrograms, "peace", 2},
		{TableRanks, "lt", 2},
	} {
		if got := PhraseStarts(tt.table)[tt.word]; got < tt.words {
			t.Errorf("PhraseStarts(%s)[%q] = %d, want at least %d", tt.table, tt.word, got, tt.words)
		}
	}
	if n := PhraseStarts(TableCountries)["and"]; n != 0 {
		t.Errorf("PhraseStarts(countries)[and] = %d: no country starts with and", n)
	}
}
