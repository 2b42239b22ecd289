package normalize

import "strings"

// placeNotCountries are country names that, at the end of a place, more
// often name something else: "Atlanta, Georgia" is in the United States.
var placeNotCountries = map[string]bool{"georgia": true}

// place splits a trailing country from a place name: "Bamako, Mali" gives
// Value "Bamako" and Extra "country": "MLI". Only the part after the last
// comma is tried, and only as a country name or abbreviation: codes and
// demonyms are not read there ("Atlanta, GA" stays), nor "Georgia". Trailing
// parts naming the same country are all removed ("Bamako, Mali, Mali");
// two different countries are an error. The first part always stays, and
// text with no country at its end passes through with white space
// collapsed. Plan.Apply sets the sibling "country" only when the record has
// none or has the same country; a different one is a conflict.
func place(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok || isBlank(s) {
		return Result{Value: v}, nil
	}
	orig := collapseSpace(s)
	text := orig
	code := ""
	for {
		i := strings.LastIndexByte(text, ',')
		if i < 0 {
			break
		}
		head, tail := strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
		if isBlank(head) || placeNotCountries[countryFoldKey(tail)] {
			break
		}
		c, found, err := lookupCountry(tail, countryNames)
		if err != nil && err.Code == CodeCountryAmbiguous {
			return Result{}, errorf(err.Code, "place %q: %s", orig, err.Message)
		}
		if !found || c == "" {
			break
		}
		if code != "" && c != code {
			return Result{}, errorf(CodePlaceCountries, "place %q names two countries, %s and %s", orig, c, code)
		}
		code, text = c, head
	}
	if code == "" {
		return Result{Value: text}, nil
	}
	return Result{Value: text, Extra: map[string]any{"country": code}}, nil
}
