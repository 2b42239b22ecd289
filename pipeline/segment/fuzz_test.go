package segment_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/segment"
)

func FuzzSegment(f *testing.F) {
	raw, err := os.ReadFile("../../sources/mali-united-states.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	articles, _ := filepath.Glob("../../testdata/articles/*.txt")
	for _, p := range articles {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"Title\n\nHistory\n\nA paragraph of text that says something.\n\nSee also\n",
		"History[edit]\r\n* one\r\n- two\r\n1. three\r\n12) four\r\n\r\n== Notes ==\r\nText.",
		"Intro:\n\n  • Ambassador Gillian Milovanovic\n  • Deputy Chief of Mission--Peter Barlerin\n\nFormer ambassadorsEdit\n",
		"line one wraps\nline two wraps\nline three ends.\n\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		c := clean.Clean(raw)
		blocks := segment.Segment(c)
		checkBlocks(t, c, blocks)
		section := ""
		for i, b := range blocks {
			if b.Text == "" {
				t.Fatalf("block %d (%s) is empty; raw %q", i, b.Kind, raw)
			}
			if strings.TrimFunc(b.Text, unicode.IsSpace) != b.Text {
				t.Fatalf("block %d %q has outer white space", i, b.Text)
			}
			if b.Kind == document.Heading {
				section = b.Text
			}
			if b.Section != section {
				t.Fatalf("block %d in section %q, want %q", i, b.Section, section)
			}
		}
	})
}
