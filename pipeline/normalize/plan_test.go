package normalize

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// decode reads JSON the way the pipeline does: numbers as json.Number.
func decode(t testing.TB, text string) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatalf("decode %s: %v", text, err)
	}
	return m
}

const factSchema = `{
  "$id": "https://example.com/schemas/fact.schema.json",
  "type": "object",
  "properties": {
    "countries": {"type": "array", "items": {"$ref": "#/$defs/iso3"}},
    "evidence": {
      "type": "object",
      "properties": {"quote": {"type": "string", "x-normalize": ["nfc", "quotes", "dash"]}}
    }
  },
  "$defs": {"iso3": {"type": "string", "x-normalize": ["trim", "country"]}}
}`

const officialSchema = `{
  "$id": "https://example.com/schemas/official.schema.json",
  "type": "object",
  "allOf": [{"$ref": "fact.schema.json"}],
  "properties": {
    "name": {"type": "string", "x-normalize": ["trim", "person"]},
    "role": {"$ref": "#/$defs/role"},
    "value": {"type": ["number", "null"], "x-unit": "fraction", "x-normalize": ["percent"]},
    "dates": {"type": "array", "x-normalize": ["date"], "items": {"type": "string"}},
    "tags": {"type": "array", "items": {"$ref": "#tag"}},
    "pair": {"type": "array", "prefixItems": [{"x-normalize": "country"}]},
    "a/b": {"type": "string", "x-normalize": ["upper"]}
  },
  "$defs": {
    "role": {"type": "string", "x-normalize": ["whitespace", "role"]},
    "tag": {"$anchor": "tag", "type": "string", "x-normalize": ["lower"]}
  }
}`

func resolver(t testing.TB, docs map[string]string) func(string) (map[string]any, bool) {
	return func(ref string) (map[string]any, bool) {
		text, ok := docs[ref]
		if !ok {
			return nil, false
		}
		return decode(t, text), true
	}
}

func TestPlanFromSchema(t *testing.T) {
	plan, err := PlanFromSchema(decode(t, officialSchema), resolver(t, map[string]string{"fact.schema.json": factSchema}))
	if err != nil {
		t.Fatal(err)
	}
	str := Context{Type: "string"}
	want := Plan{
		{Pointer: "/a~1b", Names: []string{"upper"}, Ctx: str},
		{Pointer: "/countries/*", Names: []string{"trim", "country"}, Ctx: str},
		{Pointer: "/dates/*", Names: []string{"date"}, Ctx: str},
		{Pointer: "/evidence/quote", Names: []string{"nfc", "quotes", "dash"}, Ctx: str},
		{Pointer: "/name", Names: []string{"trim", "person"}, Ctx: str},
		{Pointer: "/pair/0", Names: []string{"country"}},
		{Pointer: "/role", Names: []string{"whitespace", "role"}, Ctx: str},
		{Pointer: "/tags/*", Names: []string{"lower"}, Ctx: str},
		{Pointer: "/value", Names: []string{"percent"}, Ctx: Context{Type: "number", Fraction: true, Unit: "fraction"}},
	}
	if !reflect.DeepEqual(plan, want) {
		t.Errorf("plan:\n got %+v\nwant %+v", plan, want)
	}
}

func TestPlanFromSchemaErrors(t *testing.T) {
	for name, c := range map[string]struct {
		schema string
		docs   map[string]string
		is     error
		says   []string
	}{
		"unknown normalizer": {
			schema: `{"properties": {"countries": {"type": "array", "items": {"x-normalize": ["trim", "contry"]}}}}`,
			is:     ErrUnknownNormalizer, says: []string{`"contry"`, "/countries/*"},
		},
		"unknown normalizer in a referenced document": {
			schema: `{"allOf": [{"$ref": "other.json#/$defs/x"}]}`,
			docs:   map[string]string{"other.json": `{"$defs": {"x": {"properties": {"d": {"x-normalize": ["dat"]}}}}}`},
			is:     ErrUnknownNormalizer, says: []string{`"dat"`, "/d"},
		},
		"unresolved document": {
			schema: `{"properties": {"a": {"$ref": "missing.json"}}}`,
			is:     ErrUnresolvedRef, says: []string{"missing.json", "/a"},
		},
		"unresolved pointer": {
			schema: `{"properties": {"a": {"$ref": "#/$defs/none"}}}`,
			is:     ErrUnresolvedRef, says: []string{"#/$defs/none"},
		},
		"conflict": {
			schema: `{"properties": {"a": {"x-normalize": ["trim"], "allOf": [{"x-normalize": ["upper"]}]}}}`,
			is:     ErrConflictingNormalizers, says: []string{"/a", "trim", "upper"},
		},
		"malformed": {
			schema: `{"properties": {"a": {"x-normalize": 5}}}`,
			is:     ErrBadKeyword, says: []string{"/a"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			var res func(string) (map[string]any, bool)
			if c.docs != nil {
				res = resolver(t, c.docs)
			}
			_, err := PlanFromSchema(decode(t, c.schema), res)
			if !errors.Is(err, c.is) {
				t.Fatalf("error %v, want %v", err, c.is)
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
	// Every problem is reported, not only the first.
	_, err := PlanFromSchema(decode(t, `{"properties": {"a": {"x-normalize": ["x1"]}, "b": {"x-normalize": ["x2"]}}}`), nil)
	if err == nil || !strings.Contains(err.Error(), `"x1"`) || !strings.Contains(err.Error(), `"x2"`) {
		t.Errorf("error %v does not name both unknown normalizers", err)
	}
}

func TestPlanFromSchemaRecursive(t *testing.T) {
	schema := `{"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "properties": {
		"name": {"type": "string", "x-normalize": ["trim"]},
		"child": {"$ref": "#/$defs/node"}}}}}`
	plan, err := PlanFromSchema(decode(t, schema), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].Pointer != "/name" {
		t.Errorf("plan %+v, want only /name", plan)
	}
}

func TestApply(t *testing.T) {
	plan := Plan{
		{Pointer: "/countries/*", Names: []string{"trim", "country"}},
		{Pointer: "/date", Names: []string{"date"}},
		{Pointer: "/evidence/quote", Names: []string{"quotes", "dash"}},
		{Pointer: "/missing", Names: []string{"trim"}},
		{Pointer: "/name", Names: []string{"trim", "person"}},
		{Pointer: "/role", Names: []string{"role"}},
		{Pointer: "/value", Names: []string{"percent"}, Ctx: Context{Type: "number", Fraction: true, Unit: "fraction"}},
	}
	rec := decode(t, `{
		"kind": "official",
		"countries": [" U.S.", "Malian", "Wakanda"],
		"date": "24 September",
		"evidence": {"quote": "Defense Attaché—LTC Eric Dalton -- “quoted”"},
		"name": " LTC Eric Dalton",
		"role": "Defense Attache",
		"value": "79%"
	}`)
	changes, failures := plan.Apply(rec)

	want := decode(t, `{
		"kind": "official",
		"countries": ["USA", "MLI", "Wakanda"],
		"date_text": "24 September",
		"evidence": {"quote": "Defense Attaché—LTC Eric Dalton—\"quoted\""},
		"name": "Eric Dalton",
		"rank": "LTC",
		"role": "Defense Attaché",
		"value": 0.79
	}`)
	if !reflect.DeepEqual(rec, want) {
		g, _ := json.Marshal(rec)
		w, _ := json.Marshal(want)
		t.Errorf("record:\n got %s\nwant %s", g, w)
	}
	wantChanges := []Change{
		{Pointer: "/countries/0", Field: "countries", Before: " U.S.", After: "U.S.", Normalizer: "trim"},
		{Pointer: "/countries/0", Field: "countries", Before: "U.S.", After: "USA", Normalizer: "country"},
		{Pointer: "/countries/1", Field: "countries", Before: "Malian", After: "MLI", Normalizer: "country"},
		{Pointer: "/date", Field: "date", Before: "24 September", Normalizer: "date", Deleted: true},
		{Pointer: "/date_text", Field: "date_text", After: "24 September", Normalizer: "date"},
		{Pointer: "/evidence/quote", Field: "quote", Before: "Defense Attaché—LTC Eric Dalton -- “quoted”", After: "Defense Attaché—LTC Eric Dalton -- \"quoted\"", Normalizer: "quotes"},
		{Pointer: "/evidence/quote", Field: "quote", Before: "Defense Attaché—LTC Eric Dalton -- \"quoted\"", After: "Defense Attaché—LTC Eric Dalton—\"quoted\"", Normalizer: "dash"},
		{Pointer: "/name", Field: "name", Before: " LTC Eric Dalton", After: "LTC Eric Dalton", Normalizer: "trim"},
		{Pointer: "/name", Field: "name", Before: "LTC Eric Dalton", After: "Eric Dalton", Normalizer: "person"},
		{Pointer: "/rank", Field: "rank", After: "LTC", Normalizer: "person"},
		{Pointer: "/role", Field: "role", Before: "Defense Attache", After: "Defense Attaché", Normalizer: "role"},
		{Pointer: "/value", Field: "value", Before: "79%", After: "0.79", Normalizer: "percent"},
	}
	if !reflect.DeepEqual(changes, wantChanges) {
		t.Errorf("changes:\n got %+v\nwant %+v", changes, wantChanges)
	}
	if len(failures) != 1 || failures[0].Pointer != "/countries/2" || failures[0].Normalizer != "country" ||
		failures[0].Err.Code != CodeCountryUnknown || !strings.Contains(failures[0].Err.Message, "Wakanda") {
		t.Errorf("failures %+v, want one country-unknown at /countries/2", failures)
	}

	// Normalizing again changes nothing.
	changes, failures = plan.Apply(rec)
	if len(changes) != 0 || len(failures) != 1 {
		t.Errorf("second Apply: changes %+v, failures %+v", changes, failures)
	}
}

func TestApplyFailureKeepsOriginal(t *testing.T) {
	plan := Plan{{Pointer: "/country", Names: []string{"trim", "upper", "country"}}}
	rec := map[string]any{"country": " Wakanda "}
	changes, failures := plan.Apply(rec)
	if rec["country"] != " Wakanda " {
		t.Errorf("failed field changed to %q", rec["country"])
	}
	if len(changes) != 0 {
		t.Errorf("changes from a failed chain were kept: %+v", changes)
	}
	if len(failures) != 1 || failures[0].Err.Code != CodeCountryUnknown || failures[0].Pointer != "/country" {
		t.Errorf("failures %+v", failures)
	}
}

func TestApplySiblings(t *testing.T) {
	person := Plan{{Pointer: "/name", Names: []string{"person"}}}
	t.Run("rank conflict", func(t *testing.T) {
		rec := map[string]any{"name": "LTC Eric Dalton", "rank": "MAJ"}
		changes, failures := person.Apply(rec)
		if len(failures) != 1 || failures[0].Err.Code != CodeRankConflict {
			t.Fatalf("failures %+v, want rank-conflict", failures)
		}
		if !strings.Contains(failures[0].Err.Message, "MAJ") || !strings.Contains(failures[0].Err.Message, "LTC") {
			t.Errorf("message %q does not name both ranks", failures[0].Err.Message)
		}
		if len(changes) != 0 || rec["name"] != "LTC Eric Dalton" || rec["rank"] != "MAJ" {
			t.Errorf("record changed: %v, changes %+v", rec, changes)
		}
	})
	t.Run("same rank spelled otherwise", func(t *testing.T) {
		rec := map[string]any{"name": "LTC Eric Dalton", "rank": "Lt. Col."}
		changes, failures := person.Apply(rec)
		if len(failures) != 0 {
			t.Fatalf("failures %+v", failures)
		}
		if rec["name"] != "Eric Dalton" || rec["rank"] != "Lt. Col." || len(changes) != 1 {
			t.Errorf("record %v, changes %+v", rec, changes)
		}
	})
	t.Run("same rank", func(t *testing.T) {
		rec := map[string]any{"name": "LTC Eric Dalton", "rank": "LTC"}
		if _, failures := person.Apply(rec); len(failures) != 0 || rec["name"] != "Eric Dalton" {
			t.Fatalf("failures %+v, record %v", failures, rec)
		}
	})
	t.Run("null rank is replaced", func(t *testing.T) {
		rec := map[string]any{"name": "LTC Eric Dalton", "rank": nil}
		changes, failures := person.Apply(rec)
		if len(failures) != 0 || rec["rank"] != "LTC" || len(changes) != 2 || changes[1].Before != "null" {
			t.Fatalf("failures %+v, changes %+v, record %v", failures, changes, rec)
		}
	})
	t.Run("place country", func(t *testing.T) {
		plan := Plan{{Pointer: "/city", Names: []string{"place"}}}
		rec := map[string]any{"city": "Bamako, Mali"}
		plan.Apply(rec)
		if rec["city"] != "Bamako" || rec["country"] != "MLI" {
			t.Errorf("record %v", rec)
		}
		rec = map[string]any{"city": "Bamako, Mali", "country": "Mali"}
		if _, f := plan.Apply(rec); len(f) != 0 || rec["country"] != "Mali" || rec["city"] != "Bamako" {
			t.Errorf("equal country: failures %+v, record %v", f, rec)
		}
		rec = map[string]any{"city": "Bamako, Mali", "country": "NER"}
		if _, f := plan.Apply(rec); len(f) != 1 || f[0].Err.Code != "normalize.country-conflict" || rec["city"] != "Bamako, Mali" {
			t.Errorf("different country: failures %+v, record %v", f, rec)
		}
	})
	t.Run("date_text conflict", func(t *testing.T) {
		plan := Plan{{Pointer: "/date", Names: []string{"date"}}}
		rec := map[string]any{"date": "24 September", "date_text": "late September"}
		_, f := plan.Apply(rec)
		if len(f) != 1 || f[0].Err.Code != "normalize.date-text-conflict" || rec["date"] != "24 September" {
			t.Errorf("failures %+v, record %v", f, rec)
		}
	})
	t.Run("nested objects", func(t *testing.T) {
		plan := Plan{{Pointer: "/officials/*/name", Names: []string{"person"}}}
		rec := decode(t, `{"officials": [{"name": "Ambassador Gillian Milovanovic"}, {"name": "Peter Barlerin"}, "x"]}`)
		changes, f := plan.Apply(rec)
		o := rec["officials"].([]any)
		first := o[0].(map[string]any)
		if len(f) != 0 || first["name"] != "Gillian Milovanovic" || first["rank"] != "Ambassador" || len(changes) != 2 {
			t.Errorf("record %v, changes %+v, failures %+v", rec, changes, f)
		}
		if changes[1].Pointer != "/officials/0/rank" {
			t.Errorf("sibling pointer %q", changes[1].Pointer)
		}
	})
}

func TestApplyArrayElements(t *testing.T) {
	plan := Plan{{Pointer: "/dates/*", Names: []string{"date"}}, {Pointer: "/names/*", Names: []string{"person"}}}
	rec := decode(t, `{"dates": ["March 2012", "24 September"], "names": ["LTC Eric Dalton"]}`)
	changes, failures := plan.Apply(rec)
	if len(changes) != 1 || changes[0].Pointer != "/dates/0" {
		t.Errorf("changes %+v", changes)
	}
	if len(failures) != 2 || failures[0].Err.Code != CodeArrayElement || failures[1].Err.Code != CodeArrayElement {
		t.Fatalf("failures %+v", failures)
	}
	if got := rec["dates"].([]any); got[0] != "2012-03" || got[1] != "24 September" {
		t.Errorf("dates %v", got)
	}
}

func TestApplyUnknownNormalizer(t *testing.T) {
	rec := map[string]any{"a": "x"}
	_, failures := Plan{{Pointer: "/a", Names: []string{"nope"}}}.Apply(rec)
	if len(failures) != 1 || failures[0].Err.Code != CodeUnknownNormalizer || rec["a"] != "x" {
		t.Errorf("failures %+v", failures)
	}
}

func TestApplyConcurrent(t *testing.T) {
	plan, err := PlanFromSchema(decode(t, officialSchema), resolver(t, map[string]string{"fact.schema.json": factSchema}))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				rec := decode(t, fmt.Sprintf(`{"countries": ["U.S.", "Malians"], "name": "Col. Jane Roe %d", "value": "%d%%"}`, i, j))
				if _, f := plan.Apply(rec); len(f) != 0 {
					t.Errorf("failures %+v", f)
					return
				}
				if rec["rank"] != "COL" {
					t.Errorf("rank %v", rec["rank"])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// A property's own x-normalize beside a $ref overrides the definition's.
func TestPlanOwnListOverridesRef(t *testing.T) {
	doc := map[string]any{
		"$defs": map[string]any{"text": map[string]any{"type": "string", "x-normalize": []any{"trim"}}},
		"properties": map[string]any{
			"name": map[string]any{"$ref": "#/$defs/text", "x-normalize": []any{"trim", "person"}},
			"role": map[string]any{"$ref": "#/$defs/text"},
		},
	}
	plan, err := PlanFromSchema(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, st := range plan {
		got[st.Pointer] = st.Names
	}
	if !slices.Equal(got["/name"], []string{"trim", "person"}) || !slices.Equal(got["/role"], []string{"trim"}) {
		t.Errorf("plan = %v", got)
	}
}
