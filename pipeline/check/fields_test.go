package check_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/pipeline/check"
	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/schema"
)

// fieldsArticle is a written article (names invented) with the wordings
// the field checks must read: dates full, relative and in ranges, a former
// city name, shares, a list of officials under a lead that names the post.
const fieldsArticle = `Chad–United States relations

The United States and Chad established diplomatic relations on June 3, 1961. The U.S. embassy opened in Fort Lamy the following year.

On August 4, 2023, the junta of General Karim Osei severed diplomatic ties with the United States after deposing Chadian president Issa Maman.

In a 2022 survey, 43% of Chadians approved of U.S. leadership, up from 19% three years earlier.

The U.S. embassy was established in Fort Lamy, now known as N'Djamena, on February 1, 1961.

Secretary Rice visited N'Djamena in March 2005.

Principal U.S. Officials in N'Djamena include:

  • Ambassador--Jane Roe
  • Deputy Chief of Mission—J.P. Singh
  • Defense Attaché—Lt. Col. Kim Dae-jung
  • Consular Officer—Douglas "Pete" Peterson

USAID, the Peace Corps and other programs work in Chad.
`

var fieldsSchemas = func() func(t *testing.T) *schema.Set {
	var set *schema.Set
	return func(t *testing.T) *schema.Set {
		t.Helper()
		if set == nil {
			s, err := schema.Load("../../schemas")
			if err != nil {
				t.Fatal(err)
			}
			set = s
		}
		return set
	}
}()

// checkOne reads one YAML fact, normalizes it as a run does and holds it
// against its quote: the issues of Evidence and Fields.
func checkOne(t *testing.T, c *check.Corpus, src string) []issue.Issue {
	t.Helper()
	set := fieldsSchemas(t)
	var f *fact.Fact
	sink := load.Sink{
		Fact:   func(x *fact.Fact) { f = x },
		Reject: func(is issue.Issue) { t.Fatalf("fixture rejected: %v", is) },
		Issue:  func(is issue.Issue) { t.Fatalf("fixture issue: %v", is) },
	}
	if err := load.ReadYAML("facts.yaml", strings.NewReader(src), sink); err != nil || f == nil {
		t.Fatalf("fixture: %v", err)
	}
	f.Kind, _ = f.Fields["kind"].(string)
	k := set.Kinds[f.Kind]
	if _, failures := k.Normalize.Apply(f.Fields); len(failures) > 0 {
		t.Fatalf("fixture does not normalize: %v", failures[0].Err)
	}
	issues := check.Evidence(c, f)
	return append(issues, check.Fields(c, k, f)...)
}

func TestFields(t *testing.T) {
	d := docFrom(t, "chad", fieldsArticle)
	c := check.NewCorpus([]*document.Document{d, seedDoc(t)})
	official := func(role, name, quote string) string {
		return fmt.Sprintf("- kind: official\n  countries: [TCD, USA]\n  role: %s\n  name: %s\n  country: USA\n  evidence:\n    document: chad\n    quote: %q\n", role, name, quote)
	}
	event := func(date, quote string) string {
		return fmt.Sprintf("- kind: event\n  countries: [TCD, USA]\n  type: other\n  summary: s\n  date: %q\n  evidence:\n    document: chad\n    quote: %q\n", date, quote)
	}
	mission := func(sending, host, city, quote string) string {
		return fmt.Sprintf("- kind: mission\n  countries: [TCD, USA]\n  type: embassy\n  sending: %s\n  host: %s\n  city: %s\n  evidence:\n    document: chad\n    quote: %q\n", sending, host, city, quote)
	}
	poll := func(year int, population string, value int, quote string) string {
		return fmt.Sprintf("- kind: poll\n  countries: [TCD, USA]\n  year: %d\n  population: %s\n  measure: approve\n  value: %d\n  evidence:\n    document: chad\n    quote: %q\n", year, population, value, quote)
	}
	const junta = "On August 4, 2023, the junta of General Karim Osei severed diplomatic ties with the United States after deposing Chadian president Issa Maman."
	const survey = "In a 2022 survey, 43% of Chadians approved of U.S. leadership, up from 19% three years earlier."
	type want struct {
		code, pointer string
		line          int
		msg           []string
	}
	tests := []struct {
		name string
		src  string
		want []want // nil: no issue
	}{
		{"list item", official("Ambassador", "Jane Roe", "Ambassador--Jane Roe"), nil},
		{"another name in the slot", official("Ambassador", "John Roe", "Ambassador--Jane Roe"),
			[]want{{"evidence.name-mismatch", "/name", 4, []string{`name is "John Roe"`, "the quote names Jane Roe"}}}},
		{"name, role and country of another person", official("Ambassador", "Jane Doe", "deposing Chadian president Issa Maman"),
			[]want{
				{"evidence.role-mismatch", "/role", 3, []string{`role is "Ambassador"`, "the quote gives president"}},
				{"evidence.name-mismatch", "/name", 4, []string{"the quote names Issa Maman"}},
				{"evidence.country-mismatch", "/country", 5, []string{"country is USA", "Chadian (TCD)"}},
			}},
		{"initials written together", official("Deputy Chief of Mission", "J. P. Singh", "Deputy Chief of Mission—J.P. Singh"), nil},
		{"rank and a name with a hyphen", official("Defense Attaché", "LTC Kim Dae-jung", "Defense Attaché—Lt. Col. Kim Dae-jung"), nil},
		{"a nickname", official("Consular Officer", "Douglas Peterson", `Consular Officer—Douglas "Pete" Peterson`), nil},
		{"the surname after a title", official("Secretary of State", "Condoleezza Rice", "Secretary Rice visited N'Djamena in March 2005."), nil},
		{"another role", official("Consular Officer", "Jane Roe", "Ambassador--Jane Roe"),
			[]want{{"evidence.role-mismatch", "/role", 3, []string{`role is "Consular Officer"`, "the quote gives Ambassador"}}}},
		{"full date", event("2023-08-04", junta), nil},
		{"month of a full date", event("2023-08", junta), nil},
		{"another day", event("2023-08-05", junta),
			[]want{{"evidence.date-mismatch", "/date", 5, []string{"date is 2023-08-05", "August 4, 2023 (2023-08-04)"}}}},
		{"the following year", event("1962", "The United States and Chad established diplomatic relations on June 3, 1961. The U.S. embassy opened in Fort Lamy the following year."), nil},
		{"not the following year", event("1963", "The United States and Chad established diplomatic relations on June 3, 1961. The U.S. embassy opened in Fort Lamy the following year."),
			[]want{{"evidence.date-mismatch", "/date", 5, []string{"June 3, 1961 (1961-06-03)"}}}},
		{"finer than the quote", event("2005-03-14", "Secretary Rice visited N'Djamena in March 2005."),
			[]want{{"evidence.unstated", "/date", 5, []string{"date 2005-03-14 (it gives March 2005)"}}}},
		{"no date in the quote", event("2005-03", "Secretary Rice visited N'Djamena"),
			[]want{{"evidence.unstated", "/date", 5, []string{"date 2005-03 (line 11 of the document does)"}}}},
		{"a former name is not the city", mission("USA", "TCD", "N'Djamena", "The U.S. embassy was established in Fort Lamy"),
			[]want{{"evidence.place-mismatch", "/city", 6, []string{"Fort Lamy (a former name of N'Djamena"}}}},
		{"the text says the former name is the city", mission("USA", "TCD", "N'Djamena", "The U.S. embassy was established in Fort Lamy, now known as N'Djamena"), nil},
		{"another city", mission("USA", "TCD", "Moundou", "The U.S. embassy was established in Fort Lamy"),
			[]want{{"evidence.place-mismatch", "/city", 6, []string{`city is "Moundou"`, "the quote names Fort Lamy"}}}},
		{"whose the embassy is", mission("TCD", "USA", "Fort Lamy", "The U.S. embassy opened in Fort Lamy the following year."),
			[]want{{"evidence.country-mismatch", "/sending", 4, []string{"sending is TCD", "U.S. (USA)"}}}},
		{"shares and a year three years earlier", poll(2019, "Chadians", 19, survey), nil},
		{"another share", poll(2022, "Chadians", 44, survey),
			[]want{{"evidence.number-mismatch", "/value", 6, []string{"value is 44", "43% and 19%"}}}},
		{"another year", poll(2021, "Chadians", 43, survey),
			[]want{{"evidence.date-mismatch", "/year", 3, []string{"year is 2021", "2022"}}}},
		{"another people", poll(2022, "Americans", 43, survey),
			[]want{{"evidence.country-mismatch", "/population", 4, []string{"the share of Chadians"}}}},
		{"another program", "- kind: program\n  countries: [TCD, USA]\n  name: PEPFAR\n  country: USA\n  evidence:\n    document: chad\n    quote: USAID, the Peace Corps and other programs work in Chad.\n",
			[]want{{"evidence.program-mismatch", "/name", 3, []string{"the quote names USAID and Peace Corps"}}}},
		{"every unstated field in one warning", "- kind: official\n  countries: [MLI, USA]\n  role: Consular Officer\n  name: Rebecca Drame\n  country: USA\n  post: Dakar\n  organization: USAID\n  evidence:\n    document: mali-united-states\n    quote: Rebecca Drame\n",
			[]want{{"evidence.unstated", "/role", 3, []string{`the quote does not state role "Consular Officer" (line 26 of the document does), organization "USAID" (line 15 of the document does) or post "Dakar"`}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkOne(t, c, tt.src)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d issues, want %d:\n%s", len(got), len(tt.want), issueLines(got))
			}
			for i, w := range tt.want {
				is := got[i]
				if is.Code != w.code || is.Pointer != w.pointer || is.Line != w.line {
					t.Errorf("issue %d: %s %s at line %d, want %s %s at line %d", i, is.Code, is.Pointer, is.Line, w.code, w.pointer, w.line)
				}
				sev := issue.Error
				if w.code == "evidence.unstated" {
					sev = issue.Warning
				}
				if is.Severity != sev {
					t.Errorf("issue %d: severity %s, want %s", i, is.Severity, sev)
				}
				for _, m := range w.msg {
					if !strings.Contains(is.Message, m) {
						t.Errorf("issue %d: message %q does not say %q", i, is.Message, m)
					}
				}
			}
		})
	}
}

func issueLines(issues []issue.Issue) string {
	var b strings.Builder
	for _, is := range issues {
		b.WriteString(is.String() + "\n")
	}
	return b.String()
}

// The facts shipped with the repository, the curated and those the
// extractors find, hold against their quotes with no issue.
func TestFieldsShippedFacts(t *testing.T) {
	d := seedDoc(t)
	c := check.NewCorpus([]*document.Document{d})
	set := fieldsSchemas(t)
	var facts []*fact.Fact
	sink := load.Sink{Fact: func(f *fact.Fact) { facts = append(facts, f) }, Reject: func(is issue.Issue) { t.Fatal(is) }, Issue: func(is issue.Issue) { t.Fatal(is) }}
	if err := load.ReadFactFile("../../sources/facts/mali-united-states.yaml", sink); err != nil {
		t.Fatal(err)
	}
	for _, x := range extract.Document(d) {
		facts = append(facts, &fact.Fact{File: d.Path, Fields: x.Fields})
	}
	for _, f := range facts {
		f.Kind, _ = f.Fields["kind"].(string)
		k := set.Kinds[f.Kind]
		k.Normalize.Apply(f.Fields)
		issues := append(check.Evidence(c, f), check.Fields(c, k, f)...)
		if len(issues) > 0 {
			t.Errorf("%s %s: %s", f.Kind, f.String("/evidence/quote"), issueLines(issues))
		}
	}
}

// Every fact the extractors find in the test articles and the written
// held-out sets passes the field checks with no error: the checks do not
// punish facts worded as articles word them.
func TestFieldsExtractedFactsHaveNoError(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/articles/*.txt")
	more, _ := filepath.Glob("../../testdata/heldout*/texts/*.txt")
	paths = append(paths, more...)
	if len(paths) < 10 {
		t.Fatalf("only %d test articles found", len(paths))
	}
	set := fieldsSchemas(t)
	n := 0
	for _, p := range paths {
		d := loadDoc(t, p)
		c := check.NewCorpus([]*document.Document{d})
		for _, x := range extract.Document(d) {
			f := &fact.Fact{Kind: x.Kind, File: p, Fields: x.Fields}
			k := set.Kinds[x.Kind]
			k.Normalize.Apply(f.Fields)
			n++
			for _, is := range append(check.Evidence(c, f), check.Fields(c, k, f)...) {
				if is.Severity == issue.Error {
					t.Errorf("%s: %s (rule %s) %s: %s\n  quote: %s", filepath.Base(p), x.Kind, x.Rule, is.Code, is.Message, x.Quote())
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d facts extracted", n)
	}
}

func TestQuoteNotFoundNamesTheClosestPassage(t *testing.T) {
	c := check.NewCorpus([]*document.Document{seedDoc(t)})
	tests := []struct {
		name, quote string
		want        []string
	}{
		{"a word differs", "79% of Malian view the United States favorably",
			[]string{`the closest passage is line 11, "79% of Malians view the United States favorably"`, `the quote has "Malian" where the text has "Malians"`}},
		{"case differs", "defense attaché—LTC Eric Dalton",
			[]string{"line 27", `the quote has "defense" where the text has "Defense"`}},
		{"a word too many", "There is a U.S. Embassy in Bamako, Mali, Africa.",
			[]string{"line 29", `the quote has "Africa", which the text does not`}},
		{"a word left out", "According to a 2007 opinion poll",
			[]string{"line 11", `the text has "global", which the quote leaves out`}},
		{"a citation marker", "view the United States favorably.[1]",
			[]string{"line 11", `the quote has "1", which the text does not`}},
		{"nothing close", "Quantum chromodynamics describes gluons", []string{"; no passage of it is close"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fmt.Sprintf("- kind: program\n  countries: [MLI, USA]\n  name: USAID\n  country: USA\n  evidence:\n    document: mali-united-states\n    quote: %q\n", tt.quote)
			got := checkOne(t, c, src)
			if len(got) != 1 || got[0].Code != "evidence.quote-not-found" {
				t.Fatalf("issues:\n%s", issueLines(got))
			}
			for _, w := range tt.want {
				if !strings.Contains(got[0].Message, w) {
					t.Errorf("message %q does not say %q", got[0].Message, w)
				}
			}
		})
	}
}
