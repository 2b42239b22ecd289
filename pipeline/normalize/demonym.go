package normalize

import (
	"strings"
	"sync"
)

var (
	demonymsOnce sync.Once
	demonyms     map[string]string
)

// Demonym returns the first demonym country_aliases.tsv gives for the
// country with alpha-3 code ("Malian" for MLI), or "" when it gives none.
func Demonym(code string) string {
	demonymsOnce.Do(func() {
		demonyms = map[string]string{}
		for _, l := range strings.Split(countryAliasesTSV, "\n") {
			f := strings.Split(strings.TrimRight(l, "\r"), "\t")
			if len(f) == 3 && f[0] == kindDemonym {
				if _, ok := demonyms[f[1]]; !ok {
					demonyms[f[1]] = f[2]
				}
			}
		}
	})
	return demonyms[code]
}
