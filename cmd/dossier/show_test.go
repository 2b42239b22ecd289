package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/pipeline/check"
	ddoc "dossier/pipeline/document"
	"dossier/pipeline/load"
	"dossier/pipeline/prepare"
)

var showLineRE = regexp.MustCompile(`^ *(\d*) │ ?(.*)$`)

// show prints the clean text line by line after the numbers of the file's
// lines: each line printed, copied as a quote, is found in the document at
// the line its number says.
func TestShowPrintsCopyableLinesWithFileLineNumbers(t *testing.T) {
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	d, _, err := prepare.File(seed, load.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	c := check.NewCorpus([]*ddoc.Document{d})
	raw, _ := os.ReadFile(seed)
	rawLines := strings.Split(string(raw), "\n")
	for _, arg := range []string{"mali-united-states", seed} {
		code, stdout, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "show", arg)...)
		if code != 0 || stderr != "" {
			t.Fatalf("show %s: exit %d\n%s", arg, code, stderr)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		clean := strings.Split(d.Text, "\n")
		if len(lines) != len(clean) {
			t.Fatalf("show %s: %d lines, the clean text has %d", arg, len(lines), len(clean))
		}
		numbered := 0
		for i, l := range lines {
			m := showLineRE.FindStringSubmatch(l)
			if m == nil || m[2] != clean[i] {
				t.Fatalf("line %q is not NUMBER │ %s", l, clean[i])
			}
			if m[2] == "" {
				if m[1] != "" {
					t.Errorf("empty line numbered: %q", l)
				}
				continue
			}
			numbered++
			if _, ok := c.Find(d, m[2]); !ok {
				t.Errorf("printed line %q is not found as a quote", m[2])
			}
			// The number is the file's line: the line's first words are there.
			n, _ := strconv.Atoi(m[1])
			words := strings.Fields(m[2])
			if n < 1 || n > len(rawLines) || !strings.Contains(rawLines[n-1], strings.Join(words[:min(3, len(words))], " ")) {
				t.Errorf("printed as line %s, which is not where the file has %q", m[1], m[2])
			}
		}
		if numbered < 20 {
			t.Errorf("only %d lines of text", numbered)
		}
		if !strings.Contains(stdout, "29 │ There is a U.S. Embassy in Bamako, Mali.\n") {
			t.Errorf("show %s lacks line 29:\n%s", arg, stdout)
		}
	}
}

// --facts marks every span the shipped facts quote, numbered in text order,
// with the fact's kind, file and line; a quote not found is reported with
// its closest passage.
func TestShowFacts(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, "- kind: mission\n  evidence:\n    document: mali-united-states\n    quote: There is a US Embassy in Bamako\n")
	shipped, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "facts"))
	t.Setenv("DOSSIER_FACTS", shipped+","+bad)
	code, stdout, stderr := dossier(t, dir, append(repoArgs(t), "show", "--facts", "mali-united-states")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"19 │ • ⟦8 Ambassador Gillian Milovanovic⟧8\n",
		"   │   8: official " + filepath.Join(shipped, "mali-united-states.yaml") + ":32\n",
		"29 │ ⟦17 There is a U.S. Embassy in Bamako, Mali.⟧17\n",
		// Two programs quote one sentence: the marks nest.
		"⟦5 ⟦6 USAID, Peace Corps, and other U.S. Government programs play a significant role in fostering sustainable economic and social development.⟧6⟧5",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if n := regexp.MustCompile(`(?m)^ +│   \d+: `).FindAllString(stdout, -1); len(n) != 17 {
		t.Errorf("%d marks, want one per shipped fact (17)", len(n))
	}
	if !strings.Contains(stderr, bad+":4:12: error evidence.quote-not-found:") || !strings.Contains(stderr, `the quote has "US" where the text has "U.S."`) {
		t.Errorf("stderr does not report the quote not found with its closest passage:\n%s", stderr)
	}
}

func TestShowUnknownDocument(t *testing.T) {
	code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "show", "no-such-document")...)
	if code != 2 || !strings.Contains(stderr, "no document no-such-document: not a file, nor the id of a document in") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
