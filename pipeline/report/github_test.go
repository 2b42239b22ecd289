package report

import (
	"bytes"
	"testing"

	"dossier/pipeline/issue"
)

func TestGitHubCommand(t *testing.T) {
	tests := []struct {
		name string
		in   issue.Issue
		want string
	}{
		{"error located",
			issue.Issue{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "sources/facts.yaml", Line: 12, Column: 5},
			"::error file=sources/facts.yaml,line=12,col=5,title=schema.type::want integer"},
		{"warning",
			issue.Issue{Severity: issue.Warning, Code: "list.empty", Message: "none listed", File: "a.txt", Line: 1, Column: 1},
			"::warning file=a.txt,line=1,col=1,title=list.empty::none listed"},
		{"info is notice",
			issue.Issue{Severity: issue.Info, Code: "normalize.country", Message: "Mali read as MLI", File: "a.yaml", Line: 3, Column: 9},
			"::notice file=a.yaml,line=3,col=9,title=normalize.country::Mali read as MLI"},
		{"no column",
			issue.Issue{Severity: issue.Error, Code: "c", Message: "m", File: "a.yaml", Line: 3},
			"::error file=a.yaml,line=3,title=c::m"},
		{"column without line is dropped",
			issue.Issue{Severity: issue.Error, Code: "c", Message: "m", File: "a.yaml", Column: 3},
			"::error file=a.yaml,title=c::m"},
		{"no file",
			issue.Issue{Severity: issue.Error, Code: "config.sources", Message: "no sources"},
			"::error title=config.sources::no sources"},
		{"nothing but a message",
			issue.Issue{Severity: issue.Error, Message: "bare"},
			"::error::bare"},
		{"pointer ends the message",
			issue.Issue{Severity: issue.Error, Code: "percent.sum", Message: "adds up to 101%", File: "f.yaml", Line: 2, Column: 3, Pointer: "/value"},
			"::error file=f.yaml,line=2,col=3,title=percent.sum::adds up to 101%25 (at /value)"},
		{"message escapes percent CR LF but not colon comma",
			issue.Issue{Severity: issue.Error, Code: "c", Message: "50%\r\nnext: a, b::c %0A"},
			"::error title=c::50%25%0D%0Anext: a, b::c %250A"},
		{"property escapes colon comma percent CR LF",
			issue.Issue{Severity: issue.Warning, Code: "x:y,z%", Message: "m", File: "dir,1/a:b%\r\n.yaml", Line: 1},
			"::warning file=dir%2C1/a%3Ab%25%0D%0A.yaml,line=1,title=x%3Ay%2Cz%25::m"},
		{"file path cleaned",
			issue.Issue{Severity: issue.Error, Code: "c", Message: "m", File: "./sources/../sources/a.yaml", Line: 1},
			"::error file=sources/a.yaml,line=1,title=c::m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := githubCommand(tt.in, false); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestWriteGitHub(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	const want = `::error title=config.sources::no sources found
::notice file=sources/facts.yaml,line=3,title=normalize.country::Mali read as MLI
::error file=sources/facts.yaml,line=12,col=5,title=percent.sum::shares add up to 101%25 (at /value)
::error file=sources/facts.yaml,line=12,col=5,title=schema.type::want integer (at /year)
::warning file=sources/mali.txt,line=40,col=1,title=list.empty::announced eighteen ambassadors, found none
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
