package load

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// Sink receives what a fact loader reads, in file order. Fact is called for
// each record that is a JSON object; Reject for each record read that is not
// (it counts as read and rejected); Issue for problems that belong to no
// record, such as a file that does not parse at all.
type Sink struct {
	Fact   func(*fact.Fact)
	Reject func(issue.Issue)
	Issue  func(issue.Issue)
}

// A FactReader reads every record of one fact file from r, reporting to sink.
// file is the name used in positions. A returned error means the file could
// not be read at all (I/O); data problems go to the sink.
type FactReader func(file string, r io.Reader, sink Sink) error

// factReaders is the one table of fact file formats, by file extension.
var factReaders = map[string]FactReader{
	".yaml":   ReadYAML,
	".yml":    ReadYAML,
	".json":   ReadJSON,
	".jsonl":  ReadJSONL,
	".ndjson": ReadJSONL,
	".csv":    ReadCSV,
}

// FactExtensions lists the file extensions that hold facts.
func FactExtensions() []string {
	exts := make([]string, 0, len(factReaders))
	for e := range factReaders {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return exts
}

// ReaderFor returns the reader for a fact file name, or nil.
func ReaderFor(name string) FactReader {
	return factReaders[strings.ToLower(filepath.Ext(name))]
}

// FactFiles expands the given paths into fact files: a file is taken as it
// is, a directory contributes its fact files (sorted, not recursive). The
// result is sorted and free of duplicates.
func FactFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
		if !st.IsDir() {
			if ReaderFor(p) == nil {
				return nil, fmt.Errorf("facts: %s: unknown fact file type %q (want one of %s)", p, filepath.Ext(p), strings.Join(FactExtensions(), ", "))
			}
			files = append(files, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
		for _, e := range ents {
			if e.Type().IsRegular() && ReaderFor(e.Name()) != nil {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// ReadFactFile opens a fact file and reads it with the reader for its type.
func ReadFactFile(path string, sink Sink) error {
	rd := ReaderFor(path)
	if rd == nil {
		return fmt.Errorf("%s: unknown fact file type", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return rd(path, f, sink)
}

func notObject(file string, pos fact.Pos, index int, got string) issue.Issue {
	return issue.Issue{
		Severity: issue.Error, Code: "load.not-object", File: file, Line: pos.Line, Column: pos.Col,
		Message: fmt.Sprintf("record %d is %s, not an object", index+1, got),
	}
}
