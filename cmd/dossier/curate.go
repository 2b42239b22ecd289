package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"dossier/pipeline/check"
	ddoc "dossier/pipeline/document"
	"dossier/pipeline/export"
	"dossier/pipeline/extract"
	"dossier/pipeline/fact"
	"dossier/pipeline/issue"
	"dossier/pipeline/key"
	"dossier/pipeline/load"
	"dossier/pipeline/schema"
	"dossier/pipeline/validate"
)

func newCurateCmd() *cobra.Command {
	df := &docFlags{}
	var out string
	cmd := &cobra.Command{
		Use:   "curate DOC",
		Short: "Write the facts the extractors find in a document, and no fact file gives, as a fact file to review",
		Long: `Curate runs the extractors on a document (DOC: a path, or the id of a
document in the sources folder) and writes the facts they find that no fact
file gives as a YAML fact file to review: every field, the quote, and above
each fact a comment with its rule, its line and its issues. A fact with an
error is written commented out, under its error. An analyst accepts facts by
keeping them, fixes a field where needed, and comments out (rather than
deletes) the wrong ones.

The file is DOC's id with .curate.yaml in the first facts folder of the
config (so that the next run reads the facts kept), or --out FILE, or stdout
with --out -. Run again, curate adds only what is new: a fact that a fact
file gives (the curate file included), or that the file held before, even
commented out, is not written again, and what the file holds is left as it
is.

Exit status: 0; 2 when the document, a fact file or the schemas cannot be
read, or the file cannot be written; 130 when interrupted.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := df.load(cmd, "facts")
			if err != nil {
				return err
			}
			d, err := readDocument(c, args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			path, err := curatePath(c, d, out)
			if err != nil {
				return err
			}
			res, err := curate(cmd.Context(), c, d, path)
			if err != nil {
				return err
			}
			return res.write(cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addDocFlags(cmd, df)
	cmd.Flags().StringArray("facts", nil, "a fact file or folder, repeatable (overrides the config)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write the facts to `FILE` (default: the document's id.curate.yaml in the first facts folder; - for stdout)")
	return cmd
}

// curatePath is where curate writes: --out, else the document's id with
// .curate.yaml in the first facts folder of the config.
func curatePath(c *Config, d *ddoc.Document, out string) (string, error) {
	if out != "" {
		return out, nil
	}
	if len(c.Facts) == 0 {
		return "", &exitError{exitUsage, fmt.Errorf("no facts folder in the config to write %s.curate.yaml in: give --out FILE", d.ID)}
	}
	dir := c.Facts[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	return filepath.Join(dir, d.ID+".curate.yaml"), nil
}

// curation is what curate found: the file's content as it was, the facts to
// add, and the counts.
type curation struct {
	path     string
	existing []byte
	added    bytes.Buffer
	written  int // facts written
	held     int // of them, written commented out under their errors
	skipped  int // facts a fact file gives, or the file held
	found    int // facts the extractors found
	doc      *ddoc.Document
}

// curate extracts the facts of d and keeps those no fact file gives and
// the file at path did not hold.
func curate(ctx context.Context, c *Config, d *ddoc.Document, path string) (*curation, error) {
	set, err := schema.Load(c.Schemas)
	if err != nil {
		return nil, &exitError{exitUsage, fmt.Errorf("schema: %w", err)}
	}
	res := &curation{path: path, doc: d}
	if path != "-" {
		res.existing, err = os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			return nil, &exitError{exitUsage, err}
		}
	}
	given, err := givenKeys(ctx, c, set, d.ID, path)
	if err != nil {
		return nil, err
	}
	held := curateMarkers(res.existing)
	keys := map[string][]string{}
	for name, k := range set.Kinds {
		keys[name] = k.Key
	}
	facts, err := extract.DocumentContext(ctx, d, keys)
	if err != nil {
		return nil, err
	}
	corpus := check.NewCorpus([]*ddoc.Document{d})
	for _, x := range facts {
		k := set.Kinds[x.Kind]
		if k == nil {
			continue
		}
		res.found++
		f := &fact.Fact{Kind: x.Kind, File: d.Path, Pos: d.Pos(x.Start), Fields: fact.Clone(x.Fields).(map[string]any), Origin: fact.Extracted, Rule: x.Rule}
		k.Normalize.Apply(f.Fields)
		// A fact file gives the fact when it gives its key as reconciliation
		// compares keys; the mark tells apart what the extractors tell
		// apart (two coups of one year).
		kk := key.Of(k.Name, k.Key, f.Fields)
		marker := curateMarker(d.ID, kk.Full)
		if given[kk.Match] || held[marker] {
			res.skipped++
			continue
		}
		held[marker] = true
		issues := validate.Fact(k, f)
		issues = append(issues, check.Evidence(corpus, f)...)
		issues = append(issues, check.PercentSum(k, f)...)
		if !hasError(issues) {
			issues = append(issues, check.Fields(corpus, k, f)...)
		}
		res.add(k, f, marker, issues)
	}
	return res, nil
}

func hasError(issues []issue.Issue) bool {
	return slices.ContainsFunc(issues, func(i issue.Issue) bool { return i.Severity == issue.Error })
}

// givenKeys returns the keys (key.Of's Match) of the facts that the fact
// files, and the file curate writes, give for document doc.
func givenKeys(ctx context.Context, c *Config, set *schema.Set, doc, path string) (map[string]bool, error) {
	files, err := load.FactFiles(c.Facts)
	if err != nil {
		return nil, &exitError{exitUsage, err}
	}
	if path != "-" && load.ReaderFor(path) != nil && !slices.Contains(files, path) {
		if _, err := os.Stat(path); err == nil {
			files = append(files, path)
		}
	}
	given := map[string]bool{}
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sink := load.Sink{Limits: c.Limits, Reject: func(issue.Issue) {}, Issue: func(issue.Issue) {},
			Fact: func(f *fact.Fact) {
				kind, _ := f.Fields["kind"].(string)
				k := set.Kinds[kind]
				if k == nil || f.String("/evidence/document") != doc {
					return
				}
				k.Normalize.Apply(f.Fields)
				given[key.Of(k.Name, k.Key, f.Fields).Match] = true
			}}
		if err := load.ReadFactFile(file, sink); err != nil {
			return nil, &exitError{exitUsage, err}
		}
	}
	return given, nil
}

// A fact curate writes follows a comment with its marker, "[curate
// HEX]": a digest of the document and the fact's key, by which a later
// curate knows the fact was written, even if it was edited or commented
// out since.
const markerPattern = `\[curate ([0-9a-f]{12})\]`

func curateMarker(doc, full string) string {
	sum := sha256.Sum256([]byte(doc + "\x00" + full))
	return hex.EncodeToString(sum[:6])
}

func curateMarkers(text []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(markerPattern).FindAllSubmatch(text, -1) {
		out[string(m[1])] = true
	}
	return out
}

// add writes one fact: the comment with its kind, line, rule and marker,
// a comment per issue, and the record; commented out when it has an error.
func (res *curation) add(k *schema.Kind, f *fact.Fact, marker string, issues []issue.Issue) {
	b := &res.added
	b.WriteByte('\n')
	fmt.Fprintf(b, "# %s, line %d of %s (rule %s) [curate %s]\n", f.Kind, f.Pos.Line, filepath.Base(res.doc.Path), f.Rule, marker)
	for _, is := range issues {
		fmt.Fprintf(b, "# %s %s: %s\n", is.Severity, is.Code, oneLine(is.Message))
	}
	prefix := ""
	if hasError(issues) {
		prefix = "# "
		res.held++
		b.WriteString("# (commented out for its error: fix the fact and remove the # to keep it)\n")
	}
	writeRecord(b, k, f.Fields, prefix)
	res.written++
}

// write writes the file: what it held, then the new facts; a new file
// starts with a note on how to review it. Nothing new leaves it alone.
func (res *curation) write(stdout, stderr io.Writer) error {
	var body bytes.Buffer
	if len(res.existing) == 0 {
		fmt.Fprintf(&body, curateHeader, res.doc.Path)
	} else {
		body.Write(res.existing)
		if !bytes.HasSuffix(res.existing, []byte("\n")) {
			body.WriteByte('\n')
		}
	}
	body.Write(res.added.Bytes())
	summary := fmt.Sprintf("%d facts found, %d already curated, %d written", res.found, res.skipped, res.written)
	if res.held > 0 {
		summary += fmt.Sprintf(" (%d commented out for their errors)", res.held)
	}
	if res.path == "-" {
		var err error
		if res.written > 0 {
			_, err = stdout.Write(body.Bytes())
		}
		fmt.Fprintf(stderr, "dossier: %s: %s\n", res.doc.ID, summary)
		return err
	}
	if res.written == 0 {
		fmt.Fprintf(stderr, "dossier: %s: %s; %s left as it was\n", res.doc.ID, summary, res.path)
		return nil
	}
	if err := export.WriteFile(res.path, func(w io.Writer) error { _, err := w.Write(body.Bytes()); return err }); err != nil {
		return &exitError{exitUsage, err}
	}
	fmt.Fprintf(stderr, "dossier: %s: %s to %s\n", res.doc.ID, summary, res.path)
	return nil
}

const curateHeader = `# Facts the extractors found in the text of
#   %s
# that no fact file gave, written by dossier curate to review. Keep the facts
# that are right (fix a field where needed) and comment out the wrong ones
# rather than delete them: the next dossier curate adds what is new and leaves
# what this file holds, or held, alone. Each fact follows a comment with its
# line, its rule and its issues.
`

// writeRecord writes a fact as a YAML list item: kind first, then the
// fields in the schema's order, then any other, each line after prefix.
func writeRecord(b *bytes.Buffer, k *schema.Kind, fields map[string]any, prefix string) {
	var order []string
	seen := map[string]bool{"kind": true}
	for _, c := range k.Columns {
		top := fact.SplitPointer(c.Pointer)[0]
		if !seen[top] {
			seen[top] = true
			order = append(order, top)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if !seen[name] {
			order = append(order, name)
		}
	}
	fmt.Fprintf(b, "%s- kind: %s\n", prefix, yamlScalar(fields["kind"]))
	for _, name := range order {
		v, ok := fields[name]
		if !ok {
			continue
		}
		writeField(b, prefix+"  ", name, v)
	}
}

// writeField writes one field: a scalar on its line, a list of scalars in
// flow style, an object's fields indented under it.
func writeField(b *bytes.Buffer, indent, name string, v any) {
	switch x := v.(type) {
	case map[string]any:
		fmt.Fprintf(b, "%s%s:\n", indent, name)
		for _, k := range slices.Sorted(maps.Keys(x)) {
			writeField(b, indent+"  ", k, x[k])
		}
	case []any:
		items := make([]string, len(x))
		for i, e := range x {
			items[i] = yamlScalar(e)
			if strings.ContainsAny(items[i], ",[]{}") && !strings.HasPrefix(items[i], `"`) {
				items[i] = jsonString(items[i])
			}
		}
		fmt.Fprintf(b, "%s%s: [%s]\n", indent, name, strings.Join(items, ", "))
	default:
		fmt.Fprintf(b, "%s%s: %s\n", indent, name, yamlScalar(v))
	}
}

// plain reports whether YAML reads s back as the same text when written
// plain: a letter first, then letters, digits, spaces and punctuation that
// means nothing in a block scalar, no space at the end, and not a word
// some parser reads as a boolean or null.
func plain(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
		case i == 0:
			return false
		case unicode.IsDigit(r) || unicode.Is(unicode.M, r) || strings.ContainsRune(" .,'’()/&-", r):
		default:
			return false
		}
	}
	return s != "" && !strings.HasSuffix(s, " ")
}

// yamlScalar writes a value of a decoded record as a YAML scalar: text
// plain where that reads back as the same text, else double-quoted (as
// JSON writes it, which YAML reads); numbers as written.
func yamlScalar(v any) string {
	switch x := v.(type) {
	case string:
		if plain(x) {
			return x
		}
		return jsonString(x)
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	}
	return jsonString(fmt.Sprint(v))
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
