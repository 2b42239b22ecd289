package schema

import (
	"encoding/json"
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/message"

	"dossier/pipeline/issue"
)

// ruleCostLimit bounds the work one rule may do on one record, so that a
// rule over a hostile record (a huge list) cannot stall a run.
const ruleCostLimit = 100_000

// Rule is one compiled cross-field rule from x-rules: a CEL expression over
// `self` (the object the schema describes) that must be true.
type Rule struct {
	ID       string
	Code     string // issue code: "rule.<id>", or the rule's own "code"
	Source   string
	Field    string // JSON pointer, relative to the object, of the field to point at
	Message  string
	Severity issue.Severity
	prg      cel.Program
}

// RuleError is the validation error of a rule that does not hold; the
// validator reports it like any keyword, and validate turns it into an
// issue with the rule's code and severity.
type RuleError struct {
	Rule   *Rule
	Detail string // set when the rule could not be evaluated
}

// KeywordPath implements jsonschema.ErrorKind.
func (e *RuleError) KeywordPath() []string { return []string{"x-rules", e.Rule.ID} }

// LocalizedString implements jsonschema.ErrorKind.
func (e *RuleError) LocalizedString(*message.Printer) string {
	if e.Detail != "" {
		return fmt.Sprintf("%s (rule %q could not be evaluated: %s)", e.Rule.Message, e.Rule.ID, e.Detail)
	}
	return e.Rule.Message
}

var celEnv = func() *cel.Env {
	env, err := cel.NewEnv(cel.Variable("self", cel.DynType), cel.CrossTypeNumericComparisons(true))
	if err != nil {
		panic(err) // constant options: any test that loads schemas covers it
	}
	return env
}()

type rulesExt struct{ rules []*Rule }

func init() {
	compileRules = compileRuleList
}

// compileRuleList compiles the x-rules of one schema object once, when the
// schema is compiled. A rule that does not compile, or is not boolean, makes
// the schema fail to load, naming the rule.
func compileRuleList(obj map[string]any) (jsonschema.SchemaExt, error) {
	raw, ok := obj["x-rules"].([]any)
	if !ok || len(raw) == 0 {
		return nil, nil
	}
	ext := &rulesExt{}
	for i, r := range raw {
		m, _ := r.(map[string]any)
		src, _ := m["rule"].(string)
		rule := &Rule{Source: src, Severity: issue.Error}
		rule.ID, _ = m["id"].(string)
		if rule.ID == "" {
			rule.ID = fmt.Sprintf("rule-%d", i+1)
		}
		rule.Code = "rule." + rule.ID
		if c, ok := m["code"].(string); ok && c != "" {
			rule.Code = c
		}
		rule.Message, _ = m["message"].(string)
		rule.Field, _ = m["field"].(string)
		if s, ok := m["severity"].(string); ok {
			sev, err := issue.ParseSeverity(s)
			if err != nil {
				return nil, fmt.Errorf("x-rules %q: %w", rule.ID, err)
			}
			rule.Severity = sev
		}
		ast, iss := celEnv.Compile(src)
		if iss != nil && iss.Err() != nil {
			return nil, fmt.Errorf("x-rules %q: %s", rule.ID, strings.ReplaceAll(iss.Err().Error(), "\n", " "))
		}
		if ast.OutputType() != cel.BoolType && ast.OutputType() != cel.DynType {
			return nil, fmt.Errorf("x-rules %q: the rule gives %s, not a boolean", rule.ID, ast.OutputType())
		}
		prg, err := celEnv.Program(ast, cel.CostLimit(ruleCostLimit))
		if err != nil {
			return nil, fmt.Errorf("x-rules %q: %v", rule.ID, err)
		}
		rule.prg = prg
		ext.rules = append(ext.rules, rule)
	}
	return ext, nil
}

// Validate evaluates every rule against v.
func (x *rulesExt) Validate(ctx *jsonschema.ValidatorContext, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	self := celValue(obj)
	for _, r := range x.rules {
		out, _, err := r.prg.Eval(map[string]any{"self": self})
		if err != nil {
			ctx.AddError(&RuleError{Rule: r, Detail: err.Error()})
			continue
		}
		if b, ok := out.Value().(bool); !ok || !b {
			ctx.AddError(&RuleError{Rule: r})
		}
	}
}

// celValue converts decoded JSON for CEL: json.Number becomes int64 when it
// is a whole number, float64 otherwise.
func celValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = celValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = celValue(e)
		}
		return out
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	}
	return v
}
