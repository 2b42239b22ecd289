package report

import (
	"bufio"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"dossier/pipeline/issue"
)

// JUnit XML elements, as Jenkins, GitLab and GitHub test reporters read them.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Classname string         `xml:"classname,attr"`
		Name      string         `xml:"name,attr"`
		Failures  []junitFailure `xml:"failure"`
		SystemOut string         `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Type    string `xml:"type,attr"`
		Message string `xml:"message,attr"`
		Body    string `xml:",chardata"`
	}
)

// noFile names the test case of issues that have no file.
const noFile = "-"

// WriteJUnit writes a JUnit XML report: <testsuites> holding one <testsuite
// name="dossier"> with a <testcase classname="dossier" name=FILE> for every
// input, and for every other file that an issue names (issues without a file
// go to a case named "-"). Each error-level issue becomes a <failure> of its
// file's case, with the code as type, the message as message and the full
// located line (issue.Issue.String) as body; warnings and infos are listed,
// one located line each, in the case's <system-out>. Paths are compared and
// written with forward slashes and without "./".
//
// The counts follow JUnit's meaning: tests is the number of test cases and
// failures the number of cases that have at least one failure (not the
// number of <failure> elements), so a case with two errors counts once;
// errors and skipped are always 0. Cases are sorted by name and their issues
// with issue.Compare; nothing depends on the clock.
func WriteJUnit(w io.Writer, inputs []string, issues []issue.Issue) error {
	return writeJUnit(w, issues, Options{Inputs: inputs})
}

// writeJUnit writes the report; an error that opt's baseline covers is no
// failure: it is listed in its case's <system-out>, its line starting
// "known, in the baseline:".
func writeJUnit(w io.Writer, issues []issue.Issue, opt Options) error {
	inputs := opt.Inputs
	type caseIssues struct {
		failures []junitFailure
		out      strings.Builder
	}
	byFile := map[string]*caseIssues{}
	get := func(file string) *caseIssues {
		c := byFile[file]
		if c == nil {
			c = &caseIssues{}
			byFile[file] = c
		}
		return c
	}
	for _, in := range inputs {
		get(junitName(in))
	}
	sortedIssues := sorted(issues)
	known := opt.known(sortedIssues)
	for k, is := range sortedIssues {
		c := get(junitName(is.File))
		switch {
		case known != nil && known[k]:
			c.out.WriteString("known, in the baseline: " + is.String())
			c.out.WriteByte('\n')
		case is.Severity >= issue.Error:
			c.failures = append(c.failures, junitFailure{Type: is.Code, Message: is.Message, Body: is.String()})
		default:
			c.out.WriteString(is.String())
			c.out.WriteByte('\n')
		}
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	slices.Sort(names)

	suite := junitSuite{Name: "dossier", Cases: make([]junitCase, 0, len(names))}
	for _, name := range names {
		c := byFile[name]
		suite.Cases = append(suite.Cases, junitCase{
			Classname: "dossier",
			Name:      name,
			Failures:  c.failures,
			SystemOut: c.out.String(),
		})
		suite.Tests++
		if len(c.failures) > 0 {
			suite.Failures++
		}
	}
	doc := junitSuites{
		Name:     "dossier",
		Tests:    suite.Tests,
		Failures: suite.Failures,
		Suites:   []junitSuite{suite},
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func junitName(file string) string {
	if file == "" {
		return noFile
	}
	return cleanPath(file)
}
