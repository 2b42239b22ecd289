package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"dossier/pipeline/issue"
)

// WriteGitHub writes each issue as a GitHub Actions workflow command, which
// the runner turns into an annotation on the file and line:
//
//	::error file=F,line=L,col=C,title=CODE::MESSAGE
//
// Warnings use ::warning and infos ::notice. Properties that are unknown
// (an empty file, a zero line or column) are left out, and so is the column
// when the line is unknown. The JSON pointer, when set, ends the message as
// in the text format. Values are escaped as the runner expects: in the
// message % CR LF become %25 %0D %0A; in property values : and , also become
// %3A and %2C.
func WriteGitHub(w io.Writer, issues []issue.Issue) error {
	return writeGitHub(w, issues, Options{})
}

// writeGitHub writes the workflow commands; an issue that opt's baseline
// covers is a ::notice whose message starts "known error, in the
// baseline:" (or warning, info), so that the pull request shows it without
// flagging it as a failure.
func writeGitHub(w io.Writer, issues []issue.Issue, opt Options) error {
	bw := bufio.NewWriter(w)
	is := sorted(issues)
	known := opt.known(is)
	for k, i := range is {
		i.File = opt.display(i.File)
		bw.WriteString(githubCommand(i, known != nil && known[k]))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubCommand returns the workflow command for one issue, without the
// trailing newline.
func githubCommand(is issue.Issue, known bool) string {
	var b strings.Builder
	b.WriteString("::")
	if known {
		b.WriteString("notice")
	} else {
		b.WriteString(githubLevel(is.Severity))
	}
	var props []string
	if is.File != "" {
		props = append(props, "file="+githubProperty.Replace(cleanPath(is.File)))
	}
	if is.Line > 0 {
		props = append(props, "line="+strconv.Itoa(is.Line))
		if is.Column > 0 {
			props = append(props, "col="+strconv.Itoa(is.Column))
		}
	}
	if is.Code != "" {
		props = append(props, "title="+githubProperty.Replace(is.Code))
	}
	if len(props) > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Join(props, ","))
	}
	b.WriteString("::")
	msg := is.Message
	if known {
		msg = "known " + is.Severity.String() + ", in the baseline: " + msg
	}
	if is.Pointer != "" {
		msg += " (at " + is.Pointer + ")"
	}
	b.WriteString(githubData.Replace(msg))
	return b.String()
}

func githubLevel(s issue.Severity) string {
	switch s {
	case issue.Error:
		return "error"
	case issue.Warning:
		return "warning"
	}
	return "notice"
}
