// Command citegen writes dossier's own benchmark: poll facts that cite
// documents, as analysts curate them. Each fact quotes a sentence of a
// generated article about its country pair and gives the fields the
// sentence states (year, share, people, country), so that every quote is
// looked up, every number compared and every key checked. The facts of
// the first round name the survey as the sentence does (the extractors
// find them too, and confirm them); later rounds name a table of the
// survey's report, which makes every key distinct. The same records are written in each input format.
//
//	go run ./bench/citegen -n 100000 -o /tmp/cited
//
// writes /tmp/cited/sources/*.txt (with sidecars) and
// /tmp/cited/facts.{jsonl,json,csv,yaml}, and prints the counts a run must
// find on stderr: records, valid, invalid (about one in a thousand,
// rejected in exactly one way: a share over 100, a measure no schema
// allows, a quote the article does not hold, a share the quote
// contradicts, an exact repeat of an earlier fact).
//
//	go run ./bench/citegen -articles 5000 -seed sources/mali-united-states.txt -o /tmp/docs
//
// writes instead 5,000 articles made from the seed article, each about
// another country pair (its countries' names put in the text and its
// sidecar), and an empty folder of facts, /tmp/docs/facts; with -copies,
// 5,000 copies of the seed, as mirrors of one article are.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dossier/pipeline/normalize"
)

type country struct{ code, name, people string }

// countries are named as articles name them; their peoples as plural
// demonyms, which dossier reads as the country.
var countries = []country{
	{"MLI", "Mali", "Malians"}, {"USA", "the United States", "Americans"}, {"KEN", "Kenya", "Kenyans"},
	{"DEU", "Germany", "Germans"}, {"ITA", "Italy", "Italians"}, {"BRA", "Brazil", "Brazilians"},
	{"MEX", "Mexico", "Mexicans"}, {"CAN", "Canada", "Canadians"}, {"NGA", "Nigeria", "Nigerians"},
	{"EGY", "Egypt", "Egyptians"}, {"IND", "India", "Indians"}, {"IDN", "Indonesia", "Indonesians"},
	{"UKR", "Ukraine", "Ukrainians"}, {"CHL", "Chile", "Chileans"}, {"GHA", "Ghana", "Ghanaians"},
	{"NER", "Niger", "Nigeriens"}, {"ETH", "Ethiopia", "Ethiopians"}, {"PER", "Peru", "Peruvians"},
	{"AUS", "Australia", "Australians"}, {"RUS", "Russia", "Russians"}, {"KOR", "South Korea", "South Koreans"},
	{"TZA", "Tanzania", "Tanzanians"}, {"ZAF", "South Africa", "South Africans"}, {"JOR", "Jordan", "Jordanians"},
}

var measures = []struct{ name, verb string }{
	{"favorable", "held a favorable view of"}, {"approve", "approved of the leadership of"}, {"confidence", "had confidence in"},
}

var series = []struct{ pollster, name string }{
	{"Pew Research Center", "Global Attitudes Survey"}, {"Gallup", "World Poll"}, {"Ipsos", "Global Advisor"},
	{"Afrobarometer", "Round Survey"}, {"Lowy Institute", "Lowy Institute Poll"},
}

const (
	firstYear = 1990
	years     = 36
)

// poll is one sentence of an article: a share of one people's view of
// the other country in a year.
type poll struct {
	a, b    country
	year    int
	measure int
	series  int
	value   float64
}

func (p poll) quote() string {
	return fmt.Sprintf("In the %d %s, %s%% of %s %s %s.", p.year, series[p.series].name,
		strconv.FormatFloat(p.value, 'f', -1, 64), p.a.people, measures[p.measure].verb, p.b.name)
}

// pollOf is sentence s (year, measure) of the article about pair.
func pollOf(pair, s int) poll {
	a, b := pairOf(pair)
	year, m := firstYear+s/len(measures), s%len(measures)
	h := uint64(pair*7919+s*104729) * 0x9e3779b97f4a7c15
	return poll{a: a, b: b, year: year, measure: m, series: int(h>>40) % len(series), value: float64(int(h>>20)%1000) / 10}
}

func pairOf(pair int) (country, country) {
	a := countries[pair%len(countries)]
	b := countries[(pair/len(countries)+pair+1)%len(countries)]
	return a, b
}

func docID(a, b country) string {
	return strings.ToLower(a.code) + "-" + strings.ToLower(b.code) + "-polls"
}

type record struct {
	countries          [2]string
	year               int
	source, population string
	measure            string
	value              string // as written: a number
	document, quote    string
}

func main() {
	n := flag.Int("n", 100_000, "facts to write")
	docs := flag.Int("docs", 24, "articles, each about one country pair")
	out := flag.String("o", "", "folder to write (required)")
	articles := flag.Int("articles", 0, "write this many articles made from -seed, and no facts")
	seed := flag.String("seed", "sources/mali-united-states.txt", "the article -articles starts from")
	copies := flag.Bool("copies", false, "with -articles: copies of the seed, not articles of other pairs")
	flag.Parse()
	if *out == "" || *docs < 1 || *docs > len(countries)*(len(countries)-1) {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if *articles > 0 {
		err = writeArticles(*out, *seed, *articles, *copies)
	} else {
		err = write(*out, *n, *docs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(out string, n, docs int) error {
	src := filepath.Join(out, "sources")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	perDoc := years * len(measures)
	for d := range docs {
		a, b := pairOf(d)
		var text strings.Builder
		fmt.Fprintf(&text, "%s–%s relations\n\nPublic opinion\n\nSurveys have asked %s about %s for decades.\n\n", strings.TrimPrefix(a.name, "the "), strings.TrimPrefix(b.name, "the "), a.people, b.name)
		for s := range perDoc {
			text.WriteString(pollOf(d, s).quote())
			text.WriteString(" ")
			if s%len(measures) == len(measures)-1 {
				text.WriteString("\n\n")
			}
		}
		id := docID(a, b)
		if err := os.WriteFile(filepath.Join(src, id+".txt"), []byte(text.String()), 0o644); err != nil {
			return err
		}
		meta := fmt.Sprintf("title: \"%s–%s relations\"\nlanguage: en\ncountries: [%s, %s]\n", strings.TrimPrefix(a.name, "the "), strings.TrimPrefix(b.name, "the "), a.code, b.code)
		if err := os.WriteFile(filepath.Join(src, id+".meta.yaml"), []byte(meta), 0o644); err != nil {
			return err
		}
	}
	w, err := newWriters(out)
	if err != nil {
		return err
	}
	valid, invalid := 0, 0
	var first record
	for i := range n {
		// Fact i quotes sentence i%perDoc of article (i/perDoc)%docs, from
		// table (i/(perDoc*docs))+1 of its survey: distinct keys.
		s, d, table := i%perDoc, (i/perDoc)%docs, i/(perDoc*docs)+1
		p := pollOf(d, s)
		ser := series[p.series]
		// The first table's facts name the survey as the article does, so
		// that what the extractors find confirms them.
		source := ser.name
		if table > 1 {
			source = fmt.Sprintf("%s, %s %d, table Q%d", ser.pollster, ser.name, p.year, table)
		}
		r := record{countries: [2]string{p.a.code, p.b.code}, year: p.year, source: source,
			population: p.a.people, measure: measures[p.measure].name,
			value:    strconv.FormatFloat(p.value, 'f', -1, 64),
			document: docID(p.a, p.b), quote: p.quote()}
		if i == 0 {
			first = r
		}
		if (i+1)%1000 == 0 { // one in a thousand rejected, in one of five ways
			switch (i / 1000) % 5 {
			case 0:
				r.value = "112.5" // over the schema's maximum
			case 1:
				r.measure = "favourable" // not in the schema's enum
			case 2:
				r.quote = strings.Replace(r.quote, " of ", " of all ", 1) // not in the article
			case 3:
				r.value = strconv.FormatFloat(p.value+1.5, 'f', -1, 64) // the quote says otherwise
				if p.value+1.5 > 100 {
					r.value = strconv.FormatFloat(p.value-1.5, 'f', -1, 64)
				}
			case 4:
				r = first // an exact repeat of the first fact
			}
			invalid++
		} else {
			valid++
		}
		if err := w.add(r, i == n-1); err != nil {
			return err
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "records=%d valid=%d invalid=%d documents=%d\n", n, valid, invalid, docs)
	return nil
}

// writers write every record in the four input formats at once.
type writers struct {
	files                  []*os.File
	jsonl, json, csv, yaml *bufio.Writer
	n                      int
}

func newWriters(out string) (*writers, error) {
	w := &writers{}
	open := func(name string) (*bufio.Writer, error) {
		f, err := os.Create(filepath.Join(out, name))
		if err != nil {
			return nil, err
		}
		w.files = append(w.files, f)
		return bufio.NewWriterSize(f, 1<<16), nil
	}
	var err error
	for _, x := range []struct {
		name string
		dst  **bufio.Writer
	}{{"facts.jsonl", &w.jsonl}, {"facts.json", &w.json}, {"facts.csv", &w.csv}, {"facts.yaml", &w.yaml}} {
		if *x.dst, err = open(x.name); err != nil {
			return nil, err
		}
	}
	w.json.WriteString("[\n")
	w.csv.WriteString("kind,countries,year,source,population,measure,value,evidence.document,evidence.quote\r\n")
	w.yaml.WriteString("# Generated by bench/citegen.\n")
	return w, nil
}

func (w *writers) add(r record, last bool) error {
	js := fmt.Sprintf(`{"kind":"poll","countries":[%q,%q],"year":%d,"source":%q,"population":%q,"measure":%q,"value":%s,"evidence":{"document":%q,"quote":%q}}`,
		r.countries[0], r.countries[1], r.year, r.source, r.population, r.measure, r.value, r.document, r.quote)
	w.jsonl.WriteString(js + "\n")
	if last {
		w.json.WriteString(js + "\n]\n")
	} else {
		w.json.WriteString(js + ",\n")
	}
	fmt.Fprintf(w.csv, "poll,%s;%s,%d,%s,%s,%s,%s,%s,%s\r\n", r.countries[0], r.countries[1], r.year, csvField(r.source),
		csvField(r.population), r.measure, r.value, r.document, csvField(r.quote))
	fmt.Fprintf(w.yaml, "- kind: poll\n  countries: [%s, %s]\n  year: %d\n  source: %q\n  population: %s\n  measure: %s\n  value: %s\n  evidence:\n    document: %s\n    quote: %q\n",
		r.countries[0], r.countries[1], r.year, r.source, r.population, r.measure, r.value, r.document, r.quote)
	w.n++
	return nil
}

func csvField(s string) string {
	if strings.ContainsAny(s, "\",\r\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

func (w *writers) close() error {
	for _, b := range []*bufio.Writer{w.jsonl, w.json, w.csv, w.yaml} {
		if err := b.Flush(); err != nil {
			return err
		}
	}
	for _, f := range w.files {
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// writeArticles writes n articles made from the seed article (an article
// about Mali and the United States), with their sidecars: copies of it,
// or each about another pair of countries (ISO 3166-1 short names without
// commas or parentheses), named in its text and sidecar.
func writeArticles(out, seedPath string, n int, copies bool) error {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		return err
	}
	src := filepath.Join(out, "sources")
	for _, dir := range []string{src, filepath.Join(out, "facts")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	var names []normalize.Country
	for _, c := range normalize.Countries() {
		if !strings.ContainsAny(c.Name, ",()") && c.Alpha3 != "MLI" && c.Alpha3 != "USA" {
			names = append(names, c)
		}
	}
	if !copies && n > len(names)*(len(names)-1) {
		return fmt.Errorf("at most %d pairs", len(names)*(len(names)-1))
	}
	for i := range n {
		text, a, b := string(seed), normalize.Country{Name: "Mali", Alpha3: "MLI"}, normalize.Country{Name: "United States", Alpha3: "USA"}
		if !copies {
			a, b = names[i%len(names)], names[(i/len(names)+i+1)%len(names)]
			text = strings.NewReplacer("Malians", "people of "+a.Name, "Malian", a.Name, "Mali", a.Name,
				"United States", b.Name, "U.S.", b.Name, "USA", b.Name).Replace(text)
		}
		name := fmt.Sprintf("%05d-%s-%s", i+1, strings.ToLower(a.Alpha3), strings.ToLower(b.Alpha3))
		meta := fmt.Sprintf("title: \"%s–%s relations\"\nlanguage: en\ncountries: [%s, %s]\n", a.Name, b.Name, a.Alpha3, b.Alpha3)
		if err := os.WriteFile(filepath.Join(src, name+".txt"), []byte(text), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(src, name+".meta.yaml"), []byte(meta), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "articles=%d copies=%v\n", n, copies)
	return nil
}
