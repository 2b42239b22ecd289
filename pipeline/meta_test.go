package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/pipeline/issue"
)

// A sidecar is read as a fact is: country names and date wordings are
// normalized, and a misspelt key is answered with the key meant, located
// in the sidecar.
func TestSidecarNormalizedAsFacts(t *testing.T) {
	dir := seedCase(t, nil)
	meta := filepath.Join(dir, "sources", "mali-united-states.meta.yaml")
	body := "title: Mali–United States relations\nlanguage: en\nretrieved: 1 May 2024\ncountries: [Mali, United States]\nretreived: 2024-05-01\n"
	if err := os.WriteFile(meta, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runCase(t, dir, false)
	var errs []issue.Issue
	for _, is := range res.Issues {
		if is.Severity == issue.Error {
			errs = append(errs, is)
		}
	}
	if len(errs) != 1 {
		t.Fatalf("errors %v, want only the misspelt key", errs)
	}
	is := errs[0]
	if is.Code != "schema.additionalProperties" || !strings.HasSuffix(is.File, "mali-united-states.meta.yaml") || is.Line != 5 ||
		!strings.Contains(is.Message, `did you mean "retrieved"?`) {
		t.Errorf("issue %v, want the misspelt key at line 5 of the sidecar with the key meant", is)
	}
	d := res.Documents[0]
	if d.MetaLoc != nil || d.Raw != nil {
		t.Error("the document still holds its sidecar's parse tree or its raw bytes after its checks")
	}
	if d.Retrieved != "2024-05-01" {
		t.Errorf("retrieved %q, want 2024-05-01", d.Retrieved)
	}
	if got, _ := d.Meta["countries"].([]any); len(got) != 2 || got[0] != "MLI" || got[1] != "USA" {
		t.Errorf("countries %v, want [MLI USA]", d.Meta["countries"])
	}

	// A value no normalizer reads is located in the sidecar too.
	if err := os.WriteFile(meta, []byte("title: x\ncountries: [Mali, Atlantis]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res = runCase(t, dir, false)
	found := false
	for _, is := range res.Issues {
		if strings.HasPrefix(is.Code, "normalize.") && strings.HasSuffix(is.File, ".meta.yaml") && is.Line == 2 && is.Pointer == "/countries/1" {
			found = true
		}
	}
	if !found {
		t.Errorf("no located normalize issue for Atlantis: %v", res.Issues)
	}
}
