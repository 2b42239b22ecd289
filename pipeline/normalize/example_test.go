package normalize_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"dossier/pipeline/normalize"
)

func ExampleLookup() {
	n, _ := normalize.Lookup("country")
	for _, v := range []string{"U.S.", "Malians", "Côte d’Ivoire", "Congo"} {
		r, err := n.Fn(v, normalize.Context{})
		if err != nil {
			fmt.Println(err.(*normalize.Error).Code)
			continue
		}
		fmt.Println(r.Value)
	}
	// Output:
	// USA
	// MLI
	// CIV
	// normalize.country-ambiguous
}

func ExampleFoldKey() {
	fmt.Println(normalize.FoldKey("Touré") == normalize.FoldKey("TOURE"))
	fmt.Println(normalize.FoldKey(" Côte d'Ivoire "))
	// Output:
	// true
	// cote divoire
}

func ExamplePlan_Apply() {
	var schema map[string]any
	_ = json.Unmarshal([]byte(`{
	  "type": "object",
	  "properties": {
	    "countries": {"type": "array", "items": {"type": "string", "x-normalize": ["trim", "country"]}},
	    "name": {"type": "string", "x-normalize": ["whitespace", "person"]},
	    "date": {"type": "string", "x-normalize": ["date"]}
	  }
	}`), &schema)
	plan, err := normalize.PlanFromSchema(schema, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := json.NewDecoder(strings.NewReader(`{"countries": ["U.S.", "Malian"], "name": "LTC Eric Dalton", "date": "Sept. 2012"}`))
	d.UseNumber()
	var rec map[string]any
	_ = d.Decode(&rec)

	changes, failures := plan.Apply(rec)
	for _, c := range changes {
		fmt.Printf("%s: %q -> %q (%s)\n", c.Pointer, c.Before, c.After, c.Normalizer)
	}
	fmt.Println(len(failures), "failures")
	out, _ := json.Marshal(rec)
	fmt.Println(string(out))
	// Output:
	// /countries/0: "U.S." -> "USA" (country)
	// /countries/1: "Malian" -> "MLI" (country)
	// /date: "Sept. 2012" -> "2012-09" (date)
	// /name: "LTC Eric Dalton" -> "Eric Dalton" (person)
	// /rank: "" -> "LTC" (person)
	// 0 failures
	// {"countries":["USA","MLI"],"date":"2012-09","name":"Eric Dalton","rank":"LTC"}
}
