// Command dossier validates, normalizes, checks and exports facts about the
// relations between countries and the articles they cite.
//
// Exit status: 0 when no issue reaches --fail-on; 1 when data issues do;
// 2 for usage, configuration or I/O errors.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"dossier/pipeline"
	"dossier/pipeline/diff"
	"dossier/pipeline/export"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
	"dossier/pipeline/schema"
)

// Version is the tool's version, written into every output.
const Version = "0.1.0"

// Exit statuses.
const (
	exitOK    = 0
	exitData  = 1
	exitUsage = 2
	// exitInterrupted is the shell's status for a process stopped by SIGINT.
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// exitError carries an exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func (e *exitError) Unwrap() error { return e.err }

// run executes the command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// The last line of defence: stages recover their own panics.
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "dossier: internal error: %v (please report it with this message)\n", p)
			code = exitUsage
		}
	}()
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if g := profiling; g != nil {
		profiling = nil
		if perr := g.stopProfile(); perr != nil && err == nil {
			err = perr
		}
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		fmt.Fprintln(stderr, "dossier: interrupted; no output was changed")
		return exitInterrupted
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "dossier: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "dossier: %v\n", err)
	return exitUsage
}

type globalFlags struct {
	config     string
	out        string
	failOn     string
	cpuProfile string
	memProfile string
	cpuFile    *os.File
}

// quiet silences the progress bar (which shows only on a terminal anyway).
var quiet bool

// profiling is the command whose profiles run stops and writes, whatever
// the command's exit status.
var profiling *globalFlags

func (g *globalFlags) startProfile() error {
	profiling = g
	if g.cpuProfile == "" {
		return nil
	}
	f, err := os.Create(g.cpuProfile)
	if err != nil {
		return &exitError{exitUsage, err}
	}
	g.cpuFile = f
	return pprof.StartCPUProfile(f)
}

func (g *globalFlags) stopProfile() error {
	if g.cpuFile != nil {
		pprof.StopCPUProfile()
		g.cpuFile.Close()
		g.cpuFile = nil
	}
	if g.memProfile != "" {
		f, err := os.Create(g.memProfile)
		if err != nil {
			return &exitError{exitUsage, err}
		}
		defer f.Close()
		return pprof.WriteHeapProfile(f)
	}
	return nil
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Validate, normalize, check and export facts about the relations between countries",
		Long: `dossier reads source articles and the structured facts that cite them,
validates both against JSON Schemas, checks that they agree with each other and
with their sources, and exports JSON, CSV and XLSX.

Exit status: 0 no issue at or above --fail-on; 1 data issues; 2 usage,
configuration or I/O error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{exitUsage, fmt.Errorf("%v (see %s --help)", err, c.CommandPath())}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.config, "config", "config.yaml", "config file")
	pf.StringVar(&g.out, "out", "", "output folder (default from the config: out)")
	pf.StringVar(&g.failOn, "fail-on", "", "lowest severity that fails the run: error or warning (default from the config: error)")
	pf.BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	pf.StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile to `FILE` (go tool pprof)")
	pf.StringVar(&g.memProfile, "memprofile", "", "write a heap profile to `FILE` at the end (go tool pprof)")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error { return g.startProfile() }
	root.AddCommand(newRunCmd(g), newValidateCmd(g), newExtractCmd(), newDiffCmd(), newVersionCmd())
	return root
}

// flagKeys binds command-line flags to config keys.
var flagKeys = map[string]string{"out": "out", "fail_on": "fail-on", "schemas": "schemas", "facts": "facts", "sources": "sources",
	"export.csv_bom": "csv-bom", "export.jsonl": "jsonl", "jobs": "jobs"}

func config(cmd *cobra.Command, g *globalFlags) (*Config, error) {
	c, err := loadConfig(g.config, cmd.Flags().Changed("config"), cmd.Flags(), flagKeys)
	if err != nil {
		return nil, &exitError{exitUsage, err}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft target: past it the collector works harder (never more
		// than half the CPU) rather than let the heap grow with the input.
		debug.SetMemoryLimit(c.MemoryMiB << 20)
	}
	return c, nil
}

func addInputFlags(cmd *cobra.Command) {
	cmd.Flags().String("sources", "", "folder of source documents (overrides the config)")
	cmd.Flags().StringArray("facts", nil, "a fact file or folder, repeatable (overrides the config)")
	cmd.Flags().String("schemas", "", "folder of JSON Schemas (overrides the config)")
	cmd.Flags().Int("jobs", 0, "workers for the per-record stages (default from the config: one per core)")
}

func newRunCmd(g *globalFlags) *cobra.Command {
	rf := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the whole pipeline and write the outputs",
		Long: `Run loads, cleans, validates and checks every source and fact, then writes
out/dossier.json, out/csv/*.csv, out/dossier.xlsx and out/report.json.
Valid facts are always exported; the exit status says whether any issue
reached --fail-on.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := config(cmd, g)
			if err != nil {
				return err
			}
			if err := rf.check(); err != nil {
				return err
			}
			opt := export.Options{Version: Version, CSVBOM: c.CSVBOM, FormulaGuard: c.FormulaGuard, JSONL: c.JSONL}
			if opt.Epoch, err = sourceDateEpoch(); err != nil {
				return &exitError{exitUsage, err}
			}
			w, err := export.NewWriter(c.Out, nil, opt)
			if err != nil {
				return &exitError{exitUsage, err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "dossier: writing outputs to %s\n", c.Out)
			res, err := runPipeline(cmd.Context(), c, w, cmd.ErrOrStderr())
			if err != nil {
				w.Abort()
				return err
			}
			if err := rf.emit(cmd, res); err != nil {
				return err
			}
			printSummary(cmd.ErrOrStderr(), res, c.Out)
			return verdict(cmd, rf, res, c)
		},
	}
	addInputFlags(cmd)
	addReportFlags(cmd, rf)
	cmd.Flags().Bool("csv-bom", false, "start each CSV with a UTF-8 byte order mark, for Excel on Windows")
	cmd.Flags().Bool("jsonl", false, "also write out/jsonl/<kind>.jsonl")
	return cmd
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the one way a date gets into
// the outputs (reproducible-builds.org).
func sourceDateEpoch() (*time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
	}
	t := time.Unix(n, 0).UTC()
	return &t, nil
}

func newValidateCmd(g *globalFlags) *cobra.Command {
	var reportFile string
	rf := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Load and check everything; write nothing unless --report is given (the CI gate)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := config(cmd, g)
			if err != nil {
				return err
			}
			if err := rf.check(); err != nil {
				return err
			}
			res, err := runPipeline(cmd.Context(), c, pipeline.Discard{}, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if err := rf.emit(cmd, res); err != nil {
				return err
			}
			if reportFile != "" {
				if err := writeReportFile(reportFile, res); err != nil {
					return &exitError{exitUsage, err}
				}
			}
			printSummary(cmd.ErrOrStderr(), res, "")
			return verdict(cmd, rf, res, c)
		},
	}
	addInputFlags(cmd)
	addReportFlags(cmd, rf)
	cmd.Flags().StringVar(&reportFile, "report", "", "write the report (counts and issues) as JSON to `FILE`")
	return cmd
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "dossier %s\n", Version)
		},
	}
}

func runPipeline(ctx context.Context, c *Config, sink pipeline.Sink, stderr io.Writer) (*model.Result, error) {
	bar := newProgress(stderr, c.Facts, quiet)
	res, err := pipeline.Run(ctx, pipeline.Options{Sources: c.Sources, Facts: c.Facts, Schemas: c.Schemas, Jobs: c.Jobs, Extract: c.Extract,
		Limits: c.Limits, ExtractTime: c.ExtractTime, Sink: sink, Progress: bar.callback()})
	bar.finish()
	if err != nil {
		var se *schema.Error
		if errors.As(err, &se) {
			return nil, &exitError{exitUsage, fmt.Errorf("schema: %w", err)}
		}
		return nil, &exitError{exitUsage, err}
	}
	return res, nil
}

func writeReportFile(path string, res *model.Result) error {
	return writeFileAtomic(path, func(w io.Writer) error { return export.WriteReport(w, res, Version) })
}

func printSummary(w io.Writer, res *model.Result, out string) {
	s := res.Summary
	fmt.Fprintf(w, "dossier: %s, %d facts read, %d exported, %d rejected; %s",
		plural(s.Documents, "document"), s.Read, s.Exported, s.Rejected, countsText(s.Issues))
	if out != "" {
		fmt.Fprintf(w, "; wrote %s", out)
	}
	fmt.Fprintln(w)
	for _, f := range s.Files {
		fmt.Fprintf(w, "  %s: %d read = %d exported + %d rejected\n", f.File, f.Read, f.Exported, f.Rejected)
	}
}

func countsText(c issue.Counts) string {
	return fmt.Sprintf("%s, %s, %s", plural(c.Error, "error"), plural(c.Warning, "warning"), plural(c.Info, "info"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// verdict turns the issues (with a baseline, the new ones) into the exit
// status.
func verdict(cmd *cobra.Command, rf *reportFlags, res *model.Result, c *Config) error {
	counted, err := rf.counted(cmd.ErrOrStderr(), res.Issues)
	if err != nil {
		return err
	}
	threshold := issue.Error
	if c.FailOn == "warning" {
		threshold = issue.Warning
	}
	if issue.Tally(counted).AtLeast(threshold) > 0 {
		return &exitError{exitData, nil}
	}
	return nil
}

func newDiffCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two dossier.json files: facts and issues",
		Long: `Diff compares two runs' dossier.json: facts added, removed and changed (by
id, field by field) and issues new and fixed. It exits 0 whatever differs;
1 is for data issues of a run, not for differences.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &exitError{exitUsage, fmt.Errorf("--format %q: want text or json", format)}
			}
			old, err := diff.Read(args[0])
			if err != nil {
				return &exitError{exitUsage, err}
			}
			cur, err := diff.Read(args[1])
			if err != nil {
				return &exitError{exitUsage, err}
			}
			r := diff.Compare(old, cur)
			if format == "json" {
				return diff.WriteJSON(cmd.OutOrStdout(), r)
			}
			return diff.WriteText(cmd.OutOrStdout(), r)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
