package report

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline/issue"
)

// sample returns a few issues in no particular order, covering every
// severity, a missing file, a missing column and a pointer.
func sample() []issue.Issue {
	return []issue.Issue{
		{Severity: issue.Warning, Code: "list.empty", Message: "announced eighteen ambassadors, found none", File: "sources/mali.txt", Line: 40, Column: 1, Record: "mali"},
		{Severity: issue.Error, Code: "percent.sum", Message: "shares add up to 101%", File: "sources/facts.yaml", Line: 12, Column: 5, Pointer: "/value", Record: "poll-mli-2019"},
		{Severity: issue.Info, Code: "normalize.country", Message: "Mali read as MLI", File: "sources/facts.yaml", Line: 3},
		{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "sources/facts.yaml", Line: 12, Column: 5, Pointer: "/year", Record: "poll-mli-2019"},
		{Severity: issue.Error, Code: "config.sources", Message: "no sources found"},
	}
}

func TestFormats(t *testing.T) {
	got := Formats()
	want := []string{"github", "json", "junit", "sarif", "text"}
	if !slices.Equal(got, want) {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
	for _, name := range got {
		if help, ok := Describe(name); !ok || help == "" {
			t.Errorf("Describe(%q) = %q, %v; want help text", name, help, ok)
		}
	}
	if _, ok := Describe("nope"); ok {
		t.Error(`Describe("nope") found a format`)
	}
}

func TestWriteEveryFormat(t *testing.T) {
	for _, name := range Formats() {
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Write(&a, name, sample()); err != nil {
				t.Fatal(err)
			}
			reversed := sample()
			slices.Reverse(reversed)
			if err := Write(&b, name, reversed); err != nil {
				t.Fatal(err)
			}
			if a.Len() == 0 {
				t.Fatal("empty output")
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("output depends on input order:\n%s\n---\n%s", a.String(), b.String())
			}
			if !strings.Contains(a.String(), "percent.sum") {
				t.Errorf("output lacks the code percent.sum:\n%s", a.String())
			}
		})
	}
}

func TestWriteDoesNotReorderCallerSlice(t *testing.T) {
	in := sample()
	want := sample()
	for _, name := range Formats() {
		if err := Write(&bytes.Buffer{}, name, in); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(in, want) {
		t.Error("a writer reordered the caller's slice")
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, "yaml", sample())
	var ufe *UnknownFormatError
	if !errors.As(err, &ufe) {
		t.Fatalf("Write(yaml) error = %v, want *UnknownFormatError", err)
	}
	if ufe.Name != "yaml" || !slices.Equal(ufe.Valid, Formats()) {
		t.Errorf("error = %+v", ufe)
	}
	const want = `unknown report format "yaml" (valid: github, json, junit, sarif, text)`
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q for an unknown format", buf.String())
	}
}

func TestWriteWithOptions(t *testing.T) {
	var buf bytes.Buffer
	opt := Options{Inputs: []string{"sources/clean.yaml"}, ToolVersion: "1.2.3", Rules: []Rule{{ID: "percent.sum", Short: "Shares must add up to 100%."}}}
	if err := WriteWith(&buf, "junit", sample(), opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `name="sources/clean.yaml"`) {
		t.Errorf("junit ignored Options.Inputs:\n%s", buf.String())
	}
	buf.Reset()
	if err := WriteWith(&buf, "sarif", sample(), opt); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version": "1.2.3"`, `"Shares must add up to 100%."`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("sarif lacks %s", want)
		}
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		c    issue.Counts
		want string
	}{
		{"none", issue.Counts{}, "0 errors, 0 warnings, 0 infos"},
		{"singular", issue.Counts{Error: 1, Warning: 1, Info: 1}, "1 error, 1 warning, 1 info"},
		{"mixed", issue.Counts{Error: 2, Warning: 1, Info: 3}, "2 errors, 1 warning, 3 infos"},
		{"large", issue.Counts{Error: 10000}, "10000 errors, 0 warnings, 0 infos"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summary(tt.c); got != tt.want {
				t.Errorf("Summary(%+v) = %q, want %q", tt.c, got, tt.want)
			}
		})
	}
}

func TestCleanPathAndURI(t *testing.T) {
	tests := []struct{ in, path, uri string }{
		{"", "", ""},
		{"sources/a.yaml", "sources/a.yaml", "sources/a.yaml"},
		{"./sources/../sources/a.yaml", "sources/a.yaml", "sources/a.yaml"},
		{"my sources/a#1.yaml", "my sources/a#1.yaml", "my%20sources/a%231.yaml"},
		{"a:b.yaml", "a:b.yaml", "./a:b.yaml"},
		{"100%.yaml", "100%.yaml", "100%25.yaml"},
		{`a\b.yaml`, `a\b.yaml`, "a%5Cb.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cleanPath(tt.in); got != tt.path {
				t.Errorf("cleanPath = %q, want %q", got, tt.path)
			}
			if got := fileURI(tt.in); got != tt.uri {
				t.Errorf("fileURI = %q, want %q", got, tt.uri)
			}
		})
	}
}
