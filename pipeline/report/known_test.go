package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"dossier/pipeline/issue"
)

// knownOptions is a baseline of yesterday's percent.sum error; today adds
// the schema.type error of the same record.
func knownOptions(t *testing.T) (Options, []issue.Issue) {
	t.Helper()
	var yesterday []issue.Issue
	for _, i := range sample() {
		if i.Code != "schema.type" {
			yesterday = append(yesterday, i)
		}
	}
	return Options{Baseline: NewBaseline(yesterday), BaselineFile: "./ci/baseline.json"}, sample()
}

// A baselined error is a notice in GitHub annotations, saying so; a new
// one stays an error.
func TestGitHubMarksBaselinedIssues(t *testing.T) {
	opt, today := knownOptions(t)
	var buf bytes.Buffer
	if err := WriteWith(&buf, "github", today, opt); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"::notice file=sources/facts.yaml,line=12,col=5,title=percent.sum::known error, in the baseline: shares add up to 101%25 (at /value)",
		"::error file=sources/facts.yaml,line=12,col=5,title=schema.type::want integer (at /year)",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("no line %q in\n%s", want, out)
		}
	}
	if n := strings.Count(out, "::error"); n != 1 {
		t.Errorf("%d ::error lines, want 1 (the new issue)\n%s", n, out)
	}
}

// A baselined error is no JUnit failure; it is listed as known.
func TestJUnitDoesNotFailBaselinedIssues(t *testing.T) {
	opt, today := knownOptions(t)
	opt.Inputs = []string{"sources/facts.yaml"}
	var buf bytes.Buffer
	if err := WriteWith(&buf, "junit", today, opt); err != nil {
		t.Fatal(err)
	}
	var got readSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	failures := map[string][]string{}
	out := ""
	for _, c := range got.Suites[0].Cases {
		for _, f := range c.Failures {
			failures[c.Name] = append(failures[c.Name], f.Type)
		}
		out += c.SystemOut
	}
	if len(failures) != 1 || len(failures["sources/facts.yaml"]) != 1 || failures["sources/facts.yaml"][0] != "schema.type" {
		t.Errorf("failures = %v, want only the new schema.type", failures)
	}
	if got.Failures != 1 {
		t.Errorf("testsuites failures = %d, want 1", got.Failures)
	}
	if !strings.Contains(out, "known, in the baseline: sources/facts.yaml:12:5: error percent.sum") {
		t.Errorf("the baselined error is not listed as known:\n%s", out)
	}
}

// With a baseline, every SARIF result has a baselineState, and the known
// ones an accepted external suppression; the log still validates.
func TestSARIFBaselineState(t *testing.T) {
	opt, today := knownOptions(t)
	opt.Rules = testRules
	var buf bytes.Buffer
	if err := WriteWith(&buf, "sarif", today, opt); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, sarifSchema(t), buf.Bytes()); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, buf.String())
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID        string `json:"ruleId"`
				BaselineState string `json:"baselineState"`
				Suppressions  []struct {
					Kind, Status, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Results {
		want := "unchanged"
		if r.RuleID == "schema.type" {
			want = "new"
		}
		if r.BaselineState != want {
			t.Errorf("%s: baselineState %q, want %q", r.RuleID, r.BaselineState, want)
		}
		suppressed := len(r.Suppressions) == 1 && r.Suppressions[0].Kind == "external" && r.Suppressions[0].Status == "accepted" &&
			r.Suppressions[0].Justification == "in the baseline ci/baseline.json"
		if suppressed != (want == "unchanged") {
			t.Errorf("%s: suppressions %+v", r.RuleID, r.Suppressions)
		}
	}
	// Without a baseline, no result claims a state.
	buf.Reset()
	if err := WriteSARIF(&buf, "1", testRules, today); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "baselineState") || strings.Contains(buf.String(), "suppressions") {
		t.Errorf("a log without a baseline has baseline states:\n%s", buf.String())
	}
}

// A code of a family the table lacks takes the family's help and helpUri.
func TestSARIFFamilyRules(t *testing.T) {
	rules := []Rule{{ID: "schema.*", Short: "A JSON Schema keyword failed.", HelpURI: "https://example.org/checks.md#schema-error", Severity: issue.Error}}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "1", rules, sample()); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, sarifSchema(t), buf.Bytes()); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string                `json:"id"`
						HelpURI          string                `json:"helpUri"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.ID == "schema.*" {
			t.Errorf("the family is a rule of its own")
		}
		if r.ID == "schema.type" {
			found = true
			if r.HelpURI != "https://example.org/checks.md#schema-error" || r.ShortDescription.Text != "A JSON Schema keyword failed." {
				t.Errorf("schema.type lacks its family's description and helpUri: %+v", r)
			}
		}
	}
	if !found {
		t.Error("no rule for schema.type")
	}
}
