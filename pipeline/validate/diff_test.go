package validate_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

// The differential test of the two validation paths, with x-rules: random
// schema folders plant rules at several depths, in the kind's file and in
// two libraries of definitions, reached through properties, items,
// prefixItems, patternProperties, additionalProperties, $ref (chains of them, across
// files), allOf and recursion. Random records pass and fail them (and
// some fail schema keywords too). Every record must get the same issues
// from the fast path and from the library alone (code, pointer, line:col,
// severity, message), and the rule issues must be the ones a model of the
// schema predicts: each rule evaluated on the object its schema describes.

const (
	genKindFile = "thing.schema.json"
	genLibA     = "liba.schema.json"
	genLibB     = "libb.schema.json"
)

var genFiles = []string{genKindFile, genLibA, genLibB}

// What a generated rule tests.
const (
	ruleTag    = iota // tag, when present, is not "bad"
	ruleNum           // n, when present, is below 90
	ruleStrict        // n is below 90: cannot be evaluated without n
)

type genRule struct {
	id, code, field, msg string
	sev                  issue.Severity
	test                 int
}

func (r genRule) schema() map[string]any {
	src := map[int]string{
		ruleTag:    `!has(self.tag) || self.tag != "bad"`,
		ruleNum:    `!has(self.n) || self.n < 90`,
		ruleStrict: `self.n < 90`,
	}[r.test]
	m := map[string]any{"id": r.id, "rule": src, "message": r.msg, "severity": r.sev.String()}
	if r.code != "rule."+r.id {
		m["code"] = r.code
	}
	if r.field != "" {
		m["field"] = r.field
	}
	return m
}

// holds evaluates the rule on a generated object as CEL would; detail is
// set when CEL cannot evaluate it.
func (r genRule) holds(o genObj) (ok, detail bool) {
	tag, hasTag := o.get("tag")
	n, hasN := o.get("n")
	switch r.test {
	case ruleTag:
		return !hasTag || tag != "bad", false
	case ruleNum:
		return !hasN || n.(int) < 90, false
	default:
		if !hasN {
			return false, true
		}
		return n.(int) < 90, false
	}
}

// genType is an object schema; genRoute is how a property reaches one.
type genType struct {
	rules   []genRule
	props   []genProp
	pattern *genRoute // patternProperties "^x-"
	addl    *genRoute // additionalProperties as a schema
	closed  bool      // additionalProperties false
}

type genProp struct {
	name  string
	array bool
	first *genRoute // prefixItems of an array: its first item
	route genRoute
}

// item is the route of item i of an array property.
func (p genProp) item(i int) genRoute {
	if i == 0 && p.first != nil {
		return *p.first
	}
	return p.route
}

type genRoute struct {
	wrap []genRule // rules of the schemas between the property and its type
	typ  *genType
}

type gen struct {
	r     *rand.Rand
	docs  map[string]map[string]any
	defs  []genDef // every type defined in $defs, for recursion
	root  *genType
	rules int
	names int
}

type genDef struct {
	file, name string
	typ        *genType
}

func newGen(seed uint64) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, 99)), docs: map[string]map[string]any{}}
	for _, f := range genFiles {
		g.docs[f] = map[string]any{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": map[string]any{}}
	}
	return g
}

func (g *gen) newRules(max int) []genRule {
	var out []genRule
	for range g.r.IntN(max + 1) {
		g.rules++
		r := genRule{id: fmt.Sprintf("r%d", g.rules), test: g.r.IntN(3), sev: issue.Severity(g.r.IntN(3))}
		r.code = "rule." + r.id
		if g.r.IntN(4) == 0 {
			r.code = fmt.Sprintf("gen.c%d", g.rules)
		}
		r.field = []string{"", "/tag", "/n"}[g.r.IntN(3)]
		r.msg = fmt.Sprintf("rule %d does not hold", g.rules)
		out = append(out, r)
	}
	return out
}

func rulesJSON(rs []genRule) []any {
	out := make([]any, len(rs))
	for i, r := range rs {
		out[i] = r.schema()
	}
	return out
}

// ref is a $ref written in file from to definition name of file to.
func ref(from, to, name string) string {
	if from == to {
		return "#/$defs/" + name
	}
	return to + "#/$defs/" + name
}

// object builds a type whose schema lives in file, depth levels from the
// bottom.
func (g *gen) object(file string, depth int) (*genType, map[string]any) {
	t := &genType{}
	return t, g.fill(t, file, depth)
}

// fill builds type t and returns its schema.
func (g *gen) fill(t *genType, file string, depth int) map[string]any {
	t.rules = g.newRules(2)
	props := map[string]any{
		"tag": map[string]any{"enum": []any{"ok", "bad", "meh"}},
		"n":   map[string]any{"type": "integer", "minimum": 0, "maximum": 100},
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(t.rules) > 0 {
		s["x-rules"] = rulesJSON(t.rules)
	}
	if depth > 0 {
		for i := range g.r.IntN(3) {
			p := genProp{name: fmt.Sprintf("c%d", i), array: g.r.IntN(3) == 0}
			var sub map[string]any
			p.route, sub = g.route(file, depth-1)
			if p.array {
				sub = map[string]any{"type": "array", "items": sub, "maxItems": 4}
				if g.r.IntN(3) == 0 {
					rt, first := g.route(file, depth-1)
					p.first = &rt
					sub["prefixItems"] = []any{first}
				}
			}
			props[p.name] = sub
			t.props = append(t.props, p)
		}
		if g.r.IntN(4) == 0 {
			rt, sub := g.route(file, depth-1)
			t.pattern = &rt
			s["patternProperties"] = map[string]any{"^x-": sub}
		}
	}
	switch g.r.IntN(4) {
	case 0:
		t.closed = true
		s["additionalProperties"] = false
	case 1:
		if depth > 0 {
			rt, sub := g.route(file, depth-1)
			t.addl = &rt
			s["additionalProperties"] = sub
		}
	}
	return s
}

// define puts a new type in the $defs of a random file.
func (g *gen) define(depth int) genDef {
	file := genFiles[g.r.IntN(len(genFiles))]
	g.names++
	d := genDef{file: file, name: fmt.Sprintf("t%d", g.names), typ: &genType{}}
	// Listed before it is built, so that its own properties may recurse
	// into it.
	g.defs = append(g.defs, d)
	g.docs[file]["$defs"].(map[string]any)[d.name] = g.fill(d.typ, file, depth)
	return d
}

// route builds the schema of a property of an object in file: the type
// inline, or through $ref (to any file, possibly through a wrapper
// definition, possibly beside rules of its own), or through allOf, or back
// to a type defined before (recursion).
func (g *gen) route(file string, depth int) (genRoute, map[string]any) {
	switch g.r.IntN(6) {
	case 0:
		t, s := g.object(file, depth)
		return genRoute{typ: t}, s
	case 1, 2:
		d := g.define(depth)
		rt := genRoute{wrap: g.newRules(1), typ: d.typ}
		s := map[string]any{"$ref": ref(file, d.file, d.name)}
		if len(rt.wrap) > 0 {
			s["x-rules"] = rulesJSON(rt.wrap)
		}
		return rt, s
	case 3:
		d := g.define(depth)
		wfile := genFiles[g.r.IntN(len(genFiles))]
		g.names++
		wname := fmt.Sprintf("w%d", g.names)
		wrules := g.newRules(2)
		w := map[string]any{"$ref": ref(wfile, d.file, d.name)}
		if len(wrules) > 0 {
			w["x-rules"] = rulesJSON(wrules)
		}
		g.docs[wfile]["$defs"].(map[string]any)[wname] = w
		return genRoute{wrap: wrules, typ: d.typ}, map[string]any{"$ref": ref(file, wfile, wname)}
	case 4:
		d := g.define(depth)
		rt := genRoute{wrap: g.newRules(1), typ: d.typ}
		s := map[string]any{"allOf": []any{map[string]any{"$ref": ref(file, d.file, d.name)}}}
		if len(rt.wrap) > 0 {
			s["x-rules"] = rulesJSON(rt.wrap)
		}
		return rt, s
	default:
		if len(g.defs) > 0 {
			d := g.defs[g.r.IntN(len(g.defs))]
			return genRoute{typ: d.typ}, map[string]any{"$ref": ref(file, d.file, d.name)}
		}
		t, s := g.object(file, depth)
		return genRoute{typ: t}, s
	}
}

// folder writes the generated schemas and loads them.
func (g *gen) folder(t *testing.T) *schema.Kind {
	t.Helper()
	g.root = &genType{}
	s := g.fill(g.root, genKindFile, 3)
	s["properties"].(map[string]any)["kind"] = map[string]any{"const": "thing"}
	s["required"] = []any{"kind"}
	for k, v := range s {
		g.docs[genKindFile][k] = v
	}
	dir := t.TempDir()
	for name, doc := range g.docs {
		data, err := json.MarshalIndent(doc, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := schema.Load(dir)
	if err != nil {
		t.Fatalf("schema.Load: %v", err)
	}
	k := set.Kinds["thing"]
	if k == nil || k.Fast == nil {
		t.Fatalf("kind thing: %+v, want one with a fast validator", k)
	}
	return k
}

// genObj is a generated object, its keys in the order they are written.
type genObj []genKV

type genKV struct {
	k string
	v any // string, int, genObj or []any of genObj
}

func (o genObj) get(k string) (any, bool) {
	for _, kv := range o {
		if kv.k == k {
			return kv.v, true
		}
	}
	return nil, false
}

// object makes a value of type t; now and then one that breaks a schema
// keyword (n above its maximum, a tag out of its enum, a property a closed
// object does not allow).
func (g *gen) value(t *genType, depth int) genObj {
	var o genObj
	if g.r.IntN(4) > 0 {
		tag := []string{"ok", "bad", "meh"}[g.r.IntN(3)]
		if g.r.IntN(40) == 0 {
			tag = "zzz"
		}
		o = append(o, genKV{"tag", tag})
	}
	switch g.r.IntN(5) {
	case 1, 2:
		o = append(o, genKV{"n", 5})
	case 3:
		o = append(o, genKV{"n", 95})
	case 4:
		if g.r.IntN(8) == 0 {
			o = append(o, genKV{"n", 150})
		} else {
			o = append(o, genKV{"n", 42})
		}
	}
	if depth > 4 {
		return o
	}
	for _, p := range t.props {
		if g.r.IntN(5) < 2 {
			continue
		}
		if !p.array {
			o = append(o, genKV{p.name, g.value(p.route.typ, depth+1)})
			continue
		}
		var arr []any
		for i := range g.r.IntN(4) {
			arr = append(arr, g.value(p.item(i).typ, depth+1))
		}
		o = append(o, genKV{p.name, arr})
	}
	if t.pattern != nil && g.r.IntN(3) == 0 {
		o = append(o, genKV{"x-1", g.value(t.pattern.typ, depth+1)})
	}
	if g.r.IntN(6) == 0 {
		switch {
		case t.addl != nil:
			o = append(o, genKV{"extra", g.value(t.addl.typ, depth+1)})
		case g.r.IntN(3) == 0 || !t.closed:
			o = append(o, genKV{"extra", "free"}) // refused when t is closed
		}
	}
	g.r.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
	return o
}

// ruleWant is a rule the model says does not hold on the object at ptr.
type ruleWant struct {
	rule   genRule
	ptr    string
	detail bool
}

// expect evaluates the model: the rules of the schemas between a property
// and its type (wrap) and the type's own, on every object they describe.
func expect(wrap []genRule, t *genType, v any, ptr string, out *[]ruleWant) {
	o, ok := v.(genObj)
	if !ok {
		return
	}
	for _, r := range append(slices.Clone(wrap), t.rules...) {
		if ok, detail := r.holds(o); !ok {
			*out = append(*out, ruleWant{r, ptr, detail})
		}
	}
	for _, kv := range o {
		at := ptr + fact.Pointer(kv.k)
		i := slices.IndexFunc(t.props, func(p genProp) bool { return p.name == kv.k })
		switch {
		case i >= 0 && t.props[i].array:
			arr, _ := kv.v.([]any)
			for j, e := range arr {
				rt := t.props[i].item(j)
				expect(rt.wrap, rt.typ, e, at+"/"+strconv.Itoa(j), out)
			}
		case i >= 0:
			expect(t.props[i].route.wrap, t.props[i].route.typ, kv.v, at, out)
		case kv.k == "tag" || kv.k == "n" || kv.k == "kind":
		case t.pattern != nil && strings.HasPrefix(kv.k, "x-"):
			expect(t.pattern.wrap, t.pattern.typ, kv.v, at, out)
		case t.addl != nil:
			expect(t.addl.wrap, t.addl.typ, kv.v, at, out)
		}
	}
}

// emit writes v as one line of JSON and notes the column of every value.
// Objects are written "{ ... }": pipeline/load's JSON locator points a
// missing key of an object whose last value is a number written right
// before its "}" at the enclosing object's key of that name (a defect of
// the loader, outside this test).
func emit(v any, ptr string, b []byte, cols map[string]int) []byte {
	cols[ptr] = len(b) + 1
	switch x := v.(type) {
	case genObj:
		b = append(b, "{ "...)
		for i, kv := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendQuote(b, kv.k)
			b = append(b, ": "...)
			b = emit(kv.v, ptr+fact.Pointer(kv.k), b, cols)
		}
		return append(b, " }"...)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = emit(e, ptr+"/"+strconv.Itoa(i), b, cols)
		}
		return append(b, ']')
	case string:
		return strconv.AppendQuote(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	}
	panic(fmt.Sprintf("emit %T", v))
}

// column is where an issue at ptr points: the value there, or the
// deepest value on the way to it.
func column(cols map[string]int, ptr string) int {
	for {
		if c, ok := cols[ptr]; ok {
			return c
		}
		ptr = ptr[:strings.LastIndexByte(ptr, '/')]
	}
}

func TestRulesBothPaths(t *testing.T) {
	folders, records := 40, 30
	if testing.Short() {
		folders = 10
	}
	var fastWithRules, fastClean, libWithRules, deep, total int
	for seed := range folders {
		g := newGen(uint64(seed))
		k := g.folder(t)
		lib := *k
		lib.Fast = nil
		for line := 1; line <= records; line++ {
			rec := append(genObj{{"kind", "thing"}}, g.value(g.root, 0)...)
			cols := map[string]int{}
			data := emit(rec, "", nil, cols)
			f, is := load.DecodeLine("facts.jsonl", line, line-1, data)
			if is != nil {
				t.Fatalf("seed %d: decode %s: %v", seed, data, is)
			}
			f.Kind, f.ID = "thing", fmt.Sprintf("thing-%d", line)
			// The library lists a record's errors in no fixed order: the
			// pipeline sorts them, and so does this test.
			got := validate.Fact(k, f)
			alone := validate.Fact(&lib, f)
			issue.Sort(got)
			issue.Sort(alone)
			if !reflect.DeepEqual(got, alone) {
				t.Fatalf("seed %d, %s:\nfast path: %v\nlibrary:   %v", seed, data, got, alone)
			}
			var wants []ruleWant
			expect(nil, g.root, rec, "", &wants)
			var rules []issue.Issue
			for _, is := range got {
				if !strings.HasPrefix(is.Code, "schema.") {
					rules = append(rules, is)
				}
			}
			checkRuleIssues(t, seed, data, rules, wants, line, cols)
			total += len(rules)
			for _, w := range wants {
				if strings.Count(w.ptr, "/") >= 2 {
					deep++
				}
			}
			switch valid := k.Fast.Valid(f.Fields); {
			case valid && len(rules) > 0:
				fastWithRules++
			case valid:
				fastClean++
			case len(rules) > 0:
				libWithRules++
			}
		}
	}
	t.Logf("%d rule issues (%d at depth 2 or more); records: %d schema-valid with rule issues, %d without issues, %d schema-invalid with rule issues",
		total, deep, fastWithRules, fastClean, libWithRules)
	if fastWithRules == 0 || fastClean == 0 || libWithRules == 0 || deep == 0 {
		t.Error("the generated records do not cover every case")
	}
}

// checkRuleIssues compares the rule issues of one record with the model's.
func checkRuleIssues(t *testing.T, seed int, data []byte, got []issue.Issue, wants []ruleWant, line int, cols map[string]int) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("seed %d, %s:\nrule issues %v\nwant %v", seed, data, got, wants)
	}
	byKey := func(a, b issue.Issue) int { return strings.Compare(a.Pointer+" "+a.Code, b.Pointer+" "+b.Code) }
	slices.SortFunc(got, byKey)
	slices.SortFunc(wants, func(a, b ruleWant) int {
		return strings.Compare(a.ptr+a.rule.field+" "+a.rule.code, b.ptr+b.rule.field+" "+b.rule.code)
	})
	for i, w := range wants {
		is, ptr := got[i], w.ptr+w.rule.field
		msgOK := is.Message == w.rule.msg
		if w.detail {
			msgOK = strings.HasPrefix(is.Message, fmt.Sprintf("%s (rule %q could not be evaluated: ", w.rule.msg, w.rule.id)) &&
				strings.Contains(is.Message, "no such key")
		}
		if is.Code != w.rule.code || is.Pointer != ptr || is.Severity != w.rule.sev || !msgOK ||
			is.File != "facts.jsonl" || is.Line != line || is.Column != column(cols, ptr) || is.Record != fmt.Sprintf("thing-%d", line) {
			t.Errorf("seed %d, %s:\nissue %+v\nwant %s %s at %s, %d:%d, %q (detail %v)", seed, data, is,
				w.rule.sev, w.rule.code, ptr, line, column(cols, ptr), w.rule.msg, w.detail)
		}
	}
}
