package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/internal/pollgen"
	"dossier/pipeline/load"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

// benchPool is how many distinct records a benchmark cycles through.
const benchPool = 8192

// benchPeersKind loads the peers' poll kind from a copy of its schema.
func benchPeersKind(b *testing.B) *schema.Kind {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "poll.schema.json"), []byte(pollgen.PeersSchema), 0o644); err != nil {
		b.Fatal(err)
	}
	set, err := schema.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return set.Kinds["poll"]
}

// benchFacts decodes n generated records the way the pipeline does; with
// spoil, every record is made invalid (in one of six ways, in turn).
func benchFacts(b *testing.B, n int, spoil bool) (facts []*fact.Fact, size int64) {
	b.Helper()
	r := pollgen.Rand(42)
	for i := 1; i <= n; i++ {
		rec := pollgen.Record(r, i)
		if spoil {
			rec = pollgen.Spoil(rec, i)
		}
		line := pollgen.AppendJSON(nil, rec)
		size += int64(len(line))
		f, is := load.DecodeLine("facts.jsonl", i, i-1, line)
		if is != nil {
			b.Fatalf("record %d: %v", i, is)
		}
		f.Kind, f.ID = "poll", f.String("/id")
		facts = append(facts, f)
	}
	return facts, size / int64(n)
}

// BenchmarkFact validates one decoded peers poll record against the peers'
// schema: "peers" as generated (about one record in a thousand invalid),
// "valid" has only records that pass and "invalid" only records that fail,
// whose issues come from the library with their positions.
func BenchmarkFact(b *testing.B) {
	k := benchPeersKind(b)
	if k.Fast == nil {
		b.Log("the peers' schema has no fast validator")
	}
	peers, size := benchFacts(b, benchPool, false)
	var valid []*fact.Fact
	for _, f := range peers {
		if len(validate.Fact(k, f)) == 0 {
			valid = append(valid, f)
		}
	}
	if len(valid) == len(peers) || len(valid) < len(peers)*99/100 {
		b.Fatalf("%d of %d records valid, want about 999 in 1000", len(valid), len(peers))
	}
	invalid, _ := benchFacts(b, 600, true)
	for _, set := range []struct {
		name  string
		facts []*fact.Fact
	}{{"peers", peers}, {"valid", valid}, {"invalid", invalid}} {
		b.Run(set.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			issues := 0
			for i := 0; b.Loop(); i++ {
				issues += len(validate.Fact(k, set.facts[i%len(set.facts)]))
			}
			b.ReportMetric(float64(issues)/float64(b.N), "issues/record")
		})
	}
}

// shippedRecord makes valid record i of a shipped kind as JSON: an official
// (whose schema has x-rules) or a poll (whose schema has none), with
// evidence, varied from record to record.
func shippedRecord(kind string, i int) string {
	pairs := [][2]string{{"MLI", "USA"}, {"NER", "FRA"}, {"SEN", "CHN"}, {"KEN", "GBR"}}
	p := pairs[i%len(pairs)]
	ev := fmt.Sprintf(`"evidence":{"document":"doc-%d","quote":"The statement number %d, as the document gives it."}`, i%50, i)
	switch kind {
	case "official":
		return fmt.Sprintf(`{"kind":"official","countries":["%s","%s"],"role":"Deputy Chief of Mission","name":"Official %d","rank":"LTC","country":"%s","post":"Capital %d",%s}`,
			p[0], p[1], i, p[1-i%2], i%7, ev)
	case "poll":
		return fmt.Sprintf(`{"kind":"poll","countries":["%s","%s"],"year":%d,"source":"Survey %d","population":"Adults","measure":"favorable","value":%d.%d,%s}`,
			p[0], p[1], 1990+i%30, i%9, i%100, i%10, ev)
	}
	panic(kind)
}

// BenchmarkShippedKind validates valid records of a kind with x-rules
// (official) and of one without (poll) against the shipped schemas: the
// cost of the rules beside the schema keywords.
func BenchmarkShippedKind(b *testing.B) {
	set, err := schema.Load("../../schemas")
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"official", "poll"} {
		k := set.Kinds[kind]
		var facts []*fact.Fact
		for i := range 512 {
			f, is := load.DecodeLine("facts.jsonl", i+1, i, []byte(shippedRecord(kind, i)))
			if is != nil {
				b.Fatalf("%s record %d: %v", kind, i, is)
			}
			f.Kind, f.ID = kind, fmt.Sprintf("%s-%d", kind, i)
			if got := validate.Fact(k, f); len(got) != 0 {
				b.Fatalf("%s record %d: %v", kind, i, got)
			}
			facts = append(facts, f)
		}
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				validate.Fact(k, facts[i%len(facts)])
			}
		})
	}
}
