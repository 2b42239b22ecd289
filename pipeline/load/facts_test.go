package load_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/load"
)

func TestFactFiles(t *testing.T) {
	dir := t.TempDir()
	facts := filepath.Join(dir, "facts")
	for _, n := range []string{"z.yaml", "b.json", "a.yml", "c.jsonl", "d.ndjson", "E.YAML", "notes.txt", "x.csv.bak", "doc.meta.yml.orig"} {
		writeFile(t, filepath.Join(facts, n), "[]")
	}
	writeFile(t, filepath.Join(facts, "nested", "n.yaml"), "[]")
	extra := writeFile(t, filepath.Join(dir, "extra.json"), "[]")
	bad := writeFile(t, filepath.Join(dir, "facts.txt"), "x")

	j := func(n string) string { return filepath.Join(facts, n) }
	tests := []struct {
		name    string
		paths   []string
		want    []string
		wantErr string
	}{
		{"directory expanded, sorted, not recursive", []string{facts},
			[]string{j("E.YAML"), j("a.yml"), j("b.json"), j("c.jsonl"), j("d.ndjson"), j("z.yaml")}, ""},
		{"files and dirs merged, sorted, deduplicated", []string{extra, facts, j("z.yaml"), extra},
			[]string{extra, j("E.YAML"), j("a.yml"), j("b.json"), j("c.jsonl"), j("d.ndjson"), j("z.yaml")}, ""},
		{"explicit file", []string{j("b.json")}, []string{j("b.json")}, ""},
		{"unknown extension", []string{bad}, nil, "unknown fact file type \".txt\""},
		{"missing path", []string{filepath.Join(dir, "missing.yaml")}, nil, "missing.yaml"},
		{"none", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := load.FactFiles(tt.paths)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FactFiles = %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestReaderFor(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"f.yaml", true}, {"f.YML", true}, {"f.json", true}, {"f.jsonl", true}, {"f.ndjson", true}, {"f.csv", true},
		{"f.txt", false}, {"f", false}, {"f.yaml.bak", false},
	}
	for _, tt := range tests {
		if got := load.ReaderFor(tt.name) != nil; got != tt.ok {
			t.Errorf("ReaderFor(%q) != nil is %v, want %v", tt.name, got, tt.ok)
		}
	}
	exts := load.FactExtensions()
	if !reflect.DeepEqual(exts, []string{".csv", ".json", ".jsonl", ".ndjson", ".yaml", ".yml"}) {
		t.Errorf("FactExtensions = %v", exts)
	}
}

func TestReadFactFile(t *testing.T) {
	dir := t.TempDir()
	y := writeFile(t, filepath.Join(dir, "f.yaml"), "- {kind: a}\n- {kind: b}\n")
	c := &collected{}
	if err := load.ReadFactFile(y, c.sink()); err != nil {
		t.Fatal(err)
	}
	if len(c.facts) != 2 || c.facts[1].File != y {
		t.Errorf("facts = %d", len(c.facts))
	}
	if err := load.ReadFactFile(filepath.Join(dir, "f.txt"), c.sink()); err == nil {
		t.Error("unknown type: no error")
	}
	if err := load.ReadFactFile(filepath.Join(dir, "missing.json"), c.sink()); err == nil {
		t.Error("missing file: no error")
	}
}

// The shipped fact file loads whole, every record at its "- kind:" line.
func TestShippedFactFile(t *testing.T) {
	c := &collected{}
	if err := load.ReadFactFile("../../sources/facts/mali-united-states.yaml", c.sink()); err != nil {
		t.Fatal(err)
	}
	if len(c.rejects)+len(c.issues) != 0 {
		t.Fatalf("issues on the shipped facts: %v %v", c.rejects, c.issues)
	}
	if len(c.facts) < 10 {
		t.Fatalf("only %d facts", len(c.facts))
	}
	for _, f := range c.facts {
		if f.Pos.Col != 3 || f.String("/kind") == "" {
			t.Errorf("fact %d at %v kind %q", f.Index, f.Pos, f.String("/kind"))
		}
		if q := f.Locate("/evidence/quote"); q.Line <= f.Pos.Line {
			t.Errorf("fact %d: quote at %v, record at %v", f.Index, q, f.Pos)
		}
	}
}
