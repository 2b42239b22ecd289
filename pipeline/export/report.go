package export

import (
	"bytes"
	"encoding/json"

	"dossier/pipeline/issue"
	"dossier/pipeline/model"
)

// writeReport writes out/report.json.
func writeReport(d *Dir, r *model.Result, version string) error {
	w, err := d.Create("report.json")
	if err != nil {
		return err
	}
	return WriteReport(w, r, version)
}

// WriteReport writes the run's report (counts and issues) as JSON to w:
// issue.Report, indented by two spaces. The issues are written one by one,
// so that a run with many issues does not hold the whole report (and its
// indented copy) in memory at once.
func WriteReport(w interface{ Write([]byte) (int, error) }, r *model.Result, version string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(issue.Report{Tool: "dossier", Version: version, Summary: r.Summary, Issues: []issue.Issue{}}); err != nil {
		return err
	}
	const empty = "[]\n}\n"
	if len(r.Issues) == 0 || !bytes.HasSuffix(buf.Bytes(), []byte(empty)) {
		_, err := w.Write(buf.Bytes())
		return err
	}
	buf.Truncate(buf.Len() - len(empty))
	buf.WriteString("[\n")
	item := json.NewEncoder(&buf)
	item.SetEscapeHTML(false)
	item.SetIndent("    ", "  ")
	for i := range r.Issues {
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.WriteString("    ")
		if err := item.Encode(&r.Issues[i]); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		if buf.Len() >= 64<<10 {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
	}
	buf.WriteString("\n  ]\n}\n")
	_, err := w.Write(buf.Bytes())
	return err
}
