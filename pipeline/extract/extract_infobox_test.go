package extract

import (
	"strings"
	"testing"
)

// TestInfoKey holds infoKey to what the replacer it stands in for gives.
func TestInfoKey(t *testing.T) {
	want := func(s string) string {
		return strings.ToLower(strings.NewReplacer(" ", "", "_", "").Replace(strings.TrimSpace(s)))
	}
	for _, s := range []string{"", " ", "Envoy", " dbp:envoy_1 ", "Ambassador  Name", "__", "ÉTAT_Civil", "a\xffb c", " \t Mission_Chief\n", "İstanbul x"} {
		if got := infoKey(s); got != want(s) {
			t.Errorf("infoKey(%q) = %q, want %q", s, got, want(s))
		}
	}
}

func BenchmarkInfoKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		infoKey(" dbp:envoy_1 ")
		infoKey("Ambassador")
	}
}
