package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"dossier/pipeline/issue"
)

// WriteJSON writes the issues as an indented JSON array, sorted with
// issue.Compare, each object's fields in the order of issue.Issue (severity,
// code, message, file, line, column, pointer, record; unknown ones left out).
// No issues give [], never null. HTML characters are not escaped. The array is
// streamed an issue at a time, so memory does not grow with the report.
func WriteJSON(w io.Writer, issues []issue.Issue) error {
	is := sorted(issues)
	bw := bufio.NewWriter(w)
	if len(is) == 0 {
		bw.WriteString("[]\n")
		return bw.Flush()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	bw.WriteString("[\n")
	for k, i := range is {
		buf.Reset()
		if err := enc.Encode(i); err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if k < len(is)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// encodeJSON writes v as JSON indented by two spaces, with < > & as they are,
// and a final newline.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
