package extract_test

import "testing"

func TestAmbassadors(t *testing.T) {
	keys := []string{"name", "country", "from", "to"}
	tests := []struct {
		name, title, raw string
		want             []string
	}{
		{"terms in parentheses", "Niger–United States relations",
			"Former ambassadorsEdit\n\nAmong the fifteen former U.S. Ambassadors to Niger are:\n\n  • Robert Hallam (1998–2001)\n  • Carolyn Mbeki-Stone (2006–2009)\n",
			sorted("name=Robert Hallam country=USA from=1998 to=2001", "name=Carolyn Mbeki-Stone country=USA from=2006 to=2009")},
		{"open terms", "Japan–Mozambique relations",
			"Mozambique has sent three ambassadors to Tokyo:\n\n  • Maria Gustava (2017–2021)\n  • Ilda da Conceição Baptista (since 2022)\n  • Jorge Maposse (2023–present)\n",
			sorted("name=Maria Gustava country=MOZ from=2017 to=2021", "name=Ilda da Conceição Baptista country=MOZ from=2022", "name=Jorge Maposse country=MOZ from=2023")},
		{"name, comma, term with hyphens", "Ethiopia–Russia relations",
			"Russian ambassadors to Ethiopia\n\nSince 1991 Russia has sent seven ambassadors to Addis Ababa, among them:\n* Valery Ushakin, 1992-1996\n* Igor Smirnov-Volkov, 2008-2013\n* Nikolai Verkhovsky, since 2020\n",
			sorted("name=Valery Ushakin country=RUS from=1992 to=1996", "name=Igor Smirnov-Volkov country=RUS from=2008 to=2013", "name=Nikolai Verkhovsky country=RUS from=2020")},
		{"a table whose tabs the cleaner joined", "Côte d'Ivoire–United States relations",
			"Ambassadors[edit]\nThe United States has sent twenty-two ambassadors to Côte d'Ivoire. Recent ones include:\nName\tTook office\tLeft office\nMargaret Ellison\t2007\t2010\nTheodore Vance\t2010\t2013\n",
			sorted("name=Margaret Ellison country=USA from=2007 to=2010", "name=Theodore Vance country=USA from=2010 to=2013")},
		{"full dates and a term before the name", "Germany–Namibia relations",
			"German ambassadors to Namibia:\n- Hans Becker (21 March 1990 – 1993)\n- 2019–present: Herbert Beck\n",
			sorted("name=Hans Becker country=DEU from=1990-03-21 to=1993", "name=Herbert Beck country=DEU from=2019")},
		{"lines without bullets after a colon", "China–Ghana relations",
			"List of ambassadors[edit]\nChinese ambassadors to Ghana:\nWang Lixin (1960–1966)\nZhou Mingde (1972–1976)\n",
			sorted("name=Wang Lixin country=CHN from=1960 to=1966", "name=Zhou Mingde country=CHN from=1972 to=1976")},
		{"an announced list with a caption under it", maliUS,
			"Former ambassadorsEdit\n\nAmong the previous eighteen U.S. Ambassadors to Mali are included:\n\nMalian President Amadou Toumani Touré with U.S. President George W. Bush in 2008\n", nil},
		{"officials are not ambassadors", maliUS,
			"Principal U.S. Officials include:\n\n  • Ambassador Gillian Milovanovic\n  • Consular Officer—Rebecca Drame\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := factsOf(t, tt.title, tt.raw, "ambassador")
			checkSummary(t, summary(got, keys...), tt.want)
		})
	}
}
