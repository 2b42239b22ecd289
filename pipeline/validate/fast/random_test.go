package fast

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// randomValue builds a JSON value from pieces the test schemas care about
// (their property names, numbers near their bounds, dates, short strings).
func randomValue(r *rand.Rand, depth int) any {
	keys := []string{"a", "b", "c", "d", "e", "f1", "x-y", "x-1", "9", "v", "kids", "zz", "kind", "x", "y", "k", "abc", "bc", "2024-01-31", "n", "s", "u"}
	nums := []string{"0", "-0", "1", "1.0", "2", "2.5", "3", "-5", "10", "100", "1e2", "1e3", "0.1", "0.25", "0.001", "1.5", "1990", "2025", "1e15", "999", "6", "9", "12", "-1", "1000.0000001", "0.999", "1e-5", "12345678901234567890123", "7e1000"}
	strs := []string{"", "a", "ab", "abc", "abcde", "1", "x", "no", "zz", "SWE", "swe", "2024-02-29", "2023-02-29", "2024-01-01T10:00:00Z", "a@b.c", "10.0.0.1", "日本", "éé", "😀", "approve", "favorable", "h", "^a+$", "a(", "poll"}
	n := 7
	if depth > 3 {
		n = 5 // scalars only
	}
	switch r.IntN(n) {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		return json.Number(nums[r.IntN(len(nums))])
	case 3, 4:
		return strs[r.IntN(len(strs))]
	case 5:
		arr := make([]any, r.IntN(5))
		for i := range arr {
			arr[i] = randomValue(r, depth+1)
		}
		return arr
	default:
		m := map[string]any{}
		for range r.IntN(6) {
			m[keys[r.IntN(len(keys))]] = randomValue(r, depth+1)
		}
		return m
	}
}

// Random instances against every schema of the table and the fuzz set.
func TestRandomInstances(t *testing.T) {
	var pairs []pair
	for _, c := range diffCases {
		pairs = append(pairs, mustPair(t, newDocs(t, append([]string{"root.json", c.schema}, c.extra...)...), "root.json"))
	}
	pairs = append(pairs, newFuzzSet(t).pairs...)
	r := rand.New(rand.NewPCG(7, 7))
	count := 3000
	if testing.Short() {
		count = 300
	}
	agree, valid := 0, 0
	for range count {
		v := randomValue(r, 0)
		for i, p := range pairs {
			lib, panicked := libValid(p.lib, v)
			got := p.fast.Valid(v)
			if panicked {
				if got {
					t.Fatalf("schema %d: fast says valid where the library panics: %#v", i, v)
				}
				continue
			}
			if got != lib {
				b, _ := json.Marshal(v)
				t.Fatalf("schema %d: fast %v, library %v: %s", i, got, lib, b)
			}
			agree++
			if lib {
				valid++
			}
		}
	}
	t.Logf("%d verdicts agree (%d valid)", agree, valid)
}
