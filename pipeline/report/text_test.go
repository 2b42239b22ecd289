package report

import (
	"bytes"
	"testing"

	"dossier/pipeline/issue"
)

func TestWriteText(t *testing.T) {
	tests := []struct {
		name   string
		issues []issue.Issue
		want   string
	}{
		{"empty", nil, ""},
		{"sample", sample(), `-: error config.sources: no sources found
sources/facts.yaml:3: info normalize.country: Mali read as MLI
sources/facts.yaml:12:5: error percent.sum: shares add up to 101% (at /value)
sources/facts.yaml:12:5: error schema.type: want integer (at /year)
sources/mali.txt:40:1: warning list.empty: announced eighteen ambassadors, found none
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, tt.issues); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
		})
	}
}
