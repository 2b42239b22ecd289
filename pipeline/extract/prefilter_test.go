package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline/document"
	"dossier/pipeline/prepare"
)

// texts are the sentences a trigger is tried on in these tests: every
// line of the shipped and test documents and of the development corpus
// when it is there, as written, in capitals and in title case.
func prefilterTexts(t *testing.T) []string {
	files, _ := filepath.Glob("../../sources/*.txt")
	more, _ := filepath.Glob("../testdata/cases/*/sources/*.txt")
	files = append(files, more...)
	more, _ = filepath.Glob("../../../shared/corpus/texts/*.txt") // the development corpus, when it is there
	files = append(files, more...)
	if os.Getenv("DOSSIER_CORPUS") != "" {
		more, _ = filepath.Glob(filepath.Join(os.Getenv("DOSSIER_CORPUS"), "texts", "*.txt"))
		files = append(files, more...)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			for _, s := range strings.SplitAfter(line, ". ") {
				out = append(out, s, strings.ToUpper(s), strings.Title(s)) //nolint:staticcheck // any casing will do
			}
		}
	}
	return out
}

// Every text a trigger's expression matches passes its prefilter and
// those of its branches: a prefilter only spares an expression texts it
// cannot match.
func TestPrefilterKeepsEveryMatch(t *testing.T) {
	texts := prefilterTexts(t)
	spared := 0
	for _, tr := range eventTriggers {
		for _, s := range texts {
			lower := " " + strings.ToLower(s)
			if !tr.fast.pre.MayMatchLower(lower) {
				spared++
				if tr.re.MatchString(s) {
					t.Errorf("%s: the prefilter turns away %q, which the expression matches", tr.typ, s)
				}
			}
			for i, br := range tr.fast.split.branches {
				if !tr.fast.split.pres[i].MayMatchLower(lower) && br.MatchString(s) {
					t.Errorf("%s: the prefilter of branch %s turns away %q, which it matches", tr.typ, br, s)
				}
			}
		}
	}
	if spared == 0 {
		t.Error("the prefilters turned nothing away")
	}
}

// Tried branch by branch, each trigger finds the match its whole
// expression finds.
func TestBranchesFindWhatTheWholeFinds(t *testing.T) {
	texts := prefilterTexts(t)
	branches := 0
	for _, tr := range eventTriggers {
		branches += len(tr.fast.split.branches)
		for _, s := range texts {
			checkBranches(t, tr, s)
		}
	}
	if branches < 3*len(eventTriggers) {
		t.Errorf("%d branches for %d triggers: the expressions were not split", branches, len(eventTriggers))
	}
}

// Split into its branches, the share expression finds every share its
// whole finds.
func TestShareBranchesFindAll(t *testing.T) {
	texts := append(prefilterTexts(t), "79% and seventy-nine percent", "ten per cent, 5 %", "two percent")
	for _, s := range texts {
		want := pctRE.Regexp.FindAllStringIndex(s, -1)
		if got := pctBranches.findAll(s, strings.ToLower(s), -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("branches find %v in %q, the whole %v", got, s, want)
		}
	}
	if len(pctBranches.branches) != 2 {
		t.Errorf("%d branches, want 2", len(pctBranches.branches))
	}
}

func checkBranches(t *testing.T, tr eventTrigger, s string) {
	t.Helper()
	lower := " " + strings.ToLower(s)
	want := tr.re.FindStringIndex(s)
	if got := tr.fast.split.findIndex(s, lower); !slices.Equal(got, want) {
		t.Errorf("%s: branches find %v in %q, the whole %v", tr.typ, got, s, want)
	}
	if got := tr.fast.split.matches(s, lower); got != (want != nil) {
		t.Errorf("%s: branches match %q: %v, the whole: %v", tr.typ, s, got, want != nil)
	}
}

func TestTopBranches(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`(?i)a|b(?:c|d)|[|]e`, []string{`(?i)a`, `(?i)b(?:c|d)`, `(?i)[|]e`}},
		{`(?i:a|b)|Operation\s+\p{Lu}`, []string{`(?i:a|b)`, `Operation\s+\p{Lu}`}},
		{`a\|b|[]|]c|[^]|]d`, []string{`a\|b`, `[]|]c`, `[^]|]d`}},
		{`a(?i)b|c`, []string{`a(?i)b|c`}}, // flags midway: not split
		{`abc`, []string{`abc`}},
	}
	for _, tt := range tests {
		if got := topBranches(tt.expr); !slices.Equal(got, tt.want) {
			t.Errorf("topBranches(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func FuzzPrefilter(f *testing.F) {
	f.Add("The coup of 2012 ousted the government.")
	f.Add("Relations were reſtored in 1990.")
	f.Add("Ties were RESTORED; the Kelvin sign: K.")
	f.Add("a signed agreement on aid")
	f.Fuzz(func(t *testing.T, s string) {
		lower := " " + strings.ToLower(s)
		for _, tr := range eventTriggers {
			if tr.re.MatchString(s) && !tr.fast.pre.MayMatchLower(lower) {
				t.Errorf("%s: the prefilter turns away %q, which the expression matches", tr.typ, s)
			}
			checkBranches(t, tr, s)
		}
		if got, want := pctBranches.findAll(s, lower, -1), pctRE.Regexp.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("share branches find %v in %q, the whole %v", got, s, want)
		}
	})
}

func BenchmarkClassifyClause(b *testing.B) {
	raw, err := os.ReadFile("../../sources/mali-united-states.txt")
	if err != nil {
		b.Fatal(err)
	}
	d := &document.Document{ID: "doc", Raw: raw}
	prepare.Text(d)
	c := NewContext(d, [2]string{"MLI", "USA"})
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range c.sents {
			for _, cl := range splitClauses(c.Doc.Text, s.start, s.end) {
				c.classifyClause(cl.start, cl.end)
			}
		}
	}
}
