package prepare_test

import (
	"os"
	"path/filepath"
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/load"
	"dossier/pipeline/prepare"
)

func TestFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mali-us.txt")
	raw := "Open main menu\n\nMali – United States relations\n\nThe United States has an embassy in Bamako.[1]\n"
	if err := os.WriteFile(p, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	d, issues, err := prepare.File(p, load.DefaultLimits)
	if err != nil || d == nil {
		t.Fatalf("File = %v, %v, %v", d, issues, err)
	}
	if d.ID != "mali-us" || d.Title != "Mali – United States relations" {
		t.Errorf("id %q, title %q: want mali-us, the line that names relations", d.ID, d.Title)
	}
	if len(d.Blocks) == 0 || d.Blocks[len(d.Blocks)-1].Kind != document.Paragraph {
		t.Errorf("blocks %+v, want the article's paragraph last", d.Blocks)
	}
	if want := "Mali – United States relations\n\nThe United States has an embassy in Bamako."; d.Text != want {
		t.Errorf("clean text %q, want %q (menu line and citation marker gone)", d.Text, want)
	}

	lim := load.DefaultLimits
	lim.DocumentBytes = 10
	d, issues, err = prepare.File(p, lim)
	if err != nil || d != nil || len(issues) != 1 || issues[0].Code != "load.too-large" {
		t.Errorf("a document past limits.document_bytes: %v, %v, %v; want no document and load.too-large", d, issues, err)
	}
}
