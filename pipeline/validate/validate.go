// Package validate checks facts and documents against their JSON Schemas.
// Each leaf of a schema error becomes one issue, coded schema.KEYWORD, at the
// line and column of the offending value (a missing property points at its
// parent object). Each x-rule that does not hold becomes one issue with the
// rule's code and severity, at the rule's field of the object it was
// evaluated on.
package validate

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/schema"
)

var printer = message.NewPrinter(language.English)

// Fact validates one fact against its kind's schema and returns its issues:
// the schema's, then the x-rules'. The rules are evaluated beside the
// validator, so the fast path and the library give the same issues.
func Fact(k *schema.Kind, f *fact.Fact) []issue.Issue {
	var out []issue.Issue
	if k.Fast == nil || !k.Fast.Valid(f.Fields) {
		// the library is asked only about records that fail
		out = schemaIssues(k, f)
	}
	for _, rf := range k.Rules.Check(f.Fields) {
		out = append(out, ruleIssue(f, rf))
	}
	return out
}

// schemaIssues validates f with the library.
func schemaIssues(k *schema.Kind, f *fact.Fact) []issue.Issue {
	err := k.Schema.Validate(f.Fields)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		p := f.Pos
		return []issue.Issue{{Severity: issue.Error, Code: "schema.invalid", Message: err.Error(), File: f.File, Line: p.Line, Column: p.Col, Record: f.ID}}
	}
	var out []issue.Issue
	for _, leaf := range leaves(ve, nil) {
		out = append(out, toIssue(k, f, leaf))
	}
	return out
}

// leaves collects the errors that say something: the innermost causes,
// except that anyOf and oneOf are reported whole, since no single branch is
// the one the user meant.
func leaves(e *jsonschema.ValidationError, acc []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		return append(acc, e)
	}
	if len(e.Causes) == 0 {
		switch e.ErrorKind.(type) {
		case *kind.Schema, *kind.Group, *kind.Reference:
			return acc
		}
		return append(acc, e)
	}
	for _, c := range e.Causes {
		acc = leaves(c, acc)
	}
	return acc
}

func toIssue(k *schema.Kind, f *fact.Fact, e *jsonschema.ValidationError) issue.Issue {
	ptr := fact.Pointer(e.InstanceLocation...)
	at := ptr
	msg := e.ErrorKind.LocalizedString(printer)
	switch ek := e.ErrorKind.(type) {
	case *kind.Required:
		// The pointer names the missing property; the position stays on
		// its parent, which is where it would have to be added.
		if len(ek.Missing) == 1 {
			ptr += fact.Pointer(ek.Missing[0])
			msg = fmt.Sprintf("missing required property %q", ek.Missing[0])
		}
	case *kind.AdditionalProperties:
		if len(ek.Properties) > 0 {
			ptr += fact.Pointer(ek.Properties[0])
			at = ptr
			if near := issue.Nearest(ek.Properties[0], propertiesAt(k, e.InstanceLocation), 3); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
		}
	case *kind.AnyOf, *kind.OneOf:
		var alts []string
		for _, c := range e.Causes {
			alts = append(alts, strings.TrimSpace(c.ErrorKind.LocalizedString(printer)))
		}
		if len(alts) > 0 {
			msg += " (" + strings.Join(alts, "; or ") + ")"
		}
	}
	code := "schema.invalid"
	if p := e.ErrorKind.KeywordPath(); len(p) > 0 {
		code = "schema." + p[0]
	}
	pos := f.Locate(at)
	return issue.Issue{
		Severity: issue.Error, Code: code, Message: msg,
		File: f.File, Line: pos.Line, Column: pos.Col, Pointer: ptr, Record: f.ID,
	}
}

// propertiesAt lists the properties the kind's schema names for the object
// at the instance location at (its columns one level below it).
func propertiesAt(k *schema.Kind, at []string) []string {
	var names []string
	for _, c := range k.Columns {
		toks := fact.SplitPointer(c.Pointer)
		if len(toks) <= len(at) || !slices.Equal(toks[:len(at)], at) || slices.Contains(names, toks[len(at)]) {
			continue
		}
		names = append(names, toks[len(at)])
	}
	return names
}

// ruleIssue is the issue of a rule that does not hold: at the rule's field
// of the object it was evaluated on, or at the object when it names none.
func ruleIssue(f *fact.Fact, rf schema.RuleFailure) issue.Issue {
	ptr := rf.Pointer + rf.Rule.Field
	pos := f.Locate(ptr)
	return issue.Issue{
		Severity: rf.Rule.Severity, Code: rf.Rule.Code, Message: rf.Message(),
		File: f.File, Line: pos.Line, Column: pos.Col, Pointer: ptr, Record: f.ID,
	}
}
