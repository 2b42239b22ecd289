package clean_test

import (
	"strings"
	"testing"

	"dossier/pipeline/clean"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"double hyphen", "Mission--Peter", "Mission-Peter"},
		{"em dash", "Officer—Kate", "Officer-Kate"},
		{"en dash", "Mali – United States", "Mali - United States"},
		{"other dashes", "a‒b―c−d‐e‑f", "a-b-c-d-e-f"},
		{"hyphen kept", "Kaetzer-Hodson", "Kaetzer-Hodson"},
		{"double hyphen equals em dash", "x--y", clean.FoldString("x—y")},
		{"curly single quotes", "‘region’s’", "'region's'"},
		{"curly double quotes", "“Global” „War‟", `"Global" "War"`},
		{"primes", "5′ 3″", `5' 3"`},
		{"white space runs", "a  b\t\tc\n\nd\u00a0\u2003e", "a b c d e"},
		{"trimmed", "  \n\tquote \t\n", "quote"},
		{"only space", " \t\n", ""},
		{"empty", "", ""},
		{"NFC", "Toure\u0301", "Touré"},
		{"letters and case kept", "Attaché LTC", "Attaché LTC"},
		{"everything at once", "  “Deputy  Chief”\u00a0of Mission -- Peter ", `"Deputy Chief" of Mission - Peter`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := clean.Fold(tt.in)
			if got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if m.Len() != len(got) {
				t.Errorf("map covers %d bytes, folded text has %d", m.Len(), len(got))
			}
			if fs := clean.FoldString(tt.in); fs != got {
				t.Errorf("FoldString = %q, Fold = %q", fs, got)
			}
			if again := clean.FoldString(got); again != got {
				t.Errorf("Fold not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// The fold map leads every folded byte back to the input byte it came from.
func TestFoldMap(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// pairs of (substring of folded, substring of input it comes from)
		at [][2]string
	}{
		{"double hyphen", "Deputy Chief of Mission--Peter Barlerin", [][2]string{
			{"Deputy", "Deputy"}, {"-Peter", "--Peter"}, {"Peter", "Peter"}, {"Barlerin", "Barlerin"},
		}},
		{"em dash", "Public Affairs Officer—Kate Kaetzer-Hodson", [][2]string{
			{"-Kate", "—Kate"}, {"Kate", "Kate"}, {"-Hodson", "-Hodson"},
		}},
		{"curly quotes", "the “U.S. Global” report", [][2]string{
			{`"U.S.`, "“U.S."}, {"U.S.", "U.S."}, {`" report`, "” report"}, {"report", "report"},
		}},
		{"white space", "a  \t b\n\nc", [][2]string{
			{"a", "a"}, {"b", "b"}, {"c", "c"},
		}},
		{"leading space", "   x y", [][2]string{{"x", "x"}, {"y", "y"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			folded, m := clean.Fold(tt.in)
			for _, p := range tt.at {
				fi := strings.Index(folded, p[0])
				ii := strings.Index(tt.in, p[1])
				if fi < 0 || ii < 0 {
					t.Fatalf("fixture: %q in folded %q: %d, %q in input: %d", p[0], folded, fi, p[1], ii)
				}
				if got := m.Raw(fi); got != ii {
					t.Errorf("Raw(%d) for %q = %d, want %d", fi, p[0], got, ii)
				}
			}
			// Every folded byte maps inside the input, in order.
			prev := 0
			for i := 0; i <= len(folded); i++ {
				r := m.Raw(i)
				if r < prev || r > len(tt.in) {
					t.Fatalf("Raw(%d) = %d (prev %d, input %d bytes)", i, r, prev, len(tt.in))
				}
				prev = r
			}
		})
	}
}

// Any run of dashes and hyphens folds to one "-", so Fold is idempotent
// and a quote folded once matches text folded once however each spells the
// run ("---" vs "—-").
func TestFoldDashRunsIdempotent(t *testing.T) {
	tests := []string{"a---b", "a----b", "a-—b", "a–-b"}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			once := clean.FoldString(in)
			if twice := clean.FoldString(once); twice != once {
				t.Errorf("Fold(%q) = %q, Fold of that = %q", in, once, twice)
			}
		})
	}
}

// For input that is not NFC, the fold map leads to offsets in the input,
// not in its NFC form.
func TestFoldMapOffsetsIntoInput(t *testing.T) {
	in := "Toure\u0301 -- Bush" // "é" written as e + U+0301 (3 bytes)
	folded, m := clean.Fold(in)
	fi := strings.Index(folded, "Bush")
	ii := strings.Index(in, "Bush")
	if got := m.Raw(fi); got != ii {
		t.Errorf("Fold(%q): Raw(%d) for \"Bush\" = %d, want %d (input offset)", in, fi, got, ii)
	}
}

// NFC can make a string longer (U+0344 becomes U+0308 U+0301); the fold
// map still never leads past the end of the input.
func TestFoldMapWithinInput(t *testing.T) {
	in := "a\u0344"
	folded, m := clean.Fold(in)
	for i := 0; i <= len(folded); i++ {
		if got := m.Raw(i); got > len(in) {
			t.Errorf("Fold(%q): Raw(%d) = %d, past the %d-byte input", in, i, got, len(in))
		}
	}
}
