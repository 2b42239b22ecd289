package normalize

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed cities.tsv
var citiesTSV string

// City is a city of the table in cities.tsv: the country it is in, whether
// it is a capital, and for a former name the name it has now.
type City struct {
	Country string // ISO 3166-1 alpha-3
	Name    string // as the table writes it
	Capital bool
	Now     string // for a former name, the current one; "" otherwise
}

type cityTables struct {
	byKey    map[string][]City // FoldKey(name) -> entries
	capitals map[string][]string
}

var (
	citiesOnce sync.Once
	cities     *cityTables
)

func cityTable() *cityTables {
	citiesOnce.Do(func() {
		t := &cityTables{byKey: map[string][]City{}, capitals: map[string][]string{}}
		for _, l := range strings.Split(citiesTSV, "\n") {
			l = strings.TrimRight(l, "\r")
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			f := strings.Split(l, "\t")
			if len(f) < 3 {
				panic("normalize: cities.tsv: short line " + l)
			}
			c := City{Country: f[0], Name: f[2], Capital: f[1] == "capital"}
			if f[1] == "former" && len(f) > 3 {
				c.Now = f[3]
			}
			k := FoldKey(c.Name)
			t.byKey[k] = append(t.byKey[k], c)
			if c.Capital {
				t.capitals[c.Country] = append(t.capitals[c.Country], c.Name)
			}
		}
		cities = t
	})
	return cities
}

// LookupCity finds a city by name (case, accents, dots and apostrophes
// ignored). ok is false for a name the table does not hold and for one
// that two countries share.
func LookupCity(name string) (City, bool) {
	return LookupCityKey(FoldKey(name))
}

// LookupCityKey is LookupCity of a name already folded by FoldKey.
func LookupCityKey(key string) (City, bool) {
	cs := cityTable().byKey[key]
	if len(cs) == 0 {
		return City{}, false
	}
	for _, c := range cs[1:] {
		if c.Country != cs[0].Country {
			return City{}, false
		}
	}
	return cs[0], true
}

// Capitals returns the capitals of the country with alpha-3 code, as the
// table writes them.
func Capitals(code string) []string { return cityTable().capitals[code] }
