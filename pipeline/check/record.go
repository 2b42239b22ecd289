package check

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/schema"
)

func at(f *fact.Fact, sev issue.Severity, code, ptr, msg string) issue.Issue {
	p := f.Locate(ptr)
	return issue.Issue{Severity: sev, Code: code, Message: msg, File: f.File, Line: p.Line, Column: p.Col, Pointer: ptr, Record: f.ID}
}

// PercentSum checks that the shares of one question (the kind's percent
// columns: value, disapprove, uncertain, ...) add up to 100 within what the
// rounding of each allows: half a unit of its last digit, so three whole
// numbers may sum to 98.5..101.5. When only some of the shares are stated
// they are not summed as if complete; they may only not exceed 100.
func PercentSum(k *schema.Kind, f *fact.Fact) []issue.Issue {
	var cols []schema.Column
	for _, c := range k.Columns {
		if c.Format == "percent" && (c.Type == "number" || c.Type == "integer") {
			cols = append(cols, c)
		}
	}
	if len(cols) < 2 {
		return nil
	}
	var sum, tol float64
	var parts []string
	for _, c := range cols {
		v := f.Get(c.Pointer)
		n, ok := fact.Number(v)
		if !ok {
			continue
		}
		sum += n
		tol += 0.5 * math.Pow(10, -float64(decimals(v)))
		parts = append(parts, strconv.FormatFloat(n, 'f', -1, 64))
	}
	if len(parts) < 2 {
		return nil
	}
	ptr := cols[0].Pointer
	total := strconv.FormatFloat(sum, 'f', -1, 64)
	expr := strings.Join(parts, " + ")
	tolText := strconv.FormatFloat(tol, 'f', -1, 64)
	complete := len(parts) == len(cols)
	switch {
	case sum > 100+tol+1e-9:
		return []issue.Issue{at(f, issue.Error, "percent.sum", ptr,
			fmt.Sprintf("shares add up to %s%% (%s), more than 100 ± %s that rounding allows", total, expr, tolText))}
	case complete && sum < 100-tol-1e-9:
		return []issue.Issue{at(f, issue.Error, "percent.sum", ptr,
			fmt.Sprintf("shares add up to %s%% (%s), less than 100 ± %s that rounding allows", total, expr, tolText))}
	case complete && math.Abs(sum-100) > 1e-9:
		return []issue.Issue{at(f, issue.Info, "percent.sum", ptr,
			fmt.Sprintf("shares add up to %s%% (%s), within the ±%s that rounding %d figures allows", total, expr, tolText, len(parts)))}
	}
	return nil
}

var isoDateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// NumberMismatch checks that every number of the fact (a share, a count, a
// year, the day of a date) appears in its evidence quote, as digits or as a
// word ("eighteen", "second").
//
// It applies to facts whose evidence cites a document: a quote from a
// source file; free-standing quotes are only described by their schema.
func NumberMismatch(k *schema.Kind, f *fact.Fact) []issue.Issue {
	quote := f.String("/evidence/quote")
	if quote == "" || f.String("/evidence/document") == "" {
		return nil
	}
	have := numbersIn(quote)
	var out []issue.Issue
	for _, c := range k.Columns {
		if strings.HasPrefix(c.Name, "evidence.") || c.Name == "id" {
			continue
		}
		v := f.Get(c.Pointer)
		var want []string
		switch c.Type {
		case "number", "integer":
			s, ok := numberText(v)
			if !ok {
				continue
			}
			want = []string{s}
			if n, _ := fact.Number(v); c.Format == "percent" && n > 0 && n < 1 {
				// A fraction: the quote may say it as a percent.
				want = append(want, key.Number(strconv.FormatFloat(n*100, 'f', -1, 64)))
			}
		case "string":
			s, _ := v.(string)
			m := isoDateRE.FindStringSubmatch(s)
			if m == nil || !(c.Format == "date" || isDateColumn(c.Name)) {
				continue
			}
			// Prose often dates a fact by its context ("after the coup"),
			// so a date part missing from the quote is a warning.
			if !have[m[1]] {
				out = append(out, at(f, issue.Warning, "evidence.number-mismatch", c.Pointer,
					fmt.Sprintf("the year %s of %s is not in the quote", m[1], c.Name)))
			}
			if m[3] != "" && !have[strings.TrimLeft(m[3], "0")] {
				out = append(out, at(f, issue.Warning, "evidence.number-mismatch", c.Pointer,
					fmt.Sprintf("the day %s of %s is not in the quote", strings.TrimLeft(m[3], "0"), c.Name)))
			}
			continue
		default:
			continue
		}
		found := false
		for _, w := range want {
			found = found || have[w]
		}
		if !found {
			out = append(out, at(f, issue.Error, "evidence.number-mismatch", c.Pointer,
				fmt.Sprintf("%s is %s, a number the quote does not state", c.Name, want[0])))
		}
	}
	return out
}

func isDateColumn(name string) bool {
	switch name {
	case "date", "from", "to", "start", "end", "as_of":
		return true
	}
	return strings.HasSuffix(name, "_date")
}
