package schema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/normalize"
	"dossier/pipeline/schema"
)

const shipped = "../../schemas"

func loadShipped(t *testing.T) *schema.Set {
	t.Helper()
	s, err := schema.Load(shipped)
	if err != nil {
		t.Fatalf("Load(%s): %v", shipped, err)
	}
	return s
}

func columnNames(k *schema.Kind) []string {
	var out []string
	for _, c := range k.Columns {
		out = append(out, c.Name)
	}
	return out
}

func TestLoadShipped(t *testing.T) {
	s := loadShipped(t)
	want := []string{"ambassador", "event", "mission", "official", "poll", "program"}
	if got := s.KindNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("KindNames = %v, want %v", got, want)
	}
	if s.Document == nil || s.Document.Name != schema.DocumentKind {
		t.Fatalf("Document = %+v, want the document schema", s.Document)
	}
	if _, ok := s.Kinds["document"]; ok {
		t.Error("document is listed among the fact kinds")
	}
	if _, ok := s.Kinds["defs"]; ok {
		t.Error("the definitions library is listed as a kind")
	}
	for name, k := range s.Kinds {
		if k.Name != name || k.Schema == nil || k.Title == "" || !strings.HasSuffix(k.File, name+".schema.json") {
			t.Errorf("kind %q = name %q file %q title %q", name, k.Name, k.File, k.Title)
		}
	}
}

// fileOrder returns the top-level property names of a schema file in the
// order the file writes them.
func fileOrder(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	depth := 0
	inProps := false
	var names []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
				if inProps && depth == 1 {
					return names
				}
			}
		case string:
			if depth == 1 && v == "properties" && !inProps {
				inProps = true
				continue
			}
			if inProps && depth == 2 && dec.More() {
				names = append(names, v)
				// skip the property's schema
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return names
}

// Columns follow each schema file's property order, with the evidence
// object flattened into evidence.document and evidence.quote.
func TestColumnsFollowFileOrder(t *testing.T) {
	s := loadShipped(t)
	kinds := map[string]*schema.Kind{"document": s.Document}
	for n, k := range s.Kinds {
		kinds[n] = k
	}
	for name, k := range kinds {
		t.Run(name, func(t *testing.T) {
			var want []string
			for _, p := range fileOrder(t, k.File) {
				if p == "evidence" {
					want = append(want, "evidence.document", "evidence.quote")
					continue
				}
				want = append(want, p)
			}
			if len(want) == 0 {
				t.Fatalf("fixture: no properties read from %s", k.File)
			}
			if got := columnNames(k); !reflect.DeepEqual(got, want) {
				t.Errorf("columns = %v\nwant %v", got, want)
			}
			for _, c := range k.Columns {
				if !strings.HasPrefix(c.Pointer, "/") || strings.ReplaceAll(c.Pointer[1:], "/", ".") != c.Name {
					t.Errorf("column %q has pointer %q", c.Name, c.Pointer)
				}
			}
		})
	}
}

func TestPollColumns(t *testing.T) {
	s := loadShipped(t)
	want := []string{"id", "kind", "countries", "year", "source", "population", "measure", "value", "disapprove", "uncertain", "rank", "evidence.document", "evidence.quote"}
	if got := columnNames(s.Kinds["poll"]); !reflect.DeepEqual(got, want) {
		t.Errorf("poll columns = %v\nwant %v", got, want)
	}
}

func TestColumnDetails(t *testing.T) {
	s := loadShipped(t)
	poll := s.Kinds["poll"]
	tests := []struct {
		pointer string
		check   func(c schema.Column) bool
		what    string
	}{
		{"/evidence/quote", func(c schema.Column) bool {
			return c.Name == "evidence.quote" && c.Type == "string" && c.Required && c.Title == "Quote"
		}, "flattened, typed, required inside evidence"},
		{"/evidence/document", func(c schema.Column) bool { return c.Name == "evidence.document" && c.Required }, "flattened"},
		{"/year", func(c schema.Column) bool {
			return c.Type == "integer" && !c.Required && c.Title == "Year" && c.Description != ""
		}, "integer from $ref, own description, optional"},
		{"/value", func(c schema.Column) bool { return c.Type == "number" && c.Format == "percent" && c.Title == "Value" }, "percent via x-format"},
		{"/countries", func(c schema.Column) bool { return c.Type == "array" && c.Items == "string" }, "array of strings"},
		{"/measure", func(c schema.Column) bool { return c.Type == "string" && len(c.Enum) == 6 }, "enum typed from its values"},
		{"/kind", func(c schema.Column) bool { return c.Const == "poll" && c.Type == "string" }, "const"},
		{"/rank", func(c schema.Column) bool { return c.Type == "integer" && !c.Required }, "optional"},
	}
	for _, tt := range tests {
		t.Run(tt.pointer, func(t *testing.T) {
			c, ok := poll.Column(tt.pointer)
			if !ok {
				t.Fatalf("no column for %s", tt.pointer)
			}
			if !tt.check(c) {
				t.Errorf("column %+v: want %s", c, tt.what)
			}
		})
	}
	if _, ok := poll.Column("/evidence"); ok {
		t.Error("the evidence object itself is a column; want only its flattened fields")
	}
	doc, _ := s.Document.Column("/retrieved")
	if doc.Format != "date" {
		t.Errorf("document retrieved format = %q", doc.Format)
	}
}

func TestKeys(t *testing.T) {
	s := loadShipped(t)
	tests := map[string][]string{
		"poll":       {"countries", "year", "source", "population", "measure"},
		"official":   {"countries", "country", "role", "name"},
		"mission":    {"countries", "type", "sending", "host", "city"},
		"ambassador": {"countries", "country", "name"},
		"program":    {"countries", "country", "name"},
	}
	for kind, want := range tests {
		if got := s.Kinds[kind].Key; !reflect.DeepEqual(got, want) {
			t.Errorf("%s x-key = %v, want %v", kind, got, want)
		}
	}
	// Every kind's Key is its file's x-key, as written.
	for name, k := range s.Kinds {
		var want []string
		for _, v := range k.Doc["x-key"].([]any) {
			want = append(want, v.(string))
		}
		if !reflect.DeepEqual(k.Key, want) {
			t.Errorf("%s Key = %v, file says %v", name, k.Key, want)
		}
	}
	if s.Document.Key != nil {
		t.Errorf("document key = %v, want none", s.Document.Key)
	}
}

func TestResolveRef(t *testing.T) {
	s := loadShipped(t)
	obj, ok := s.Kinds["poll"].ResolveRef("defs.schema.json#/$defs/percent")
	if !ok || obj["x-format"] != "percent" {
		t.Errorf("ResolveRef percent = %v, %v", obj, ok)
	}
	if _, ok := s.Kinds["poll"].ResolveRef("defs.schema.json#/$defs/nope"); ok {
		t.Error("ResolveRef of a missing definition succeeded")
	}
}

// The compiled schemas assert formats and the dossier vocabulary.
func TestCompiledSchemasValidate(t *testing.T) {
	s := loadShipped(t)
	doc := map[string]any{"id": "d", "path": "d.txt", "title": "T", "sha256": strings.Repeat("a", 64), "retrieved": "2024-13-45"}
	if err := s.Document.Schema.Validate(doc); err == nil {
		t.Error("format date not asserted: 2024-13-45 accepted")
	}
	doc["retrieved"] = "2024-05-01"
	if err := s.Document.Schema.Validate(doc); err != nil {
		t.Errorf("valid document rejected: %v", err)
	}
}

// writeSchemas copies the shipped schemas into a temp folder, applies the
// edits (file name -> content, "" deletes) and returns the folder.
func writeSchemas(t *testing.T, edits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir(shipped)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(shipped, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range edits {
		p := filepath.Join(dir, name)
		if content == "" {
			os.Remove(p)
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const minimal = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": { "kind": { "const": "note" }, "text": %s }%s
}`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		want    []string // substrings of the error
	}{
		{"unknown x- keyword", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string", "x-normalise": ["trim"] }`, 1), "%s", "", 1),
			[]string{"note.schema.json", `"x-normalise"`, "/properties/text/x-normalise"}},
		{"unknown x- keyword at the top", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string" }`, 1), "%s", `, "x-keys": ["text"]`, 1),
			[]string{"note.schema.json", `"x-keys"`}},
		{"broken $ref to a missing definition", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "$ref": "defs.schema.json#/$defs/nope" }`, 1), "%s", "", 1),
			[]string{"note.schema.json"}},
		{"broken $ref to a missing file", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "$ref": "missing.schema.json#/$defs/x" }`, 1), "%s", "", 1),
			[]string{"note.schema.json"}},
		{"not JSON", "note.schema.json", `{ "type": "object", `, []string{"note.schema.json", "not valid JSON"}},
		{"not an object", "note.schema.json", `[1, 2]`, []string{"note.schema.json", "JSON object"}},
		{"not a valid JSON Schema", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": 5 }`, 1), "%s", "", 1),
			[]string{"note.schema.json"}},
		{"bad x-format value", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string", "x-format": "money" }`, 1), "%s", "", 1),
			[]string{"note.schema.json"}},
		{"bad x-unit value", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "number", "x-unit": "dollars" }`, 1), "%s", "", 1),
			[]string{"note.schema.json"}},
		{"bad x-decimal value", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "number", "x-decimal": "'" }`, 1), "%s", "", 1),
			[]string{"note.schema.json"}},
		{"x-key names a missing property", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string" }`, 1), "%s", `, "x-key": ["nope"]`, 1),
			[]string{"note.schema.json", `"nope"`}},
		{"two files, one kind", "poll2.schema.json",
			strings.Replace(strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string" }`, 1), "%s", "", 1), `"note"`, `"poll"`, 1),
			[]string{"poll2.schema.json", `"poll"`}},
		{"x-key with an unknown modifier", "note.schema.json",
			strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string" }`, 1), "%s", `, "x-key": ["text:month"]`, 1),
			[]string{"note.schema.json", "text:month"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSchemas(t, map[string]string{tt.file: tt.content})
			_, err := schema.Load(dir)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Errorf("error %T is not a *schema.Error: %v", err, err)
			} else if filepath.Base(se.File) != tt.file {
				t.Errorf("Error.File = %q, want %s", se.File, tt.file)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			if se != nil && strings.Contains(err.Error(), "file://"+filepath.ToSlash(se.File)) {
				t.Errorf("error names the file by URL, not by path: %q", err)
			}
		})
	}
}

func TestLoadFolderErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := schema.Load(empty); err == nil || !strings.Contains(err.Error(), "no *.schema.json") {
		t.Errorf("empty folder: %v", err)
	}
	libOnly := t.TempDir()
	os.WriteFile(filepath.Join(libOnly, "defs.schema.json"), []byte(`{"$defs": {"x": {"type": "string"}}}`), 0o644)
	if _, err := schema.Load(libOnly); err == nil || !strings.Contains(err.Error(), "no fact kind") {
		t.Errorf("library only: %v", err)
	}
}

// A property named like a keyword is a property, not a keyword.
func TestPropertyNamedLikeExtension(t *testing.T) {
	content := strings.Replace(strings.Replace(minimal, "%s", `{ "type": "string" }`, 1), "%s", "", 1)
	content = strings.Replace(content, `"text":`, `"x-custom":`, 1)
	dir := writeSchemas(t, map[string]string{"note.schema.json": content})
	s, err := schema.Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := columnNames(s.Kinds["note"]); !reflect.DeepEqual(got, []string{"kind", "x-custom"}) {
		t.Errorf("columns = %v", got)
	}
}

// The schema the peer tools use loads unchanged: one kind, poll, with its
// columns in file order and evidence flattened.
func TestLoadPeersSchema(t *testing.T) {
	dir := "../../../shared/peers"
	if _, err := os.Stat(filepath.Join(dir, "poll.schema.json")); err != nil {
		t.Skipf("peers schema not available: %v", err)
	}
	s, err := schema.Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := s.KindNames(); !reflect.DeepEqual(got, []string{"poll"}) {
		t.Fatalf("kinds = %v, want [poll]", got)
	}
	want := []string{"id", "kind", "country_a", "country_b", "year", "source", "population", "measure",
		"value_percent", "disapprove_percent", "uncertain_percent", "as_of", "evidence.source", "evidence.quote"}
	k := s.Kinds["poll"]
	if got := columnNames(k); !reflect.DeepEqual(got, want) {
		t.Errorf("columns = %v\nwant %v", got, want)
	}
	if c, _ := k.Column("/country_a"); c.Type != "string" {
		t.Errorf("country_a through a local $ref: type %q", c.Type)
	}
	if c, _ := k.Column("/value_percent"); c.Type != "number" {
		t.Errorf("value_percent type %q", c.Type)
	}
	if c, _ := k.Column("/as_of"); c.Format != "date" || !c.Required {
		t.Errorf("as_of = %+v", c)
	}
	if s.Document != nil {
		t.Error("peers folder has no document schema")
	}
}

// An invalid schema's error says where it is wrong, inside the file.
func TestInvalidSchemaErrorSaysWhere(t *testing.T) {
	content := strings.Replace(strings.Replace(minimal, "%s", `{ "type": 5 }`, 1), "%s", "", 1)
	dir := writeSchemas(t, map[string]string{"note.schema.json": content})
	_, err := schema.Load(dir)
	if err == nil {
		t.Fatal("Load succeeded")
	}
	if !strings.Contains(err.Error(), "/properties/text/type") {
		t.Errorf("error %q does not say where the schema is wrong (/properties/text/type)", err)
	}
}

// An error inside the definitions library is reported against
// defs.schema.json itself, not against the first kind file that $refs it.
func TestSchemaLibraryErrorBlamesLibrary(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(shipped, "defs.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), `"minLength": 1,
      "maxLength": 200`, `"minLength": "one"`, 1)
	if broken == string(data) {
		t.Skip("fixture: defs.schema.json changed")
	}
	dir := writeSchemas(t, map[string]string{"defs.schema.json": broken})
	_, err = schema.Load(dir)
	var se *schema.Error
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *schema.Error", err)
	}
	if filepath.Base(se.File) != "defs.schema.json" {
		t.Errorf("error reported against %s, want defs.schema.json: %v", filepath.Base(se.File), err)
	}
}

// A compile error names every file of the folder by its path, also one
// that a $ref points into, never by its file:// URL.
func TestSchemaErrorNamesFilesByPath(t *testing.T) {
	content := strings.Replace(strings.Replace(minimal, "%s", `{ "$ref": "defs.schema.json#/$defs/nope" }`, 1), "%s", "", 1)
	dir := writeSchemas(t, map[string]string{"note.schema.json": content})
	_, err := schema.Load(dir)
	if err == nil {
		t.Fatal("Load succeeded")
	}
	if strings.Contains(err.Error(), "file://") {
		t.Errorf("error names a file by URL: %q", err)
	}
}

// x-unit may name a currency and x-decimal a decimal separator; both reach
// the field's normalizers, and a property's own beats its definition's.
func TestUnitAndDecimalReachThePlan(t *testing.T) {
	content := strings.Replace(strings.Replace(minimal, "%s",
		`{ "type": "number", "x-unit": "USD", "x-decimal": ".", "x-normalize": ["number"] }, "share": { "$ref": "defs.schema.json#/$defs/percent", "x-decimal": "," }`, 1), "%s", "", 1)
	dir := writeSchemas(t, map[string]string{"note.schema.json": content})
	s, err := schema.Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := map[string]normalize.Context{}
	for _, st := range s.Kinds["note"].Normalize {
		got[st.Pointer] = st.Ctx
	}
	want := map[string]normalize.Context{
		"/text":  {Type: "number", Unit: "USD", Decimal: "."},
		"/share": {Type: "number", Decimal: ","},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("contexts = %+v, want %+v", got, want)
	}
}

// Every shipped kind takes the fast validation path, those with x-rules
// too; the rules are found beside it.
func TestFastPathForEveryKind(t *testing.T) {
	s := loadShipped(t)
	for _, name := range append(s.KindNames(), schema.DocumentKind) {
		k := s.Kinds[name]
		if name == schema.DocumentKind {
			k = s.Document
		}
		if k.Fast == nil {
			t.Errorf("kind %s has no fast validator", name)
		}
	}
	for name, want := range map[string]bool{"official": true, "mission": true, "ambassador": true, "program": true, "poll": false, "event": false} {
		if got := s.Kinds[name].Rules != nil; got != want {
			t.Errorf("kind %s: rules found %v, want %v", name, got, want)
		}
	}
}

const noteRule = `"x-rules": [{"id": "short", "rule": "size(self) < 9", "message": "too many fields"}]`

// Where a rule may be declared, and rules that do not compile: each is an
// error against the file that holds it, saying where in it.
func TestRuleErrors(t *testing.T) {
	note := func(text, top string) string {
		return strings.Replace(strings.Replace(minimal, "%s", text, 1), "%s", top, 1)
	}
	defs, err := os.ReadFile(filepath.Join(shipped, "defs.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	withDef := strings.Replace(string(defs), `"$defs": {`, `"$defs": {
    "ruled": { "type": "object", `+noteRule+` },`, 1)
	tests := []struct {
		name  string
		edits map[string]string
		file  string
		want  []string
	}{
		{"behind anyOf", map[string]string{"note.schema.json": note(`{ "type": "string" }`, `, "anyOf": [{ "type": "object", `+noteRule+` }]`)},
			"note.schema.json", []string{"at /anyOf/0/x-rules", "behind anyOf at /anyOf", "always applies"}},
		{"behind if", map[string]string{"note.schema.json": note(`{ "if": { "type": "string" }, "then": { `+noteRule+` } }`, "")},
			"note.schema.json", []string{"at /properties/text/then/x-rules", "behind then at /properties/text/then"}},
		{"in a definition referenced behind not", map[string]string{"defs.schema.json": withDef,
			"note.schema.json": note(`{ "not": { "$ref": "defs.schema.json#/$defs/ruled" } }`, "")},
			"defs.schema.json", []string{"at /$defs/ruled/x-rules", "behind not at ", "note.schema.json#/properties/text/not"}},
		{"does not compile", map[string]string{"note.schema.json": note(`{ "type": "string" }`, `, "x-rules": [{"id": "broken", "rule": "self.text ==", "message": "m"}]`)},
			"note.schema.json", []string{"/x-rules/0", `"broken"`}},
		{"does not compile, in a library", map[string]string{"defs.schema.json": strings.Replace(withDef, "size(self) < 9", "size(self) <", 1)},
			"defs.schema.json", []string{"/$defs/ruled/x-rules/0", `"short"`}},
		{"not a boolean", map[string]string{"note.schema.json": note(`{ "type": "string" }`, `, "x-rules": [{"id": "sum", "rule": "1 + 2", "message": "m"}]`)},
			"note.schema.json", []string{`"sum"`, "not a boolean"}},
		{"behind a $dynamicRef", map[string]string{"note.schema.json": note(`{ "$dynamicRef": "#node" }`, `, "$defs": {"n": {"$dynamicAnchor": "node", `+noteRule+`}}`)},
			"note.schema.json", []string{"/properties/text/$dynamicRef", "x-rules"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schema.Load(writeSchemas(t, tt.edits))
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *schema.Error", err)
			}
			if filepath.Base(se.File) != tt.file {
				t.Errorf("error against %s, want %s: %v", se.File, tt.file, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
		})
	}
}

// Rules may sit anywhere a schema always applies: the kind's root, a
// nested property, an array's items, a definition of another file, behind
// allOf; and in a definition no kind uses, where they do nothing.
func TestRulePlacesAccepted(t *testing.T) {
	defs, err := os.ReadFile(filepath.Join(shipped, "defs.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	withDef := strings.Replace(string(defs), `"$defs": {`, `"$defs": {
    "ruled": { "type": "object", `+noteRule+` },
    "unused": { "type": "object", `+noteRule+` },`, 1)
	for _, text := range []string{
		`{ "type": "object", ` + noteRule + ` }`,
		`{ "type": "array", "items": { "type": "object", ` + noteRule + ` } }`,
		`{ "$ref": "defs.schema.json#/$defs/ruled" }`,
		`{ "allOf": [{ "$ref": "defs.schema.json#/$defs/ruled" }] }`,
		`{ "type": "object", "additionalProperties": { "$ref": "defs.schema.json#/$defs/ruled" } }`,
	} {
		note := strings.Replace(strings.Replace(minimal, "%s", text, 1), "%s", "", 1)
		s, err := schema.Load(writeSchemas(t, map[string]string{"defs.schema.json": withDef, "note.schema.json": note}))
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if s.Kinds["note"].Rules == nil || s.Kinds["note"].Fast == nil {
			t.Errorf("%s: rules %v, fast %v", text, s.Kinds["note"].Rules, s.Kinds["note"].Fast)
		}
		if s.Kinds["poll"].Rules != nil {
			t.Errorf("%s: the poll kind finds rules it does not reach", text)
		}
	}
}

// What a rule's self holds: numbers as CEL int (written whole, within 64
// bits) or double; a rule is evaluated only where its object is an object.
func TestRuleValues(t *testing.T) {
	content := `{"type": "object", "properties": {"kind": {"const": "note"},
  "o": {"x-rules": [
    {"id": "int", "rule": "!has(self.v) || type(self.v) == int", "message": "not an int"},
    {"id": "big", "rule": "!has(self.v) || self.v > 1", "message": "not above 1"}]}}}`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "note.schema.json"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := schema.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	rules := s.Kinds["note"].Rules
	for _, tt := range []struct {
		o    any
		want []string // ids of the failing rules; "big!" when it cannot be evaluated
	}{
		{map[string]any{"v": json.Number("2")}, nil},
		{map[string]any{"v": json.Number("-9223372036854775808")}, []string{"big"}},
		{map[string]any{"v": json.Number("1")}, []string{"big"}},
		{map[string]any{"v": json.Number("1.5")}, []string{"int"}},
		{map[string]any{"v": json.Number("2.0")}, []string{"int"}},
		{map[string]any{"v": json.Number("1e2")}, []string{"int"}},
		{map[string]any{"v": json.Number("9223372036854775808")}, []string{"int"}},
		{map[string]any{"v": json.Number("1e400")}, []string{"int"}},
		{map[string]any{"v": "text"}, []string{"int", "big!"}},
		{map[string]any{}, nil},
		{"not an object", nil},
		{[]any{map[string]any{"v": json.Number("0")}}, nil},
	} {
		var got []string
		for _, f := range rules.Check(map[string]any{"kind": "note", "o": tt.o}) {
			if f.Pointer != "/o" {
				t.Errorf("%v: failure at %q, want /o", tt.o, f.Pointer)
			}
			id := f.Rule.ID
			if f.Detail != "" {
				id += "!"
			}
			got = append(got, id)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: failing rules %v, want %v", tt.o, got, tt.want)
		}
	}
	if got := rules.Check(map[string]any{"kind": "note"}); got != nil {
		t.Errorf("no object: %v", got)
	}
}
