package report

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"dossier/pipeline/issue"
)

// Options carries what some formats need beyond the issues. The zero value
// is valid for every format.
type Options struct {
	// Inputs lists every input file; junit writes a passing test case for
	// each one that has no error.
	Inputs []string
	// ToolVersion is the version sarif gives the dossier driver.
	ToolVersion string
	// Rules is the code table sarif describes its rules from.
	Rules []Rule
	// Baseline, when set, marks the issues it covers (as Compare decides)
	// as known: github writes them as notices, junit lists them without
	// failing, and sarif gives every result a baselineState and the known
	// ones an external suppression. BaselineFile names it in what they say.
	Baseline     *Baseline
	BaselineFile string
	// Display, when set, gives the text, github and json formats the path
	// to print for an issue's file (the CLI prints paths as seen from the
	// working directory, while issues name files relative to the project's
	// folder, as report files and baselines do). The baseline matches the
	// issues' own names.
	Display func(file string) string
}

// display returns the file name to print for file.
func (opt Options) display(file string) string {
	if opt.Display == nil || file == "" {
		return file
	}
	return opt.Display(file)
}

// displayed returns issues with their files as opt.Display prints them.
func (opt Options) displayed(issues []issue.Issue) []issue.Issue {
	if opt.Display == nil {
		return issues
	}
	out := slices.Clone(issues)
	for i := range out {
		out[i].File = opt.display(out[i].File)
	}
	return out
}

// known says, for each issue of a sorted slice, whether opt's baseline
// covers it; nil when there is no baseline.
func (opt Options) known(sortedIssues []issue.Issue) []bool {
	if opt.Baseline == nil {
		return nil
	}
	k, _ := cover(opt.Baseline, sortedIssues)
	return k
}

// format is one entry of the table of report formats.
type format struct {
	name  string
	help  string
	write func(w io.Writer, issues []issue.Issue, opt Options) error
}

// formats is the table of report formats, sorted by name. It is the one place
// that names them: Write, Formats and Describe all read it.
var formats = []format{
	{"github", "GitHub Actions workflow commands (::error file=F,line=L,col=C,title=CODE::MESSAGE)", writeGitHub},
	{"json", "the issues as a JSON array",
		func(w io.Writer, is []issue.Issue, o Options) error { return WriteJSON(w, o.displayed(sorted(is))) }},
	{"junit", "JUnit XML, a test case per input file and a failure per error", writeJUnit},
	{"sarif", "SARIF 2.1.0 log for code-scanning tools", writeSARIF},
	{"text", "one issue a line: FILE:LINE:COL: SEVERITY CODE: MESSAGE",
		func(w io.Writer, is []issue.Issue, o Options) error { return WriteText(w, o.displayed(sorted(is))) }},
}

// Formats returns the names of the report formats, sorted.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// Describe returns the one-line help of the named format, and false when there
// is no such format.
func Describe(name string) (string, bool) {
	f, ok := lookup(name)
	return f.help, ok
}

func lookup(name string) (format, bool) {
	for _, f := range formats {
		if f.name == name {
			return f, true
		}
	}
	return format{}, false
}

// UnknownFormatError reports a format name that is not in the table.
type UnknownFormatError struct {
	Name  string
	Valid []string
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("unknown report format %q (valid: %s)", e.Name, strings.Join(e.Valid, ", "))
}

// Write writes issues to w in the named format with zero Options. An unknown
// name is an *UnknownFormatError listing the valid ones.
func Write(w io.Writer, format string, issues []issue.Issue) error {
	return WriteWith(w, format, issues, Options{})
}

// WriteWith writes issues to w in the named format, taking from opt what the
// format needs. An unknown name is an *UnknownFormatError.
func WriteWith(w io.Writer, format string, issues []issue.Issue, opt Options) error {
	f, ok := lookup(format)
	if !ok {
		return &UnknownFormatError{Name: format, Valid: Formats()}
	}
	return f.write(w, issues, opt)
}

// Summary formats counts as "2 errors, 1 warning, 3 infos", always naming all
// three severities.
func Summary(c issue.Counts) string {
	return fmt.Sprintf("%s, %s, %s", plural(c.Error, "error"), plural(c.Warning, "warning"), plural(c.Info, "info"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// sorted returns issues in issue.Compare order: the slice itself when it is
// already sorted, otherwise a sorted copy. The caller's slice is never changed.
func sorted(issues []issue.Issue) []issue.Issue {
	if slices.IsSortedFunc(issues, issue.Compare) {
		return issues
	}
	c := slices.Clone(issues)
	issue.Sort(c)
	return c
}

// cleanPath returns p with forward slashes and without "./" or "a/../"
// detours, so that "./sources/a.yaml" and "sources/a.yaml" name one file.
// The empty path stays empty.
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	return path.Clean(filepath.ToSlash(p))
}

// fileURI returns p as a URI reference: forward slashes, with the characters
// that a URI reserves (space, %, #, ?, ...) percent-encoded.
func fileURI(p string) string {
	u := url.URL{Path: cleanPath(p)}
	return u.String()
}
