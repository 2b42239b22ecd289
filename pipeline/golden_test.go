package pipeline_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier/pipeline"
	"dossier/pipeline/issue"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/cases")

// TestGoldenCases runs the pipeline on each folder of testdata/cases (its
// sources/ and sources/facts/) against the shipped schemas and compares
// every diagnostic line, and the counts, with the folder's expected.txt.
// Run with -update to rewrite them, then read the diff before committing.
func TestGoldenCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := pipeline.Run(context.Background(), pipeline.Options{
				Sources: filepath.Join(dir, "sources"),
				Facts:   []string{filepath.Join(dir, "sources", "facts")},
				Schemas: "../schemas",
			})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, is := range res.Issues {
				b.WriteString(strings.ReplaceAll(is.String(), dir+string(filepath.Separator), ""))
				b.WriteByte('\n')
			}
			s := res.Summary
			b.WriteString("-- summary\n")
			for _, f := range s.Files {
				b.WriteString(strings.ReplaceAll(f.File, dir+string(filepath.Separator), ""))
				b.WriteString(": read " + strconv.Itoa(f.Read) + ", exported " + strconv.Itoa(f.Exported) + ", rejected " + strconv.Itoa(f.Rejected) + "\n")
			}
			b.WriteString("-- changes\n")
			for _, kind := range res.KindsInOrder() {
				for _, f := range res.Facts[kind] {
					for _, c := range f.Changes {
						fmt.Fprintf(&b, "%s:%d:%d: %s %s: %q -> %q (%s)\n", strings.ReplaceAll(f.File, dir+string(filepath.Separator), ""), c.Line, c.Column, f.ID, c.Pointer, c.Before, c.After, c.Normalizer)
					}
				}
			}
			got := b.String()
			golden := filepath.Join(dir, "expected.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenCases -update)", err)
			}
			if got != string(want) {
				t.Errorf("diagnostics differ from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}

// Every code the golden cases raise is in the code table, so SARIF rules and
// docs/checks.md cover it.
func TestGoldenCodesAreInTheTable(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*/expected.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		issues, _, _ := strings.Cut(string(data), "-- summary")
		for _, line := range strings.Split(issues, "\n") {
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasSuffix(fields[2], ":") {
				continue
			}
			code := strings.TrimSuffix(fields[2], ":")
			if _, ok := issue.LookupCode(code); !ok {
				t.Errorf("%s: code %s is not in issue.Codes", f, code)
			}
		}
	}
}
