package extract_test

import (
	"encoding/json"
	"testing"
)

func TestPolls(t *testing.T) {
	keys := []string{"year", "source", "population", "measure", "value", "disapprove", "uncertain", "rank"}
	tests := []struct {
		name, title, raw string
		want             []string
	}{
		{"seed: rank and following shares", maliUS,
			"According to the 2012 U.S. Global Leadership Report, 87% of Malians approve of U.S. leadership, with 10% disapproving and 4% uncertain, the second-highest rating of the U.S. for any surveyed country in Africa.[2]\n",
			sorted("year=2012 source=U.S. Global Leadership Report population=Malians measure=approve value=87 disapprove=10 uncertain=4 rank=2")},
		{"a global opinion poll", maliUS,
			"According to a 2007 global opinion poll, 79% of Malians view the United States favorably.[1]\n",
			sorted("year=2007 source=global opinion poll population=Malians measure=favorable value=79")},
		{"spaced percent sign", "Niger–United States relations",
			"According to the 2012 U.S. Global Leadership Report, 81 % of Nigeriens approve of U.S. leadership, with 11 % disapproving and 8 % uncertain.\n",
			sorted("year=2012 source=U.S. Global Leadership Report population=Nigeriens measure=approve value=81 disapprove=11 uncertain=8")},
		{"share in words, then the same report", "Burkina Faso–United States relations",
			"According to the 2011 U.S. Global Leadership Report, seventy percent of Burkinabè approve of U.S. leadership, with 12% disapproving and 18% uncertain. In the 2013 edition of the same report, approval fell to 63%.\n",
			sorted("year=2011 source=U.S. Global Leadership Report population=Burkinabè measure=approve value=70 disapprove=12 uncertain=18",
				"year=2013 source=U.S. Global Leadership Report population=Burkinabè measure=approve value=63")},
		{"three polls in one sentence", "Côte d'Ivoire–United States relations",
			"In the Pew Global Attitudes surveys, 88% of Ivorians viewed the United States favorably in 2002 and 79% did so in 2007, while the 2012 U.S. Global Leadership Report found that 75% of Ivorians approve of U.S. leadership, with 13% disapproving and 12% uncertain.\n",
			sorted("year=2002 source=Pew Global Attitudes surveys population=Ivorians measure=favorable value=88",
				"year=2007 source=Pew Global Attitudes surveys population=Ivorians measure=favorable value=79",
				"year=2012 source=U.S. Global Leadership Report population=Ivorians measure=approve value=75 disapprove=13 uncertain=12")},
		{"possessive source, unfavorably and no answer", "China–Ghana relations",
			"According to the Pew Research Center's 2015 Global Attitudes survey, 61% of Ghanaians viewed China favorably, 24% unfavorably and 15% gave no answer.\n",
			sorted("year=2015 source=Pew Research Center Global Attitudes survey population=Ghanaians measure=favorable value=61 disapprove=24 uncertain=15")},
		{"positively, negatively, third-highest", kenyaUK,
			"In the 2014 BBC World Service poll, 65% of Kenyans viewed the United Kingdom's influence positively and 20% negatively, the third-highest rating of Britain among the countries surveyed.\n",
			sorted("year=2014 source=BBC World Service poll population=Kenyans measure=favorable value=65 disapprove=20 rank=3")},
		{"hyphenated number words, source after the share", maliUS,
			"Seventy-two percent of Malians held a favorable view of the United States, according to a 2010 Gallup poll.\n",
			sorted("year=2010 source=Gallup poll population=Malians measure=favorable value=72")},
		{"per cent and confidence", "Mozambique–Portugal relations",
			"A 2019 Afrobarometer survey found that 55 per cent of Mozambicans had confidence in Portugal.\n",
			sorted("year=2019 source=Afrobarometer survey population=Mozambicans measure=confidence value=55")},
		{"a poll about something else than the partner", maliUS,
			"A 2014 Afrobarometer survey found that 60% of Malians trust the army.\n", nil},
		{"a share that is no poll", maliUS, "Trade between the two countries grew by 15% in 2012.\n", nil},
		{"a report share with no measure", maliUS,
			"About 40% of Malians live in poverty, according to a 2019 World Bank report.\n", nil},
		{"a people outside the pair", maliUS,
			"In a 2014 Pew survey, 60% of Kenyans viewed the United States favorably.\n", nil},
		{"a trend: each figure its own poll and year", "Peru–United States relations",
			"According to the Pew Research Global Attitudes Project, 62% of Peruvians viewed the U.S. favorably in 2009, falling to 58% in 2011 and rising again to 65% in 2014.\n",
			sorted("year=2009 source=Pew Research Global Attitudes Project population=Peruvians measure=favorable value=62",
				"year=2011 source=Pew Research Global Attitudes Project population=Peruvians measure=favorable value=58",
				"year=2014 source=Pew Research Global Attitudes Project population=Peruvians measure=favorable value=65")},
		{"the year before the source", "Peru–United States relations",
			"In 2010, according to the Pew Research Global Attitudes Project, 70 percent of Peruvians viewed the U.S. favorably.\n",
			sorted("year=2010 source=Pew Research Global Attitudes Project population=Peruvians measure=favorable value=70")},
		{"the next sentence goes on with the poll", "Peru–United States relations",
			"According to the 2012 U.S. Global Leadership Report, 64% of Peruvians approve of U.S. leadership, with 20% disapproving and 16% uncertain. By 2020, this had fallen to 51% approve, 30% disapprove and 19% uncertain.\n",
			sorted("year=2012 source=U.S. Global Leadership Report population=Peruvians measure=approve value=64 disapprove=20 uncertain=16",
				"year=2020 source=U.S. Global Leadership Report population=Peruvians measure=approve value=51 disapprove=30 uncertain=19")},
		{"no poll named, its people", "Chile–United States relations",
			"Chile is among the most pro-American nations of the region, with 71% of its people viewing the U.S. favorably, dropping to 66 % in 2015.\n",
			sorted("population=Chileans measure=favorable value=71", "year=2015 population=Chileans measure=favorable value=66")},
		{"another question of the same poll, the other side is no poll", "Cuba–United States relations",
			"According to a 2015 Gallup poll, 46% of Americans viewed Cuba favorably, while 40% viewed it unfavorably; 59 percent supported reopening the embassy in Havana, with 30 percent opposed.\n",
			sorted("year=2015 source=Gallup poll population=Americans measure=favorable value=46 disapprove=40",
				"year=2015 source=Gallup poll population=Americans measure=approve value=59 disapprove=30")},
		{"a later edition of the poll, a capital for the partner", "Australia–Fiji relations",
			"In the 2019 Lowy Institute Poll, 52% of Australians said they trusted Fiji; the 2022 edition put the figure at 58%. A 2021 survey found 44% of Fijians saw ties with Canberra as good.\n",
			sorted("year=2019 source=Lowy Institute Poll population=Australians measure=trust value=52",
				"year=2022 source=Lowy Institute Poll population=Australians measure=trust value=58",
				"year=2021 source=survey population=Fijians measure=favorable value=44")},
		{"two peoples, the measure at the end", "Japan–South Korea relations",
			"In a 2019 joint survey by two newspapers, 48.1% of Japanese respondents and 66.2% of South Korean respondents said their view of the other country was unfavourable.\n",
			sorted("year=2019 source=joint survey population=Japanese measure=unfavorable value=48.1",
				"year=2019 source=joint survey population=South Korean measure=unfavorable value=66.2")},
		{"the share of a people, from one year to another", "China–Kazakhstan relations",
			"In a regional barometer survey, the share of Kazakhs with a favourable view of China fell from 52% in 2018 to 40% in 2022.\n",
			sorted("year=2018 source=regional barometer survey population=Kazakhs measure=favorable value=52",
				"year=2022 source=regional barometer survey population=Kazakhs measure=favorable value=40")},
		{"a year earlier, friendly", "Estonia–Latvia relations",
			"According to the 2020 Baltic Opinion Survey, 81% of Estonians described Latvia as a friendly country, against 77% a year earlier.\n",
			sorted("year=2020 source=Baltic Opinion Survey population=Estonians measure=favorable value=81",
				"year=2019 source=Baltic Opinion Survey population=Estonians measure=favorable value=77")},
		{"a poll stated in words", "Egypt–Sudan relations",
			"According to the 2019 Arab Barometer survey, a majority of Sudanese held a favourable view of Egypt.\n",
			sorted("year=2019 source=Arab Barometer survey population=Sudanese measure=favorable")},
		{"a reference line", maliUS,
			"ReferencesEdit\n\n^ \"Global Attitudes Survey 2015: 61% of Malians favorable\". Pew Research Center. Retrieved 2016-01-10.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := factsOf(t, tt.title, tt.raw, "poll")
			checkSummary(t, summary(got, keys...), tt.want)
			for _, f := range got {
				for _, k := range []string{"year", "value", "disapprove", "uncertain", "rank"} {
					if v, ok := f.Fields[k]; ok {
						if _, isNum := v.(json.Number); !isNum {
							t.Errorf("%s is %T, want json.Number", k, v)
						}
					}
				}
			}
		})
	}
}
