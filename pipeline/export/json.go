package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/internal/plain"
	"dossier/pipeline/model"
	"dossier/pipeline/schema"
)

// writeJSON writes out/dossier.json: summary, documents, facts by kind,
// issues and changes. Keys come in a fixed order (the schema's property
// order for facts) and numbers exactly as read. The facts were spooled a
// line each as they streamed in.
func (w *Writer) writeJSON(r *model.Result) error {
	out, err := w.dir.Create("dossier.json")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	j := &jw{w: bw}
	j.raw("{\n  \"tool\": \"dossier\",\n  \"version\": ")
	j.str(w.opt.Version)
	j.raw(",\n  \"summary\": ")
	j.value(r.Summary, "  ")
	j.raw(",\n  \"documents\": [")
	for i, doc := range r.Documents {
		j.sep(i, "\n    ")
		j.value(documentJSON(doc), "    ")
	}
	j.raw(closeList(len(r.Documents), "  ") + ",\n  \"facts\": {")
	n := 0
	for _, kind := range slices.Sorted(maps.Keys(w.streams)) {
		s := w.streams[kind]
		if s.n == 0 {
			continue
		}
		j.sep(n, "\n    ")
		n++
		j.str(kind)
		j.raw(": [")
		j.lines(s.json, "\n      ")
		j.raw("\n    ]")
	}
	j.raw(closeObj(n, "  ") + ",\n  \"issues\": [")
	for i, is := range r.Issues {
		j.sep(i, "\n    ")
		j.value(is, "    ")
	}
	j.raw(closeList(len(r.Issues), "  ") + ",\n  \"changes\": [")
	j.lines(w.changes.json, "\n    ")
	j.raw(closeList(w.changes.n, "  ") + "\n}\n")
	if j.err != nil {
		return j.err
	}
	return bw.Flush()
}

// lines copies a spool of list elements (written with their separators)
// after the first element's indent.
func (j *jw) lines(s *spool, indent string) {
	if s == nil || j.err != nil || s.n == 0 {
		return
	}
	rd, err := s.reader(0, s.n)
	if err != nil {
		j.err = err
		return
	}
	j.raw(indent)
	if _, err := io.Copy(j.w, rd); err != nil {
		j.err = err
	}
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

func (j *jw) str(s string) { j.raw(string(appendJSONString(nil, s))) }

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

// topKeys lists a kind's top-level properties in the schema's order.
func topKeys(k *schema.Kind) []string {
	var out []string
	for _, c := range k.Columns {
		top := fact.SplitPointer(c.Pointer)[0]
		if !slices.Contains(out, top) {
			out = append(out, top)
		}
	}
	return out
}

// appendFact appends one fact as a JSON object on one line: the record's
// fields in the schema's order (others after, sorted), then origin, rule
// and status, and the evidence with its span. order is topKeys of its kind.
func appendFact(b []byte, order []string, f *fact.Fact) []byte {
	b = append(b, '{')
	n := 0
	key := func(name string) {
		if n > 0 {
			b = append(b, ", "...)
		}
		n++
		b = appendJSONString(b, name)
		b = append(b, ": "...)
	}
	field := func(name string, v any) {
		key(name)
		switch name {
		case "evidence":
			b = appendEvidence(b, v, f.Span)
		case "id":
			b = appendJSONString(b, f.ID)
		default:
			b = appendJSON(b, v)
		}
	}
	known := 0
	for _, name := range order {
		if v, ok := f.Fields[name]; ok {
			field(name, v)
			known++
		}
	}
	if known < len(f.Fields) {
		var rest []string
		for name := range f.Fields {
			if !slices.Contains(order, name) {
				rest = append(rest, name)
			}
		}
		slices.Sort(rest)
		for _, name := range rest {
			field(name, f.Fields[name])
		}
	}
	if _, ok := f.Fields["id"]; !ok {
		key("id")
		b = appendJSONString(b, f.ID)
	}
	key("origin")
	b = appendJSONString(b, f.Origin)
	if f.Rule != "" {
		key("rule")
		b = appendJSONString(b, f.Rule)
	}
	if f.Status != "" {
		key("status")
		b = appendJSONString(b, f.Status)
	}
	// What the pipeline adds, unless the kind has a field of that name.
	free := func(name string) bool { _, taken := f.Fields[name]; return !taken }
	if len(f.Codes) > 0 && free(IssuesColumn) {
		key(IssuesColumn)
		b = append(b, '[')
		for i, c := range f.Codes {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJSONString(b, c)
		}
		b = append(b, ']')
	}
	if free("source_file") {
		key("source_file")
		b = appendJSONString(b, f.File)
	}
	if f.Pos.Line > 0 && free("source_line") {
		key("source_line")
		b = strconv.AppendInt(b, int64(f.Pos.Line), 10)
	}
	return append(b, '}')
}

func appendEvidence(b []byte, v any, span *fact.Span) []byte {
	ev, ok := v.(map[string]any)
	if !ok {
		return appendJSON(b, v)
	}
	b = append(b, '{')
	// An evidence object has a few keys: sorted in place of a small
	// array, not allocated per fact.
	var buf [8]string
	keys := buf[:0]
	for k := range ev {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendJSONString(b, k)
		b = append(b, ": "...)
		b = appendJSON(b, ev[k])
	}
	if span != nil {
		if len(keys) > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `"start": `...)
		b = strconv.AppendInt(b, int64(span.Start), 10)
		b = append(b, `, "end": `...)
		b = strconv.AppendInt(b, int64(span.End), 10)
		b = append(b, `, "line": `...)
		b = strconv.AppendInt(b, int64(span.Line), 10)
	}
	return append(b, '}')
}

// appendJSON appends decoded JSON compactly, object keys sorted.
func appendJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, x)
	case string:
		return appendJSONString(b, x)
	case json.Number:
		return append(b, x...)
	case map[string]any:
		b = append(b, '{')
		for i, k := range slices.Sorted(maps.Keys(x)) {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJSONString(b, k)
			b = append(b, ": "...)
			b = appendJSON(b, x[k])
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	}
	data, _ := json.Marshal(v)
	return append(b, data...)
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// does with HTML escaping off: quotes, backslashes, control characters,
// U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plain.JSON8String(s, i) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
