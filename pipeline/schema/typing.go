package schema

import (
	"encoding/json"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/normalize"
)

// TypeText gives the values of a record read as text (a CSV row) the types
// the kind declares: numbers, booleans, and lists written with ";" between
// items. A value that does not read as its type stays text, so that
// normalization can read it ("79%") or validation can report it.
func (k *Kind) TypeText(f *fact.Fact) {
	for i, c := range k.Columns {
		var toks []string
		if len(k.colPath) == len(k.Columns) {
			toks = k.colPath[i]
		} else {
			toks = fact.SplitPointer(c.Pointer)
		}
		parent := f.Fields
		for _, t := range toks[:len(toks)-1] {
			next, ok := parent[t].(map[string]any)
			if !ok {
				parent = nil
				break
			}
			parent = next
		}
		if parent == nil {
			continue
		}
		last := toks[len(toks)-1]
		s, ok := parent[last].(string)
		if !ok {
			continue
		}
		switch c.Type {
		case "array":
			var items []any
			for _, part := range strings.Split(s, ";") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				items = append(items, typedScalar(c.Items, part))
			}
			parent[last] = items
		default:
			parent[last] = typedScalar(c.Type, s)
		}
	}
}

func typedScalar(typ, s string) any {
	switch typ {
	case "integer", "number":
		t := strings.TrimSpace(s)
		// Only a "." or "," can make a number ambiguous.
		if strings.ContainsAny(t, ".,") && normalize.AmbiguousNumber(t) {
			// "1.000" is 1 to JSON but 1000 to many writers: text from a
			// CSV stays text, for the field's normalizer to refuse (or to
			// read by its x-decimal) and validation to report.
			return s
		}
		if jsonNumber(t) {
			return json.Number(t)
		}
	case "boolean":
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true
		case "false":
			return false
		}
	}
	return s
}

// jsonNumber reports whether s is a JSON number, as encoding/json reads
// one: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func jsonNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
