package check

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"dossier/pipeline/document"
)

func mentionValues(ms []mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.value)
	}
	return out
}

func TestReadDates(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"On August 4, 2023, the junta", []string{"2023-08-04"}},
		{"on 4 August 2023 and", []string{"2023-08-04"}},
		{"the 24th of September, 1960", []string{"1960-09-24"}},
		{"the March 2012 military coup", []string{"2012-03"}},
		{"in September and November 2001", []string{"2001-09", "2001-11"}},
		{"from March 3–5, 2012", []string{"2012-03-03", "2012-03-05"}},
		{"from March 30 – April 2, 2012", []string{"2012-03-30", "2012-04-02"}},
		{"on 2012-03-15", []string{"2012-03-15"}},
		{"revealed on April 20, when", []string{"--04-20"}},
		{"the period between 1960 and 1967", []string{"1960", "1967"}},
		{"Sept. 11 attacks", []string{"--09-11"}},
		{"a $2012 fine, 4,000 troops, the 1960s", nil},
		{"you may see, in march", nil},
	}
	for _, tt := range tests {
		got := mentionValues(readDates(tt.text, tokenize(tt.text)))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: dates %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestRelativeDates(t *testing.T) {
	tests := []struct {
		text, anchor, want string // want: the date the phrase gives from anchor; "" none
	}{
		{"the next day", "2006-09-27", "2006-09-28"},
		{"three days later", "2008-08-26", "2008-08-29"},
		{"the following month", "2022-01-14", "2022-02"},
		{"the following year", "1972-02-24", "1973"},
		{"the following spring", "1992-12-22", "1993"},
		{"three years earlier", "2022", "2019"},
		{"a year earlier", "2012", "2011"},
		{"two weeks later", "2020-02-20", "2020-03-05"},
		{"the day after", "2020-12-31", "2021-01-01"},
		{"later that year", "1999-05", "1999"},
		{"the next day", "2006-09", ""}, // a day from a month: no date
		{"the day the embassy opened", "2006-09-27", ""},
	}
	for _, tt := range tests {
		rel := readRelative(tokenize(tt.text))
		got := ""
		if len(rel) > 0 {
			got, _ = shiftDate(tt.anchor, rel[0].value)
		}
		if got != tt.want {
			t.Errorf("%q from %s: %q, want %q", tt.text, tt.anchor, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	text := "U.S. Ambassador--J.P. Singh's post; Lt. Col. Kim Dae-jung in N'Djamena. AmbassadorRosa Ruiz, Tel AvivEmbassy"
	var words, gaps []string
	for _, tk := range tokenize(text) {
		words = append(words, text[tk.start:tk.end])
		gaps = append(gaps, string(tk.gap))
	}
	wantWords := []string{"U.S.", "Ambassador", "J.P.", "Singh", "post", "Lt", "Col", "Kim", "Dae", "jung", "in", "N'Djamena", "Ambassador", "Rosa", "Ruiz", "Tel", "Aviv", "Embassy"}
	if !slices.Equal(words, wantWords) {
		t.Errorf("words %q\nwant  %q", words, wantWords)
	}
	wantGaps := "( d  .   -  .  ,  "
	if got := strings.Join(gaps, ""); got != wantGaps {
		t.Errorf("gaps %q, want %q", got, wantGaps)
	}
}

func TestNameIn(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"Ambassador Gillian Milovanovic", "Gillian Milovanovic", true},
		{"President George W. Bush", "George Bush", true},
		{"President George Bush", "George W. Bush", true},
		{"Deputy Chief of Mission—J.P. Singh", "J. P. Singh", true},
		{"Malian President Amadou Toumani Touré", "Amadou Toure", true},
		{"Malian President Amadou Touré", "Amadou Toumani Touré", true},
		{"Secretary Rice said", "Condoleezza Rice", true},
		{"the B. Rice report", "Condoleezza Rice", false},
		{"Ambassador Jane Doe", "John Doe", false},
		{"the Black Sea", "Rebecca Black", false},
		{"Kim Dae-jung met", "Kim Dae-jung", true},
		{"Charles de Gaulle", "Charles de Gaulle", true},
	}
	for _, tt := range tests {
		r := read(tt.text)
		_, got := r.nameIn(0, len(r.toks), foldWords(tt.name))
		if got != tt.want {
			t.Errorf("%q in %q: %v, want %v", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestSlots(t *testing.T) {
	tests := []struct {
		text                           string
		persons, owners, hosts, people []string
	}{
		{text: "There is a U.S. Embassy in Bamako, Mali.", owners: []string{"USA"}, hosts: []string{"MLI", "MLI"}},
		{text: "deposing Nigerien president Issa Maman", persons: []string{"issa maman"}, owners: []string{"NER"}},
		{text: "Fiji set up its own high commission in Wellington", owners: []string{"FJI"}, hosts: []string{"NZL"}},
		{text: "Indonesia is represented in Australia by its embassy in Canberra", hosts: []string{"AUS"}},
		{text: "with Carl T. Varga, the American Consul at Brazzaville", persons: []string{"carl t varga"}, owners: []string{"USA"}, hosts: []string{"COG"}},
		{text: "Defense Attaché—LTC Eric Dalton", persons: []string{"eric dalton"}},
		{text: "Envoy2: Dana Whitcomb", persons: []string{"dana whitcomb"}},
		{text: "79% of Malians view the United States favorably", people: []string{"MLI"}},
		{text: "the Embassy of Japan in Maputo", owners: []string{"JPN"}, hosts: []string{"MOZ"}},
		{text: "the general public and the charge of the day"},
	}
	for _, tt := range tests {
		r := read(tt.text)
		check := func(what string, got []mention, want []string) {
			if g := mentionValues(got); !slices.Equal(g, want) {
				t.Errorf("%q: %s %q, want %q", tt.text, what, g, want)
			}
		}
		check("persons", r.persons, tt.persons)
		check("owners", r.owners, tt.owners)
		check("hosts", r.hosts, tt.hosts)
		check("peoples", r.peoples, tt.people)
	}
}

func TestNumbersIn(t *testing.T) {
	var got []string
	for _, n := range numbersIn("In 2012, 87% of Malians, 10 percent, the second-highest and the highest; 4,000 troops; eighteen 3rd") {
		s := n.value + ":" + n.written
		if n.share {
			s += ":share"
		}
		if n.year {
			s += ":year"
		}
		if n.ordinal {
			s += ":ordinal"
		}
		got = append(got, s)
	}
	want := []string{"2012:2012:year", "87:87%:share", "10:10%:share", "2:second:ordinal", "1:the highest:ordinal", "4000:4,000", "18:eighteen", "3:3:ordinal"}
	if !slices.Equal(got, want) {
		t.Errorf("numbers %q\nwant    %q", got, want)
	}
}

// Reading any text finds mentions that lie within it, and never panics.
func FuzzRead(f *testing.F) {
	f.Add("On August 4, 2023, Nigerien president Issa Maman and U.S. Ambassador--J.P. Singh's post, 79% of Malians, the following year")
	f.Add("AmbassadorRosa\u00a0Ruiz — Lt. Col. Kim Dae-jung: Fort Lamy, 3–5 March 2012")
	f.Fuzz(func(t *testing.T, s string) {
		r := read(s)
		for _, ms := range [][]mention{r.countries, r.owners, r.hosts, r.peoples, r.cities, r.roles, r.titles, r.programs, r.ranks, r.dates, r.relative, r.persons} {
			for _, m := range ms {
				if m.i < 0 || m.j > len(r.toks) || m.i >= m.j {
					t.Fatalf("mention [%d,%d) outside %d words", m.i, m.j, len(r.toks))
				}
			}
		}
		for _, tk := range r.toks {
			if tk.start < 0 || tk.end > len(s) || tk.start >= tk.end {
				t.Fatalf("word [%d,%d) outside the text", tk.start, tk.end)
			}
		}
		numbersIn(s)
	})
}

// A corpus keeps the readings of the last documents read only.
func TestCorpusKeepsFewReadings(t *testing.T) {
	var docs []*document.Document
	for i := range 3 * maxReadings {
		docs = append(docs, &document.Document{ID: strconv.Itoa(i), Text: "The U.S. Embassy in Bamako, Mali."})
	}
	c := NewCorpus(docs)
	for _, d := range docs {
		if dr := c.reading(d); len(dr.text.countries) != 2 {
			t.Fatalf("document %s read as %v", d.ID, dr.text.countries)
		}
	}
	if len(c.readings) != maxReadings || len(c.order) != maxReadings {
		t.Errorf("%d readings kept, want %d", len(c.readings), maxReadings)
	}
}

// Copies of a document share one reading; a document that differs in its
// title or its sidecar's countries has its own.
func TestCopiesShareAReading(t *testing.T) {
	doc := func(id, title string, countries ...any) *document.Document {
		d := &document.Document{ID: id, Title: title, Text: "Mali and the United States signed an agreement in 2010."}
		if countries != nil {
			d.Meta = map[string]any{"countries": countries}
		}
		return d
	}
	a, b := doc("a", "Mali–United States relations"), doc("b", "Mali–United States relations")
	other, sidecar := doc("c", "Mali–France relations"), doc("d", "Mali–United States relations", "MLI", "USA")
	c := NewCorpus([]*document.Document{a, b, other, sidecar})
	ra := c.reading(a)
	if c.reading(b) != ra {
		t.Error("a copy was read again")
	}
	if c.reading(other) == ra || c.reading(sidecar) == ra {
		t.Error("a document with another title or sidecar took the reading of the first")
	}
	if c.reading(a) != ra {
		t.Error("the first document's reading changed")
	}
}
