package clean_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/fact"
)

const seedPath = "../../sources/mali-united-states.txt"

func readSeed(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// lineTexts returns the text of every clean line.
func lineTexts(r *clean.Result) []string {
	var out []string
	for _, l := range r.Lines {
		out = append(out, r.Text[l.Start:l.End])
	}
	return out
}

func TestCleanSeed(t *testing.T) {
	raw := readSeed(t)
	r := clean.Clean(raw)
	text := r.Text

	t.Run("menu removed", func(t *testing.T) {
		if strings.Contains(text, "Open main menu") {
			t.Error("clean text still holds the menu line")
		}
		if !strings.HasPrefix(text, "Mali-United States relations, while") {
			t.Errorf("text starts %q", text[:40])
		}
	})
	t.Run("edit links removed from headings", func(t *testing.T) {
		for _, h := range []string{"Former ambassadors", "See also", "External links"} {
			found := false
			for _, l := range r.Lines {
				if text[l.Start:l.End] == h {
					found = true
					if !l.Heading || !l.BlankAbove {
						t.Errorf("%q: Heading=%v BlankAbove=%v", h, l.Heading, l.BlankAbove)
					}
				}
			}
			if !found {
				t.Errorf("no clean line %q; lines: %q", h, lineTexts(r))
			}
		}
		if strings.Contains(text, "Edit") {
			t.Error(`"Edit" left in the clean text`)
		}
		n := 0
		for _, l := range r.Lines {
			if l.Heading {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%d heading lines, want 3", n)
		}
	})
	t.Run("citation markers removed", func(t *testing.T) {
		for _, m := range []string{"[1]", "[2]", "["} {
			if strings.Contains(text, m) {
				t.Errorf("clean text holds %q", m)
			}
		}
		if !strings.Contains(text, "favorably. According to the 2012") {
			t.Error("sentence around [1] not joined with one space")
		}
		if !strings.Contains(text, "surveyed country in Africa.\n\nMali was") {
			t.Error("paragraph ending in [2] not ended cleanly")
		}
	})
	t.Run("NFC and valid UTF-8", func(t *testing.T) {
		if !utf8.ValidString(text) || !norm.NFC.IsNormalString(text) {
			t.Error("clean text is not valid NFC UTF-8")
		}
	})
	t.Run("white space", func(t *testing.T) {
		for _, bad := range []string{"  ", "\t", "\r", "\u00a0", " \n", "\n ", "\n\n\n"} {
			if strings.Contains(text, bad) {
				t.Errorf("clean text holds %q", bad)
			}
		}
		if strings.TrimSpace(text) != text {
			t.Error("clean text not trimmed")
		}
	})
	t.Run("bullets kept, indentation dropped", func(t *testing.T) {
		if !strings.Contains(text, "\n• Defense Attaché—LTC Eric Dalton\n") {
			t.Error("list item not kept as its own line")
		}
	})
	t.Run("lines cover the text", func(t *testing.T) {
		if r.Map.Len() != len(text) {
			t.Errorf("Map.Len = %d, text has %d bytes", r.Map.Len(), len(text))
		}
		prev := 0
		for i, l := range r.Lines {
			if l.Start >= l.End || l.Start < prev || l.End > len(text) {
				t.Fatalf("line %d = %+v (prev end %d)", i, l, prev)
			}
			if strings.Contains(text[l.Start:l.End], "\n") {
				t.Errorf("line %d holds a newline", i)
			}
			sep := text[prev:l.Start]
			if i > 0 && (l.BlankAbove && sep != "\n\n" || !l.BlankAbove && sep != "\n") {
				t.Errorf("line %d: separator %q with BlankAbove=%v", i, sep, l.BlankAbove)
			}
			prev = l.End
		}
		if prev != len(text) {
			t.Errorf("last line ends at %d, text at %d", prev, len(text))
		}
	})
	t.Run("removals recorded", func(t *testing.T) {
		var menu, edit int
		for _, rm := range r.Removed {
			switch rm.What {
			case "menu":
				menu++
				if rm.Raw != 0 || rm.Text != "Open main menu" {
					t.Errorf("menu removal %+v", rm)
				}
			case "edit-link":
				edit++
				if string(raw[rm.Raw:rm.Raw+4]) != "Edit" {
					t.Errorf("edit-link removal at %d points at %q", rm.Raw, raw[rm.Raw:rm.Raw+4])
				}
			}
		}
		if menu != 1 || edit != 3 {
			t.Errorf("removals: %d menu, %d edit-link; want 1 and 3", menu, edit)
		}
	})
}

// For a substring of the clean text, the map must lead back to the same
// substring in the raw file.
func TestCleanSeedMapBack(t *testing.T) {
	raw := readSeed(t)
	r := clean.Clean(raw)
	lines := document.NewLines(raw)
	tests := []string{
		"Mali-United States relations, while",
		"Mali – United States relations",
		"Map indicating",
		"79%",
		"According to the 2012 U.S. Global Leadership Report", // after a removed [1]
		"Mali was a regional partner",                         // after a removed [2] and blank lines
		"Ambassador Gillian Milovanovic",
		"Peter Barlerin",
		"Eric Dalton",
		"Attaché—LTC",
		"There is a U.S. Embassy",
		"Former ambassadors",
		"Among the previous eighteen",
		"Touré with",
		"See also",
		"External links",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			ci := strings.Index(r.Text, s)
			ri := bytes.Index(raw, []byte(s))
			if ci < 0 || ri < 0 {
				t.Fatalf("%q: clean index %d, raw index %d", s, ci, ri)
			}
			for k := 0; k < len(s); k++ {
				if got := r.Map.Raw(ci + k); got != ri+k {
					t.Fatalf("Map.Raw(%d) (byte %d of %q) = %d, want %d", ci+k, k, s, got, ri+k)
				}
			}
			if got, want := lines.Pos(r.Map.Raw(ci)), lines.Pos(ri); got != want {
				t.Errorf("Pos = %v, want %v", got, want)
			}
		})
	}
	// And a few positions spelled out, as an editor shows them.
	for _, tt := range []struct {
		s    string
		want fact.Pos
	}{
		{"Former ambassadors", fact.Pos{Line: 31, Col: 1}},
		{"Eric Dalton", fact.Pos{Line: 27, Col: 25}},
		{"79%", fact.Pos{Line: 11, Col: 42}},
		{"External links", fact.Pos{Line: 40, Col: 1}},
	} {
		if got := lines.Pos(r.Map.Raw(strings.Index(r.Text, tt.s))); got != tt.want {
			t.Errorf("%q at %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestCleanHeadings(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		heading string // the first line's clean text
		isHead  bool
		removed string // Removal.What, if any
	}{
		{"mobile Edit suffix", "Former ambassadorsEdit\n\nText.", "Former ambassadors", true, "edit-link"},
		{"mobile Edit after digit", "Timeline 2012Edit\n\nText.", "Timeline 2012", true, "edit-link"},
		{"mobile Edit after parenthesis", "Relations (overview)Edit\n\nText.", "Relations (overview)", true, "edit-link"},
		{"mobile Edit after an abbreviation with dots", "U.S. assistanceEdit\n\nText.", "U.S. assistance", true, "edit-link"},
		{"mobile Edit after initials", "Relations with the U.N.Edit\n\nText.", "Relations with the U.N.", true, "edit-link"},
		{"mobile Edit after dotted title and dash", "St. Louis–U.S. tiesEdit\n\nText.", "St. Louis–U.S. ties", true, "edit-link"},
		{"sentences before Edit are kept", "He left Bamako. Then he cameEdit\n\nText.", "He left Bamako. Then he cameEdit", false, ""},
		{"a sentence end before Edit is kept", "Talks ended in 2012.Edit\n\nText.", "Talks ended in 2012.Edit", false, ""},
		{"desktop [edit] glued", "History[edit]\n\nText.", "History", true, "edit-link"},
		{"desktop [edit] after space", "History [edit]\n\nText.", "History", true, "edit-link"},
		{"desktop [ edit ] spaced", "Early history [ edit ]\n\nText.", "Early history", true, "edit-link"},
		{"wikitext level 2", "== History ==\n\nText.", "History", true, ""},
		{"wikitext level 3, no spaces", "===Early years===\n\nText.", "Early years", true, ""},
		{"wikitext unbalanced stays text", "== History ===\n\nText.", "== History ===", false, ""},
		{"Edit as a word in a sentence is kept", "Click Edit\n\nText.", "Click Edit", false, ""},
		{"sentence ending in a word with Edit is kept", "The page says soEdit. Really.\n\nText.", "The page says soEdit. Really.", false, ""},
		{"plain line", "History\n\nText.", "History", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := clean.Clean([]byte(tt.raw))
			if len(r.Lines) == 0 {
				t.Fatalf("no lines; text %q", r.Text)
			}
			l := r.Lines[0]
			if got := r.Text[l.Start:l.End]; got != tt.heading || l.Heading != tt.isHead {
				t.Errorf("first line %q Heading=%v, want %q Heading=%v", got, l.Heading, tt.heading, tt.isHead)
			}
			var what string
			for _, rm := range r.Removed {
				what = rm.What
			}
			if what != tt.removed {
				t.Errorf("removal %q, want %q", what, tt.removed)
			}
			// The heading text maps back to itself in the raw line.
			if i := strings.Index(tt.raw, tt.heading); i >= 0 {
				if got := r.Map.Raw(l.Start); got != i {
					t.Errorf("heading maps to raw %d, want %d", got, i)
				}
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct {
		name  string
		raw   string
		text  string
		blank []bool // BlankAbove per line
	}{
		{"LF", "One.\nTwo.\n\nThree.\n", "One.\nTwo.\n\nThree.", []bool{true, false, true}},
		{"CRLF", "One.\r\nTwo.\r\n\r\nThree.\r\n", "One.\nTwo.\n\nThree.", []bool{true, false, true}},
		{"lone CR", "One.\rTwo.\r\rThree.\r", "One.\nTwo.\n\nThree.", []bool{true, false, true}},
		{"mixed line ends", "One.\r\nTwo.\rThree.\n\r\nFour.", "One.\nTwo.\nThree.\n\nFour.", []bool{true, false, false, true}},
		{"blank runs collapse", "One.\n\n\n \t \n\nTwo.", "One.\n\nTwo.", []bool{true, true}},
		{"leading blank lines", "\n\n\nOne.", "One.", []bool{true}},
		{"BOM", "\uFEFFOne.\nTwo.", "One.\nTwo.", []bool{true, false}},
		{"tabs and NBSP collapse", "a\t\tb\u00a0\u00a0c \u2003 d\u200be\t", "a b c d e", []bool{true}},
		{"indentation dropped", "   \tIndented line.", "Indented line.", []bool{true}},
		{"citation markers", "Fact.[1] More[12] text[a] here.[citation needed] End.[note 3][nb 1]", "Fact. More text here. End.", []bool{true}},
		{"citation-only line is blank", "One.\n[1][2]\nTwo.", "One.\n\nTwo.", []bool{true, true}},
		{"wikitext links and bold", "In the 2021 [[Lowy Institute]] Poll, '''Fiji''' and [[Papua New Guinea|PNG]] rose.", "In the 2021 Lowy Institute Poll, Fiji and PNG rose.", []bool{true}},
		{"menu lines", "Jump to navigation\nJump to search\nFrom Wikipedia, the free encyclopedia\n  Open main menu  \nText.", "Text.", []bool{true}},
		{"menu lines are whole lines only", "Search the archive for talk.", "Search the archive for talk.", []bool{true}},
		{"decomposed accents composed", "Cafe\u0301 and Toure\u0301.", "Café and Touré.", []bool{true}},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb", []bool{true}},
		{"no final newline", "Last", "Last", []bool{true}},
		{"empty", "", "", nil},
		{"only blank", "\n \n\t\r\n", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := clean.Clean([]byte(tt.raw))
			if r.Text != tt.text {
				t.Errorf("text = %q, want %q", r.Text, tt.text)
			}
			var blank []bool
			for _, l := range r.Lines {
				blank = append(blank, l.BlankAbove)
			}
			if len(blank) != len(tt.blank) {
				t.Fatalf("lines %q, want %d", lineTexts(r), len(tt.blank))
			}
			for i := range blank {
				if blank[i] != tt.blank[i] {
					t.Errorf("BlankAbove = %v, want %v", blank, tt.blank)
					break
				}
			}
			if r.Map.Len() != len(r.Text) {
				t.Errorf("Map.Len = %d, text %d", r.Map.Len(), len(r.Text))
			}
		})
	}
}

// Each clean word maps back to where the same word starts in the raw file,
// and the raw line and column are right whatever the line ends.
func TestCleanMapBack(t *testing.T) {
	tests := []struct {
		name  string
		raw   string
		word  string // in clean text
		rawAt string // where it starts in raw (defaults to word)
		want  fact.Pos
	}{
		{"CRLF third line", "One.\r\nTwo.\r\n\r\nThree words here.\r\n", "words", "", fact.Pos{Line: 4, Col: 7}},
		{"lone CR", "One.\rTwo.\r\rThree words here.\r", "words", "", fact.Pos{Line: 4, Col: 7}},
		{"BOM", "\uFEFFHello world.", "world", "", fact.Pos{Line: 1, Col: 8}},
		{"tabs before", "x\n\t\ta\t\tb", "b", "", fact.Pos{Line: 2, Col: 6}},
		{"NBSP before", "x\nold\u00a0\u00a0town", "town", "", fact.Pos{Line: 2, Col: 6}},
		{"after citation", "x\nFirst.[12] Second.", "Second", "", fact.Pos{Line: 2, Col: 12}},
		{"wikitext heading", "x\n\n==  Relations  ==\n\nText.", "Relations", "", fact.Pos{Line: 3, Col: 5}},
		{"composed from decomposed", "Intro.\nLe cafe\u0301 de Toure\u0301 ferme.", "café", "cafe\u0301", fact.Pos{Line: 2, Col: 4}},
		{"after a decomposed accent", "Intro.\nLe cafe\u0301 de Toure\u0301 ferme.", "ferme", "", fact.Pos{Line: 2, Col: 20}},
		{"the composed letter itself", "Intro.\nLe cafe\u0301 de Toure\u0301 ferme.", "é de", "e\u0301 de", fact.Pos{Line: 2, Col: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.raw)
			r := clean.Clean(raw)
			ci := strings.Index(r.Text, tt.word)
			if ci < 0 {
				t.Fatalf("%q not in clean text %q", tt.word, r.Text)
			}
			at := tt.rawAt
			if at == "" {
				at = tt.word
			}
			ri := bytes.Index(raw, []byte(at))
			if got := r.Map.Raw(ci); got != ri {
				t.Errorf("Map.Raw(%d) = %d, want %d", ci, got, ri)
			}
			if got := document.NewLines(raw).Pos(r.Map.Raw(ci)); got != tt.want {
				t.Errorf("Pos = %v, want %v", got, tt.want)
			}
		})
	}
}

// On every test article (all four scrape styles), each word of the clean
// text maps back to a raw offset where the same word starts.
func TestCleanArticlesMapBack(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/articles/*.txt")
	if len(paths) == 0 {
		t.Skip("no test articles")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r := clean.Clean(raw)
			if !utf8.ValidString(r.Text) || !norm.NFC.IsNormalString(r.Text) {
				t.Error("clean text not valid NFC")
			}
			if strings.Contains(r.Text, "  ") || strings.Contains(r.Text, "\n\n\n") {
				t.Error("white space not collapsed")
			}
			if strings.Contains(r.Text, "[edit]") || citationMarker.MatchString(r.Text) {
				t.Error("edit link or citation marker left")
			}
			bad := 0
			for off := 0; off < len(r.Text); {
				end := strings.IndexAny(r.Text[off:], " \n")
				if end < 0 {
					end = len(r.Text) - off
				}
				word := r.Text[off : off+end]
				if word != "" {
					ro := r.Map.Raw(off)
					// Exactly, or once the raw bytes are NFC.
					if !bytes.HasPrefix(raw[ro:], []byte(word)) &&
						!strings.HasPrefix(norm.NFC.String(string(raw[ro:min(len(raw), ro+2*len(word))])), word) {
						if bad < 5 {
							t.Errorf("word %q at clean %d maps to raw %d: %q", word, off, ro, raw[ro:min(len(raw), ro+len(word))])
						}
						bad++
					}
				}
				off += end + 1
			}
		})
	}
}

var citationMarker = regexp.MustCompile(`\[\d+\]`)

// The "\n" or "\n\n" Clean puts between two lines maps to the raw line
// break after the first line: past the last raw byte of the first line and
// no further than the first raw byte of the second, even where boilerplate
// was cut in between (regression: it mapped to an offset in the clean text).
func TestCleanLineSeparatorMapsToLineBreak(t *testing.T) {
	raw := readSeed(t)
	r := clean.Clean(raw)
	lines := document.NewLines(raw)
	for i := 1; i < len(r.Lines); i++ {
		prev, next := r.Lines[i-1], r.Lines[i]
		lo := r.Map.Raw(prev.End-1) + 1 // just past the previous line's last byte
		hi := r.Map.Raw(next.Start)
		if got := r.Map.Raw(prev.End); got < lo || got > hi {
			t.Errorf("separator before %q maps to raw %d (line %d), want within [%d, %d] (lines %d-%d)",
				r.Text[next.Start:next.End], got, lines.Pos(got).Line, lo, hi, lines.Pos(lo).Line, lines.Pos(hi).Line)
		}
	}
}

// The map from clean to raw offsets never goes backwards.
func TestCleanMapMonotonic(t *testing.T) {
	r := clean.Clean(readSeed(t))
	prev := 0
	for i := 0; i <= len(r.Text); i++ {
		got := r.Map.Raw(i)
		if got < prev {
			t.Fatalf("Map.Raw(%d) = %d < Map.Raw(%d) = %d (clean text %q)", i, got, i-1, prev, r.Text[max(0, i-10):min(len(r.Text), i+10)])
		}
		prev = got
	}
}

// When the clean text is longer than the raw bytes (invalid bytes become
// 3-byte U+FFFD), every clean offset still maps inside the raw file.
func TestCleanMapWithinRaw(t *testing.T) {
	raw := []byte("\xff\xff\xff\xff\n\n\na")
	r := clean.Clean(raw)
	for i := 0; i <= len(r.Text); i++ {
		if got := r.Map.Raw(i); got < 0 || got > len(raw) {
			t.Errorf("Map.Raw(%d) = %d, outside the %d raw bytes (clean %q)", i, got, len(raw), r.Text)
		}
	}
}

// A line holding only zero-width spaces (U+200B), a stray BOM or citation
// markers is blank: it makes no empty Line, and the next line has a blank
// line above it.
func TestCleanZeroWidthLineIsBlank(t *testing.T) {
	for _, raw := range []string{"One.\n\u200b\nTwo.", "One.\n\ufeff\nTwo.", "One.\n \u200b [1]\nTwo."} {
		t.Run(raw, func(t *testing.T) {
			r := clean.Clean([]byte(raw))
			if r.Text != "One.\n\nTwo." {
				t.Errorf("text = %q", r.Text)
			}
			if len(r.Lines) != 2 {
				t.Fatalf("lines = %+v, want 2 (the zero-width line is blank)", r.Lines)
			}
			if !r.Lines[1].BlankAbove {
				t.Errorf("second line BlankAbove = false")
			}
		})
	}
}

// NFC applies across a cut citation marker: a combining mark right after
// the marker composes with the letter before it.
func TestCleanNFCAcrossCitationCut(t *testing.T) {
	r := clean.Clean([]byte("Toure[1]\u0301 met Bush."))
	if want := "Touré met Bush."; r.Text != want {
		t.Errorf("text = %q, want %q (NFC)", r.Text, want)
	}
}

func BenchmarkClean(b *testing.B) {
	raw, err := os.ReadFile("../../sources/mali-united-states.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		clean.Clean(raw)
	}
}
