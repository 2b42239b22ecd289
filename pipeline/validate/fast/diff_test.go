package fast

import (
	"encoding/json"
	"fmt"
	"testing"
)

// A case is one schema with instances the library accepts and instances it
// rejects. Each instance is checked three ways: the library's verdict is
// the one written here, and the fast path's verdict is the library's.
type diffCase struct {
	name    string
	schema  string
	extra   []string // more documents: name, JSON, ...
	valid   []string
	invalid []string
}

var diffCases = []diffCase{
	{name: "type integer", schema: `{"type":"integer"}`,
		valid:   []string{`1`, `1.0`, `-0`, `1e2`, `1.5e1`, `0.1e1`, `100000000000000000000000000000`, `-12345678901234567890123`, `1.0000000000000000000000000e3`, `0e-5`},
		invalid: []string{`1.5`, `"1"`, `1e-2`, `null`, `true`, `[]`, `{}`, `1.00000000000000000000001`, `12345678901234567890.5`}},
	{name: "type number", schema: `{"type":"number"}`,
		valid:   []string{`1.5`, `-1e-400`, `0`, `1e308`, `12345678901234567890123456789`},
		invalid: []string{`"x"`, `true`, `null`, `[1]`}},
	{name: "type list", schema: `{"type":["string","null"]}`,
		valid:   []string{`"a"`, `null`, `""`},
		invalid: []string{`1`, `{}`, `false`}},
	{name: "type integer or string", schema: `{"type":["integer","string"]}`,
		valid:   []string{`2.0`, `"x"`, `-7`},
		invalid: []string{`2.5`, `[]`, `null`}},
	{name: "type boolean object array", schema: `{"type":["boolean","object","array"]}`,
		valid:   []string{`true`, `false`, `{}`, `[]`},
		invalid: []string{`0`, `""`, `null`}},
	{name: "enum mixed", schema: `{"enum":["a",1,2.5,null,true,{"k":[1,2]},[1,"x"]]}`,
		valid:   []string{`"a"`, `1`, `1.0`, `10e-1`, `2.50`, `0.25e1`, `null`, `true`, `{"k":[1.0,2]}`, `[1,"x"]`, `[1.00,"x"]`},
		invalid: []string{`"b"`, `2`, `false`, `{"k":[1]}`, `[1]`, `{"k":[1,2],"z":1}`, `"1"`, `["x",1]`, `{}`, `2.51`}},
	{name: "enum strings", schema: `{"enum":["favorable","approve","confidence"]}`,
		valid:   []string{`"approve"`, `"confidence"`},
		invalid: []string{`"Approve"`, `"approve "`, `1`, `null`}},
	{name: "const number", schema: `{"const":100}`,
		valid:   []string{`100`, `1e2`, `100.000`, `10000e-2`},
		invalid: []string{`100.0001`, `"100"`, `-100`, `99.99999999999999999999999999`}},
	{name: "const object", schema: `{"const":{"a":null,"b":[1,{"c":"d"}]}}`,
		valid:   []string{`{"a":null,"b":[1,{"c":"d"}]}`, `{"b":[1.0,{"c":"d"}],"a":null}`},
		invalid: []string{`{"a":false,"b":[1,{"c":"d"}]}`, `{}`, `{"a":null,"b":[1,{"c":"e"}]}`, `{"a":null,"b":[1,{"c":"d"}],"x":1}`}},
	{name: "const null", schema: `{"const":null}`,
		valid:   []string{`null`},
		invalid: []string{`0`, `false`, `""`, `{}`}},
	{name: "const big", schema: `{"const":123456789012345678901234567890}`,
		valid:   []string{`123456789012345678901234567890`, `1.2345678901234567890123456789e29`},
		invalid: []string{`123456789012345678901234567891`, `1.2345678901234567e29`}},
	{name: "required and properties", schema: `{"required":["a","b"],"properties":{"a":{"type":"string"}}}`,
		valid:   []string{`{"a":"x","b":1}`, `"str"`, `[]`, `{"a":"","b":null,"c":3}`},
		invalid: []string{`{"a":"x"}`, `{"a":1,"b":1}`, `{}`}},
	{name: "additionalProperties false with patternProperties", schema: `{"properties":{"a":{}},"patternProperties":{"^x-":{"type":"integer"}},"additionalProperties":false}`,
		valid:   []string{`{"a":1,"x-1":2}`, `{}`, `{"x-":3.0}`, `7`},
		invalid: []string{`{"b":1}`, `{"x-1":"s"}`, `{"ax-":1}`, `{"a":1,"X-1":2}`}},
	{name: "patternProperties unanchored", schema: `{"patternProperties":{"b":{"type":"string"},"c$":{"minLength":2}}}`,
		valid:   []string{`{"abc":"ss","x":1}`, `{"zz":[]}`, `{"bc":"xy"}`},
		invalid: []string{`{"abc":1}`, `{"bc":"x"}`, `{"xbx":null}`}},
	{name: "additionalProperties schema", schema: `{"properties":{"a":{}},"additionalProperties":{"type":"number"}}`,
		valid:   []string{`{"a":"s","b":1}`, `{"a":[]}`, `{}`},
		invalid: []string{`{"b":"s"}`, `{"a":1,"c":null}`}},
	{name: "additionalProperties true", schema: `{"properties":{"a":{"type":"string"}},"additionalProperties":true}`,
		valid:   []string{`{"b":1}`, `{"a":"x","b":1}`},
		invalid: []string{`{"a":1}`}},
	{name: "propertyNames", schema: `{"propertyNames":{"pattern":"^[a-z]+$","maxLength":3}}`,
		valid:   []string{`{"abc":1}`, `{}`, `{"a":1,"bb":2}`, `"not an object"`},
		invalid: []string{`{"abcd":1}`, `{"A":1}`, `{"":1}`}},
	{name: "propertyNames enum and const", schema: `{"propertyNames":{"enum":["a","b"],"not":{"const":"b"}}}`,
		valid:   []string{`{"a":1}`, `{}`},
		invalid: []string{`{"c":1}`, `{"b":1}`}},
	{name: "propertyNames format", schema: `{"propertyNames":{"format":"date"}}`,
		valid:   []string{`{"2024-01-31":1}`, `{}`},
		invalid: []string{`{"2024-02-30":1}`, `{"x":1}`}},
	{name: "propertyNames false", schema: `{"propertyNames":false}`,
		valid:   []string{`{}`, `[1]`},
		invalid: []string{`{"a":1}`}},
	{name: "min and max properties", schema: `{"minProperties":1,"maxProperties":2}`,
		valid:   []string{`{"a":1}`, `{"a":1,"b":2}`, `[]`},
		invalid: []string{`{}`, `{"a":1,"b":2,"c":3}`}},
	{name: "dependentRequired", schema: `{"dependentRequired":{"a":["b","c"],"d":[]}}`,
		valid:   []string{`{"b":1}`, `{"a":1,"b":1,"c":1}`, `{"d":1}`, `1`},
		invalid: []string{`{"a":1,"b":1}`, `{"a":1}`}},
	{name: "prefixItems and items false", schema: `{"prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}`,
		valid:   []string{`["a",1]`, `["a"]`, `[]`, `"x"`},
		invalid: []string{`["a",1,2]`, `[1]`, `["a","b"]`}},
	{name: "items schema", schema: `{"items":{"type":"integer"}}`,
		valid:   []string{`[1,2.0]`, `[]`, `{"0":"x"}`},
		invalid: []string{`[1,"a"]`, `[1.5]`}},
	{name: "prefixItems then items", schema: `{"prefixItems":[{"const":"h"}],"items":{"type":"number"}}`,
		valid:   []string{`["h",1,2]`, `["h"]`},
		invalid: []string{`["h","x"]`, `["g",1]`}},
	{name: "min and max items", schema: `{"minItems":2,"maxItems":3}`,
		valid:   []string{`[1,2]`, `[1,2,3]`, `{}`},
		invalid: []string{`[1]`, `[1,2,3,4]`, `[]`}},
	{name: "uniqueItems", schema: `{"uniqueItems":true}`,
		valid:   []string{`[1,2]`, `[[1],[2]]`, `[{"a":1},{"a":2}]`, `[1,"1"]`, `[0,false]`, `[null,false,0,"",[],{}]`, `[]`, `[1]`, `[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]`, `[{"a":1},{"a":1,"b":2}]`},
		invalid: []string{`[1,1.0]`, `[{"a":1,"b":2},{"b":2,"a":1.0}]`, `["x","x"]`, `[[1,2],[1,2.0]]`, `[null,null]`, `[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,1e0]`, `[0.1,1e-1]`}},
	{name: "uniqueItems false", schema: `{"uniqueItems":false}`,
		valid: []string{`[1,1]`}},
	{name: "contains min max", schema: `{"contains":{"type":"integer"},"minContains":2,"maxContains":3}`,
		valid:   []string{`[1,2,"a"]`, `[1,2,3]`, `"x"`},
		invalid: []string{`[1]`, `[1,2,3,4]`, `["a"]`, `[]`}},
	{name: "contains", schema: `{"contains":{"const":5}}`,
		valid:   []string{`[5]`, `[1,5.0,7]`},
		invalid: []string{`[]`, `[4]`}},
	{name: "minContains zero", schema: `{"contains":{"type":"string"},"minContains":0,"maxContains":1}`,
		valid:   []string{`[]`, `[1]`, `["a",1]`},
		invalid: []string{`["a","b"]`}},
	{name: "min and max length in code points", schema: `{"minLength":2,"maxLength":3}`,
		valid:   []string{`"éé"`, `"日本語"`, `"😀😀"`, `"ab"`, `"\u00e9\u00e9\u00e9"`, `5`},
		invalid: []string{`"日本語x"`, `"é"`, `"😀"`, `"abcd"`, `""`, `"😀😀😀😀"`}},
	{name: "pattern unanchored", schema: `{"pattern":"b+"}`,
		valid:   []string{`"abbbc"`, `"b"`, `1`, `null`},
		invalid: []string{`"ac"`, `""`}},
	{name: "pattern anchored", schema: `{"type":"string","pattern":"^[A-Z]{3}$"}`,
		valid:   []string{`"SWE"`},
		invalid: []string{`"SWED"`, `"swe"`, `" SWE"`, `"SW"`, `"SWE\n"`}},
	{name: "pattern unicode", schema: `{"pattern":"^\\p{L}+$"}`,
		valid:   []string{`"Côte"`, `"日本"`},
		invalid: []string{`"a b"`, `"a1"`}},
	{name: "minimum maximum", schema: `{"minimum":1.5,"maximum":1e3}`,
		valid:   []string{`1.5`, `1000`, `1e3`, `999.99999999999999999999`, `15e-1`, `"not a number"`, `1000.0000000000000000000000`},
		invalid: []string{`1.4999999999999999999999`, `1000.0000001`, `-5`, `0`, `1000.00000000000000000000001`}},
	{name: "exclusive bounds", schema: `{"exclusiveMinimum":0,"exclusiveMaximum":100}`,
		valid:   []string{`0.0001`, `99.9`, `1e-300`, `99.999999999999999999999999`},
		invalid: []string{`0`, `-0`, `100`, `1e2`, `-1e-300`, `100.0`}},
	{name: "big bounds", schema: `{"maximum":18446744073709551615,"minimum":-1e308}`,
		valid:   []string{`18446744073709551615`, `-1e308`, `1.8446744073709551615e19`},
		invalid: []string{`18446744073709551616`, `-1.0000000000000001e308`, `1e20`}},
	{name: "bound with many digits", schema: `{"minimum":0.1000000000000000000000000001}`,
		valid:   []string{`0.1000000000000000000000000001`, `0.2`},
		invalid: []string{`0.1`, `0.1000000000000000000000000000999`}},
	{name: "multipleOf tenth", schema: `{"multipleOf":0.1}`,
		valid:   []string{`0.3`, `1`, `1e10`, `0`, `-0.7`, `123456789012345678901234.5`},
		invalid: []string{`0.35`, `1e-5`, `0.30000000000000004`}},
	{name: "multipleOf three", schema: `{"multipleOf":3}`,
		valid:   []string{`9`, `9.0`, `3e50`, `-3`, `0.9e1`, `300000000000000000000000000000000000000000000000000000000000`},
		invalid: []string{`10`, `1e50`, `1.5`, `4e300`}},
	{name: "multipleOf small", schema: `{"multipleOf":1e-10}`,
		valid:   []string{`0.12345`, `1`, `3e-10`},
		invalid: []string{`1.00000000001e-10`, `1e-11`}},
	{name: "multipleOf large exponent", schema: `{"multipleOf":7}`,
		valid:   []string{`7e100000`, `1.4e1`},
		invalid: []string{`1e100000`, `7e-1`}},
	{name: "integer with bounds", schema: `{"type":"integer","minimum":1990,"maximum":2025}`,
		valid:   []string{`1990`, `2025.0`, `2.000e3`},
		invalid: []string{`1989`, `2026`, `2000.5`, `"2000"`}},
	{name: "format date", schema: `{"format":"date"}`,
		valid:   []string{`"2024-02-29"`, `5`, `null`},
		invalid: []string{`"2023-02-29"`, `"2024-1-01"`, `"2024-01-01T00:00:00Z"`, `""`}},
	{name: "format date-time", schema: `{"format":"date-time"}`,
		valid:   []string{`"2024-01-01T10:00:00Z"`, `"2024-01-01T10:00:00.5+02:00"`},
		invalid: []string{`"2024-01-01"`, `"2024-01-01T25:00:00Z"`}},
	{name: "format email ipv4 uuid", schema: `{"anyOf":[{"type":"object"},{"type":"string","format":"email"},{"type":"string","format":"ipv4"},{"type":"string","format":"uuid"}]}`,
		valid:   []string{`"a@b.c"`, `"10.0.0.1"`, `"123e4567-e89b-12d3-a456-426614174000"`, `{}`},
		invalid: []string{`"nope"`, `"256.0.0.1"`, `1`}},
	{name: "format regex", schema: `{"format":"regex"}`,
		valid:   []string{`"^a+$"`, `1`},
		invalid: []string{`"a("`}},
	{name: "format unknown", schema: `{"format":"no-such-format"}`,
		valid: []string{`"anything"`, `1`}},
	{name: "format uri", schema: `{"format":"uri"}`,
		valid:   []string{`"https://example.com/a?b=c"`},
		invalid: []string{`"not a uri"`, `"/relative"`}},
	{name: "oneOf counts", schema: `{"oneOf":[{"type":"integer"},{"minimum":2}]}`,
		valid:   []string{`1`, `2.5`, `"x"`},
		invalid: []string{`3`, `2`}},
	{name: "anyOf", schema: `{"anyOf":[{"type":"string"},{"type":"number","minimum":10}]}`,
		valid:   []string{`"a"`, `10`, `1e3`},
		invalid: []string{`9`, `null`, `[]`}},
	{name: "allOf", schema: `{"allOf":[{"minimum":1},{"maximum":2},{"type":"number"}]}`,
		valid:   []string{`1.5`, `1`, `2`},
		invalid: []string{`3`, `0.5`, `"x"`}},
	{name: "not", schema: `{"not":{"type":"string"}}`,
		valid:   []string{`1`, `null`, `{}`},
		invalid: []string{`"a"`, `""`}},
	{name: "not not", schema: `{"not":{"not":{"minimum":3}}}`,
		valid:   []string{`3`, `"x"`},
		invalid: []string{`2`}},
	{name: "if then else", schema: `{"if":{"properties":{"kind":{"const":"a"}},"required":["kind"]},"then":{"required":["x"]},"else":{"required":["y"]}}`,
		valid:   []string{`{"kind":"a","x":1}`, `{"y":1}`, `{"kind":"b","y":2}`, `3`},
		invalid: []string{`{"kind":"a"}`, `{"kind":"b"}`, `{"kind":"a","y":1}`}},
	{name: "if then only", schema: `{"if":{"type":"integer"},"then":{"minimum":0}}`,
		valid:   []string{`1`, `-1.5`, `"x"`},
		invalid: []string{`-1`}},
	{name: "if else only", schema: `{"if":{"type":"integer"},"else":{"type":"string"}}`,
		valid:   []string{`1`, `"x"`},
		invalid: []string{`1.5`, `null`}},
	{name: "then without if", schema: `{"then":{"type":"string"},"else":false}`,
		valid: []string{`1`, `"x"`}},
	{name: "nested local refs", schema: `{"$defs":{"pos":{"type":"integer","minimum":1},"pair":{"type":"array","items":{"$ref":"#/$defs/pos"}}},"$ref":"#/$defs/pair","maxItems":2}`,
		valid:   []string{`[1,2]`, `[]`, `[1.0]`},
		invalid: []string{`[0]`, `[1,2,3]`, `[1.5]`, `{}`}},
	{name: "ref with siblings", schema: `{"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","minLength":2}`,
		valid:   []string{`"ab"`},
		invalid: []string{`"a"`, `1`}},
	{name: "recursive ref", schema: `{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#"}}}}`,
		valid:   []string{`{"v":1,"kids":[{"v":2,"kids":[]},{"kids":[{"v":3}]}]}`, `{}`},
		invalid: []string{`{"kids":[{"v":"x"}]}`, `{"kids":[{"kids":[1]}]}`, `[]`}},
	{name: "escaped pointer ref", schema: `{"$defs":{"a/b":{"type":"string"},"c~d":{"minLength":2},"e%f":{"maxLength":3}},"allOf":[{"$ref":"#/$defs/a~1b"},{"$ref":"#/$defs/c~0d"},{"$ref":"#/$defs/e%25f"}]}`,
		valid:   []string{`"ab"`, `"abc"`},
		invalid: []string{`"a"`, `"abcd"`, `12`}},
	{name: "ref to another document", schema: `{"$id":"https://x.test/root.json","properties":{"c":{"$ref":"defs.json#/$defs/code"},"l":{"$ref":"defs.json#/$defs/list"}}}`,
		extra:   []string{"defs.json", `{"$id":"https://x.test/defs.json","$defs":{"code":{"type":"string","pattern":"^[A-Z]{3}$"},"list":{"type":"array","items":{"$ref":"#/$defs/code"},"uniqueItems":true}}}`},
		valid:   []string{`{"c":"ABC","l":["ABC","DEF"]}`, `{}`},
		invalid: []string{`{"c":"abc"}`, `{"l":["ABC","ABC"]}`, `{"l":["ABCD"]}`}},
	{name: "ref to a whole document", schema: `{"items":{"$ref":"item.json"}}`,
		extra:   []string{"item.json", `{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"integer"}`},
		valid:   []string{`[1,2]`},
		invalid: []string{`[1,"2"]`}},
	{name: "boolean schemas", schema: `{"properties":{"a":false,"b":true},"items":true}`,
		valid:   []string{`{}`, `{"b":[1,{}]}`, `[1,"x"]`},
		invalid: []string{`{"a":1}`, `{"a":null}`}},
	{name: "all of true and false", schema: `{"anyOf":[false,{"allOf":[true]}]}`,
		valid: []string{`1`, `null`}},
	{name: "oneOf with booleans", schema: `{"oneOf":[true,true]}`,
		invalid: []string{`1`, `{}`}},
	{name: "annotations and extensions ignored", schema: `{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://x.test/a.json","title":"t","description":"d","$comment":"c","x-foo":{"minimum":5},"examples":[1],"default":3,"deprecated":true,"readOnly":false,"writeOnly":false,"type":"integer"}`,
		valid:   []string{`1`},
		invalid: []string{`"1"`}},
	{name: "empty schema", schema: `{}`,
		valid: []string{`1`, `null`, `{"a":[1,{"b":"c"}]}`}},
	{name: "poll-like record", schema: `{"type":"object","additionalProperties":false,"required":["id","year","measure","when"],"properties":{"id":{"type":"string","minLength":1},"year":{"type":"integer","minimum":1990,"maximum":2025},"measure":{"enum":["favorable","approve"]},"when":{"type":"string","format":"date"},"pct":{"type":"number","minimum":0,"maximum":100},"ev":{"type":"object","additionalProperties":false,"required":["q"],"properties":{"q":{"type":"string","minLength":3}}}}}`,
		valid:   []string{`{"id":"a","year":2000,"measure":"approve","when":"2000-01-01","pct":55.5,"ev":{"q":"abc"}}`, `{"id":"a","year":2000.0,"measure":"favorable","when":"2000-12-31"}`},
		invalid: []string{`{"id":"a","year":2000,"measure":"approve","when":"2000-13-01"}`, `{"id":"a","year":2000,"measure":"approve","when":"2000-01-01","pct":100.1}`, `{"id":"a","year":2000,"measure":"approve","when":"2000-01-01","ev":{"q":"ab"}}`, `{"id":"a","year":2000,"measure":"approve","when":"2000-01-01","extra":1}`, `{"id":"","year":2000,"measure":"approve","when":"2000-01-01"}`, `{"year":2000,"measure":"approve","when":"2000-01-01"}`}},
}

func TestDifferential(t *testing.T) {
	n := 0
	for _, c := range diffCases {
		t.Run(c.name, func(t *testing.T) {
			d := newDocs(t, append([]string{"root.json", c.schema}, c.extra...)...)
			p := mustPair(t, d, "root.json")
			check := func(inst string, want bool) {
				v := decode(t, inst)
				lib, panicked := libValid(p.lib, v)
				if panicked {
					t.Fatalf("%s: library panicked", inst)
				}
				if lib != want {
					t.Errorf("%s: library says valid=%v, the case says %v", inst, lib, want)
				}
				if got := p.fast.Valid(v); got != lib {
					t.Errorf("%s: fast says valid=%v, library %v", inst, got, lib)
				}
				n++
			}
			for _, s := range c.valid {
				check(s, true)
			}
			for _, s := range c.invalid {
				check(s, false)
			}
		})
	}
	if n < 60 {
		t.Errorf("only %d instances", n)
	}
	t.Logf("%d schemas, %d instances", len(diffCases), n)
}

// Go values that do not come from a JSON decoder: numbers of other Go
// types are taken as the library takes them; anything else is left to
// the library (Valid says false).
func TestGoValues(t *testing.T) {
	d := newDocs(t, "root.json", `{"type":"object","properties":{"n":{"type":"integer","minimum":1,"multipleOf":0.5},"f":{"enum":[0.1,2]},"s":{"minLength":2},"u":{"uniqueItems":true}}}`)
	p := mustPair(t, d, "root.json")
	vals := []any{
		map[string]any{"n": 2},
		map[string]any{"n": 0},
		map[string]any{"n": 2.0},
		map[string]any{"n": 2.5},
		map[string]any{"n": float32(1.5)},
		map[string]any{"n": uint8(3)},
		map[string]any{"n": int64(-3)},
		map[string]any{"f": 0.1},
		map[string]any{"f": float32(0.1)},
		map[string]any{"f": 2},
		map[string]any{"f": json.Number("0.10")},
		map[string]any{"s": "\xff\xfe"},
		map[string]any{"s": "\xff"},
		map[string]any{"s": "é"},
		map[string]any{"u": []any{1, 1.0}},
		map[string]any{"u": []any{1, json.Number("1e0")}},
		map[string]any{"u": []any{1, 2.5}},
	}
	for _, v := range vals {
		lib, _ := libValid(p.lib, v)
		if got := p.fast.Valid(v); got != lib {
			t.Errorf("%#v: fast %v, library %v", v, got, lib)
		}
	}
	// Not JSON: the fast path never says valid.
	for _, v := range []any{struct{}{}, map[string]any{"n": struct{}{}}, map[string]any{"u": []any{struct{}{}, 1}}, []string{"a"}} {
		if p.fast.Valid(v) {
			t.Errorf("%#v: fast says valid", v)
		}
	}
}

// Schemas the fast path does not implement exactly are refused.
func TestCompileRefuses(t *testing.T) {
	refused := []string{
		`{"unevaluatedProperties":false}`,
		`{"unevaluatedItems":false}`,
		`{"$dynamicRef":"#a"}`,
		`{"$dynamicAnchor":"a"}`,
		`{"$anchor":"a"}`,
		`{"dependentSchemas":{"a":{"required":["b"]}}}`,
		`{"dependencies":{"a":["b"]}}`,
		`{"contentEncoding":"base64"}`,
		`{"contentMediaType":"application/json"}`,
		`{"definitions":{}}`,
		`{"items":[{"type":"string"}]}`,
		`{"additionalItems":false}`,
		`{"$schema":"http://json-schema.org/draft-07/schema#"}`,
		`{"properties":{"a":{"$id":"https://x.test/inner.json"}}}`,
		`{"properties":{"a":{"$schema":"https://json-schema.org/draft/2020-12/schema"}}}`,
		`{"$ref":"#"}`,
		`{"$defs":{"a":{"allOf":[{"$ref":"#/$defs/b"}]},"b":{"not":{"$ref":"#/$defs/a"}}},"properties":{"x":{"$ref":"#/$defs/a"}}}`,
		`{"$ref":"#/$defs/missing"}`,
		`{"$ref":"#/$defs/a/properties/b","$defs":{"a":{"$id":"https://x.test/a.json","properties":{"b":{"$ref":"c.json"}}}}}`,
		`{"$defs":{"unused":{"$anchor":"x"}}}`,
		`{"$ref":"other.json"}`,
		`{"pattern":"("}`,
		`{"patternProperties":{"(":{}}}`,
		`{"type":"integr"}`,
		`{"type":[]}`,
		`{"minLength":-1}`,
		`{"minLength":1.5}`,
		`{"multipleOf":0}`,
		`{"required":["a","a"]}`,
		`{"allOf":[]}`,
		`{"minimum":"1"}`,
		`{"maximum":1e1000001}`,
		`{"properties":{"a":1}}`,
		`{"unknownKeyword":1}`,
	}
	for _, s := range refused {
		d := newDocs(t, "root.json", s)
		v, ok := Compile(d["root.json"], d.resolve)
		if ok || v != nil {
			t.Errorf("%s: compiled", s)
		}
	}
	// Recursion that descends into the instance is fine.
	accepted := []string{
		`{"properties":{"a":{"$ref":"#"}}}`,
		`{"$defs":{"t":{"items":{"$ref":"#/$defs/t"}}},"$ref":"#/$defs/t"}`,
		`{"allOf":[{"$ref":"#/$defs/a"},{"$ref":"#/$defs/a"}],"$defs":{"a":{"type":"string"}}}`,
		`{"$defs":{"unused":{"unevaluatedProperties":false}},"type":"string"}`,
		`{"properties":{"$id":{"type":"string"}},"const":{"$id":1}}`,
		`{"then":{"unevaluatedProperties":false}}`,
		`{"minContains":2}`,
	}
	for _, s := range accepted {
		d := newDocs(t, "root.json", s)
		if _, why := compile(d["root.json"], d.resolve); why != "" {
			t.Errorf("%s: refused: %s", s, why)
		}
	}
}

// One Validator serves many goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	var c diffCase
	for _, dc := range diffCases {
		if dc.name == "poll-like record" {
			c = dc
		}
	}
	p := mustPair(t, newDocs(t, "root.json", c.schema), "root.json")
	type inst struct {
		v    any
		want bool
	}
	var insts []inst
	for _, s := range c.valid {
		insts = append(insts, inst{decode(t, s), true})
	}
	for _, s := range c.invalid {
		insts = append(insts, inst{decode(t, s), false})
	}
	errs := make(chan string, 4)
	for g := range 4 {
		go func() {
			for i := range 2000 {
				in := insts[(i+g)%len(insts)]
				if p.fast.Valid(in.v) != in.want {
					errs <- fmt.Sprintf("goroutine %d: %v", g, in.v)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// A $ref into a document of another dialect is refused, even when that
// document's root is never compiled.
func TestCompileRefusesOtherDialect(t *testing.T) {
	d := newDocs(t, "root.json", `{"$ref":"old.json#/definitions/a"}`,
		"old.json", `{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"a":{"type":"string"}}}`)
	if _, why := d.fast("root.json"); why == "" {
		t.Fatal("compiled")
	}
}
