package issue

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Severity orders issues: Info < Warning < Error.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if s < Info || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as the String method writes it.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var n string
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	v, err := ParseSeverity(n)
	*s = v
	return err
}

// Issue is one data problem. File, Line and Column locate it in the input
// (1-based; zero when unknown); Pointer is the JSON pointer inside the record
// and Record the fact or document id it concerns.
type Issue struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Pointer  string   `json:"pointer,omitempty"`
	Record   string   `json:"record,omitempty"`
}

// String formats the issue as FILE:LINE:COL: SEVERITY CODE: MESSAGE, the one-line
// form editors and CI logs recognise. The pointer, when set, ends the message.
func (i Issue) String() string {
	var b strings.Builder
	b.WriteString(i.Where())
	fmt.Fprintf(&b, ": %s %s: %s", i.Severity, i.Code, i.Message)
	if i.Pointer != "" {
		fmt.Fprintf(&b, " (at %s)", i.Pointer)
	}
	return b.String()
}

// Where returns FILE:LINE:COL, leaving out the parts that are unknown.
func (i Issue) Where() string {
	file := i.File
	if file == "" {
		file = "-"
	}
	switch {
	case i.Line > 0 && i.Column > 0:
		return fmt.Sprintf("%s:%d:%d", file, i.Line, i.Column)
	case i.Line > 0:
		return fmt.Sprintf("%s:%d", file, i.Line)
	}
	return file
}

// Compare orders issues by file, line, column, code, then the rest, so that
// reports are stable from one run to the next.
func Compare(a, b Issue) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Record, b.Record),
		cmp.Compare(b.Severity, a.Severity),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts issues in place with Compare.
func Sort(issues []Issue) { slices.SortStableFunc(issues, Compare) }

// Counts tallies issues by severity.
type Counts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Add counts one issue of severity s.
func (c *Counts) Add(s Severity) {
	switch s {
	case Error:
		c.Error++
	case Warning:
		c.Warning++
	default:
		c.Info++
	}
}

// AtLeast reports how many issues are at severity s or above.
func (c Counts) AtLeast(s Severity) int {
	n := c.Error
	if s <= Warning {
		n += c.Warning
	}
	if s <= Info {
		n += c.Info
	}
	return n
}

// Tally counts a list of issues by severity.
func Tally(issues []Issue) Counts {
	var c Counts
	for _, i := range issues {
		c.Add(i.Severity)
	}
	return c
}
