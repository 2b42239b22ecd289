package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"dossier/pipeline/issue"
)

// sarifSchema compiles the official SARIF 2.1.0 JSON Schema kept in testdata.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.AssertVocabs()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateSARIF(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return s.Validate(v)
}

var testRules = []Rule{
	{ID: "schema.type", Name: "SchemaType", Short: "A value has the wrong JSON type.", Help: "Fix the value to the type its schema names.", Severity: issue.Error},
	{ID: "percent.sum", Name: "PercentSum", Short: "Shares of one poll must add up to 100%.", Severity: issue.Error},
	{ID: "unused.code", Name: "Unused", Severity: issue.Warning},
}

func TestWriteSARIFValidatesAgainstSchema(t *testing.T) {
	schema := sarifSchema(t)
	odd := issue.Issue{Severity: issue.Warning, Code: "path.odd", Message: "", File: `my dir/a#1:b.yaml`, Line: 7, Pointer: "/a~1b/0", Record: ""}
	tests := []struct {
		name    string
		version string
		rules   []Rule
		issues  []issue.Issue
	}{
		{"empty", "", nil, nil},
		{"sample", "0.1.0", testRules, sample()},
		{"no table", "dev", nil, sample()},
		{"odd path and empty message", "1", nil, []issue.Issue{odd}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dossier.sarif")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := WriteSARIF(f, tt.version, tt.rules, tt.issues); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateSARIF(t, schema, data); err != nil {
				t.Errorf("invalid SARIF: %v\n%s", err, data)
			}
		})
	}
}

func TestSARIFSchemaRejectsBadLogs(t *testing.T) {
	schema := sarifSchema(t)
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "1", testRules, sample()); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	tests := []struct{ name, old, new string }{
		{"wrong version", `"version": "2.1.0"`, `"version": "2.0.0"`},
		{"bad level", `"level": "error"`, `"level": "fatal"`},
		{"line zero", `"startLine": 12`, `"startLine": 0`},
		{"unknown property", `"ruleIndex"`, `"ruleIdx"`},
		{"backslash uri (format uri-reference)", `"uri": "sources/facts.yaml"`, `"uri": "sources\\facts.yaml"`},
		{"relative $schema (format uri)", `"$schema": "https://json.schemastore.org/sarif-2.1.0.json"`, `"$schema": "sarif 2.1.0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("output lacks %s", tt.old)
			}
			bad := strings.Replace(good, tt.old, tt.new, 1)
			if err := validateSARIF(t, schema, []byte(bad)); err == nil {
				t.Error("schema accepted a broken log; the validation test would prove nothing")
			}
		})
	}
}

// Types to read SARIF back, independent of the writer's own.
type (
	readLog struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name    string `json:"name"`
					Version string `json:"version"`
					Rules   []struct {
						ID               string `json:"id"`
						Name             string `json:"name"`
						ShortDescription *struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []readResult `json:"results"`
		} `json:"runs"`
	}
	readResult struct {
		RuleID    string `json:"ruleId"`
		RuleIndex int    `json:"ruleIndex"`
		Level     string `json:"level"`
		Message   struct {
			Text string `json:"text"`
		} `json:"message"`
		Locations []struct {
			PhysicalLocation *struct {
				ArtifactLocation struct {
					URI string `json:"uri"`
				} `json:"artifactLocation"`
				Region *struct {
					StartLine   int `json:"startLine"`
					StartColumn int `json:"startColumn"`
				} `json:"region"`
			} `json:"physicalLocation"`
			LogicalLocations []struct {
				Name               string `json:"name"`
				FullyQualifiedName string `json:"fullyQualifiedName"`
				Kind               string `json:"kind"`
			} `json:"logicalLocations"`
		} `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]string `json:"properties"`
	}
)

func TestWriteSARIFContent(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "0.1.0", testRules, sample()); err != nil {
		t.Fatal(err)
	}
	var log readLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("header = %q %q, %d runs", log.Schema, log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "dossier" || d.Version != "0.1.0" {
		t.Errorf("driver = %q %q", d.Name, d.Version)
	}
	var ids []string
	for _, r := range d.Rules {
		ids = append(ids, r.ID)
	}
	// Table rules plus the codes the issues use, sorted by id.
	wantIDs := "config.sources list.empty normalize.country percent.sum schema.type unused.code"
	if got := strings.Join(ids, " "); got != wantIDs {
		t.Errorf("rules = %s, want %s", got, wantIDs)
	}
	if r := d.Rules[3]; r.Name != "PercentSum" || r.ShortDescription == nil || r.ShortDescription.Text != "Shares of one poll must add up to 100%." || r.DefaultConfiguration.Level != "error" {
		t.Errorf("percent.sum rule = %+v", r)
	}
	if r := d.Rules[1]; r.ShortDescription != nil || r.DefaultConfiguration.Level != "warning" {
		t.Errorf("synthesised list.empty rule = %+v", r)
	}

	if len(run.Results) != len(sample()) {
		t.Fatalf("%d results, want %d", len(run.Results), len(sample()))
	}
	for _, r := range run.Results {
		if d.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is %s", r.RuleID, r.RuleIndex, d.Rules[r.RuleIndex].ID)
		}
		if len(r.PartialFingerprints[sarifFingerprintKey]) != 64 {
			t.Errorf("result %s fingerprint = %q", r.RuleID, r.PartialFingerprints)
		}
	}

	// Sorted like the text format: config.sources, normalize.country, percent.sum, schema.type, list.empty.
	noFile := run.Results[0]
	if noFile.RuleID != "config.sources" || noFile.Level != "error" || len(noFile.Locations) != 0 || noFile.Properties != nil {
		t.Errorf("file-less result = %+v", noFile)
	}
	info := run.Results[1]
	if info.Level != "note" {
		t.Errorf("info level = %q, want note", info.Level)
	}
	if reg := info.Locations[0].PhysicalLocation.Region; reg == nil || reg.StartLine != 3 || reg.StartColumn != 0 {
		t.Errorf("info region = %+v, want line 3 and no column", reg)
	}
	pct := run.Results[2]
	if pct.RuleID != "percent.sum" || pct.Message.Text != "shares add up to 101%" {
		t.Errorf("percent result = %+v", pct)
	}
	loc := pct.Locations[0]
	if loc.PhysicalLocation.ArtifactLocation.URI != "sources/facts.yaml" || loc.PhysicalLocation.Region.StartLine != 12 || loc.PhysicalLocation.Region.StartColumn != 5 {
		t.Errorf("percent physical location = %+v", loc.PhysicalLocation)
	}
	if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].Name != "value" || loc.LogicalLocations[0].FullyQualifiedName != "poll-mli-2019/value" || loc.LogicalLocations[0].Kind != "value" {
		t.Errorf("percent logical location = %+v", loc.LogicalLocations)
	}
	if pct.Properties["record"] != "poll-mli-2019" || pct.Properties["pointer"] != "/value" {
		t.Errorf("percent properties = %v", pct.Properties)
	}
	if w := run.Results[4]; w.Level != "warning" || w.Locations[0].LogicalLocations[0].Kind != "object" || w.Locations[0].LogicalLocations[0].Name != "mali" {
		t.Errorf("warning result = %+v", w)
	}
}

func TestWriteSARIFRuleTableErrors(t *testing.T) {
	tests := []struct {
		name  string
		rules []Rule
	}{
		{"empty id", []Rule{{Name: "x"}}},
		{"duplicate id", []Rule{{ID: "a"}, {ID: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := WriteSARIF(&bytes.Buffer{}, "", tt.rules, nil); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestPointerLast(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"/", ""},
		{"/value", "value"},
		{"/countries/1", "1"},
		{"/a~1b", "a/b"},
		{"/x/m~0n~01", "m~n~1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := pointerLast(tt.in); got != tt.want {
				t.Errorf("pointerLast(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
