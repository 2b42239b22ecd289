package schema

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cel.dev/cel-go/common/types"

	"dossier/pipeline/fact"
)

// Rules is where the x-rules of one kind apply: the rules declared in the
// kind's own file and in every schema it references, each bound to the
// schema object it is declared on. A rule is evaluated on every object of
// a record that its schema object describes, with that object as `self`:
// a rule of defs.schema.json#/$defs/evidence sees a fact's evidence.
//
// A schema object describes a value when the kind reaches it through
// properties, patternProperties, additionalProperties, items, prefixItems,
// allOf or $ref, in any file and at any depth. A rule behind any other
// keyword (anyOf, oneOf, not, if, then, else, contains, dependentSchemas,
// ...) would hold only when some other schema matches; Load refuses it.
//
// Rules are evaluated beside the validator, whichever path it takes, so a
// record gets the same rule issues from the fast path and the library.
type Rules struct {
	root *ruleNode
}

// ruleNode is one schema object on the way to rules.
type ruleNode struct {
	rules    []*Rule
	same     []*ruleNode // $ref and allOf: schemas of the same value
	props    []ruleProp  // by name; only those that lead to rules
	declared map[string]bool
	patterns []rulePattern // all of them: they decide what is additional
	addl     *ruleNode
	prefix   []*ruleNode // nil where an item leads to no rule
	items    *ruleNode

	live  bool        // leads to a rule
	apply []*ruleNode // this node and the nodes of its $ref and allOf that do something, once each
}

type ruleProp struct {
	name string
	node *ruleNode
}

type rulePattern struct {
	re   *regexp.Regexp
	node *ruleNode // nil when it leads to no rule
}

// Keywords that hold subschemas: how (one, an array, a map of them) and
// when the subschema applies to the values it names.
const (
	subOne = iota
	subArray
	subMap
	subOneOrArray // items: one schema (2020-12) or an array (earlier drafts)
)

const (
	always      = iota // applies to the values it names, whatever they hold
	conditional        // applies, or counts, only when some schema matches
	definitions        // applies only where a $ref names it
)

type subKeyword struct{ shape, applies int }

var subschemaKeywords = map[string]subKeyword{
	"allOf": {subArray, always}, "properties": {subMap, always}, "patternProperties": {subMap, always},
	"additionalProperties": {subOne, always}, "items": {subOneOrArray, always}, "prefixItems": {subArray, always},
	"anyOf": {subArray, conditional}, "oneOf": {subArray, conditional}, "not": {subOne, conditional},
	"if": {subOne, conditional}, "then": {subOne, conditional}, "else": {subOne, conditional},
	"contains": {subOne, conditional}, "propertyNames": {subOne, conditional}, "additionalItems": {subOne, conditional},
	"unevaluatedItems": {subOne, conditional}, "unevaluatedProperties": {subOne, conditional},
	"contentSchema": {subOne, conditional}, "dependentSchemas": {subMap, conditional}, "dependencies": {subMap, conditional},
	"$defs": {subMap, definitions}, "definitions": {subMap, definitions},
}

// eachSub calls fn for every subschema object that keyword kw of a schema
// at ptr holds, with the subschema's pointer.
func eachSub(kw string, v any, ptr string, fn func(sub map[string]any, ptr string)) {
	k, ok := subschemaKeywords[kw]
	if !ok {
		return
	}
	at := ptr + fact.Pointer(kw)
	switch x := v.(type) {
	case map[string]any:
		switch k.shape {
		case subMap:
			for _, name := range slices.Sorted(maps.Keys(x)) {
				if m, ok := x[name].(map[string]any); ok {
					fn(m, at+fact.Pointer(name))
				}
			}
		case subOne, subOneOrArray:
			fn(x, at)
		}
	case []any:
		if k.shape == subArray || k.shape == subOneOrArray {
			for i, e := range x {
				if m, ok := e.(map[string]any); ok {
					fn(m, at+"/"+strconv.Itoa(i))
				}
			}
		}
	}
}

// compileFileRules compiles the x-rules of every schema object of f, used
// or not, so that a broken rule is an error against its own file.
func (s *Set) compileFileRules(f *file) error {
	var err error
	var walk func(obj map[string]any, ptr string)
	walk = func(obj map[string]any, ptr string) {
		if err != nil {
			return
		}
		if _, err = s.rulesAt(f, obj, ptr); err != nil {
			return
		}
		for _, kw := range slices.Sorted(maps.Keys(obj)) {
			eachSub(kw, obj[kw], ptr, walk)
		}
	}
	walk(f.doc, "")
	return err
}

// rulesAt returns the compiled x-rules of the schema object obj (at ptr in
// f), compiling them once.
func (s *Set) rulesAt(f *file, obj map[string]any, ptr string) ([]*Rule, error) {
	key := reflect.ValueOf(obj).Pointer()
	if r, ok := s.rules[key]; ok {
		return r, nil
	}
	r, err := compileRuleList(obj, ptr)
	if err != nil {
		return nil, &Error{File: f.path, Err: err}
	}
	s.rules[key] = r
	return r, nil
}

// buildRules finds every rule the kind of file f reaches; nil when none.
func (s *Set) buildRules(f *file) (*Rules, error) {
	b := &ruleBuilder{s: s, nodes: map[uintptr]*ruleNode{}, cond: map[uintptr]bool{}}
	root := b.node(f, f.doc, "")
	if b.err != nil {
		return nil, b.err
	}
	b.finish()
	if !root.live {
		return nil, nil
	}
	return &Rules{root: root}, nil
}

type ruleBuilder struct {
	s     *Set
	nodes map[uintptr]*ruleNode
	order []*ruleNode
	cond  map[uintptr]bool // schemas searched for rules behind a condition
	err   error
}

func (b *ruleBuilder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// node builds the node of schema object obj, at ptr in f.
func (b *ruleBuilder) node(f *file, obj map[string]any, ptr string) *ruleNode {
	key := reflect.ValueOf(obj).Pointer()
	if n, ok := b.nodes[key]; ok {
		return n
	}
	n := &ruleNode{}
	b.nodes[key] = n
	b.order = append(b.order, n)
	rules, err := b.s.rulesAt(f, obj, ptr)
	if err != nil {
		b.fail(err)
		return n
	}
	n.rules = rules
	for _, kw := range slices.Sorted(maps.Keys(obj)) {
		v := obj[kw]
		at := ptr + fact.Pointer(kw)
		switch kw {
		case "$ref":
			ref, _ := v.(string)
			if tf, tobj, tptr, ok := b.s.resolvePtr(f, ref); ok {
				n.same = append(n.same, b.node(tf, tobj, tptr))
			} else {
				b.unfollowed(f, at, ref)
			}
		case "$dynamicRef":
			ref, _ := v.(string)
			b.unfollowed(f, at, ref)
		case "allOf":
			eachSub(kw, v, ptr, func(sub map[string]any, p string) { n.same = append(n.same, b.node(f, sub, p)) })
		case "properties":
			m, _ := v.(map[string]any)
			n.declared = make(map[string]bool, len(m))
			for _, name := range slices.Sorted(maps.Keys(m)) {
				n.declared[name] = true
				if sm, ok := m[name].(map[string]any); ok {
					n.props = append(n.props, ruleProp{name, b.node(f, sm, at+fact.Pointer(name))})
				}
			}
		case "patternProperties":
			m, _ := v.(map[string]any)
			for _, pat := range slices.Sorted(maps.Keys(m)) {
				re, err := regexp.Compile(pat)
				if err != nil {
					b.fail(&Error{File: f.path, Err: fmt.Errorf("at %s: %v", at, err)})
					continue
				}
				var sub *ruleNode
				if sm, ok := m[pat].(map[string]any); ok {
					sub = b.node(f, sm, at+fact.Pointer(pat))
				}
				n.patterns = append(n.patterns, rulePattern{re, sub})
			}
		case "additionalProperties":
			eachSub(kw, v, ptr, func(sub map[string]any, p string) { n.addl = b.node(f, sub, p) })
		case "items":
			if _, isArr := v.([]any); isArr {
				eachSub(kw, v, ptr, func(sub map[string]any, p string) { n.prefix = append(n.prefix, b.node(f, sub, p)) })
				n.prefix = padPrefix(n.prefix, v)
			} else {
				eachSub(kw, v, ptr, func(sub map[string]any, p string) { n.items = b.node(f, sub, p) })
			}
		case "prefixItems":
			eachSub(kw, v, ptr, func(sub map[string]any, p string) { n.prefix = append(n.prefix, b.node(f, sub, p)) })
			n.prefix = padPrefix(n.prefix, v)
		default:
			if subschemaKeywords[kw].applies == conditional {
				via := condition{kw, f, at}
				eachSub(kw, v, ptr, func(sub map[string]any, p string) { b.noRulesBehind(f, sub, p, via) })
			}
		}
	}
	return n
}

// padPrefix keeps prefix items at their index when some of them are
// boolean schemas (which carry no rules).
func padPrefix(nodes []*ruleNode, v any) []*ruleNode {
	arr, _ := v.([]any)
	if len(nodes) == len(arr) {
		return nodes
	}
	out := make([]*ruleNode, len(arr))
	j := 0
	for i, e := range arr {
		if _, ok := e.(map[string]any); ok {
			out[i] = nodes[j]
			j++
		}
	}
	return out
}

// condition is a keyword whose subschemas apply only under a condition.
type condition struct {
	kw  string
	f   *file
	ptr string
}

// noRulesBehind searches a schema reached through a condition for x-rules:
// it may hold none.
func (b *ruleBuilder) noRulesBehind(f *file, obj map[string]any, ptr string, via condition) {
	key := reflect.ValueOf(obj).Pointer()
	if b.err != nil || b.cond[key] {
		return
	}
	b.cond[key] = true
	rules, err := b.s.rulesAt(f, obj, ptr)
	if err != nil {
		b.fail(err)
		return
	}
	if len(rules) > 0 {
		where := via.ptr
		if via.f != f {
			where = via.f.path + "#" + via.ptr
		}
		b.fail(&Error{File: f.path, Err: fmt.Errorf("at %s/x-rules: rules may be declared only where their schema always applies (reached through properties, patternProperties, additionalProperties, items, prefixItems, allOf or $ref); these are behind %s at %s",
			ptr, via.kw, where)})
		return
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		switch k {
		case "$ref":
			ref, _ := obj[k].(string)
			if tf, tobj, tptr, ok := b.s.resolvePtr(f, ref); ok {
				b.noRulesBehind(tf, tobj, tptr, via)
			} else {
				b.unfollowed(f, ptr+"/$ref", ref)
			}
		case "$dynamicRef":
			ref, _ := obj[k].(string)
			b.unfollowed(f, ptr+"/$dynamicRef", ref)
		default:
			if subschemaKeywords[k].applies != definitions {
				eachSub(k, obj[k], ptr, func(sub map[string]any, p string) { b.noRulesBehind(f, sub, p, via) })
			}
		}
	}
}

// unfollowed is a reference the rules cannot be looked for behind: an
// error when the folder declares any rule, since one could hide there.
func (b *ruleBuilder) unfollowed(f *file, at, ref string) {
	if b.s.anyRules {
		b.fail(&Error{File: f.path, Err: fmt.Errorf("at %s: cannot follow %q to look for x-rules", at, ref)})
	}
}

// finish marks the nodes that lead to a rule, drops the branches that do
// not, and lists for each node what applies to its value.
func (b *ruleBuilder) finish() {
	for changed := true; changed; {
		changed = false
		for _, n := range b.order {
			if !n.live && n.leads() {
				n.live, changed = true, true
			}
		}
	}
	for _, n := range b.order {
		if !n.live {
			continue
		}
		n.props = slices.DeleteFunc(n.props, func(p ruleProp) bool { return !p.node.live })
		for i := range n.patterns {
			n.patterns[i].node = liveOrNil(n.patterns[i].node)
		}
		n.addl, n.items = liveOrNil(n.addl), liveOrNil(n.items)
		for i := range n.prefix {
			n.prefix[i] = liveOrNil(n.prefix[i])
		}
	}
	for _, n := range b.order {
		if n.live {
			n.apply = closure(n, nil, map[*ruleNode]bool{})
		}
	}
}

func liveOrNil(n *ruleNode) *ruleNode {
	if n == nil || !n.live {
		return nil
	}
	return n
}

// leads reports whether n has rules or a child that leads to one.
func (n *ruleNode) leads() bool {
	if len(n.rules) > 0 {
		return true
	}
	for _, m := range n.same {
		if m.live {
			return true
		}
	}
	return n.hasLiveChild()
}

func (n *ruleNode) hasLiveChild() bool {
	for _, p := range n.props {
		if p.node.live {
			return true
		}
	}
	for _, p := range n.patterns {
		if p.node != nil && p.node.live {
			return true
		}
	}
	for _, m := range n.prefix {
		if m != nil && m.live {
			return true
		}
	}
	return n.addl != nil && n.addl.live || n.items != nil && n.items.live
}

// closure lists n and what its $ref and allOf reach, each once, keeping
// those with rules or children of their own.
func closure(n *ruleNode, acc []*ruleNode, seen map[*ruleNode]bool) []*ruleNode {
	if !n.live || seen[n] {
		return acc
	}
	seen[n] = true
	if len(n.rules) > 0 || n.hasLiveChild() {
		acc = append(acc, n)
	}
	for _, m := range n.same {
		acc = closure(m, acc, seen)
	}
	return acc
}

// resolvePtr is resolve that also says at which pointer of its file the
// target is.
func (s *Set) resolvePtr(f *file, ref string) (*file, map[string]any, string, bool) {
	tf, obj, ok := s.resolve(f, ref)
	if !ok {
		return nil, nil, "", false
	}
	_, frag, _ := strings.Cut(ref, "#")
	return tf, obj, frag, true
}

// Check evaluates the rules on a decoded record and returns those that do
// not hold, in a stable order (each rule once per object); nil when all
// hold or r is nil.
func (r *Rules) Check(v any) []RuleFailure {
	if r == nil {
		return nil
	}
	var c checker
	c.visit(r.root, v)
	return c.out
}

type checker struct {
	path []string // of the value being visited
	out  []RuleFailure
}

func (c *checker) visit(n *ruleNode, v any) {
	for _, m := range n.apply {
		c.own(m, v)
	}
}

// own evaluates what node m itself holds on v: its rules, then its
// children on the values they describe.
func (c *checker) own(m *ruleNode, v any) {
	switch x := v.(type) {
	case map[string]any:
		if len(m.rules) > 0 {
			c.evalRules(m.rules, x)
		}
		for _, p := range m.props {
			if e, ok := x[p.name]; ok {
				c.descend(p.name, p.node, e)
			}
		}
		if m.addl != nil || m.hasLivePattern() {
			for _, k := range slices.Sorted(maps.Keys(x)) {
				matched := m.declared[k]
				for _, p := range m.patterns {
					if p.re.MatchString(k) {
						matched = true
						if p.node != nil {
							c.descend(k, p.node, x[k])
						}
					}
				}
				if !matched && m.addl != nil {
					c.descend(k, m.addl, x[k])
				}
			}
		}
	case []any:
		for i, e := range x {
			n := m.items
			if i < len(m.prefix) {
				n = m.prefix[i]
			}
			if n != nil {
				c.descend(strconv.Itoa(i), n, e)
			}
		}
	}
}

func (m *ruleNode) hasLivePattern() bool {
	for _, p := range m.patterns {
		if p.node != nil {
			return true
		}
	}
	return false
}

func (c *checker) descend(tok string, n *ruleNode, v any) {
	c.path = append(c.path, tok)
	c.visit(n, v)
	c.path = c.path[:len(c.path)-1]
}

func (c *checker) evalRules(rules []*Rule, obj map[string]any) {
	act := &selfActivation{types.NewStringInterfaceMap(celAdapter, obj)}
	for _, r := range rules {
		if ok, detail := r.eval(act); !ok {
			c.fail(r, detail)
		}
	}
}

func (c *checker) fail(r *Rule, detail string) {
	ptr := fact.Pointer(c.path...)
	for _, o := range c.out {
		if o.Rule == r && o.Pointer == ptr {
			return
		}
	}
	c.out = append(c.out, RuleFailure{Rule: r, Pointer: ptr, Detail: detail})
}
