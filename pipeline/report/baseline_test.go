package report

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/pipeline/issue"
)

// many returns n distinct issues spread over ten files.
func many(n int) []issue.Issue {
	out := make([]issue.Issue, n)
	for k := range out {
		out[k] = issue.Issue{
			Severity: issue.Severity(k % 3),
			Code:     fmt.Sprintf("code.%d", k%7),
			Message:  fmt.Sprintf("problem %d", k),
			File:     fmt.Sprintf("sources/f%d.yaml", k%10),
			Line:     k/10 + 1,
			Column:   k%5 + 1,
			Pointer:  fmt.Sprintf("/field%d", k%4),
			Record:   fmt.Sprintf("rec-%d", k),
		}
	}
	return out
}

// roundTrip writes a baseline of issues to a file under t.TempDir and reads it back.
func roundTrip(t *testing.T, issues []issue.Issue) *Baseline {
	t.Helper()
	path := filepath.Join(t.TempDir(), "baseline.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteBaseline(f, issues); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := ReadBaseline(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBaselineAtScale(t *testing.T) {
	const n = 10000
	base := many(n)
	b := roundTrip(t, base)
	if len(b.Entries) != n {
		t.Fatalf("%d entries, want %d", len(b.Entries), n)
	}

	t.Run("same issues", func(t *testing.T) {
		d := Compare(b, base)
		if len(d.New) != 0 || len(d.Present) != n || len(d.Fixed) != 0 {
			t.Errorf("new %d present %d fixed %d, want 0 %d 0", len(d.New), len(d.Present), len(d.Fixed), n)
		}
	})
	t.Run("one added", func(t *testing.T) {
		added := issue.Issue{Severity: issue.Error, Code: "percent.sum", Message: "adds up to 101%", File: "sources/f3.yaml", Line: 5, Record: "poll-new"}
		d := Compare(b, append(slices.Clone(base), added))
		if len(d.New) != 1 || d.New[0] != added {
			t.Errorf("new = %v, want just the added issue", d.New)
		}
		if len(d.Present) != n || len(d.Fixed) != 0 {
			t.Errorf("present %d fixed %d, want %d 0", len(d.Present), len(d.Fixed), n)
		}
	})
	t.Run("one removed", func(t *testing.T) {
		removed := base[4321]
		rest := slices.Delete(slices.Clone(base), 4321, 4322)
		d := Compare(b, rest)
		if len(d.New) != 0 || len(d.Present) != n-1 {
			t.Errorf("new %d present %d, want 0 %d", len(d.New), len(d.Present), n-1)
		}
		want := fingerprintOf(removed).entry(1)
		if len(d.Fixed) != 1 || d.Fixed[0] != want {
			t.Errorf("fixed = %+v, want [%+v]", d.Fixed, want)
		}
	})
	t.Run("reordered and lines shifted", func(t *testing.T) {
		moved := slices.Clone(base)
		r := rand.New(rand.NewPCG(1, 2))
		r.Shuffle(len(moved), func(i, j int) { moved[i], moved[j] = moved[j], moved[i] })
		for k := range moved {
			moved[k].Line += 17 + k%3
			moved[k].Column = 1 + k%9
		}
		d := Compare(b, moved)
		if len(d.New) != 0 || len(d.Present) != n || len(d.Fixed) != 0 {
			t.Errorf("new %d present %d fixed %d, want 0 %d 0", len(d.New), len(d.Present), len(d.Fixed), n)
		}
	})
}

func TestBaselineCountsDuplicates(t *testing.T) {
	dup := issue.Issue{Severity: issue.Error, Code: "unique.key", Message: "duplicate id", File: "f.yaml", Line: 3, Record: "p1", Pointer: "/id"}
	dup2 := dup
	dup2.Line = 9
	b := NewBaseline([]issue.Issue{dup, dup2})
	if len(b.Entries) != 1 || b.Entries[0].Count != 2 {
		t.Fatalf("entries = %+v, want one with count 2", b.Entries)
	}

	tests := []struct {
		name               string
		issues             []issue.Issue
		wantNew, wantFixed int
		wantPresent        int
		wantFixedCount     int
		wantNewLine        int
	}{
		{"both still there", []issue.Issue{dup, dup2}, 0, 0, 2, 0, 0},
		{"a third is new", []issue.Issue{dup, dup2, {Severity: dup.Severity, Code: dup.Code, Message: dup.Message, File: dup.File, Line: 20, Record: dup.Record, Pointer: dup.Pointer}}, 1, 0, 2, 0, 20},
		{"one fixed", []issue.Issue{dup2}, 0, 1, 1, 1, 0},
		{"both fixed", nil, 0, 1, 0, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(b, tt.issues)
			if len(d.New) != tt.wantNew || len(d.Present) != tt.wantPresent || len(d.Fixed) != tt.wantFixed {
				t.Fatalf("new %d present %d fixed %d, want %d %d %d", len(d.New), len(d.Present), len(d.Fixed), tt.wantNew, tt.wantPresent, tt.wantFixed)
			}
			if tt.wantFixed > 0 && d.Fixed[0].Count != tt.wantFixedCount {
				t.Errorf("fixed count = %d, want %d", d.Fixed[0].Count, tt.wantFixedCount)
			}
			if tt.wantNew > 0 && d.New[0].Line != tt.wantNewLine {
				t.Errorf("new issue at line %d, want %d (the one that sorts last)", d.New[0].Line, tt.wantNewLine)
			}
		})
	}
}

func TestBaselineFingerprint(t *testing.T) {
	base := issue.Issue{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "sources/f.yaml", Line: 3, Column: 4, Pointer: "/year", Record: "p1"}
	tests := []struct {
		name   string
		change func(*issue.Issue)
		isNew  bool
	}{
		{"line and column", func(i *issue.Issue) { i.Line, i.Column = 99, 1 }, false},
		{"message of a record", func(i *issue.Issue) { i.Message = "want integer, got string" }, false},
		{"file spelled with ./", func(i *issue.Issue) { i.File = "./sources/f.yaml" }, false},
		{"severity", func(i *issue.Issue) { i.Severity = issue.Warning }, true},
		{"code", func(i *issue.Issue) { i.Code = "schema.required" }, true},
		{"file", func(i *issue.Issue) { i.File = "sources/g.yaml" }, true},
		{"record", func(i *issue.Issue) { i.Record = "p2" }, true},
		{"pointer", func(i *issue.Issue) { i.Pointer = "/value" }, true},
	}
	b := NewBaseline([]issue.Issue{base})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := base
			tt.change(&i)
			d := Compare(b, []issue.Issue{i})
			if got := len(d.New) == 1; got != tt.isNew {
				t.Errorf("new = %v, want %v", got, tt.isNew)
			}
		})
	}

	t.Run("message counts without a record", func(t *testing.T) {
		noRec := issue.Issue{Severity: issue.Warning, Code: "list.empty", Message: "eighteen announced, none listed", File: "mali.txt", Line: 40}
		b := NewBaseline([]issue.Issue{noRec})
		if b.Entries[0].Message != noRec.Message {
			t.Errorf("entry message = %q, want the issue's", b.Entries[0].Message)
		}
		moved := noRec
		moved.Line = 41
		if d := Compare(b, []issue.Issue{moved}); len(d.New) != 0 {
			t.Error("a moved record-less issue is new")
		}
		other := noRec
		other.Message = "three announced, none listed"
		if d := Compare(b, []issue.Issue{other}); len(d.New) != 1 {
			t.Error("a record-less issue with another message is not new")
		}
	})
	t.Run("message not stored with a record", func(t *testing.T) {
		if m := NewBaseline([]issue.Issue{base}).Entries[0].Message; m != "" {
			t.Errorf("entry message = %q, want none", m)
		}
	})
}

func TestWriteBaselineGolden(t *testing.T) {
	issues := []issue.Issue{
		{Severity: issue.Warning, Code: "list.empty", Message: "none listed", File: "b.txt", Line: 4},
		{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "a.yaml", Line: 2, Column: 3, Pointer: "/year", Record: "p1"},
		{Severity: issue.Error, Code: "schema.type", Message: "want integer", File: "a.yaml", Line: 7, Column: 3, Pointer: "/year", Record: "p1"},
	}
	const want = `{
  "version": 1,
  "entries": [
    {
      "severity": "error",
      "code": "schema.type",
      "file": "a.yaml",
      "record": "p1",
      "pointer": "/year",
      "count": 2
    },
    {
      "severity": "warning",
      "code": "list.empty",
      "file": "b.txt",
      "message": "none listed",
      "count": 1
    }
  ]
}
`
	for _, order := range []string{"given", "reversed"} {
		t.Run(order, func(t *testing.T) {
			in := slices.Clone(issues)
			if order == "reversed" {
				slices.Reverse(in)
			}
			var buf bytes.Buffer
			if err := WriteBaseline(&buf, in); err != nil {
				t.Fatal(err)
			}
			if buf.String() != want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
			}
		})
	}

	var buf bytes.Buffer
	if err := WriteBaseline(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "{\n  \"version\": 1,\n  \"entries\": []\n}\n" {
		t.Errorf("empty baseline = %q", got)
	}
}

func TestReadBaseline(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
		is      error
		entries []Entry
	}{
		{name: "merges and sorts", in: `{"version":1,"entries":[
			{"severity":"error","code":"b","file":"./x.yaml","record":"r","count":1},
			{"severity":"info","code":"a","file":"x.yaml","message":"m","count":3},
			{"severity":"error","code":"b","file":"x.yaml","record":"r","count":2}]}`,
			entries: []Entry{
				{Severity: issue.Info, Code: "a", File: "x.yaml", Message: "m", Count: 3},
				{Severity: issue.Error, Code: "b", File: "x.yaml", Record: "r", Count: 3},
			}},
		{name: "empty", in: `{"version":1,"entries":[]}`, entries: []Entry{}},
		{name: "future version", in: `{"version":2,"entries":[]}`, wantErr: "version 2", is: ErrBaselineVersion},
		{name: "no version", in: `{"entries":[]}`, wantErr: "version 0", is: ErrBaselineVersion},
		{name: "no code", in: `{"version":1,"entries":[{"severity":"error","count":1}]}`, wantErr: "entry 0 has no code"},
		{name: "zero count", in: `{"version":1,"entries":[{"severity":"error","code":"c"}]}`, wantErr: "count 0"},
		{name: "bad severity", in: `{"version":1,"entries":[{"severity":"fatal","code":"c","count":1}]}`, wantErr: "unknown severity"},
		{name: "not json", in: `version: 1`, wantErr: "baseline:"},
		{name: "trailing data", in: `{"version":1,"entries":[]} {}`, wantErr: "data after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ReadBaseline(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("error %v does not wrap %v", err, tt.is)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(b.Entries, tt.entries) {
				t.Errorf("entries = %+v, want %+v", b.Entries, tt.entries)
			}
		})
	}
}

func TestCompareNilBaseline(t *testing.T) {
	d := Compare(nil, sample())
	if len(d.New) != len(sample()) || d.Present != nil || len(d.Fixed) != 0 {
		t.Errorf("new %d present %d fixed %d", len(d.New), len(d.Present), len(d.Fixed))
	}
	if !slices.IsSortedFunc(d.New, issue.Compare) {
		t.Error("New is not sorted")
	}
}
