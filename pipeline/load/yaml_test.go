package load_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"dossier/pipeline/fact"
	"dossier/pipeline/load"
)

const yamlFacts = `# Curated facts.
- kind: poll
  countries: [MLI, USA]
  year: 2007
  value: 79
  evidence:
    document: mali-united-states
    quote: "According to a 2007 global opinion poll, 79% of Malians view the United States favorably."

- kind: official
  countries:
    - MLI
    - USA
  role: Defense Attaché
  name: Eric Dalton
  evidence:
    document: mali-united-states
    quote: >-
      Defense Attaché—LTC
      Eric Dalton
`

func TestReadYAMLRecords(t *testing.T) {
	c := read(t, load.ReadYAML, "facts.yaml", yamlFacts)
	if len(c.facts) != 2 || len(c.rejects) != 0 || len(c.issues) != 0 {
		t.Fatalf("got %d facts, rejects %v, issues %v; want 2 facts and nothing else", len(c.facts), c.rejects, c.issues)
	}
	for i, f := range c.facts {
		if f.File != "facts.yaml" || f.Index != i || f.Origin != fact.Curated {
			t.Errorf("fact %d: File=%q Index=%d Origin=%q", i, f.File, f.Index, f.Origin)
		}
	}
	if got, want := c.facts[0].Pos, posOf(t, yamlFacts, "kind: poll", 0); got != want {
		t.Errorf("fact 0 Pos = %v, want %v", got, want)
	}
	if got, want := c.facts[1].Pos, posOf(t, yamlFacts, "kind: official", 0); got != want {
		t.Errorf("fact 1 Pos = %v, want %v", got, want)
	}
	if got := c.facts[1].String("/evidence/quote"); got != "Defense Attaché—LTC Eric Dalton" {
		t.Errorf("folded scalar = %q", got)
	}
}

func TestYAMLLocate(t *testing.T) {
	c := read(t, load.ReadYAML, "facts.yaml", yamlFacts)
	if len(c.facts) != 2 {
		t.Fatalf("got %d facts, want 2", len(c.facts))
	}
	poll, official := c.facts[0], c.facts[1]
	tests := []struct {
		name    string
		f       *fact.Fact
		pointer string
		want    fact.Pos
	}{
		{"record", poll, "", posOf(t, yamlFacts, "kind: poll", 0)},
		{"top-level value", poll, "/year", posOf(t, yamlFacts, "2007\n", 0)},
		{"nested quote", poll, "/evidence/quote", posOf(t, yamlFacts, `"According`, 0)},
		{"nested document", poll, "/evidence/document", posOf(t, yamlFacts, "mali-united-states", 0)},
		{"flow sequence item", poll, "/countries/1", posOf(t, yamlFacts, "USA]", 0)},
		{"flow sequence item 0", poll, "/countries/0", posOf(t, yamlFacts, "MLI,", 0)},
		{"block sequence item", official, "/countries/1", posOf(t, yamlFacts, "USA\n", 0)},
		{"block scalar", official, "/evidence/quote", posOf(t, yamlFacts, ">-", 0)},
		{"non-ASCII before value", official, "/name", posOf(t, yamlFacts, "Eric Dalton\n", 0)},
		{"missing leaf falls back to parent", poll, "/evidence/missing", posOf(t, yamlFacts, "document: mali", 0)},
		{"missing deep path falls back to nearest parent", poll, "/evidence/quote/x/y", posOf(t, yamlFacts, `"According`, 0)},
		{"index out of range falls back to the sequence", poll, "/countries/7", posOf(t, yamlFacts, "[MLI", 0)},
		{"missing top-level falls back to the record", official, "/nope", posOf(t, yamlFacts, "kind: official", 0)},
		{"non-numeric index falls back", official, "/countries/x", posOf(t, yamlFacts, "- MLI", 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Locate(tt.pointer); got != tt.want {
				t.Errorf("Locate(%q) = %v, want %v", tt.pointer, got, tt.want)
			}
		})
	}
}

func TestYAMLLocateEscapedPointer(t *testing.T) {
	src := "a/b: 1\nc~d: 2\n"
	c := read(t, load.ReadYAML, "f.yaml", src)
	if len(c.facts) != 1 {
		t.Fatalf("got %d facts, want 1 (%v %v)", len(c.facts), c.rejects, c.issues)
	}
	f := c.facts[0]
	for _, tt := range []struct {
		ptr  string
		want fact.Pos
	}{
		{fact.Pointer("a/b"), fact.Pos{Line: 1, Col: 6}},
		{fact.Pointer("c~d"), fact.Pos{Line: 2, Col: 6}},
	} {
		if got := f.Locate(tt.ptr); got != tt.want {
			t.Errorf("Locate(%q) = %v, want %v", tt.ptr, got, tt.want)
		}
	}
}

func TestYAMLScalars(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want any
	}{
		{"date stays a string", "2012-03-22", "2012-03-22"},
		{"timestamp stays a string", "2012-03-22T10:04:05Z", "2012-03-22T10:04:05Z"},
		{"year-month stays a string", `"2012-03"`, "2012-03"},
		{"int", "2007", json.Number("2007")},
		{"negative int", "-12", json.Number("-12")},
		{"zero", "0", json.Number("0")},
		{"hex int in JSON syntax", "0x1F", json.Number("31")},
		{"underscored int", "1_000", json.Number("1000")},
		{"float", "79.5", json.Number("79.5")},
		{"exponent float", "1e3", json.Number("1e3")},
		{"leading-dot float rewritten as JSON", ".5", json.Number("0.5")},
		{"int beyond int64", "123456789012345678901234567890", json.Number("123456789012345678901234567890")},
		{"negative int beyond int64", "-123456789012345678901234567890", json.Number("-123456789012345678901234567890")},
		{"uint64 max", "18446744073709551615", json.Number("18446744073709551615")},
		{"quoted number stays a string", `"79"`, "79"},
		{"true", "true", true},
		{"false", "false", false},
		{"yes is a string in YAML 1.2", "yes", "yes"},
		{"null", "null", nil},
		{"tilde", "~", nil},
		{"empty", "", nil},
		{"plain string", "Bamako", "Bamako"},
		{"flow sequence", "[1, two]", []any{json.Number("1"), "two"}},
		{"flow mapping", "{a: 1}", map[string]any{"a": json.Number("1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "v: " + tt.yaml + "\n"
			c := read(t, load.ReadYAML, "f.yaml", src)
			if len(c.facts) != 1 {
				t.Fatalf("got %d facts, rejects %v, issues %v", len(c.facts), c.rejects, c.issues)
			}
			got := c.facts[0].Fields["v"]
			if _, isTime := got.(time.Time); isTime {
				t.Fatalf("v decoded as time.Time %v", got)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("v = %#v (%T), want %#v (%T)", got, got, tt.want, tt.want)
			}
		})
	}
}

// Every value a YAML fact holds must be something encoding/json can write
// and the validator can read: no map[any]any, no time.Time.
func TestYAMLValuesAreJSON(t *testing.T) {
	src := "a: {1: x, true: y}\nb: 2012-03-22\nc: [2001-01-01, {d: 1.5}]\n"
	c := read(t, load.ReadYAML, "f.yaml", src)
	if len(c.facts) != 1 {
		t.Fatalf("got %d facts (%v %v)", len(c.facts), c.rejects, c.issues)
	}
	b, err := json.Marshal(c.facts[0].Fields)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	want := `{"a":{"1":"x","true":"y"},"b":"2012-03-22","c":["2001-01-01",{"d":1.5}]}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

func TestYAMLDuplicateKey(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		pointer   string
		firstLine int
		dupLine   int
	}{
		{"top level", "- kind: poll\n  year: 2007\n  year: 2012\n", "/year", 2, 3},
		{"nested", "- kind: poll\n  evidence:\n    quote: a\n    document: d\n    quote: b\n", "/evidence/quote", 3, 5},
		{"lone mapping", "kind: poll\nname: a\n\nname: b\n", "/name", 2, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadYAML, "f.yaml", tt.src)
			if len(c.facts) != 0 {
				t.Errorf("a record with a duplicate key was accepted: %v", c.facts[0].Fields)
			}
			if len(c.rejects) != 1 {
				t.Fatalf("rejects = %v, want one", c.rejects)
			}
			is := c.rejects[0]
			if is.Code != "load.duplicate-key" {
				t.Fatalf("code = %q, want load.duplicate-key", is.Code)
			}
			if is.Line != tt.dupLine || is.Column < 1 {
				t.Errorf("issue at %d:%d, want line %d", is.Line, is.Column, tt.dupLine)
			}
			if is.Pointer != tt.pointer {
				t.Errorf("pointer = %q, want %q", is.Pointer, tt.pointer)
			}
			if !strings.Contains(is.Message, fmt.Sprintf("line %d", tt.firstLine)) {
				t.Errorf("message %q does not name the first line %d", is.Message, tt.firstLine)
			}
			if is.File != "f.yaml" {
				t.Errorf("file = %q", is.File)
			}
		})
	}
}

// A bad record is rejected on its own; its neighbours still load.
func TestYAMLBadRecordDoesNotStopTheFile(t *testing.T) {
	src := "- {kind: a, n: 1}\n- {kind: b, n: 1, n: 2}\n- {kind: c}\n"
	c := read(t, load.ReadYAML, "f.yaml", src)
	if len(c.facts) != 2 || len(c.rejects) != 1 {
		t.Fatalf("facts %d rejects %v, want 2 facts and 1 reject", len(c.facts), c.rejects)
	}
	if c.facts[0].Index != 0 || c.facts[1].Index != 2 {
		t.Errorf("indexes = %d, %d; want 0, 2", c.facts[0].Index, c.facts[1].Index)
	}
	if c.facts[1].Pos.Line != 3 {
		t.Errorf("third record at line %d, want 3", c.facts[1].Pos.Line)
	}
}

func TestYAMLMergeKeyRejected(t *testing.T) {
	src := "- &base\n  kind: official\n  country: USA\n- <<: *base\n  name: Eric Dalton\n"
	c := read(t, load.ReadYAML, "f.yaml", src)
	if len(c.facts) != 1 {
		t.Errorf("got %d facts, want only the base record", len(c.facts))
	}
	if len(c.rejects) != 1 || c.rejects[0].Code != "load.merge-key" {
		t.Fatalf("rejects = %v, want one load.merge-key", c.rejects)
	}
	if is := c.rejects[0]; is.Line != 4 || is.Column != 3 {
		t.Errorf("merge key issue at %d:%d, want 4:3", is.Line, is.Column)
	}
}

// A plain alias (not a merge) is expanded: the value is copied.
func TestYAMLAliasExpanded(t *testing.T) {
	src := "- countries: &pair [MLI, USA]\n  kind: a\n- countries: *pair\n  kind: b\n"
	c := read(t, load.ReadYAML, "f.yaml", src)
	if len(c.facts) != 2 {
		t.Fatalf("facts %d, rejects %v", len(c.facts), c.rejects)
	}
	want := []any{"MLI", "USA"}
	if got := c.facts[1].Fields["countries"]; !reflect.DeepEqual(got, want) {
		t.Errorf("aliased countries = %#v", got)
	}
	// Inside an alias, positions are the anchor's.
	if got, want := c.facts[1].Locate("/countries/1"), (fact.Pos{Line: 1, Col: 26}); got != want {
		t.Errorf("Locate through alias = %v, want %v", got, want)
	}
}

func billionLaughs(levels, width int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < width; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestYAMLAliasBomb(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"billion laughs mapping", billionLaughs(10, 9)},
		{"billion laughs in a sequence record", "- kind: x\n  bomb:\n" + indent(billionLaughs(10, 9), "    ")},
		{"wide and deep", billionLaughs(30, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan *collected, 1)
			go func() {
				c := &collected{}
				_ = load.ReadYAML("bomb.yaml", strings.NewReader(tt.src), c.sink())
				done <- c
			}()
			var c *collected
			select {
			case c = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("alias bomb not rejected within 5s")
			}
			if len(c.facts) != 0 {
				t.Errorf("an alias bomb was accepted as a fact")
			}
			if len(c.rejects) != 1 {
				t.Errorf("rejects = %d, want the one record rejected", len(c.rejects))
			}
			if !hasCode(c.all(), "load.alias-bomb") {
				t.Errorf("no load.alias-bomb issue; got %v", codes(c.all()))
			}
		})
	}
}

func indent(s, pre string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pre + l
		}
	}
	return strings.Join(lines, "")
}

func TestYAMLTopLevelShapes(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		facts      int
		rejects    []string
		issues     []string
		rejectLine int
	}{
		{"mapping is one record", "kind: poll\nyear: 2007\n", 1, nil, nil, 0},
		{"sequence of mappings", "- {kind: a}\n- {kind: b}\n", 2, nil, nil, 0},
		{"scalar record", "just a string\n", 0, []string{"load.not-object"}, nil, 1},
		{"scalar item in a sequence", "- {kind: a}\n- 42\n- {kind: b}\n", 2, []string{"load.not-object"}, nil, 2},
		{"nested sequence item", "- {kind: a}\n- [1, 2]\n", 1, []string{"load.not-object"}, nil, 2},
		{"null item", "- {kind: a}\n- ~\n", 1, []string{"load.not-object"}, nil, 2},
		{"empty file", "", 0, nil, []string{"load.empty"}, 0},
		{"comments only", "# nothing\n", 0, nil, []string{"load.empty"}, 0},
		{"empty sequence", "[]\n", 0, nil, nil, 0},
		{"non-string key", "? [a, b]\n: 1\n", 0, []string{"load.key"}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadYAML, "f.yaml", tt.src)
			if len(c.facts) != tt.facts {
				t.Errorf("facts = %d, want %d", len(c.facts), tt.facts)
			}
			if got := codes(c.rejects); !reflect.DeepEqual(got, tt.rejects) {
				t.Errorf("rejects = %v, want %v", got, tt.rejects)
			}
			if got := codes(c.issues); !reflect.DeepEqual(got, tt.issues) {
				t.Errorf("issues = %v, want %v", got, tt.issues)
			}
			if tt.rejectLine > 0 && len(c.rejects) > 0 && c.rejects[0].Line != tt.rejectLine {
				t.Errorf("reject at line %d, want %d", c.rejects[0].Line, tt.rejectLine)
			}
		})
	}
}

func TestYAMLSyntaxError(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
	}{
		{"tab indentation", "- kind: poll\n\tyear: 2007\n", 2},
		{"mapping value in a plain scalar", "a: 1\n\n\nb: c: d\n", 4},
		{"over-indented key", "a: 1\nb: 2\n  c: 3\n", 3},
		{"unterminated quote points at its start", "kind: poll\nsummary: \"abc\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadYAML, "f.yaml", tt.src)
			if len(c.facts) != 0 {
				t.Errorf("facts = %d, want none", len(c.facts))
			}
			if len(c.issues) != 1 || c.issues[0].Code != "load.syntax" {
				t.Fatalf("issues = %v, want one load.syntax", c.issues)
			}
			is := c.issues[0]
			if is.Line != tt.line {
				t.Errorf("syntax issue at line %d, want %d (%s)", is.Line, tt.line, is.Message)
			}
			if is.File != "f.yaml" || !strings.HasPrefix(is.Message, "invalid YAML: ") {
				t.Errorf("issue = %+v", is)
			}
			if strings.Contains(is.Message, "yaml: line") {
				t.Errorf("message repeats the line: %q", is.Message)
			}
		})
	}
}

func TestYAMLTooDeep(t *testing.T) {
	src := "v: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n"
	c := read(t, load.ReadYAML, "f.yaml", src)
	if len(c.facts) != 0 || !hasCode(c.all(), "load.too-deep") {
		// yaml itself may refuse the nesting first; that is a syntax issue.
		if !hasCode(c.all(), "load.syntax") {
			t.Errorf("facts %d, issues %v; want load.too-deep or load.syntax", len(c.facts), codes(c.all()))
		}
	}
}

// go-yaml reports parser errors with a 0-based line, often the line of the
// enclosing collection, and some errors with no line at all; load.syntax
// still points at the line of the problem.
func TestYAMLSyntaxErrorLineFromProblem(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int // acceptable lines
	}{
		{"bad indentation", "- kind: poll\n  year: 2007\n bad: x\n", []int{3}},
		{"unclosed flow sequence", "- kind: poll\n  countries: [MLI, USA\n  year: 2007\n", []int{2, 3}},
		{"unknown anchor", "- kind: poll\n  countries: *nope\n", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadYAML, "f.yaml", tt.src)
			if len(c.issues) != 1 || c.issues[0].Code != "load.syntax" {
				t.Fatalf("issues = %v, want one load.syntax", c.issues)
			}
			is := c.issues[0]
			for _, l := range tt.lines {
				if is.Line == l {
					return
				}
			}
			t.Errorf("syntax error at line %d, want one of %v (%s)", is.Line, tt.lines, is.Message)
		})
	}
}

// An alias bomb in one record is one load.alias-bomb issue, not one per
// alias met after the limit.
func TestYAMLAliasBombReportedOnce(t *testing.T) {
	c := read(t, load.ReadYAML, "bomb.yaml", billionLaughs(10, 9))
	n := 0
	for _, is := range c.all() {
		if is.Code == "load.alias-bomb" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d load.alias-bomb issues for one record, want 1", n)
	}
}

// Integers beyond 64 bits stay numbers with all their digits, also with
// digit separators (go-yaml tags them !!float) and past float64 range
// (go-yaml tags them !!str).
func TestYAMLBigIntegers(t *testing.T) {
	huge := strings.Repeat("9", 400)
	tests := []struct {
		name, yaml string
		want       any
	}{
		{"underscored, beyond int64", "1_234_567_890_123_456_789_012_345", json.Number("1234567890123456789012345")},
		{"beyond float64 range", huge, json.Number(huge)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := read(t, load.ReadYAML, "f.yaml", "v: "+tt.yaml+"\n")
			if len(c.facts) != 1 {
				t.Fatalf("facts %d (%v)", len(c.facts), c.all())
			}
			if got := c.facts[0].Fields["v"]; got != tt.want {
				t.Errorf("v = %#v (%T), want json.Number with every digit", shortAny(got), got)
			}
		})
	}
}

func shortAny(v any) any {
	if s, ok := v.(string); ok && len(s) > 40 {
		return s[:40] + "..."
	}
	if s, ok := v.(json.Number); ok && len(s) > 40 {
		return s[:40] + "..."
	}
	return v
}
