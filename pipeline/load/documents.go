package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// MetaSuffix names a document's sidecar: NAME.txt has NAME.meta.yaml.
const MetaSuffix = ".meta.yaml"

// DocumentFiles lists the .txt files directly inside dir, sorted.
func DocumentFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	var out []string
	for _, e := range ents {
		if !strings.EqualFold(filepath.Ext(e.Name()), ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			// Follow links, and say so when one leads nowhere or in a loop.
			st, err := os.Stat(p)
			if err != nil {
				return nil, fmt.Errorf("sources: %w", err)
			}
			if st.Mode().IsRegular() {
				out = append(out, p)
			}
			continue
		}
		if e.Type().IsRegular() {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Document reads one article and its sidecar with the default limits.
func Document(path string) (*document.Document, []issue.Issue, error) {
	return ReadDocument(path, DefaultLimits)
}

// ReadDocument reads one article and its sidecar. The text is made UTF-8
// (see DecodeText) but not cleaned. A document that is too large or not
// text is not read: it returns a nil document and the issue that says why.
// Problems with the sidecar are issues.
func ReadDocument(path string, lim Limits) (*document.Document, []issue.Issue, error) {
	lim = lim.WithDefaults()
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if st.Size() > lim.DocumentBytes {
		return nil, []issue.Issue{{Severity: issue.Error, Code: "load.too-large", File: path, Line: 1, Column: 1,
			Message: fmt.Sprintf("the document is %d bytes, more than the limit of %d (limits.document_bytes)", st.Size(), lim.DocumentBytes)}}, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	sum := sha256.Sum256(raw)
	var issues []issue.Issue
	text, note := DecodeText(path, raw)
	if note != nil {
		issues = append(issues, *note)
		if text == nil {
			return nil, issues, nil
		}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		issues = append(issues, issue.Issue{Severity: issue.Warning, Code: "load.empty", File: path, Line: 1, Column: 1,
			Message: "the document is empty"})
	}
	base := filepath.Base(path)
	d := &document.Document{
		ID:     strings.TrimSuffix(base, filepath.Ext(base)),
		Path:   path,
		SHA256: hex.EncodeToString(sum[:]),
		Bytes:  len(raw),
		Raw:    text,
		Lines:  document.NewLines(text),
	}
	meta := strings.TrimSuffix(path, filepath.Ext(path)) + MetaSuffix
	data, err := os.ReadFile(meta)
	switch {
	case err == nil:
		d.MetaFile = meta
		return d, append(issues, readMeta(d, meta, data, lim.Depth)...), nil
	case errorsIsNotExist(err):
		return d, issues, nil
	default:
		return nil, nil, err
	}
}

func errorsIsNotExist(err error) bool {
	pe, ok := err.(*fs.PathError)
	return ok && os.IsNotExist(pe)
}

// readMeta decodes a sidecar into d.Meta, keeping positions for diagnostics,
// and copies the well-known fields onto the document. Nesting is bounded
// by maxDepth, as in fact files.
func readMeta(d *document.Document, file string, data []byte, maxDepth int) []issue.Issue {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return []issue.Issue{yamlSyntaxIssue(file, data, err)}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	c := &yamlConverter{file: file, maxDepth: maxDepth}
	v := c.convert(root, "", 0)
	if len(c.issues) > 0 {
		return c.issues
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []issue.Issue{{Severity: issue.Error, Code: "load.not-object", File: file, Line: root.Line, Column: root.Column, Message: "a metadata file must hold a mapping of fields"}}
	}
	d.Meta = obj
	d.MetaLoc = yamlLocator{root}
	str := func(k string) string { s, _ := obj[k].(string); return s }
	d.Title, d.URL, d.Retrieved, d.Language = str("title"), str("url"), str("retrieved"), str("language")
	return nil
}

// DocumentRecord is the object validated against document.schema.json: the
// sidecar's fields plus what the pipeline computed. Its locator points into
// the sidecar for the fields written there, at the text file otherwise.
func DocumentRecord(d *document.Document) *fact.Fact {
	fields := map[string]any{}
	for k, v := range d.Meta {
		fields[k] = v
	}
	fields["id"] = d.ID
	fields["path"] = d.Path
	fields["sha256"] = d.SHA256
	if _, ok := fields["title"]; !ok && d.Title != "" {
		fields["title"] = d.Title
	}
	return &fact.Fact{Kind: "document", ID: d.ID, File: d.Path, Pos: fact.Pos{Line: 1, Col: 1}, Fields: fields,
		Loc: metaLocator{d}}
}

type metaLocator struct{ d *document.Document }

func (m metaLocator) Locate(ptr string) fact.Pos {
	toks := fact.SplitPointer(ptr)
	if m.d.MetaLoc == nil || len(toks) == 0 {
		return fact.Pos{}
	}
	if _, ok := m.d.Meta[toks[0]]; !ok {
		return fact.Pos{}
	}
	return m.d.MetaLoc.Locate(ptr)
}
