package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"dossier/pipeline/issue"
)

func TestWriteJSON(t *testing.T) {
	tests := []struct {
		name   string
		issues []issue.Issue
		want   string
	}{
		{"nil is an empty array", nil, "[]\n"},
		{"empty is an empty array", []issue.Issue{}, "[]\n"},
		{"field order and html", []issue.Issue{
			{Severity: issue.Error, Code: "schema.type", Message: "want <integer> & more", File: "f.yaml", Line: 2, Column: 3, Pointer: "/year", Record: "p1"},
			{Severity: issue.Info, Code: "a", Message: "b"},
		}, `[
  {
    "severity": "info",
    "code": "a",
    "message": "b"
  },
  {
    "severity": "error",
    "code": "schema.type",
    "message": "want <integer> & more",
    "file": "f.yaml",
    "line": 2,
    "column": 3,
    "pointer": "/year",
    "record": "p1"
  }
]
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJSON(&buf, tt.issues); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
		})
	}
}

func TestWriteJSONRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	var got []issue.Issue
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("output is not a JSON array of issues: %v\n%s", err, buf.String())
	}
	want := sample()
	issue.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
}
