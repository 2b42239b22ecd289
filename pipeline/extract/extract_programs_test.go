package extract_test

import "testing"

func TestPrograms(t *testing.T) {
	tests := []struct {
		name, title, raw string
		want             []string
	}{
		{"known names in one sentence", maliUS,
			"USAID, Peace Corps, and other U.S. Government programs play a significant role in fostering development.\n",
			sorted("name=USAID country=USA", "name=Peace Corps country=USA")},
		{"long names to canonical names", maliUS,
			"Mali is one of the countries supported by the President's Emergency Plan for AIDS Relief (PEPFAR). Mali signed a compact with the Millennium Challenge Corporation in 2006.\n",
			sorted("name=PEPFAR country=USA", "name=Millennium Challenge Corporation country=USA")},
		{"an agency defined by its acronym", "Japan–Mozambique relations",
			"The Japan International Cooperation Agency (JICA) runs projects in roads, power and agriculture.\n",
			sorted("name=JICA country=JPN")},
		{"an agency named in its own language", "France–Senegal relations",
			"The Agence française de développement (AFD) funds water, energy and transport\nprojects in Senegal.\n",
			sorted("name=AFD country=FRA")},
		{"an unknown agency with its country in its name", "Brazil–Mozambique relations",
			"The Brazilian Cooperation Agency (ABC) trains farmers in the Nacala Corridor.\n",
			sorted("name=ABC country=BRA")},
		{"negation", "Niger–United States relations", "USAID does not have a Mission in Niger.\n", nil},
		{"a program of a country outside the pair", "Chad–France relations", "USAID also funds food aid in Chad.\n", nil},
		{"an official's agency is no program", maliUS,
			"Principal U.S. Officials include:\n\n  • Director, USAID Mission--Rebecca Black\n  • Director, Peace Corps--Michael Simsik\n", nil},
		{"an acronym that is no agency", kenyaUK,
			"The British Army Training Unit Kenya (BATUK) is based at Nanyuki.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := factsOf(t, tt.title, tt.raw, "program")
			checkSummary(t, summary(got, "name", "country"), tt.want)
		})
	}
}
