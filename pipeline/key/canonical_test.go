package key

import (
	"encoding/json"
	"math/rand/v2"
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
