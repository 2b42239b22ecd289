package export

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/model"
)

// A fact's row links its issue codes to its first row in the Issues sheet.
// The row is rendered as the fact streams past, before the issues are
// sorted, so the link finds the row when it is followed: a HYPERLINK to
// the Issues sheet's row where MATCH finds the fact's id in the record
// column (the sheet's first row if none). The cell's value is the codes,
// as in the CSV.

// issueSheetName is the name the Issues sheet takes: writeXLSX names the
// sheets in this order (About, Charts, a sheet per kind in name order,
// Documents, Issues). Only a kind past Excel's row limit whose sheet is
// titled "Issues" would shift it.
func issueSheetName(r *model.Result) string {
	names := &sheetNames{used: map[string]bool{}}
	names.make("About")
	names.make("Charts")
	for _, k := range slices.Sorted(maps.Keys(r.Schemas.Kinds)) {
		names.make(sheetTitle(k))
	}
	names.make(DocumentTable(&model.Result{}).Title)
	return names.make(IssueTable(nil).Title)
}

// issueLinkFormula is the formula of a fact's issues cell.
func issueLinkFormula(sheet string, f *fact.Fact, text string) string {
	col := columnName(slices.IndexFunc(IssueTable(nil).Columns, func(c Column) bool { return c.Name == "record" }) + 1)
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	return fmt.Sprintf(`HYPERLINK("#%sA"&IFERROR(MATCH(%s,%s$%s:$%s,0),1),%s)`, ref, formulaString(f.ID), ref, col, col, formulaString(text))
}

// withIssueLink makes the issues cell of a fact's rendered row a link to
// its issues.
func (w *Writer) withIssueLink(s *stream, r *rendered, f *fact.Fact) *rendered {
	if w.book == nil || len(f.Codes) == 0 || s.issuesCol < 0 {
		return r
	}
	text := strings.Join(f.Codes, ";")
	return withFormula(r, s.issuesCol, text, issueLinkFormula(w.issueSheet, f, text), w.style.link)
}
