package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
)

// token is a word of a text: a run of letters, digits and marks with the
// apostrophes inside it ("N'Djamena") and the dots of an abbreviation or
// an initial ("U.S.", "W."). Hyphens, slashes and other punctuation
// separate words; a possessive "'s" is not part of its word.
type token struct {
	start, end int    // byte offsets in the text
	fold       string // normalize.FoldKey of the word
	gap        byte   // what separates it from the word before (gap* below)
	upper      bool   // starts with an upper-case letter
	possessive bool   // followed by "'s"
}

// What separates two words. Phrases of the tables (countries, roles,
// programs, cities) are read across gapSpace, gapHyphen, gapSlash and
// gapComma only; a name is read across gapSpace and gapHyphen.
const (
	gapSpace  = ' '
	gapHyphen = '-'  // "Kaetzer-Hodson"
	gapSlash  = '/'  // "Political/Economic"
	gapComma  = ','  // "Washington, D.C."
	gapDash   = 'd'  // "—", "–", "--", " - ": a list's separator
	gapColon  = ':'  // "Ambassador: Jane Doe"
	gapStop   = '.'  // the end of a sentence or clause: . ; ! ?
	gapBreak  = '\n' // a line break
	gapQuote  = 'q'  // quotation marks: Douglas "Pete" Peterson
	gapOther  = '('  // brackets, quotation marks, anything else; also before the first word
)

// tokenize cuts text into words.
func tokenize(text string) []token {
	var toks []token
	prev := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		end, poss, next := wordEnd(text, i)
		w := text[i:end]
		gap := byte(gapOther)
		if len(toks) > 0 {
			gap = classifyGap(text[prev:i])
			if gap == gapStop && abbreviations[toks[len(toks)-1].fold] && strings.TrimFunc(text[prev:i], isHorizontalSpace) == "." {
				gap = gapSpace // "Lt. Col.", "Gen. Smith"
			}
		}
		toks = append(toks, token{start: i, end: end, fold: foldWord(w), gap: gap, upper: unicode.IsUpper(r), possessive: poss})
		prev = next
		i = next
	}
	return toks
}

// abbreviations are the short words written with a dot that does not end
// a sentence: ranks and honorifics before a name, "Ft. Lamy", months
// ("Sept. 11").
var abbreviations = map[string]bool{
	"lt": true, "col": true, "gen": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "adm": true, "cdr": true,
	"brig": true, "dr": true, "mr": true, "mrs": true, "ms": true, "jr": true, "sr": true, "st": true, "amb": true,
	"hon": true, "prof": true, "rev": true, "sen": true, "rep": true, "gov": true, "pres": true, "ft": true, "mt": true,
	"lieut": true, "cmdr": true, "vs": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
}

// foldWord is normalize.FoldKey of a word, written out for the ASCII words
// most of a text is made of.
func foldWord(w string) string {
	plain, lower := true, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 0x80:
			return normalize.FoldKey(w)
		case c == '.' || c == '\'' || c == '`':
			plain = false
		case c >= 'A' && c <= 'Z':
			lower = false
		}
	}
	if plain && lower {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.' || c == '\'' || c == '`':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// wordEnd finds the end of the word that starts at i, whether a possessive
// "'s" follows it, and where the text after the word (and its "'s") starts.
func wordEnd(text string, i int) (end int, possessive bool, next int) {
	j := i
	segment := 0 // letters since the word's start or its last dot
	lower := false
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case isWordRune(r):
			if lower && unicode.IsUpper(r) && (glueRE.MatchString(text[j:]) || glueEndRE.MatchString(text[i:j])) {
				return j, false, j
			}
			lower = unicode.IsLower(r)
			j += n
			segment++
			continue
		case isApostrophe(r):
			r2, n2 := utf8.DecodeRuneInString(text[j+n:])
			if !isWordRune(r2) {
				return j, false, j
			}
			if (r2 == 's' || r2 == 'S') && !startsWord(text[j+n+n2:]) {
				return j, true, j + n + n2
			}
			j += n
			continue
		case r == '.' && segment == 1:
			// "U.S.", "D.C.", the initial "W.": a dot after one letter.
			j += n
			segment = 0
			r2, _ := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) {
				continue
			}
			return j, false, j
		}
		break
	}
	return j, false, j
}

// Scrapes of infoboxes glue a title or a mission to the word before or
// after it ("Tel AvivEmbassy of Israel", "AmbassadorRosa Elena Cadena
// Ruiz"); where a capital follows a small letter there, the words are read
// apart.
var (
	glueRE    = prefilter.MustCompile(`^(?:Ambassadors?|Charg[ée]e?s? d|High Commission|Embassy|Consulate|Envoy|Permanent Representative)`)
	glueEndRE = prefilter.MustCompile(`(?:Ambassadors?|Envoy)$`)
)

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && isWordRune(r)
}

// classifyGap says what the text between two words is.
func classifyGap(g string) byte {
	switch strings.TrimFunc(g, isHorizontalSpace) {
	case "":
		if strings.ContainsAny(g, "\n\r") {
			return gapBreak
		}
		return gapSpace
	case "-", "‐":
		if g == "-" || g == "‐" {
			return gapHyphen
		}
		return gapDash
	case "/":
		return gapSlash
	case ",":
		return gapComma
	case "—", "–", "--", "―", "-–", "—-":
		return gapDash
	case ":":
		return gapColon
	}
	if strings.ContainsAny(g, "\n\r") {
		return gapBreak
	}
	if strings.Trim(g, " \"“”'‘’") == "" {
		return gapQuote
	}
	if strings.ContainsAny(g, ".;!?") {
		return gapStop
	}
	return gapOther
}

func isHorizontalSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || (unicode.IsSpace(r) && r != '\n' && r != '\r')
}

// phraseGap reports whether a phrase of a table may run across gap.
func phraseGap(gap byte) bool {
	return gap == gapSpace || gap == gapHyphen || gap == gapSlash || gap == gapComma
}

// isInitial reports whether a token is an initial such as "W.".
func (t token) isInitial(text string) bool {
	return len(t.fold) == 1 && t.upper && t.end > t.start && text[t.end-1] == '.'
}

// joinFolds is the folded key of tokens [i, j): their folds joined by
// spaces, as normalize.FoldKey writes a phrase.
func joinFolds(toks []token, i, j int) string {
	if j-i == 1 {
		return toks[i].fold
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].fold)
	}
	return b.String()
}

// foldWords splits a value into the folded words tokenize would give it.
func foldWords(s string) []string {
	return strings.Fields(normalize.FoldKey(s))
}
