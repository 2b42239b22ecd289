package fast

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// peersDir finds the shared peers folder: beside the repository (as CI lays
// it out) or at its place on a developer's machine.
func peersDir(t testing.TB) string {
	for _, d := range []string{"../../../../shared/peers", "/work/shared/peers"} {
		if _, err := os.Stat(filepath.Join(d, "gen-facts", "main.go")); err == nil {
			abs, err := filepath.Abs(d)
			if err != nil {
				t.Fatal(err)
			}
			return abs
		}
	}
	t.Skip("no shared/peers folder with gen-facts")
	return ""
}

// genFacts builds the peers' record generator once and writes n records.
func genFacts(t testing.TB, n string) (records []string, schemaPath string) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	dir := peersDir(t)
	tmp := t.TempDir()
	gen := filepath.Join(tmp, "gen-facts")
	build := exec.Command(goBin, "build", "-o", gen, "./gen-facts")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build gen-facts: %v\n%s", err, out)
	}
	file := filepath.Join(tmp, "facts.jsonl")
	if out, err := exec.Command(gen, "-n", n, "-seed", "7", "-o", file).CombinedOutput(); err != nil {
		t.Fatalf("gen-facts: %v\n%s", err, out)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if len(sc.Bytes()) > 0 {
			records = append(records, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return records, filepath.Join(dir, "poll.schema.json")
}

func readDocs(t testing.TB, paths ...string) docSet {
	t.Helper()
	var pairs []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, filepath.Base(p), string(data))
	}
	return newDocs(t, pairs...)
}

// Every generated record gets the library's verdict.
func TestGeneratedFacts(t *testing.T) {
	records, schema := genFacts(t, "20000")
	d := readDocs(t, schema)
	p := mustPair(t, d, "poll.schema.json")
	valid, invalid := 0, 0
	for i, r := range records {
		v := decode(t, r)
		lib, _ := libValid(p.lib, v)
		if got := p.fast.Valid(v); got != lib {
			t.Errorf("record %d: fast %v, library %v: %s", i+1, got, lib, r)
		}
		if lib {
			valid++
		} else {
			invalid++
		}
	}
	if len(records) != 20000 || invalid == 0 || valid == 0 {
		t.Fatalf("%d records, %d valid, %d invalid", len(records), valid, invalid)
	}
	t.Logf("%d records: %d valid, %d invalid, all verdicts agree", len(records), valid, invalid)
}

// The shipped schemas, with their $refs into defs.schema.json.
func TestShippedSchemas(t *testing.T) {
	paths, err := filepath.Glob("../../../schemas/*.schema.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no shipped schemas: %v", err)
	}
	d := readDocs(t, paths...)
	pairs := map[string]pair{}
	for _, kind := range []string{"poll", "official", "mission", "event", "ambassador", "program", "document"} {
		pairs[kind] = mustPair(t, d, kind+".schema.json")
	}
	ev := `"evidence":{"document":"mali-2024","quote":"The embassy reopened in Bamako."}`
	cases := []struct {
		kind, inst string
		want       bool
	}{
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":2024,"source":"Pew","population":"Malians","measure":"favorable","value":61.5,` + ev + `}`, true},
		{"poll", `{"id":"p1","kind":"poll","countries":["MLI","USA"],"year":2024.0,"source":"Pew","population":"Malians","measure":"trust","value":0,"disapprove":100,"uncertain":1e1,"rank":1,` + ev + `}`, true},
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":2024,"source":"Pew","population":"Malians","measure":"favorable","value":100.5,` + ev + `}`, false},
		{"poll", `{"kind":"poll","countries":["MLI","MLI"],"year":2024,"source":"Pew","population":"Malians","measure":"favorable","value":61,` + ev + `}`, false},
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":1799,"source":"Pew","population":"Malians","measure":"favorable","value":61,` + ev + `}`, false},
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":2024,"source":"","population":"Malians","measure":"favorable","value":61,` + ev + `}`, false},
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":2024,"source":"Pew","population":"Malians","measure":"liked","value":61,` + ev + `}`, false},
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":2024,"source":"Pew","population":"Malians","measure":"favorable","value":61,"rank":0,` + ev + `}`, false},
		{"poll", `{"kind":"poll","countries":["MLI","USA"],"year":2024,"source":"Pew","population":"Malians","measure":"favorable","value":61,"evidence":{"document":"d","quote":"q","page":3}}`, false},
		{"official", `{"kind":"official","countries":["MLI","FRA"],"role":"Foreign minister","name":"A. Diop","country":"MLI",` + ev + `}`, true},
		{"official", `{"kind":"official","countries":["MLI","FRA"],"role":"Minister","name":"A. Diop","country":"MLI","rank":"senior","organization":"Gov","post":"Bamako",` + ev + `}`, true},
		{"official", `{"kind":"official","countries":["MLI","FRA"],"role":"Minister","name":"A. Diop","country":"Mali",` + ev + `}`, false},
		{"official", `{"kind":"official","countries":["MLI","FRA"],"role":"Minister","name":"A. Diop","country":"MLI","rank":"` + "x" + `12345678901234567890123456789012345678901",` + ev + `}`, false},
		{"official", `{"kind":"ambassador","countries":["MLI","FRA"],"role":"Minister","name":"A. Diop","country":"MLI",` + ev + `}`, false},
		{"mission", `{"kind":"mission","countries":["MLI","USA"],"type":"embassy","sending":"USA","host":"MLI","city":"Bamako",` + ev + `}`, true},
		{"mission", `{"kind":"mission","countries":["MLI","USA"],"type":"Embassy","sending":"USA","host":"MLI","city":"Bamako",` + ev + `}`, false},
		{"mission", `{"kind":"mission","countries":["MLI","USA","FRA"],"type":"embassy","sending":"USA","host":"MLI","city":"Bamako",` + ev + `}`, false},
		{"mission", `{"kind":"mission","countries":["MLI","USA"],"type":"embassy","sending":"USA","host":"MLI","city":"Bamako"}`, false},
		{"event", `{"kind":"event","countries":["MLI","FRA"],"type":"coup","summary":"Coup.","date":"2020-08-18",` + ev + `}`, true},
		{"event", `{"kind":"event","countries":["MLI","FRA"],"type":"visit","summary":"Visit.","date_text":"summer 2021",` + ev + `}`, true},
		{"event", `{"kind":"event","countries":["MLI","FRA"],"type":"visit","summary":"Visit.","date":"2021",` + ev + `}`, true},
		{"event", `{"kind":"event","countries":["MLI","FRA"],"type":"visit","summary":"Visit.",` + ev + `}`, false},
		{"event", `{"kind":"event","countries":["MLI","FRA"],"type":"visit","summary":"Visit.","date":"2021-13-01",` + ev + `}`, false},
		{"event", `{"kind":"event","countries":["MLI","FRA"],"type":"party","summary":"Visit.","date":"2021",` + ev + `}`, false},
		{"ambassador", `{"kind":"ambassador","countries":["MLI","USA"],"name":"J. Smith","country":"USA","from":"2019-09","to":"2022",` + ev + `}`, true},
		{"ambassador", `{"kind":"ambassador","countries":["MLI","USA"],"name":"J. Smith","country":"USA","from":"Sept 2019",` + ev + `}`, false},
		{"ambassador", `{"kind":"ambassador","countries":["MLI","USA"],"name":"","country":"USA",` + ev + `}`, false},
		{"program", `{"kind":"program","countries":["MLI","USA"],"name":"Food aid","country":"USA",` + ev + `}`, true},
		{"program", `{"kind":"program","countries":["MLI","USA"],"name":"Food aid","country":"USA","evidence":{"document":"","quote":"x"}}`, false},
		{"program", `{"kind":"program","countries":"MLI-USA","name":"Food aid","country":"USA",` + ev + `}`, false},
		{"document", `{"id":"mali-2024","path":"sources/mali-2024.txt","title":"Mali","sha256":"` + sha + `","url":"https://en.wikipedia.org/wiki/Mali","retrieved":"2024-05-01","language":"en","style":"mobile","bytes":1024,"countries":["MLI","USA"]}`, true},
		{"document", `{"id":"mali-2024","path":"p","title":"Mali","sha256":"` + sha + `","retrieved":"2024-02-30"}`, false},
		{"document", `{"id":"mali-2024","path":"p","title":"Mali","sha256":"` + sha + `","url":"not a url"}`, false},
		{"document", `{"id":"mali-2024","path":"p","title":"Mali","sha256":"` + sha + `","bytes":-1}`, false},
	}
	for _, c := range cases {
		p := pairs[c.kind]
		v := decode(t, c.inst)
		lib, _ := libValid(p.lib, v)
		if lib != c.want {
			t.Errorf("%s %s: library valid=%v, the case says %v", c.kind, c.inst, lib, c.want)
		}
		if got := p.fast.Valid(v); got != lib {
			t.Errorf("%s %s: fast %v, library %v", c.kind, c.inst, got, lib)
		}
	}
}

const sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
