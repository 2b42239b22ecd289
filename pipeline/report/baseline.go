package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"dossier/pipeline/issue"
)

// BaselineVersion is the version of the baseline file format that
// WriteBaseline writes and ReadBaseline reads.
const BaselineVersion = 1

// ErrBaselineVersion is wrapped by ReadBaseline when the file has a version
// it does not know.
var ErrBaselineVersion = errors.New("unsupported baseline version")

// Entry is one fingerprint of a baseline and how many issues had it. Message
// is set only for issues that name no record, where it stands in for the
// record in the fingerprint.
type Entry struct {
	Severity issue.Severity `json:"severity"`
	Code     string         `json:"code"`
	File     string         `json:"file,omitempty"`
	Record   string         `json:"record,omitempty"`
	Pointer  string         `json:"pointer,omitempty"`
	Message  string         `json:"message,omitempty"`
	Count    int            `json:"count"`
}

// Baseline is the set of issues accepted at some point, by fingerprint:
// severity, code, file, record id and JSON pointer, or the message in place
// of an empty record. Lines and columns are not part of it, so editing a file
// above an issue does not make the issue new. Entries are sorted by file,
// code, record, pointer, message and severity, and each fingerprint appears
// once, with the number of issues that had it.
type Baseline struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// fingerprint is the identity of an issue in a baseline.
type fingerprint struct {
	severity issue.Severity
	code     string
	file     string
	record   string
	pointer  string
	message  string
}

func fingerprintOf(i issue.Issue) fingerprint {
	f := fingerprint{severity: i.Severity, code: i.Code, file: cleanPath(i.File), record: i.Record, pointer: i.Pointer}
	if i.Record == "" {
		f.message = i.Message
	}
	return f
}

func (e Entry) fingerprint() fingerprint {
	return fingerprint{severity: e.Severity, code: e.Code, file: cleanPath(e.File), record: e.Record, pointer: e.Pointer, message: e.Message}
}

func (f fingerprint) entry(count int) Entry {
	return Entry{Severity: f.severity, Code: f.code, File: f.file, Record: f.record, Pointer: f.pointer, Message: f.message, Count: count}
}

// hash returns the SHA-256 of the fingerprint in hex; fields are joined with
// NUL, which none of them holds in practice, so distinct fingerprints give
// distinct hashes.
func (f fingerprint) hash() string {
	h := sha256.Sum256([]byte(strings.Join([]string{f.severity.String(), f.code, f.file, f.record, f.pointer, f.message}, "\x00")))
	return hex.EncodeToString(h[:])
}

func compareEntries(a, b Entry) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Record, b.Record),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(b.Severity, a.Severity),
	)
}

// entries turns fingerprint counts into sorted entries, leaving out zero counts.
func entries(counts map[fingerprint]int) []Entry {
	out := make([]Entry, 0, len(counts))
	for f, n := range counts {
		if n > 0 {
			out = append(out, f.entry(n))
		}
	}
	slices.SortFunc(out, compareEntries)
	return out
}

// NewBaseline records issues as a baseline.
func NewBaseline(issues []issue.Issue) *Baseline {
	counts := make(map[fingerprint]int, len(issues))
	for _, i := range issues {
		counts[fingerprintOf(i)]++
	}
	return &Baseline{Version: BaselineVersion, Entries: entries(counts)}
}

// WriteBaseline writes the baseline of issues to w as indented JSON:
// {"version": 1, "entries": [...]}, entries in a stable order, so that the
// same issues in any order give the same bytes.
func WriteBaseline(w io.Writer, issues []issue.Issue) error {
	return encodeJSON(w, NewBaseline(issues))
}

// ReadBaseline reads a baseline that WriteBaseline wrote. A version other
// than BaselineVersion is an error wrapping ErrBaselineVersion; an entry
// without a code or with a count below 1, or data after the object, is an
// error too. Entries with the same fingerprint are merged, their counts
// added, and the entries are sorted, so a hand-edited file reads the same as
// a written one.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return nil, errors.New("baseline: data after the baseline object")
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline: version %d: %w (want %d)", b.Version, ErrBaselineVersion, BaselineVersion)
	}
	counts := make(map[fingerprint]int, len(b.Entries))
	for k, e := range b.Entries {
		if e.Code == "" {
			return nil, fmt.Errorf("baseline: entry %d has no code", k)
		}
		if e.Count < 1 {
			return nil, fmt.Errorf("baseline: entry %d (%s) has count %d, want 1 or more", k, e.Code, e.Count)
		}
		counts[e.fingerprint()] += e.Count
	}
	b.Entries = entries(counts)
	return &b, nil
}

// Delta is how a run's issues compare with a baseline. New holds the issues
// that the baseline does not cover, Present those it does (both in
// issue.Compare order), and Fixed the baseline entries, or parts of their
// counts, that no issue matched any more.
type Delta struct {
	New     []issue.Issue
	Present []issue.Issue
	Fixed   []Entry
}

// Compare matches issues against baseline b. Each entry covers up to Count
// issues with its fingerprint; when there are more, the ones that sort last
// are New. A nil b covers nothing, so every issue is New. Only New issues
// should decide the exit status; Present ones are known debt and Fixed ones
// mean the baseline can be rewritten smaller.
func Compare(b *Baseline, issues []issue.Issue) Delta {
	is := sorted(issues)
	covered, left := cover(b, is)
	var d Delta
	for k, i := range is {
		if covered[k] {
			d.Present = append(d.Present, i)
		} else {
			d.New = append(d.New, i)
		}
	}
	d.Fixed = entries(left)
	return d
}

// cover says, for each issue of a sorted slice, whether baseline b covers
// it, as Compare decides; it also returns the counts no issue used up.
func cover(b *Baseline, sortedIssues []issue.Issue) ([]bool, map[fingerprint]int) {
	left := map[fingerprint]int{}
	if b != nil {
		for _, e := range b.Entries {
			left[e.fingerprint()] += e.Count
		}
	}
	covered := make([]bool, len(sortedIssues))
	for k, i := range sortedIssues {
		f := fingerprintOf(i)
		if left[f] > 0 {
			left[f]--
			covered[k] = true
		}
	}
	return covered, left
}
