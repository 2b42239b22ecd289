package check

import (
	"slices"
	"sort"
	"sync"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/normalize"
)

// docReading is what the checks read in one document, found once for all
// the facts that cite it.
type docReading struct {
	text  *reading       // the clean text
	title *reading       // the title
	nums  []statedNumber // every number of the clean text
	pair  []string       // the document's country pair, from its sidecar or title

	indexOnce sync.Once
	index     map[string][]int32 // folded word -> where it occurs, for the closest passage
}

func newDocReading(d *document.Document) *docReading {
	dr := &docReading{text: read(d.Text), title: read(d.Title), nums: numbersIn(d.Text)}
	dr.pair = docPair(d, dr.title)
	return dr
}

// docPair is the pair a document is about: its sidecar's countries, or
// else the countries its title names.
func docPair(d *document.Document, title *reading) []string {
	var pair []string
	if l, ok := d.Meta["countries"].([]any); ok {
		for _, v := range l {
			s, _ := v.(string)
			if c, ok := normalize.CountryByAlpha3(s); ok {
				pair = append(pair, c.Alpha3)
			} else if code, ok := normalize.CountryNamed(s); ok {
				pair = append(pair, code)
			}
		}
	}
	if len(pair) == 0 {
		for _, m := range title.countries {
			pair = append(pair, m.value)
		}
	}
	return pair
}

// view is a stretch of a reading: the words [i, j) of r, and the numbers
// of its text.
type view struct {
	r    *reading
	i, j int
	nums []statedNumber
}

func (v view) mentions(ms []mention) []mention { return within(ms, v.i, v.j) }

// span returns the view of the document's bytes [start, end).
func (dr *docReading) span(start, end int) view {
	i, j := dr.text.wordRange(start, end)
	lo, _ := slices.BinarySearchFunc(dr.nums, start, func(n statedNumber, s int) int { return n.pos - s })
	hi, _ := slices.BinarySearchFunc(dr.nums, end, func(n statedNumber, e int) int { return n.pos - e })
	return view{r: dr.text, i: i, j: j, nums: dr.nums[lo:hi]}
}

// whole returns the view of all of a reading.
func whole(r *reading, nums []statedNumber) view { return view{r: r, i: 0, j: len(r.toks), nums: nums} }

// context is what a quote stands in: besides the document's title and
// pair, the heading of its section and, for a list item, the sentence
// that announces the list; for a place, its whole section. A field these
// state need not be in the quote.
type context struct {
	around  []view // title, heading, list lead
	section view
	pair    []string
}

func (dr *docReading) context(d *document.Document, sp fact.Span) context {
	ctx := context{around: []view{whole(dr.title, numbersIn(dr.title.text))}, pair: dr.pair}
	b := sort.Search(len(d.Blocks), func(k int) bool { return d.Blocks[k].Start > sp.Start }) - 1
	if b < 0 || sp.Start > d.Blocks[b].End {
		return ctx
	}
	head := -1
	for k := b; k >= 0; k-- {
		if d.Blocks[k].Kind == document.Heading {
			head = k
			break
		}
	}
	if head >= 0 && head != b {
		ctx.around = append(ctx.around, dr.span(d.Blocks[head].Start, d.Blocks[head].End))
	}
	if d.Blocks[b].Kind == document.Item {
		k := b
		for k >= 0 && d.Blocks[k].Kind == document.Item {
			k--
		}
		if k >= 0 && d.Blocks[k].Kind != document.Heading {
			ctx.around = append(ctx.around, dr.span(d.Blocks[k].Start, d.Blocks[k].End))
		}
	}
	end := len(d.Text)
	for k := b + 1; k < len(d.Blocks); k++ {
		if d.Blocks[k].Kind == document.Heading {
			end = d.Blocks[k].Start
			break
		}
	}
	start := 0
	if head >= 0 {
		start = d.Blocks[head].Start
	}
	ctx.section = dr.span(start, end)
	return ctx
}
