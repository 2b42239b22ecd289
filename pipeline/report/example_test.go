package report_test

import (
	"bytes"
	"fmt"
	"os"

	"dossier/pipeline/issue"
	"dossier/pipeline/report"
)

func ExampleWrite() {
	issues := []issue.Issue{
		{Severity: issue.Error, Code: "percent.sum", Message: "shares add up to 101%", File: "sources/polls.yaml", Line: 12, Column: 5, Record: "poll-mli-2019"},
		{Severity: issue.Warning, Code: "list.empty", Message: "eighteen ambassadors announced, none listed", File: "sources/mali.txt", Line: 40, Column: 1},
	}
	for _, format := range []string{"text", "github"} {
		if err := report.Write(os.Stdout, format, issues); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(report.Summary(issue.Tally(issues)))
	// Output:
	// sources/mali.txt:40:1: warning list.empty: eighteen ambassadors announced, none listed
	// sources/polls.yaml:12:5: error percent.sum: shares add up to 101%
	// ::warning file=sources/mali.txt,line=40,col=1,title=list.empty::eighteen ambassadors announced, none listed
	// ::error file=sources/polls.yaml,line=12,col=5,title=percent.sum::shares add up to 101%25
	// 1 error, 1 warning, 0 infos
}

func ExampleCompare() {
	yesterday := []issue.Issue{
		{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "facts.yaml", Line: 3, Pointer: "/year", Record: "poll-1"},
	}
	var saved bytes.Buffer
	if err := report.WriteBaseline(&saved, yesterday); err != nil {
		fmt.Println(err)
		return
	}
	baseline, err := report.ReadBaseline(&saved)
	if err != nil {
		fmt.Println(err)
		return
	}
	today := []issue.Issue{
		// Same issue, moved down by an edit above it.
		{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "facts.yaml", Line: 9, Pointer: "/year", Record: "poll-1"},
		{Severity: issue.Error, Code: "percent.sum", Message: "shares add up to 101%", File: "facts.yaml", Line: 14, Record: "poll-2"},
	}
	d := report.Compare(baseline, today)
	fmt.Println("new:", len(d.New), "present:", len(d.Present), "fixed:", len(d.Fixed))
	fmt.Println(d.New[0])
	// Output:
	// new: 1 present: 1 fixed: 0
	// facts.yaml:14: error percent.sum: shares add up to 101%
}
