package extract

import (
	"strings"

	"dossier/pipeline/document"
	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/normalize"
)

// Pair returns the article's country pair as ISO 3166-1 alpha-3 codes: the
// sidecar's "countries" when it holds two known countries, else the title
// ("Niger–United States relations", "Mali – United States relations"),
// else a short line near the top that names relations, else the first
// sentence ("X–Y relations are ...", "... between X and Y"). The order is
// the order the source gives.
func Pair(doc *document.Document) ([2]string, bool) {
	if doc == nil {
		return [2]string{}, false
	}
	if p, ok := metaPair(doc.Meta); ok {
		return p, true
	}
	if p, ok := titlePair(doc.Title); ok {
		return p, true
	}
	if p, ok := sentencePair(doc.Title); ok {
		return p, true
	}
	blocks := docBlocks(doc)
	for i, b := range blocks {
		if i > 12 {
			break
		}
		if b.Kind == document.Paragraph && len(b.Text) > 200 {
			continue
		}
		if p, ok := titlePair(b.Text); ok {
			return p, true
		}
	}
	if p, ok := embassyPair(doc, blocks); ok {
		return p, true
	}
	// "The Embassy of X in City is the diplomatic mission of X in Y": the
	// first sentence of a page about a mission.
	for i, b := range blocks {
		if i > 12 {
			break
		}
		if first, _, ok := strings.Cut(b.Text, " is "); ok && len(first) < 100 {
			if p, ok := embassyPair(&document.Document{Title: first}, blocks); ok {
				return p, true
			}
		}
	}
	for i, b := range blocks {
		if i > 20 {
			break
		}
		if b.Kind != document.Paragraph {
			continue
		}
		if p, ok := sentencePair(b.Text); ok {
			return p, true
		}
	}
	return [2]string{}, false
}

var (
	// embassyTitleRE is the title of a page about one mission: "Embassy
	// of the United States, Bamako", "Embassy of Japan in Maputo",
	// "High Commission of India, Abuja".
	embassyTitleRE = prefilter.MustCompile(`^(?:The\s+)?(?:Embassy|High\s+Commission|Consulate[- ]General|Consulate|Permanent\s+Mission|Mission|Legation)\s+of\s+(?:the\s+)?(.{2,60}?)(?:,\s*|\s+(?:in|to)\s+)(.{2,50})$`)
	// adjEmbassyTitleRE is "United States Embassy, Lima", "British
	// High Commission in Accra".
	adjEmbassyTitleRE = prefilter.MustCompile(`^(?:The\s+)?(.{2,40}?)\s+(?:Embassy|High\s+Commission|Consulate[- ]General|Consulate)(?:,\s*|\s+(?:in|to)\s+)(.{2,50})$`)
	// missionOfInRE is "the diplomatic mission of the United States of
	// America in Chad".
	missionOfInRE = prefilter.MustCompile(`\b(?:diplomatic|consular)\s+(?:mission|representation|post)\s+of\s+(?:the\s+)?(.{2,60}?)\s+(?:in|to)\s+(?:the\s+)?(.{2,60}?)(?:[.,;(]|\s+(?:and|which|located|since|that)\b|$)`)
	// titleLabelRE is a site's label before a page title: "About: ".
	titleLabelRE = prefilter.MustCompile(`^[A-Z][A-Za-z ]{1,15}:\s+`)
	// locationLineRE is an infobox row giving where a mission is, its
	// label glued to the value or not: "LocationVientiane, Laos".
	locationLineRE = prefilter.MustCompile(`^(?:Location|Address)\s*:?\s*(.+)$`)
)

// embassyPair reads the pair of a page about one country's mission in
// another: the sending country from the title ("Embassy of the United
// States, Vientiane"), the host from the city (the city table), or else
// from the text: "the diplomatic mission of X in Y", or a country ending a
// "Location" row.
func embassyPair(doc *document.Document, blocks []document.Block) ([2]string, bool) {
	titles := []string{doc.Title}
	for i, b := range blocks {
		if i > 12 {
			break
		}
		if b.Kind != document.Paragraph || len(b.Text) < 120 {
			titles = append(titles, b.Text)
		}
	}
	for _, t := range titles {
		t = strings.Trim(strings.TrimSpace(t), "= ")
		t = titleLabelRE.ReplaceAllString(t, "") // "About: Embassy of ...
		sending, city := "", ""
		if m := embassyTitleRE.FindStringSubmatch(t); m != nil {
			sending, city = countryInPhrase(m[1]), m[2]
		} else if m := adjEmbassyTitleRE.FindStringSubmatch(t); m != nil {
			sending, city = lookupCountry(m[1]), m[2]
		}
		if sending == "" {
			continue
		}
		host := ""
		if c, ok := normalize.LookupCity(strings.TrimSpace(city)); ok {
			host = c.Country
		} else {
			host = lookupCountry(strings.TrimSpace(city))
		}
		if host == "" || host == sending {
			host = hostFromText(blocks, sending)
		}
		if host != "" && host != sending {
			return [2]string{sending, host}, true
		}
	}
	return [2]string{}, false
}

// hostFromText finds the host of a mission of sending in the opening of
// the page: "the diplomatic mission of X in Y", or the country that ends a
// "Location" row.
func hostFromText(blocks []document.Block, sending string) string {
	for i, b := range blocks {
		if i > 20 {
			break
		}
		if m := missionOfInRE.FindStringSubmatch(b.Text); m != nil && countryInPhrase(m[1]) == sending {
			if h := countryInPhrase(m[2]); h != "" && h != sending {
				return h
			}
		}
		if m := locationLineRE.FindStringSubmatch(strings.TrimSpace(b.Text)); m != nil && len(b.Text) < 160 {
			parts := strings.Split(m[1], ",")
			if h := lookupCountry(strings.TrimSpace(parts[len(parts)-1])); h != "" && h != sending {
				return h
			}
		}
	}
	return ""
}

func metaPair(meta map[string]any) ([2]string, bool) {
	arr, ok := meta["countries"].([]any)
	if !ok || len(arr) != 2 {
		return [2]string{}, false
	}
	var p [2]string
	for i, v := range arr {
		s, ok := v.(string)
		if !ok {
			return [2]string{}, false
		}
		code := lookupCountry(s)
		if code == "" {
			return [2]string{}, false
		}
		p[i] = code
	}
	return p, p[0] != p[1]
}

var (
	relationsSuffixRE = prefilter.MustCompile(`(?i)\s+(?:bilateral\s+|diplomatic\s+|foreign\s+)?relations\s*$`)
	pairSepRE         = prefilter.MustCompile(`\s*(?:--|[–—―]|\s-\s|-|/)\s*`)
)

// titlePair reads "X–Y relations" (any dash, spaced or not, or a slash).
// A hyphen may also be part of a name ("Guinea-Bissau"), so every split is
// tried and the first that gives two countries wins.
func titlePair(title string) ([2]string, bool) {
	t := strings.TrimSpace(title)
	loc := relationsSuffixRE.FindStringIndex(t)
	if loc == nil || len(t) > 160 {
		return [2]string{}, false
	}
	t = strings.TrimLeft(t[:loc[0]], "= ")
	for _, m := range pairSepRE.FindAllStringIndex(t, -1) {
		a := pairSide(strings.TrimSpace(t[:m[0]]))
		b := pairSide(strings.TrimSpace(t[m[1]:]))
		if a != "" && b != "" && a != b {
			return [2]string{a, b}, true
		}
	}
	return [2]string{}, false
}

// combiningForms are the prefixes titles join countries with:
// "Sino-Indian relations", "Franco-German relations".
var combiningForms = map[string]string{
	"sino": "CHN", "indo": "IND", "franco": "FRA", "anglo": "GBR", "russo": "RUS", "turco": "TUR",
	"luso": "PRT", "hispano": "ESP", "italo": "ITA", "germano": "DEU", "nippo": "JPN", "japano": "JPN",
	"austro": "AUT", "greco": "GRC", "graeco": "GRC", "polono": "POL", "serbo": "SRB", "dano": "DNK",
	"belgo": "BEL", "helleno": "GRC", "irano": "IRN", "afro": "", "euro": "",
}

// pairSide reads one side of a title's pair: a country, a demonym, or a
// combining form.
func pairSide(s string) string {
	if code := lookupCountry(s); code != "" {
		return code
	}
	return combiningForms[strings.ToLower(s)]
}

var betweenRE = prefilter.MustCompile(`\bbetween\s+(?:the\s+)?(.{2,80}?)\s+and\s+(?:the\s+)?(.{2,80}?)(?:[.,;(]|\s+(?:is|are|was|were|have|has)\b|$)`)

// sentencePair reads the first sentence: its opening "X–Y relations", or
// "between X and Y" with official names ("the Republic of Niger").
func sentencePair(p string) ([2]string, bool) {
	first := p
	if i := strings.Index(first, " relations"); i > 0 && i < 120 {
		if pr, ok := titlePair(first[:i+len(" relations")]); ok {
			return pr, true
		}
	}
	m := betweenRE.FindStringSubmatch(first)
	if m == nil {
		return [2]string{}, false
	}
	a, b := countryInPhrase(m[1]), countryInPhrase(m[2])
	if a != "" && b != "" && a != b {
		return [2]string{a, b}, true
	}
	return [2]string{}, false
}

// countryInPhrase resolves a name such as "the Republic of Niger" by
// trying it whole and then without leading words.
func countryInPhrase(s string) string {
	words := strings.Fields(s)
	for i := range words {
		if code := lookupCountry(strings.Join(words[i:], " ")); code != "" {
			return code
		}
	}
	return ""
}

// missionPageOf returns the sending country of a page about one mission
// ("Embassy of the United States, Bamako"), "" for any other page.
func missionPageOf(doc *document.Document, blocks []document.Block, pair [2]string) string {
	if p, ok := embassyPair(doc, blocks); ok && p == pair {
		return p[0]
	}
	for i, b := range blocks {
		if i > 12 {
			break
		}
		if first, _, ok := strings.Cut(b.Text, " is "); ok && len(first) < 100 {
			if p, ok := embassyPair(&document.Document{Title: first}, blocks); ok && p == pair {
				return p[0]
			}
		}
	}
	return ""
}
