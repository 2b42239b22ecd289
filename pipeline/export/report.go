package export

import (
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

// WriteReport writes the run's report (counts and issues) as JSON to w.
func WriteReport(w interface{ Write([]byte) (int, error) }, r *model.Result, version string) error {
	rep := issue.Report{Tool: "dossier", Version: version, Summary: r.Summary, Issues: r.Issues}
	if rep.Issues == nil {
		rep.Issues = []issue.Issue{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
