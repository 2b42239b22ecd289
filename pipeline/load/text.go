package load

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"dossier/pipeline/issue"
)

// Limits bound what one run reads, so that no input can exhaust memory or
// time. Defaults are far past any real article or fact file.
type Limits struct {
	FileBytes     int64 // largest fact file read whole (YAML)
	DocumentBytes int64 // largest document (.txt)
	RecordBytes   int   // largest record of a JSON or JSON Lines file
	Depth         int   // deepest nesting of a record, in any format
	Records       int64 // most records in one run
}

// DefaultLimits are the limits when the configuration sets none.
var DefaultLimits = Limits{
	FileBytes:     512 << 20,
	DocumentBytes: 16 << 20,
	RecordBytes:   16 << 20,
	Depth:         256,
	Records:       100_000_000,
}

// MaxDepth is the highest Depth limit: go-yaml refuses nesting past 10,000
// levels itself (as a syntax error), so a higher limit would not bound YAML
// as it bounds JSON.
const MaxDepth = 10_000

// WithDefaults returns l with each limit that is not set (zero or less)
// taken from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	if l.FileBytes > 0 {
		d.FileBytes = l.FileBytes
	}
	if l.DocumentBytes > 0 {
		d.DocumentBytes = l.DocumentBytes
	}
	if l.RecordBytes > 0 {
		d.RecordBytes = l.RecordBytes
	}
	if l.Depth > 0 {
		d.Depth = l.Depth
	}
	if l.Records > 0 {
		d.Records = l.Records
	}
	return d
}

// sniff tells what the first bytes of a file are: a byte order mark, UTF-16
// without one (every other byte NUL), or binary (NULs anywhere else).
func sniff(head []byte) (enc string, bom bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "utf-16le", true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16be", true
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8", true
	}
	if bytes.IndexByte(head, 0) < 0 {
		return "utf-8", false
	}
	even, odd := 0, 0
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	n := len(head) / 2
	switch {
	case odd > n*3/10 && even == 0:
		return "utf-16le", false
	case even > n*3/10 && odd == 0:
		return "utf-16be", false
	}
	return "binary", false
}

// OpenText opens a fact file as UTF-8: a UTF-8 byte order mark is dropped
// and UTF-16 with one is decoded. UTF-16 without a mark, and binary data,
// are reported as an issue (the file is not read), since a fact file must
// say exactly what its author wrote.
func OpenText(path string) (io.ReadCloser, *issue.Issue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(4096)
	enc, bom := sniff(head)
	switch {
	case enc == "binary":
		f.Close()
		return nil, &issue.Issue{Severity: issue.Error, Code: "load.binary", File: path, Line: 1, Column: 1,
			Message: "the file holds binary data (NUL bytes), not text"}, nil
	case !bom && enc != "utf-8":
		f.Close()
		return nil, &issue.Issue{Severity: issue.Error, Code: "load.encoding", File: path, Line: 1, Column: 1,
			Message: fmt.Sprintf("the file looks like %s without a byte order mark; save it as UTF-8", enc)}, nil
	}
	r := transform.NewReader(br, unicode.BOMOverride(transform.Nop))
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil, nil
}

// DecodeText makes a document's bytes UTF-8: a byte order mark is dropped,
// UTF-16 (with a mark, or recognisably without one) is decoded. It returns
// the text, a note when it was decoded, and an issue when the file is
// binary. Invalid UTF-8 is left for the cleaner (which marks it U+FFFD and
// the text checks then report it).
func DecodeText(path string, raw []byte) ([]byte, *issue.Issue) {
	enc, bom := sniff(raw[:min(len(raw), 4096)])
	var dec encoding.Encoding
	switch enc {
	case "binary":
		return nil, &issue.Issue{Severity: issue.Error, Code: "load.binary", File: path, Line: 1, Column: 1,
			Message: "the document holds binary data (NUL bytes), not text"}
	case "utf-8":
		if bom {
			return raw[3:], nil
		}
		if !utf8.Valid(raw) && invalidShare(raw) > 0.3 {
			return nil, &issue.Issue{Severity: issue.Error, Code: "load.binary", File: path, Line: 1, Column: 1,
				Message: "the document is not text: most of it is not valid UTF-8"}
		}
		return raw, nil
	case "utf-16le":
		dec = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "utf-16be":
		dec = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	body := raw
	if bom {
		body = raw[2:]
	}
	out, err := dec.NewDecoder().Bytes(body)
	if err != nil {
		return nil, &issue.Issue{Severity: issue.Error, Code: "load.encoding", File: path, Line: 1, Column: 1,
			Message: fmt.Sprintf("the document looks like %s but does not decode: %v", enc, err)}
	}
	return out, &issue.Issue{Severity: issue.Info, Code: "load.encoding", File: path, Line: 1, Column: 1,
		Message: fmt.Sprintf("the document is %s; it was read as such (positions count its characters)", enc)}
}

func invalidShare(b []byte) float64 {
	bad, n := 0, 0
	for len(b) > 0 && n < 65536 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		b = b[size:]
		n++
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}
