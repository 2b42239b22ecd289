package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"dossier/pipeline/clean"
	"dossier/pipeline/extract"
	"dossier/pipeline/load"
	"dossier/pipeline/segment"
)

func newExtractCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "extract FILE...",
		Short: "Print the facts the extractors find in articles",
		Long: `Extract cleans and segments each article (a NAME.meta.yaml beside it is
read too) and prints the facts the rule-based extractors find, each with its
rule and the exact span of text that supports it: as JSON (default) or as a
table (--format text).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "text" {
				return &exitError{exitUsage, fmt.Errorf("--format %q: want json or text", format)}
			}
			var out []map[string]any
			for _, path := range args {
				d, issues, err := load.Document(path)
				if err != nil {
					return &exitError{exitUsage, err}
				}
				for _, is := range issues {
					fmt.Fprintln(cmd.ErrOrStderr(), is.String())
				}
				c := clean.Clean(d.Raw)
				d.Text, d.Map = c.Text, c.Map
				d.Blocks = segment.Segment(c)
				for _, f := range extract.Document(d) {
					rec := map[string]any{}
					for k, v := range f.Fields {
						rec[k] = v
					}
					if ev, ok := rec["evidence"].(map[string]any); ok {
						ev["start"], ev["end"], ev["line"] = f.Start, f.End, d.Pos(f.Start).Line
						ev["file"] = path
					}
					rec["origin"], rec["rule"] = "extracted", f.Rule
					out = append(out, rec)
				}
			}
			if format == "text" {
				return extractTable(cmd.OutOrStdout(), out)
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if out == nil {
				out = []map[string]any{}
			}
			return enc.Encode(out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json or text")
	return cmd
}

// extractTable prints one fact a line: kind, rule, line, fields, quote.
func extractTable(w io.Writer, facts []map[string]any) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tRULE\tLINE\tFIELDS\tQUOTE")
	for _, f := range facts {
		ev, _ := f["evidence"].(map[string]any)
		var keys []string
		for k := range f {
			switch k {
			case "kind", "rule", "origin", "evidence", "countries":
				continue
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, f[k]))
		}
		quote, _ := ev["quote"].(string)
		if r := []rune(quote); len(r) > 60 {
			quote = string(r[:59]) + "…"
		}
		fmt.Fprintf(tw, "%v\t%v\t%v\t%s\t%s\n", f["kind"], f["rule"], ev["line"], strings.Join(parts, " "), quote)
	}
	return tw.Flush()
}
