package clean_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/pipeline/clean"
)

var cleanSeeds = []string{
	"Open main menu\n\nMali-United States relations, while historically friendly.[1]\n\nFormer ambassadorsEdit\n\n  • Defense Attaché—LTC Eric Dalton\n",
	"History[edit]\r\nThe first paragraph.[citation needed]\r\n\r\n== Relations ==\r\nText.\r\n",
	"\uFEFFTitle\rLine\u00a0with\ttabs  and   spaces.\r\rCafe\u0301 de Toure\u0301.",
	"Jump to navigation\nJump to search\nFrom Wikipedia, the free encyclopedia\nHistory [ edit ]\n\nText.[a][note 1]",
	"a\xffb\n\xff\xfe\n\n===Bad==\n",
	"",
	"\n\n\n",
}

func FuzzClean(f *testing.F) {
	f.Add(readSeed(f))
	articles, _ := filepath.Glob("../../testdata/articles/*.txt")
	for _, p := range articles {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range cleanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r := clean.Clean(raw)
		if !utf8.ValidString(r.Text) {
			t.Fatalf("clean text is not valid UTF-8: %q", r.Text)
		}
		if r.Map.Len() != len(r.Text) {
			t.Fatalf("Map.Len = %d, text has %d bytes", r.Map.Len(), len(r.Text))
		}
		for i := 0; i <= len(r.Text); i++ {
			if got := r.Map.Raw(i); got < 0 || got > len(raw) {
				t.Fatalf("Map.Raw(%d) = %d, outside [0, %d]; raw %q, clean %q", i, got, len(raw), raw, r.Text)
			}
		}
		end := 0
		for k, l := range r.Lines {
			if l.Start < end || l.End < l.Start || l.End > len(r.Text) {
				t.Fatalf("line %d = %+v out of order (previous end %d, text %d)", k, l, end, len(r.Text))
			}
			if strings.ContainsAny(r.Text[l.Start:l.End], "\n\r") {
				t.Fatalf("line %d holds a line break: %q", k, r.Text[l.Start:l.End])
			}
			end = l.End
		}
		if strings.Contains(r.Text, "  ") {
			t.Fatalf("double space in clean text %q", r.Text)
		}
		for _, rm := range r.Removed {
			if rm.Raw < 0 || rm.Raw > len(raw) {
				t.Fatalf("removal %+v outside the raw text", rm)
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"Deputy Chief of Mission--Peter Barlerin",
		"Public Affairs Officer—Kate Kaetzer-Hodson",
		"Mali – United States “relations” ‘x’",
		"  a \t\n b\u00a0c  ",
		"Toure\u0301 -- Bush",
		"5′ 3″ „x‟",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded, m := clean.Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, folded)
		}
		if m.Len() != len(folded) {
			t.Fatalf("map covers %d bytes, folded has %d", m.Len(), len(folded))
		}
		for i := 0; i <= len(folded); i++ {
			if got := m.Raw(i); got < 0 || got > len(s) {
				t.Fatalf("Fold(%q): Raw(%d) = %d, outside [0, %d]", s, i, got, len(s))
			}
		}
		if strings.Contains(folded, "  ") || strings.TrimSpace(folded) != folded {
			t.Fatalf("Fold(%q) = %q: white space not folded", s, folded)
		}
		if again := clean.FoldString(folded); again != folded {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, folded, again)
		}
	})
}
