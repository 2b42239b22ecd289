package load

import (
	"bytes"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"dossier/pipeline/fact"
)

// quickPointers lists every JSON pointer in v, plus some that do not exist.
func quickPointers(v any, prefix string, out []string) []string {
	out = append(out, prefix, prefix+"/missing", prefix+"/0", prefix+"/01", prefix+"/-1")
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out = quickPointers(e, prefix+fact.Pointer(k), out)
		}
	case []any:
		for i, e := range x {
			out = quickPointers(e, prefix+"/"+strconv.Itoa(i), out)
		}
	}
	return out
}

// checkQuickItem asserts that when quickYAMLItem reads raw, go-yaml reads
// it the same: the same fields, the same place, no issue, every pointer
// located alike. It reports whether quickYAMLItem read it.
func checkQuickItem(t *testing.T, raw []byte, maxDepth int) bool {
	t.Helper()
	fields, col, ok := quickYAMLItem(raw, maxDepth)
	if !ok {
		return false
	}
	const line = 41
	want, reject, issues := decodeYAMLNode("f.yaml", fact.Pos{Line: line, Col: 1}, 7, raw, maxDepth)
	if reject != nil || len(issues) > 0 {
		t.Fatalf("quickYAMLItem read %q as %v, go-yaml rejects it: %v %v", raw, fields, reject, issues)
	}
	if !reflect.DeepEqual(fields, want.Fields) {
		t.Fatalf("quickYAMLItem read %q as\n%#v\ngo-yaml as\n%#v", raw, fields, want.Fields)
	}
	if got := (fact.Pos{Line: line, Col: col}); got != want.Pos {
		t.Fatalf("quickYAMLItem places %q at %v, go-yaml at %v", raw, got, want.Pos)
	}
	got := &fact.Fact{Fields: fields, Loc: &yamlItemLocator{raw: raw, shift: line - 1}}
	for _, p := range quickPointers(fields, "", nil) {
		if g, w := got.Locate(p), want.Locate(p); g != w {
			t.Fatalf("%q: Locate(%q) = %v, go-yaml's %v", raw, p, g, w)
		}
	}
	return true
}

// shippedItems cuts the shipped fact file into its items, as ScanYAML does.
func shippedItems(t testing.TB) [][]byte {
	data, err := os.ReadFile("../../sources/facts/mali-united-states.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var items [][]byte
	err = ScanYAML("f.yaml", bytes.NewReader(data), 0, RecordSink{
		Record: func(_ fact.Pos, _ int, raw []byte) error { items = append(items, raw); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// Every item of the shipped fact file has the plain shape, and reads as
// go-yaml reads it.
func TestQuickYAMLReadsShippedFacts(t *testing.T) {
	items := shippedItems(t)
	if len(items) < 10 {
		t.Fatalf("only %d items", len(items))
	}
	for i, raw := range items {
		if !checkQuickItem(t, raw, DefaultLimits.Depth) {
			t.Errorf("item %d not read quickly:\n%s", i, raw)
		}
	}
}

func TestQuickYAMLItem(t *testing.T) {
	for _, tc := range []struct {
		name  string
		item  string
		quick bool // read without go-yaml
	}{
		{"poll", "- kind: poll\n  countries: [MLI, USA]\n  year: 1990\n  value: 55.2\n  evidence:\n    document: d\n    quote: \"In 1990, 55.2% said so.\"\n", true},
		{"wide indent", "-   kind: poll\n    year: 2001\n", true},
		{"comments and blank lines", "- kind: poll # a comment\n\n# between\n  year: 2001   \n  note: a #b c # d\n# after\n\n", true},
		{"words", "- a: true\n  b: False\n  c: NULL\n  d: yes\n  e: Côte d'Ivoire\n  f: x, [y] {z}\n  g: a:b\n", true},
		{"numbers", "- a: 0\n  b: -7\n  c: 12345678901234567890123\n  d: 0.50\n  e: -0.0\n", true},
		{"dates", "- a: 2012-03-22\n  b: 2012-03\n  c: 2012-13-45\n", true},
		{"quotes", "- a: \"x \\\"y\\\" \\\\ \\n \\t \\r \\u00e9 \\u20AC\"\n  b: 'it''s'\n  c: ''\n  d: \"\"\n  e: \"# not a comment\"\n", true},
		{"flow", "- a: []\n  b: [ x , \"y, z\", 'w', 3, 1.5, true, null ]\n", true},
		{"nested", "- a:\n    b:\n      c: 1\n    d: [x]\n  e: f\n", true},
		{"key characters", "- a_b-c: 1\n  _x: 2\n  true: 3\n", true},
		{"null value", "- a:\n  b: 1\n", false},
		{"null at the end", "- a: 1\n  b:\n", false},
		{"block sequence", "- a:\n  - x\n  - 'y' # c\n  - [z]\n  b:\n    - 1\n    - -2.5\n  c: d\n", true},
		{"block sequence last", "- a:\n  - x\n", true},
		{"block sequence of mappings", "- a:\n  - b: 1\n", false},
		{"block sequence null item", "- a:\n  -\n  - x\n", false},
		{"block sequence nested", "- a:\n  - - x\n", false},
		{"block sequence deeper item", "- a:\n  - x\n    - y\n", false},
		{"block sequence then odd key", "- a:\n    - x\n   b: 1\n", false},
		{"block scalar", "- a: |\n    x\n", false},
		{"continued plain", "- a: x\n    y\n", false},
		{"continued quote", "- a: \"x\n    y\"\n", false},
		{"anchor", "- a: &x 1\n", false},
		{"tag", "- a: !!str 1\n", false},
		{"flow mapping", "- a: {b: 1}\n", false},
		{"trailing comma", "- a: [x, ]\n", false},
		{"duplicate key", "- a: 1\n  a: 2\n", false},
		{"quoted key", "- \"a\": 1\n", false},
		{"tab", "- a:\t1\n", false},
		{"crlf", "- a: 1\r\n  b: [x, \"y\"]  \r\n  c:\r\n    d: e # f\r\n\r\n# g\r\n", true},
		{"lone cr", "- a: 1\r  b: 2\n", false},
		{"cr in a value", "- a: x\ry\n", false},
		{"octal", "- a: 012\n", false},
		{"minus zero", "- a: -0\n", false},
		{"exponent", "- a: 1e3\n", false},
		{"slash escape", "- a: \"\\/\"\n", false},
		{"hex escape", "- a: \"\\x41\"\n", false},
		{"surrogate escape", "- a: \"\\ud800\"\n", false},
		{"not a mapping", "- x\n", false},
		{"key on the next line", "-\n  a: 1\n", false},
		{"odd indent", "- a: 1\n   b: 2\n", false},
		{"deeper comment", "- a: 1\n     # c\n", false},
		{"colon in plain", "- a: b: c\n", false},
		{"non-printable", "- a: \u0085x\n", false},
		{"byte order mark", "- a: \ufeffx\n", false},
		{"invalid UTF-8", "- a: \xff\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkQuickItem(t, []byte(tc.item), DefaultLimits.Depth); got != tc.quick {
				t.Errorf("read quickly: %v, want %v", got, tc.quick)
			}
		})
	}
}

// Nesting at the depth limit is left to go-yaml, which reports it.
func TestQuickYAMLDepth(t *testing.T) {
	item := []byte("- a:\n    b: [x]\n")
	if !checkQuickItem(t, item, 3) {
		t.Fatal("depth 3 not read quickly")
	}
	for _, depth := range []int{1, 2} {
		if _, _, ok := quickYAMLItem(item, depth); ok {
			t.Errorf("depth %d: read quickly", depth)
		}
	}
}

// A quickly read item keeps its fact's place and the places of its values
// in the file, through DecodeYAMLRecord.
func TestQuickYAMLLocate(t *testing.T) {
	raw := []byte("- kind: poll\n  countries: [MLI, USA]\n  evidence:\n    quote: \"é x\"\n")
	f, reject, _ := DecodeYAMLRecord("f.yaml", fact.Pos{Line: 10, Col: 1}, 0, raw, 0)
	if reject != nil {
		t.Fatal(reject)
	}
	if _, ok := f.Loc.(*yamlItemLocator); !ok {
		t.Fatalf("not read quickly: %T", f.Loc)
	}
	for ptr, want := range map[string]fact.Pos{
		"":                {Line: 10, Col: 3},
		"/kind":           {Line: 10, Col: 9},
		"/countries/1":    {Line: 11, Col: 20},
		"/evidence/quote": {Line: 13, Col: 12},
		"/evidence/nope":  {Line: 13, Col: 5},
	} {
		if got := f.Locate(ptr); got != want {
			t.Errorf("Locate(%q) = %v, want %v", ptr, got, want)
		}
	}
	if f.Loc.(*yamlItemLocator).node.Load() == nil {
		t.Error("the item's tree is parsed again for every question")
	}
}

func FuzzQuickYAMLItem(f *testing.F) {
	for _, raw := range shippedItems(f) {
		f.Add(raw)
	}
	for _, s := range []string{
		"- a: [x, 'y', \"z\"]\n  b:\n    c: -1.5\n",
		"- a: 2012-03-22 # c\n  b: 'it''s'\n",
		"- a: \"\\u00e9\\n\"\n  b: x y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !bytes.HasPrefix(raw, []byte("- ")) {
			raw = append([]byte("- "), raw...)
		}
		// ScanYAML cuts an item before the next "-" and blank at column 0.
		for _, line := range strings.Split(string(raw), "\n")[1:] {
			if yamlItemStart([]byte(line)) || line == "-" {
				return
			}
		}
		checkQuickItem(t, raw, DefaultLimits.Depth)
	})
}

// quickPieces are values, good and bad, that random items are made of.
var quickPieces = []string{
	"x", "Malians", "Côte d'Ivoire", "a b", "a  b", "a#b", "a #b", "a:b", "a: b", "a:", "x, y", "[x]", "{x}", "x]", "y}",
	"true", "True", "TRUE", "tRUE", "false", "no", "yes", "on", "null", "Null", "~", "y", "n", "<<", "=", "?", "? x", "-", "- x",
	"0", "-0", "00", "01", "7", "-7", "+7", "1_000", "0x1F", "0o17", "0b1", "1.5", "-1.5", "1.", ".5", "1.5.2", "1e3",
	"12345678901234567890", "1234567890123456789012345678901", "123456789012345678901234567890.5",
	".inf", "-.inf", ".nan", "NaN", "Inf", "infinity",
	"2012-03-22", "2012-03", "2012-3-22", "2012-13-45", "2012-03-22T10:00:00Z", "2012-03-22 10:00", "1990s", "12:30",
	`"x"`, `"x # y"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, `"\ud800"`, `"\/"`, `"\x41"`, `"\N"`, `"\e"`, `"unterminated`, `""`, `"a"b`,
	`'x'`, `'it''s'`, `''`, `'''`, `'a'b`, `'`,
	"[]", "[ ]", "[x, y]", "[x,y]", "[ x , y ]", "[x, ]", "[, x]", "[x y]", `["a, b", 'c']`, "[1, -2.5, true, null]", "[[x]]", "[{a: 1}]",
	"[x", "x]", "[x] y", "[x] # c", "[x]#c", "[a:b]", "[a: b]", "[-1]", "[- x]", "[2012-03-22]",
	"&a x", "*a", "!!str x", "!x y", "|", ">", "|-\n    x", "@x", "`x", "%x", "{}", "{a: 1}",
	"x # comment", "x #", "x#", "x   ", "é", "日本", "\u00a0x", "x\u00a0",
}

// Random items built of quickPieces, keys, nesting, comments and blank
// lines read alike through quickYAMLItem and go-yaml, whenever
// quickYAMLItem reads them; and it reads most.
func TestQuickYAMLRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	keys := []string{"kind", "year", "a", "b_c", "d-e", "_f", "true", "null", "kind"}
	var b strings.Builder
	var block func(indent, depth int)
	block = func(indent, depth int) {
		pad := strings.Repeat(" ", indent)
		for k, n := 0, 1+r.IntN(4); k < n; k++ {
			if k > 0 || indent != 2 || depth > 0 {
				b.WriteString(pad)
			}
			b.WriteString(keys[r.IntN(len(keys))])
			b.WriteString(":")
			switch x := r.IntN(10); {
			case x == 0 && depth < 3:
				b.WriteString("\n")
				block(indent+2+r.IntN(2), depth+1)
				continue
			case x == 1:
				b.WriteString("   # c\n")
				block(indent+2, depth+1)
				continue
			case x == 2:
				b.WriteString("\n")
				continue
			case x == 3:
				b.WriteString("\n")
				seq := pad + strings.Repeat(" ", r.IntN(3))
				for n := 1 + r.IntN(3); n > 0; n-- {
					b.WriteString(seq + "- " + quickPieces[r.IntN(len(quickPieces))] + "\n")
					if r.IntN(8) == 0 {
						b.WriteString(seq + "# c\n")
					}
				}
				continue
			}
			b.WriteString(" ")
			b.WriteString(quickPieces[r.IntN(len(quickPieces))])
			switch r.IntN(8) {
			case 0:
				b.WriteString("  # note")
			case 1:
				b.WriteString("\n")
			case 2:
				b.WriteString("\n" + pad + "# c")
			case 3:
				b.WriteString("\n" + pad + "   more")
			}
			b.WriteString("\n")
		}
	}
	quick := 0
	const n = 4000
	for i := 0; i < n; i++ {
		b.Reset()
		b.WriteString("- ")
		block(2, 0)
		item := b.String()
		if r.IntN(4) == 0 { // Windows line breaks
			item = strings.ReplaceAll(item, "\n", "\r\n")
		}
		if checkQuickItem(t, []byte(item), DefaultLimits.Depth) {
			quick++
		}
	}
	if quick < n/10 {
		t.Errorf("only %d of %d items read quickly", quick, n)
	}
	t.Logf("%d of %d read quickly", quick, n)
}
