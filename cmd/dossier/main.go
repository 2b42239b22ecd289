// Command dossier validates, normalizes, checks and exports facts about the
// relations between countries and the articles they cite.
//
// Exit status (exitStatusHelp, shown by --help):
//
//	0    no issue at or above --fail-on
//	1    data issues at or above --fail-on
//	2    usage, configuration, schema or I/O error; also an internal error
//	     (a panic: the stages and run recover it and say "internal error";
//	     the Go runtime exits 2 for any other)
//	130  interrupted (SIGINT or SIGTERM); no output was changed
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"dossier/pipeline"
	"dossier/pipeline/diff"
	"dossier/pipeline/export"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/model"
	"dossier/pipeline/report"
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

// exitStatusHelp is the help's account of the exit statuses; run returns
// exactly these.
const exitStatusHelp = `Exit status:
  0    no issue at or above --fail-on (default: error)
  1    data issues at or above --fail-on
  2    usage, configuration, schema or I/O error; also an internal error
       (a bug in dossier: please report it with its message)
  130  interrupted (Ctrl-C or SIGTERM); no output was changed`

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
	a := &app{}
	root := a.root(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if perr := a.stopProfile(); perr != nil && err == nil {
		err = perr
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

// app is one invocation's wiring: the profiles its command started, which
// run stops and writes whatever the command's exit status.
type app struct {
	cpuFile    *os.File
	memProfile string
}

// startProfile starts the profiles the command's flags ask for; a command
// without the flags asks for none.
func (a *app) startProfile(flags *pflag.FlagSet) error {
	a.memProfile, _ = flags.GetString("memprofile")
	cpu, _ := flags.GetString("cpuprofile")
	if cpu == "" {
		return nil
	}
	f, err := os.Create(cpu)
	if err != nil {
		return &exitError{exitUsage, err}
	}
	a.cpuFile = f
	return pprof.StartCPUProfile(f)
}

func (a *app) stopProfile() error {
	if a.cpuFile != nil {
		pprof.StopCPUProfile()
		a.cpuFile.Close()
		a.cpuFile = nil
	}
	if a.memProfile != "" {
		f, err := os.Create(a.memProfile)
		if err != nil {
			return &exitError{exitUsage, err}
		}
		defer f.Close()
		return pprof.WriteHeapProfile(f)
	}
	return nil
}

func (a *app) root(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Validate, normalize, check and export facts about the relations between countries",
		Long: `dossier reads source articles and the structured facts that cite them,
validates both against JSON Schemas, checks that they agree with each other and
with their sources, and exports JSON, CSV and XLSX.

` + exitStatusHelp,
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error { return a.startProfile(cmd.Flags()) },
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newRunCmd(), newValidateCmd(), newExtractCmd(), newShowCmd(), newCurateCmd(), newDiffCmd(), newVersionCmd())
	return root
}

// flagError words a flag the command refuses: an unknown flag with the
// one meant (or the commands that have it), a bad value with what the flag
// wants. Exit status 2.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	// How pflag words a value its flag's type refuses.
	valueError := regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: strconv\.Parse(Int|Bool)`)
	if m := valueError.FindStringSubmatch(msg); m != nil {
		want := map[string]string{"Int": "a whole number", "Bool": "true or false"}[m[3]]
		msg = fmt.Sprintf("%s: want %s, not %q", m[2], want, m[1])
	} else if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		msg += flagHint(c, name, false)
	} else if name, ok := strings.CutPrefix(msg, "unknown shorthand flag: '"); ok && len(name) > 1 && name[1] == '\'' {
		msg += flagHint(c, name[:1], true)
	}
	return &exitError{exitUsage, fmt.Errorf("%s (see %s --help)", msg, c.CommandPath())}
}

// flagHint suggests the flag of c closest to an unknown name, or else names
// the other commands that have a flag of that name. short says the name is
// a one-letter shorthand.
func flagHint(c *cobra.Command, name string, short bool) string {
	if !short {
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if near := nearest(name, names, 2); near != "" {
			return fmt.Sprintf("; did you mean --%s?", near)
		}
	}
	var owners []string
	for _, o := range c.Root().Commands() {
		f := o.Flags().Lookup(name)
		if short {
			f = o.Flags().ShorthandLookup(name)
		}
		if o != c && f != nil {
			owners = append(owners, o.Name())
		}
	}
	flag := "--" + name
	if short {
		flag = "-" + name
	}
	switch {
	case len(owners) == 0:
		return ""
	case !c.HasParent():
		return fmt.Sprintf("; %s is a flag of %s: give it after the command, as in dossier %s %s", flag, wordList(owners, "and"), owners[0], flag)
	}
	return fmt.Sprintf("; %s is a flag of %s, not of %s", flag, wordList(owners, "and"), c.Name())
}

// configFlags are the flags of the commands that read the config, run and
// validate; the flags bound to config keys are read by loadConfig by name.
type configFlags struct {
	config string
	quiet  bool
}

func addConfigFlags(cmd *cobra.Command, cf *configFlags) {
	f := cmd.Flags()
	f.StringVar(&cf.config, "config", "config.yaml", "read the settings from `FILE`")
	f.String("fail-on", "", "lowest severity that fails the run: error or warning (default from the config: error)")
	f.String("min-severity", "", "lowest severity of the diagnostics shown: info, warning or error (default from the config: info); the exit status does not depend on it")
	f.BoolVarP(&cf.quiet, "quiet", "q", false, "show errors only: no progress bar, no summary, no diagnostic below error unless --min-severity is given")
	f.String("sources", "", "folder of source documents (overrides the config)")
	f.StringArray("facts", nil, "a fact file or folder, repeatable (overrides the config)")
	f.String("schemas", "", "folder of JSON Schemas (overrides the config)")
	f.Int("jobs", 0, "workers for the per-record stages (default from the config: one per core)")
	addProfileFlags(cmd)
}

func addProfileFlags(cmd *cobra.Command) {
	cmd.Flags().String("cpuprofile", "", "write a CPU profile to `FILE` (go tool pprof)")
	cmd.Flags().String("memprofile", "", "write a heap profile to `FILE` at the end (go tool pprof)")
}

// view is what the user asked to see on stderr. Neither field changes the
// exit status.
type view struct {
	quiet bool           // no progress bar, summary or chatter
	min   issue.Severity // the lowest severity of the diagnostics shown
}

// shown returns the issues at or above the lowest severity shown.
func (v view) shown(issues []issue.Issue) []issue.Issue {
	if v.min == issue.Info {
		return issues
	}
	var out []issue.Issue
	for _, is := range issues {
		if is.Severity >= v.min {
			out = append(out, is)
		}
	}
	return out
}

// load resolves the config of a command and what to show, and warns of
// unknown DOSSIER_ variables.
func (cf *configFlags) load(cmd *cobra.Command) (*Config, view, error) {
	c, err := loadConfig(cf.config, cmd.Flags().Changed("config"), cmd.Flags())
	if err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) && ce.Flag != "" {
			err = fmt.Errorf("%w (see %s --help)", err, cmd.CommandPath())
		}
		return nil, view{}, &exitError{exitUsage, err}
	}
	v := view{quiet: cf.quiet, min: c.MinSeverity}
	if cf.quiet && !cmd.Flags().Changed("min-severity") {
		v.min = max(v.min, issue.Error)
	}
	if v.min <= issue.Warning {
		for _, w := range unknownVariables(os.Environ()) {
			fmt.Fprintf(cmd.ErrOrStderr(), "dossier: warning: %s\n", w)
		}
	}
	memoryBudget(c.MemoryMiB << 20)
	return c, v, nil
}

func newRunCmd() *cobra.Command {
	cf := &configFlags{}
	rf := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the whole pipeline and write the outputs",
		Long: `Run loads, cleans, validates and checks every source and fact, then writes
out/dossier.json, out/csv/*.csv, out/dossier.xlsx, out/report.json and
out/review.html.
Valid facts are always exported; the exit status says whether any issue
reached --fail-on.

` + exitStatusHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, v, err := cf.load(cmd)
			if err != nil {
				return err
			}
			if err := rf.check(c, ""); err != nil {
				return err
			}
			opt := export.Options{Version: Version, CSVBOM: c.CSVBOM, FormulaGuard: c.FormulaGuard, JSONL: c.JSONL, NoReview: !c.Review}
			if opt.Epoch, err = sourceDateEpoch(); err != nil {
				return &exitError{exitUsage, err}
			}
			set, err := loadSchemas(c)
			if err != nil {
				return err
			}
			if !v.quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "dossier: writing outputs to %s\n", c.Out)
			}
			w := &lazyWriter{out: c.Out, opt: opt}
			res, err := runPipeline(cmd.Context(), c, set, w, cmd.ErrOrStderr(), v)
			if err != nil {
				w.Abort()
				return err
			}
			if err := rf.emit(cmd, res, v); err != nil {
				return err
			}
			if !v.quiet {
				printSummary(cmd.ErrOrStderr(), res, c.Out, rf.display)
			}
			return verdict(cmd, rf, res, c, v)
		},
	}
	addConfigFlags(cmd, cf)
	addReportFlags(cmd, rf)
	cmd.Flags().String("out", "", "output folder (default from the config: out)")
	cmd.Flags().Bool("csv-bom", false, "start each CSV with a UTF-8 byte order mark, for Excel on Windows")
	cmd.Flags().Bool("jsonl", false, "also write out/jsonl/<kind>.jsonl")
	cmd.Flags().Bool("review", true, "write out/review.html, the run as one page to read (--review=false leaves it out)")
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

func newValidateCmd() *cobra.Command {
	var reportFile string
	cf := &configFlags{}
	rf := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Load and check everything; write nothing unless --report is given (the CI gate)",
		Long: `Validate loads, cleans, validates and checks every source and fact as run
does, and writes nothing unless --report, --junit, --sarif or
--write-baseline is given.

` + exitStatusHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, v, err := cf.load(cmd)
			if err != nil {
				return err
			}
			if err := rf.check(c, reportFile); err != nil {
				return err
			}
			set, err := loadSchemas(c)
			if err != nil {
				return err
			}
			res, err := runPipeline(cmd.Context(), c, set, pipeline.Discard{}, cmd.ErrOrStderr(), v)
			if err != nil {
				return err
			}
			if err := rf.emit(cmd, res, v); err != nil {
				return err
			}
			if reportFile != "" {
				if err := writeReportFile(reportFile, res); err != nil {
					return &exitError{exitUsage, err}
				}
			}
			if !v.quiet {
				printSummary(cmd.ErrOrStderr(), res, "", rf.display)
			}
			return verdict(cmd, rf, res, c, v)
		},
	}
	addConfigFlags(cmd, cf)
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

// loadSchemas reads and checks the schemas before anything is written.
func loadSchemas(c *Config) (*schema.Set, error) {
	set, err := schema.Load(c.Schemas)
	if err != nil {
		return nil, &exitError{exitUsage, fmt.Errorf("schema: %w", err)}
	}
	return set, nil
}

func runPipeline(ctx context.Context, c *Config, set *schema.Set, sink pipeline.Sink, stderr io.Writer, v view) (*model.Result, error) {
	bar := newProgress(stderr, c.Facts, v.quiet)
	res, err := pipeline.Run(ctx, pipeline.Options{Sources: c.Sources, Facts: c.Facts, Schemas: c.Schemas, SchemaSet: set, Root: projectRoot(c),
		Jobs: c.Jobs, Extract: c.Extract, Limits: c.Limits, ExtractTime: c.ExtractTime, Sink: sink, Progress: bar.callback()})
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

// lazyWriter is the exporter, made when the run starts exporting: after
// the schemas, documents and the list of fact files were read, so that a
// run that cannot read its inputs leaves the output folder untouched.
type lazyWriter struct {
	out string
	opt export.Options
	w   *export.Writer
}

func (l *lazyWriter) Start(r *model.Result) error {
	w, err := export.NewWriter(l.out, nil, l.opt)
	if err != nil {
		return &exitError{exitUsage, err}
	}
	l.w = w
	return w.Start(r)
}

func (l *lazyWriter) Prepare(k *schema.Kind, f *fact.Fact) any { return l.w.Prepare(k, f) }
func (l *lazyWriter) Fact(f *fact.Fact, prepared any) error    { return l.w.Fact(f, prepared) }
func (l *lazyWriter) Finish(r *model.Result) error             { return l.w.Finish(r) }

// Abort removes what the exporter wrote, if it started.
func (l *lazyWriter) Abort() {
	if l.w != nil {
		l.w.Abort()
	}
}

func writeReportFile(path string, res *model.Result) error {
	return export.WriteFile(path, func(w io.Writer) error { return export.WriteReport(w, res, Version) })
}

func printSummary(w io.Writer, res *model.Result, out string, display func(string) string) {
	s := res.Summary
	read := plural(s.Read, "fact") + " read"
	if s.Extracted > 0 || s.FromText > 0 {
		// read + taken from the text = exported + rejected
		read = fmt.Sprintf("%s from fact files, %d found in the text (%d taken as facts of their own)", read, s.Extracted, s.FromText)
	}
	fmt.Fprintf(w, "dossier: %s, %s, %d exported, %d rejected; %s",
		plural(s.Documents, "document"), read, s.Exported, s.Rejected, report.Summary(s.Issues))
	if out != "" {
		fmt.Fprintf(w, "; wrote %s", out)
	}
	fmt.Fprintln(w)
	if len(s.ByStatus) > 0 {
		var parts []string
		for _, st := range []string{"confirmed", "conflict", "curated-only", "extracted-only"} {
			if n := s.ByStatus[st]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, st))
			}
		}
		fmt.Fprintf(w, "  exported facts beside their text: %s\n", strings.Join(parts, ", "))
	}
	for _, f := range s.Files {
		what := "read"
		if f.Extracted {
			what = "taken from the text"
		}
		fmt.Fprintf(w, "  %s: %d %s = %d exported + %d rejected\n", displayed(display, f.File), f.Read, what, f.Exported, f.Rejected)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// verdict turns the issues (with a baseline, the new ones) into the exit
// status. A run that writes a baseline without gating against one exits 0
// once it is written: recording today's issues is what it was asked.
func verdict(cmd *cobra.Command, rf *reportFlags, res *model.Result, c *Config, v view) error {
	counted := rf.counted(cmd.ErrOrStderr(), res.Issues, v)
	if rf.writeBaseline != "" && rf.baseline == "" {
		if !v.quiet {
			fmt.Fprintf(cmd.ErrOrStderr(), "dossier: wrote the baseline %s (%s)\n", rf.writeBaseline, plural(len(res.Issues), "issue"))
		}
		return nil
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
1 is for data issues of a run, not for differences; 2 when a file cannot be
read.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"text", "json"}, format) {
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
	addProfileFlags(cmd)
	return cmd
}
