package issue

// FileCounts says what became of the records of one fact file: every record
// read is either exported or rejected, so Read == Exported + Rejected. For
// a document (Extracted), Read counts the facts taken from its text as
// facts of their own (see Summary.FromText).
type FileCounts struct {
	File      string `json:"file"`
	Extracted bool   `json:"extracted,omitempty"`
	Read      int    `json:"read"`
	Exported  int    `json:"exported"`
	Rejected  int    `json:"rejected"`
}

// Summary is the run's count sheet. Its counts add up: Read + FromText ==
// Exported + Rejected.
type Summary struct {
	Documents int `json:"documents"`
	// Read counts the records read from fact files.
	Read int `json:"facts_read"`
	// Extracted counts the facts the extractors found in the documents'
	// text, of a kind the schemas have, whatever reconciliation made of
	// them: the twin of a curated fact (which it confirms or conflicts
	// with), a fact of its own, or left out for failing its schema.
	Extracted int `json:"facts_extracted"`
	// FromText counts the extracted facts taken as facts of their own
	// (extracted-only, or the text's side of a conflict), each exported or
	// rejected as a record read is.
	FromText int            `json:"facts_from_text"`
	Exported int            `json:"facts_exported"`
	Rejected int            `json:"facts_rejected"`
	ByKind   map[string]int `json:"facts_by_kind"`
	// ByStatus counts the exported facts by reconciliation status
	// (confirmed, conflict, curated-only, extracted-only); empty when
	// extraction is off.
	ByStatus map[string]int `json:"facts_by_status"`
	Files    []FileCounts   `json:"files"`
	Issues   Counts         `json:"issues"`
}

// Report is what `dossier validate --report` and out/report.json hold.
type Report struct {
	Tool    string  `json:"tool"`
	Version string  `json:"version"`
	Summary Summary `json:"summary"`
	Issues  []Issue `json:"issues"`
}
