package issue

// FileCounts says what became of the records of one fact file: every record
// read is either exported or rejected, so Read == Exported + Rejected.
type FileCounts struct {
	File     string `json:"file"`
	Read     int    `json:"read"`
	Exported int    `json:"exported"`
	Rejected int    `json:"rejected"`
}

// Summary is the run's count sheet.
type Summary struct {
	Documents int            `json:"documents"`
	Read      int            `json:"facts_read"`
	Exported  int            `json:"facts_exported"`
	Rejected  int            `json:"facts_rejected"`
	Extracted int            `json:"facts_extracted"`
	ByKind    map[string]int `json:"facts_by_kind"`
	Files     []FileCounts   `json:"files"`
	Issues    Counts         `json:"issues"`
}

// Report is what `dossier validate --report` and out/report.json hold.
type Report struct {
	Tool    string  `json:"tool"`
	Version string  `json:"version"`
	Summary Summary `json:"summary"`
	Issues  []Issue `json:"issues"`
}
