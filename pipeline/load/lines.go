package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// MaxDepth bounds the nesting of a JSON record.
const MaxDepth = 256

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

// DecodeLine decodes one JSON Lines record. It returns the fact, or the
// issue that rejects the line.
func DecodeLine(file string, lineNo, index int, line []byte) (*fact.Fact, *issue.Issue) {
	return DecodeLineDepth(file, lineNo, index, line, MaxDepth)
}

// DecodeLineDepth is DecodeLine with a nesting limit.
func DecodeLineDepth(file string, lineNo, index int, line []byte, depth int) (*fact.Fact, *issue.Issue) {
	if depth <= 0 {
		depth = MaxDepth
	}
	v, err := decodeFast(line, depth)
	if err != nil {
		off, code := 0, "load.syntax"
		var de *DecodeError
		if errors.As(err, &de) {
			off = de.Offset
			if de.Code != "" {
				code = de.Code
			}
		}
		off = min(off, len(line))
		msg := fmt.Sprintf("invalid JSON: %v", err)
		if code != "load.syntax" {
			msg = err.Error()
		}
		is := issue.Issue{Severity: issue.Error, Code: code, File: file, Line: lineNo, Column: runeCount(line[:off]) + 1, Message: msg}
		return nil, &is
	}
	start := skipWS(line, 0)
	pos := fact.Pos{Line: lineNo, Col: 1 + runeCount(line[:start])}
	obj, ok := v.(map[string]any)
	if !ok {
		is := notObject(file, pos, index, jsonTypeName(v))
		return nil, &is
	}
	return &fact.Fact{
		File: file, Index: index, Pos: pos, Fields: obj, Origin: fact.Curated,
		Loc: &jsonLocator{data: line, base: fact.Pos{Line: lineNo, Col: 1}},
	}, nil
}

// IsLines reports whether a fact file is JSON Lines, read line by line.
func IsLines(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return true
	}
	return false
}
