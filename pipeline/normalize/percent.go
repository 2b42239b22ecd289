package normalize

import (
	"encoding/json"
	"math/big"
	"strings"
)

// percentSuffixes are the ways a text marks a number as a percentage,
// longest first.
var percentSuffixes = []string{"per cent", "percent", "pct", "%"}

// percent normalizes a percentage to a JSON number: 0..100 by default, 0..1
// when the field is a fraction. A plain number is never rescaled: 0.79 in a
// percent field and 79 in a fraction field are left for validation to judge.
func percent(v any, ctx Context) (Result, error) {
	switch x := v.(type) {
	case json.Number:
		if ctx.Type != "string" && canonicalDecimal(string(x)) {
			return Result{Value: v}, nil // what numberValue would give
		}
		r, ok := parseDecimal(string(x))
		if !ok {
			return Result{Value: v}, nil
		}
		return Result{Value: numberValue(r, ctx)}, nil
	case string:
		if isBlank(x) {
			return Result{Value: v}, nil
		}
		t := strings.ToLower(collapseSpace(x))
		marked := false
		for _, suf := range percentSuffixes {
			if rest, ok := strings.CutSuffix(t, suf); ok {
				t, marked = strings.TrimSpace(rest), true
				break
			}
		}
		r, p := readNumber(t, ctx.Decimal)
		switch p {
		case numberAmbiguous:
			return Result{}, ambiguousError(collapseSpace(x), t)
		case numberInvalid:
			return Result{}, errorf(CodePercentInvalid, "invalid percent %q: not a number with an optional %%, \"percent\" or \"per cent\"", collapseSpace(x))
		}
		if marked && ctx.Fraction {
			r.Quo(r, big.NewRat(100, 1))
		}
		return Result{Value: numberValue(r, ctx)}, nil
	}
	return Result{Value: v}, nil
}
