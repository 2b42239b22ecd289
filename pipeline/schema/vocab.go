package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"dossier/pipeline/fact"
)

// VocabularyURL identifies dossier's extension keywords.
const VocabularyURL = "https://dossier.dev/vocab/dossier"

// Keywords are dossier's extension keywords. Any other "x-" keyword in a
// schema is an error, so that a misspelling ("x-normalise") is caught
// rather than silently ignored.
var Keywords = []string{"x-decimal", "x-format", "x-key", "x-normalize", "x-rules", "x-unit"}

const vocabSchema = `{
	"$schema": "https://json-schema.org/draft/2020-12/schema",
	"properties": {
		"x-key": { "type": "array", "items": { "type": "string" }, "minItems": 1, "uniqueItems": true },
		"x-normalize": { "type": "array", "items": { "type": "string", "minLength": 1 } },
		"x-format": { "enum": ["percent", "date", "text"] },
		"x-unit": { "anyOf": [{ "enum": ["percent", "fraction"] }, { "type": "string", "pattern": "^[A-Z]{3}$" }] },
		"x-decimal": { "enum": [".", ","] },
		"x-rules": {
			"type": "array",
			"items": {
				"type": "object",
				"additionalProperties": false,
				"required": ["id", "rule", "message"],
				"properties": {
					"id": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$" },
					"field": { "type": "string", "pattern": "^(/[^/]+)+$" },
					"code": { "type": "string", "pattern": "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$" },
					"rule": { "type": "string", "minLength": 1 },
					"message": { "type": "string", "minLength": 1 },
					"severity": { "enum": ["error", "warning", "info"] }
				}
			}
		}
	}
}`

func vocabulary() *jsonschema.Vocabulary {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(vocabSchema))
	if err != nil {
		panic(err) // a constant: covered by every test that loads schemas
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(VocabularyURL, doc); err != nil {
		panic(err)
	}
	sch := c.MustCompile(VocabularyURL)
	return &jsonschema.Vocabulary{
		URL:    VocabularyURL,
		Schema: sch,
		// The library checks the keywords' shape only: x-rules are
		// evaluated beside it (see Rules), on every validation path.
		Compile: func(*jsonschema.CompilerContext, map[string]any) (jsonschema.SchemaExt, error) { return nil, nil },
	}
}

// checkKeywords walks a schema file for unknown x- keywords.
func checkKeywords(f *file) error {
	var bad []string
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if strings.HasPrefix(k, "x-") && !slices.Contains(Keywords, k) && !strings.HasSuffix(ptr, "/properties") {
					bad = append(bad, fmt.Sprintf("%s%s", ptr, fact.Pointer(k)))
				}
				walk(e, ptr+fact.Pointer(k))
			}
		case []any:
			for i, e := range x {
				walk(e, fmt.Sprintf("%s/%d", ptr, i))
			}
		}
	}
	walk(f.doc, "")
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	toks := fact.SplitPointer(bad[0])
	return &Error{File: f.path, Err: fmt.Errorf("unknown keyword %q at %s (dossier knows %s)", toks[len(toks)-1], bad[0], strings.Join(Keywords, ", "))}
}
