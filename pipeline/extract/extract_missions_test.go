package extract_test

import "testing"

func TestMissions(t *testing.T) {
	keys := []string{"type", "sending", "host", "city"}
	tests := []struct {
		name, title, raw string
		want             []string
		rule             string
	}{
		{"there is, with the host after the city", maliUS, "There is a U.S. Embassy in Bamako, Mali.\n",
			sorted("type=embassy sending=USA host=MLI city=Bamako"), "missions.there-is"},
		{"maintains, Washington D.C.", "Niger–United States relations", "Niger maintains an embassy in Washington, D.C.[11]\n",
			sorted("type=embassy sending=NER host=USA city=Washington, D.C."), "missions.country-has"},
		{"two missions in one sentence", "India–Nigeria relations", "India has a High Commission in Abuja and a Consulate-General in Lagos.\n",
			sorted("type=high-commission sending=IND host=NGA city=Abuja", "type=consulate-general sending=IND host=NGA city=Lagos"), "missions.country-has"},
		{"a count of missions in a country is no city", "China–Ghana relations", "Ghana has an embassy in Beijing and three consulates in China:\n",
			sorted("type=embassy sending=GHA host=CHN city=Beijing"), "missions.country-has"},
		{"plural with a list of cities", "Angola–Brazil relations",
			"Angola also maintains two consulates-general, in São Paulo and Rio de Janeiro.\n",
			sorted("type=consulate-general sending=AGO host=BRA city=São Paulo", "type=consulate-general sending=AGO host=BRA city=Rio de Janeiro"), "missions.country-has"},
		{"infobox: Embassy of X in City", "Japan–Mozambique relations",
			"Diplomatic mission\nEmbassy of Japan in Maputo\nEmbassy of Mozambique in Tokyo\n",
			sorted("type=embassy sending=JPN host=MOZ city=Maputo", "type=embassy sending=MOZ host=JPN city=Tokyo"), "missions.infobox"},
		{"infobox: Embassy of X, City", "Burkina Faso–United States relations",
			"Diplomatic mission\nEmbassy of Burkina Faso, Washington, D.C.\nEmbassy of the United States, Ouagadougou\n",
			sorted("type=embassy sending=BFA host=USA city=Washington, D.C.", "type=embassy sending=USA host=BFA city=Ouagadougou"), "missions.infobox"},
		{"infobox: key-value dump with adjectives", "Kenya–United States relations",
			"Infobox\n- Mission1: Kenyan Embassy, Washington, D.C.\n- Mission2: United States Embassy, Nairobi\n",
			sorted("type=embassy sending=KEN host=USA city=Washington, D.C.", "type=embassy sending=USA host=KEN city=Nairobi"), "missions.infobox"},
		{"infobox: glued cells", "China–United States relations",
			"Diplomatic missionEmbassy of China, Washington, D.C.Embassy of the United States, Beijing\n",
			sorted("type=embassy sending=CHN host=USA city=Washington, D.C.", "type=embassy sending=USA host=CHN city=Beijing"), "missions.infobox"},
		{"embassy of X in a sentence", "Chad–France relations", "The Embassy of Chad in Paris also covers Spain and Portugal.\n",
			sorted("type=embassy sending=TCD host=FRA city=Paris"), "missions.of-country"},
		{"consulate in a city with a country code", "China–Ghana relations", "Consulate of Ghana in Hong Kong\n",
			sorted("type=consulate sending=GHA host=CHN city=Hong Kong"), "missions.of-country"},
		{"located in", "Côte d'Ivoire–United States relations", "The U.S. Embassy is located in Abidjan.\n",
			sorted("type=embassy sending=USA host=CIV city=Abidjan"), "missions.adjective"},
		{"possessive and has had", "Angola–Brazil relations", "Brazil's embassy is in Luanda. Angola has had an embassy in Brasília since 1979.\n",
			sorted("type=embassy sending=BRA host=AGO city=Luanda", "type=embassy sending=AGO host=BRA city=Brasília"), ""},
		{"represented by", "Angola–Brazil relations", "Angola is represented in Brazil by an embassy in Brasília.\n",
			sorted("type=embassy sending=AGO host=BRA city=Brasília"), "missions.country-has"},
		{"high commissions", kenyaUK, "The United Kingdom has a High Commission in Nairobi. Kenya maintains a High Commission in London.\n",
			sorted("type=high-commission sending=GBR host=KEN city=Nairobi", "type=high-commission sending=KEN host=GBR city=London"), "missions.country-has"},
		{"the host, then the city", "Guinea–United States relations", "The U.S. Embassy in Guinea is located in Conakry.\n",
			sorted("type=embassy sending=USA host=GIN city=Conakry"), "missions.adjective"},
		{"the embassy in a city of the pair", "Nepal–United States relations",
			"Consular services resumed at the embassy in Kathmandu in 2016.\n",
			sorted("type=embassy sending=USA host=NPL city=Kathmandu"), "missions.definite"},
		{"the embassy in a city outside the pair", "Somalia–United States relations",
			"For years the embassy in Nairobi handled Somali affairs.\n", nil, ""},
		{"a consulate raised to an embassy", "Laos–United States relations",
			"The American consulate in Vientiane was elevated to an embassy on the same day.\n",
			sorted("type=embassy sending=USA host=LAO city=Vientiane"), "missions.adjective"},
		{"the elevation of a consulate at a city", "Laos–United States relations",
			"Relations began with the elevation of the Consulate General at Vientiane to Embassy status.\n",
			sorted("type=embassy sending=USA host=LAO city=Vientiane"), "missions.definite"},
		{"more verbs, an aside, plus", "Germany–Poland relations",
			"Poland, for its part, keeps an embassy in Berlin. Germany has since added consulates-general in Wrocław and Gdańsk, plus a consulate in Opole.\n",
			sorted("type=embassy sending=POL host=DEU city=Berlin", "type=consulate-general sending=DEU host=POL city=Wrocław",
				"type=consulate-general sending=DEU host=POL city=Gdańsk", "type=consulate sending=DEU host=POL city=Opole"), ""},
		{"a capital for its country, a city with a note", "Japan–Vietnam relations",
			"Tokyo reopened its embassy in Hanoi in 1973. Japan has consulates-general in Da Nang (Quảng Nam) and Ho Chi Minh City.\n",
			sorted("type=embassy sending=JPN host=VNM city=Hanoi", "type=consulate-general sending=JPN host=VNM city=Da Nang",
				"type=consulate-general sending=JPN host=VNM city=Ho Chi Minh City"), ""},
		{"an interests section in a protecting power's embassy", "Georgia–Russia relations",
			"Russia has an interests section at the Swiss embassy in Tbilisi.\n",
			sorted("type=interests-section sending=RUS host=GEO city=Tbilisi"), ""},
		{"a page about one mission: its other posts", "Australia–Indonesia relations",
			"Embassy of Australia, Jakarta\n\nThe Embassy of Australia in Jakarta is the diplomatic mission of Australia in Indonesia. The embassy is supported by consulates-general in Surabaya and Makassar.\n",
			sorted("type=embassy sending=AUS host=IDN city=Jakarta", "type=consulate-general sending=AUS host=IDN city=Surabaya",
				"type=consulate-general sending=AUS host=IDN city=Makassar"), ""},
		{"deputy high commissions", "India–United Kingdom relations",
			"The United Kingdom is represented by the British High Commission in New Delhi and deputy high commissions in Mumbai and Kolkata.\n",
			sorted("type=high-commission sending=GBR host=IND city=New Delhi", "type=high-commission sending=GBR host=IND city=Mumbai",
				"type=high-commission sending=GBR host=IND city=Kolkata"), ""},
		{"a list of cities with connectors and a city-state", "Bolivia–Peru relations",
			"Peru has an embassy in La Paz and consulates-general in Santa Cruz de la Sierra and El Alto. Bolivia has consulates in Lima, Cusco and Tacna.\n",
			sorted("type=embassy sending=PER host=BOL city=La Paz", "type=consulate-general sending=PER host=BOL city=Santa Cruz de la Sierra",
				"type=consulate-general sending=PER host=BOL city=El Alto", "type=consulate sending=BOL host=PER city=Lima",
				"type=consulate sending=BOL host=PER city=Cusco", "type=consulate sending=BOL host=PER city=Tacna"), ""},
		{"the next city of a list is a city-state", "China–Kazakhstan relations",
			"Kazakhstan has consulates-general in Shanghai, Hong Kong and Chengdu.\n",
			sorted("type=consulate-general sending=KAZ host=CHN city=Shanghai", "type=consulate-general sending=KAZ host=CHN city=Hong Kong",
				"type=consulate-general sending=KAZ host=CHN city=Chengdu"), ""},
		{"honorary consulates, among them those in", "Canada–Norway relations",
			"Norway maintains an embassy in Ottawa and honorary consulates across Canada, among them those in Halifax and Calgary.\n",
			sorted("type=embassy sending=NOR host=CAN city=Ottawa", "type=consulate sending=NOR host=CAN city=Halifax",
				"type=consulate sending=NOR host=CAN city=Calgary"), ""},
		{"its embassy to the other country in a city", "Fiji–Japan relations",
			"Fiji keeps its embassy to Japan in Tokyo.\n",
			sorted("type=embassy sending=FJI host=JPN city=Tokyo"), ""},
		{"a mission in a third country's city is none", "Mongolia–Portugal relations",
			"Mongolia is accredited to Portugal from its embassy in Paris.\n", nil, ""},
		{"negations", "Burkina Faso–United States relations",
			"There is no U.S. consulate in Bobo-Dioulasso. Burkina Faso does not have a consulate in Chicago. The United States has no consulate in Koudougou.\n", nil, ""},
		{"negation wrapped over two lines", "France–Senegal relations", "France has no consulate in Saint-Louis or\nZiguinchor.\n", nil, ""},
		{"closed and planned missions", "Germany–Namibia relations",
			"Namibia had an embassy in Bonn until 1999. Germany plans to open a consulate in Walvis Bay.\n", nil, ""},
		{"an agency's mission is no diplomatic mission", "Honduras–United States relations", "USAID has a Mission in Tegucigalpa.\n", nil, ""},
		{"references and link lists", "China–Ghana relations",
			"References[edit]\n^ \"Embassy of Ghana in Beijing\". Ghana Ministry of Foreign Affairs. Retrieved 2012-05-01.\n\nExternal links[edit]\nU.S. Embassy in Accra\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := factsOf(t, tt.title, tt.raw, "mission")
			checkSummary(t, summary(got, keys...), tt.want)
			for _, f := range got {
				if tt.rule != "" && f.Rule != tt.rule {
					t.Errorf("rule %q, want %q", f.Rule, tt.rule)
				}
			}
		})
	}
}
