package segment_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/segment"
)

func segmentText(raw string) (*clean.Result, []document.Block) {
	c := clean.Clean([]byte(raw))
	return c, segment.Segment(c)
}

// checkBlocks asserts what holds for every segmentation: blocks in order,
// inside the text, Text equal to the slice they name.
func checkBlocks(t *testing.T, c *clean.Result, blocks []document.Block) {
	t.Helper()
	end := 0
	for i, b := range blocks {
		if b.Start < end || b.End < b.Start || b.End > len(c.Text) {
			t.Fatalf("block %d [%d,%d) out of order or range (prev end %d, text %d)", i, b.Start, b.End, end, len(c.Text))
		}
		if b.Text != c.Text[b.Start:b.End] {
			t.Errorf("block %d Text %q != text[%d:%d] %q", i, b.Text, b.Start, b.End, c.Text[b.Start:b.End])
		}
		switch b.Kind {
		case document.Heading, document.Paragraph, document.Item, document.Fragment:
		default:
			t.Errorf("block %d has kind %q", i, b.Kind)
		}
		end = b.End
	}
}

func byKind(blocks []document.Block, k document.BlockKind) []document.Block {
	var out []document.Block
	for _, b := range blocks {
		if b.Kind == k {
			out = append(out, b)
		}
	}
	return out
}

func texts(blocks []document.Block) []string {
	var out []string
	for _, b := range blocks {
		out = append(out, b.Text)
	}
	return out
}

func TestSegmentSeed(t *testing.T) {
	raw, err := os.ReadFile("../../sources/mali-united-states.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := clean.Clean(raw)
	blocks := segment.Segment(c)
	checkBlocks(t, c, blocks)

	t.Run("list items", func(t *testing.T) {
		items := byKind(blocks, document.Item)
		want := []string{
			"Ambassador Gillian Milovanovic",
			"Deputy Chief of Mission--Peter Barlerin",
			"Director, USAID Mission--Rebecca Black",
			"Director, Peace Corps--Michael Simsik",
			"Public Affairs Officer—Kate Kaetzer-Hodson",
			"Management Officer—Matthew Cook",
			"Political/Economic Officer—Peter Newman",
			"Consular Officer—Rebecca Drame",
			"Defense Attaché—LTC Eric Dalton",
		}
		if got := texts(items); !reflect.DeepEqual(got, want) {
			t.Errorf("items = %q\nwant %q", got, want)
		}
		for _, it := range items {
			if it.Section != "" {
				t.Errorf("item %q in section %q, want the lead", it.Text, it.Section)
			}
		}
	})
	t.Run("headings", func(t *testing.T) {
		want := []string{"Former ambassadors", "See also", "External links"}
		if got := texts(byKind(blocks, document.Heading)); !reflect.DeepEqual(got, want) {
			t.Errorf("headings = %q, want %q", got, want)
		}
		for _, b := range blocks {
			if b.Kind == document.Heading && b.Section != b.Text {
				t.Errorf("heading %q has section %q", b.Text, b.Section)
			}
		}
	})
	t.Run("infobox lines are fragments", func(t *testing.T) {
		frags := texts(byKind(blocks, document.Fragment))
		for _, want := range []string{"Mali – United States relations", "Map indicating locations of Mali and USA", "United States"} {
			found := false
			for _, f := range frags {
				found = found || f == want
			}
			if !found {
				t.Errorf("no fragment %q in %q", want, frags)
			}
		}
	})
	t.Run("lead paragraph", func(t *testing.T) {
		b := blocks[0]
		if b.Kind != document.Paragraph || b.Section != "" || !strings.HasPrefix(b.Text, "Mali-United States relations, while historically friendly") {
			t.Errorf("first block = %+v", b)
		}
		if !strings.HasSuffix(b.Text, "following the military coup.") {
			t.Errorf("first paragraph ends %q", b.Text[len(b.Text)-30:])
		}
	})
	t.Run("sections", func(t *testing.T) {
		for _, b := range blocks {
			if strings.HasPrefix(b.Text, "Among the previous eighteen") {
				if b.Kind != document.Paragraph || b.Section != "Former ambassadors" {
					t.Errorf("block %+v, want a paragraph in Former ambassadors", b)
				}
				return
			}
		}
		t.Error("no block for the announced list")
	})
	t.Run("paragraph count", func(t *testing.T) {
		if n := len(byKind(blocks, document.Paragraph)); n != 6 {
			t.Errorf("%d paragraphs, want 6: %q", n, texts(byKind(blocks, document.Paragraph)))
		}
	})
}

func TestSegmentPlainDump(t *testing.T) {
	raw := `Mali–United States relations

History

Relations were established in 1960, after independence. They stayed friendly for decades, until the coup.

Public opinion

According to a 2007 global opinion poll, 79% of Malians view the United States favorably.

not a heading

This paragraph follows a lower-case line, which is not a heading.

Programs
USAID, Peace Corps, and other U.S. Government programs play a significant role in development.

See also
`
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	type kb struct {
		kind    document.BlockKind
		text    string
		section string
	}
	want := []kb{
		{document.Fragment, "Mali–United States relations", ""}, // followed by a short line, not a paragraph
		{document.Heading, "History", "History"},
		{document.Paragraph, "Relations were established in 1960, after independence. They stayed friendly for decades, until the coup.", "History"},
		{document.Heading, "Public opinion", "Public opinion"},
		{document.Paragraph, "According to a 2007 global opinion poll, 79% of Malians view the United States favorably.", "Public opinion"},
		{document.Fragment, "not a heading", "Public opinion"},
		{document.Paragraph, "This paragraph follows a lower-case line, which is not a heading.", "Public opinion"},
		{document.Fragment, "Programs", "Public opinion"}, // no blank line before the paragraph
		{document.Paragraph, "USAID, Peace Corps, and other U.S. Government programs play a significant role in development.", "Public opinion"},
		{document.Fragment, "See also", "Public opinion"}, // nothing after it
	}
	var got []kb
	for _, b := range blocks {
		got = append(got, kb{b.Kind, b.Text, b.Section})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks:\n%v\nwant:\n%v", got, want)
	}
}

// Once the scrape marks any heading, short lines are not guessed to be
// headings.
func TestSegmentMarkedHeadingsOnly(t *testing.T) {
	raw := "Lead paragraph of the article, long enough to be a sentence.\n\nHistory\n\nA paragraph that follows a short capitalised line.\n\nRelations[edit]\n\nText of the section.\n"
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	if got := texts(byKind(blocks, document.Heading)); !reflect.DeepEqual(got, []string{"Relations"}) {
		t.Errorf("headings = %q, want only the marked one", got)
	}
	last := blocks[len(blocks)-1]
	if last.Section != "Relations" || last.Kind != document.Paragraph {
		t.Errorf("last block %+v", last)
	}
}

func TestSegmentBullets(t *testing.T) {
	tests := []struct {
		name, line, item string // item "" means not a list item
	}{
		{"bullet", "• Ambassador Gillian Milovanovic", "Ambassador Gillian Milovanovic"},
		{"indented bullet", "   • Consular Officer—Rebecca Drame", "Consular Officer—Rebecca Drame"},
		{"asterisk", "* Peace Corps", "Peace Corps"},
		{"hyphen", "- Deputy Chief of Mission--Peter Barlerin", "Deputy Chief of Mission--Peter Barlerin"},
		{"en dash", "– Management Officer", "Management Officer"},
		{"em dash", "— Management Officer", "Management Officer"},
		{"middle dot", "· USAID", "USAID"},
		{"square", "▪ USAID", "USAID"},
		{"numbered with dot", "1. Gillian Milovanovic (2002–2005)", "Gillian Milovanovic (2002–2005)"},
		{"numbered with paren", "12) Terence McCulley", "Terence McCulley"},
		{"tab after bullet", "*\tPeace Corps", "Peace Corps"},
		{"hyphen without space", "-5 degrees", ""},
		{"double hyphen", "--Peter Barlerin", ""},
		{"year with dot", "2012. The coup.", ""},
		{"emphasis", "*Important* note", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := "Intro paragraph of the article that is long enough to be a sentence of its own.\n\n" + tt.line + "\n"
			c, blocks := segmentText(raw)
			checkBlocks(t, c, blocks)
			last := blocks[len(blocks)-1]
			if tt.item == "" {
				if last.Kind == document.Item {
					t.Errorf("%q became item %q", tt.line, last.Text)
				}
				return
			}
			if last.Kind != document.Item || last.Text != tt.item {
				t.Errorf("%q -> %s %q, want item %q", tt.line, last.Kind, last.Text, tt.item)
			}
		})
	}
}

func TestSegmentNumberedList(t *testing.T) {
	raw := "Among the previous U.S. Ambassadors to Mali are:\n\n1. Gillian Milovanovic\n2. Terence McCulley\n3) Mary Beth Leonard\n"
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	want := []string{"Gillian Milovanovic", "Terence McCulley", "Mary Beth Leonard"}
	if got := texts(byKind(blocks, document.Item)); !reflect.DeepEqual(got, want) {
		t.Errorf("items = %q, want %q", got, want)
	}
}

// Lines that wrap a long paragraph (no blank line between) make one block.
func TestSegmentWrappedParagraph(t *testing.T) {
	raw := "Mali was a regional partner in the Global War on Terrorism, and it also served as a laboratory.\n" +
		"Prior to the coup, USAID programs also served to strengthen efforts to consolidate the peace process.\n" +
		"It ended.\n\nNext paragraph, on its own, which is long enough to be a real sentence of the text.\n"
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	paras := byKind(blocks, document.Paragraph)
	if len(paras) != 2 {
		t.Fatalf("paragraphs = %q, want 2", texts(paras))
	}
	if !strings.HasSuffix(paras[0].Text, "It ended.") || !strings.HasPrefix(paras[0].Text, "Mali was") {
		t.Errorf("first paragraph = %q", paras[0].Text)
	}
}

func TestSegmentEmpty(t *testing.T) {
	for _, raw := range []string{"", "\n\n", "Open main menu\n"} {
		if blocks := segment.Segment(clean.Clean([]byte(raw))); len(blocks) != 0 {
			t.Errorf("%q: blocks %v, want none", raw, blocks)
		}
	}
}

func readArticle(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/articles/" + name)
	if err != nil {
		t.Skipf("test article: %v", err)
	}
	return raw
}

func sectionOf(blocks []document.Block, prefix string) (document.Block, bool) {
	for _, b := range blocks {
		if strings.HasPrefix(b.Text, prefix) {
			return b, true
		}
	}
	return document.Block{}, false
}

// A plain dump wrapped at 80 columns or less: the wrapped lines are short
// and have no closing punctuation, yet they make one paragraph, and the
// heading above it is found.
func TestSegmentParagraphWrappedAt72Columns(t *testing.T) {
	raw := "Mali-United States relations\n\nHistory\n\n" +
		"Mali-United States relations, while historically friendly, were\n" +
		"radically altered by the March 2012 military coup in Mali that ousted\n" +
		"the previous democratic government.\n"
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	type kb struct {
		kind    document.BlockKind
		section string
	}
	want := []kb{{document.Fragment, ""}, {document.Heading, "History"}, {document.Paragraph, "History"}}
	var got []kb
	for _, b := range blocks {
		got = append(got, kb{b.Kind, b.Section})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks = %v (%q)\nwant %v", got, texts(blocks), want)
	}
}

// The same on a shipped test article in plain style: "History",
// "Development" and "Diplomatic missions" sit above paragraphs wrapped at
// 80 columns; they are headings, and each wrapped paragraph is one block.
func TestSegmentPlainArticleWrappedParagraphs(t *testing.T) {
	c := clean.Clean(readArticle(t, "france-senegal.txt"))
	blocks := segment.Segment(c)
	checkBlocks(t, c, blocks)
	tests := []struct{ prefix, section, alsoHolds string }{
		{"French troops stayed at Ouakam", "History", "France handed over Camp Geille"},
		{"Opinion of France has cooled", "Public opinion", "In a 2022 Afrobarometer survey"},
		{"The Agence française de développement", "Development", "Dakar regional express train"},
		{"France has an embassy in Dakar", "Diplomatic missions", "Ziguinchor."},
	}
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			b, ok := sectionOf(blocks, tt.prefix)
			if !ok {
				t.Fatalf("no block starts with %q", tt.prefix)
			}
			if b.Kind != document.Paragraph || b.Section != tt.section || !strings.Contains(b.Text, tt.alsoHolds) {
				t.Errorf("block %s in section %q: %q\nwant a paragraph in %q holding %q", b.Kind, b.Section, b.Text, tt.section, tt.alsoHolds)
			}
		})
	}
}

// Mirror style: a heading line sits right above its paragraph with no
// blank line between ("History\nThe Mau Mau uprising ..."); it is found,
// since the document never sets a heading apart by a blank line.
func TestSegmentMirrorHeadingsAboveParagraphs(t *testing.T) {
	c := clean.Clean(readArticle(t, "kenya-united-kingdom.txt"))
	blocks := segment.Segment(c)
	checkBlocks(t, c, blocks)
	tests := []struct{ prefix, section string }{
		{"The Mau Mau uprising", "History"},
		{"In the 2014 BBC World Service poll", "Public opinion"},
		{"The United Kingdom has a High Commission in Nairobi", "Diplomatic missions"},
		{"The United Kingdom has sent fourteen High Commissioners", "High Commissioners"},
	}
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			b, ok := sectionOf(blocks, tt.prefix)
			if !ok {
				t.Fatalf("no block starts with %q", tt.prefix)
			}
			if b.Section != tt.section {
				t.Errorf("%q is in section %q, want %q", tt.prefix, b.Section, tt.section)
			}
		})
	}
}

// Which neighbouring lines are joined into one block, and which stay
// apart, whatever the document.
func TestSegmentWrapRules(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		blocks []string // block texts, in order
	}{
		{"lower-case continuation", "The two countries established\ndiplomatic relations in 1960.", []string{"The two countries established\ndiplomatic relations in 1960."}},
		{"line ending in an article", "Relations between the Republic and the\nRepublic of Senegal are old.", []string{"Relations between the Republic and the\nRepublic of Senegal are old."}},
		{"line ending in a comma", "In 2012, after the coup,\nUSAID stopped its programs.", []string{"In 2012, after the coup,\nUSAID stopped its programs."}},
		{"short lines stay apart", "Mali – United States relations\nMap indicating locations of Mali and USA", []string{"Mali – United States relations", "Map indicating locations of Mali and USA"}},
		{"a line ending with a preposition is not wrapped", "Not logged in\nContributions", []string{"Not logged in", "Contributions"}},
		{"a sentence ends its line", "It ended.\nthe next line", []string{"It ended.", "the next line"}},
		{"wrapped list item", "Officials:\n- Deputy Chief of Mission, who also heads the\n  consular section", []string{"Officials:", "Deputy Chief of Mission, who also heads the\nconsular section"}},
		{"table rows stay apart", "Name\tYears\nGillian Milovanovic\t2002–2005", []string{"Name Years", "Gillian Milovanovic 2002–2005"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, blocks := segmentText(tt.raw)
			checkBlocks(t, c, blocks)
			if got := texts(blocks); !reflect.DeepEqual(got, tt.blocks) {
				t.Errorf("blocks = %q, want %q", got, tt.blocks)
			}
		})
	}
}

// Filled to a width: once some lines plainly wrap (the next goes on in
// lower case), a line whose next word would not have fitted wraps too.
func TestSegmentFillWidth(t *testing.T) {
	raw := "France and Senegal keep close ties. French troops stayed at Ouakam, near\n" +
		"Dakar, after independence. A defence agreement was signed in March 1974\n" +
		"and replaced in 2012.\n"
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	if len(blocks) != 1 || blocks[0].Kind != document.Paragraph {
		t.Errorf("blocks = %q, want one paragraph", texts(blocks))
	}
}

// The first line of a document is its title, not a section heading: the
// lead stays in section "".
func TestSegmentTitleIsNotASection(t *testing.T) {
	raw := "Mali–United States relations\n\nMali–United States relations are the relations between Mali and the United States of America.\n\nHistory\n\nRelations were established in 1960, after independence, and stayed friendly.\n"
	c, blocks := segmentText(raw)
	checkBlocks(t, c, blocks)
	if blocks[0].Kind != document.Fragment || blocks[1].Section != "" {
		t.Errorf("blocks %+v", blocks[:2])
	}
	if got := texts(byKind(blocks, document.Heading)); !reflect.DeepEqual(got, []string{"History"}) {
		t.Errorf("headings = %q, want History", got)
	}
}

// A document keeps its blocks for the run: the slice holds no more room
// than an eighth of its length.
func TestSegmentBlocksCompact(t *testing.T) {
	raw, err := os.ReadFile("../../sources/mali-united-states.txt")
	if err != nil {
		t.Fatal(err)
	}
	blocks := segment.Segment(clean.Clean(raw))
	if len(blocks) < 8 || cap(blocks) > len(blocks)+len(blocks)/8 {
		t.Errorf("%d blocks in room for %d", len(blocks), cap(blocks))
	}
}
