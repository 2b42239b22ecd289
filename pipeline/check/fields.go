package check

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/normalize"
	"dossier/pipeline/schema"
)

// checkKind is how a field is held against its quote: through the
// normalizer the field uses.
type checkKind int

const (
	ckText    checkKind = iota // plain text: judged by its value (a city, a program, a people) or not at all
	ckName                     // a person's name (person)
	ckRank                     // a rank or honorific (rank)
	ckRole                     // an official's role (role)
	ckPlace                    // a city (place)
	ckProgram                  // a program (program)
	ckCountry                  // a country code (country)
	ckPeople                   // a people or country written as text ("Malians")
	ckDate                     // an ISO date (date)
	ckNumber                   // a number or share
)

// mismatchCodes are the codes of a field its quote contradicts.
var mismatchCodes = map[checkKind]string{
	ckName: "evidence.name-mismatch", ckRank: "evidence.name-mismatch", ckRole: "evidence.role-mismatch",
	ckPlace: "evidence.place-mismatch", ckProgram: "evidence.program-mismatch", ckCountry: "evidence.country-mismatch",
	ckPeople: "evidence.country-mismatch", ckDate: "evidence.date-mismatch", ckNumber: "evidence.number-mismatch",
}

// Country slots: whose a thing is, where it is, the country of its city.
const (
	slotOwner = "owner"
	slotHost  = "host"
	slotCity  = "city"
)

// fieldPlan is how one column of a kind is checked.
type fieldPlan struct {
	col  schema.Column
	kind checkKind
	slot string // for a country
}

var plans sync.Map // *schema.Kind -> []fieldPlan

// planOf returns how each field of a kind is checked, found once a kind.
func planOf(k *schema.Kind) []fieldPlan {
	if p, ok := plans.Load(k); ok {
		return p.([]fieldPlan)
	}
	names := map[string][]string{}
	for _, st := range k.Normalize {
		names[st.Pointer] = append(names[st.Pointer], st.Names...)
	}
	hasCity := slices.ContainsFunc(k.Columns, func(c schema.Column) bool { return c.Name == "city" })
	var out []fieldPlan
	for _, c := range k.Columns {
		if len(fact.SplitPointer(c.Pointer)) != 1 || c.Name == "id" || c.Name == "kind" || c.Name == "countries" ||
			c.Const != nil || len(c.Enum) > 0 {
			continue
		}
		p := fieldPlan{col: c, kind: -1}
		n := names[c.Pointer]
		switch {
		case slices.Contains(n, "person"):
			p.kind = ckName
		case slices.Contains(n, "rank"):
			p.kind = ckRank
		case slices.Contains(n, "role"):
			p.kind = ckRole
		case slices.Contains(n, "place"):
			p.kind = ckPlace
		case slices.Contains(n, "program"):
			p.kind = ckProgram
		case slices.Contains(n, "country") || slices.Contains(n, "country-code"):
			p.kind, p.slot = ckCountry, countrySlot(c.Name, hasCity)
		case slices.Contains(n, "date") || c.Format == "date" || c.Type == "string" && isDateColumn(c.Name),
			c.Name == "year" && (c.Type == "integer" || c.Type == "number"):
			p.kind = ckDate
		case c.Type == "number" || c.Type == "integer":
			p.kind = ckNumber
		case c.Type == "string":
			p.kind = ckText
		}
		if p.kind >= 0 {
			out = append(out, p)
		}
	}
	plans.Store(k, out)
	return out
}

// countrySlot says what a country field holds: the host of a mission, the
// country of a city named beside it, or (any other) whose the fact is.
func countrySlot(name string, hasCity bool) string {
	switch {
	case name == "host":
		return slotHost
	case name == "country" && hasCity:
		return slotCity
	}
	return slotOwner
}

// field is the value of one field, ready to be looked for.
type field struct {
	fieldPlan
	kind  checkKind
	text  string   // as exported: the value, a number in canonical form
	words []string // the folded words of text
	code  string   // for a country or a people: its alpha-3 code
	canon string   // for a role or a program: its one spelling
	want  []string // for a number: the forms the text may give it in
}

// newField reads the value of a field; ok is false when there is nothing
// to check.
func newField(p fieldPlan, v any) (field, bool) {
	return newFieldInto(p, v, nil)
}

// newFieldInto is newField with the words of a text value appended to
// words[:0], for a caller that reads one field at a time.
func newFieldInto(p fieldPlan, v any, words []string) (field, bool) {
	fl := field{fieldPlan: p, kind: p.kind}
	if p.kind == ckNumber {
		fl.want = wantNumbers(p.col, v)
		if len(fl.want) == 0 {
			return fl, false
		}
		fl.text = fl.want[0]
		return fl, true
	}
	if p.kind == ckDate {
		if n, ok := numberText(v); ok {
			if !isoDateRE.MatchString(n) {
				p.kind = ckNumber // not a year: a number all the same
				return newFieldInto(p, v, words)
			}
			v = n // a year
		}
	}
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		return fl, false
	}
	folded := normalize.FoldKey(s)
	fl.text, fl.words = s, appendWords(words[:0], folded)
	switch fl.kind {
	case ckText:
		return textField(fl, folded)
	case ckRole:
		fl.canon = canonical(normalize.KnownRole, s)
	case ckProgram:
		fl.canon = canonical(normalize.KnownProgram, s)
	case ckCountry:
		fl.code = s
	case ckDate:
		return fl, isoDateRE.MatchString(s)
	}
	return fl, len(fl.words) > 0
}

// appendWords appends strings.Fields(s) to words, s being FoldKey's
// output: ASCII words are parted by single spaces.
func appendWords(words []string, s string) []string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(words, strings.Fields(s)...)
		}
	}
	for s != "" {
		w, rest, _ := strings.Cut(s, " ")
		if w != "" {
			words = append(words, w)
		}
		s = rest
	}
	return words
}

// textField decides how a plain text field is checked by its value
// (folded is FoldKey of it): a
// city ("Bamako" as a post), a program ("USAID" as an organization) or a
// people ("Malians" as a population); other text (a summary, a source's
// name) is not held against the quote.
func textField(fl field, folded string) (field, bool) {
	s := fl.text
	if len(s) > 80 {
		return fl, false
	}
	if _, ok := normalize.LookupCityKey(folded); ok {
		fl.kind = ckPlace
		return fl, true
	}
	if c, ok := normalize.KnownProgramKey(folded); ok {
		fl.kind, fl.canon = ckProgram, c
		return fl, true
	}
	if code, ok := normalize.CountryNamed(s); ok {
		fl.kind, fl.code = ckPeople, code
		return fl, true
	}
	return fl, false
}

func canonical(lookup func(string) (string, bool), s string) string {
	if c, ok := lookup(s); ok {
		return c
	}
	return s
}

// Fields holds every field of a fact that its quote can support against
// the quote, through the normalizer the field uses: names, ranks, roles,
// cities, programs, countries and peoples, dates and numbers. It needs the
// span Evidence found; a fact without one is not checked.
//
// A field the quote contradicts (the quote puts another name, date, city,
// number, ... in its slot) is an error with the field's code and what the
// quote says instead. A field the quote does not state is not required
// when the document's title, pair, the heading of the quote's section or
// the sentence announcing its list states it (a place: anywhere in its
// section); else it is one warning, evidence.unstated, naming every such
// field and where else the document gives it.
func Fields(c *Corpus, k *schema.Kind, f *fact.Fact) []issue.Issue {
	if f.Span == nil {
		return nil
	}
	d, ok := c.Document(f.String("/evidence/document"))
	if !ok {
		return nil
	}
	dr := c.reading(d)
	q := dr.span(f.Span.Start, f.Span.End)
	var out []issue.Issue
	var unstated []string
	var first string
	var ctx *context
	var words [16]string
	for _, p := range planOf(k) {
		fl, ok := newFieldInto(p, f.Get(p.col.Pointer), words[:0])
		if !ok {
			continue
		}
		if _, ok := fl.find(q); ok {
			continue
		}
		if says := fl.contra(q); says != "" {
			out = append(out, at(f, issue.Error, mismatchCodes[fl.kind], p.col.Pointer, says))
			continue
		}
		if ctx == nil {
			cx := dr.context(d, *f.Span)
			cx.pair = append(slices.Clone(cx.pair), factPair(f)...)
			ctx = &cx
		}
		if fl.supplied(ctx) {
			continue
		}
		if first == "" {
			first = p.col.Pointer
		}
		unstated = append(unstated, fl.unstated(q, whole(dr.text, dr.nums), d.Pos))
	}
	if len(unstated) > 0 {
		out = append(out, at(f, issue.Warning, "evidence.unstated", first,
			"the quote does not state "+joinList(unstated, "or")))
	}
	return out
}

// factPair is the pair a fact gives itself.
func factPair(f *fact.Fact) []string {
	var out []string
	l, _ := f.Fields["countries"].([]any)
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// supplied reports whether the quote's context states the field.
func (fl field) supplied(ctx *context) bool {
	if (fl.kind == ckCountry && fl.slot != slotCity || fl.kind == ckPeople) && slices.Contains(ctx.pair, fl.code) {
		return true
	}
	for _, v := range ctx.around {
		if _, ok := fl.find(v); ok {
			return true
		}
	}
	if fl.kind == ckPlace {
		_, ok := fl.find(ctx.section)
		return ok
	}
	return false
}

// unstated describes a field the quote does not state: its value, what the
// quote gives of a date, and where else the document gives it.
func (fl field) unstated(q, doc view, pos func(int) fact.Pos) string {
	s := fmt.Sprintf("%s %s", fl.col.Name, fl.shown())
	if fl.kind == ckDate {
		if c := fl.coarser(q); c != "" {
			return s + " (it gives " + c + ")"
		}
	}
	if off, ok := fl.find(doc); ok && pos != nil {
		return fmt.Sprintf("%s (line %d of the document does)", s, pos(off).Line)
	}
	return s
}

// shown writes the field's value in a message.
func (fl field) shown() string {
	switch fl.kind {
	case ckNumber, ckDate, ckCountry:
		return fl.text
	}
	return fmt.Sprintf("%q", fl.text)
}

// joinList joins items as prose: "a, b or c".
func joinList(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}
