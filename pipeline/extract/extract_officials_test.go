package extract_test

import (
	"strings"
	"testing"
)

const (
	maliUS  = "Mali–United States relations"
	kenyaUK = "Kenya–United Kingdom relations"
)

func TestOfficials(t *testing.T) {
	keys := []string{"role", "name", "rank", "country"}
	tests := []struct {
		name, title, raw string
		want             []string
	}{
		{"mobile bullets with -- and —", maliUS,
			"Principal U.S. Officials include:\n\n  • Deputy Chief of Mission--Peter Barlerin\n  • Consular Officer—Rebecca Drame\n",
			sorted("role=Deputy Chief of Mission name=Peter Barlerin country=USA", "role=Consular Officer name=Rebecca Drame country=USA")},
		{"spaced en dash, rank in words", maliUS,
			"Principal U.S. Officials include:\n\n  • Management Officer – Helen Barstow\n  • Defense Attaché – Lieutenant Colonel Mark Ostrowski\n",
			sorted("role=Management Officer name=Helen Barstow country=USA", "role=Defense Attaché name=Mark Ostrowski rank=LTC country=USA")},
		{"unspaced em dash, rank abbreviated", maliUS,
			"Principal U.S. Officials include:\n\n  • Defense Attaché—LTC Eric Dalton\n  • Public Affairs Officer—Kate Kaetzer-Hodson\n",
			sorted("role=Defense Attaché name=Eric Dalton rank=LTC country=USA", "role=Public Affairs Officer name=Kate Kaetzer-Hodson country=USA")},
		{"colon and Col., British officials", kenyaUK,
			"Principal British officials:\n- High Commissioner: Eleanor Pryce\n- Defence Adviser: Col. Simon Blake\n",
			sorted("role=High Commissioner name=Eleanor Pryce country=GBR", "role=Defence Adviser name=Simon Blake rank=COL country=GBR")},
		{"leading title", maliUS,
			"Principal U.S. Officials include:\n\n  • Ambassador Gillian Milovanovic\n  • Consular Officer—Rebecca Drame\n",
			sorted("role=Ambassador name=Gillian Milovanovic country=USA", "role=Consular Officer name=Rebecca Drame country=USA")},
		{"desktop lines without bullets under a heading", maliUS,
			"Principal U.S. officials[edit]\nAmbassador – Jessica Lane\nDCM – Paul Okonkwo-Smith\nDefense Attaché – Lt. Col. Raymond Ashby\n",
			sorted("role=Ambassador name=Jessica Lane country=USA", "role=Deputy Chief of Mission name=Paul Okonkwo-Smith country=USA",
				"role=Defense Attaché name=Raymond Ashby rank=LTC country=USA")},
		{"spaced hyphen and spaced double hyphen", "India–Nigeria relations",
			"Principal Indian officials in Nigeria\n\n- High Commissioner -- Rajiv Menon\n- Trade Representative - Oksana Belova\n",
			sorted("role=High Commissioner name=Rajiv Menon country=IND", "role=Trade Representative name=Oksana Belova country=IND")},
		{"chargé with a.i. and an honorific", maliUS,
			"Principal U.S. Officials include:\n\n  • Chargé d'Affaires, a.i. – Dr. John Q. Smith\n  • Consular Officer: Priya Raman\n",
			sorted("role=Chargé d'Affaires, a.i. name=John Q. Smith rank=Dr. country=USA", "role=Consular Officer name=Priya Raman country=USA")},
		{"officials of the other member", "Japan–Mozambique relations",
			"Key officials of the Japanese embassy:\n\n  • Ambassador Keiko Hasegawa\n  • Minister-Counsellor: Hiroshi Tanabe\n",
			sorted("role=Ambassador name=Keiko Hasegawa country=JPN", "role=Minister-Counsellor name=Hiroshi Tanabe country=JPN")},
		{"the name first", maliUS,
			"Principal U.S. Officials include:\n\n  • Eric Dalton—Defense Attaché\n  • Jane Roe, Deputy Chief of Mission\n",
			sorted("role=Defense Attaché name=Eric Dalton country=USA", "role=Deputy Chief of Mission name=Jane Roe country=USA")},
		{"infobox envoys, one per column", maliUS,
			"Mali – United States relations\nMap indicating locations of Mali and USA\nMali\nUnited States\nEnvoy\nAmbassador Mahamadou Nimaga\nAmbassador Dennis Hankins\n\nMali–United States relations are old.\n",
			sorted("role=Ambassador name=Mahamadou Nimaga country=MLI", "role=Ambassador name=Dennis Hankins country=USA")},
		{"infobox envoys glued into one line", "Peru–Spain relations",
			"Peru – Spain relations\nEnvoyAmbassador Rosa Quispe HuamánAmbassador Tomás Ortega Ruiz\n\nThe two countries are old partners.\n",
			sorted("role=Ambassador name=Rosa Quispe Huamán country=PER", "role=Ambassador name=Tomás Ortega Ruiz country=ESP")},
		{"infobox envoys with a space between", "Peru–Spain relations",
			"Envoy Ambassador Rosa Quispe Huamán Ambassador Tomás Ortega Ruiz\n",
			sorted("role=Ambassador name=Rosa Quispe Huamán country=PER", "role=Ambassador name=Tomás Ortega Ruiz country=ESP")},
		{"infobox key-value dump, titles by index", "Kenya–United States relations",
			"Infobox\n- Envoytitle1: Ambassador\n- Envoytitle2: Chargé d'affaires\n- Envoy1: Wanjiru Odhiambo Kiprop\n- Envoy2: Dale Whitcombe\n",
			sorted("role=Ambassador name=Wanjiru Odhiambo Kiprop country=KEN", "role=Chargé d'Affaires name=Dale Whitcombe country=USA")},
		{"officials inside a paragraph", "Guinea–United States relations",
			"Principal U.S. Officials include: Ambassador--Patricia N. Moller; Deputy Chief of Mission--Kevin Brown; Defense Attaché--LTC Jim Smith.\n",
			sorted("role=Ambassador name=Patricia N. Moller country=USA", "role=Deputy Chief of Mission name=Kevin Brown country=USA", "role=Defense Attaché name=Jim Smith rank=LTC country=USA")},
		{"a bullet that is a sentence", maliUS,
			"Principal U.S. Officials include:\n\n  • Consular Officer: Priya Raman\n  • Officers change posts often—check the embassy website for the current list.\n",
			sorted("role=Consular Officer name=Priya Raman country=USA")},
		{"a note that looks like Role: Name", kenyaUK,
			"Principal British officials:\n- Development Director: Aisha Kamau-Reid\n- Note: titles and names are those at the time of publication.\n",
			sorted("role=Development Director name=Aisha Kamau-Reid country=GBR")},
		{"opening hours with a separator", "Chad–France relations",
			"Principal officials of the French embassy:\n• First Counsellor — Julien Castaing\n• Consular section — open Monday to Thursday, by appointment only.\n",
			sorted("role=First Counsellor name=Julien Castaing country=FRA")},
		{"a rank and name inside a sentence", "Burkina Faso–United States relations",
			"On 30 September 2022 Captain Oumar Sanou ousted the junta leader, Lieutenant Colonel Paul-Henri Sandaogo Damiba.\n", nil},
		{"former ambassadors are not officials", maliUS,
			"Former U.S. ambassadors to Mali:\n\n  • Robert Hallam (1998–2001)\n  • Ambassador Eunice Parrish\n", nil},
		{"see also and external links", maliUS,
			"See alsoEdit\n\n  • History of Mali – U.S. relations\n\nExternal linksEdit\n\n  • Ambassador – Official website\n", nil},
		{"a lone infobox line", maliUS, "Capital: Bamako\n\nPresident: Assimi Goïta\n", nil},
		{"prose: serving as chargé", "Mauritius–United States relations",
			"The consulate in Port Louis was raised to an embassy on 12 March 1968, with Harold T. Brennan serving as Chargé d'Affaires ad interim.\n",
			sorted("role=Chargé d'Affaires ad interim name=Harold T. Brennan country=USA")},
		{"prose: an appositive, then credentials", "Kenya–Sweden relations",
			"Relations began that day, with Oskar Lindqvist, the Swedish Consul at Mombasa, presenting his credentials as Chargé d'Affaires.\n",
			sorted("role=Chargé d'Affaires name=Oskar Lindqvist country=SWE")},
		{"prose: two titles joined", "Mauritius–United States relations",
			"It reopened in 1982, with Dale Okafor as the Principal Officer and Chargé d'Affaires ad interim.\n",
			sorted("role=Principal Officer and Chargé d'Affaires ad interim name=Dale Okafor country=USA")},
		{"prose: appointed ambassador to the other member", "Angola–Brazil relations",
			"In 2019 Maria Santos Ferreira was appointed ambassador to Angola.\n",
			sorted("role=Ambassador name=Maria Santos Ferreira country=BRA")},
		{"prose: a title with its country before the name", "Japan–Mozambique relations",
			"The Japanese Ambassador Kenji Morita opened the new wing of the hospital.\n",
			sorted("role=Ambassador name=Kenji Morita country=JPN")},
		{"prose: heads of state and ministers are no officials of a mission", maliUS,
			"President Amadou Diallo met the delegation, and Foreign Minister Awa Keita thanked the U.S. Secretary of State Jane Porter.\n", nil},
		{"prose: the ambassador is NAME", "Chile–Peru relations",
			"The current Peruvian ambassador in Santiago is Rosa Quiroga Salas.\n",
			sorted("role=Ambassador name=Rosa Quiroga Salas country=PER")},
		{"prose: a possessive and has been", "Chile–Peru relations",
			"Marcos Ibáñez Toro has been Chile's ambassador in Lima since 2021.\n",
			sorted("role=Ambassador name=Marcos Ibáñez Toro country=CHL")},
		{"prose: a nickname, an appositive, became", "Laos–United States relations",
			"Harold \"Hal\" Brennan, a former pilot, became the first U.S. ambassador in Vientiane in 1975.\n",
			sorted("role=Ambassador name=Harold \"Hal\" Brennan country=USA")},
		{"prose: recalled by its country", "Chile–Peru relations",
			"Peru recalled Ambassador Jaime Rivas Ortega on 5 May 2009 and Chile withdrew Ambassador Laura Soto Vial the next day.\n",
			sorted("role=Ambassador name=Jaime Rivas Ortega country=PER", "role=Ambassador name=Laura Soto Vial country=CHL")},
		{"prose: a lower-case title before the name, of a country", "Fiji–New Zealand relations",
			"New Zealand's acting high commissioner Mereani Tuilagi left in March. Anaru Whaanga became the first High Commissioner of independent Fiji in 1970.\n",
			sorted("role=High Commissioner name=Mereani Tuilagi country=NZL", "role=High Commissioner name=Anaru Whaanga country=FJI")},
		{"prose: heads the embassy, led by", "Iran–Oman relations",
			"Khalid al-Harthy heads the Omani embassy in Tehran, while the Iranian mission was led by Reza Farahani until 2022.\n",
			sorted("role=Head of Mission name=Khalid al-Harthy country=OMN", "role=Head of Mission name=Reza Farahani country=IRN")},
		{"a list of two titled lines under any heading", "Georgia–Russia relations",
			"Representation\n\nHead of the Russian interests section: Pavel Orlov\nHead of the Georgian interests section: Nino Beridze\n",
			sorted("role=Head of the Russian interests section name=Pavel Orlov country=RUS", "role=Head of the Georgian interests section name=Nino Beridze country=GEO")},
		{"ambassadors named by their post under an ambassadors heading", "Germany–Poland relations",
			"Ambassadors\n\n  • German Ambassador to Poland – Klaus Berger\n  • Polish Ambassador to Germany – Anna Zielińska\n",
			sorted("role=German Ambassador to Poland name=Klaus Berger country=DEU", "role=Polish Ambassador to Germany name=Anna Zielińska country=POL")},
		{"prose: a title in apposition, headed by", "Cuba–Jamaica relations",
			"Selwyn Brathwaite, the first resident Cuban ambassador, arrived in 1975. Jamaica has an embassy in Havana, headed by Ambassador Dorothy Ellis.\n",
			sorted("role=Ambassador name=Selwyn Brathwaite country=CUB", "role=Ambassador name=Dorothy Ellis country=JAM")},
		{"a table of properties", "Ireland–United Kingdom relations",
			"dbp:envoy1\tNiamh Byrne\ndbp:envoy2\tGeorge Whitby\ndbp:envoytitle1\tAmbassador\ndbp:envoytitle2\tAmbassador\n",
			sorted("role=Ambassador name=Niamh Byrne country=IRL", "role=Ambassador name=George Whitby country=GBR")},
		{"scrape damage: two list lines glued into one", maliUS,
			"Principal U.S. Officials include:\n\n  • Deputy Chief of Mission—Jane RoeAmbassador John Q. Smith\n  • Consular Officer—Priya Raman\n",
			sorted("role=Deputy Chief of Mission name=Jane Roe country=USA", "role=Ambassador name=John Q. Smith country=USA", "role=Consular Officer name=Priya Raman country=USA")},
		{"scrape damage: two names glued with no title are two envoys", "Peru–Spain relations",
			"Envoy\nRosa Quispe HuamánTomás Ortega Ruiz\n\nThe two countries are old partners.\n",
			sorted("role=Ambassador name=Rosa Quispe Huamán country=PER", "role=Ambassador name=Tomás Ortega Ruiz country=ESP")},
		{"scrape damage: two glued names are never one name", maliUS,
			"Principal U.S. Officials include:\n\n  • Consular Officer—Priya Raman Devi PatelJohn Okafor Smith\n  • Management Officer—Helen Barstow\n  • Political Officer—Lena FlorCruz\n",
			sorted("role=Consular Officer name=Priya Raman Devi Patel country=USA", "role=Management Officer name=Helen Barstow country=USA",
				"role=Political Officer name=Lena FlorCruz country=USA")},
		{"prose: an envoy of a third country", maliUS,
			"The Chinese ambassador, Li Wenhao, attended the ceremony.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := factsOf(t, tt.title, tt.raw, "official")
			checkSummary(t, summary(got, keys...), tt.want)
			for _, f := range got {
				if !strings.HasPrefix(f.Rule, "officials.") {
					t.Errorf("rule %q", f.Rule)
				}
			}
		})
	}
}

func TestOfficialPostAndOrganization(t *testing.T) {
	raw := "There is a U.S. Embassy in Bamako, Mali.\n\nPrincipal U.S. Officials include:\n\n" +
		"  • Director, USAID Mission--Rebecca Black\n  • Director, Peace Corps--Michael Simsik\n  • Consul General, Kayes -- Meera Iyer\n\n" +
		"The United States has a Consulate-General in Kayes.\n"
	got := factsOf(t, maliUS, raw, "official")
	checkSummary(t, summary(got, "role", "organization", "post"), sorted(
		"role=Director, USAID Mission organization=USAID post=Bamako",
		"role=Director, Peace Corps organization=Peace Corps post=Bamako",
		"role=Consul General post=Kayes"))
}
