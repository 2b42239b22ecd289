package load_test

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// seedFacts returns the start of the shipped fact file, its first few
// records: big enough to be realistic, small enough that the fuzzer's
// minimizer does not spend the whole run on it.
func seedFacts(f *testing.F) []byte {
	data, err := os.ReadFile("../../sources/facts/mali-united-states.yaml")
	if err != nil {
		f.Fatal(err)
	}
	if i := bytes.Index(data, []byte("\n- kind: official")); i > 0 {
		if j := bytes.Index(data[i+1:], []byte("\n- kind:")); j > 0 {
			return data[:i+1+j+1]
		}
	}
	return data
}

// pointers lists every JSON pointer in v, plus a few that do not exist.
func pointers(v any, prefix string, out []string) []string {
	out = append(out, prefix, prefix+"/missing", prefix+"/0", prefix+"/-1", prefix+"/~1")
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out = pointers(e, prefix+fact.Pointer(k), out)
		}
	case []any:
		for i, e := range x {
			out = pointers(e, prefix+"/"+strconv.Itoa(i), out)
		}
	}
	return out
}

// hangLimit is how long one loader call may take on a fuzz input.
const hangLimit = 10 * time.Second

// checkLoader runs a reader on data and asserts what every loader promises
// whatever its input: no panic, every fact positioned, Locate never panics
// and never returns an impossible position, issues positioned.
func checkLoader(t *testing.T, rd load.FactReader, data []byte) {
	lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r"))
	var facts []*fact.Fact
	var issues []issue.Issue
	sink := load.Sink{
		Fact:   func(f *fact.Fact) { facts = append(facts, f) },
		Reject: func(is issue.Issue) { issues = append(issues, is) },
		Issue:  func(is issue.Issue) { issues = append(issues, is) },
	}
	// A hang is a bug too: crash the worker so the input is kept.
	watchdog := time.AfterFunc(hangLimit, func() {
		panic(fmt.Sprintf("loader or Locate still running after %v on a %d-byte input", hangLimit, len(data)))
	})
	defer watchdog.Stop()
	if err := rd("fuzz", bytes.NewReader(data), sink); err != nil {
		t.Fatalf("reader error on in-memory input: %v", err)
	}
	for _, f := range facts {
		if f.Pos.Line < 1 || f.Pos.Col < 1 {
			t.Fatalf("fact %d at %v", f.Index, f.Pos)
		}
		if f.Fields == nil {
			t.Fatalf("fact %d has nil Fields", f.Index)
		}
		for _, p := range pointers(f.Fields, "", nil) {
			pos := f.Locate(p)
			// go-yaml places an implicit empty node ("?" at the end of
			// the input) on the line after the last one.
			if pos.Line < 1 || pos.Col < 1 || pos.Line > lines+1 {
				t.Fatalf("fact %d: Locate(%q) = %v (file has %d lines)", f.Index, p, pos, lines)
			}
		}
	}
	for _, is := range issues {
		if is.Line < 1 || is.Code == "" {
			t.Fatalf("issue without line or code: %+v", is)
		}
	}
}

func FuzzReadYAML(f *testing.F) {
	f.Add(seedFacts(f))
	for _, s := range []string{
		yamlFacts,
		"kind: poll\nyear: 2007\n",
		"- &base {kind: a}\n- <<: *base\n",
		"- {kind: a, n: 1, n: 2}\n",
		"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
		"v: 2012-03-22\nw: 123456789012345678901234567890\nx: .5\n",
		"- \"just a string\"\n- [1]\n- ~\n",
		"a: [\n",
		"\uFEFFkind: x\r\nname: é\r\n",
		"? [a]\n: b\n",
		"a: &x [*x]\n",
		"a: !!binary aGVsbG8=\nb: !custom 3\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLoader(t, load.ReadYAML, data)
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		prettyJSON,
		`{"kind": "poll", "countries": ["MLI", "USA"], "evidence": {"quote": "q\u00e9"}}`,
		"[{\"kind\": \"a\"}, 42, null, [1], {\"b\": {\"c\": [1, 2, {\"d\": true}]}}]",
		"[\n  {\"kind\": \"a\"},\n  {\"kind\": \"b\",}\n]",
		"[{\"kind\": \"a\"}] xyz",
		"{\"a\\\"b\": 1, \"c/d\": 2, \"e~f\": 3}",
		"\r\n[\r\n{\"x\":1e400}\r\n]\r\n",
		"",
		"[",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLoader(t, load.ReadJSON, data)
	})
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		"{\"kind\":\"a\"}\n{\"kind\":\"b\"}\n",
		"\n{\"kind\":\"a\"}\n\n  \n{\"kind\":\"b\",}\n{\"kind\":\"c\"}",
		"{\"kind\":\"a\"}\r\n\r\n{\"kind\":\"b\"}\r\n",
		"[1,2]\n\"s\"\n7\nnull\n",
		"  {\"kind\": \"official\", \"name\": \"Attaché\", \"countries\": [\"MLI\", \"USA\"], \"evidence\": {\"quote\": \"q\"}}\n",
		"{\"a\":1} x\n{\"a\":\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLoader(t, load.ReadJSONL, data)
	})
}

// FuzzJSONMatchesJSONL: a record that the .json scanner cuts as one
// element is answered exactly as the same record on a JSON Lines line:
// the same facts, issues (codes, places, messages) and value positions.
func FuzzJSONMatchesJSONL(f *testing.F) {
	for _, tt := range hostileRecords {
		f.Add([]byte(tt.rec))
	}
	f.Add([]byte(`  {"kind": "official", "name": "Attaché", "countries": ["MLI", "USA"], "evidence": {"quote": "q\u00e9"}}  `))
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.ContainsAny(data, "\r\n") || len(bytes.TrimSpace(data)) == 0 {
			return // JSON Lines would cut it into several records
		}
		n := 0
		var issues []issue.Issue
		err := load.ScanJSON("f.json", bytes.NewReader([]byte("[\n"+string(data)+"\n]")), 1<<20, load.RecordSink{
			Record: func(_ fact.Pos, _ int, raw []byte) error {
				n++
				if !bytes.Equal(raw, bytes.Trim(data, " \t")) {
					n++ // cut short or run on: not the record JSON Lines sees
				}
				return nil
			},
			Reject: func(is issue.Issue) error { issues = append(issues, is); return nil },
			Issue:  func(is issue.Issue) error { issues = append(issues, is); return nil },
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 || len(issues) > 0 {
			return // not one element of an array: nothing to compare
		}
		const good1, good3 = `{"kind":"first"}`, `{"kind":"third"}`
		fromLines := outcomeOf(t, load.ReadJSONL, "f.jsonl", good1+"\n"+string(data)+"\n"+good3+"\n")
		fromArray := outcomeOf(t, load.ReadJSON, "f.json", "["+good1+",\n"+string(data)+"\n,"+good3+"]\n")
		if !reflect.DeepEqual(fromArray, fromLines) {
			t.Fatalf("%q: .json and .jsonl differ:\n.json  %+v\n.jsonl %+v", data, fromArray, fromLines)
		}
	})
}
