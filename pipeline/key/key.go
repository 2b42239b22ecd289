package key

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"dossier/pipeline/normalize"
)

// Key is a fact's identity under its kind's x-key.
type Key struct {
	// Match is the same for two facts that are the same fact: the kind and
	// each key field's canonical value, at the precision the x-key says
	// ("date:year" compares the year of a date).
	Match string
	// Full is Match at full precision ("date:year" compares the whole
	// date): two coups of one year share Match and differ in Full.
	Full string
	// Parts are the canonical values of the key fields at full precision,
	// in x-key order ("" for a field not stated), for ids.
	Parts []string
	// Stated is false when no key field has a value.
	Stated bool
}

// Of returns the key of a record of kind under spec, the kind's x-key:
// field names, each maybe followed by a modifier (":year", the first four
// characters of the value). An empty spec gives an empty key, never Stated.
func Of(kind string, spec []string, rec map[string]any) Key {
	// Full is written once; Parts are slices of it, and Match is Full
	// unless a modifier shortens a value.
	var buf [256]byte
	var bounds [16][2]int
	b := append(buf[:0], kind...)
	ends := bounds[:0]
	var k Key
	short := false
	for _, name := range spec {
		field, mod, _ := strings.Cut(name, ":")
		b = append(b, 0)
		start := len(b)
		if v, ok := rec[field]; ok && v != nil {
			b = appendValue(b, v)
			k.Stated = true
		}
		ends = append(ends, [2]int{start, len(b)})
		short = short || mod == "year" && len(b)-start > 4
	}
	k.Full = string(b)
	k.Parts = make([]string, len(spec))
	for i, e := range ends {
		k.Parts[i] = k.Full[e[0]:e[1]]
	}
	k.Match = k.Full
	if short {
		m := append(buf[:0], kind...)
		for i, name := range spec {
			_, mod, _ := strings.Cut(name, ":")
			s := k.Parts[i]
			if mod == "year" && len(s) >= 4 {
				s = s[:4]
			}
			m = append(m, 0)
			m = append(m, s...)
		}
		k.Match = string(m)
	}
	return k
}

// AppendFull appends Of(kind, spec, rec).Full to b and says whether the
// key is Stated, for callers that only hash or look the key up.
func AppendFull(b []byte, kind string, spec []string, rec map[string]any) ([]byte, bool) {
	return appendKey(b, kind, spec, rec, false)
}

// AppendMatch appends Of(kind, spec, rec).Match to b and says whether the
// key is Stated.
func AppendMatch(b []byte, kind string, spec []string, rec map[string]any) ([]byte, bool) {
	return appendKey(b, kind, spec, rec, true)
}

func appendKey(b []byte, kind string, spec []string, rec map[string]any, match bool) ([]byte, bool) {
	stated := false
	b = append(b, kind...)
	for _, name := range spec {
		field, mod, _ := strings.Cut(name, ":")
		b = append(b, 0)
		start := len(b)
		if v, ok := rec[field]; ok && v != nil {
			b = appendValue(b, v)
			stated = true
		}
		if match && mod == "year" && len(b)-start >= 4 {
			b = b[:start+4]
		}
	}
	return b, stated
}

// appendValue appends Value(v) to b.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return normalize.AppendFoldKey(b, x)
	case []any:
		for i, e := range x {
			if i > 0 {
				b = append(b, itemSep...)
			}
			b = appendValue(b, e)
		}
		return b
	}
	return append(b, Value(v)...)
}

// itemSep separates the items of a list in a canonical value: no folded
// text holds it, so ["a b"] and ["a", "b"] differ.
const itemSep = "\x1f"

// Value returns the canonical form in which a value is compared as a key:
// a string folded (normalize.FoldKey), a number as Number writes it, a
// list as its items' values, anything else as its JSON.
func Value(v any) string {
	return canonical(v, normalize.FoldKey)
}

// Exact is Value without folding strings: the form in which two values
// are the same value (2007 and 2007.0 are; "Touré" and "Toure" are not).
func Exact(v any) string {
	return canonical(v, func(s string) string { return s })
}

func canonical(v any, fold func(string) string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return fold(x)
	case json.Number:
		return Number(x.String())
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canonical(e, fold)
		}
		return strings.Join(parts, itemSep)
	case map[string]any:
		// Objects (evidence) compare by their JSON with canonical values;
		// json.Marshal sorts the keys.
		m := make(map[string]string, len(x))
		for k, e := range x {
			m[k] = canonical(e, fold)
		}
		if s, ok := plainJSONObject(m); ok {
			return s
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// AppendExact appends Exact(v) to b: for the usual values (strings,
// numbers, lists of them, objects of plain text such as evidence) without
// a string of their own.
func AppendExact(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return b
	case string:
		return append(b, x...)
	case []any:
		for i, e := range x {
			if i > 0 {
				b = append(b, itemSep...)
			}
			b = AppendExact(b, e)
		}
		return b
	case map[string]any:
		if len(x) <= 8 {
			if out, ok := appendPlainObject(b, x); ok {
				return out
			}
		}
	}
	return append(b, Exact(v)...)
}

// appendPlainObject appends Exact(m) when plainJSONObject would write it:
// keys in order, every key and value plain text.
func appendPlainObject(b []byte, m map[string]any) ([]byte, bool) {
	var kb [8]string
	keys := kb[:0]
	for k := range m {
		if !plainJSONString(k) {
			return b, false
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	start := len(b)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"', ':', '"')
		v := len(b)
		b = AppendExact(b, m[k])
		if !plainJSONString(b[v:]) {
			return b[:start], false
		}
		b = append(b, '"')
	}
	return append(b, '}'), true
}

// plainJSONObject is json.Marshal(m) when every key and value is
// printable ASCII that JSON writes as it is: no quote, backslash or
// character encoding/json escapes (<, >, &).
func plainJSONObject(m map[string]string) (string, bool) {
	keys := make([]string, 0, len(m))
	n := 2
	for k, v := range m {
		if !plainJSONString(k) || !plainJSONString(v) {
			return "", false
		}
		keys = append(keys, k)
		n += len(k) + len(v) + 6
	}
	slices.Sort(keys)
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"', ':', '"')
		b = append(b, m[k]...)
		b = append(b, '"')
	}
	b = append(b, '}')
	return string(b), true
}

func plainJSONString[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// Number writes a decimal number without a plus sign, leading or trailing
// zeros, so that 2007 and 2007.0 read alike. It works on the digits, with no
// float conversion, so 9007199254740993 keeps its last digit; only a number
// with an exponent goes through a float. A string that is not a number is
// returned as it is.
func Number(s string) string {
	s = strings.TrimPrefix(s, "+")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.ContainsAny(s, "eE") || s == "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s
		}
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if whole == "" {
		whole = "0"
	}
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}
