package check

import (
	"slices"
	"testing"
)

// mojibake finds what the expression finds, on lines with and without
// the bytes its matches start with.
func TestMojibakeAsTheExpression(t *testing.T) {
	for _, line := range []string{"", "plain text", "FranÃ§ais", "itâ€™s", "Â£5", "a \uFFFD b", "bad \xff byte", "é and ü", "Ã", "â€“ dash"} {
		if got, want := mojibake(line), mojibakeRE.FindStringIndex(line); !slices.Equal(got, want) {
			t.Errorf("mojibake(%q) = %v, want %v", line, got, want)
		}
	}
}

func FuzzMojibake(f *testing.F) {
	f.Add("FranÃ§ais")
	f.Add("bad \xff byte")
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := mojibake(line), mojibakeRE.FindStringIndex(line); !slices.Equal(got, want) {
			t.Errorf("mojibake(%q) = %v, want %v", line, got, want)
		}
	})
}
