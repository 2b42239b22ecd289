package fast

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// fuzzSchemas cover every keyword the fast path implements.
var fuzzSchemas = []string{
	// objects
	`{"type":"object","required":["a"],"minProperties":1,"maxProperties":6,
	  "properties":{"a":{"type":["integer","string"],"minimum":-5,"maximum":1e3,"minLength":1,"maxLength":4},
	                "b":{"enum":[1,"1",null,true,[1,2],{"x":1.5}]},
	                "c":{"const":{"k":[0,"v"]}},
	                "d":{"type":"object","additionalProperties":false,"properties":{"e":{"type":"number"}},"patternProperties":{"^f":{"type":"boolean"}}}},
	  "patternProperties":{"^x-":{"type":"string","pattern":"^[a-z]*$"},"[0-9]":{"type":"number","exclusiveMinimum":0}},
	  "additionalProperties":{"type":["array","null","object"]},
	  "propertyNames":{"maxLength":5,"not":{"const":"zz"}},
	  "dependentRequired":{"b":["c"]}}`,
	// arrays
	`{"type":"array","minItems":1,"maxItems":8,"uniqueItems":true,
	  "prefixItems":[{"type":"string","format":"date"},{"enum":[0,1.5,"a"]}],
	  "items":{"type":["number","array","object","boolean"],"multipleOf":0.25},
	  "contains":{"type":"integer","minimum":2},"minContains":1,"maxContains":3}`,
	// numbers and strings through the applicators
	`{"anyOf":[
	   {"type":"integer","multipleOf":3,"exclusiveMaximum":1e15},
	   {"type":"number","minimum":0.001,"maximum":0.999,"multipleOf":0.001},
	   {"type":"string","minLength":2,"maxLength":6,"pattern":"^[\\p{L}]+$"},
	   {"type":"string","format":"date-time"},
	   {"type":"string","format":"email"},
	   {"type":"array","items":{"$ref":"#"},"maxItems":3}]}`,
	// oneOf, not, if/then/else, recursion through $defs
	`{"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["v"]},
	          "small":{"maximum":10}},
	  "oneOf":[{"$ref":"#/$defs/node"},{"type":"array","contains":{"$ref":"#/$defs/small"}},{"not":{"type":["object","array"]}}],
	  "if":{"type":"number"},"then":{"$ref":"#/$defs/small"},"else":{"not":{"const":"no"}}}`,
}

type fuzzSet struct {
	pairs []pair
}

func newFuzzSet(t testing.TB) fuzzSet {
	var fs fuzzSet
	for _, s := range fuzzSchemas {
		fs.pairs = append(fs.pairs, mustPair(t, newDocs(t, "root.json", s), "root.json"))
	}
	// and the peers' poll schema, when the folder is there
	for _, p := range []string{"../../../../shared/peers/poll.schema.json", "/work/shared/peers/poll.schema.json"} {
		if d, ok := tryReadDocs(p); ok {
			fs.pairs = append(fs.pairs, mustPair(t, d, "poll.schema.json"))
			break
		}
	}
	return fs
}

func tryReadDocs(p string) (docSet, bool) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	m, ok := v.(map[string]any)
	if err != nil || !ok {
		return nil, false
	}
	return docSet{"poll.schema.json": m}, true
}

var fuzzSeeds = []string{
	`{"a":1}`, `{"a":"ab","b":"1","c":{"k":[0,"v"]}}`, `{"a":1001}`, `{"a":-5.0,"x-y":"abc","9":1e-9}`,
	`{"a":"abcde"}`, `{"a":1,"d":{"e":1,"f1":true,"g":1}}`, `{"a":1,"zz":null}`, `{"a":1,"b":[1,2.0]}`,
	`["2024-02-29",1.5,2,2.25]`, `["2024-02-30",0]`, `["x","a",2,2]`, `[1,1]`, `[]`, `["2024-01-01","a",2,3,4,5]`,
	`3`, `1e15`, `999999999999999`, `0.5`, `0.0015`, `"ab"`, `"日本"`, `"2024-01-01T00:00:00Z"`, `"a@b.c"`, `[[3],[6,[9]]]`,
	`{"v":1,"kids":[{"v":2},{"v":3,"kids":[]}]}`, `[11,12]`, `[1]`, `"no"`, `null`, `true`, `10`, `10.5`, `1e400`, `-0`,
	`{"id":"p","kind":"poll","country_a":"SWE","country_b":"IDN","year":1993,"source":"s","population":"p","measure":"approve","value_percent":16.2,"as_of":"1993-11-12","evidence":{"source":"s","quote":"twenty characters or more"}}`,
}

// FuzzDifferential feeds JSON instances to the library and to the fast
// path: their verdicts must agree. An instance the library panics on (it
// does for a number it cannot parse) is skipped; the fast path must then
// still not call it valid.
func FuzzDifferential(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	fs := newFuzzSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil || hugeNumbers(v) > 0 {
			return
		}
		for i, p := range fs.pairs {
			lib, panicked := libValid(p.lib, v)
			got := p.fast.Valid(v)
			if panicked {
				if got {
					t.Errorf("schema %d: fast says valid where the library panics: %s", i, data)
				}
				continue
			}
			if got != lib {
				t.Errorf("schema %d: fast %v, library %v: %s", i, got, lib, data)
			}
		}
	})
}

// hugeNumbers counts the numbers in v with a decimal exponent beyond
// ±100000 or more than 2000 characters: the library takes up to a tenth of
// a second on each (it builds the exact big.Rat), which stalls the fuzzer's
// minimizing. TestParseNum covers such numbers instead.
func hugeNumbers(v any) int {
	switch t := v.(type) {
	case map[string]any:
		n := 0
		for _, e := range t {
			n += hugeNumbers(e)
		}
		return n
	case []any:
		n := 0
		for _, e := range t {
			n += hugeNumbers(e)
		}
		return n
	case json.Number:
		s := string(t)
		if len(s) > 2000 {
			return 1
		}
		if i := strings.IndexAny(s, "eE"); i >= 0 {
			e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
			if err != nil || e > 100000 || e < -100000 {
				return 1
			}
		}
	}
	return 0
}
