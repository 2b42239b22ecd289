package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// badCase is one hostile or broken input and the answer dossier owes it:
// an exit status, and diagnostics (FILE:LINE:COL: SEVERITY CODE, with FILE
// relative to the case folder) that must appear.
type badCase struct {
	name  string
	setup func(t *testing.T, dir string) []string // writes inputs, returns extra arguments
	cmd   string                                  // validate (default) or run
	exit  int
	want  []string
}

func fromTestdata(name string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		data, err := os.ReadFile(filepath.Join("../../testdata/badinput", name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), string(data))
		return []string{"--facts", filepath.Join(dir, name)}
	}
}

func generated(name string, content func() []byte) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		if err := os.WriteFile(filepath.Join(dir, name), content(), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{"--facts", filepath.Join(dir, name)}
	}
}

// document puts an article beside a copy of the shipped sources.
func document(name string, content func() []byte) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		src := filepath.Join(dir, "sources")
		os.MkdirAll(src, 0o755)
		seed, _ := os.ReadFile(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
		os.WriteFile(filepath.Join(src, "mali-united-states.txt"), seed, 0o644)
		if err := os.WriteFile(filepath.Join(src, name), content(), 0o644); err != nil {
			t.Fatal(err)
		}
		shipped, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "facts"))
		return []string{"--sources", src, "--facts", shipped}
	}
}

func utf16le(s string, bom bool) []byte {
	var b bytes.Buffer
	if bom {
		b.Write([]byte{0xFF, 0xFE})
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.Bytes()
}

const goodProgram = `{"kind":"program","countries":["MLI","USA"],"name":"USAID","country":"USA","evidence":{"document":"mali-united-states","quote":"USAID, Peace Corps"}}`

var badCases = []badCase{
	{name: "empty YAML file", setup: fromTestdata("empty.yaml"), exit: 1, want: []string{"empty.yaml:1:1: error load.empty"}},
	{name: "empty JSON Lines file", setup: fromTestdata("empty.jsonl"), exit: 0, want: []string{"empty.jsonl:1:1: warning load.empty"}},
	{name: "empty JSON array", setup: fromTestdata("empty-array.json"), exit: 0, want: []string{"empty-array.json:1:1: warning load.empty"}},
	{name: "empty document", setup: document("empty.txt", func() []byte { return nil }), exit: 0, want: []string{"empty.txt:1:1: warning load.empty"}},
	{name: "invalid UTF-8", setup: fromTestdata("invalid-utf8.jsonl"), exit: 0, want: []string{"invalid-utf8.jsonl:1:59: warning load.utf8"}},
	{name: "UTF-16 fact file with a BOM", setup: generated("u16.jsonl", func() []byte { return utf16le(goodProgram+"\n", true) }), exit: 0},
	{name: "UTF-16 fact file without a BOM", setup: generated("u16.jsonl", func() []byte { return utf16le(goodProgram+"\n", false) }), exit: 1,
		want: []string{"u16.jsonl:1:1: error load.encoding"}},
	{name: "UTF-16 document without a BOM", setup: document("u16.txt", func() []byte { return utf16le("Niger–France relations\n\nThe two countries get along.\n", false) }),
		exit: 0, want: []string{"u16.txt:1:1: info load.encoding"}},
	{name: "UTF-8 BOM and CRLF", setup: fromTestdata("bom-crlf.jsonl"), exit: 0},
	{name: "lone CR line ends", setup: fromTestdata("lone-cr.jsonl"), exit: 1, want: []string{"lone-cr.jsonl:2:", "error schema.additionalProperties"}},
	{name: "NUL bytes", setup: fromTestdata("nul.jsonl"), exit: 1, want: []string{"nul.jsonl:1:1: error load.binary"}},
	{name: "a 50 MB line", setup: generated("huge.jsonl", func() []byte {
		return []byte(`{"kind":"program","name":"` + strings.Repeat("x", 50<<20) + `"}` + "\n" + goodProgram + "\n")
	}), exit: 1, want: []string{"huge.jsonl:1:1: error load.too-large"}},
	{name: "a 50 MB document of one line", setup: document("huge.txt", func() []byte { return bytes.Repeat([]byte("word "), 10<<20) }),
		exit: 1, want: []string{"huge.txt:1:1: error load.too-large"}},
	{name: "YAML alias bomb", setup: fromTestdata("alias-bomb.yaml"), exit: 1, want: []string{"error load.alias-bomb"}},
	{name: "duplicate YAML keys", setup: fromTestdata("duplicate-keys.yaml"), exit: 1, want: []string{"duplicate-keys.yaml:4:3: error load.duplicate-key"}},
	{name: "duplicate JSON keys", setup: fromTestdata("duplicate-keys.jsonl"), exit: 1, want: []string{"duplicate-keys.jsonl:1:34: error load.duplicate-key"}},
	{name: "duplicate keys in a .json record", setup: fromTestdata("duplicate-keys.json"), exit: 1,
		want: []string{"duplicate-keys.json:5:4: error load.duplicate-key", "duplicate-keys.json: 2 read = 1 exported + 1 rejected"}},
	{name: "invalid UTF-8 in a .json record", setup: fromTestdata("invalid-utf8.json"), exit: 0, want: []string{"invalid-utf8.json:2:59: warning load.utf8"}},
	{name: "nesting 10000 deep in a .json record", setup: generated("deep.json", func() []byte {
		return []byte("[\n" + goodProgram + ",\n" + `{"kind":"program","x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "}\n]\n")
	}), exit: 1, want: []string{"deep.json:3:278: error load.too-deep", "deep.json: 2 read = 1 exported + 1 rejected"}},
	{name: "NaN and Infinity in .json", setup: fromTestdata("nan.json"), exit: 1,
		want: []string{"nan.json:1:25: error load.syntax", "nan.json:2:25: error load.syntax"}},
	// A record that does not parse is rejected alone; a missing comma
	// between records ends the reading, and the counts still add up.
	{name: "syntax errors in a .json array", setup: fromTestdata("syntax.json"), exit: 1,
		want: []string{"syntax.json:3:45: error load.syntax", "syntax.json:5:3: error load.syntax", "the rest of the file is not read",
			"syntax.json: 3 read = 2 exported + 1 rejected"}},
	{name: "YAML tags", setup: fromTestdata("tags.yaml"), exit: 1, want: []string{"tags.yaml:3:9: error load.tag"}},
	{name: "YAML merge keys", setup: fromTestdata("merge-keys.yaml"), exit: 1, want: []string{"merge-keys.yaml:5:3: error load.merge-key"}},
	{name: "nesting 10000 deep", setup: generated("deep.jsonl", func() []byte {
		return []byte(`{"kind":"program","x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "}\n")
	}), exit: 1, want: []string{"deep.jsonl:1:", "error load.too-deep"}},
	{name: "nesting 10000 deep in YAML", setup: generated("deep.yaml", func() []byte {
		return []byte("- kind: program\n  x: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n")
	}), exit: 1, want: []string{"deep.yaml:"}},
	{name: "numbers beyond float64 and 2^53", setup: fromTestdata("big-numbers.jsonl"), exit: 1,
		want: []string{"big-numbers.jsonl:1:114: error schema.maximum", "big-numbers.jsonl:2:49: error schema.maximum", "year 9007199254740993"}},
	{name: "NaN and Infinity", setup: fromTestdata("nan.jsonl"), exit: 1,
		want: []string{"nan.jsonl:1:24: error load.syntax", "nan.jsonl:2:24: error load.syntax"}},
	{name: "YAML syntax error", setup: fromTestdata("syntax.yaml"), exit: 1, want: []string{"syntax.yaml:2:", "error load.syntax"}},
	{name: "binary file named .txt", setup: document("binary.txt", func() []byte { return []byte("\x00\x01\x02PK\x03\x04\x00\x00binary") }),
		exit: 1, want: []string{"binary.txt:1:1: error load.binary"}},
	{name: "unknown kind", setup: generated("k.jsonl", func() []byte { return []byte(`{"kind":"treaty"}` + "\n") }), exit: 1,
		want: []string{"k.jsonl:1:9: error fact.kind-unknown"}},
	{name: "symlink loop", setup: func(t *testing.T, dir string) []string {
		os.Symlink(filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "a.jsonl"))
		os.Symlink(filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"))
		return []string{"--facts", dir}
	}, exit: 2, want: []string{"too many levels of symbolic links"}},
	{name: "a fact file that is a folder", setup: func(t *testing.T, dir string) []string {
		os.Mkdir(filepath.Join(dir, "facts.yaml"), 0o755)
		return []string{"--facts", filepath.Join(dir, "facts.yaml", "missing.yaml")}
	}, exit: 2, want: []string{"no such file or directory"}},
	{name: "schema with a broken $ref", setup: func(t *testing.T, dir string) []string {
		os.Mkdir(filepath.Join(dir, "s"), 0o755)
		writeFile(t, filepath.Join(dir, "s", "x.schema.json"), `{"type":"object","properties":{"kind":{"const":"x"},"a":{"$ref":"nowhere.schema.json#/$defs/a"}}}`)
		return []string{"--schemas", filepath.Join(dir, "s"), "--facts", dir}
	}, exit: 2, want: []string{"x.schema.json", "nowhere.schema.json"}},
	{name: "a file that is not a JSON Schema", setup: func(t *testing.T, dir string) []string {
		os.Mkdir(filepath.Join(dir, "s"), 0o755)
		writeFile(t, filepath.Join(dir, "s", "x.schema.json"), `{"type":"object","properties":{"kind":{"type":5}}}`)
		return []string{"--schemas", filepath.Join(dir, "s"), "--facts", dir}
	}, exit: 2, want: []string{"x.schema.json"}},
	{name: "schema that is not JSON", setup: func(t *testing.T, dir string) []string {
		os.Mkdir(filepath.Join(dir, "s"), 0o755)
		writeFile(t, filepath.Join(dir, "s", "x.schema.json"), "not a schema")
		return []string{"--schemas", filepath.Join(dir, "s"), "--facts", dir}
	}, exit: 2, want: []string{"x.schema.json: not valid JSON"}},
	{name: "config with an unknown key", setup: func(t *testing.T, dir string) []string {
		writeFile(t, filepath.Join(dir, "c.yaml"), "sources: s\nlimits:\n  depht: 3\n")
		return []string{"--config", filepath.Join(dir, "c.yaml")}
	}, exit: 2, want: []string{`c.yaml:3:3: config: unknown key "limits.depht"`}},
	{name: "config with a depth past what YAML reads", setup: func(t *testing.T, dir string) []string {
		writeFile(t, filepath.Join(dir, "c.yaml"), "limits:\n  depth: 10001\n")
		return []string{"--config", filepath.Join(dir, "c.yaml")}
	}, exit: 2, want: []string{"c.yaml:2:10: config: limits.depth: at most 10000"}},
	{name: "config value of the wrong type", setup: func(t *testing.T, dir string) []string {
		writeFile(t, filepath.Join(dir, "c.yaml"), "jobs: many\n")
		return []string{"--config", filepath.Join(dir, "c.yaml")}
	}, exit: 2, want: []string{`c.yaml:1:7: config: jobs: want a whole number`}},
	{name: "output folder that cannot be written", cmd: "run", setup: func(t *testing.T, dir string) []string {
		writeFile(t, filepath.Join(dir, "out"), "a file where the folder should be")
		return []string{"--out", filepath.Join(dir, "out", "sub")}
	}, exit: 2, want: []string{"output folder"}},
}

// TestBadInput runs every case: each answers with its located diagnostic
// and exit status, fast, never a panic.
func TestBadInput(t *testing.T) {
	for _, c := range badCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := c.setup(t, dir)
			cmd := c.cmd
			if cmd == "" {
				cmd = "validate"
			}
			full := append(repoArgs(t), cmd)
			if cmd == "run" && !contains(args, "--out") {
				full = append(full, "--out", filepath.Join(dir, "out"))
			}
			start := time.Now()
			code, _, stderr := dossier(t, dir, append(full, args...)...)
			if d := time.Since(start); d > 60*time.Second {
				t.Errorf("took %s", d)
			}
			stderr = strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
			if code != c.exit {
				t.Errorf("exit %d, want %d\n%s", code, c.exit, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, lastLines(stderr, 12))
				}
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "internal error") {
				t.Errorf("a panic reached the user:\n%s", stderr)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
