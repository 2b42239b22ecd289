package normalize

import "fmt"

// spelling is one canonical name with the other ways it is written.
type spelling struct {
	Canon    string
	Variants []string
}

// spellingIndex maps FoldKey of every variant, and of the canonical name
// itself, to the canonical name. It fails on a key with two meanings.
func spellingIndex(table []spelling) (map[string]string, error) {
	ix := map[string]string{}
	for _, s := range table {
		for _, v := range append([]string{s.Canon}, s.Variants...) {
			k := FoldKey(v)
			if old, ok := ix[k]; ok && old != s.Canon {
				return nil, fmt.Errorf("%q means both %q and %q", v, old, s.Canon)
			}
			ix[k] = s.Canon
		}
	}
	return ix, nil
}

func mustSpellingIndex(table []spelling) map[string]string {
	ix, err := spellingIndex(table)
	if err != nil {
		panic("normalize: " + err.Error()) // the tables are fixed and tested
	}
	return ix
}

// respell looks s up in ix; text not in the table passes through with its
// white space collapsed.
func respell(ix map[string]string, v any) Result {
	s, ok := v.(string)
	if !ok || isBlank(s) {
		return Result{Value: v}
	}
	if c, ok := ix[FoldKey(s)]; ok {
		return Result{Value: c}
	}
	return Result{Value: collapseSpace(s)}
}

// roles is the table of official roles as US embassy staff lists name them,
// one spelling each.
var roles = []spelling{
	{"Ambassador", []string{"Amb.", "Ambassador Extraordinary and Plenipotentiary"}},
	{"Deputy Chief of Mission", []string{"DCM", "Deputy Chief-of-Mission", "Deputy Head of Mission", "DHM"}},
	{"Chargé d'Affaires", []string{"Charge d'Affaires", "Chargé d’Affaires", "Charge", "Chargé", "Charge d'Affairs", "Chargé des Affaires"}},
	{"Chargé d'Affaires, a.i.", []string{"Chargé d'Affaires ad interim", "Charge d'Affaires a.i.", "Charge d'Affaires, ad interim", "CDA", "Charge d'Affaires ai"}},
	{"Defense Attaché", []string{"Defense Attache", "Defence Attaché", "Defence Attache", "DATT", "Defense Attaché Officer"}},
	{"Military Attaché", []string{"Military Attache"}},
	{"Political/Economic Officer", []string{"Pol/Econ Officer", "Political-Economic Officer", "Political and Economic Officer", "Political Economic Officer", "Pol-Econ Officer", "P/E Officer", "PolEcon Officer"}},
	{"Political/Economic Chief", []string{"Pol/Econ Chief", "Political-Economic Chief", "Political and Economic Chief", "Pol-Econ Chief"}},
	{"Political Officer", []string{"Pol Officer", "POL Officer", "PolOff"}},
	{"Economic Officer", []string{"Econ Officer", "ECON Officer", "EconOff"}},
	{"Public Affairs Officer", []string{"PAO", "PA Officer", "Public Affairs Section Chief"}},
	{"Management Officer", []string{"Mgmt Officer", "Management Counselor"}},
	{"Consular Officer", []string{"Cons Officer", "ConOff", "Consular Section Chief", "Consular Chief"}},
	{"Consul General", []string{"Consul-General"}},
	{"Regional Security Officer", []string{"RSO"}},
	{"Commercial Officer", []string{"Commercial Attaché", "Commercial Attache"}},
	{"Agricultural Attaché", []string{"Agricultural Attache", "Agriculture Attaché", "Agriculture Attache"}},
	{"Director, USAID Mission", []string{"USAID Mission Director", "USAID Director", "Director USAID Mission", "Director, USAID", "Mission Director, USAID"}},
	{"Director, Peace Corps", []string{"Peace Corps Director", "Peace Corps Country Director", "Country Director, Peace Corps", "Director Peace Corps"}},
	{"Office of Security Cooperation Chief", []string{"OSC Chief", "Chief, Office of Security Cooperation"}},
}

var roleIndex = mustSpellingIndex(roles)

// role normalizes an official's role to its one spelling.
func role(v any, _ Context) (Result, error) { return respell(roleIndex, v), nil }
