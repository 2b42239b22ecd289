package normalize

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"dossier/pipeline/fact"
)

// Step normalizes the fields at Pointer with the named normalizers, in
// order. Pointer is a JSON pointer into the record in which the token "*"
// stands for every element of an array (or every member of an object):
// "/countries/*", "/officials/*/name". A property literally named "*"
// cannot be addressed.
type Step struct {
	Pointer string
	Names   []string
	Ctx     Context
}

// Plan is the list of steps for one kind of record, applied in order.
type Plan []Step

// Change records one altered value. Before and After are display strings:
// strings as they are, other values as JSON text. A sibling set through
// Result.Extra has Before "" when it was absent ("null" when it was null); a
// deleted field has Deleted set and After "".
type Change struct {
	Pointer    string // where the value is, "/countries/0"
	Field      string // the nearest property name, "countries"
	Before     string
	After      string
	Normalizer string
	Deleted    bool
}

// Failure is a field that could not be normalized; it keeps its original
// value.
type Failure struct {
	Pointer    string
	Normalizer string // the normalizer that failed, "" if none did
	Err        *Error
}

// Errors of PlanFromSchema, to test with errors.Is.
var (
	ErrUnknownNormalizer      = errors.New("unknown normalizer")
	ErrConflictingNormalizers = errors.New("conflicting x-normalize")
	ErrUnresolvedRef          = errors.New("unresolved $ref")
	ErrBadKeyword             = errors.New("malformed keyword")
)

// CodeFailed is the code of a failure a normalizer reported with an error
// that is not an *Error.
const CodeFailed = "normalize.failed"

// maxSchemaDepth bounds how deep PlanFromSchema follows properties and
// items, so that a recursive schema ends.
const maxSchemaDepth = 32

// PlanFromSchema walks a decoded JSON Schema (map[string]any as
// encoding/json gives it) and collects, for every instance location, the
// normalizers named by "x-normalize" (a list of names, or one name), the
// schema "type", "x-unit" ("fraction", a currency) and "x-decimal". It follows "properties", "items"
// (element pointer "/*"), "prefixItems", "allOf", "anyOf", "oneOf" and
// "$ref". A local $ref ("#/$defs/x", "#anchor") resolves in the document that
// holds it; any other is split at "#" and its document part, exactly as
// written ("fact.schema.json", a full URL), is handed to resolve. An
// "x-normalize" on an array schema applies to each element. The steps come
// sorted by pointer. Every problem is reported, joined: an unknown
// normalizer name (ErrUnknownNormalizer, naming it), two different
// x-normalize lists for one location (ErrConflictingNormalizers), a $ref that
// cannot be resolved (ErrUnresolvedRef), a malformed x-normalize
// (ErrBadKeyword).
func PlanFromSchema(doc map[string]any, resolve func(ref string) (map[string]any, bool)) (Plan, error) {
	w := &schemaWalker{resolve: resolve, fields: map[string]*fieldInfo{}}
	w.walk(doc, schemaDoc{root: doc}, "", 0)
	var steps Plan
	for ptr, f := range w.fields {
		if len(f.names) > 0 {
			steps = append(steps, Step{Pointer: ptr, Names: f.names, Ctx: Context{Type: f.typ, Fraction: f.fraction, Unit: f.unit, Decimal: f.decimal}})
		}
	}
	slices.SortFunc(steps, func(a, b Step) int { return strings.Compare(a.Pointer, b.Pointer) })
	return steps, errors.Join(w.errs...)
}

type fieldInfo struct {
	names    []string
	hasNames bool
	typ      string
	fraction bool
	unit     string // x-unit; the first found wins, so a referencing schema's beats its definition's
	decimal  string // x-decimal, likewise
}

// takeUnits copies the x-unit and x-decimal of a schema node to f where f
// has none yet.
func (f *fieldInfo) takeUnits(node map[string]any) {
	if u, ok := node["x-unit"].(string); ok && f.unit == "" {
		f.unit = u
	}
	if d, ok := node["x-decimal"].(string); ok && f.decimal == "" {
		f.decimal = d
	}
	f.fraction = f.fraction || node["x-unit"] == "fraction"
}

// schemaDoc is the document a schema node belongs to, for local refs.
type schemaDoc struct {
	name string // "" for the document given to PlanFromSchema
	root map[string]any
}

type schemaWalker struct {
	resolve func(string) (map[string]any, bool)
	fields  map[string]*fieldInfo
	stack   []string // refs being followed, to stop on recursion
	errs    []error
	// owned marks locations whose x-normalize a schema gave beside a $ref:
	// the referencing schema's own list overrides the definition's, as its
	// title or description would.
	owned map[string]bool
}

func (w *schemaWalker) field(ptr string) *fieldInfo {
	f := w.fields[ptr]
	if f == nil {
		f = &fieldInfo{}
		w.fields[ptr] = f
	}
	return f
}

func (w *schemaWalker) walk(node map[string]any, doc schemaDoc, ptr string, depth int) {
	if depth > maxSchemaDepth {
		return
	}
	typ := schemaType(node["type"])
	here := w.field(ptr)
	if here.typ == "" {
		here.typ = typ
	}
	here.takeUnits(node)
	raw, hasOwn := node["x-normalize"]
	if hasOwn && w.owned[ptr] {
		hasOwn = false // a referencing schema already chose the list here
	}
	if hasOwn {
		names, err := w.names(raw, ptr)
		if err != nil {
			w.errs = append(w.errs, err)
		} else {
			target := here
			if typ == "array" {
				target = w.field(ptr + "/*")
				target.takeUnits(node)
			}
			switch {
			case !target.hasNames:
				target.names, target.hasNames = names, true
			case !slices.Equal(target.names, names):
				w.errs = append(w.errs, fmt.Errorf("x-normalize at %s: %w: %q and %q", ptrOrRoot(ptr), ErrConflictingNormalizers, target.names, names))
			}
		}
	}
	if ref, ok := node["$ref"].(string); ok {
		if hasOwn && !w.owned[ptr] {
			if w.owned == nil {
				w.owned = map[string]bool{}
			}
			w.owned[ptr] = true
			w.followRef(ref, doc, ptr, depth)
			delete(w.owned, ptr)
		} else {
			w.followRef(ref, doc, ptr, depth)
		}
	}
	for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
		if list, ok := node[kw].([]any); ok {
			for _, sub := range list {
				if m, ok := sub.(map[string]any); ok {
					w.walk(m, doc, ptr, depth+1)
				}
			}
		}
	}
	if props, ok := node["properties"].(map[string]any); ok {
		keys := make([]string, 0, len(props))
		for k := range props {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if m, ok := props[k].(map[string]any); ok {
				w.walk(m, doc, ptr+"/"+escapeToken(k), depth+1)
			}
		}
	}
	switch items := node["items"].(type) {
	case map[string]any:
		w.walk(items, doc, ptr+"/*", depth+1)
	case []any: // draft 2019-09 and earlier: a list is prefixItems
		w.walkPrefix(items, doc, ptr, depth)
	}
	if prefix, ok := node["prefixItems"].([]any); ok {
		w.walkPrefix(prefix, doc, ptr, depth)
	}
}

func (w *schemaWalker) walkPrefix(list []any, doc schemaDoc, ptr string, depth int) {
	for i, sub := range list {
		if m, ok := sub.(map[string]any); ok {
			w.walk(m, doc, ptr+"/"+strconv.Itoa(i), depth+1)
		}
	}
}

// names reads an x-normalize value and checks every name against the table.
func (w *schemaWalker) names(raw any, ptr string) ([]string, error) {
	var list []any
	switch x := raw.(type) {
	case string:
		list = []any{x}
	case []any:
		list = x
	default:
		return nil, fmt.Errorf("x-normalize at %s: %w: want a list of names, got %s", ptrOrRoot(ptr), ErrBadKeyword, display(raw))
	}
	names := make([]string, 0, len(list))
	var errs []error
	for _, item := range list {
		name, ok := item.(string)
		if !ok {
			errs = append(errs, fmt.Errorf("x-normalize at %s: %w: %s is not a name", ptrOrRoot(ptr), ErrBadKeyword, display(item)))
			continue
		}
		if _, ok := Lookup(name); !ok {
			errs = append(errs, fmt.Errorf("x-normalize at %s: %w %q (known: %s)", ptrOrRoot(ptr), ErrUnknownNormalizer, name, strings.Join(Names(), ", ")))
			continue
		}
		names = append(names, name)
	}
	return names, errors.Join(errs...)
}

func (w *schemaWalker) followRef(ref string, doc schemaDoc, ptr string, depth int) {
	docPart, frag, _ := strings.Cut(ref, "#")
	target := doc
	if docPart != "" && docPart != doc.name {
		if id, _ := doc.root["$id"].(string); id != docPart {
			var m map[string]any
			ok := false
			if w.resolve != nil {
				m, ok = w.resolve(docPart)
			}
			if !ok || m == nil {
				w.errs = append(w.errs, fmt.Errorf("$ref %q at %s: %w", ref, ptrOrRoot(ptr), ErrUnresolvedRef))
				return
			}
			target = schemaDoc{name: docPart, root: m}
		}
	}
	key := target.name + "#" + frag
	if slices.Contains(w.stack, key) {
		return // recursive schema: this location is already being walked
	}
	node, ok := resolveFragment(target.root, frag)
	if !ok {
		w.errs = append(w.errs, fmt.Errorf("$ref %q at %s: %w", ref, ptrOrRoot(ptr), ErrUnresolvedRef))
		return
	}
	w.stack = append(w.stack, key)
	w.walk(node, target, ptr, depth+1)
	w.stack = w.stack[:len(w.stack)-1]
}

// resolveFragment finds the schema a URI fragment names in root: "" is the
// root, "/..." a JSON pointer, anything else a "$anchor".
func resolveFragment(root map[string]any, frag string) (map[string]any, bool) {
	if frag == "" {
		return root, true
	}
	if f, err := url.PathUnescape(frag); err == nil && !strings.HasPrefix(f, "/") {
		return findAnchor(root, f, 0)
	}
	return fact.ObjectAt(root, frag)
}

func findAnchor(node any, anchor string, depth int) (map[string]any, bool) {
	if depth > 64 {
		return nil, false
	}
	switch n := node.(type) {
	case map[string]any:
		if n["$anchor"] == anchor {
			return n, true
		}
		for _, k := range slices.Sorted(maps.Keys(n)) {
			if m, ok := findAnchor(n[k], anchor, depth+1); ok {
				return m, true
			}
		}
	case []any:
		for _, v := range n {
			if m, ok := findAnchor(v, anchor, depth+1); ok {
				return m, true
			}
		}
	}
	return nil, false
}

// schemaType is the first non-null type a "type" keyword names.
func schemaType(t any) string {
	switch x := t.(type) {
	case string:
		return x
	case []any:
		for _, v := range x {
			if s, ok := v.(string); ok && s != "null" {
				return s
			}
		}
	}
	return ""
}

func ptrOrRoot(ptr string) string {
	if ptr == "" {
		return "the root"
	}
	return ptr
}

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// location is one value a step's pointer reaches.
type location struct {
	obj   map[string]any // the object holding the value, when it is a member
	arr   []any          // the array holding it, when it is an element
	key   string         // member name in obj
	idx   int            // index in arr
	field string         // nearest property name
	base  string         // JSON pointer of obj or arr
}

func (l location) value() any {
	if l.obj != nil {
		return l.obj[l.key]
	}
	return l.arr[l.idx]
}

// pointer returns the JSON pointer of the value. It is made only when a
// change or a failure needs it: most values are normal already.
func (l location) pointer() string {
	if l.obj != nil {
		return l.base + "/" + escapeToken(l.key)
	}
	return l.base + "/" + strconv.Itoa(l.idx)
}

// locate collects the existing values that tokens reach from cur. Absent
// fields are not normalized and so not reached.
func locate(cur any, ptr, field string, tokens []string, out []location) []location {
	tok, rest := tokens[0], tokens[1:]
	switch c := cur.(type) {
	case map[string]any:
		if tok != "*" {
			if v, ok := c[tok]; ok {
				out = locateMember(c, v, ptr, tok, rest, out)
			}
			break
		}
		keys := make([]string, 0, len(c))
		for k := range c {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = locateMember(c, c[k], ptr, k, rest, out)
		}
	case []any:
		if tok == "*" {
			for i := range c {
				out = locateElement(c, i, ptr, field, rest, out)
			}
		} else if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(c) && strconv.Itoa(i) == tok {
			out = locateElement(c, i, ptr, field, rest, out)
		}
	}
	return out
}

// locateMember is locate at member k of object c, whose value is v.
func locateMember(c map[string]any, v any, ptr, k string, rest []string, out []location) []location {
	if len(rest) == 0 {
		return append(out, location{obj: c, key: k, field: k, base: ptr})
	}
	return locate(v, ptr+"/"+escapeToken(k), k, rest, out)
}

// locateElement is locate at element i of array c.
func locateElement(c []any, i int, ptr, field string, rest []string, out []location) []location {
	if len(rest) == 0 {
		return append(out, location{arr: c, idx: i, field: field, base: ptr})
	}
	return locate(c[i], ptr+"/"+strconv.Itoa(i), field, rest, out)
}

// pointerTokens is fact.SplitPointer(p) appended to buf: without
// allocating when buf has room and no token has an escape.
func pointerTokens(p string, buf []string) []string {
	if p == "" {
		return buf
	}
	rest := strings.TrimPrefix(p, "/")
	for {
		tok, after, more := strings.Cut(rest, "/")
		if strings.Contains(tok, "~") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		}
		buf = append(buf, tok)
		if !more {
			return buf
		}
		rest = after
	}
}

// Apply normalizes the fields of one record in place, step by step, and
// returns every change made and every failure. A field whose chain of
// normalizers fails anywhere keeps its original value and sets no sibling.
// A sibling from Result.Extra is set where the record has none (or null),
// and left as it is where the record has an equal one, compared after
// canonicalizing it with the normalizer named in Normalizer.Siblings ("Lt.
// Col." equals "LTC"); a different one is a failure with ConflictCode(key),
// such as CodeRankConflict. Inside arrays a normalizer may neither delete
// an element nor set siblings (CodeArrayElement). Apply keeps no state: one
// Plan may serve many goroutines, each with its own record.
func (p Plan) Apply(fields map[string]any) (changes []Change, failures []Failure) {
	return p.ApplyWith(fields, nil)
}

// ApplyWith is Apply, calling before (when not nil) ahead of every change
// it makes to fields, and only then: a caller that keeps the record as it
// was copies it there, not for every record (most are normal already).
func (p Plan) ApplyWith(fields map[string]any, before func()) (changes []Change, failures []Failure) {
	var tokBuf [8]string
	var locBuf [4]location
	for _, st := range p {
		if !strings.HasPrefix(st.Pointer, "/") {
			continue
		}
		tokens := pointerTokens(st.Pointer, tokBuf[:0])
		for _, loc := range locate(fields, "", "", tokens, locBuf[:0]) {
			ch, f := applyChain(loc, st, before)
			if f != nil {
				failures = append(failures, *f)
				continue
			}
			changes = append(changes, ch...)
		}
	}
	return changes, failures
}

func applyChain(loc location, st Step, before func()) ([]Change, *Failure) {
	fail := func(name string, e *Error) *Failure {
		return &Failure{Pointer: loc.pointer(), Normalizer: name, Err: e}
	}
	val := loc.value()
	var pending []Change
	var extras map[string]any // made when a normalizer sets a sibling
	var extraBy map[string]string
	deleted := false
	for _, name := range st.Names {
		n, ok := Lookup(name)
		if !ok {
			return nil, fail(name, errorf(CodeUnknownNormalizer, "unknown normalizer %q", name))
		}
		res, err := n.Fn(val, st.Ctx)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = errorf(CodeFailed, "%v", err)
			}
			return nil, fail(name, e)
		}
		if (res.Delete || len(res.Extra) > 0) && loc.obj == nil {
			return nil, fail(name, errorf(CodeArrayElement, "%s cannot move %q out of an array element", name, display(val)))
		}
		if len(res.Extra) > 0 && extras == nil {
			extras, extraBy = map[string]any{}, map[string]string{}
		}
		for _, k := range sortedKeys(res.Extra) {
			if _, ok := n.Siblings[k]; !ok {
				return nil, fail(name, errorf(CodeSiblingUndeclared, "%s set %q, which it does not declare", name, k))
			}
			if old, ok := extras[k]; ok && !reflect.DeepEqual(old, res.Extra[k]) {
				return nil, fail(name, errorf(ConflictCode(k), "%s %q from %s conflicts with %q from %s", k, display(res.Extra[k]), name, display(old), extraBy[k]))
			}
			extras[k], extraBy[k] = res.Extra[k], name
		}
		if res.Delete {
			pending = append(pending, Change{Pointer: loc.pointer(), Field: loc.field, Before: display(val), Normalizer: name, Deleted: true})
			deleted = true
			break
		}
		if !sameValue(val, res.Value) {
			pending = append(pending, Change{Pointer: loc.pointer(), Field: loc.field, Before: display(val), After: display(res.Value), Normalizer: name})
		}
		val = res.Value
	}
	// Check the siblings before touching anything.
	var set []string
	for _, k := range sortedKeys(extras) {
		existing, ok := loc.obj[k]
		if !ok || existing == nil || (deleted && k == loc.key) {
			set = append(set, k) // absent or null: nothing to overwrite
			continue
		}
		n, _ := Lookup(extraBy[k])
		if !sameSibling(existing, extras[k], n.Siblings[k]) {
			return nil, fail(extraBy[k], errorf(ConflictCode(k), "%s %q from %q differs from %s %q already in the record",
				k, display(extras[k]), display(loc.value()), k, display(existing)))
		}
	}
	if len(pending) == 0 && len(set) == 0 && !deleted {
		return nil, nil // the value is normal: nothing to write
	}
	if before != nil {
		before()
	}
	if loc.obj != nil {
		if deleted {
			delete(loc.obj, loc.key)
		} else {
			loc.obj[loc.key] = val
		}
	} else {
		loc.arr[loc.idx] = val
	}
	for _, k := range set {
		before := ""
		if old, ok := loc.obj[k]; ok && !(deleted && k == loc.key) {
			before = display(old)
		}
		loc.obj[k] = extras[k]
		pending = append(pending, Change{Pointer: loc.base + "/" + escapeToken(k), Field: k, Before: before, After: display(extras[k]), Normalizer: extraBy[k]})
	}
	return pending, nil
}

// sameSibling reports whether a value the record has equals the one a
// normalizer would set, once canon (a normalizer name, or "") has put the
// record's value in canonical form.
func sameSibling(existing, proposed any, canon string) bool {
	if reflect.DeepEqual(existing, proposed) {
		return true
	}
	if n, ok := Lookup(canon); ok {
		if r, err := n.Fn(existing, Context{}); err == nil && !r.Delete {
			return reflect.DeepEqual(r.Value, proposed)
		}
	}
	return false
}

// display writes a value for a Change: a string as it is, anything else as
// JSON text.
func display(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// sortedKeys returns the keys of m in order; nil for none, without
// allocating (most values set no sibling).
func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

// sameValue is reflect.DeepEqual, quick for the strings most normalizers
// return.
func sameValue(a, b any) bool {
	if x, ok := a.(string); ok {
		y, ok := b.(string)
		return ok && x == y
	}
	return reflect.DeepEqual(a, b)
}
