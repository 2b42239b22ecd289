package report

import (
	"bufio"
	"io"

	"dossier/pipeline/issue"
)

// WriteText writes one issue a line in the form FILE:LINE:COL: SEVERITY CODE:
// MESSAGE (issue.Issue.String), sorted with issue.Compare.
func WriteText(w io.Writer, issues []issue.Issue) error {
	bw := bufio.NewWriter(w)
	for _, is := range sorted(issues) {
		bw.WriteString(is.String())
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
