package document_test

import (
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/fact"
)

func TestLinesPos(t *testing.T) {
	data := []byte("ab\ncé\r\nx\ry\n\nlast")
	lines := document.NewLines(data)
	tests := []struct {
		off  int
		want fact.Pos
	}{
		{0, fact.Pos{Line: 1, Col: 1}},
		{2, fact.Pos{Line: 1, Col: 3}}, // the \n itself
		{3, fact.Pos{Line: 2, Col: 1}},
		{4, fact.Pos{Line: 2, Col: 2}},
		{6, fact.Pos{Line: 2, Col: 3}},  // after é: columns count runes
		{8, fact.Pos{Line: 3, Col: 1}},  // after \r\n
		{10, fact.Pos{Line: 4, Col: 1}}, // after a lone \r
		{12, fact.Pos{Line: 5, Col: 1}}, // empty line
		{13, fact.Pos{Line: 6, Col: 1}},
		{17, fact.Pos{Line: 6, Col: 5}},  // end of data
		{100, fact.Pos{Line: 6, Col: 5}}, // clamped
		{-3, fact.Pos{Line: 1, Col: 1}},  // clamped
	}
	for _, tt := range tests {
		if got := lines.Pos(tt.off); got != tt.want {
			t.Errorf("Pos(%d) = %v, want %v", tt.off, got, tt.want)
		}
	}
}

func TestMap(t *testing.T) {
	var m document.Map
	m.Add(10, 5, true)  // out 0-4 <- 10-14
	m.Add(15, 3, true)  // merges: out 5-7 <- 15-17
	m.Add(30, 1, false) // out 8 <- replacement of something at 30
	m.Add(40, 0, true)  // ignored
	m.Add(41, 2, true)  // out 9-10 <- 41-42
	if m.Len() != 11 {
		t.Fatalf("Len = %d, want 11", m.Len())
	}
	tests := []struct{ off, want int }{
		{0, 10}, {4, 14}, {5, 15}, {7, 17}, {8, 30}, {9, 41}, {10, 42}, {11, 43},
	}
	for _, tt := range tests {
		if got := m.Raw(tt.off); got != tt.want {
			t.Errorf("Raw(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
	var empty document.Map
	if empty.Raw(5) != 0 || empty.Len() != 0 {
		t.Error("empty map")
	}
}

func TestDocumentPos(t *testing.T) {
	raw := []byte("line one\nline two")
	var m document.Map
	m.Add(9, 8, true)
	d := &document.Document{Raw: raw, Map: &m, Lines: document.NewLines(raw)}
	if got := d.Pos(5); got != (fact.Pos{Line: 2, Col: 6}) {
		t.Errorf("Pos(5) = %v", got)
	}
	if got := (&document.Document{}).Pos(3); got != (fact.Pos{}) {
		t.Errorf("Pos without a map = %v, want zero", got)
	}
}

func TestMapReplace(t *testing.T) {
	var m document.Map
	m.Add(0, 4, true)   // out 0-3 <- 0-3 "Mali"
	m.Replace(4, 2, 1)  // out 4 <- "--" at 4-5
	m.Add(6, 5, true)   // out 5-9 <- 6-10 "Peter"
	m.Replace(11, 3, 1) // out 10 <- "\n\n\n" at 11-13
	m.Add(14, 3, true)  // out 11-13 <- 14-16
	m.Replace(17, 3, 1) // out 14 <- "—" at 17-19, at the end
	if m.Len() != 15 {
		t.Fatalf("Len = %d, want 15", m.Len())
	}
	raw := []struct{ off, want int }{
		{0, 0}, {3, 3}, {4, 4}, {5, 6}, {9, 10}, {10, 11}, {11, 14}, {14, 17}, {15, 20},
	}
	for _, tt := range raw {
		if got := m.Raw(tt.off); got != tt.want {
			t.Errorf("Raw(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
	// RawEnd(b) ends a span [a, b): the whole replacement it ends in, and
	// nothing of what follows.
	end := []struct{ off, want int }{
		{0, 0}, {4, 4}, {5, 6}, {10, 11}, {11, 14}, {14, 17}, {15, 20},
	}
	for _, tt := range end {
		if got := m.RawEnd(tt.off); got != tt.want {
			t.Errorf("RawEnd(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
}
