package normalize_test

import (
	"encoding/json"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/normalize"
	"dossier/pipeline/schema"
)

// benchRecords are curated records of the shipped kinds as people write
// them: ranks in names, country names and short forms, dates and percents
// in prose, stray white space. Every value normalizes without failure.
var benchRecords = map[string][]string{
	"official": {
		`{"kind":"official","countries":["Mali","U.S."],"role":"Defense Attache","name":"LTC Eric Dalton","country":"United States","post":"Bamako","evidence":{"document":"mali-united-states","quote":"Defense Attaché—LTC  Eric Dalton"}}`,
		`{"kind":"official","countries":["MLI","USA"],"role":" DCM ","name":"Peter  Barlerin","country":"U.S.","post":"Bamako","evidence":{"document":"mali-united-states","quote":"Deputy Chief of Mission--Peter Barlerin"}}`,
		`{"kind":"official","countries":["Malian","American"],"role":"Pol/Econ Officer","name":"Mr. Peter Newman","country":"USA","post":"Bamako","evidence":{"document":"mali-united-states","quote":"Political/Economic Officer—Peter Newman"}}`,
	},
	"poll": {
		`{"kind":"poll","countries":["Mali","U.S."],"year":2012,"source":" U.S. Global Leadership Report ","population":"Malians","measure":" Approve ","value":"87 %","disapprove":"10%","uncertain":"4 per cent","evidence":{"document":"mali-united-states","quote":"According to the 2012 U.S. Global Leadership Report, 87% of Malians approve of U.S. leadership, with 10% disapproving and 4% uncertain."}}`,
		`{"kind":"poll","countries":["Malians","United States"],"year":2007,"source":"global opinion poll","population":"Malians","measure":"Favorable","value":"seventy-nine percent","evidence":{"document":"mali-united-states","quote":"According to a 2007 global opinion poll, 79% of Malians view the United States favorably."}}`,
	},
	"event": {
		`{"kind":"event","countries":["Mali","U.S."],"date":"March 2012","type":" Coup ","summary":"A military  coup overthrew the government.","evidence":{"document":"mali-united-states","quote":"In March 2012, a military coup overthrew the government of Mali."}}`,
		`{"kind":"event","countries":["MLI","United States"],"date":"September 24, 1960","type":"Relations-Established","summary":"The United States recognized Mali.","evidence":{"document":"mali-united-states","quote":"The United States recognized Mali on September 24, 1960."}}`,
	},
	"mission": {
		`{"kind":"mission","countries":["Mali","U.S."],"type":"Embassy","sending":"U.S.","host":"Mali","city":"Bamako, Mali","evidence":{"document":"mali-united-states","quote":"The U.S. Embassy in Bamako, Mali."}}`,
	},
	"ambassador": {
		`{"kind":"ambassador","countries":["Mali","U.S."],"name":"Ambassador Gillian  Milovanovic","country":"U.S.","from":"Sept. 2008","to":"2011","evidence":{"document":"mali-united-states","quote":"Ambassador Gillian Milovanovic"}}`,
	},
	"program": {
		`{"kind":"program","countries":["Mali","U.S."],"name":"U.S. Agency for International Development","country":"United States","evidence":{"document":"mali-united-states","quote":"Director, USAID Mission--Rebecca Black"}}`,
	},
}

// benchKinds are the shipped kinds, in a fixed order.
var benchKinds = []string{"official", "poll", "event", "mission", "ambassador", "program"}

func benchDecode(b *testing.B, src string) map[string]any {
	d := json.NewDecoder(strings.NewReader(src))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		b.Fatalf("%s: %v", src, err)
	}
	return m
}

// BenchmarkApply normalizes one record of a shipped kind with the kind's
// plan (schema.Kind.Normalize, made by PlanFromSchema), as the pipeline
// does before validating. Apply rewrites the record in place, so fresh
// copies are made outside the timer, a batch at a time.
func BenchmarkApply(b *testing.B) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range benchKinds {
		k := set.Kinds[name]
		if k == nil {
			b.Fatalf("no kind %q in the shipped schemas", name)
		}
		var recs []map[string]any
		for _, src := range benchRecords[name] {
			recs = append(recs, benchDecode(b, src))
		}
		b.Run(name, func(b *testing.B) { benchApply(b, k.Normalize, recs) })
	}
}

func benchApply(b *testing.B, plan normalize.Plan, recs []map[string]any) {
	const batch = 1024
	work := make([]map[string]any, batch)
	b.ReportAllocs()
	b.ResetTimer()
	changes, failures := 0, 0
	for done := 0; done < b.N; done += batch {
		m := min(batch, b.N-done)
		b.StopTimer()
		for i := range m {
			work[i] = fact.Clone(recs[(done+i)%len(recs)]).(map[string]any)
		}
		b.StartTimer()
		for i := range m {
			c, f := plan.Apply(work[i])
			changes += len(c)
			failures += len(f)
		}
	}
	b.StopTimer()
	if failures > 0 {
		b.Fatalf("%d failures", failures)
	}
	if changes == 0 {
		b.Fatal("nothing changed: the records are already normal")
	}
	b.ReportMetric(float64(changes)/float64(b.N), "changes/record")
}

// BenchmarkNormalizer runs single normalizers on typical raw values.
func BenchmarkNormalizer(b *testing.B) {
	cases := []struct {
		name  string
		value string
		ctx   normalize.Context
	}{
		{"country", "U.S.", normalize.Context{Type: "string"}},
		{"country", "Côte d’Ivoire", normalize.Context{Type: "string"}},
		{"date", "March 2012", normalize.Context{Type: "string"}},
		{"date", "September 24, 1960", normalize.Context{Type: "string"}},
		{"percent", "79 %", normalize.Context{Type: "number"}},
		{"percent", "seventy-nine percent", normalize.Context{Type: "number"}},
		{"person", "LTC Eric Dalton", normalize.Context{Type: "string"}},
		{"role", "DCM", normalize.Context{Type: "string"}},
		{"place", "Bamako, Mali", normalize.Context{Type: "string"}},
		{"program", "U.S. Agency for International Development", normalize.Context{Type: "string"}},
		{"whitespace", "Deputy  Chief\u00a0of\tMission ", normalize.Context{Type: "string"}},
	}
	for _, c := range cases {
		n, ok := normalize.Lookup(c.name)
		if !ok {
			b.Fatalf("no normalizer %q", c.name)
		}
		b.Run(c.name+"/"+c.value, func(b *testing.B) {
			if _, err := n.Fn(c.value, c.ctx); err != nil {
				b.Fatalf("%s(%q): %v", c.name, c.value, err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := n.Fn(c.value, c.ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkApplyNormal normalizes poll records that are already normal,
// as curated fact files mostly are (bench/citegen's records): the plan
// runs every normalizer and changes nothing.
func BenchmarkApplyNormal(b *testing.B) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		b.Fatal(err)
	}
	recs := []map[string]any{
		benchDecode(b, `{"kind":"poll","countries":["MLI","USA"],"year":1990,"source":"Global Attitudes Survey","population":"Malians","measure":"favorable","value":0,"evidence":{"document":"mli-usa-polls","quote":"In the 1990 Global Attitudes Survey, 0% of Malians held a favorable view of the United States."}}`),
		benchDecode(b, `{"kind":"poll","countries":["MLI","USA"],"year":1990,"source":"World Poll","population":"Malians","measure":"approve","value":55.2,"evidence":{"document":"mli-usa-polls","quote":"In the 1990 World Poll, 55.2% of Malians approved of the leadership of the United States."}}`),
	}
	plan := set.Kinds["poll"].Normalize
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, f := plan.Apply(recs[i%len(recs)])
		if len(c)+len(f) > 0 {
			b.Fatalf("changes %v, failures %v", c, f)
		}
	}
}
