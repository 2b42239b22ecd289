package extract

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"dossier/pipeline/document"
	"dossier/pipeline/key"
	"dossier/pipeline/normalize"
)

// Fact is one extracted fact. Fields is the record as a curated fact file
// would write it: kind, countries (the pair, ISO 3166-1 alpha-3), the
// kind's fields in normalized form and evidence {document, quote}. Start
// and End are the byte offsets of the quote in the document's clean text:
// Doc.Text[Start:End] is evidence.quote exactly. Rule is the id of the rule
// that found it.
type Fact struct {
	Kind, Rule string
	Fields     map[string]any
	Start, End int
}

// Quote returns the fact's evidence quote.
func (f Fact) Quote() string {
	ev, _ := f.Fields["evidence"].(map[string]any)
	q, _ := ev["quote"].(string)
	return q
}

// Rule is one extractor of the table: its id (also set on every fact it
// makes), the kind of fact it makes, a one-line description, and the
// function. Fn must be deterministic and may only read the Context.
type Rule struct {
	ID, Kind, Doc string
	Fn            func(c *Context) []Fact
}

// Rules returns the table of extractors, in the order Document runs them.
func Rules() []Rule {
	return []Rule{
		{ID: "officials.list-separator", Kind: "official", Fn: officialsSeparator,
			Doc: `A list item "Role -- Name", "Role—Name", "Role – Name", "Role - Name" or "Role: Name", rank split from the name.`},
		{ID: "officials.leading-title", Kind: "official", Fn: officialsLeadingTitle,
			Doc: `A list item that is a title and a name: "Ambassador Gillian Milovanovic".`},
		{ID: "officials.infobox", Kind: "official", Fn: officialsInfobox,
			Doc: `An envoy row of an infobox: "Envoy" / "Ambassador A" / "Ambassador B", glued "Ambassador AAmbassador B", or "Envoytitle2: Chargé d'affaires" with "Envoy2: Name"; the n-th value is the n-th country's.`},
		{ID: "officials.prose", Kind: "official", Fn: officialsProse,
			Doc: `A diplomatic title held by a person named in a sentence: "NAME serving as Chargé d'Affaires ad interim", "NAME, the American Consul at CITY, presenting his credentials as Chargé d'Affaires", "U.S. Ambassador NAME".`},
		{ID: "officials.inline", Kind: "official", Fn: officialsInline,
			Doc: `Officials listed in one paragraph: "Principal U.S. Officials include: Ambassador--Patricia Moller; Deputy Chief of Mission--John Doe".`},
		{ID: "polls.sentence", Kind: "poll", Fn: pollsSentence,
			Doc: `A sentence with a poll or report, a year, the share of a people (digits or words) and what it measures; following shares that disapprove or are uncertain; several polls per sentence.`},
		{ID: "missions.infobox", Kind: "mission", Fn: missionsInfobox,
			Doc: `A mission row of an infobox: "Mission1: Peruvian Embassy, Madrid", "Diplomatic mission" / "Embassy of X, City" / "Embassy of Y, City".`},
		{ID: "missions.there-is", Kind: "mission", Fn: missionRule(patThereIs),
			Doc: `"There is a U.S. Embassy in Bamako, Mali."`},
		{ID: "missions.country-has", Kind: "mission", Fn: missionRule(patCountryHas),
			Doc: `"China maintains an embassy in Accra", "India has a High Commission in Abuja and a Consulate-General in Lagos".`},
		{ID: "missions.of-country", Kind: "mission", Fn: missionRule(patOfCountry),
			Doc: `"Embassy of Japan in Maputo", "Embassy of Burkina Faso, Washington, D.C.", "Consulate-General of Ghana in Guangzhou".`},
		{ID: "missions.adjective", Kind: "mission", Fn: missionRule(patAdjective),
			Doc: `"The U.S. Embassy is located in Abidjan", "the Japanese Embassy in Maputo".`},
		{ID: "missions.definite", Kind: "mission", Fn: missionRule(patDefinite),
			Doc: `"the embassy in Kathmandu", "the Consulate General at Vientiane" raised to an embassy: the city's country is the host.`},
		{ID: "events.relations-established", Kind: "event", Fn: eventRule(ruleRelations),
			Doc: `"established diplomatic relations on September 24, 1960", resumed or restored relations, exchanged missions.`},
		{ID: "events.dated", Kind: "event", Fn: eventRule(ruleDated),
			Doc: `A dated clause that says a coup, suspension, aid cut, sanction, agreement, deployment, visit, election or independence happened.`},
		{ID: "events.anaphora", Kind: "event", Fn: eventRule(ruleAnaphora),
			Doc: `An undated event that refers to an earlier dated one ("following the coup", "during the visit", "the same day") takes its date.`},
		{ID: "programs.known", Kind: "program", Fn: programsKnown,
			Doc: `A sentence that names a known program or agency (USAID, Peace Corps, Millennium Challenge Corporation, Food for Peace, PEPFAR, JICA, ...).`},
		{ID: "programs.acronym", Kind: "program", Fn: programsAcronym,
			Doc: `A sentence that defines an aid agency by its acronym: "Japan International Cooperation Agency (JICA)".`},
		{ID: "ambassadors.list", Kind: "ambassador", Fn: ambassadorsList,
			Doc: `An item of a list of ambassadors or high commissioners: "Name (1998–2001)", "Name, since 2022", a table row "Name<TAB>2007<TAB>2010".`},
	}
}

// Document extracts every fact of doc: it finds the country pair, runs the
// rules in table order and drops duplicates (a fact of the same kind and
// key as one found before it, under the shipped schemas' x-key compared at
// full precision: key.Shipped, key.Of). Events dated less precisely than an
// event of the same type found elsewhere ("two coups in 2022" beside "on
// January 24, 2022 the army ...") are dropped too. A document whose pair
// cannot be found gives no facts.
func Document(doc *document.Document) []Fact {
	facts, _ := DocumentContext(context.Background(), doc, nil)
	return facts
}

// DocumentContext is Document under ctx, with the kinds' keys (x-key by
// kind; nil for key.Shipped): between two rules it checks ctx and, once
// ctx is done, stops and returns no facts and ctx's error.
func DocumentContext(ctx context.Context, doc *document.Document, keys map[string][]string) ([]Fact, error) {
	if doc == nil {
		return nil, nil
	}
	pair, ok := Pair(doc)
	if !ok {
		return nil, nil
	}
	if keys == nil {
		keys = key.Shipped()
	}
	c := NewContext(doc, pair)
	var out []Fact
	seen := map[string]bool{}
	for _, r := range Rules() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, f := range r.Fn(c) {
			k := dedupeKey(f, keys[f.Kind])
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, f)
		}
	}
	out = dropSubsumedEvents(out)
	out = dropRepeatedOfficials(out)
	// Facts of a kind together, in the order of the table, each kind in
	// document order.
	order := map[string]int{}
	for i, r := range Rules() {
		if _, ok := order[r.Kind]; !ok {
			order[r.Kind] = i
		}
	}
	slices.SortStableFunc(out, func(a, b Fact) int {
		if c := cmp.Compare(order[a.Kind], order[b.Kind]); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	return out, nil
}

// dedupeKey is the key two facts of one document share when they are the
// same fact: the kind's key at full precision, so that two coups of one
// year stay two facts. A kind with no key is not deduplicated.
func dedupeKey(f Fact, spec []string) string {
	if len(spec) == 0 {
		return fmt.Sprintf("%s\x00%s\x00%d", f.Kind, f.Rule, f.Start)
	}
	return key.Of(f.Kind, spec, f.Fields).Full
}

// dropRepeatedOfficials keeps one official per person: a name a list or
// an infobox gave is not read again from a sentence under another title or
// country.
func dropRepeatedOfficials(facts []Fact) []Fact {
	seen := map[string]bool{}
	out := facts[:0:0]
	for _, f := range facts {
		if f.Kind == "official" {
			name, _ := f.Fields["name"].(string)
			k := normalize.FoldKey(name)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, f)
	}
	return out
}

// dropSubsumedEvents removes an event whose date is a prefix of the date
// of another event of the same type ("2022" beside "2022-01-24").
func dropSubsumedEvents(facts []Fact) []Fact {
	vaguer := map[string]bool{} // type + "\x00" + a date some event refines
	for _, f := range facts {
		if f.Kind != "event" {
			continue
		}
		d, _ := f.Fields["date"].(string)
		typ, _ := f.Fields["type"].(string)
		for i := len(d) - 1; i > 0; i-- {
			if d[i] == '-' {
				vaguer[typ+"\x00"+d[:i]] = true
			}
		}
	}
	out := facts[:0:0]
	for _, f := range facts {
		d, _ := f.Fields["date"].(string)
		typ, _ := f.Fields["type"].(string)
		if f.Kind == "event" && d != "" && vaguer[typ+"\x00"+d] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// newFact builds a fact of kind from fields, adding kind, countries and
// evidence (the quote is c.Doc.Text[start:end]).
func (c *Context) newFact(kind, rule string, start, end int, fields map[string]any) Fact {
	start, end = c.trimSpan(start, end)
	rec := map[string]any{
		"kind":      kind,
		"countries": []any{c.Pair[0], c.Pair[1]},
	}
	for k, v := range fields {
		if v == nil {
			continue
		}
		if s, ok := v.(string); ok && s == "" {
			continue
		}
		rec[k] = v
	}
	rec["evidence"] = map[string]any{"document": c.Doc.ID, "quote": c.Doc.Text[start:end]}
	return Fact{Kind: kind, Rule: rule, Fields: rec, Start: start, End: end}
}

// trimSpan shrinks [start, end) to exclude white space at both ends.
func (c *Context) trimSpan(start, end int) (int, int) {
	t := c.Doc.Text
	start = max(0, min(start, len(t)))
	end = max(start, min(end, len(t)))
	for start < end && isSpaceByte(t[start]) {
		start++
	}
	for end > start && isSpaceByte(t[end-1]) {
		end--
	}
	return start, end
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// norm runs the named normalizer on s and returns its result; ok is false
// when the normalizer is missing or refuses the value.
func norm(name, s string) (normalize.Result, bool) {
	n, ok := normalize.Lookup(name)
	if !ok {
		return normalize.Result{}, false
	}
	r, err := n.Fn(s, normalize.Context{Type: "string"})
	if err != nil {
		return normalize.Result{}, false
	}
	return r, true
}

// normString is norm for normalizers that return a string.
func normString(name, s string) (string, bool) {
	r, ok := norm(name, s)
	if !ok {
		return "", false
	}
	v, ok := r.Value.(string)
	return v, ok
}

// percentValue reads "79%", "81 %" or "seventy percent" as a JSON number.
func percentValue(s string) (json.Number, bool) {
	n, ok := normalize.Lookup("percent")
	if !ok {
		return "", false
	}
	r, err := n.Fn(s, normalize.Context{Type: "number"})
	if err != nil {
		return "", false
	}
	v, ok := r.Value.(json.Number)
	if !ok {
		return "", false
	}
	if f, err := v.Float64(); err != nil || f < 0 || f > 100 {
		return "", false
	}
	return v, true
}
