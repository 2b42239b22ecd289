package load

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// ScanJSONLines is the RecordScanner of JSON Lines: ScanLines, with each
// line a record starting at column 1 of its line, and a line longer than
// maxRecord rejected as load.too-large.
func ScanJSONLines(file string, r io.Reader, maxRecord int, s RecordSink) error {
	if maxRecord <= 0 {
		maxRecord = DefaultLimits.RecordBytes
	}
	return ScanLines(r, maxRecord,
		func(lineNo, index int, line []byte) error {
			return s.Record(fact.Pos{Line: lineNo, Col: 1}, index, line)
		},
		func(lineNo, index, size int) error {
			return s.Reject(tooLarge(file, fact.Pos{Line: lineNo, Col: 1}, index, size, maxRecord))
		})
}

// ScanLines reads JSON Lines from r and calls emit with each non-blank
// line (its 1-based number, its 0-based record index, and its bytes, which
// emit owns). It does not decode: DecodeLine does, so that decoding can run
// on many cores while lines are read in order. A line longer than maxLine
// bytes is skipped and reported through tooLong.
func ScanLines(r io.Reader, maxLine int, emit func(lineNo, index int, line []byte) error, tooLong func(lineNo, index, size int) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	index := 0
	for lineNo := 1; ; lineNo++ {
		line, size, err := readLine(br, maxLine)
		// A lone carriage return ends a line too (old Mac line ends).
		for size <= maxLine {
			i := bytes.IndexByte(line, '\r')
			if i < 0 {
				break
			}
			if len(bytes.TrimSpace(line[:i])) > 0 {
				if e := emit(lineNo, index, line[:i]); e != nil {
					return e
				}
				index++
			}
			lineNo++
			line = line[i+1:]
			size = len(line)
		}
		if len(line) > 0 || size > 0 {
			switch {
			case size > maxLine:
				if e := tooLong(lineNo, index, size); e != nil {
					return e
				}
				index++
			case len(bytes.TrimSpace(line)) > 0:
				if e := emit(lineNo, index, line); e != nil {
					return e
				}
				index++
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readLine reads one line without its line end. Past max bytes it stops
// keeping the line and only counts it, so one huge line cannot exhaust
// memory.
func readLine(br *bufio.Reader, max int) ([]byte, int, error) {
	var line []byte
	size := 0
	for {
		chunk, err := br.ReadSlice('\n')
		size += len(chunk)
		if size <= max+2 {
			line = append(line, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimRight(line, "\r\n")
		if size > max+2 {
			return nil, size, err
		}
		return line, len(line), err
	}
}

// DecodeLine decodes one JSON Lines record with the default limits. It
// returns the fact, or the issue that rejects the line.
func DecodeLine(file string, lineNo, index int, line []byte) (*fact.Fact, *issue.Issue) {
	f, reject, _ := DecodeRecord(file, fact.Pos{Line: lineNo, Col: 1}, index, line, 0)
	return f, reject
}
