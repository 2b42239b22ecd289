package document

import "dossier/pipeline/fact"

// Document is one source article.
type Document struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Retrieved string `json:"retrieved,omitempty"`
	Language  string `json:"language,omitempty"`
	SHA256    string `json:"sha256"`
	Bytes     int    `json:"bytes"`
	MetaFile  string `json:"meta_file,omitempty"`

	Raw     []byte         `json:"-"` // until the run has read and checked it
	Text    string         `json:"-"` // clean text
	Map     *Map           `json:"-"` // clean offsets to raw offsets
	Lines   *Lines         `json:"-"` // raw offsets to line and column
	Blocks  []Block        `json:"-"`
	Meta    map[string]any `json:"-"` // the sidecar as decoded, for validation
	MetaLoc fact.Locator   `json:"-"`
}

// BlockKind tells what a block of clean text is.
type BlockKind string

const (
	Heading   BlockKind = "heading"
	Paragraph BlockKind = "paragraph"
	Item      BlockKind = "item"     // a list item, its bullet removed
	Fragment  BlockKind = "fragment" // a short line with no sentence: infobox or caption remnant
)

// Block is a unit of clean text: Text is Document.Text[Start:End].
type Block struct {
	Kind    BlockKind `json:"kind"`
	Start   int       `json:"start"`
	End     int       `json:"end"`
	Text    string    `json:"text"`
	Section string    `json:"section"` // the heading above it; "" for the lead
}

// Pos returns the raw file position of a clean text offset.
func (d *Document) Pos(cleanOff int) fact.Pos {
	if d.Map == nil || d.Lines == nil {
		return fact.Pos{}
	}
	return d.Lines.Pos(d.Map.Raw(cleanOff))
}
