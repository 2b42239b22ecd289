package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"dossier/pipeline/issue"
)

// SARIFSchemaURI is the $schema that WriteSARIF writes.
const SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// Rule describes one issue code for SARIF consumers: ID is the code
// ("percent.sum"), Name a short identifier, Short a one-sentence description,
// Help a longer text saying how to fix it, HelpURI the absolute URI of its
// documentation, and Severity the default level. An ID ending in ".*"
// ("schema.*") is a family: it is not a rule of its own, but the rule of a
// code of the family that the table lacks (schema.type) takes its Short,
// Help and HelpURI.
type Rule struct {
	ID       string
	Name     string
	Short    string
	Help     string
	HelpURI  string
	Severity issue.Severity
}

// SARIF 2.1.0 objects, limited to what dossier fills in. Field order is the
// output order.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name    string      `json:"name"`
		Version string      `json:"version,omitempty"`
		Rules   []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name,omitempty"`
		ShortDescription     *sarifMessage      `json:"shortDescription,omitempty"`
		Help                 *sarifMessage      `json:"help,omitempty"`
		HelpURI              string             `json:"helpUri,omitempty"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifMessage       `json:"message"`
		Locations           []sarifLocation    `json:"locations,omitempty"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		BaselineState       string             `json:"baselineState,omitempty"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          *sarifProperties   `json:"properties,omitempty"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
	sarifLocation struct {
		PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogicalLocation struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifProperties struct {
		Record  string `json:"record,omitempty"`
		Pointer string `json:"pointer,omitempty"`
	}
)

// sarifFingerprintKey names dossier's entry in partialFingerprints.
const sarifFingerprintKey = "dossier/v1"

// WriteSARIF writes a SARIF 2.1.0 log with one run of the tool "dossier" at
// toolVersion (left out when empty).
//
// The driver's rules are every rule of the table plus, for each code that an
// issue uses and the table lacks, a rule with just that id and the highest
// severity seen for it; they are sorted by id and each result's ruleIndex
// points into them. A table with an empty or repeated id is an error.
//
// Each issue becomes a result, in issue.Compare order, with its code as
// ruleId, level error, warning or note, and its message. A file gives a
// physical location: the path as a relative URI with forward slashes against
// the uriBaseId %SRCROOT%, and a region with startLine (and startColumn, in
// Unicode code points) when the line is known. A record id or JSON pointer
// gives a logical location named record+pointer and the properties "record"
// and "pointer". partialFingerprints["dossier/v1"] holds the baseline
// fingerprint, which does not change when lines move.
func WriteSARIF(w io.Writer, toolVersion string, rules []Rule, issues []issue.Issue) error {
	return writeSARIF(w, issues, Options{ToolVersion: toolVersion, Rules: rules})
}

// writeSARIF writes the log. With a baseline in opt, every result has a
// baselineState: "new", or "unchanged" for one the baseline covers, which
// also carries an accepted external suppression naming the baseline, so
// that code scanning shows it as dismissed rather than open.
func writeSARIF(w io.Writer, issues []issue.Issue, opt Options) error {
	toolVersion, rules := opt.ToolVersion, opt.Rules
	is := sorted(issues)
	known := opt.known(is)
	table, err := sarifRules(rules, is)
	if err != nil {
		return err
	}
	index := make(map[string]int, len(table))
	for k, r := range table {
		index[r.ID] = k
	}
	results := make([]sarifResult, 0, len(is))
	for k, i := range is {
		r := sarifResultOf(i, index[i.Code])
		switch {
		case known == nil:
		case known[k]:
			r.BaselineState = "unchanged"
			r.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: "in the baseline " + cmp.Or(cleanPath(opt.BaselineFile), "file")}}
		default:
			r.BaselineState = "new"
		}
		results = append(results, r)
	}
	log := sarifLog{
		Schema:  SARIFSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:       sarifTool{Driver: sarifDriver{Name: "dossier", Version: toolVersion, Rules: table}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
	return encodeJSON(w, log)
}

// sarifRules returns the reporting descriptors, sorted by id, for the rule
// table and the codes that the issues use.
func sarifRules(rules []Rule, issues []issue.Issue) ([]sarifRule, error) {
	seen := make(map[string]bool, len(rules))
	out := make([]sarifRule, 0, len(rules))
	var families []Rule
	for k, r := range rules {
		if r.ID == "" {
			return nil, fmt.Errorf("sarif: rule %d of the table has no id", k)
		}
		if seen[r.ID] {
			return nil, fmt.Errorf("sarif: rule %q is in the table twice", r.ID)
		}
		seen[r.ID] = true
		if strings.HasSuffix(r.ID, ".*") {
			families = append(families, r)
			continue
		}
		out = append(out, sarifRuleOf(r))
	}
	highest := map[string]issue.Severity{}
	for _, i := range issues {
		if seen[i.Code] {
			continue
		}
		if s, ok := highest[i.Code]; !ok || i.Severity > s {
			highest[i.Code] = i.Severity
		}
	}
	for code, s := range highest {
		r := Rule{ID: code}
		for _, f := range families {
			if strings.HasPrefix(code, strings.TrimSuffix(f.ID, "*")) {
				r = Rule{ID: code, Short: f.Short, Help: f.Help, HelpURI: f.HelpURI}
			}
		}
		r.Severity = s
		out = append(out, sarifRuleOf(r))
	}
	slices.SortFunc(out, func(a, b sarifRule) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func sarifRuleOf(r Rule) sarifRule {
	d := sarifRule{ID: r.ID, Name: r.Name, HelpURI: r.HelpURI, DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)}}
	if r.Short != "" {
		d.ShortDescription = &sarifMessage{Text: r.Short}
	}
	if r.Help != "" {
		d.Help = &sarifMessage{Text: r.Help}
	}
	return d
}

func sarifResultOf(i issue.Issue, ruleIndex int) sarifResult {
	r := sarifResult{
		RuleID:              i.Code,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(i.Severity),
		Message:             sarifMessage{Text: i.Message},
		PartialFingerprints: map[string]string{sarifFingerprintKey: fingerprintOf(i).hash()},
	}
	if r.Message.Text == "" {
		r.Message.Text = i.Code
	}
	var loc sarifLocation
	if i.File != "" {
		loc.PhysicalLocation = &sarifPhysicalLocation{
			ArtifactLocation: sarifArtifactLocation{URI: fileURI(i.File), URIBaseID: "%SRCROOT%"},
		}
		if i.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: i.Line, StartColumn: max(i.Column, 0)}
		}
	}
	if i.Record != "" || i.Pointer != "" {
		ll := sarifLogicalLocation{Name: i.Record, FullyQualifiedName: i.Record + i.Pointer, Kind: "object"}
		if i.Pointer != "" {
			ll.Name = pointerLast(i.Pointer)
			ll.Kind = "value"
		}
		loc.LogicalLocations = []sarifLogicalLocation{ll}
		r.Properties = &sarifProperties{Record: i.Record, Pointer: i.Pointer}
	}
	if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
		r.Locations = []sarifLocation{loc}
	}
	return r
}

// pointerLast returns the last reference token of a JSON pointer, unescaped
// ("~1" is "/", "~0" is "~"); the root pointer "" or "/" gives "".
func pointerLast(p string) string {
	return pointerToken.Replace(p[strings.LastIndexByte(p, '/')+1:])
}

var pointerToken = strings.NewReplacer("~1", "/", "~0", "~")

func sarifLevel(s issue.Severity) string {
	switch s {
	case issue.Error:
		return "error"
	case issue.Warning:
		return "warning"
	}
	return "note"
}
