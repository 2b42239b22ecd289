package extract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/pipeline/extract"
)

// FuzzDocument runs random text through clean, segment and Document: no
// panic, and every fact's span lies in the text and holds its quote.
func FuzzDocument(f *testing.F) {
	if raw, err := readSeed(); err == nil {
		f.Add(raw, true)
	}
	// The test articles, cut at blank lines into pieces of at most 600
	// bytes: whole articles as seeds stall the fuzzing engine's mutator.
	paths, _ := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		piece := ""
		for _, para := range strings.SplitAfter(string(b), "\n\n") {
			if len(piece)+len(para) > 600 && piece != "" {
				f.Add(piece, false)
				piece = ""
			}
			piece += para
		}
		if piece != "" {
			f.Add(piece, false)
		}
	}
	f.Add("There is a U.S. Embassy in Bamako, Mali.", true)
	f.Add("• Defense Attaché—LTC Eric Dalton\n• Ambassador Gillian Milovanovic", true)
	f.Add("According to the 2012 U.S. Global Leadership Report, 87 % of Malians approve, with 10% disapproving.", true)
	f.Add("On 12 June, and on 30 September 2022; the same day the coup.", false)
	f.Add("Embassy of Mali, Washington, D.C.\nConsulate of Mali in Hong Kong\n(ABC) (X) ()", true)
	f.Add("\xff\xfe–—--:\t\u200b\n\n^ Retrieved", false)
	f.Fuzz(func(t *testing.T, raw string, meta bool) {
		title := "Mali–United States relations"
		d := docOf(title, raw)
		if meta {
			d.Title = ""
			d.Meta = map[string]any{"countries": []any{"MLI", "USA"}}
		}
		for _, fact := range extract.Document(d) {
			if fact.Start < 0 || fact.End > len(d.Text) || fact.Start > fact.End {
				t.Fatalf("span [%d,%d) outside %d bytes", fact.Start, fact.End, len(d.Text))
			}
			q := fact.Quote()
			if d.Text[fact.Start:fact.End] != q {
				t.Fatalf("quote %q is not text[%d:%d] = %q", q, fact.Start, fact.End, d.Text[fact.Start:fact.End])
			}
			if utf8.ValidString(d.Text) && !utf8.ValidString(q) {
				t.Fatalf("quote %q cuts a character", q)
			}
			if _, err := json.Marshal(fact.Fields); err != nil {
				t.Fatalf("fields do not encode: %v", err)
			}
			checkSpan(t, d, fact)
		}
	})
}
