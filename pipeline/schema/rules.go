package schema

import (
	"encoding/json"
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"dossier/pipeline/issue"
)

// ruleCostLimit bounds the work one rule may do on one object, so that a
// rule over a hostile record (a huge list) cannot stall a run.
const ruleCostLimit = 100_000

// Rule is one compiled cross-field rule from x-rules: a CEL expression over
// `self` (the object the declaring schema describes) that must be true.
type Rule struct {
	ID       string
	Code     string // issue code: "rule.<id>", or the rule's own "code"
	Source   string
	Field    string // JSON pointer, relative to the object, of the field to point at
	Message  string
	Severity issue.Severity
	prg      cel.Program
}

// RuleFailure is a rule that does not hold on one object of a record.
type RuleFailure struct {
	Rule *Rule
	// Pointer is the JSON pointer, in the record, of the object the rule
	// was evaluated on: "" for the record itself, "/evidence" for a rule
	// declared on the evidence definition.
	Pointer string
	Detail  string // set when the rule could not be evaluated
}

// Message is the failure's message: the rule's own, and why it could not
// be evaluated when it could not.
func (f RuleFailure) Message() string {
	if f.Detail != "" {
		return fmt.Sprintf("%s (rule %q could not be evaluated: %s)", f.Rule.Message, f.Rule.ID, f.Detail)
	}
	return f.Rule.Message
}

// celAdapter hands decoded JSON to CEL without copying it: objects and
// arrays are wrapped as they are read, and a json.Number becomes an int
// when it is a whole number that fits, a double otherwise.
type celAdapterT struct{}

var celAdapter celAdapterT

func (celAdapterT) NativeToValue(v any) ref.Val {
	switch x := v.(type) {
	case map[string]any:
		return types.NewStringInterfaceMap(celAdapter, x)
	case []any:
		return types.NewDynamicList(celAdapter, x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return types.Int(i)
		}
		f, _ := x.Float64() // beyond float64: an infinity, as before
		return types.Double(f)
	}
	return types.DefaultTypeAdapter.NativeToValue(v)
}

var celEnv = func() *cel.Env {
	env, err := cel.NewEnv(cel.Variable("self", cel.DynType), cel.CrossTypeNumericComparisons(true), cel.CustomTypeAdapter(celAdapter))
	if err != nil {
		panic(err) // constant options: any test that loads schemas covers it
	}
	return env
}()

// selfActivation binds `self` for one evaluation.
type selfActivation struct{ self ref.Val }

func (a *selfActivation) ResolveName(name string) (any, bool) {
	if name == "self" {
		return a.self, true
	}
	return nil, false
}

func (a *selfActivation) Parent() interpreter.Activation { return nil }

// compileRuleList compiles the x-rules of one schema object, found at ptr
// in its file. A rule that does not compile, or is not boolean, makes the
// schema fail to load, naming the rule and where it is.
func compileRuleList(obj map[string]any, ptr string) ([]*Rule, error) {
	raw, ok := obj["x-rules"].([]any)
	if !ok || len(raw) == 0 {
		return nil, nil
	}
	var out []*Rule
	for i, r := range raw {
		m, _ := r.(map[string]any)
		src, _ := m["rule"].(string)
		rule := &Rule{Source: src, Severity: issue.Error}
		rule.ID, _ = m["id"].(string)
		if rule.ID == "" {
			rule.ID = fmt.Sprintf("rule-%d", i+1)
		}
		at := fmt.Sprintf("%s/x-rules/%d", ptr, i)
		rule.Code = "rule." + rule.ID
		if c, ok := m["code"].(string); ok && c != "" {
			rule.Code = c
		}
		rule.Message, _ = m["message"].(string)
		rule.Field, _ = m["field"].(string)
		if s, ok := m["severity"].(string); ok {
			sev, err := issue.ParseSeverity(s)
			if err != nil {
				return nil, fmt.Errorf("at %s: x-rules %q: %w", at, rule.ID, err)
			}
			rule.Severity = sev
		}
		ast, iss := celEnv.Compile(src)
		if iss != nil && iss.Err() != nil {
			return nil, fmt.Errorf("at %s: x-rules %q: %s", at, rule.ID, strings.ReplaceAll(iss.Err().Error(), "\n", " "))
		}
		if ast.OutputType() != cel.BoolType && ast.OutputType() != cel.DynType {
			return nil, fmt.Errorf("at %s: x-rules %q: the rule gives %s, not a boolean", at, rule.ID, ast.OutputType())
		}
		prg, err := celEnv.Program(ast, cel.CostLimit(ruleCostLimit))
		if err != nil {
			return nil, fmt.Errorf("at %s: x-rules %q: %v", at, rule.ID, err)
		}
		rule.prg = prg
		out = append(out, rule)
	}
	return out, nil
}

// eval evaluates r with self bound to obj; ok false means the rule does
// not hold, detail says why it could not be evaluated.
func (r *Rule) eval(act *selfActivation) (ok bool, detail string) {
	out, _, err := r.prg.Eval(act)
	if err != nil {
		return false, err.Error()
	}
	b, isBool := out.Value().(bool)
	return isBool && b, ""
}
