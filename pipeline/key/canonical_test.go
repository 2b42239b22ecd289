package key

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// plainJSONObject writes what json.Marshal writes, or declines.
func TestPlainJSONObjectIsMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	pieces := []string{"a", "b", "quote", "document", "Z", " ", "%", ",", "\"", "\\", "<", ">", "&", "\n", "\x7f", "é", "\u2028", "~", ""}
	word := func() string {
		var b strings.Builder
		for k := r.IntN(5); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	plain := 0
	for i := 0; i < 20000; i++ {
		m := map[string]string{}
		for k := r.IntN(4); k > 0; k-- {
			m[word()] = word()
		}
		got, ok := plainJSONObject(m)
		if !ok {
			continue
		}
		plain++
		want, _ := json.Marshal(m)
		if got != string(want) {
			t.Fatalf("plainJSONObject(%q) = %s, json.Marshal %s", m, got, want)
		}
	}
	if plain < 1000 {
		t.Fatalf("only %d plain", plain)
	}
}

// ofBefore is Of as it was written before appendValue: a string for each
// value, joined.
func ofBefore(kind string, spec []string, rec map[string]any) Key {
	k := Key{Parts: make([]string, 0, len(spec))}
	var match, full strings.Builder
	match.WriteString(kind)
	full.WriteString(kind)
	for _, name := range spec {
		field, mod, _ := strings.Cut(name, ":")
		v, ok := rec[field]
		s := ""
		if ok && v != nil {
			s = Value(v)
			k.Stated = true
		}
		k.Parts = append(k.Parts, s)
		full.WriteByte(0)
		full.WriteString(s)
		if mod == "year" && len(s) >= 4 {
			s = s[:4]
		}
		match.WriteByte(0)
		match.WriteString(s)
	}
	k.Match, k.Full = match.String(), full.String()
	return k
}

// Of gives what it gave before it wrote into one buffer, on random
// records, and AppendFull and AppendMatch write its Full and Match.
func TestOfAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 11))
	texts := []string{"", "MLI", "Malians", "U.S. Global  Leadership", "Touré", "Côte d'Ivoire", "a-b", " x ", "...", "2012-03-22", "2012", "Ωμέγα", "ß"}
	values := func() any {
		switch r.IntN(7) {
		case 0:
			return nil
		case 1:
			return json.Number([]string{"2007", "2007.0", "2.007e3", "-0", "55.20", "0"}[r.IntN(6)])
		case 2:
			return r.IntN(2) == 0
		case 3:
			var l []any
			for k := r.IntN(3); k > 0; k-- {
				l = append(l, texts[r.IntN(len(texts))])
			}
			return l
		case 4:
			return map[string]any{"document": texts[r.IntN(len(texts))], "quote": texts[r.IntN(len(texts))]}
		}
		return texts[r.IntN(len(texts))]
	}
	specs := [][]string{{"countries", "year", "source", "population", "measure"}, {"countries", "type", "date:year"}, {}, {"a", "a:year", "b"}}
	for i := 0; i < 20000; i++ {
		spec := specs[r.IntN(len(specs))]
		rec := map[string]any{}
		for _, name := range spec {
			field, _, _ := strings.Cut(name, ":")
			if r.IntN(5) > 0 {
				rec[field] = values()
			}
		}
		got, want := Of("poll", spec, rec), ofBefore("poll", spec, rec)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Of(%v, %v) = %#v, before %#v", spec, rec, got, want)
		}
		full, fs := AppendFull([]byte("doc\x01"), "poll", spec, rec)
		match, ms := AppendMatch([]byte("doc\x00"), "poll", spec, rec)
		if string(full) != "doc\x01"+want.Full || string(match) != "doc\x00"+want.Match || fs != want.Stated || ms != want.Stated {
			t.Fatalf("AppendFull, AppendMatch(%v, %v) = %q %v, %q %v; want %q, %q, %v", spec, rec, full, fs, match, ms, want.Full, want.Match, want.Stated)
		}
	}
}

var benchPoll = map[string]any{"kind": "poll", "countries": []any{"MLI", "USA"}, "year": json.Number("1990"), "source": "Global Attitudes Survey",
	"population": "Malians", "measure": "favorable", "value": json.Number("55.2")}

// BenchmarkOf computes the key of a poll record, as the id, the key check
// and reconciliation each do once per fact.
func BenchmarkOf(b *testing.B) {
	b.ReportAllocs()
	spec := []string{"countries", "year", "source", "population", "measure"}
	for b.Loop() {
		Of("poll", spec, benchPoll)
	}
}

// AppendExact appends what Exact returns, for random values.
func TestAppendExactAsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 15))
	texts := []string{"", "q", "In 1990, 55.2% said so.", "a\"b", "<b>", "é", "\x1f", "mli-usa", "\\"}
	var value func(depth int) any
	value = func(depth int) any {
		switch n := r.IntN(8); {
		case n == 0:
			return nil
		case n == 1:
			return json.Number([]string{"1990", "55.20", "2.007e3", "-0"}[r.IntN(4)])
		case n == 2:
			return r.IntN(2) == 0
		case n == 3 && depth < 2:
			var l []any
			for k := r.IntN(3); k > 0; k-- {
				l = append(l, value(depth+1))
			}
			return l
		case n == 4 && depth < 2:
			m := map[string]any{}
			for k := r.IntN(10); k > 0; k-- {
				m[texts[r.IntN(len(texts))]+strconv.Itoa(r.IntN(3))] = value(depth + 1)
			}
			return m
		}
		return texts[r.IntN(len(texts))]
	}
	for i := 0; i < 20000; i++ {
		v := value(0)
		prefix := []byte(texts[r.IntN(len(texts))])
		if got, want := string(AppendExact(prefix, v)), string(prefix)+Exact(v); got != want {
			t.Fatalf("AppendExact(%q, %#v) = %q, want %q", prefix, v, got, want)
		}
	}
}
