package load_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// The benchmarks of this file read the peers' poll records (see
// /work/shared/peers/gen-facts): about 500 bytes of JSON a record, one in a
// thousand invalid against the peers' schema. Each reads b.N records, so
// ns/op and allocs/op are per record.

// benchPool is how many distinct records the benchmarks cycle through.
const benchPool = 8192

// benchLines is the pool as JSON Lines: the file, and where each line
// starts (benchLines.off[benchPool] is the end).
var benchLines = sync.OnceValue(func() benchText {
	var t benchText
	r := rand.New(rand.NewPCG(42, 0x9e3779b97f4a7c15))
	for i := 1; i <= benchPool; i++ {
		t.off = append(t.off, len(t.data))
		t.data = benchAppendJSON(t.data, benchPollRecord(r, i))
		t.data = append(t.data, '\n')
	}
	t.off = append(t.off, len(t.data))
	return t
})

// benchYAML is the same records as a YAML sequence, one item each.
var benchYAML = sync.OnceValue(func() benchText {
	var t benchText
	r := rand.New(rand.NewPCG(42, 0x9e3779b97f4a7c15))
	for i := 1; i <= benchPool; i++ {
		t.off = append(t.off, len(t.data))
		t.data = benchAppendYAML(t.data, benchPollRecord(r, i), "- ")
	}
	t.off = append(t.off, len(t.data))
	return t
})

type benchText struct {
	data []byte
	off  []int
}

// line returns the i-th record without its newline.
func (t benchText) line(i int) []byte { return t.data[t.off[i] : t.off[i+1]-1] }

// prefix returns the first n records, a valid file on its own.
func (t benchText) prefix(n int) []byte { return t.data[:t.off[n]] }

// perRecord is the mean size of a record, for b.SetBytes.
func (t benchText) perRecord() int64 { return int64(len(t.data) / (len(t.off) - 1)) }

// benchSink counts what a reader reports.
func benchSink(facts, rejects *int) load.Sink {
	return load.Sink{
		Fact:   func(*fact.Fact) { *facts++ },
		Reject: func(issue.Issue) { *rejects++ },
		Issue:  func(issue.Issue) { *rejects++ },
	}
}

// BenchmarkDecodeLine decodes one JSON Lines record as the pipeline's
// workers do.
func BenchmarkDecodeLine(b *testing.B) {
	t := benchLines()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	rejected := 0
	for i := 0; i < b.N; i++ {
		j := i % benchPool
		f, is := load.DecodeLine("facts.jsonl", j+1, j, t.line(j))
		if f == nil && is == nil {
			b.Fatal("no fact and no issue")
		}
		if is != nil {
			rejected++
		}
	}
	if rejected > 0 {
		b.Fatalf("%d records rejected", rejected)
	}
}

// BenchmarkScanLines cuts JSON Lines into records, the engine's reader.
func BenchmarkScanLines(b *testing.B) {
	t := benchLines()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for left := b.N; left > 0; left -= benchPool {
		m := min(left, benchPool)
		err := load.ScanLines(bytes.NewReader(t.prefix(m)), 1<<20,
			func(_, _ int, line []byte) error { n++; return nil },
			func(_, _, _ int) error { return fmt.Errorf("line too long") })
		if err != nil {
			b.Fatal(err)
		}
	}
	if n != b.N {
		b.Fatalf("scanned %d lines, want %d", n, b.N)
	}
}

// BenchmarkReadJSONL reads JSON Lines through the fact file reader (used
// outside the engine, e.g. by FactReader callers).
func BenchmarkReadJSONL(b *testing.B) {
	t := benchLines()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	var facts, rejects int
	for left := b.N; left > 0; left -= benchPool {
		m := min(left, benchPool)
		if err := load.ReadJSONL("facts.jsonl", bytes.NewReader(t.prefix(m)), benchSink(&facts, &rejects)); err != nil {
			b.Fatal(err)
		}
	}
	if facts+rejects != b.N || rejects > 0 {
		b.Fatalf("%d facts and %d rejects, want %d facts", facts, rejects, b.N)
	}
}

// BenchmarkReadYAML reads the same records from a YAML sequence.
func BenchmarkReadYAML(b *testing.B) {
	t := benchYAML()
	b.SetBytes(t.perRecord())
	b.ReportAllocs()
	b.ResetTimer()
	var facts, rejects int
	for left := b.N; left > 0; left -= benchPool {
		m := min(left, benchPool)
		if err := load.ReadYAML("facts.yaml", bytes.NewReader(t.prefix(m)), benchSink(&facts, &rejects)); err != nil {
			b.Fatal(err)
		}
	}
	if facts+rejects != b.N || rejects > 0 {
		b.Fatalf("%d facts and %d rejects, want %d facts", facts, rejects, b.N)
	}
}

// --- the peers' poll records, as /work/shared/peers/gen-facts makes them ---

type benchKV struct {
	k string
	v any // string, int, float64 (a percent) or []benchKV
}

var benchCountries = []struct{ code, name string }{
	{"USA", "the United States"}, {"CAN", "Canada"}, {"MEX", "Mexico"}, {"BRA", "Brazil"},
	{"ARG", "Argentina"}, {"CHL", "Chile"}, {"GBR", "the United Kingdom"}, {"FRA", "France"},
	{"DEU", "Germany"}, {"ITA", "Italy"}, {"ESP", "Spain"}, {"POL", "Poland"},
	{"TUR", "Türkiye"}, {"UKR", "Ukraine"}, {"EGY", "Egypt"}, {"NGA", "Nigeria"},
	{"KEN", "Kenya"}, {"ZAF", "South Africa"}, {"IND", "India"}, {"CHN", "China"},
	{"JPN", "Japan"}, {"KOR", "South Korea"}, {"IDN", "Indonesia"}, {"CIV", "Côte d'Ivoire"},
}

var benchPollsters = []struct{ name, series string }{
	{"Pew Research Center", "Global Attitudes Survey"}, {"Gallup", "World Poll"},
	{"Ipsos", "Global Advisor"}, {"Eurobarometer", "Standard Eurobarometer"},
	{"Latinobarómetro", "Informe anual"}, {"Lowy Institute", "Lowy Institute Poll"},
}

var (
	benchPopulations = []string{"adults 18+", "registered voters", "likely voters", "general public", "national sample, adults 18-64"}
	benchMeasures    = []string{"favorable", "approve", "confidence"}
	benchVerbs       = map[string]string{"favorable": "held a favorable view of", "approve": "approved of the leadership of", "confidence": "had confidence in"}
	benchTails       = []string{"up from the previous wave", "roughly unchanged from a year earlier", "although views differed sharply by party affiliation", "according to the fieldwork summary, which cited a margin of error of ±3.2 points"}
)

func benchPct(r *rand.Rand, lo, hi int) float64 { return float64(lo*10+r.IntN((hi-lo)*10+1)) / 10 }

// benchPollRecord makes record i; about one in a thousand is made invalid
// in one way (out of range, bad enum, bad date, extra property).
func benchPollRecord(r *rand.Rand, i int) []benchKV {
	a := benchCountries[r.IntN(len(benchCountries))]
	c := benchCountries[r.IntN(len(benchCountries))]
	for c.code == a.code {
		c = benchCountries[r.IntN(len(benchCountries))]
	}
	year := 1990 + r.IntN(36)
	p := benchPollsters[r.IntN(len(benchPollsters))]
	pop := benchPopulations[r.IntN(len(benchPopulations))]
	m := benchMeasures[r.IntN(len(benchMeasures))]
	val := benchPct(r, 0, 100)
	rec := []benchKV{
		{"id", fmt.Sprintf("poll-%s-%s-%d-%08d", strings.ToLower(a.code), strings.ToLower(c.code), year, i)},
		{"kind", "poll"}, {"country_a", a.code}, {"country_b", c.code}, {"year", year},
		{"source", p.name}, {"population", pop}, {"measure", m}, {"value_percent", val},
	}
	rest := 100 - val
	if r.IntN(10) < 7 && rest >= 0.1 {
		dis := float64(r.IntN(int(rest*10)+1)) / 10
		rec = append(rec, benchKV{"disapprove_percent", dis})
		rest -= dis
	}
	if r.IntN(2) == 0 {
		rec = append(rec, benchKV{"uncertain_percent", float64(int(rest*10)) / 10})
	}
	rec = append(rec, benchKV{"as_of", fmt.Sprintf("%04d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28))})
	q := fmt.Sprintf("In the %d %s, %s%% of %s in %s %s %s, %s.", year, p.series,
		strconv.FormatFloat(val, 'f', -1, 64), pop, a.name, benchVerbs[m], c.name, benchTails[r.IntN(len(benchTails))])
	rec = append(rec, benchKV{"evidence", []benchKV{
		{"source", fmt.Sprintf("%s, %s %d, topline table Q%d", p.name, p.series, year, 1+r.IntN(40))},
		{"quote", q},
	}})
	if r.IntN(1000) == 0 {
		switch i % 4 {
		case 0:
			rec[8].v = 100 + benchPct(r, 1, 40)
		case 1:
			rec[7].v = "favourable"
		case 2:
			rec[len(rec)-2].v = "2023-02-30"
		default:
			rec = append(rec, benchKV{"note", "imported from legacy sheet"})
		}
	}
	return rec
}

func benchAppendScalar(b []byte, v any) []byte {
	switch v := v.(type) {
	case float64:
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	default:
		s, _ := json.Marshal(v)
		return append(b, s...)
	}
}

func benchAppendJSON(b []byte, rec []benchKV) []byte {
	b = append(b, '{')
	for i, e := range rec {
		if i > 0 {
			b = append(b, ',')
		}
		b = benchAppendScalar(b, e.k)
		b = append(b, ':')
		if sub, ok := e.v.([]benchKV); ok {
			b = benchAppendJSON(b, sub)
		} else {
			b = benchAppendScalar(b, e.v)
		}
	}
	return append(b, '}')
}

// benchAppendYAML writes rec as a block mapping, the first key after lead
// ("- " for a sequence item) and the others indented to match.
func benchAppendYAML(b []byte, rec []benchKV, lead string) []byte {
	indent := strings.Repeat(" ", len(lead))
	for i, e := range rec {
		if i == 0 {
			b = append(b, lead...)
		} else {
			b = append(b, indent...)
		}
		b = append(b, e.k...)
		b = append(b, ':')
		if sub, ok := e.v.([]benchKV); ok {
			b = append(b, '\n')
			b = benchAppendYAML(b, sub, indent+"  ")
			continue
		}
		b = append(b, ' ')
		b = benchAppendScalar(b, e.v)
		b = append(b, '\n')
	}
	return b
}
