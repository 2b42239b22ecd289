package export

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/pipeline"
)

// Options tune the exporters.
type Options struct {
	Version string // the tool's version, written into the outputs
}

// An Exporter writes one output format of a run into the output folder.
type Exporter struct {
	Name string
	Doc  string
	Fn   func(d *Dir, r *pipeline.Result, o Options) error
}

// exporters is the one table of output formats, in the order they run.
var exporters = []Exporter{
	{"json", "out/dossier.json: documents, facts by kind, issues and counts", writeJSON},
	{"csv", "out/csv/<kind>.csv, documents.csv and issues.csv", writeCSV},
	{"xlsx", "out/dossier.xlsx: a sheet per kind, Documents and Issues", writeXLSX},
	{"rejected", "out/rejected.jsonl: every record not exported, with its issues", writeRejected},
	{"report", "out/report.json: counts and issues", writeReport},
}

// Names lists the exporters in the order they run.
func Names() []string {
	var n []string
	for _, e := range exporters {
		n = append(n, e.Name)
	}
	return n
}

// Write runs the named exporters (all when names is empty) into root and
// renames the results into place only if all of them succeed.
func Write(root string, r *pipeline.Result, names []string, o Options) error {
	for _, n := range names {
		if !slices.ContainsFunc(exporters, func(e Exporter) bool { return e.Name == n }) {
			return fmt.Errorf("unknown output format %q (known: %s)", n, strings.Join(Names(), ", "))
		}
	}
	d, err := NewDir(root)
	if err != nil {
		return err
	}
	for _, e := range exporters {
		if len(names) > 0 && !slices.Contains(names, e.Name) {
			continue
		}
		if err := e.Fn(d, r, o); err != nil {
			d.Abort()
			return fmt.Errorf("writing %s: %w", e.Name, err)
		}
	}
	return d.Commit()
}

// fixedTime stamps every archive entry, so that no wall-clock time reaches
// an output.
var fixedTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
