package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"golang.org/x/term"
	"golang.org/x/text/width"

	"dossier/pipeline/extract"
	"dossier/pipeline/load"
	"dossier/pipeline/prepare"
)

func newExtractCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "extract FILE...",
		Short: "Print the facts the extractors find in articles",
		Long: `Extract cleans and segments each article (a NAME.meta.yaml beside it is
read too) and prints the facts the rule-based extractors find, each with its
rule and the exact span of text that supports it: as JSON (default) or as a
table (--format text).

Exit status: 0; 2 when a file cannot be read; 130 when interrupted, with
nothing printed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "text" {
				return &exitError{exitUsage, fmt.Errorf("--format %q: want json or text", format)}
			}
			var out []map[string]any
			for _, path := range args {
				if err := cmd.Context().Err(); err != nil {
					return err
				}
				d, issues, err := prepare.File(path, load.DefaultLimits)
				if err != nil {
					return &exitError{exitUsage, err}
				}
				for _, is := range issues {
					fmt.Fprintln(cmd.ErrOrStderr(), is.String())
				}
				if d == nil { // too large, or not text: its issue says so
					continue
				}
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
				return extractTable(cmd.OutOrStdout(), out, tableWidth(cmd.OutOrStdout()))
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
	cmd.Flags().StringVar(&format, "format", "json", "json, or text: a table as wide as the terminal ("+strconv.Itoa(fixedWidth)+" columns when stdout is no terminal)")
	addProfileFlags(cmd)
	return cmd
}

// fixedWidth is the width of extract's table when stdout is no terminal,
// so that a file or a log reads the same on every machine.
const fixedWidth = 100

// tableWidth is the width extract's table fits: the terminal's when w is
// one, fixedWidth otherwise.
func tableWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return fixedWidth
}

// extractTable prints one fact a row, in width columns: kind, rule, line,
// fields (wrapped onto more lines) and quote (cut to one line; the JSON
// output has it whole). Below about 60 columns lines may overflow.
func extractTable(w io.Writer, facts []map[string]any, width int) error {
	rows := [][]string{{"KIND", "RULE", "LINE", "FIELDS", "QUOTE"}}
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
		rows = append(rows, []string{fmt.Sprint(f["kind"]), fmt.Sprint(f["rule"]), fmt.Sprint(ev["line"]),
			oneLine(strings.Join(parts, " ")), oneLine(quote)})
	}
	cols := columnWidths(rows, width)
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		fields := wrap(r[3], cols[3])
		for i, fl := range fields {
			cells := []string{"", "", "", fl, ""}
			if i == 0 {
				cells = []string{cut(r[0], cols[0]), cut(r[1], cols[1]), cut(r[2], cols[2]), fl, cut(r[4], cols[4])}
			}
			var line strings.Builder
			for j, c := range cells {
				line.WriteString(c)
				if j < len(cells)-1 {
					line.WriteString(strings.Repeat(" ", cols[j]-cellWidth(c)+2))
				}
			}
			fmt.Fprintln(bw, strings.TrimRight(line.String(), " "))
		}
	}
	return bw.Flush()
}

// columnWidths fits the five columns, two spaces apart, in width: kind,
// rule and line as wide as their widest cell, the rest shared by fields
// and quote. The rule column gives way when the rest would be too narrow.
func columnWidths(rows [][]string, width int) []int {
	natural := make([]int, 5)
	for _, r := range rows {
		for i, c := range r {
			natural[i] = max(natural[i], cellWidth(c))
		}
	}
	const minFields, minQuote, minRule = 16, 12, 8
	cols := slices.Clone(natural)
	rest := width - cols[0] - cols[1] - cols[2] - 4*2
	if short := minFields + minQuote - rest; short > 0 {
		cols[1] = max(minRule, cols[1]-short)
		rest = width - cols[0] - cols[1] - cols[2] - 4*2
	}
	rest = max(rest, minFields+minQuote)
	cols[4] = min(natural[4], max(minQuote, rest/3))
	cols[3] = rest - cols[4]
	if cols[3] > natural[3] {
		cols[4] = min(natural[4], cols[4]+cols[3]-natural[3])
		cols[3] = natural[3]
	}
	return cols
}

// oneLine puts text with line breaks or runs of spaces on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cellWidth is the number of terminal columns s takes: two for a wide East
// Asian character, none for a combining mark.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return 0
	case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// cut shortens s to w columns, ending with "…" when it cuts.
func cut(s string, w int) string {
	if cellWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n+runeWidth(r) > w-1 {
			break
		}
		b.WriteRune(r)
		n += runeWidth(r)
	}
	return b.String() + "…"
}

// wrap breaks s into lines of at most w columns at spaces, and inside a
// word longer than a line.
func wrap(s string, w int) []string {
	var lines []string
	var line strings.Builder
	n := 0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		n = 0
	}
	for _, word := range strings.Fields(s) {
		ww := cellWidth(word)
		if n > 0 && n+1+ww > w {
			flush()
		}
		if n > 0 {
			line.WriteByte(' ')
			n++
		}
		for _, r := range word {
			if n+runeWidth(r) > w {
				flush()
			}
			line.WriteRune(r)
			n += runeWidth(r)
		}
	}
	if n > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}
