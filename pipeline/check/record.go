package check

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/internal/prefilter"
	"dossier/pipeline/issue"
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
	var buf [4]*schema.Column
	cols := buf[:0]
	for i := range k.Columns {
		if c := &k.Columns[i]; c.Format == "percent" && (c.Type == "number" || c.Type == "integer") {
			cols = append(cols, c)
		}
	}
	if len(cols) < 2 {
		return nil
	}
	var nbuf [4]float64
	var vbuf [4]any
	nums, vals := nbuf[:0], vbuf[:0]
	for _, c := range cols {
		v := f.Get(c.Pointer)
		if n, ok := fact.Number(v); ok {
			nums, vals = append(nums, n), append(vals, v)
		}
	}
	if len(nums) < 2 {
		return nil // the common case: one share or none, nothing to add up
	}
	var sum, tol float64
	var parts []string
	for i, n := range nums {
		sum += n
		tol += 0.5 * math.Pow(10, -float64(decimals(vals[i])))
		parts = append(parts, strconv.FormatFloat(n, 'f', -1, 64))
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

var isoDateRE = prefilter.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// NumberMismatch holds the numbers of a fact (a share, a count, a year,
// a rank) against its evidence quote alone, as Fields does for a quote
// found in its document: a number the quote does not state where the
// quote states others of its sort (shares for a share, years for a year,
// ordinals for a rank) is an error, evidence.number-mismatch; a number the
// quote states none of its sort for is a warning, evidence.unstated.
//
// It applies to facts whose evidence cites a document; free-standing
// quotes are only described by their schema.
func NumberMismatch(k *schema.Kind, f *fact.Fact) []issue.Issue {
	quote := f.String("/evidence/quote")
	if quote == "" || f.String("/evidence/document") == "" {
		return nil
	}
	q := view{r: &reading{text: quote}, nums: numbersIn(quote)}
	var out []issue.Issue
	for _, p := range planOf(k) {
		if p.kind != ckNumber {
			continue
		}
		fl, ok := newField(p, f.Get(p.col.Pointer))
		if !ok {
			continue
		}
		if _, found := fl.find(q); found {
			continue
		}
		if says := fl.contra(q); says != "" {
			out = append(out, at(f, issue.Error, "evidence.number-mismatch", p.col.Pointer, says))
		} else {
			out = append(out, at(f, issue.Warning, "evidence.unstated", p.col.Pointer, "the quote does not state "+fl.unstated(q, q, nil)))
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
