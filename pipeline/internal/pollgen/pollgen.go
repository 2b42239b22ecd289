// Package pollgen makes poll fact records the way the peers' generator
// (shared/peers/gen-facts) does: the same fields, value ranges and text,
// about one in a thousand invalid in exactly one way. The benchmarks of
// every stage share it, so that no test depends on files outside the
// repository.
package pollgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

type KV struct {
	K string
	V any // string, int, float64 (a percent) or []KV
}

var countries = []struct{ code, name string }{
	{"USA", "the United States"}, {"CAN", "Canada"}, {"MEX", "Mexico"}, {"BRA", "Brazil"},
	{"ARG", "Argentina"}, {"CHL", "Chile"}, {"GBR", "the United Kingdom"}, {"FRA", "France"},
	{"DEU", "Germany"}, {"ITA", "Italy"}, {"ESP", "Spain"}, {"POL", "Poland"},
	{"TUR", "Türkiye"}, {"UKR", "Ukraine"}, {"EGY", "Egypt"}, {"NGA", "Nigeria"},
	{"KEN", "Kenya"}, {"ZAF", "South Africa"}, {"IND", "India"}, {"CHN", "China"},
	{"JPN", "Japan"}, {"KOR", "South Korea"}, {"IDN", "Indonesia"}, {"CIV", "Côte d'Ivoire"},
}

var pollsters = []struct{ name, series string }{
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

// Rand is the generator's random source for a seed.
func Rand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)) }

func pct(r *rand.Rand, lo, hi int) float64 { return float64(lo*10+r.IntN((hi-lo)*10+1)) / 10 }

// Record makes record i (1-based). About one in a thousand is
// invalid against the peers' schema in exactly one way, as with gen-facts.
func Record(r *rand.Rand, i int) []KV {
	a := countries[r.IntN(len(countries))]
	c := countries[r.IntN(len(countries))]
	for c.code == a.code {
		c = countries[r.IntN(len(countries))]
	}
	year := 1990 + r.IntN(36)
	p := pollsters[r.IntN(len(pollsters))]
	pop := benchPopulations[r.IntN(len(benchPopulations))]
	m := benchMeasures[r.IntN(len(benchMeasures))]
	val := pct(r, 0, 100)
	rec := []KV{
		{"id", fmt.Sprintf("poll-%s-%s-%d-%08d", strings.ToLower(a.code), strings.ToLower(c.code), year, i)},
		{"kind", "poll"}, {"country_a", a.code}, {"country_b", c.code}, {"year", year},
		{"source", p.name}, {"population", pop}, {"measure", m}, {"value_percent", val},
	}
	rest := 100 - val
	if r.IntN(10) < 7 && rest >= 0.1 {
		dis := float64(r.IntN(int(rest*10)+1)) / 10
		rec = append(rec, KV{K: "disapprove_percent", V: dis})
		rest -= dis
	}
	if r.IntN(2) == 0 {
		rec = append(rec, KV{K: "uncertain_percent", V: float64(int(rest*10)) / 10})
	}
	rec = append(rec, KV{K: "as_of", V: fmt.Sprintf("%04d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28))})
	q := fmt.Sprintf("In the %d %s, %s%% of %s in %s %s %s, %s.", year, p.series,
		strconv.FormatFloat(val, 'f', -1, 64), pop, a.name, benchVerbs[m], c.name, benchTails[r.IntN(len(benchTails))])
	rec = append(rec, KV{K: "evidence", V: []KV{
		{"source", fmt.Sprintf("%s, %s %d, topline table Q%d", p.name, p.series, year, 1+r.IntN(40))},
		{"quote", q},
	}})
	if r.IntN(1000) == 0 {
		rec = Spoil(rec, i)
	}
	return rec
}

// Spoil makes rec invalid in one way, the way chosen by n.
func Spoil(rec []KV, n int) []KV {
	set := func(k string, v any) {
		for i := range rec {
			if rec[i].K == k {
				rec[i].V = v
			}
		}
	}
	switch n % 6 {
	case 0:
		set("value_percent", 112.5)
	case 1:
		return slices.DeleteFunc(rec, func(e KV) bool { return e.K == "as_of" })
	case 2:
		set("year", "2019")
	case 3:
		set("as_of", "2023-02-30")
	case 4:
		set("measure", "favourable")
	default:
		if !slices.ContainsFunc(rec, func(e KV) bool { return e.K == "note" }) {
			rec = append(rec, KV{K: "note", V: "imported from legacy sheet"})
		}
	}
	return rec
}

func AppendScalar(b []byte, v any) []byte {
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

// AppendJSON writes rec as one line of JSON, keys in order.
func AppendJSON(b []byte, rec []KV) []byte {
	b = append(b, '{')
	for i, e := range rec {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendScalar(b, e.K)
		b = append(b, ':')
		if sub, ok := e.V.([]KV); ok {
			b = AppendJSON(b, sub)
		} else {
			b = AppendScalar(b, e.V)
		}
	}
	return append(b, '}')
}

// PeersSchema is the peers' poll.schema.json (shared/peers), kept here so
// that benchmarks need nothing outside the repository.
const PeersSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://example.com/schemas/poll.schema.json",
  "title": "Poll result fact",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id", "kind", "country_a", "country_b", "year", "source",
    "population", "measure", "value_percent", "as_of", "evidence"
  ],
  "properties": {
    "id": { "type": "string", "minLength": 1, "maxLength": 128 },
    "kind": { "const": "poll" },
    "country_a": { "$ref": "#/$defs/iso3" },
    "country_b": { "$ref": "#/$defs/iso3" },
    "year": { "type": "integer", "minimum": 1990, "maximum": 2025 },
    "source": { "type": "string", "minLength": 1, "maxLength": 200 },
    "population": { "type": "string", "minLength": 1, "maxLength": 200 },
    "measure": { "enum": ["favorable", "approve", "confidence"] },
    "value_percent": { "$ref": "#/$defs/percent" },
    "disapprove_percent": { "$ref": "#/$defs/percent" },
    "uncertain_percent": { "$ref": "#/$defs/percent" },
    "as_of": { "type": "string", "format": "date" },
    "evidence": {
      "type": "object",
      "additionalProperties": false,
      "required": ["source", "quote"],
      "properties": {
        "source": { "type": "string", "minLength": 1, "maxLength": 300 },
        "quote": { "type": "string", "minLength": 20, "maxLength": 500 }
      }
    }
  },
  "$defs": {
    "iso3": {
      "description": "ISO 3166-1 alpha-3 country code",
      "type": "string",
      "pattern": "^[A-Z]{3}$"
    },
    "percent": { "type": "number", "minimum": 0, "maximum": 100 }
  }
}`
