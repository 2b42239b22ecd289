package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"dossier/pipeline/fact"
	"dossier/pipeline/normalize"
	"dossier/pipeline/validate/fast"
)

// DocumentKind is the name of the schema that validates documents.
const DocumentKind = "document"

// Set is every schema of one folder, compiled.
type Set struct {
	Dir      string
	Kinds    map[string]*Kind    // fact kinds, by name
	Document *Kind               // document.schema.json; nil when the folder has none
	files    map[string]*file    // by absolute URL: file URL and $id
	rules    map[uintptr][]*Rule // compiled x-rules, by schema object
	anyRules bool                // some file declares x-rules
}

// Kind is the compiled schema of one fact kind and what it says about columns.
type Kind struct {
	Name        string
	File        string
	Title       string
	Description string
	Schema      *jsonschema.Schema
	Columns     []Column // flattened, in the schema's property order
	Key         []string // x-key: the fields that identify a fact of this kind
	Normalize   normalize.Plan
	// Fast decides "valid" without the library when the schema uses only
	// what it implements exactly; nil otherwise. It leaves x-rules out.
	Fast *fast.Validator
	// Rules are the kind's x-rules, wherever they are declared, evaluated
	// beside the validator; nil when the kind reaches none.
	Rules *Rules
	Doc   map[string]any
	set   *Set
	file  *file
	// colPath[i] is Columns[i].Pointer split, for TypeText.
	colPath [][]string
}

// Column is one flattened field of a kind: "evidence.quote" is the column
// for the pointer /evidence/quote.
type Column struct {
	Name        string
	Pointer     string
	Type        string // string, integer, number, boolean, array, object, or "" when the schema gives none
	Items       string // element type of an array column
	Title       string
	Description string
	Format      string // "percent", "date", "uri", ... from x-format or format
	Enum        []any
	Const       any
	Required    bool
}

type file struct {
	path  string
	url   string
	doc   map[string]any
	order map[string][]string
	data  []byte
}

// Error is a schema that cannot be loaded or compiled. It is a
// configuration problem: the run cannot go on.
type Error struct {
	File      string
	Line, Col int
	Err       error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Load reads and compiles every *.schema.json file in dir.
func Load(dir string) (*Set, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.schema.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("schemas: no *.schema.json file in %s", dir)
	}
	slices.Sort(paths)
	s := &Set{Dir: dir, Kinds: map[string]*Kind{}, files: map[string]*file{}, rules: map[uintptr][]*Rule{}}
	files, err := s.readFiles(paths)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.AssertVocabs()
	c.RegisterVocabulary(vocabulary())
	c.UseLoader(loader(s.files))
	// Libraries of definitions first: compiled on their own, their errors
	// show here, against their own file, and not against the first kind
	// that uses them.
	for _, f := range files {
		if isKind(f.doc) {
			continue
		}
		if _, err := c.Compile(f.url); err != nil {
			return nil, s.compileError(f, err)
		}
		if err := s.compileFileRules(f); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		if !isKind(f.doc) {
			continue
		}
		k, err := s.compileKind(c, f)
		if err != nil {
			return nil, err
		}
		if k.Name == DocumentKind {
			s.Document = k
			continue
		}
		if prev, dup := s.Kinds[k.Name]; dup {
			return nil, &Error{File: f.path, Err: fmt.Errorf("kind %q is also defined by %s", k.Name, prev.File)}
		}
		s.Kinds[k.Name] = k
	}
	if len(s.Kinds) == 0 {
		return nil, fmt.Errorf("schemas: %s holds no fact kind (a schema with properties)", dir)
	}
	return s, nil
}

// readFiles reads the schema files, checks their dossier keywords and
// registers each under its URL and its $id.
func (s *Set) readFiles(paths []string) ([]*file, error) {
	var files []*file
	for _, p := range paths {
		f, err := readFile(p)
		if err != nil {
			return nil, err
		}
		if err := checkKeywords(f); err != nil {
			return nil, err
		}
		s.files[f.url] = f
		s.anyRules = s.anyRules || hasRules(f.doc)
		if id, ok := f.doc["$id"].(string); ok && id != "" {
			s.files[strings.TrimSuffix(id, "#")] = f
		}
		files = append(files, f)
	}
	return files, nil
}

// compileKind compiles the schema of one kind with everything dossier
// reads from it: key, columns, normalization plan, rules and, when the
// schema allows it, the fast validation path.
func (s *Set) compileKind(c *jsonschema.Compiler, f *file) (*Kind, error) {
	sch, err := c.Compile(f.url)
	if err != nil {
		return nil, s.compileError(f, err)
	}
	if err := s.compileFileRules(f); err != nil {
		return nil, err
	}
	k := &Kind{Name: kindName(f), File: f.path, Schema: sch, Doc: f.doc, set: s, file: f}
	k.Title, _ = f.doc["title"].(string)
	k.Description, _ = f.doc["description"].(string)
	if err := k.readKey(); err != nil {
		return nil, &Error{File: f.path, Err: err}
	}
	k.Columns = s.columns(f, f.doc, "", "", nil)
	for _, c := range k.Columns {
		k.colPath = append(k.colPath, fact.SplitPointer(c.Pointer))
	}
	plan, err := normalize.PlanFromSchema(f.doc, func(ref string) (map[string]any, bool) {
		t, _, ok := s.resolve(f, ref+"#")
		if !ok {
			return nil, false
		}
		return t.doc, true
	})
	if err != nil {
		return nil, &Error{File: f.path, Err: err}
	}
	k.Normalize = plan
	if k.Rules, err = s.buildRules(f); err != nil {
		return nil, err
	}
	if v, ok := fast.Compile(f.doc, s.fastResolver()); ok {
		k.Fast = v
	}
	return k, nil
}

func readFile(p string) (*file, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{File: p, Err: fmt.Errorf("not valid JSON: %w", err)}
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, &Error{File: p, Line: 1, Col: 1, Err: errors.New("a schema file must hold a JSON object")}
	}
	order, err := keyOrder(data)
	if err != nil {
		return nil, &Error{File: p, Err: err}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	return &file{path: p, url: u, doc: doc, order: order, data: data}, nil
}

// loader serves the schema folder's own files, by file URL or $id, and
// nothing else: a $ref to anything outside is an error, never a download.
type loader map[string]*file

func (l loader) Load(u string) (any, error) {
	if f, ok := l[strings.TrimSuffix(u, "#")]; ok {
		return f.doc, nil
	}
	return nil, fmt.Errorf("no schema %s in the schema folder", u)
}

// compileError turns a compiler error met while compiling f into an Error
// against the file at fault: f, or the file the library names as invalid
// (a file f refers to). The library names files by URL; users know them by
// path, so every file URL in the message becomes a path.
func (s *Set) compileError(f *file, err error) error {
	at := f
	if u := faultURL(err); u != "" {
		if g, ok := s.files[strings.TrimSuffix(stripFragment(u), "#")]; ok {
			at = g
		}
	}
	msg := fileURLRE.ReplaceAllStringFunc(err.Error(), s.pathOf)
	return &Error{File: at.path, Err: errors.New(msg)}
}

// faultURL returns the URL of the schema resource that an error of the
// compiler finds invalid, or "".
func faultURL(err error) string {
	var (
		sv *jsonschema.SchemaValidationError
		re *jsonschema.InvalidRegexError
		pi *jsonschema.ParseIDError
		pa *jsonschema.ParseAnchorError
		di *jsonschema.DuplicateIDError
		da *jsonschema.DuplicateAnchorError
		uv *jsonschema.UnsupportedVocabularyError
	)
	switch {
	case errors.As(err, &sv):
		return sv.URL
	case errors.As(err, &re):
		return re.URL
	case errors.As(err, &pi):
		return pi.URL
	case errors.As(err, &pa):
		return pa.URL
	case errors.As(err, &di):
		return di.URL
	case errors.As(err, &da):
		return da.URL
	case errors.As(err, &uv):
		return uv.URL
	}
	return ""
}

// fileURLRE matches a file URL in an error message, up to white space or a
// quote.
var fileURLRE = regexp.MustCompile(`file://[^\s"'<>]+`)

func stripFragment(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		return u[:i]
	}
	return u
}

// pathOf turns a file URL into the path users know: the path the schema
// was read from for a file of the folder, otherwise the file's path
// relative to the folder. A fragment is kept ("defs.schema.json#/$defs/x").
func (s *Set) pathOf(u string) string {
	base, frag := u, ""
	if i := strings.IndexByte(u, '#'); i >= 0 {
		base, frag = u[:i], u[i:]
	}
	if f, ok := s.files[base]; ok {
		return f.path + frag
	}
	pu, err := url.Parse(base)
	if err != nil || pu.Scheme != "file" {
		return u
	}
	p := filepath.FromSlash(pu.Path)
	if abs, err := filepath.Abs(s.Dir); err == nil {
		if rel, err := filepath.Rel(abs, p); err == nil {
			p = filepath.Join(s.Dir, rel)
		}
	}
	return p + frag
}

// isKind: a schema that describes objects with properties. A file of $defs
// alone is a library.
func isKind(doc map[string]any) bool {
	_, ok := doc["properties"].(map[string]any)
	return ok
}

func kindName(f *file) string {
	if props, ok := f.doc["properties"].(map[string]any); ok {
		if k, ok := props["kind"].(map[string]any); ok {
			if c, ok := k["const"].(string); ok && c != "" {
				return c
			}
		}
	}
	return strings.TrimSuffix(filepath.Base(f.path), ".schema.json")
}

func (k *Kind) readKey() error {
	raw, ok := k.Doc["x-key"]
	if !ok {
		return nil
	}
	arr, _ := raw.([]any)
	for _, v := range arr {
		s, _ := v.(string)
		k.Key = append(k.Key, s)
	}
	props, _ := k.Doc["properties"].(map[string]any)
	for _, name := range k.Key {
		field, mod, hasMod := strings.Cut(name, ":")
		if _, ok := props[field]; !ok {
			return fmt.Errorf("x-key names %q, which is not a property", field)
		}
		if hasMod && mod != "year" {
			return fmt.Errorf("x-key %q: the only modifier is :year", name)
		}
	}
	return nil
}

// Resolve returns the schema object a $ref in file f points at.
func (s *Set) resolve(f *file, ref string) (*file, map[string]any, bool) {
	base, err := url.Parse(f.url)
	if id, ok := f.doc["$id"].(string); ok && id != "" {
		if b, e := url.Parse(id); e == nil {
			base, err = b, nil
		}
	}
	if err != nil {
		return nil, nil, false
	}
	r, err := url.Parse(ref)
	if err != nil {
		return nil, nil, false
	}
	abs := base.ResolveReference(r)
	frag := abs.Fragment
	abs.Fragment = ""
	target := f
	if abs.String() != strings.TrimSuffix(base.String(), "#") {
		t, ok := s.files[abs.String()]
		if !ok {
			// Relative to the file itself, whatever its $id says.
			fu, _ := url.Parse(f.url)
			t, ok = s.files[fu.ResolveReference(&url.URL{Path: r.Path}).String()]
			if !ok {
				return nil, nil, false
			}
		}
		target = t
	}
	v := fact.Lookup(target.doc, frag)
	obj, ok := v.(map[string]any)
	return target, obj, ok
}

// ResolveRef resolves a $ref written in this kind's file, for stages that
// walk the schema themselves (normalization plans).
func (k *Kind) ResolveRef(ref string) (map[string]any, bool) {
	_, obj, ok := k.set.resolve(k.file, ref)
	return obj, ok
}

// columns flattens the properties of an object schema. ptr is the schema
// pointer of obj within f (for property order), prefix the column prefix.
func (s *Set) columns(f *file, obj map[string]any, ptr, prefix string, seen []string) []Column {
	f, obj, ptr = s.deref(f, obj, ptr)
	props, _ := obj["properties"].(map[string]any)
	required := map[string]bool{}
	if rq, ok := obj["required"].([]any); ok {
		for _, r := range rq {
			if n, ok := r.(string); ok {
				required[n] = true
			}
		}
	}
	names := f.order[ptr+"/properties"]
	var cols []Column
	for _, name := range names {
		p, _ := props[name].(map[string]any)
		pf, merged, pptr := s.merged(f, p, ptr+"/properties"+fact.Pointer(name))
		col := Column{
			Name: prefix + name, Pointer: "/" + strings.ReplaceAll(prefix, ".", "/") + name,
			Required: required[name],
		}
		if prefix == "" {
			col.Pointer = fact.Pointer(name)
		} else {
			col.Pointer = fact.Pointer(append(strings.Split(strings.TrimSuffix(prefix, "."), "."), name)...)
		}
		fillColumn(&col, merged)
		if col.Type == "object" && !slices.Contains(seen, pptr) {
			if _, ok := merged["properties"]; ok {
				cols = append(cols, s.columns(pf, merged, pptr, prefix+name+".", append(seen, pptr))...)
				continue
			}
		}
		cols = append(cols, col)
	}
	return cols
}

// deref follows $ref chains from obj to the schema that has the content.
func (s *Set) deref(f *file, obj map[string]any, ptr string) (*file, map[string]any, string) {
	for range 16 {
		ref, ok := obj["$ref"].(string)
		if !ok {
			return f, obj, ptr
		}
		if _, has := obj["properties"]; has {
			return f, obj, ptr
		}
		tf, tobj, ok := s.resolve(f, ref)
		if !ok {
			return f, obj, ptr
		}
		_, frag, _ := strings.Cut(ref, "#")
		f, obj, ptr = tf, tobj, frag
	}
	return f, obj, ptr
}

// merged returns the property schema with its $ref target's keywords under
// its own (a property's title overrides the definition's).
func (s *Set) merged(f *file, p map[string]any, ptr string) (*file, map[string]any, string) {
	ref, ok := p["$ref"].(string)
	if !ok {
		return f, p, ptr
	}
	tf, tobj, tptr := s.deref(f, p, ptr)
	if tf == f && tptr == ptr {
		return f, p, ptr
	}
	_ = ref
	_, inner, innerPtr := s.merged(tf, tobj, tptr)
	out := make(map[string]any, len(inner)+len(p))
	for k, v := range inner {
		out[k] = v
	}
	for k, v := range p {
		if k != "$ref" {
			out[k] = v
		}
	}
	return tf, out, innerPtr
}

func fillColumn(c *Column, p map[string]any) {
	c.Title, _ = p["title"].(string)
	c.Description, _ = p["description"].(string)
	c.Type = typeOf(p)
	if c.Type == "array" {
		if it, ok := p["items"].(map[string]any); ok {
			c.Items = typeOf(it)
			if c.Items == "" {
				if ref, ok := it["$ref"].(string); ok && strings.Contains(ref, "iso3") {
					c.Items = "string"
				}
			}
		}
	}
	if e, ok := p["enum"].([]any); ok {
		c.Enum = e
	}
	if v, ok := p["const"]; ok {
		c.Const = v
		if c.Type == "" {
			c.Type = jsonType(v)
		}
	}
	if c.Type == "" && len(c.Enum) > 0 {
		c.Type = jsonType(c.Enum[0])
		for _, e := range c.Enum[1:] {
			if jsonType(e) != c.Type {
				c.Type = ""
				break
			}
		}
	}
	if f, ok := p["x-format"].(string); ok {
		c.Format = f
	} else if f, ok := p["format"].(string); ok {
		c.Format = f
	}
}

func typeOf(p map[string]any) string {
	switch t := p["type"].(type) {
	case string:
		return t
	case []any:
		// ["string", "null"]: the non-null type.
		for _, x := range t {
			if s, ok := x.(string); ok && s != "null" {
				return s
			}
		}
	}
	return ""
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "boolean"
	}
	return ""
}

// Column returns the column for a pointer, if the kind has one.
func (k *Kind) Column(pointer string) (Column, bool) {
	for _, c := range k.Columns {
		if c.Pointer == pointer {
			return c, true
		}
	}
	return Column{}, false
}

// KindNames returns the fact kinds in name order.
func (s *Set) KindNames() []string {
	names := make([]string, 0, len(s.Kinds))
	for n := range s.Kinds {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// hasRules reports whether any object of doc has an x-rules key.
func hasRules(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["x-rules"]; ok {
			return true
		}
		for _, e := range x {
			if hasRules(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasRules(e) {
				return true
			}
		}
	}
	return false
}

// fastResolver resolves $refs for the fast validator through the set's
// files, identifying the referring document by identity.
func (s *Set) fastResolver() fast.Resolver {
	return func(ref string, from map[string]any) (map[string]any, map[string]any, bool) {
		var src *file
		for _, f := range s.files {
			if reflect.ValueOf(f.doc).Pointer() == reflect.ValueOf(from).Pointer() {
				src = f
				break
			}
		}
		if src == nil {
			return nil, nil, false
		}
		t, obj, ok := s.resolve(src, ref)
		if !ok {
			return nil, nil, false
		}
		return obj, t.doc, true
	}
}
