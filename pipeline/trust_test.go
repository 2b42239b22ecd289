package pipeline_test

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline"
	"dossier/pipeline/diff"
	"dossier/pipeline/fact"
	"dossier/pipeline/model"
)

// seedCase copies the shipped article into a fresh folder and writes the
// fact files given (name -> content) beside it, in sources/facts.
func seedCase(t *testing.T, facts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "sources")
	if err := os.MkdirAll(filepath.Join(src, "facts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"mali-united-states.txt", "mali-united-states.meta.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "sources", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range facts {
		if err := os.WriteFile(filepath.Join(src, "facts", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCase(t *testing.T, dir string, extract bool) *model.Result {
	t.Helper()
	res, err := pipeline.Run(context.Background(), pipeline.Options{
		Sources: filepath.Join(dir, "sources"),
		Facts:   []string{filepath.Join(dir, "sources", "facts")},
		Schemas: "../schemas",
		Extract: extract,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ids lists the exported facts' ids by origin, then kind and id.
func ids(res *model.Result) []string {
	var out []string
	for _, k := range res.KindsInOrder() {
		for _, f := range res.Facts[k] {
			out = append(out, f.Origin+" "+f.ID)
		}
	}
	slices.Sort(out)
	return out
}

func factWith(t *testing.T, res *model.Result, kind string, origin string) *fact.Fact {
	t.Helper()
	var found []*fact.Fact
	for _, f := range res.Facts[kind] {
		if f.Origin == origin {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s %s facts exported, want 1: %v", len(found), origin, kind, ids(res))
	}
	return found[0]
}

// asDossier is the part of dossier.json diff reads, built from a result.
func asDossier(res *model.Result) *diff.Dossier {
	d := &diff.Dossier{Facts: map[string][]map[string]any{}}
	for kind, facts := range res.Facts {
		for _, f := range facts {
			m := maps.Clone(f.Fields)
			m["id"], m["origin"], m["status"] = f.ID, f.Origin, f.Status
			d.Facts[kind] = append(d.Facts[kind], m)
		}
	}
	return d
}

const peaceCorps = `- kind: program
  countries: [MLI, USA]
  name: Peace Corps
  country: USA
  evidence:
    document: mali-united-states
    quote: "USAID, Peace Corps, and other U.S. Government programs play a significant role in fostering sustainable economic and social development."
`

// A record that is rejected takes no id: adding one with the key of an
// exported fact (in a file read before it) leaves that fact's id alone.
func TestRejectedRecordTakesNoID(t *testing.T) {
	before := runCase(t, seedCase(t, map[string]string{"b.yaml": peaceCorps}), false)
	bad := strings.Replace(peaceCorps, "  country: USA\n", "  country: USA\n  colour: blue\n", 1)
	after := runCase(t, seedCase(t, map[string]string{"a.yaml": bad, "b.yaml": peaceCorps}), false)
	if len(after.Rejected) != 1 {
		t.Fatalf("%d records rejected, want the one with colour", len(after.Rejected))
	}
	if got, want := ids(after), ids(before); !slices.Equal(got, want) {
		t.Errorf("ids after adding a rejected record = %v, want %v", got, want)
	}
	if d := diff.Compare(asDossier(before), asDossier(after)); len(d.Added)+len(d.Removed)+len(d.Changed) != 0 {
		t.Errorf("diff after adding a rejected record: %d added, %d removed, %d changed, want none", len(d.Added), len(d.Removed), len(d.Changed))
	}
}

const poll2007 = `- kind: poll
  countries: [MLI, USA]
  year: 2007
  source: global opinion poll
  population: Malians
  measure: favorable
  value: 79
  evidence:
    document: mali-united-states
    quote: "According to a 2007 global opinion poll, 79% of Malians view the United States favorably."
`

// A curated and an extracted fact never take each other's ids: the poll
// the text states keeps its id whether the curated poll of the same key
// agrees with it, is rejected (78%, a number its quote does not state), or
// is absent.
func TestExtractedIDsHoldStill(t *testing.T) {
	agree := runCase(t, seedCase(t, map[string]string{"polls.yaml": poll2007}), true)
	rejected := runCase(t, seedCase(t, map[string]string{"polls.yaml": strings.Replace(poll2007, "value: 79", "value: 78", 1)}), true)
	alone := runCase(t, seedCase(t, map[string]string{"polls.yaml": "[]\n"}), true)

	curated := poll(t, agree, fact.Curated, 2007)
	if curated.Status != "confirmed" {
		t.Fatalf("the curated 79%% poll is %q, want confirmed", curated.Status)
	}
	if len(rejected.Rejected) != 1 {
		t.Fatalf("%d records rejected, want the 78%% poll", len(rejected.Rejected))
	}
	extracted := poll(t, rejected, fact.Extracted, 2007)
	if got := poll(t, alone, fact.Extracted, 2007); got.ID != extracted.ID {
		t.Errorf("the extracted poll is %s beside a rejected curated one and %s alone: its id moved", extracted.ID, got.ID)
	}
	if extracted.ID == curated.ID {
		t.Errorf("the extracted poll takes the curated poll's id %s", curated.ID)
	}
}

// poll returns the one exported poll of year and origin.
func poll(t *testing.T, res *model.Result, origin string, year int) *fact.Fact {
	t.Helper()
	var found []*fact.Fact
	for _, f := range res.Facts["poll"] {
		if y, _ := f.Fields["year"].(json.Number).Float64(); f.Origin == origin && y == float64(year) {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s polls of %d exported, want 1: %v", len(found), origin, year, ids(res))
	}
	return found[0]
}

// A value changed in a fact file shows in diff as a change of that fact.
func TestDiffShowsAChangedValue(t *testing.T) {
	official := `- kind: official
  countries: [MLI, USA]
  role: Ambassador
  name: Gillian Milovanovic
  country: USA
  post: Bamako
  evidence:
    document: mali-united-states
    quote: "Ambassador Gillian Milovanovic"
`
	old := runCase(t, seedCase(t, map[string]string{"o.yaml": official}), true)
	cur := runCase(t, seedCase(t, map[string]string{"o.yaml": strings.Replace(official, "post: Bamako", "post: Kayes", 1)}), true)
	d := diff.Compare(asDossier(old), asDossier(cur))
	if len(d.Added)+len(d.Removed) != 0 || len(d.Changed) != 1 ||
		len(d.Changed[0].Fields) != 1 || d.Changed[0].Fields[0].Field != "post" {
		t.Errorf("diff = %+v, want one change: the post of the ambassador", d)
	}
}

const missionYAML = `- kind: mission
  countries: [MLI, USA]
  type: embassy
  sending: USA
  host: MLI
  city: Bamako
  evidence:
    document: mali-united-states
    quote: "There is a U.S. Embassy in Bamako, Mali."
`

const missionCSV = `kind,countries,type,sending,host,city,evidence.document,evidence.quote
mission,MLI;USA,embassy,USA,MLI,Bamako,mali-united-states,"There is a U.S. Embassy in Bamako, Mali."
`

// An exact duplicate is exported once, the copy reported with the location
// of the one kept; the fact's id does not depend on which file came first.
func TestExactDuplicateExportedOnce(t *testing.T) {
	alone := runCase(t, seedCase(t, map[string]string{"mali.yaml": missionYAML}), true)
	both := runCase(t, seedCase(t, map[string]string{"mali.yaml": missionYAML, "a-repeat.csv": missionCSV}), true)
	want := factWith(t, alone, "mission", fact.Curated)
	got := factWith(t, both, "mission", fact.Curated)
	if got.ID != want.ID {
		t.Errorf("the mission is %s with a CSV that repeats it, %s without", got.ID, want.ID)
	}
	if !strings.HasSuffix(got.File, "a-repeat.csv") {
		t.Errorf("the mission kept comes from %s, want the first read, a-repeat.csv", got.File)
	}
	if len(both.Rejected) != 1 {
		t.Fatalf("%d records rejected, want the repeat", len(both.Rejected))
	}
	r := both.Rejected[0]
	if !strings.HasSuffix(r.File, "mali.yaml") || len(r.Issues) != 1 || r.Issues[0].Code != "key.duplicate" ||
		!strings.Contains(r.Issues[0].Message, "a-repeat.csv:2") || !strings.Contains(r.Issues[0].Message, want.ID) {
		t.Errorf("the repeat is reported as %+v, want key.duplicate naming %s at a-repeat.csv:2", r, want.ID)
	}
	if d := diff.Compare(asDossier(alone), asDossier(both)); len(d.Added)+len(d.Removed) != 0 {
		t.Errorf("diff after adding a repeat: added %v, removed %v, want none", d.Added, d.Removed)
	}
	if s := both.Summary; s.Read+s.FromText != s.Exported+s.Rejected || s.Read != 2 {
		t.Errorf("summary: %d read from files (want 2) + %d taken from the text != %d exported + %d rejected", s.Read, s.FromText, s.Exported, s.Rejected)
	}
}

// Ids and reconciliation compare numbers by value: a curated poll of
// year 2007.0 is the extracted poll of 2007.
func TestReconcileComparesCanonicalValues(t *testing.T) {
	res := runCase(t, seedCase(t, map[string]string{"polls.yaml": strings.Replace(poll2007, "year: 2007", "year: 2007.0", 1)}), true)
	f := poll(t, res, fact.Curated, 2007)
	if f.Status != "confirmed" {
		t.Errorf("the curated poll of year 2007.0 is %q, want confirmed", f.Status)
	}
	if want := poll(t, runCase(t, seedCase(t, map[string]string{"polls.yaml": poll2007}), false), fact.Curated, 2007).ID; f.ID != want {
		t.Errorf("the poll of year 2007.0 is %s, the poll of 2007 %s", f.ID, want)
	}
	for _, p := range res.Facts["poll"] {
		if p.Origin == fact.Extracted && p.Fields["year"] == json.Number("2007") {
			t.Errorf("the extracted poll of 2007 is exported as %s (%s), as if no curated poll stated it", p.ID, p.Status)
		}
	}
}
