package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"dossier/pipeline/check"
	ddoc "dossier/pipeline/document"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/load"
	"dossier/pipeline/prepare"
)

// docFlags are the flags of the commands that read one document in a
// project: show and curate.
type docFlags struct {
	config string
}

func addDocFlags(cmd *cobra.Command, df *docFlags) {
	f := cmd.Flags()
	f.StringVar(&df.config, "config", "config.yaml", "read the settings from `FILE`")
	f.String("sources", "", "folder of source documents, where DOC is looked for by its id (overrides the config)")
	f.String("schemas", "", "folder of JSON Schemas (overrides the config)")
}

// load resolves the config with the flags the command binds to it (names,
// listed, of settings; a flag of the same name with another meaning, such
// as show's --facts, is left out).
func (df *docFlags) load(cmd *cobra.Command, bound ...string) (*Config, error) {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	for _, name := range append([]string{"sources", "schemas"}, bound...) {
		if f := cmd.Flags().Lookup(name); f != nil {
			fs.AddFlag(f)
		}
	}
	c, err := loadConfig(df.config, cmd.Flags().Changed("config"), fs)
	if err != nil {
		return nil, &exitError{exitUsage, err}
	}
	return c, nil
}

// readDocument finds DOC, a path to an article or the id of a document of
// the sources folder, and prepares it as a run does: cleaned, segmented.
func readDocument(c *Config, arg string, stderr io.Writer) (*ddoc.Document, error) {
	path := arg
	if _, err := os.Stat(path); err != nil {
		byID := filepath.Join(c.Sources, arg+".txt")
		if _, err2 := os.Stat(byID); err2 != nil || c.Sources == "" || strings.ContainsAny(arg, `/\`) {
			return nil, &exitError{exitUsage, fmt.Errorf("no document %s: not a file, nor the id of a document in %s", arg, cmpOr(c.Sources, "the sources"))}
		}
		path = byID
	}
	d, issues, err := prepare.File(path, c.Limits)
	if err != nil {
		return nil, &exitError{exitUsage, err}
	}
	for _, is := range issues {
		fmt.Fprintln(stderr, is.String())
	}
	if d == nil {
		return nil, &exitError{exitUsage, fmt.Errorf("%s: not read (see above)", path)}
	}
	return d, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func newShowCmd() *cobra.Command {
	df := &docFlags{}
	var marks bool
	cmd := &cobra.Command{
		Use:   "show DOC",
		Short: "Print a document's cleaned text with line numbers, the text quotes are compared with",
		Long: `Show prints the cleaned text of a document (DOC: a path, or the id of a
document in the sources folder) as dossier compares quotes with it, each line
after the number of the line of the file it comes from: the numbers that
diagnostics and exports give. A quote copied from it is found (dossier then
also unifies white space, dashes and quotation marks).

With --facts, the spans that the facts of the fact files quote are marked
under their lines, each with the fact's kind, file and line; quotes not found
are reported on stderr with the closest passage.

Exit status: 0; 2 when the document or a fact file cannot be read; 130 when
interrupted.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := df.load(cmd)
			if err != nil {
				return err
			}
			d, err := readDocument(c, args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			var ms []mark
			if marks {
				if ms, err = quotedSpans(cmd, c, d); err != nil {
					return err
				}
			}
			return showText(cmd.OutOrStdout(), d, ms)
		},
	}
	addDocFlags(cmd, df)
	cmd.Flags().BoolVar(&marks, "facts", false, "mark the spans that the facts of the fact files (the config's facts) quote")
	return cmd
}

// mark is a span of the clean text to underline, with its label.
type mark struct {
	start, end int
	label      string
}

// quotedSpans finds the spans of d that the facts of the config's fact
// files quote; a quote not found is reported on stderr.
func quotedSpans(cmd *cobra.Command, c *Config, d *ddoc.Document) ([]mark, error) {
	files, err := load.FactFiles(c.Facts)
	if err != nil {
		return nil, &exitError{exitUsage, err}
	}
	corpus := check.NewCorpus([]*ddoc.Document{d})
	display := displayer(projectRoot(c))
	var out []mark
	var missing []issue.Issue
	for _, file := range files {
		if err := cmd.Context().Err(); err != nil {
			return nil, err
		}
		name := file
		if display != nil {
			name = display(file)
		}
		sink := load.Sink{Name: name, Limits: c.Limits, Reject: func(issue.Issue) {}, Issue: func(issue.Issue) {},
			Fact: func(f *fact.Fact) {
				if f.String("/evidence/document") != d.ID {
					return
				}
				if is := check.Evidence(corpus, f); len(is) > 0 {
					missing = append(missing, is...)
					return
				}
				kind, _ := f.Fields["kind"].(string)
				out = append(out, mark{start: f.Span.Start, end: f.Span.End, label: fmt.Sprintf("%s %s:%d", cmpOr(kind, "fact"), f.File, f.Pos.Line)})
			}}
		if err := load.ReadFactFile(file, sink); err != nil {
			return nil, &exitError{exitUsage, err}
		}
	}
	for _, is := range missing {
		fmt.Fprintln(cmd.ErrOrStderr(), is.String())
	}
	slices.SortStableFunc(out, func(a, b mark) int { return a.start - b.start })
	return out, nil
}

// showText writes the clean text of d, each line after the number of its
// line in the file (none for an empty line, which stands between blocks).
// A mark is numbered in the order of the text and shown inline, ⟦n where
// its span starts and ⟧n where it ends, with its label on a line of its
// own under the line it starts in; inline, the marks stay where they are
// when a terminal wraps a long paragraph.
func showText(w io.Writer, d *ddoc.Document, marks []mark) error {
	bw := bufio.NewWriter(w)
	width := len(strconv.Itoa(max(1, d.Pos(len(d.Text)).Line)))
	for off := 0; off < len(d.Text) || off == 0; {
		end := strings.IndexByte(d.Text[off:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += off
		}
		num := ""
		if end > off {
			num = strconv.Itoa(d.Pos(off).Line)
		}
		text, legend := markLine(d.Text, off, end, marks)
		fmt.Fprintln(bw, strings.TrimRight(fmt.Sprintf("%*s │ %s", width, num, text), " "))
		for _, l := range legend {
			fmt.Fprintf(bw, "%*s │   %s\n", width, "", l)
		}
		off = end + 1
	}
	return bw.Flush()
}

// markLine writes the line text[off:end] with the marks that start or end
// in it, and the legend of those that start in it.
func markLine(text string, off, end int, marks []mark) (string, []string) {
	type insert struct {
		at, n int
		close bool
		s     string
	}
	var ins []insert
	var legend []string
	for n, m := range marks {
		if m.start >= off && m.start <= end {
			ins = append(ins, insert{m.start, n, false, fmt.Sprintf("⟦%d ", n+1)})
			legend = append(legend, fmt.Sprintf("%d: %s", n+1, m.label))
		}
		if m.end >= off && m.end <= end && m.end > m.start {
			ins = append(ins, insert{m.end, n, true, fmt.Sprintf("⟧%d", n+1)})
		}
	}
	// At one place, marks that end come before marks that start, and
	// they nest: the last opened closes first.
	slices.SortStableFunc(ins, func(a, b insert) int {
		switch {
		case a.at != b.at:
			return a.at - b.at
		case a.close != b.close && a.close:
			return -1
		case a.close != b.close:
			return 1
		case a.close:
			return b.n - a.n
		}
		return a.n - b.n
	})
	var b strings.Builder
	at := off
	for _, i := range ins {
		b.WriteString(text[at:i.at])
		b.WriteString(i.s)
		at = i.at
	}
	b.WriteString(text[at:end])
	return b.String(), legend
}
