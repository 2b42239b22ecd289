package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/pipeline/issue"
)

// Types to read JUnit XML back, independent of the writer's own.
type (
	readSuites struct {
		XMLName  xml.Name    `xml:"testsuites"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Suites   []readSuite `xml:"testsuite"`
	}
	readSuite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Errors   int        `xml:"errors,attr"`
		Skipped  int        `xml:"skipped,attr"`
		Cases    []readCase `xml:"testcase"`
	}
	readCase struct {
		Classname string `xml:"classname,attr"`
		Name      string `xml:"name,attr"`
		Failures  []struct {
			Type    string `xml:"type,attr"`
			Message string `xml:"message,attr"`
			Body    string `xml:",chardata"`
		} `xml:"failure"`
		SystemOut string `xml:"system-out"`
	}
)

func TestWriteJUnitParsesBack(t *testing.T) {
	inputs := []string{"sources/facts.yaml", "./sources/clean.yaml", "sources/mali.txt"}
	issues := append(sample(), issue.Issue{Severity: issue.Error, Code: "evidence.quote-not-found", Message: `quote "<a & b>" not in document`, File: "sources/other.json", Line: 1, Column: 2})

	path := filepath.Join(t.TempDir(), "junit.xml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteJUnit(f, inputs, issues); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), xml.Header) {
		t.Errorf("no XML header:\n%s", data)
	}
	var got readSuites
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, data)
	}

	// Cases: "-" (config.sources), clean, facts, mali, other: 5 tests;
	// failing: "-", facts (two errors, one case), other.
	if got.Tests != 5 || got.Failures != 3 || got.Errors != 0 || got.Skipped != 0 {
		t.Errorf("testsuites counts = tests %d failures %d errors %d skipped %d, want 5 3 0 0", got.Tests, got.Failures, got.Errors, got.Skipped)
	}
	if len(got.Suites) != 1 {
		t.Fatalf("%d suites, want 1", len(got.Suites))
	}
	s := got.Suites[0]
	if s.Name != "dossier" || s.Tests != 5 || s.Failures != 3 || s.Errors != 0 || s.Skipped != 0 {
		t.Errorf("testsuite = %q tests %d failures %d errors %d skipped %d", s.Name, s.Tests, s.Failures, s.Errors, s.Skipped)
	}
	if len(s.Cases) != s.Tests {
		t.Fatalf("%d cases, tests says %d", len(s.Cases), s.Tests)
	}
	failing := 0
	for _, c := range s.Cases {
		if len(c.Failures) > 0 {
			failing++
		}
	}
	if failing != s.Failures {
		t.Errorf("%d failing cases, failures says %d", failing, s.Failures)
	}

	wantNames := []string{"-", "sources/clean.yaml", "sources/facts.yaml", "sources/mali.txt", "sources/other.json"}
	wantFailures := []int{1, 0, 2, 0, 1}
	for k, c := range s.Cases {
		if c.Classname != "dossier" || c.Name != wantNames[k] {
			t.Errorf("case %d = %s/%s, want dossier/%s", k, c.Classname, c.Name, wantNames[k])
		}
		if len(c.Failures) != wantFailures[k] {
			t.Errorf("case %s has %d failures, want %d", c.Name, len(c.Failures), wantFailures[k])
		}
	}

	facts := s.Cases[2]
	if f := facts.Failures[0]; f.Type != "percent.sum" || f.Message != "shares add up to 101%" ||
		f.Body != "sources/facts.yaml:12:5: error percent.sum: shares add up to 101% (at /value)" {
		t.Errorf("facts failure 0 = %+v", f)
	}
	if f := facts.Failures[1]; f.Type != "schema.type" {
		t.Errorf("facts failure 1 type = %q, want schema.type", f.Type)
	}
	if facts.SystemOut != "sources/facts.yaml:3: info normalize.country: Mali read as MLI\n" {
		t.Errorf("facts system-out = %q", facts.SystemOut)
	}
	if mali := s.Cases[3]; mali.SystemOut != "sources/mali.txt:40:1: warning list.empty: announced eighteen ambassadors, found none\n" {
		t.Errorf("mali system-out = %q", mali.SystemOut)
	}
	if clean := s.Cases[1]; clean.SystemOut != "" {
		t.Errorf("clean case has system-out %q", clean.SystemOut)
	}
	if f := s.Cases[4].Failures[0]; f.Message != `quote "<a & b>" not in document` {
		t.Errorf("escaped message read back as %q", f.Message)
	}
}

func TestWriteJUnitGolden(t *testing.T) {
	issues := []issue.Issue{
		{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "b.yaml", Line: 2, Column: 3},
		{Severity: issue.Warning, Code: "list.empty", Message: "none", File: "b.yaml", Line: 1},
	}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, []string{"a.yaml", "b.yaml"}, issues); err != nil {
		t.Fatal(err)
	}
	const want = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dossier" tests="2" failures="1" errors="0" skipped="0">
  <testsuite name="dossier" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="dossier" name="a.yaml"></testcase>
    <testcase classname="dossier" name="b.yaml">
      <failure type="schema.type" message="want integer">b.yaml:2:3: error schema.type: want integer</failure>
      <system-out>b.yaml:1: warning list.empty: none&#xA;</system-out>
    </testcase>
  </testsuite>
</testsuites>
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestWriteJUnitEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	var got readSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tests != 0 || got.Failures != 0 || len(got.Suites) != 1 || len(got.Suites[0].Cases) != 0 {
		t.Errorf("empty report = %+v", got)
	}
}

func TestWriteJUnitControlCharacters(t *testing.T) {
	issues := []issue.Issue{{Severity: issue.Error, Code: "c", Message: "bad \x00\x1b byte", File: "a\x01.txt", Line: 1}}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, nil, issues); err != nil {
		t.Fatal(err)
	}
	var got readSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("control characters made invalid XML: %v\n%q", err, buf.String())
	}
	if got.Failures != 1 {
		t.Errorf("failures = %d, want 1", got.Failures)
	}
}
