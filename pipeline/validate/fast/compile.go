// Package fast decides cheaply whether a decoded JSON value is valid against
// a JSON Schema (draft 2020-12), with exactly the verdict of
// github.com/santhosh-tekuri/jsonschema/v6 compiled with AssertFormat. It is
// the fast path in front of that library: Valid true means the library
// would accept the value too, so the library need only be called (for its
// error tree) when Valid says false.
//
// Compile accepts a schema only when every keyword it reaches is one this
// package implements exactly; otherwise it reports ok=false and the caller
// keeps using the library alone. Keywords starting with "x-" are ignored:
// dossier evaluates its x-rules beside the validator, whichever path it
// takes (pipeline/schema's Rules).
package fast

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Validator is a compiled schema. It is immutable and safe for concurrent
// use.
type Validator struct {
	root *node
}

// JSON type bits.
const (
	tNull uint8 = 1 << iota
	tBool
	tNumber
	tInteger
	tString
	tArray
	tObject
)

var typeNames = map[string]uint8{
	"null": tNull, "boolean": tBool, "number": tNumber, "integer": tInteger,
	"string": tString, "array": tArray, "object": tObject,
}

type addlKind uint8

const (
	addlNone addlKind = iota // absent, or true
	addlFalse
	addlSchema
)

type propEntry struct {
	name string
	n    *node
	req  bool // also in required
}

type patEntry struct {
	re *regexp.Regexp
	n  *node
}

type depEntry struct {
	name string
	req  []string
}

// bound is a number keyword's value: the library's big.Rat, and the same
// value parsed for the allocation-free comparisons.
type bound struct {
	n num
}

type node struct {
	always int8 // 1: the schema true; -1: the schema false; 0: an object

	hasTypes bool
	types    uint8

	hasConst bool
	constV   any

	hasEnum  bool
	enum     []any
	enumStrs map[string]struct{} // the enum's strings, for a fast lookup

	format *jsonschema.Format
	day    bool // format "date": fact.IsDay says valid without the library

	ref *node

	// object
	objKw     bool
	minProps  int // -1: absent
	maxProps  int
	required  []string // those not in properties (the others are counted as met)
	nReqProps int      // how many required names are in properties
	depReq    []depEntry
	iterObj   bool           // patternProperties or additionalProperties present
	props     map[string]int // index in propList
	propList  []propEntry
	patProps  []patEntry
	addl      addlKind
	addlNode  *node
	propNames *node

	// array
	arrKw       bool
	minItems    int
	maxItems    int
	unique      bool
	prefix      []*node
	items       *node
	contains    *node
	minContains int // -1: absent (at least one match needed)
	maxContains int

	// string
	strKw   bool
	minLen  int
	maxLen  int
	pattern *regexp.Regexp

	// number
	numKw                          bool
	minimum, maximum, exMin, exMax *bound
	multipleOf                     *bound

	// applicators on the same instance
	condKw              bool
	allOf, anyOf, oneOf []*node
	not                 *node
	ifN, thenN, elseN   *node
}

var (
	trueNode  = &node{always: 1}
	falseNode = &node{always: -1}
)

// Resolver resolves a $ref: the reference as written and the document it
// appears in, to the schema object it names and the document that object
// lives in.
type Resolver = func(ref string, from map[string]any) (target map[string]any, doc map[string]any, ok bool)

// Compile builds a fast validator for the schema document root (decoded
// JSON: map[string]any with json.Number numbers, as jsonschema.UnmarshalJSON
// gives), resolving $ref with resolve. It returns ok=false when the schema
// uses anything the fast path does not implement exactly; the caller then
// always uses the library.
func Compile(root map[string]any, resolve Resolver) (*Validator, bool) {
	v, why := compile(root, resolve)
	return v, why == ""
}

// compile is Compile that says why a schema is not taken.
func compile(root map[string]any, resolve Resolver) (*Validator, string) {
	c := &compiler{resolve: resolve, memo: map[uintptr]*node{}, docs: map[uintptr]bool{}, formats: map[string]*jsonschema.Format{}}
	n := c.schema(root, root, "#")
	if c.why != "" {
		return nil, c.why
	}
	if sameInstanceCycle(n) {
		return nil, "a $ref cycle that does not descend into the instance"
	}
	return &Validator{root: n}, ""
}

type compiler struct {
	resolve Resolver
	memo    map[uintptr]*node
	docs    map[uintptr]bool // documents checked by checkDoc
	formats map[string]*jsonschema.Format
	why     string
}

func (c *compiler) fail(loc, format string, args ...any) {
	if c.why == "" {
		c.why = loc + ": " + fmt.Sprintf(format, args...)
	}
}

// schema compiles the schema v (a bool or an object) living in doc.
func (c *compiler) schema(v any, doc map[string]any, loc string) *node {
	switch s := v.(type) {
	case bool:
		if s {
			return trueNode
		}
		return falseNode
	case map[string]any:
		key := reflect.ValueOf(s).Pointer()
		if n, ok := c.memo[key]; ok {
			return n
		}
		c.checkDoc(doc)
		n := &node{minProps: -1, maxProps: -1, minItems: -1, maxItems: -1, minContains: -1, maxContains: -1, minLen: -1, maxLen: -1}
		c.memo[key] = n
		c.object(n, s, doc, loc)
		return n
	}
	c.fail(loc, "a schema must be a boolean or an object")
	return falseNode
}

// checkDoc checks, once per document, what applies to the whole document:
// its dialect (draft 2020-12, or none given), and that no schema inside it
// sets its own base URI or anchor ($id, $anchor, $dynamicAnchor below the
// root), where the library would resolve a $ref otherwise than by document.
func (c *compiler) checkDoc(doc map[string]any) {
	key := reflect.ValueOf(doc).Pointer()
	if c.docs[key] {
		return
	}
	c.docs[key] = true
	if v, ok := doc["$schema"]; ok {
		if str, _ := v.(string); strings.TrimSuffix(str, "#") != draft2020 {
			c.fail("#/$schema", "only draft 2020-12")
		}
	}
	var walk func(v any, root bool)
	walk = func(v any, root bool) {
		switch t := v.(type) {
		case map[string]any:
			for k, e := range t {
				switch k {
				case "$id", "$anchor", "$dynamicAnchor":
					if _, isStr := e.(string); isStr && (!root || k != "$id") {
						c.fail("#", "%s inside the document", k)
					}
				}
				walk(e, false)
			}
		case []any:
			for _, e := range t {
				walk(e, false)
			}
		}
	}
	walk(doc, true)
}

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// object compiles the keywords of the schema object s into n. Each group
// of keywords (the document's own, those of any instance, of objects,
// arrays, strings, numbers, and the applicators) is read by its method; a
// keyword none of them knows, other than an x- keyword, keeps the schema
// off the fast path.
func (c *compiler) object(n *node, s map[string]any, doc map[string]any, loc string) {
	isRoot := reflect.ValueOf(s).Pointer() == reflect.ValueOf(doc).Pointer()
	for kw, v := range s {
		at := loc + "/" + kw
		if c.docKeyword(kw, v, isRoot, at) || c.anyKeyword(n, kw, v, doc, at) || c.objectKeyword(n, kw, v, doc, at) ||
			c.arrayKeyword(n, kw, v, doc, at) || c.stringKeyword(n, kw, v, at) || c.numberKeyword(n, kw, v, at) ||
			c.applicator(n, kw, v, doc, at) || strings.HasPrefix(kw, "x-") {
			continue
		}
		c.fail(at, "keyword not implemented by the fast path")
	}
	c.companions(n, s, doc, loc)
	// A required property that properties names is found while the
	// properties are checked: count it there rather than look it up twice.
	var others []string
	for _, name := range n.required {
		if i, ok := n.props[name]; ok {
			n.propList[i].req = true
			n.nReqProps++
		} else {
			others = append(others, name)
		}
	}
	n.required = others
	n.numKw = n.minimum != nil || n.maximum != nil || n.exMin != nil || n.exMax != nil || n.multipleOf != nil
}

// docKeyword reads the keywords about the schema rather than the instance:
// identifiers, definitions and annotations. It reports whether kw is one.
func (c *compiler) docKeyword(kw string, v any, isRoot bool, at string) bool {
	switch kw {
	case "$schema":
		str, ok := v.(string)
		if !isRoot || !ok || strings.TrimSuffix(str, "#") != draft2020 {
			c.fail(at, "only a document's $schema, and only draft 2020-12")
		}
	case "$id":
		if _, ok := v.(string); !isRoot || !ok {
			c.fail(at, "$id is taken only at a document's root")
		}
	case "$defs":
		if _, ok := v.(map[string]any); !ok {
			c.fail(at, "not an object")
		}
	case "title", "description", "$comment":
		if _, ok := v.(string); !ok {
			c.fail(at, "not a string")
		}
	case "deprecated", "readOnly", "writeOnly":
		if _, ok := v.(bool); !ok {
			c.fail(at, "not a boolean")
		}
	case "examples":
		if _, ok := v.([]any); !ok {
			c.fail(at, "not an array")
		}
	case "default":
	default:
		return false
	}
	return true
}

// anyKeyword reads the keywords that apply to an instance of any type:
// $ref, type, enum, const and format.
func (c *compiler) anyKeyword(n *node, kw string, v any, doc map[string]any, at string) bool {
	switch kw {
	case "$ref":
		c.ref(n, v, doc, at)
	case "type":
		c.types(n, v, at)
	case "enum":
		arr, ok := v.([]any)
		if !ok {
			c.fail(at, "not an array")
			break
		}
		n.hasEnum, n.enum = true, arr
		for _, e := range arr {
			if str, ok := e.(string); ok {
				if n.enumStrs == nil {
					n.enumStrs = map[string]struct{}{}
				}
				n.enumStrs[str] = struct{}{}
			}
		}
	case "const":
		n.hasConst, n.constV = true, v
	case "format":
		name, ok := v.(string)
		if !ok {
			c.fail(at, "not a string")
			break
		}
		f, err := c.formatOf(name)
		if err != nil {
			c.fail(at, "%v", err)
		}
		n.format = f
		n.day = name == "date"
	default:
		return false
	}
	return true
}

func (c *compiler) ref(n *node, v any, doc map[string]any, at string) {
	ref, ok := v.(string)
	if !ok {
		c.fail(at, "not a string")
		return
	}
	if c.resolve == nil {
		c.fail(at, "no resolver for %q", ref)
		return
	}
	target, tdoc, ok := c.resolve(ref, doc)
	if !ok || target == nil || tdoc == nil {
		c.fail(at, "cannot resolve %q", ref)
		return
	}
	n.ref = c.schema(target, tdoc, ref)
}

func (c *compiler) types(n *node, v any, at string) {
	n.hasTypes = true
	switch t := v.(type) {
	case string:
		b, ok := typeNames[t]
		if !ok {
			c.fail(at, "unknown type %q", t)
		}
		n.types = b
	case []any:
		if len(t) == 0 {
			c.fail(at, "empty")
		}
		for _, e := range t {
			str, _ := e.(string)
			b, ok := typeNames[str]
			if !ok || n.types&b != 0 {
				c.fail(at, "unknown or repeated type %v", e)
			}
			n.types |= b
		}
	default:
		c.fail(at, "not a string or an array")
	}
}

// objectKeyword reads the keywords that apply to objects.
func (c *compiler) objectKeyword(n *node, kw string, v any, doc map[string]any, at string) bool {
	switch kw {
	case "required":
		n.required = c.strings(at, v)
	case "dependentRequired":
		m, ok := v.(map[string]any)
		if !ok {
			c.fail(at, "not an object")
			return true
		}
		for name, req := range m {
			n.depReq = append(n.depReq, depEntry{name, c.strings(at+"/"+name, req)})
		}
	case "properties":
		m, ok := v.(map[string]any)
		if !ok {
			c.fail(at, "not an object")
			return true
		}
		n.props = map[string]int{}
		for name, sub := range m {
			n.props[name] = len(n.propList)
			n.propList = append(n.propList, propEntry{name: name, n: c.schema(sub, doc, at+"/"+name)})
		}
	case "patternProperties":
		m, ok := v.(map[string]any)
		if !ok {
			c.fail(at, "not an object")
			return true
		}
		for pat, sub := range m {
			re, err := regexp.Compile(pat)
			if err != nil {
				c.fail(at, "%v", err)
				continue
			}
			n.patProps = append(n.patProps, patEntry{re, c.schema(sub, doc, at+"/"+pat)})
		}
		n.iterObj = true
	case "additionalProperties":
		if a, ok := v.(bool); ok {
			if !a {
				n.addl = addlFalse
			}
		} else {
			n.addl, n.addlNode = addlSchema, c.schema(v, doc, at)
		}
		n.iterObj = true
	case "propertyNames":
		n.propNames = c.schema(v, doc, at)
	case "minProperties":
		n.minProps = c.count(at, v)
	case "maxProperties":
		n.maxProps = c.count(at, v)
	default:
		return false
	}
	n.objKw = true
	return true
}

// arrayKeyword reads the keywords that apply to arrays. minContains and
// maxContains count only beside contains: companions reads them.
func (c *compiler) arrayKeyword(n *node, kw string, v any, doc map[string]any, at string) bool {
	switch kw {
	case "items":
		n.items = c.schema(v, doc, at)
	case "prefixItems":
		n.prefix = c.schemas(at, v, doc)
	case "minItems":
		n.minItems = c.count(at, v)
	case "maxItems":
		n.maxItems = c.count(at, v)
	case "uniqueItems":
		b, ok := v.(bool)
		if !ok {
			c.fail(at, "not a boolean")
		}
		n.unique = b
		n.arrKw = n.arrKw || b
		return true
	case "contains":
		n.contains = c.schema(v, doc, at)
	case "minContains", "maxContains":
		c.count(at, v)
		return true
	default:
		return false
	}
	n.arrKw = true
	return true
}

// stringKeyword reads the keywords that apply to strings.
func (c *compiler) stringKeyword(n *node, kw string, v any, at string) bool {
	switch kw {
	case "minLength":
		n.minLen = c.count(at, v)
	case "maxLength":
		n.maxLen = c.count(at, v)
	case "pattern":
		pat, ok := v.(string)
		if !ok {
			c.fail(at, "not a string")
			return true
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			c.fail(at, "%v", err)
			return true
		}
		n.pattern = re
	default:
		return false
	}
	n.strKw = true
	return true
}

// numberKeyword reads the keywords that apply to numbers.
func (c *compiler) numberKeyword(n *node, kw string, v any, at string) bool {
	switch kw {
	case "minimum":
		n.minimum = c.number(at, v)
	case "maximum":
		n.maximum = c.number(at, v)
	case "exclusiveMinimum":
		n.exMin = c.number(at, v)
	case "exclusiveMaximum":
		n.exMax = c.number(at, v)
	case "multipleOf":
		n.multipleOf = c.number(at, v)
		if n.multipleOf != nil && n.multipleOf.n.toRat().Sign() <= 0 {
			c.fail(at, "not greater than 0")
		}
	default:
		return false
	}
	return true
}

// applicator reads the keywords that apply other schemas to the same
// instance. then and else count only beside if: companions reads them.
func (c *compiler) applicator(n *node, kw string, v any, doc map[string]any, at string) bool {
	switch kw {
	case "allOf":
		n.allOf = c.schemas(at, v, doc)
	case "anyOf":
		n.anyOf = c.schemas(at, v, doc)
	case "oneOf":
		n.oneOf = c.schemas(at, v, doc)
	case "not":
		n.not = c.schema(v, doc, at)
	case "if":
		n.ifN = c.schema(v, doc, at)
		return true
	case "then", "else":
		return true
	default:
		return false
	}
	n.condKw = true
	return true
}

// companions reads the keywords that count only beside another:
// minContains and maxContains beside contains, then and else beside if.
func (c *compiler) companions(n *node, s map[string]any, doc map[string]any, loc string) {
	if n.contains != nil {
		if v, ok := s["minContains"]; ok {
			n.minContains = c.count(loc+"/minContains", v)
		}
		if v, ok := s["maxContains"]; ok {
			n.maxContains = c.count(loc+"/maxContains", v)
		}
	}
	if n.ifN != nil {
		if v, ok := s["then"]; ok {
			n.thenN = c.schema(v, doc, loc+"/then")
		}
		if v, ok := s["else"]; ok {
			n.elseN = c.schema(v, doc, loc+"/else")
		}
		if n.thenN != nil || n.elseN != nil {
			n.condKw = true
		}
	}
}

// strings reads a string array without repeats (required,
// dependentRequired).
func (c *compiler) strings(at string, v any) []string {
	arr, ok := v.([]any)
	if !ok {
		c.fail(at, "not an array")
		return nil
	}
	out := make([]string, 0, len(arr))
	seen := map[string]bool{}
	for _, e := range arr {
		s, ok := e.(string)
		if !ok || seen[s] {
			c.fail(at, "not an array of distinct strings")
			return nil
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// schemas reads a non-empty array of schemas.
func (c *compiler) schemas(at string, v any, doc map[string]any) []*node {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		c.fail(at, "not a non-empty array")
		return nil
	}
	out := make([]*node, len(arr))
	for i, e := range arr {
		out[i] = c.schema(e, doc, fmt.Sprintf("%s/%d", at, i))
	}
	return out
}

// ratOf is the library's numVal: nil when v is not a number it can parse.
func ratOf(v any) *big.Rat {
	switch v.(type) {
	case json.Number, float32, float64, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		if r, ok := new(big.Rat).SetString(fmt.Sprint(v)); ok {
			return r
		}
	}
	return nil
}

// count reads a non-negative integer keyword (minLength, maxItems, ...), as
// the library's intVal does.
func (c *compiler) count(at string, v any) int {
	r := ratOf(v)
	if r == nil || !r.IsInt() || r.Sign() < 0 || !r.Num().IsInt64() || r.Num().Int64() > 1<<53 {
		c.fail(at, "not a non-negative integer")
		return -1
	}
	return int(r.Num().Int64())
}

// number reads minimum, maximum, ... A number big.Rat cannot parse (an
// exponent beyond ±1e6) is refused: the library ignores the keyword, but
// panics validating such a schema against the metaschema.
func (c *compiler) number(at string, v any) *bound {
	r := ratOf(v)
	if r == nil {
		c.fail(at, "not a number big.Rat parses")
		return nil
	}
	a := parseNum(fmt.Sprint(v))
	if a.kind == numBad || a.toRat().Cmp(r) != 0 {
		c.fail(at, "number not parsed as the library does")
		return nil
	}
	return &bound{n: a}
}

// formatOf is the library's own check for the format name, taken from a
// one-keyword schema {"format": name} compiled with AssertFormat; nil for a
// format the library does not know (it asserts nothing then). Each is
// compiled once per Compile.
func (c *compiler) formatOf(name string) (*jsonschema.Format, error) {
	if f, ok := c.formats[name]; ok {
		return f, nil
	}
	lib := jsonschema.NewCompiler()
	lib.DefaultDraft(jsonschema.Draft2020)
	lib.AssertFormat()
	const u = "urn:dossier:fast:format"
	if err := lib.AddResource(u, map[string]any{"format": name}); err != nil {
		return nil, err
	}
	sch, err := lib.Compile(u)
	if err != nil {
		return nil, err
	}
	c.formats[name] = sch.Format
	return sch.Format, nil
}

// sameInstanceCycle reports a loop of $ref (or allOf, anyOf, oneOf, not,
// if, then, else) that comes back to a schema without descending into the
// instance: the library reports such a loop as an error when it meets it.
func sameInstanceCycle(root *node) bool {
	const (
		grey  = 1
		black = 2
	)
	edges := func(n *node) []*node {
		out := []*node{n.ref, n.not, n.ifN, n.thenN, n.elseN}
		out = append(out, n.allOf...)
		out = append(out, n.anyOf...)
		return append(out, n.oneOf...)
	}
	color := map[*node]int{}
	// cyclic explores the same-instance edges from n; black nodes reach no
	// loop, whatever the start.
	var cyclic func(n *node) bool
	cyclic = func(n *node) bool {
		if n == nil || n.always != 0 || color[n] == black {
			return false
		}
		if color[n] == grey {
			return true
		}
		color[n] = grey
		for _, m := range edges(n) {
			if cyclic(m) {
				return true
			}
		}
		color[n] = black
		return false
	}
	// Every schema reachable at all starts a search of its own.
	seen := map[*node]bool{}
	stack := []*node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || n.always != 0 || seen[n] {
			continue
		}
		seen[n] = true
		if cyclic(n) {
			return true
		}
		stack = append(stack, edges(n)...)
		for _, p := range n.propList {
			stack = append(stack, p.n)
		}
		for _, p := range n.patProps {
			stack = append(stack, p.n)
		}
		stack = append(stack, n.addlNode, n.propNames, n.items, n.contains)
		stack = append(stack, n.prefix...)
	}
	return false
}
