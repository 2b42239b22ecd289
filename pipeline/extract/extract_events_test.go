package extract_test

import "testing"

func TestEvents(t *testing.T) {
	keys := []string{"type", "date", "date_text"}
	tests := []struct {
		name, title, raw string
		want             []string
	}{
		{"relations established, US date", "Niger–United States relations",
			"The United States recognized Niger at independence, and the two countries established diplomatic relations on August 3, 1960.[2]\n",
			sorted("type=relations-established date=1960-08-03")},
		{"independence and relations the same day", kenyaUK,
			"Kenya became independent from Britain on 12 December 1963, and the two countries established diplomatic relations the same day.\n",
			sorted("type=other date=1963-12-12", "type=relations-established date=1963-12-12")},
		{"relations were established, words between", maliUS,
			"Diplomatic relations between the two countries were established in 1960.\n",
			sorted("type=relations-established date=1960")},
		{"timeline bullets", maliUS,
			"Timeline\n\n* 1960 – Diplomatic relations established.\n* March 2012 – Military coup; U.S. suspends aid.\n",
			sorted("type=relations-established date=1960", "type=coup date=2012-03", "type=aid-cut date=2012-03")},
		{"travel restrictions, a president detained", "Guinea–United States relations",
			"Following the September 28, 2009 massacre in Conakry, the United States imposed travel restrictions on junta members. On 5 September 2021 special forces led by Colonel Mamady Doumbouya detained President Alpha Condé.\n",
			sorted("type=sanction date=2009-09-28", "type=coup date=2021-09-05")},
		{"independence from a third country is no event of the pair", "Japan–Mozambique relations",
			"Japan recognized Mozambique soon after its independence from Portugal.\n", nil},
		{"relations with a third country", maliUS, "Mali established diplomatic relations with China in 1960.\n", nil},
		{"resumed relations, leap day", "China–Ghana relations",
			"Ghana suspended diplomatic relations with China in October 1966. The two governments resumed diplomatic relations on February 29, 1972.\n",
			sorted("type=suspension date=1966-10", "type=relations-restored date=1972-02-29")},
		{"a coup, then undated events that refer to it", maliUS,
			"Relations were radically altered by the March 2012 military coup in Mali that ousted the previous democratic government. The United States officially suspended military relations with Mali following the military coup. In response to the coup, all aid from the United States was cut off.\n",
			sorted("type=coup date=2012-03", "type=suspension date=2012-03", "type=aid-cut date=2012-03")},
		{"two coups in one sentence, a vaguer third dropped", "Burkina Faso–United States relations",
			"Burkina Faso went through two coups in 2022. On January 24, 2022 the army removed President Roch Marc Christian Kaboré, and on 30 September 2022 Captain Oumar Sanou ousted the junta leader.\n",
			sorted("type=coup date=2022-01-24", "type=coup date=2022-09-30")},
		{"aid cut that mentions a coup", "Burkina Faso–United States relations",
			"On February 18, 2022 the United States cut off most security and development assistance to the government, as U.S. law requires after a military coup.\n",
			sorted("type=aid-cut date=2022-02-18")},
		{"agreement with a decimal sum", "Côte d'Ivoire–United States relations",
			"The country signed a $524.7 million compact with the Millennium Challenge Corporation on November 7, 2017, for roads in Abidjan.\n",
			sorted("type=agreement date=2017-11-07")},
		{"no year: date_text, and the year above is not borrowed", "Ethiopia–Russia relations",
			"A military-technical cooperation agreement was signed in Moscow on 12 July 2021.\nThe two sides signed a further accord on nuclear energy in Moscow on 14 March.\n",
			sorted("type=agreement date=2021-07-12", "type=agreement date_text=14 March")},
		{"a range takes its year from its end", kenyaUK,
			"King Charles III made a state visit to Kenya from 31 October to 3 November 2023, his first to a Commonwealth country as king.\n",
			sorted("type=visit date=2023-10-31")},
		{"deployment, sanction, election", "Côte d'Ivoire–United States relations",
			"In February 2013 the United States deployed about 100 military personnel to Abidjan. In January 2011 the United States imposed travel and financial sanctions on Laurent Gbagbo. After the disputed presidential election of 28 November 2010, the United States recognized Alassane Ouattara as the winner.\n",
			sorted("type=deployment date=2013-02", "type=sanction date=2011-01", "type=election date=2010-11-28")},
		{"a visit and an agreement during it", "India–Nigeria relations",
			"Prime Minister Manmohan Singh made a state visit to Abuja in October 2007.\nDuring the visit the two sides signed the Abuja Declaration.\n",
			sorted("type=visit date=2007-10", "type=agreement date=2007-10")},
		{"plain dump wrapped mid-phrase", "India–Nigeria relations",
			"India set up a diplomatic office in Lagos in 1958, two years before Nigerian\nindependence, and the two countries established\ndiplomatic relations on October 1, 1960.\n",
			sorted("type=other date=1958", "type=relations-established date=1960-10-01")},
		{"troops leave, a base handed over", "France–Senegal relations",
			"France handed over Camp Geille, its last base in Senegal, on 17 July 2025. The last French soldiers left Dakar on 18 July 2025.\n",
			sorted("type=other date=2025-07-17", "type=other date=2025-07-18")},
		{"no trigger, no event", "France–Senegal relations",
			"Dakar was the capital of French West Africa until 1958. Trade grew quickly in the 2010s.\n", nil},
		{"a caption and a headline", maliUS,
			"Malian President Amadou Toumani Touré visiting U.S. President George W. Bush in 2008\n\nRelated articles\nUK and Mali sign defence pact (24 July 2021)\n", nil},
		{"a date cut off into a sentence of its own", "Laos–United States relations",
			"On May 3, 1955. The United States recognized the Kingdom of Laos after its independence.\n",
			sorted("type=recognition date=1955-05-03")},
		{"missions opened, closed, reopened, raised", "Laos–United States relations",
			"The embassy was opened in Vientiane on 4 June 1955. Due to fighting in the city, the embassy was closed on May 2, 1975. It was later reopened on 12 March 1992. The American consulate in Luang Prabang was elevated to an embassy on the same day.\n",
			sorted("type=mission-opened date=1955-06-04", "type=mission-closed date=1975-05-02", "type=mission-opened date=1992-03-12", "type=mission-upgraded date=1992-03-12")},
		{"two months of one year", "Laos–United States relations",
			"The foreign minister met the Secretary of State in February and October 2004.\n",
			sorted("type=other date=2004-02", "type=other date=2004-10")},
		{"a dated sentence with no trigger word", "Laos–United States relations",
			"In 2014, the United States built six bridges in Laos. USAID closed its office in Vientiane in 1996.\n",
			sorted("type=other date=2014", "type=other date=1996")},
		{"a text cut off mid-sentence", "Laos–United States relations",
			"In March 2019, Laos expelled two American diplomats after the Senate passed a resolution on the dam coll",
			sorted("type=expulsion date=2019-03")},
		{"a state, not a change; a range", "Laos–United States relations",
			"Vientiane was the seat of the kingdom until 1975. Aid between 1962 and 1974 was large. The 1968-74 drought hit the south.\n", nil},
		{"a range of full years is dated by its start", "Bolivia–Paraguay relations",
			"The Chaco War of 1932–1935 cost both countries dearly.\n",
			sorted("type=other date=1932")},
		{"dates relative to the one before", "Cambodia–Thailand relations",
			"Thailand recalled its ambassador on 5 November 2009 and Cambodia withdrew its ambassador the next day. Thailand expelled a Cambodian diplomat a month later.\n",
			sorted("type=other date=2009-11-05", "type=other date=2009-11-06", "type=expulsion date=2009-12")},
		{"restored and normalized relations are not established anew", "Cambodia–Thailand relations",
			"Normal ties resumed in April 2003. In 2010, relations were normalized.\n",
			sorted("type=relations-restored date=2003-04", "type=relations-restored date=2010")},
		{"'a day later' that is no date of its own", "New Zealand–Samoa relations",
			"On 28 December 1929, a day later remembered as Black Thursday, police fired on a march in Apia.\n",
			sorted("type=other date=1929-12-28")},
		{"a reference with a date", maliUS,
			"ReferencesEdit\n\n^ \"Mali army seizes power\". BBC News. 22 March 2012. Retrieved 2012-05-01.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := factsOf(t, tt.title, tt.raw, "event")
			checkSummary(t, summary(got, keys...), tt.want)
			for _, f := range got {
				if s, _ := f.Fields["summary"].(string); s == "" {
					t.Errorf("event without a summary: %v", f.Fields)
				}
			}
		})
	}
}
