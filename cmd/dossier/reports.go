package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"dossier/docs"
	"dossier/pipeline/export"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
	"dossier/pipeline/report"
)

// reportFlags are the CI-facing options that run and validate share.
type reportFlags struct {
	format        string
	junit         string
	sarif         string
	baseline      string
	writeBaseline string

	base    *report.Baseline    // the --baseline file, read by check
	display func(string) string // a file's name as printed (see displayer)
}

func addReportFlags(cmd *cobra.Command, rf *reportFlags) {
	f := cmd.Flags()
	f.StringVar(&rf.format, "format", "text", "diagnostics format: text (stderr), github or json (stdout)")
	f.StringVar(&rf.junit, "junit", "", "also write the issues as JUnit XML to `FILE`")
	f.StringVar(&rf.sarif, "sarif", "", "also write the issues as SARIF 2.1.0 to `FILE`")
	f.StringVar(&rf.baseline, "baseline", "", "only issues not recorded in the baseline `FILE` count toward the exit status")
	f.StringVar(&rf.writeBaseline, "write-baseline", "", "record today's issues as the baseline `FILE` (exit 0 once written)")
}

// check reads and checks what the flags name before anything is written:
// the format, the baseline (read here, so that a mistyped path stops the
// run before its outputs), a baseline that would be overwritten by
// --write-baseline, and the folders the report files go to.
func (rf *reportFlags) check(c *Config, reportFile string) error {
	rf.display = displayer(projectRoot(c))
	if !slices.Contains([]string{"text", "github", "json"}, rf.format) {
		return &exitError{exitUsage, fmt.Errorf("--format %q: want text, github or json", rf.format)}
	}
	if rf.baseline != "" && rf.writeBaseline != "" && sameFile(rf.baseline, rf.writeBaseline) {
		return &exitError{exitUsage, fmt.Errorf("--baseline and --write-baseline name the same file %s: the run would gate against the baseline it writes; write the new baseline to another file", rf.baseline)}
	}
	for _, out := range []struct{ flag, file string }{{"--report", reportFile}, {"--junit", rf.junit}, {"--sarif", rf.sarif}, {"--write-baseline", rf.writeBaseline}} {
		if out.file == "" {
			continue
		}
		if fi, err := os.Stat(filepath.Dir(out.file)); err != nil || !fi.IsDir() {
			return &exitError{exitUsage, fmt.Errorf("%s %s: no folder %s to write it in", out.flag, out.file, filepath.Dir(out.file))}
		}
	}
	if rf.baseline == "" {
		return nil
	}
	f, err := os.Open(rf.baseline)
	if err != nil {
		return &exitError{exitUsage, fmt.Errorf("--baseline: %w", err)}
	}
	defer f.Close()
	if rf.base, err = report.ReadBaseline(f); err != nil {
		return &exitError{exitUsage, fmt.Errorf("--baseline %s: %w", rf.baseline, err)}
	}
	return nil
}

// sameFile says whether two paths name one file: the same file when both
// exist, else the same cleaned absolute path.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// counted returns the issues that decide the exit status: all of them, or
// with a baseline only the new ones. It prints what the baseline says.
func (rf *reportFlags) counted(w io.Writer, issues []issue.Issue, v view) []issue.Issue {
	if rf.base == nil {
		return issues
	}
	d := report.Compare(rf.base, issues)
	printBaseline(w, rf.baseline, d, v, rf.display)
	return d.New
}

// displayed is a file's name as display prints it.
func displayed(display func(string) string, name string) string {
	if display == nil || name == "" {
		return name
	}
	return display(name)
}

// printBaseline says what the baseline found: the new issues the view
// shows and, unless quiet, the counts and the fixed ones.
func printBaseline(w io.Writer, file string, d report.Delta, v view, display func(string) string) {
	if !v.quiet {
		fixed := 0
		for _, e := range d.Fixed {
			fixed += e.Count
		}
		fmt.Fprintf(w, "dossier: baseline %s: %d new, %d still present, %d fixed\n", file, len(d.New), len(d.Present), fixed)
	}
	for _, is := range v.shown(d.New) {
		is.File = displayed(display, is.File)
		fmt.Fprintf(w, "  new: %s\n", is)
	}
	if v.quiet {
		return
	}
	for _, e := range d.Fixed {
		where := displayed(display, e.File)
		if e.Record != "" {
			where += " " + e.Record
		}
		fmt.Fprintf(w, "  fixed: %s %s %s (%d)\n", e.Code, where, e.Pointer, e.Count)
	}
}

// emit prints the diagnostics the view shows and writes the report files
// asked for, which hold every issue.
func (rf *reportFlags) emit(cmd *cobra.Command, res *model.Result, v view) error {
	var w io.Writer = cmd.ErrOrStderr()
	if rf.format != "text" {
		w = cmd.OutOrStdout()
	}
	opt := report.Options{Inputs: inputFiles(res), ToolVersion: Version, Rules: rules(), Baseline: rf.base, BaselineFile: rf.baseline}
	shown := opt
	shown.Display = rf.display
	if err := report.WriteWith(w, rf.format, v.shown(res.Issues), shown); err != nil {
		return &exitError{exitUsage, err}
	}
	for _, out := range []struct{ file, format string }{{rf.junit, "junit"}, {rf.sarif, "sarif"}} {
		if out.file == "" {
			continue
		}
		err := export.WriteFile(out.file, func(w io.Writer) error { return report.WriteWith(w, out.format, res.Issues, opt) })
		if err != nil {
			return &exitError{exitUsage, fmt.Errorf("--%s: %w", out.format, err)}
		}
	}
	if rf.writeBaseline != "" {
		err := export.WriteFile(rf.writeBaseline, func(w io.Writer) error { return report.WriteBaseline(w, res.Issues) })
		if err != nil {
			return &exitError{exitUsage, fmt.Errorf("--write-baseline: %w", err)}
		}
	}
	return nil
}

func inputFiles(res *model.Result) []string {
	var files []string
	for _, d := range res.Documents {
		files = append(files, d.Path)
	}
	for _, f := range res.Summary.Files {
		files = append(files, f.File)
	}
	return files
}

// checksURL is where docs/checks.md is read on the web; each SARIF rule's
// helpUri is it with the anchor of its code's heading.
const checksURL = "https://dossier.dev/" + docs.ChecksFile

// rules is the SARIF rule table: every code and family of issue.Codes, its
// help pointing at its heading in docs/checks.md.
func rules() []report.Rule {
	var out []report.Rule
	for _, c := range issue.Codes {
		r := report.Rule{ID: c.Code, Name: c.Code, Short: c.Summary, Severity: c.Severity}
		if anchor, ok := docs.CheckAnchor(c.Code); ok {
			r.Help = "See " + docs.ChecksFile + "#" + anchor
			r.HelpURI = checksURL + "#" + anchor
		}
		out = append(out, r)
	}
	return out
}
