package export

import (
	"dossier/pipeline/fact"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rendered is one row as every format writes it, made on a worker
// goroutine so that the ordered part of a run only copies bytes.
type rendered struct {
	csv []byte // the CSV record with its line end
	// cells holds each column's XLSX cell without its start and reference
	// (what follows `<c r="A1"`): the row number is known only when the row
	// is written in input order (appendRow). An empty cell is empty.
	cells       []byte
	ends        []int32 // end offset of each column's cell in cells
	first, last int32   // columns (1-based) of the first and last cell that is not empty; 0 when none is
	lens        []int32 // characters per column, to size the sheet's columns
	long        []int   // columns whose text the workbook must cut
	lines       int32   // lines the row's wrapped text takes, for its height; 0 or 1: one
}

// styles are the workbook's cell styles, made once per run.
type styles struct {
	header, wrap, date, pctInt, pctDec, link int
	count, text, share                       int // a count beside its label (left, grouped); wrapped text; a mean share
}

// renderRow renders the cells of one row for CSV and XLSX.
func renderRow(t *Table, row []any, st *styles, guard bool, _ []bool) *rendered {
	return renderRowInto(&rendered{}, t, row, st, guard)
}

// renderRowInto is renderRow into r, reusing what r holds.
func renderRowInto(r *rendered, t *Table, row []any, st *styles, guard bool) *rendered {
	r.ends = slices.Grow(r.ends[:0], len(row))[:len(row)]
	r.lens = slices.Grow(r.lens[:0], len(row))[:len(row)]
	r.long, r.first, r.last, r.lines = r.long[:0], 0, 0, 0
	csv := r.csv[:0]
	cells := r.cells[:0]
	for j, v := range row {
		if j > 0 {
			csv = append(csv, ',')
		}
		text := csvText(v)
		// Bytes, not characters: only to size columns and choose wrapping,
		// where the difference does not matter and the count is free.
		r.lens[j] = int32(len(text))
		c := t.Columns[j]
		if guard {
			csv = appendCSVField(csv, inert(text, v))
		} else {
			csv = appendCSVField(csv, text)
		}
		var long bool
		if v != nil {
			wrap := r.lens[j] > maxColWidth
			if s, ok := v.(string); ok && wrap {
				r.lines = max(r.lines, wrappedLines(s))
			}
			cells, long = appendCell(cells, c, v, st, wrap)
			if r.first == 0 {
				r.first = int32(j + 1)
			}
			r.last = int32(j + 1)
		}
		if long {
			r.long = append(r.long, j)
		}
		r.ends[j] = int32(len(cells))
	}
	r.csv = append(csv, csvEOL...)
	r.cells = cells
	return r
}

// appendCSVField quotes a field as encoding/csv does (RFC 4180).
func appendCSVField(b []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', ',', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r == ' ' || r == '\t' || r == '\u0085' || r == '\u00A0' || (r > 0x1F && isSpace(r))
}

func isSpace(r rune) bool {
	return strings.ContainsRune("\v\f\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000", r)
}

// appendCell appends the body of one XLSX cell (what follows `<c r="A1"`):
// numbers as numeric cells (percent columns shown with %), complete dates
// from 1900-03-01 on as date cells, text as inline strings. It reports
// text cut to fit.
func appendCell(b []byte, c Column, v any, st *styles, wrap bool) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return b, false
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return appendText(b, x.String(), 0)
		}
		style := 0
		if c.Format == "percent" {
			style = st.pctDec
			if f == float64(int64(f)) {
				style = st.pctInt
			}
		}
		if style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(style), 10)
			b = append(b, '"')
		}
		b = append(b, `><v>`...)
		b = append(b, numberText(x, f)...)
		return append(b, `</v></c>`...), false
	case bool:
		if x {
			return append(b, ` t="b"><v>1</v></c>`...), false
		}
		return append(b, ` t="b"><v>0</v></c>`...), false
	case string:
		if c.Format == "date" && x >= firstSheetDate {
			if tm, ok := fact.Day(x); ok {
				b = append(b, ` s="`...)
				b = strconv.AppendInt(b, int64(st.date), 10)
				b = append(b, `"><v>`...)
				b = strconv.AppendFloat(b, excelSerial(tm), 'f', -1, 64)
				return append(b, `</v></c>`...), false
			}
		}
		style := 0
		if wrap {
			style = st.wrap
		}
		return appendText(b, x, style)
	}
	return appendText(b, csvText(v), 0)
}

// numberText is how a JSON number is written in a cell: as read when that
// is plain decimal notation, else the float's shortest form.
func numberText(n json.Number, f float64) string {
	s := n.String()
	if len(s) <= 17 && isPlainDecimal(s) {
		return s
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// appendText appends an inline string cell, cut to Excel's limit.
func appendText(b []byte, s string, style int) ([]byte, bool) {
	long := false
	if len(s) > MaxCellChars && utf8.RuneCountInString(s) > MaxCellChars {
		// Cut here, with a mark, rather than let a reader cut silently; the
		// writer reports it.
		s = string([]rune(s)[:MaxCellChars-1]) + "…"
		long = true
	}
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != strings.TrimSpace(s) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = appendXMLText(b, s)
	return append(b, `</t></is></c>`...), long
}

// appendXMLText escapes text for XML so that every reader reads the same
// text back. A carriage return is written as a character reference, since
// a raw one reads as a line feed; so is every other non-ASCII character of
// the Basic Multilingual Plane (see charRefs). The control characters XML 1.0 cannot
// hold are left out: OOXML's _xHHHH_ escape for them is decoded by Excel
// and SheetJS, shown as written by ExcelJS and openpyxl, and dropped by
// LibreOffice. A literal "_xHHHH_" is escaped, so that readers that decode
// escapes do not turn it into a character.
func appendXMLText(b []byte, s string) []byte {
	// Most text needs no escape: copy it whole.
	clean := true
	for i := 0; i < len(s); i++ {
		if xmlSpecial[s[i]] {
			clean = false
			break
		}
	}
	if clean {
		return append(b, s...)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '\r':
				b = append(b, "&#13;"...)
			case c == '\t' || c == '\n':
				b = append(b, c)
			case c < 0x20:
				// not a character of XML 1.0
			case c == '_' && isOOXMLEscapeAt(s, i):
				b = append(b, "_x005F_"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0xFFFE || r == 0xFFFF:
			// not a character of XML 1.0
		case r > 0xFFFF:
			b = append(b, s[i:i+size]...)
		default: // an invalid byte is U+FFFD, as it decodes
			b = appendCharRef(b, r)
		}
		i += size
	}
	return b
}

// appendCharRef writes r as an XML character reference: "&#233;".
func appendCharRef(b []byte, r rune) []byte {
	b = append(b, "&#"...)
	b = strconv.AppendInt(b, int64(r), 10)
	return append(b, ';')
}

// charRefs writes the non-ASCII characters of the Basic Multilingual
// Plane in an XML document made by excelize (a sheet's frame: header,
// About) as character references, as appendXMLText does for the rows.
// ExcelJS's streaming reader decodes each chunk of a sheet on its own, and
// a character cut by a chunk's end reads as U+FFFD: "é" written "&#233;"
// cannot be cut. Characters past the plane (emoji) stay UTF-8, since
// SheetJS reads a reference to one as a single UTF-16 unit; ExcelJS's
// streaming reader can still cut one of those. Element and attribute
// names are ASCII in OOXML, and excelize writes no CDATA or comments there.
func charRefs(doc []byte) []byte {
	i := 0
	for i < len(doc) && doc[i] < utf8.RuneSelf {
		i++
	}
	if i == len(doc) {
		return doc
	}
	out := append(make([]byte, 0, len(doc)+64), doc[:i]...)
	for i < len(doc) {
		if c := doc[i]; c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(doc[i:])
		if r > 0xFFFF {
			out = append(out, doc[i:i+size]...)
		} else {
			out = appendCharRef(out, r)
		}
		i += size
	}
	return out
}

func isOOXMLEscapeAt(s string, i int) bool {
	if len(s)-i < 7 || s[i+1] != 'x' || s[i+6] != '_' {
		return false
	}
	for _, c := range []byte(s[i+2 : i+6]) {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}

// wrappedLines is about how many lines text takes wrapped in a column of
// the widest width: the row is given that height, since a reader that
// opens the file does not measure rows (LibreOffice prints a wrapped cell
// over the rows below it otherwise).
func wrappedLines(s string) int32 {
	n := int32(0)
	for len(s) > 0 && n < maxRowLines {
		par, rest, _ := strings.Cut(s, "\n")
		n += int32(max(1, (utf8.RuneCountInString(par)+maxColWidth-2)/(maxColWidth-1)))
		s = rest
	}
	return min(n, maxRowLines)
}

// maxRowLines is the most lines a row is made tall for: Excel's highest
// row is 409 points.
const maxRowLines = 27

// appendRow assembles one sheet row: its number is known only here, in
// input order. Every cell carries its reference (open holds each column's
// `<c r="B`): OOXML allows a cell without one, but readers such as ExcelJS
// fail on it. Empty cells are left out.
func appendRow(b []byte, r *rendered, row int, open []string) []byte {
	var digits [24]byte
	num := append(strconv.AppendInt(digits[:0], int64(row), 10), '"')
	b = append(b, `<row r="`...)
	b = append(b, num...)
	if r.lines > 1 {
		b = append(b, ` ht="`...)
		b = strconv.AppendInt(b, int64(r.lines)*rowPoints, 10)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	start := int32(0)
	for j, end := range r.ends {
		if end > start {
			b = append(b, open[j]...)
			b = append(b, num...)
			b = append(b, r.cells[start:end]...)
		}
		start = end
	}
	return append(b, `</row>`...)
}

// xmlSpecial marks the bytes appendXMLText must look at: markup, control
// characters, '_' (OOXML escapes) and every non-ASCII byte.
var xmlSpecial = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '_'
	}
	return t
}()

// firstSheetDate is the first date a sheet holds as a date cell. Excel's
// 1900 date system has no dates before 1900, and counts a 29 February
// 1900 that other readers do not, so that they read the serials of
// earlier dates a day apart from Excel; those stay ISO text.
const firstSheetDate = "1900-03-01"

// isPlainDecimal reports whether s is -?digits(.digits)?.
func isPlainDecimal(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' {
		return false
	}
	i++
	frac := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > frac && i == len(s)
}
