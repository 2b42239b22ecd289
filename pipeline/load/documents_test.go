package load_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/load"
)

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDocument(t *testing.T) {
	const text = "Open main menu\n\nMali–United States relations are friendly.\n"
	tests := []struct {
		name       string
		file       string
		meta       *string // nil: no sidecar
		wantID     string
		wantTitle  string
		wantURL    string
		wantRetr   string
		wantLang   string
		wantCodes  []string
		wantLine   int
		wantMeta   bool
		wantNoMeta bool
	}{
		{name: "no sidecar", file: "mali-united-states.txt", wantID: "mali-united-states"},
		{
			name: "sidecar fields", file: "mali-united-states.txt",
			meta:   ptr("title: \"Mali–United States relations\"\nurl: https://en.m.wikipedia.org/wiki/Mali%E2%80%93United_States_relations\nretrieved: 2024-05-01\nlanguage: en\ncountries: [MLI, USA]\n"),
			wantID: "mali-united-states", wantTitle: "Mali–United States relations",
			wantURL: "https://en.m.wikipedia.org/wiki/Mali%E2%80%93United_States_relations", wantRetr: "2024-05-01", wantLang: "en",
			wantMeta: true,
		},
		{name: "id keeps inner dots", file: "a.b.c.txt", wantID: "a.b.c"},
		{name: "upper-case extension", file: "Doc.TXT", wantID: "Doc"},
		{name: "empty sidecar is fine", file: "d.txt", meta: ptr("  \n"), wantID: "d"},
		{name: "comment-only sidecar is fine", file: "d.txt", meta: ptr("# nothing yet\n"), wantID: "d"},
		{name: "sidecar syntax error", file: "d.txt", meta: ptr("title: a\nlanguage: en\n  bad: : x\n"), wantID: "d", wantCodes: []string{"load.syntax"}, wantLine: 3},
		{name: "sidecar duplicate key", file: "d.txt", meta: ptr("title: a\ntitle: b\n"), wantID: "d", wantCodes: []string{"load.duplicate-key"}, wantLine: 2, wantNoMeta: true},
		{name: "sidecar not a mapping", file: "d.txt", meta: ptr("- title: a\n"), wantID: "d", wantCodes: []string{"load.not-object"}, wantLine: 1, wantNoMeta: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, filepath.Join(dir, tt.file), text)
			metaPath := ""
			if tt.meta != nil {
				metaPath = strings.TrimSuffix(path, filepath.Ext(path)) + load.MetaSuffix
				writeFile(t, metaPath, *tt.meta)
			}
			d, issues, err := load.Document(path)
			if err != nil {
				t.Fatalf("Document: %v", err)
			}
			sum := sha256.Sum256([]byte(text))
			if d.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("SHA256 = %s", d.SHA256)
			}
			if d.ID != tt.wantID || d.Path != path || d.Bytes != len(text) || string(d.Raw) != text {
				t.Errorf("ID=%q Path=%q Bytes=%d", d.ID, d.Path, d.Bytes)
			}
			if d.Lines == nil || d.Lines.Pos(len("Open main menu\n\n")) != (fact.Pos{Line: 3, Col: 1}) {
				t.Errorf("Lines not indexed")
			}
			if d.Title != tt.wantTitle || d.URL != tt.wantURL || d.Retrieved != tt.wantRetr || d.Language != tt.wantLang {
				t.Errorf("Title=%q URL=%q Retrieved=%q Language=%q", d.Title, d.URL, d.Retrieved, d.Language)
			}
			if d.MetaFile != metaPath {
				t.Errorf("MetaFile = %q, want %q", d.MetaFile, metaPath)
			}
			if got := codes(issues); !reflect.DeepEqual(got, tt.wantCodes) {
				t.Fatalf("issues = %v, want %v", issues, tt.wantCodes)
			}
			for _, is := range issues {
				if is.File != metaPath {
					t.Errorf("issue file %q, want the sidecar %q", is.File, metaPath)
				}
				if is.Line != tt.wantLine {
					t.Errorf("issue at line %d, want %d (%s)", is.Line, tt.wantLine, is.Message)
				}
			}
			if tt.wantMeta {
				if got := d.Meta["countries"]; !reflect.DeepEqual(got, []any{"MLI", "USA"}) {
					t.Errorf("Meta[countries] = %#v", got)
				}
				if got, want := d.MetaLoc.Locate("/language"), (fact.Pos{Line: 4, Col: 11}); got != want {
					t.Errorf("MetaLoc /language = %v, want %v", got, want)
				}
			}
			if tt.wantNoMeta && d.Meta != nil {
				t.Errorf("Meta = %v, want nil for a bad sidecar", d.Meta)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestDocumentMissingFile(t *testing.T) {
	_, _, err := load.Document(filepath.Join(t.TempDir(), "nope.txt"))
	if !os.IsNotExist(err) {
		t.Errorf("err = %v, want a not-exist error", err)
	}
}

func TestDocumentRecord(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "doc.txt"), "text\n")
	writeFile(t, filepath.Join(dir, "doc.meta.yaml"), "# sidecar\ntitle: Doc\nlanguage: en\n")
	d, issues, err := load.Document(path)
	if err != nil || len(issues) != 0 {
		t.Fatalf("Document: %v %v", err, issues)
	}
	rec := load.DocumentRecord(d)
	if rec.Kind != "document" || rec.ID != "doc" || rec.File != path {
		t.Errorf("record = %+v", rec)
	}
	want := map[string]any{"id": "doc", "path": path, "sha256": d.SHA256, "title": "Doc", "language": "en"}
	if !reflect.DeepEqual(rec.Fields, want) {
		t.Errorf("fields = %v, want %v", rec.Fields, want)
	}
	tests := []struct {
		ptr  string
		want fact.Pos
	}{
		{"/language", fact.Pos{Line: 3, Col: 11}},
		{"/title", fact.Pos{Line: 2, Col: 8}},
		{"/sha256", fact.Pos{Line: 1, Col: 1}}, // computed: the text file's start
		{"", fact.Pos{Line: 1, Col: 1}},
	}
	for _, tt := range tests {
		if got := rec.Locate(tt.ptr); got != tt.want {
			t.Errorf("Locate(%q) = %v, want %v", tt.ptr, got, tt.want)
		}
	}
}

func TestDocumentFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.txt", "a.txt", "C.TXT", "a.meta.yaml", "notes.md"} {
		writeFile(t, filepath.Join(dir, n), "x")
	}
	writeFile(t, filepath.Join(dir, "sub", "d.txt"), "x")
	got, err := load.DocumentFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "C.TXT"), filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DocumentFiles = %v, want %v", got, want)
	}
	if _, err := load.DocumentFiles(filepath.Join(dir, "missing")); err == nil {
		t.Error("DocumentFiles on a missing dir: no error")
	}
}
