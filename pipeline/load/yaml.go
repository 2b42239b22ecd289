package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

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
		sink.Issue(yamlSyntaxIssue(file, err))
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
	for i, n := range items {
		c := &yamlConverter{file: file}
		v := c.convert(n, "", 0)
		pos := fact.Pos{Line: n.Line, Col: n.Column}
		if len(c.issues) > 0 {
			for _, is := range c.issues[:len(c.issues)-1] {
				sink.Issue(is)
			}
			sink.Reject(c.issues[len(c.issues)-1])
			continue
		}
		obj, ok := v.(map[string]any)
		if !ok {
			sink.Reject(notObject(file, pos, i, jsonTypeName(v)))
			continue
		}
		sink.Fact(&fact.Fact{File: file, Index: i, Pos: pos, Fields: obj, Origin: fact.Curated, Loc: yamlLocator{n}})
	}
	return nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func yamlSyntaxIssue(file string, err error) issue.Issue {
	is := issue.Issue{Severity: issue.Error, Code: "load.syntax", File: file, Line: 1, Column: 1}
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			is.Line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	is.Message = "invalid YAML: " + msg
	return is
}

type yamlConverter struct {
	file     string
	issues   []issue.Issue
	expanded int
}

func (c *yamlConverter) fail(n *yaml.Node, ptr, code, format string, args ...any) {
	c.issues = append(c.issues, issue.Issue{Severity: issue.Error, Code: code, File: c.file, Line: n.Line, Column: n.Column, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

func (c *yamlConverter) convert(n *yaml.Node, ptr string, depth int) any {
	if depth > maxDepth {
		c.fail(n, ptr, "load.too-deep", "nesting deeper than %d levels", maxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		c.expanded += countNodes(n.Alias, maxAliasExpansion)
		if c.expanded > maxAliasExpansion {
			c.fail(n, ptr, "load.alias-bomb", "aliases expand to more than %d values", maxAliasExpansion)
			return nil
		}
		return c.convert(n.Alias, ptr, depth+1)
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
				c.fail(k, ptr+fact.Pointer(k.Value), "load.duplicate-key", "key %q is given twice (first at line %d)", k.Value, prev.Line)
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

// maxDepth bounds nesting in every loader.
const maxDepth = 256
