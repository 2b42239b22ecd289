package normalize

import (
	"strings"
	"testing"
)

func TestRole(t *testing.T) {
	runCases(t, "role", []tc{
		{name: "DCM", in: "DCM", want: "Deputy Chief of Mission"},
		{name: "Deputy Chief of Mission", in: "Deputy Chief of Mission", want: "Deputy Chief of Mission"},
		{name: "lower case", in: "deputy chief of mission", want: "Deputy Chief of Mission"},
		{name: "Defense Attache", in: "Defense Attache", want: "Defense Attaché"},
		{name: "Defence Attaché", in: "Defence Attaché", want: "Defense Attaché"},
		{name: "Pol/Econ Officer", in: "Pol/Econ Officer", want: "Political/Economic Officer"},
		{name: "Political/Economic Officer", in: "Political/Economic Officer", want: "Political/Economic Officer"},
		{name: "Political Officer is another role", in: "Political Officer", want: "Political Officer"},
		{name: "PAO", in: "PAO", want: "Public Affairs Officer"},
		{name: "Charge d'Affaires", in: "Charge d'Affaires", want: "Chargé d'Affaires"},
		{name: "Chargé d’Affaires curly", in: "Chargé d’Affaires", want: "Chargé d'Affaires"},
		{name: "Charge d'Affaires a.i.", in: "Charge d'Affaires a.i.", want: "Chargé d'Affaires, a.i."},
		{name: "ad interim", in: "Chargé d'Affaires ad interim", want: "Chargé d'Affaires, a.i."},
		{name: "Director, USAID Mission stays", in: "Director, USAID Mission", want: "Director, USAID Mission"},
		{name: "USAID Mission Director", in: "USAID Mission Director", want: "Director, USAID Mission"},
		{name: "Peace Corps Director", in: "Peace Corps Director", want: "Director, Peace Corps"},
		{name: "Management Officer", in: "Management Officer", want: "Management Officer"},
		{name: "Consular Officer", in: "Consular  Officer", want: "Consular Officer"},
		{name: "unknown passes trimmed", in: "  Senior  Advisor ", want: "Senior Advisor"},
	})
	if _, err := spellingIndex(roles); err != nil {
		t.Fatal(err)
	}
	if _, err := spellingIndex([]spelling{{"A", []string{"x"}}, {"B", []string{"X"}}}); err == nil || !strings.Contains(err.Error(), "means both") {
		t.Fatalf("conflicting spelling table accepted: %v", err)
	}
}

func FuzzRole(f *testing.F) {
	for _, s := range []string{"DCM", "Pol/Econ Officer", "Defense Attache", "", "  x  ", "Chargé d’Affaires"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOutput(t, "role", validText(s), Context{})
	})
}
