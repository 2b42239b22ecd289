package normalize

import (
	"strings"
	"sync"
)

// title is one rank or honorific with its one spelling (Canon) and the ways
// it is written. Folded variants match by FoldKey, so case and dots do not
// matter ("Lt. Col.", "lt col", "LT COL"); Exact variants must match as
// written, for forms that would otherwise catch real names ("Gen" is a given
// name, "Gen." and "GEN" are the rank; "He" is a surname, "H.E." is the
// honorific).
type title struct {
	Canon  string
	Folded []string
	Exact  []string
}

// titles is the table of ranks and honorifics. Military ranks are written as
// the US Army abbreviates them (GEN, LTC, CPT, SGT, ...), navy ranks as the
// US Navy does (ADM, CDR, ...). A navy captain cannot be told from an army
// captain by the title alone: both are CPT. Other honorifics keep their
// usual English spelling, with a dot where British and American usage
// agree on one (Dr., Mr., Hon.).
var titles = []title{
	// US Army general officers and officers.
	{Canon: "GEN", Folded: []string{"general"}, Exact: []string{"Gen.", "GEN"}},
	{Canon: "LTG", Folded: []string{"lieutenant general", "lt gen", "ltgen", "ltg", "lieut gen"}},
	{Canon: "MG", Folded: []string{"major general", "maj gen", "majgen"}, Exact: []string{"MG"}},
	{Canon: "BG", Folded: []string{"brigadier general", "brig gen", "briggen", "brigadier"}, Exact: []string{"BG"}},
	{Canon: "COL", Folded: []string{"colonel", "col"}},
	{Canon: "LTC", Folded: []string{"lieutenant colonel", "lt col", "ltcol", "ltc", "lieut col"}},
	{Canon: "MAJ", Folded: []string{"major", "maj"}},
	{Canon: "CPT", Folded: []string{"captain", "capt", "cpt"}},
	{Canon: "1LT", Folded: []string{"first lieutenant", "1st lieutenant", "1st lt", "1lt"}},
	{Canon: "2LT", Folded: []string{"second lieutenant", "2nd lieutenant", "2nd lt", "2lt"}},
	{Canon: "LT", Folded: []string{"lieutenant", "lt", "lieut"}},
	// US Army enlisted.
	{Canon: "CSM", Folded: []string{"command sergeant major", "csm"}},
	{Canon: "SGM", Folded: []string{"sergeant major", "sgt maj", "sgm"}},
	{Canon: "1SG", Folded: []string{"first sergeant", "1st sgt", "1sg"}},
	{Canon: "MSG", Folded: []string{"master sergeant", "msg", "msgt", "master sgt"}},
	{Canon: "SFC", Folded: []string{"sergeant first class", "sfc"}},
	{Canon: "SSG", Folded: []string{"staff sergeant", "staff sgt", "ssg", "ssgt"}},
	{Canon: "SGT", Folded: []string{"sergeant", "sgt"}},
	{Canon: "CPL", Folded: []string{"corporal", "cpl"}},
	{Canon: "SPC", Folded: []string{"specialist", "spc"}},
	{Canon: "PFC", Folded: []string{"private first class", "pfc"}},
	{Canon: "PVT", Folded: []string{"private", "pvt"}},
	// US Navy.
	{Canon: "ADM", Folded: []string{"admiral", "adm"}},
	{Canon: "VADM", Folded: []string{"vice admiral", "vice adm", "vadm"}},
	{Canon: "RADM", Folded: []string{"rear admiral", "rear adm", "radm"}},
	{Canon: "CDR", Folded: []string{"commander", "cdr", "cmdr"}},
	{Canon: "LCDR", Folded: []string{"lieutenant commander", "lt cdr", "lt cmdr", "lcdr"}},
	// Diplomatic and civil honorifics.
	{Canon: "Ambassador", Folded: []string{"ambassador", "amb"}},
	{Canon: "H.E.", Folded: []string{"his excellency", "her excellency"}, Exact: []string{"H.E.", "H. E."}},
	{Canon: "Hon.", Folded: []string{"hon", "honorable", "honourable", "the honorable", "the honourable", "the hon"}},
	{Canon: "Dr.", Folded: []string{"dr", "doctor"}},
	{Canon: "Prof.", Folded: []string{"prof", "professor"}},
	{Canon: "Rev.", Folded: []string{"rev", "reverend", "the reverend", "the rev"}},
	{Canon: "Mr.", Folded: []string{"mr", "mister"}},
	{Canon: "Mrs.", Folded: []string{"mrs"}},
	{Canon: "Ms.", Folded: []string{"ms"}},
	{Canon: "Miss", Folded: []string{"miss"}},
	{Canon: "Sir", Folded: []string{"sir"}},
	{Canon: "Dame", Folded: []string{"dame"}},
}

// maxTitleWords is the most words a title variant spans.
const maxTitleWords = 4

type titleIndex struct {
	folded map[string]string // FoldKey of a variant -> Canon
	exact  map[string]string // variant as written -> Canon
}

var titleData = sync.OnceValue(func() titleIndex {
	ix := titleIndex{folded: map[string]string{}, exact: map[string]string{}}
	for _, t := range titles {
		for _, v := range t.Folded {
			ix.folded[FoldKey(v)] = t.Canon
		}
		for _, v := range t.Exact {
			ix.exact[v] = t.Canon
		}
	}
	return ix
})

// matchTitle finds the longest title at the start of words, using at most
// limit words. It returns the canonical spelling and the words used.
func matchTitle(words []string, limit int) (string, int) {
	ix := titleData()
	for n := min(limit, maxTitleWords, len(words)); n >= 1; n-- {
		raw := strings.Join(words[:n], " ")
		if c, ok := ix.exact[raw]; ok {
			return c, n
		}
		if c, ok := ix.folded[FoldKey(raw)]; ok {
			return c, n
		}
	}
	return "", 0
}

// canonicalRank writes s, a sequence of titles, in canonical spelling; ok is
// false when s is not made of titles alone. It repeats until the spelling
// is stable, so that "Lt Col." read as "LT COL" ends as "LTC".
func canonicalRank(s string) (string, bool) {
	words := strings.Fields(collapseSpace(s))
	if len(words) == 0 {
		return "", false
	}
	for range 4 {
		var out []string
		for i := 0; i < len(words); {
			c, n := matchTitle(words[i:], len(words)-i)
			if n == 0 {
				return "", false
			}
			out = append(out, c)
			i += n
		}
		if strings.Join(out, " ") == strings.Join(words, " ") {
			break
		}
		words = out
	}
	return strings.Join(words, " "), true
}

// rank normalizes a rank or honorific to its one spelling; other text
// passes through with its white space collapsed.
func rank(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok || isBlank(s) {
		return Result{Value: v}, nil
	}
	if c, ok := canonicalRank(s); ok {
		return Result{Value: c}, nil
	}
	return Result{Value: collapseSpace(s)}, nil
}

// person splits the ranks and honorifics at the start of a name from it:
// Value is the name (white space collapsed, diacritics kept) and Extra
// "rank" the canonical title, several titles joined by a space
// ("Ambassador Dr."). A title is only taken when a name follows it, so
// "Ambassador" alone stays as it is.
func person(v any, _ Context) (Result, error) {
	s, ok := v.(string)
	if !ok || isBlank(s) {
		return Result{Value: v}, nil
	}
	words := strings.Fields(collapseSpace(s))
	var found []string
	for len(words) > 1 {
		c, n := matchTitle(words, len(words)-1)
		if n == 0 {
			break
		}
		found = append(found, c)
		words = words[n:]
	}
	name := strings.Join(words, " ")
	if len(found) == 0 {
		return Result{Value: name}, nil
	}
	r, _ := canonicalRank(strings.Join(found, " "))
	return Result{Value: name, Extra: map[string]any{"rank": r}}, nil
}
