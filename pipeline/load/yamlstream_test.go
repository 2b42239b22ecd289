package load_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// scanYAML reads src item by item, as a run does a YAML file it streams.
func scanYAML(t *testing.T, src string) *collected {
	t.Helper()
	c := &collected{}
	err := load.ScanYAML("f.yaml", strings.NewReader(src), 0, load.RecordSink{
		Record: func(pos fact.Pos, index int, raw []byte) error {
			f, reject, pre := load.DecodeYAMLRecord("f.yaml", pos, index, raw, 0)
			c.issues = append(c.issues, pre...)
			if reject != nil {
				c.rejects = append(c.rejects, *reject)
			} else {
				c.facts = append(c.facts, f)
			}
			return nil
		},
		Reject: func(is issue.Issue) error { c.rejects = append(c.rejects, is); return nil },
		Issue:  func(is issue.Issue) error { c.issues = append(c.issues, is); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Read item by item, a file gives the facts, places and issues it gives
// read whole.
func TestScanYAMLReadsAsWhole(t *testing.T) {
	src := `# Facts
# of a test

- kind: poll   # a comment
  countries: [MLI, USA]
  year: 2007
  evidence:
    document: d
    quote: "According to a 2007 poll,
      79% of Malians"
# --- between items ---

- kind: note
  text: |
    a block
    of text
  list:
    - a
    - b: 1
      c: [1, 2.50, 9007199254740993]
-
  kind: empty-first-line
  when: 2012-03-22
- kind: dup
  a: 1
  a: 2
- just a string
- kind: deep
  x: {y: {z: null}}
`
	whole := read(t, load.ReadYAML, "f.yaml", src)
	items := scanYAML(t, src)
	if len(whole.facts) != 4 || len(whole.rejects) != 2 {
		t.Fatalf("read whole: %d facts, %d rejects; the test expects 4 and 2", len(whole.facts), len(whole.rejects))
	}
	if !reflect.DeepEqual(whole.rejects, items.rejects) || !reflect.DeepEqual(whole.issues, items.issues) {
		t.Errorf("issues differ:\nwhole: %v %v\nitems: %v %v", whole.rejects, whole.issues, items.rejects, items.issues)
	}
	if len(items.facts) != len(whole.facts) {
		t.Fatalf("%d facts item by item, %d whole", len(items.facts), len(whole.facts))
	}
	for i, w := range whole.facts {
		g := items.facts[i]
		if !reflect.DeepEqual(w.Fields, g.Fields) || w.Pos != g.Pos || w.Index != g.Index {
			t.Errorf("fact %d: %v at %v (record %d), want %v at %v (record %d)", i, g.Fields, g.Pos, g.Index, w.Fields, w.Pos, w.Index)
		}
		for _, ptr := range []string{"/kind", "/evidence/quote", "/list/1/c/2", "/x/y/z", "/missing"} {
			if a, b := w.Locate(ptr), g.Locate(ptr); a != b {
				t.Errorf("fact %d: %s at %v, want %v", i, ptr, b, a)
			}
		}
	}
}

// A syntax error in one item rejects that item, placed in the file; the
// other items are read.
func TestScanYAMLSyntaxErrorInAnItem(t *testing.T) {
	src := "- kind: a\n  x: 1\n- kind: b\n  name: [unclosed\n- kind: c\n"
	c := scanYAML(t, src)
	if len(c.facts) != 2 || len(c.rejects) != 1 {
		t.Fatalf("%d facts, %d rejects; want 2 and 1", len(c.facts), len(c.rejects))
	}
	if is := c.rejects[0]; is.Code != "load.syntax" || is.Line < 3 || is.Line > 5 {
		t.Errorf("reject %v, want load.syntax within the second item (lines 3-4)", is)
	}
}

// Files whose items can be tied together, or that are not one block
// sequence, are read whole; so is text that only looks like an anchor.
func TestYAMLStreamedWhenSafe(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, src string
		stream    bool
	}{
		{"items", "# c\n- kind: a\n  quote: \"R&D, 5 * 3 and Hello!\"\n- kind: b\n", true},
		{"anchor and alias", "- &base\n  kind: a\n- <<: *base\n", false},
		{"alias in a flow list", "- kind: a\n  x: [*a]\n", false},
		{"tag", "- kind: a\n  x: !thing 1\n", false},
		{"one mapping", "kind: a\nname: b\n", false},
		{"flow list", "[{kind: a}, {kind: b}]\n", false},
		{"two documents", "- kind: a\n---\n- kind: b\n", false},
		{"directive", "%YAML 1.2\n---\n- kind: a\n", false},
		{"empty", "# nothing\n", false},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml")
		if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := load.ScannerFor(path) != nil; got != tc.stream {
			t.Errorf("%s: streamed %v, want %v", tc.name, got, tc.stream)
		}
	}
}

// A large YAML file read whole says so, and about how much memory it takes.
func TestReadWholeSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.yaml")
	src := "- &a\n  kind: a\n" + strings.Repeat("# padding, to make the file large\n", 17<<20/34)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &collected{}
	if err := load.ReadFactFile(path, c.sink()); err != nil {
		t.Fatal(err)
	}
	if len(c.facts) != 1 || len(c.issues) != 1 || c.issues[0].Code != "load.read-whole" || !strings.Contains(c.issues[0].Message, "about 425 MB of memory") {
		t.Errorf("%d facts, issues %v; want the fact and a load.read-whole note of about 425 MB", len(c.facts), c.issues)
	}
}
