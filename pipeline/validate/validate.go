// Package validate checks facts and documents against their JSON Schemas.
// Each leaf of a schema error becomes one issue, coded schema.KEYWORD, at the
// line and column of the offending value (a missing property points at its
// parent object).
package validate

import (
	"errors"
	"fmt"
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

// Fact validates one fact against its kind's schema and returns its issues.
func Fact(k *schema.Kind, f *fact.Fact) []issue.Issue {
	if k.Fast != nil && k.Fast.Valid(f.Fields) {
		return nil // the library is asked only about records that fail
	}
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
		out = append(out, toIssue(f, leaf))
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

func toIssue(f *fact.Fact, e *jsonschema.ValidationError) issue.Issue {
	ptr := fact.Pointer(e.InstanceLocation...)
	at := ptr
	msg := e.ErrorKind.LocalizedString(printer)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		// The pointer names the missing property; the position stays on
		// its parent, which is where it would have to be added.
		if len(k.Missing) == 1 {
			ptr += fact.Pointer(k.Missing[0])
			msg = fmt.Sprintf("missing required property %q", k.Missing[0])
		}
	case *kind.AdditionalProperties:
		if len(k.Properties) > 0 {
			ptr += fact.Pointer(k.Properties[0])
			at = ptr
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
	sev, code := issue.Error, "schema.invalid"
	if p := e.ErrorKind.KeywordPath(); len(p) > 0 {
		code = "schema." + p[0]
	}
	if re, ok := e.ErrorKind.(*schema.RuleError); ok {
		sev, code = re.Rule.Severity, re.Rule.Code
		if re.Rule.Field != "" {
			ptr += re.Rule.Field
			at = ptr
		}
	}
	pos := f.Locate(at)
	return issue.Issue{
		Severity: sev, Code: code, Message: msg,
		File: f.File, Line: pos.Line, Column: pos.Col, Pointer: ptr, Record: f.ID,
	}
}
