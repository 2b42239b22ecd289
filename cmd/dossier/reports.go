package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

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
}

func addReportFlags(cmd *cobra.Command, rf *reportFlags) {
	f := cmd.Flags()
	f.StringVar(&rf.format, "format", "text", "diagnostics format: text (stderr), github or json (stdout)")
	f.StringVar(&rf.junit, "junit", "", "also write the issues as JUnit XML to `FILE`")
	f.StringVar(&rf.sarif, "sarif", "", "also write the issues as SARIF 2.1.0 to `FILE`")
	f.StringVar(&rf.baseline, "baseline", "", "only issues not recorded in the baseline `FILE` count toward the exit status")
	f.StringVar(&rf.writeBaseline, "write-baseline", "", "record today's issues as the baseline `FILE`")
}

func (rf *reportFlags) check() error {
	if !slices.Contains([]string{"text", "github", "json"}, rf.format) {
		return &exitError{exitUsage, fmt.Errorf("--format %q: want text, github or json", rf.format)}
	}
	return nil
}

// counted returns the issues that decide the exit status: all of them, or
// with a baseline only the new ones. It prints what the baseline says.
func (rf *reportFlags) counted(w io.Writer, issues []issue.Issue, v view) ([]issue.Issue, error) {
	if rf.baseline == "" {
		return issues, nil
	}
	f, err := os.Open(rf.baseline)
	if err != nil {
		return nil, &exitError{exitUsage, fmt.Errorf("baseline: %w", err)}
	}
	defer f.Close()
	b, err := report.ReadBaseline(f)
	if err != nil {
		return nil, &exitError{exitUsage, fmt.Errorf("baseline %s: %w", rf.baseline, err)}
	}
	d := report.Compare(b, issues)
	printBaseline(w, rf.baseline, d, v)
	return d.New, nil
}

// printBaseline says what the baseline found: the new issues the view
// shows and, unless quiet, the counts and the fixed ones.
func printBaseline(w io.Writer, file string, d report.Delta, v view) {
	if !v.quiet {
		fixed := 0
		for _, e := range d.Fixed {
			fixed += e.Count
		}
		fmt.Fprintf(w, "dossier: baseline %s: %d new, %d still present, %d fixed\n", file, len(d.New), len(d.Present), fixed)
	}
	for _, is := range v.shown(d.New) {
		fmt.Fprintf(w, "  new: %s\n", is)
	}
	if v.quiet {
		return
	}
	for _, e := range d.Fixed {
		where := e.File
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
	if err := report.Write(w, rf.format, v.shown(res.Issues)); err != nil {
		return &exitError{exitUsage, err}
	}
	opt := report.Options{Inputs: inputFiles(res), ToolVersion: Version, Rules: rules()}
	for _, out := range []struct{ file, format string }{{rf.junit, "junit"}, {rf.sarif, "sarif"}} {
		if out.file == "" {
			continue
		}
		err := writeFileAtomic(out.file, func(w io.Writer) error { return report.WriteWith(w, out.format, res.Issues, opt) })
		if err != nil {
			return &exitError{exitUsage, fmt.Errorf("--%s: %w", out.format, err)}
		}
	}
	if rf.writeBaseline != "" {
		err := writeFileAtomic(rf.writeBaseline, func(w io.Writer) error { return report.WriteBaseline(w, res.Issues) })
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

func rules() []report.Rule {
	var out []report.Rule
	for _, c := range issue.Codes {
		if strings.HasSuffix(c.Code, "*") {
			continue
		}
		out = append(out, report.Rule{ID: c.Code, Name: c.Code, Short: c.Summary, Help: "See docs/checks.md#" + strings.ReplaceAll(c.Code, ".", ""), Severity: c.Severity})
	}
	return out
}

// writeFileAtomic writes a file through a temporary file in its folder,
// synced before it is renamed over path, so that a reader or a crash never
// sees half of it. A new file is 0644 less the umask; a replaced one keeps
// its permissions.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	perm, keep := fs.FileMode(0o644), false
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		perm, keep = fi.Mode().Perm(), true
	}
	var f *os.File
	var err error
	for range 100 {
		name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), rand.Uint32()))
		if f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm); !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // fails once renamed
	if keep {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
