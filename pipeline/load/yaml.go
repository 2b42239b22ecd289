package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
)

// maxAliasExpansion bounds how many nodes alias expansion may produce in one
// file, so a "billion laughs" document is an issue rather than an outage.
const maxAliasExpansion = 100_000

// ReadYAML reads a YAML file holding a sequence of facts (or a single
// mapping). Values are converted from the node tree, never through yaml's
// own decoding into any: dates stay strings, numbers become json.Number, and
// duplicate keys are reported with both lines.
func ReadYAML(file string, r io.Reader, sink Sink) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		sink.Issue(yamlSyntaxIssue(file, data, err))
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		sink.Issue(issue.Issue{Severity: issue.Error, Code: "load.empty", File: file, Line: 1, Column: 1, Message: "the file holds no YAML document"})
		return nil
	}
	root := doc.Content[0]
	items := []*yaml.Node{root}
	if root.Kind == yaml.SequenceNode {
		items = root.Content
	}
	maxDepth := sink.Limits.WithDefaults().Depth
	for i, n := range items {
		f, issues, reject := yamlRecord(file, n, i, maxDepth)
		for _, is := range issues {
			sink.Issue(is)
		}
		if reject != nil {
			sink.Reject(*reject)
			continue
		}
		sink.Fact(f)
	}
	return nil
}

// yamlRecord converts the node of record i: a fact, or the issue that
// rejects it, with the issues before it.
func yamlRecord(file string, n *yaml.Node, i, maxDepth int) (*fact.Fact, []issue.Issue, *issue.Issue) {
	c := &yamlConverter{file: file, maxDepth: maxDepth}
	v := c.convert(n, "", 0)
	pos := fact.Pos{Line: n.Line, Col: n.Column}
	if len(c.issues) > 0 {
		last := c.issues[len(c.issues)-1]
		return nil, c.issues[:len(c.issues)-1], &last
	}
	obj, ok := v.(map[string]any)
	if !ok {
		is := notObject(file, pos, i, jsonTypeName(v))
		return nil, nil, &is
	}
	return &fact.Fact{File: file, Index: i, Pos: pos, Fields: obj, Origin: fact.Curated, Loc: yamlLocator{n}}, nil, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlSyntaxIssue turns a go-yaml error into an issue. go-yaml's own line
// numbers cannot be passed through: parser errors give a 0-based line, often
// of the enclosing collection rather than of the problem, and some errors
// (an unknown anchor, a character that cannot start a token) give none. The
// issue is placed by yamlErrorPos instead.
func yamlSyntaxIssue(file string, data []byte, err error) issue.Issue {
	msg, hint := yamlMessage(err)
	if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		hint = aliasLine(data, m[1]) // go-yaml gives no line for these
	}
	line, col := yamlErrorPos(data, msg, hint)
	return issue.Issue{Severity: issue.Error, Code: "load.syntax", File: file, Line: line, Column: col,
		Message: "invalid YAML: " + msg}
}

// yamlMessage splits a go-yaml error into its text, without the
// "yaml: line N: " prefix, and N (0 when there is none).
func yamlMessage(err error) (string, int) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	return msg, line
}

var unknownAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// aliasLine returns the 1-based line of the first alias "*name" in data
// with no anchor "&name" before it, or 0. It reads the text, not the
// YAML, so it only gives yamlErrorPos a place to start.
func aliasLine(data []byte, name string) int {
	alias, anchor := []byte("*"+name), []byte("&"+name)
	end := func(i int) bool { // the name ends at i
		return i >= len(data) || bytes.IndexByte([]byte(" \t\r\n,]}"), data[i]) >= 0
	}
	for i := 0; i < len(data); i++ {
		if data[i] != '*' && data[i] != '&' {
			continue
		}
		if i > 0 && bytes.IndexByte([]byte(" \t\r\n,[{:-?"), data[i-1]) < 0 {
			continue
		}
		switch {
		case bytes.HasPrefix(data[i:], anchor) && end(i+len(anchor)):
			return 0 // defined before any use: not what failed
		case bytes.HasPrefix(data[i:], alias) && end(i+len(alias)):
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	return 0
}

// yamlColumnBudget bounds the bytes parsed again to find the column of a
// syntax error; past it the error is placed at the start of its line.
const yamlColumnBudget = 8 << 20

// yamlErrorPos returns the 1-based line and column of the syntax error msg,
// which go-yaml met in data: the end of the shortest prefix of data that
// fails to parse with the same message.
//
// go-yaml's line (hint) is the line of the problem or of the collection
// around it, counted from 0 or from 1: the problem is not above it. The
// search starts there and gallops down the file, then bisects, so it
// costs a few parses near the hint. The column is found by growing the
// prefix byte by byte within the line while the budget allows.
func yamlErrorPos(data []byte, msg string, hint int) (line, col int) {
	fails := func(end int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(data[:end], &n)
		if err == nil {
			return false
		}
		m, _ := yamlMessage(err)
		return m == msg
	}
	var ends []int // ends[k] is the end of line k+1, after its line break
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	last := len(ends) - 1 // the whole of data, known to fail
	// The first k with fails(ends[k]) is in (lo, hi].
	lo := max(-1, min(hint-2, last-1))
	if lo >= 0 && fails(ends[lo]) {
		lo = -1 // the hint misled: search from the top
	}
	hi := last
	for step := 1; lo+step < last; step *= 2 {
		if fails(ends[lo+step]) {
			hi = lo + step
			break
		}
		lo += step
	}
	k := lo + 1 + sort.Search(hi-lo-1, func(i int) bool { return fails(ends[lo+1+i]) })
	start := 0
	if k > 0 {
		start = ends[k-1]
	}
	end := ends[k]
	if end-start > 512 || (end-start)*end > yamlColumnBudget {
		return k + 1, 1
	}
	for j := start + 1; j <= end; j++ {
		if j < end && !utf8.RuneStart(data[j]) {
			continue
		}
		if fails(j) {
			// data[j-1] is the last byte the parser needed to fail; an
			// unknown alias is placed at its "*", not at its last letter.
			at := j - 1
			if strings.HasPrefix(msg, "unknown anchor") {
				if a := bytes.LastIndexByte(data[start:j], '*'); a >= 0 {
					at = start + a
				}
			}
			return k + 1, 1 + utf8.RuneCount(data[start:at])
		}
	}
	return k + 1, 1
}

type yamlConverter struct {
	file     string
	maxDepth int // as limits.depth
	issues   []issue.Issue
	expanded int
	bomb     bool // the alias limit was passed and reported
}

func (c *yamlConverter) fail(n *yaml.Node, ptr, code, format string, args ...any) {
	c.issues = append(c.issues, issue.Issue{Severity: issue.Error, Code: code, File: c.file, Line: n.Line, Column: n.Column, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// convert turns node n, inside depth mappings and sequences of its record,
// into the value JSON would give. Depth counts as the JSON decoder does:
// each mapping or sequence is a level, the record itself the first.
func (c *yamlConverter) convert(n *yaml.Node, ptr string, depth int) any {
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && depth >= c.maxDepth {
		c.fail(n, ptr, "load.too-deep", "nesting deeper than %d levels", c.maxDepth)
		return nil
	}
	if n.Kind != yaml.AliasNode && n.Kind != yaml.DocumentNode && !yamlTags[n.ShortTag()] {
		// A tag asks for a type JSON does not have (!!binary, !!set, a
		// custom !thing); reading it as text would change what it says.
		c.fail(n, ptr, "load.tag", "YAML tag %s is not supported: facts hold JSON types only", n.Tag)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if c.bomb {
			return nil // reported once, at the alias that passed the limit
		}
		c.expanded += countNodes(n.Alias, maxAliasExpansion)
		if c.expanded > maxAliasExpansion {
			c.bomb = true
			c.fail(n, ptr, "load.alias-bomb", "aliases expand to more than %d values", maxAliasExpansion)
			return nil
		}
		return c.convert(n.Alias, ptr, depth)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.convert(n.Content[0], ptr, depth)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			out = append(out, c.convert(e, ptr+"/"+strconv.Itoa(i), depth+1))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				c.fail(k, ptr, "load.key", "a mapping key must be a plain string")
				continue
			}
			if k.Tag == "!!merge" {
				c.fail(k, ptr, "load.merge-key", "YAML merge keys (<<) are not supported: write the fields out")
				continue
			}
			if prev, dup := seen[k.Value]; dup {
				c.fail(k, ptr+fact.Pointer(k.Value), "load.duplicate-key", "key %q is given twice (first at line %d, column %d)", k.Value, prev.Line, prev.Column)
				continue
			}
			seen[k.Value] = k
			out[k.Value] = c.convert(v, ptr+fact.Pointer(k.Value), depth+1)
		}
		return out
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil
}

// scalar converts a YAML scalar by its resolved tag. Timestamps and every
// unknown tag stay strings; numbers become json.Number in JSON syntax.
func scalar(n *yaml.Node) any {
	// go-yaml resolves a plain decimal integer beyond 64 bits to !!float
	// (losing digits) or, past float64 range, to !!str: keep its digits.
	if n.Style == 0 && (n.Tag == "!!float" || n.Tag == "!!str") {
		if s := yamlDecimal(n.Value); s != "" {
			return json.Number(s)
		}
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		var u uint64
		if n.Decode(&u) == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
		// Beyond 64 bits: keep the digits, they are valid JSON.
		if s := strings.TrimPrefix(strings.ReplaceAll(n.Value, "_", ""), "+"); isJSONInt(s) {
			return json.Number(s)
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			if isJSONNumber(n.Value) {
				return json.Number(n.Value)
			}
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return n.Value
}

// yamlDecimal returns a plain YAML decimal integer (optional sign, digits
// with "_" separators between them) in JSON syntax, or "" for anything else.
func yamlDecimal(v string) string {
	s, neg := v, false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s, neg = s[1:], s[0] == '-'
	}
	if s == "" || s[0] < '0' || s[0] > '9' || s[len(s)-1] == '_' {
		return ""
	}
	digits := strings.ReplaceAll(s, "_", "")
	if neg {
		digits = "-" + digits
	}
	if !isJSONInt(digits) {
		return ""
	}
	return digits
}

func isJSONInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isJSONNumber(s string) bool {
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil
}

func countNodes(n *yaml.Node, limit int) int {
	count := 1
	for _, c := range n.Content {
		if count > limit {
			break
		}
		count += countNodes(c, limit)
	}
	return count
}

// yamlLocator walks the node tree of one record.
type yamlLocator struct{ n *yaml.Node }

func (l yamlLocator) Locate(pointer string) fact.Pos {
	n := l.n
	for _, tok := range fact.SplitPointer(pointer) {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		next := yamlChild(n, tok)
		if next == nil {
			break
		}
		n = next
	}
	return fact.Pos{Line: n.Line, Col: n.Column}
}

func yamlChild(n *yaml.Node, tok string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

// yamlTags are the tags whose values have a JSON type.
var yamlTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!map": true, "!!seq": true, "!!merge": true}
