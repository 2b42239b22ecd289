package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/document"
)

// Fold returns the form in which quotes and text are compared: NFC, every
// dash and double hyphen as "-", curly quotes straight, white space as single
// spaces, trimmed; with a map from folded offsets back to offsets in s.
// Letters and their case are kept, so a quote must still say what the text
// says.
func Fold(s string) (string, *document.Map) {
	s = norm.NFC.String(s)
	var sb strings.Builder
	m := &document.Map{}
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
			m.Add(i-1, 1, false)
		}
		space = false
		var rep string
		switch r {
		case '–', '—', '‒', '―', '−', '‐', '‑':
			rep = "-"
		case '-':
			rep = "-"
			if strings.HasPrefix(s[i+1:], "-") {
				size = 2
			}
		case '‘', '’', '‚', '‛', '′':
			rep = "'"
		case '“', '”', '„', '‟', '″':
			rep = `"`
		}
		if rep != "" {
			sb.WriteString(rep)
			m.Add(i, len(rep), size == len(rep))
		} else {
			sb.WriteString(s[i : i+size])
			m.Add(i, size, true)
		}
		i += size
	}
	return sb.String(), m
}

// FoldString is Fold without the map.
func FoldString(s string) string {
	f, _ := Fold(s)
	return f
}
