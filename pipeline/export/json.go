package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"

	"dossier/pipeline"
	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/schema"
)

// writeJSON writes out/dossier.json. Keys come in a fixed order (the
// schema's property order for facts) and numbers exactly as read.
func writeJSON(d *Dir, r *pipeline.Result, o Options) error {
	w, err := d.Create("dossier.json")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	j := &jw{w: bw}
	j.raw("{\n  \"tool\": \"dossier\",\n  \"version\": ")
	j.str(o.Version)
	j.raw(",\n  \"summary\": ")
	j.value(r.Summary, "  ")
	j.raw(",\n  \"documents\": [")
	for i, doc := range r.Documents {
		j.sep(i, "\n    ")
		j.value(documentJSON(doc), "    ")
	}
	j.raw(closeList(len(r.Documents), "  ") + ",\n  \"facts\": {")
	for i, kind := range r.KindsInOrder() {
		j.sep(i, "\n    ")
		j.str(kind)
		j.raw(": [")
		k := r.Schemas.Kinds[kind]
		for n, f := range r.Facts[kind] {
			j.sep(n, "\n      ")
			j.fact(k, f)
		}
		j.raw(closeList(len(r.Facts[kind]), "    "))
	}
	j.raw(closeObj(len(r.Facts), "  ") + ",\n  \"issues\": [")
	for i, is := range r.Issues {
		j.sep(i, "\n    ")
		j.value(is, "    ")
	}
	j.raw(closeList(len(r.Issues), "  ") + ",\n  \"changes\": [")
	n := 0
	for _, kind := range r.KindsInOrder() {
		for _, f := range r.Facts[kind] {
			for _, c := range f.Changes {
				j.sep(n, "\n    ")
				j.value(changeOut{Record: f.ID, Kind: f.Kind, File: f.File, Change: c}, "    ")
				n++
			}
		}
	}
	j.raw(closeList(n, "  ") + "\n}\n")
	if j.err != nil {
		return j.err
	}
	return bw.Flush()
}

type changeOut struct {
	Record string `json:"record"`
	Kind   string `json:"kind"`
	File   string `json:"file"`
	fact.Change
}

type documentOut struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Path      string   `json:"path"`
	URL       string   `json:"url,omitempty"`
	Retrieved string   `json:"retrieved,omitempty"`
	Language  string   `json:"language,omitempty"`
	SHA256    string   `json:"sha256"`
	Bytes     int      `json:"bytes"`
	Blocks    int      `json:"blocks"`
	Sections  []string `json:"sections"`
}

func documentJSON(d *document.Document) documentOut {
	out := documentOut{ID: d.ID, Title: d.Title, Path: d.Path, URL: d.URL, Retrieved: d.Retrieved, Language: d.Language,
		SHA256: d.SHA256, Bytes: d.Bytes, Blocks: len(d.Blocks), Sections: []string{}}
	for _, b := range d.Blocks {
		if b.Kind == "heading" {
			out.Sections = append(out.Sections, b.Text)
		}
	}
	return out
}

func closeList(n int, indent string) string {
	if n == 0 {
		return "]"
	}
	return "\n" + indent + "]"
}

func closeObj(n int, indent string) string {
	if n == 0 {
		return "}"
	}
	return "\n" + indent + "}"
}

// jw writes JSON by hand where key order matters and remembers the first
// error.
type jw struct {
	w   io.Writer
	err error
}

func (j *jw) raw(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

func (j *jw) sep(i int, indent string) {
	if i > 0 {
		j.raw(",")
	}
	j.raw(indent)
}

func (j *jw) str(s string) { j.raw(encodeString(s)) }

// value writes v with encoding/json, indented to sit at indent.
func (j *jw) value(v any, indent string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, "  ")
	if err := enc.Encode(v); err != nil && j.err == nil {
		j.err = err
		return
	}
	j.raw(string(bytes.TrimRight(buf.Bytes(), "\n")))
}

// fact writes one fact on one line: the record's fields in the schema's
// order (others after, sorted), then origin, and the evidence with its span.
func (j *jw) fact(k *schema.Kind, f *fact.Fact) {
	j.raw("{")
	n := 0
	key := func(name string) {
		if n > 0 {
			j.raw(", ")
		}
		n++
		j.str(name)
		j.raw(": ")
	}
	for _, name := range fieldOrder(k, f.Fields) {
		v := f.Fields[name]
		key(name)
		if name == "evidence" {
			j.evidence(v, f.Span)
			continue
		}
		if name == "id" {
			j.str(f.ID)
			continue
		}
		j.ordered(v)
	}
	if _, ok := f.Fields["id"]; !ok {
		key("id")
		j.str(f.ID)
	}
	key("origin")
	j.str(f.Origin)
	if f.Rule != "" {
		key("rule")
		j.str(f.Rule)
	}
	if f.Status != "" {
		key("status")
		j.str(f.Status)
	}
	j.raw("}")
}

func (j *jw) evidence(v any, span *fact.Span) {
	ev, ok := v.(map[string]any)
	if !ok {
		j.ordered(v)
		return
	}
	j.raw("{")
	keys := sortedKeys(ev)
	for i, k := range keys {
		if i > 0 {
			j.raw(", ")
		}
		j.str(k)
		j.raw(": ")
		j.ordered(ev[k])
	}
	if span != nil {
		sep := ""
		if len(keys) > 0 {
			sep = ", "
		}
		j.raw(sep + `"start": ` + strconv.Itoa(span.Start) + `, "end": ` + strconv.Itoa(span.End) + `, "line": ` + strconv.Itoa(span.Line))
	}
	j.raw("}")
}

// ordered writes decoded JSON compactly with sorted object keys.
func (j *jw) ordered(v any) {
	switch x := v.(type) {
	case map[string]any:
		j.raw("{")
		for i, k := range sortedKeys(x) {
			if i > 0 {
				j.raw(", ")
			}
			j.str(k)
			j.raw(": ")
			j.ordered(x[k])
		}
		j.raw("}")
	case []any:
		j.raw("[")
		for i, e := range x {
			if i > 0 {
				j.raw(", ")
			}
			j.ordered(e)
		}
		j.raw("]")
	case json.Number:
		j.raw(x.String())
	case string:
		j.str(x)
	default:
		b, err := json.Marshal(x)
		if err != nil && j.err == nil {
			j.err = err
		}
		j.raw(string(b))
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fieldOrder lists a record's top-level keys: the schema's order first,
// then any others sorted.
func fieldOrder(k *schema.Kind, fields map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range k.Columns {
		top := fact.SplitPointer(c.Pointer)[0]
		if _, ok := fields[top]; ok && !seen[top] {
			seen[top] = true
			out = append(out, top)
		}
	}
	var rest []string
	for key := range fields {
		if !seen[key] {
			rest = append(rest, key)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func encodeString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}
