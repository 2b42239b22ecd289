package docs

import (
	"testing"
)

// Slugs as GitHub renders them for headings of this repository's pages.
func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"`load.syntax` (error)":                                 "loadsyntax-error",
		"`load.too-large`, `load.too-many` (error)":             "loadtoo-large-loadtoo-many-error",
		"`schema.*` (error)":                                    "schema-error",
		"`evidence.number-mismatch` (error; warning for dates)": "evidencenumber-mismatch-error-warning-for-dates",
		"Across records":                                        "across-records",
		"What `out/` holds":                                     "what-out-holds",
		"Ünïcode and_under  two":                                "ünïcode-and_under--two",
	} {
		if got := Slug(heading); got != want {
			t.Errorf("Slug(%q) = %q, want %q", heading, got, want)
		}
	}
}

func TestHeadingAnchors(t *testing.T) {
	md := "# Top\n\n## `a.b` (error)\n\n```\n## `not.a` heading\n```\n\n### `a.b` (error)\n\n### `c.*`, `d.e` (warning)\n"
	got := headingAnchors(md)
	want := map[string]string{"a.b": "ab-error", "c.*": "c-de-warning", "d.e": "c-de-warning"}
	if len(got) != len(want) {
		t.Errorf("anchors %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("anchor of %s = %q, want %q", k, got[k], v)
		}
	}
	// A second heading with the same slug gets "-1", as on GitHub.
	if a := headingAnchors("## `a.b`\n## `ab`\n")["ab"]; a != "ab-1" {
		t.Errorf("anchor of the second heading = %q, want ab-1", a)
	}
}

func TestCheckAnchor(t *testing.T) {
	for code, want := range map[string]string{
		"percent.sum":   "percentsum-error-info-within-rounding",
		"load.too-many": "loadtoo-large-loadtoo-many-error",
		"schema.type":   "schema-error",
	} {
		if got, ok := CheckAnchor(code); !ok || got != want {
			t.Errorf("CheckAnchor(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
	if _, ok := CheckAnchor("no.such"); ok {
		t.Error("an unknown code has an anchor")
	}
}
