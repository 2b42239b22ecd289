// Package prepare makes a document ready to read: it loads an article and
// its sidecar (load), cleans the text (clean) and cuts it into blocks
// (segment). dossier run, dossier extract and the tests all prepare their
// documents here, so that they read the same text.
package prepare

import (
	"regexp"

	"dossier/pipeline/clean"
	"dossier/pipeline/document"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/segment"
)

// File loads the article at path within lim and prepares it (Text). A
// document without a title in its sidecar takes the first short line that
// names relations ("Mali – United States relations"), else its id. As
// load.ReadDocument, a document that is too large or not text gives a nil
// document and the issue that says why; an error means it could not be
// read.
func File(path string, lim load.Limits) (*document.Document, []issue.Issue, error) {
	d, issues, err := load.ReadDocument(path, lim)
	if err != nil || d == nil {
		return nil, issues, err
	}
	Text(d)
	if d.Title == "" {
		d.Title = guessTitle(d)
	}
	return d, issues, nil
}

// Text cleans d.Raw into d.Text (with d.Map back to the raw lines) and
// cuts it into d.Blocks.
func Text(d *document.Document) {
	c := clean.Clean(d.Raw)
	d.Text, d.Map = c.Text, c.Map
	d.Blocks = segment.Segment(c)
}

var relationsRE = regexp.MustCompile(`(?i)\brelations\b`)

// guessTitle is the first of the first blocks that is a short line naming
// relations, else the document's id.
func guessTitle(d *document.Document) string {
	for i, b := range d.Blocks {
		if i > 8 {
			break
		}
		if (b.Kind == document.Fragment || b.Kind == document.Heading) && relationsRE.MatchString(b.Text) {
			return b.Text
		}
	}
	return d.ID
}
