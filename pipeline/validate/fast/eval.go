package fast

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"dossier/pipeline/fact"
)

// res is a verdict. rAbort means the fast path cannot tell (a value that is
// not decoded JSON, a number the library cannot parse where it compares it,
// a very long uniqueItems array): Valid then says false, and the library
// decides.
type res int8

const (
	rInvalid res = iota
	rValid
	rAbort
)

// maxUnique is the longest array whose uniqueItems is checked here (pairwise,
// without allocating); a longer one goes to the library.
const maxUnique = 1024

// val is one instance value, taken apart once for all the schemas that look
// at it.
type val struct {
	v     any  // the value itself; unset (boxed false) for a property name
	boxed bool // v is set
	kind  uint8
	s     string
	obj   map[string]any
	arr   []any
	num   num
}

// set takes v apart; false when v is not a JSON value (the library rejects
// such a value whatever the schema, except the schema true).
func (x *val) set(v any) bool {
	x.v, x.boxed = v, true
	switch t := v.(type) {
	case string:
		x.kind, x.s = tString, t
	case map[string]any:
		x.kind, x.obj = tObject, t
	case []any:
		x.kind, x.arr = tArray, t
	case json.Number:
		x.kind, x.num = tNumber, parseNum(string(t))
	case bool:
		x.kind = tBool
	case nil:
		x.kind = tNull
	default:
		n, ok := numOf(v)
		if !ok {
			return false
		}
		x.kind, x.num = tNumber, n
	}
	return true
}

// numOf parses a number the way the library does (fmt.Sprint, then
// big.Rat.SetString); false for a value that is not a number, or not a
// finite one.
func numOf(v any) (num, bool) {
	switch t := v.(type) {
	case json.Number:
		return parseNum(string(t)), true
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return num{}, false
		}
		return parseNum(strconv.FormatFloat(t, 'g', -1, 64)), true
	case float32:
		if math.IsNaN(float64(t)) || math.IsInf(float64(t), 0) {
			return num{}, false
		}
		return parseNum(strconv.FormatFloat(float64(t), 'g', -1, 32)), true
	case int:
		return parseNum(strconv.FormatInt(int64(t), 10)), true
	case int8:
		return parseNum(strconv.FormatInt(int64(t), 10)), true
	case int16:
		return parseNum(strconv.FormatInt(int64(t), 10)), true
	case int32:
		return parseNum(strconv.FormatInt(int64(t), 10)), true
	case int64:
		return parseNum(strconv.FormatInt(t, 10)), true
	case uint:
		return parseNum(strconv.FormatUint(uint64(t), 10)), true
	case uint8:
		return parseNum(strconv.FormatUint(uint64(t), 10)), true
	case uint16:
		return parseNum(strconv.FormatUint(uint64(t), 10)), true
	case uint32:
		return parseNum(strconv.FormatUint(uint64(t), 10)), true
	case uint64:
		return parseNum(strconv.FormatUint(t, 10)), true
	}
	return num{}, false
}

// kindOf is the JSON type bit of v; 0 when v is not a JSON value.
func kindOf(v any) uint8 {
	switch v.(type) {
	case string:
		return tString
	case map[string]any:
		return tObject
	case []any:
		return tArray
	case bool:
		return tBool
	case nil:
		return tNull
	}
	if _, ok := numOf(v); ok {
		return tNumber
	}
	return 0
}

// Valid reports whether v (decoded JSON: map[string]any, []any, string,
// json.Number, bool, nil; other Go numbers are taken as the library takes
// them) is valid against the schema. True means the library accepts v too.
// It is safe for concurrent use and does not allocate for typical records.
func (x *Validator) Valid(v any) bool {
	var a val
	if !a.set(v) {
		return false
	}
	return x.root.check(&a) == rValid
}

func (n *node) checkAny(v any) res {
	switch n.always {
	case 1:
		return rValid
	case -1:
		return rInvalid
	}
	var a val
	if !a.set(v) {
		return rAbort
	}
	return n.check(&a)
}

func (n *node) check(x *val) res {
	switch n.always {
	case 1:
		return rValid
	case -1:
		return rInvalid
	}
	if n.hasTypes && n.types&x.kind == 0 {
		if x.kind != tNumber || n.types&tInteger == 0 || !x.num.isInt() {
			return rInvalid
		}
	}
	if n.hasConst && !equalVal(x, n.constV) {
		return rInvalid
	}
	if n.hasEnum && !n.inEnum(x) {
		return rInvalid
	}
	if n.format != nil && x.kind == tString && !(n.day && !x.boxed && fact.IsDay(x.s)) {
		v := x.v
		if !x.boxed {
			v = x.s
		}
		if n.format.Validate(v) != nil {
			return rInvalid
		}
	}
	r := rValid
	switch x.kind {
	case tObject:
		if n.objKw {
			r = n.checkObj(x.obj)
		}
	case tArray:
		if n.arrKw {
			r = n.checkArr(x.arr)
		}
	case tString:
		if n.strKw {
			r = n.checkStr(x.s)
		}
	case tNumber:
		if n.numKw {
			r = n.checkNum(x.num)
		}
	}
	if r != rValid {
		return r
	}
	if n.ref != nil {
		if r := n.ref.check(x); r != rValid {
			return r
		}
	}
	if n.condKw {
		return n.checkCond(x)
	}
	return rValid
}

func (n *node) checkObj(obj map[string]any) res {
	if !n.objPresence(obj) {
		return rInvalid
	}
	var found int // required properties present
	var r res
	if n.iterObj {
		found, r = n.checkEachProp(obj)
	} else {
		found, r = n.checkNamedProps(obj)
	}
	if r != rValid {
		return r
	}
	if found != n.nReqProps {
		return rInvalid
	}
	if n.propNames != nil {
		for k := range obj {
			a := val{kind: tString, s: k}
			if r := n.propNames.check(&a); r != rValid {
				return r
			}
		}
	}
	return rValid
}

// objPresence checks what needs only the property names: their count,
// the required ones not in properties, and dependentRequired.
func (n *node) objPresence(obj map[string]any) bool {
	if n.minProps >= 0 && len(obj) < n.minProps || n.maxProps >= 0 && len(obj) > n.maxProps {
		return false
	}
	for _, name := range n.required {
		if _, ok := obj[name]; !ok {
			return false
		}
	}
	if n.nReqProps > len(obj) {
		return false
	}
	for _, d := range n.depReq {
		if _, ok := obj[d.name]; ok {
			for _, name := range d.req {
				if _, ok := obj[name]; !ok {
					return false
				}
			}
		}
	}
	return true
}

// checkEachProp checks every property of obj against properties,
// patternProperties and additionalProperties, and counts the required
// properties found.
func (n *node) checkEachProp(obj map[string]any) (found int, r res) {
	for k, v := range obj {
		matched := false
		if i, ok := n.props[k]; ok {
			matched = true
			p := &n.propList[i]
			if p.req {
				found++
			}
			if r := p.n.checkAny(v); r != rValid {
				return found, r
			}
		}
		for _, p := range n.patProps {
			if p.re.MatchString(k) {
				matched = true
				if r := p.n.checkAny(v); r != rValid {
					return found, r
				}
			}
		}
		if !matched {
			switch n.addl {
			case addlFalse:
				return found, rInvalid
			case addlSchema:
				if r := n.addlNode.checkAny(v); r != rValid {
					return found, r
				}
			}
		}
	}
	return found, rValid
}

// checkNamedProps checks the properties that properties names, when no
// other keyword looks at the rest, and counts the required ones found.
func (n *node) checkNamedProps(obj map[string]any) (found int, r res) {
	for i := range n.propList {
		p := &n.propList[i]
		if v, ok := obj[p.name]; ok {
			if p.req {
				found++
			}
			if r := p.n.checkAny(v); r != rValid {
				return found, r
			}
		}
	}
	return found, rValid
}

func (n *node) checkArr(arr []any) res {
	if n.minItems >= 0 && len(arr) < n.minItems {
		return rInvalid
	}
	if n.maxItems >= 0 && len(arr) > n.maxItems {
		return rInvalid
	}
	if n.unique && len(arr) > 1 {
		if len(arr) > maxUnique {
			return rAbort
		}
		for i := 1; i < len(arr); i++ {
			for j := 0; j < i; j++ {
				eq, bad := equalAny(arr[i], arr[j])
				if bad {
					return rAbort
				}
				if eq {
					return rInvalid
				}
			}
		}
	}
	np := min(len(n.prefix), len(arr))
	for i := 0; i < np; i++ {
		if r := n.prefix[i].checkAny(arr[i]); r != rValid {
			return r
		}
	}
	if n.items != nil {
		for _, v := range arr[np:] {
			if r := n.items.checkAny(v); r != rValid {
				return r
			}
		}
	}
	if n.contains != nil {
		want := n.minContains
		if want < 0 {
			want = 1
		}
		found := 0
		for _, v := range arr {
			switch n.contains.checkAny(v) {
			case rAbort:
				return rAbort
			case rValid:
				found++
			}
			if found >= want && n.maxContains < 0 {
				break
			}
		}
		if found < want || n.maxContains >= 0 && found > n.maxContains {
			return rInvalid
		}
	}
	return rValid
}

func (n *node) checkStr(s string) res {
	if n.minLen >= 0 || n.maxLen >= 0 {
		// A string of l bytes holds between ceil(l/4) and l code points
		// (an invalid byte counts as one, as in utf8.RuneCount).
		l := len(s)
		if n.maxLen >= 0 && l > n.maxLen || n.minLen >= 0 && (l+3)/4 < n.minLen {
			c := utf8.RuneCountInString(s)
			if n.minLen >= 0 && c < n.minLen || n.maxLen >= 0 && c > n.maxLen {
				return rInvalid
			}
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		return rInvalid
	}
	return rValid
}

func (n *node) checkNum(a num) res {
	if a.kind == numBad {
		return rAbort // the library panics comparing a number it cannot parse
	}
	if n.minimum != nil && numCmp(a, n.minimum.n) < 0 {
		return rInvalid
	}
	if n.maximum != nil && numCmp(a, n.maximum.n) > 0 {
		return rInvalid
	}
	if n.exMin != nil && numCmp(a, n.exMin.n) <= 0 {
		return rInvalid
	}
	if n.exMax != nil && numCmp(a, n.exMax.n) >= 0 {
		return rInvalid
	}
	if n.multipleOf != nil && !numMultiple(a, n.multipleOf.n) {
		return rInvalid
	}
	return rValid
}

func (n *node) checkCond(x *val) res {
	if n.not != nil {
		switch n.not.check(x) {
		case rAbort:
			return rAbort
		case rValid:
			return rInvalid
		}
	}
	for _, s := range n.allOf {
		if r := s.check(x); r != rValid {
			return r
		}
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, s := range n.anyOf {
			r := s.check(x)
			if r == rAbort {
				return rAbort
			}
			if r == rValid {
				matched = true
				break
			}
		}
		if !matched {
			return rInvalid
		}
	}
	if len(n.oneOf) > 0 {
		matched := 0
		for _, s := range n.oneOf {
			switch s.check(x) {
			case rAbort:
				return rAbort
			case rValid:
				matched++
				if matched > 1 {
					return rInvalid
				}
			}
		}
		if matched == 0 {
			return rInvalid
		}
	}
	if n.ifN != nil && (n.thenN != nil || n.elseN != nil) {
		var next *node
		switch n.ifN.check(x) {
		case rAbort:
			return rAbort
		case rValid:
			next = n.thenN
		default:
			next = n.elseN
		}
		if next != nil {
			return next.check(x)
		}
	}
	return rValid
}

// inEnum is the library's enum check.
func (n *node) inEnum(x *val) bool {
	if x.kind == tString {
		_, ok := n.enumStrs[x.s]
		return ok
	}
	for _, e := range n.enum {
		if equalVal(x, e) {
			return true
		}
	}
	return false
}

// equalVal is the library's equals(instance, c) for a schema value c
// (enum, const): numbers compare mathematically, objects and arrays deeply.
// An instance holding something that is not JSON equals nothing.
func equalVal(x *val, c any) bool {
	switch x.kind {
	case tString:
		s, ok := c.(string)
		return ok && s == x.s
	case tNull:
		return c == nil
	case tBool:
		b, ok := c.(bool)
		return ok && b == x.v.(bool)
	case tNumber:
		if kindOf(c) != tNumber {
			return false
		}
		cn, _ := numOf(c)
		return numEqual(x.num, cn)
	}
	eq, bad := equalAny(x.v, c)
	return eq && !bad
}

// equalAny is the library's equals for two values; bad when it meets a
// value that is not JSON, where the library's answer depends on map order.
func equalAny(a, b any) (eq, bad bool) {
	ka, kb := kindOf(a), kindOf(b)
	if ka == 0 || kb == 0 {
		return false, true
	}
	if ka != kb {
		return false, false
	}
	switch ka {
	case tString:
		return a.(string) == b.(string), false
	case tBool:
		return a.(bool) == b.(bool), false
	case tNull:
		return true, false
	case tNumber:
		na, _ := numOf(a)
		nb, _ := numOf(b)
		return numEqual(na, nb), false
	case tArray:
		aa, ba := a.([]any), b.([]any)
		if len(aa) != len(ba) {
			return false, false
		}
		for i := range aa {
			if eq, bad := equalAny(aa[i], ba[i]); !eq || bad {
				return false, bad
			}
		}
		return true, false
	default:
		ao, bo := a.(map[string]any), b.(map[string]any)
		if len(ao) != len(bo) {
			return false, false
		}
		for k, av := range ao {
			bv, ok := bo[k]
			if !ok {
				return false, false
			}
			if eq, bad := equalAny(av, bv); !eq || bad {
				return false, bad
			}
		}
		return true, false
	}
}
