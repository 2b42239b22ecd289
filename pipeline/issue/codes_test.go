package issue

import (
	"os"
	"strings"
	"testing"
)

// Every code of the table is documented, with its own heading, in
// docs/checks.md.
func TestCodesAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/checks.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Codes {
		if !strings.Contains(string(doc), "`"+c.Code+"`") {
			t.Errorf("docs/checks.md does not document %s", c.Code)
		}
	}
}

func TestLookupCode(t *testing.T) {
	for code, want := range map[string]string{
		"percent.sum":               "percent.sum",
		"schema.type":               "schema.*",
		"rule.country-in-pair":      "rule.*",
		"normalize.country-unknown": "normalize.*",
	} {
		c, ok := LookupCode(code)
		if !ok || c.Code != want {
			t.Errorf("LookupCode(%q) = %q, %v; want %q", code, c.Code, ok, want)
		}
	}
	if _, ok := LookupCode("no.such"); ok {
		t.Error("LookupCode found an unknown code")
	}
}
