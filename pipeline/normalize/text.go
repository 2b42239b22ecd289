package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text normalizers work on strings and give any other value back unchanged.

// textResult is the result of a text normalizer that made t of s, the
// string in v: v itself when t is s, so that a value already normal is
// not boxed again (most are).
func textResult(v any, s, t string) Result {
	if t == s {
		return Result{Value: v}
	}
	return Result{Value: t}
}

func trim(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, trimSpace(s)), nil
}

func nfc(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, norm.NFC.String(s)), nil
}

func whitespace(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, collapseSpace(s)), nil
}

func quotes(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, straightQuotes(s)), nil
}

func lower(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, strings.ToLower(s)), nil
}

func upper(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, strings.ToUpper(s)), nil
}

func dash(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok {
		return Result{Value: v}, nil
	}
	return textResult(v, s, separatorDashes(s)), nil
}

// isZeroWidth reports the invisible characters that scrapes leave between
// words: zero-width space, word joiner and byte order mark.
func isZeroWidth(r rune) bool {
	return r == '\u200B' || r == '\u2060' || r == '\uFEFF'
}

func isSpaceOrZeroWidth(r rune) bool { return unicode.IsSpace(r) || isZeroWidth(r) }

// trimSpace removes white space and zero-width characters at both ends.
func trimSpace(s string) string { return strings.TrimFunc(s, isSpaceOrZeroWidth) }

// isBlank reports whether s holds nothing but white space and zero-width
// characters.
func isBlank(s string) bool { return trimSpace(s) == "" }

// collapseSpace drops zero-width characters, turns every run of white space
// into one ASCII space and trims both ends.
func collapseSpace(s string) string {
	if collapsedASCII(s) {
		return s
	}
	return collapseRunes(s)
}

// collapseRunes is collapseSpace, rune by rune.
func collapseRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		switch {
		case isZeroWidth(r):
		case unicode.IsSpace(r):
			pending = true
		default:
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// collapsedASCII reports whether s is printable ASCII with single spaces
// between words and none at the ends, which collapseSpace leaves as it is.
func collapsedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
			continue
		}
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

// straightQuotes maps curly, low-9 and reversed quotation marks to ' and ".
func straightQuotes(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '‘', '’', '‚', '‛':
			return '\''
		case '“', '”', '„', '‟':
			return '"'
		}
		return r
	}, s)
}

// isHorizontalSpace is white space that does not end a line.
func isHorizontalSpace(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return false
	}
	return unicode.IsSpace(r)
}

func isDashRune(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '―' }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// separatorDashes rewrites every dash used as a separator as an unspaced em
// dash. It looks at clusters: maximal runs of horizontal space and dashes. A
// cluster is a separator when it holds an em dash or horizontal bar, two
// hyphens in a row, a hyphen with space on both sides, or an en dash; it is
// kept as it is when it holds one hyphen or en dash between two digits (a
// number range), and otherwise (a hyphen inside a word, plain spaces).
// Unicode hyphens U+2010 and U+2011 become "-" first.
func separatorDashes(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\u2010' || r == '\u2011' {
			return '-'
		}
		return r
	}, s)
	if !strings.ContainsAny(s, "-–—―") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isDashRune(r) && !isHorizontalSpace(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isDashRune(r) && !isHorizontalSpace(r) {
				break
			}
			j += size
		}
		cluster := s[i:j]
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[j:])
		if i == 0 {
			prev = utf8.RuneError
		}
		if isSeparator(cluster, isDigit(prev) && isDigit(next)) {
			b.WriteString("—")
		} else {
			b.WriteString(cluster)
		}
		i = j
	}
	return b.String()
}

// isSeparator classifies a cluster of spaces and dashes; betweenDigits says
// whether digits stand on both sides of it.
func isSeparator(cluster string, betweenDigits bool) bool {
	var dashes []rune
	for _, r := range cluster {
		if isDashRune(r) {
			dashes = append(dashes, r)
		}
	}
	switch {
	case len(dashes) == 0:
		return false
	case len(dashes) == 1 && betweenDigits && (dashes[0] == '-' || dashes[0] == '–'):
		return false
	case strings.ContainsAny(cluster, "—―–"), strings.Contains(cluster, "--"):
		return true
	}
	rs := []rune(cluster)
	for k, r := range rs {
		if r == '-' && k > 0 && k < len(rs)-1 && isHorizontalSpace(rs[k-1]) && isHorizontalSpace(rs[k+1]) {
			return true
		}
	}
	return false
}

// FoldKey returns the key under which two spellings of a name match: NFC,
// diacritics removed, lower case, dots and apostrophes dropped ("U.S." is
// "us", "d'Ivoire" is "divoire"), every other run of punctuation, symbols
// and white space as one space ("Guinea-Bissau" and "Guinea Bissau" match),
// trimmed. So "Touré" and "Toure" have the same key. FoldKey(FoldKey(s)) is
// FoldKey(s).
func FoldKey(s string) string {
	if isASCII(s) {
		return foldKeyASCII(s)
	}
	return foldKeyRunes(norm.NFD.String(s))
}

// AppendFoldKey appends FoldKey(s) to b, without a string of its own when
// s is ASCII.
func AppendFoldKey(b []byte, s string) []byte {
	if !isASCII(s) {
		return append(b, FoldKey(s)...)
	}
	start, pending := len(b), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' || c == '\'' || c == '`':
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z':
			if pending && len(b) > start {
				b = append(b, ' ')
			}
			pending = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			pending = true
		}
	}
	return b
}

// foldKeyRunes is FoldKey of text already decomposed (NFD).
func foldKeyRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me):
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´':
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mc):
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			writeFolded(&b, r)
		default:
			pending = true
		}
	}
	return b.String()
}

// foldKeyASCII is FoldKey of ASCII text, without the Unicode tables: a
// letter or digit is kept (in lower case), dots, apostrophes and
// backquotes are dropped, anything else separates words.
func foldKeyASCII(s string) string {
	if foldedASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' || c == '\'' || c == '`':
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z':
			if pending && len(b) > 0 {
				b = append(b, ' ')
			}
			pending = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			pending = true
		}
	}
	if len(b) == len(s) && string(b) == s {
		return s
	}
	return string(b)
}

// foldedASCII reports whether s is already what foldKeyASCII makes of it:
// lower-case letters and digits, words parted by one space.
func foldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i+1] != ' ':
		default:
			return false
		}
	}
	return true
}

// writeFolded writes r in lower case, spelling out the few Latin letters
// that do not decompose into a base letter and a mark.
func writeFolded(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteByte(byte(r))
		return
	}
	r = unicode.ToLower(r)
	switch r {
	case 'ß', 'ẞ':
		b.WriteString("ss")
	case 'ø':
		b.WriteByte('o')
	case 'æ':
		b.WriteString("ae")
	case 'œ':
		b.WriteString("oe")
	case 'đ', 'ð':
		b.WriteByte('d')
	case 'ł':
		b.WriteByte('l')
	case 'ı':
		b.WriteByte('i')
	case 'þ':
		b.WriteString("th")
	default:
		// A lower-case letter can itself decompose (rare compatibility
		// letters); keep only its base so the key is stable.
		d := norm.NFD.String(string(r))
		for _, c := range d {
			if !unicode.In(c, unicode.Mn, unicode.Me) {
				b.WriteRune(c)
			}
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
