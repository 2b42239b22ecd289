package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tablePackage is the part of datapackage.json a Frictionless validator
// reads to check a CSV.
type tablePackage struct {
	Resources []struct {
		Name     string `json:"name"`
		Path     string `json:"path"`
		Encoding string `json:"encoding"`
		Dialect  struct {
			Delimiter      string `json:"delimiter"`
			LineTerminator string `json:"lineTerminator"`
			Header         bool   `json:"header"`
		} `json:"dialect"`
		Schema struct {
			Fields []struct {
				Name        string `json:"name"`
				Type        string `json:"type"`
				Constraints struct {
					Required bool  `json:"required"`
					Enum     []any `json:"enum"`
				} `json:"constraints"`
			} `json:"fields"`
			PrimaryKey    []string `json:"primaryKey"`
			MissingValues []string `json:"missingValues"`
		} `json:"schema"`
	} `json:"resources"`
}

// checkPackage checks every CSV of an output folder against the Table
// Schema datapackage.json gives it, as Frictionless does with its default
// settings: the dialect (delimiter, CRLF line ends), the header, each
// value's type (integer, number, boolean, date as YYYY-MM-DD, string),
// required fields, enums and the primary key. It returns the problems.
func checkPackage(t *testing.T, out string) []string {
	t.Helper()
	var pkg tablePackage
	if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(out, "datapackage.json"))), &pkg); err != nil {
		t.Fatal(err)
	}
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	for _, res := range pkg.Resources {
		data := []byte(mustRead(t, filepath.Join(out, filepath.FromSlash(res.Path))))
		if res.Encoding == "utf-8-sig" {
			data = bytes.TrimPrefix(data, []byte("\uFEFF"))
		}
		if res.Dialect.LineTerminator != "\r\n" || !crlfOnly(data) {
			fail("%s: lines do not end as the dialect says (%q)", res.Path, res.Dialect.LineTerminator)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = rune(res.Dialect.Delimiter[0])
		rows, err := r.ReadAll()
		if err != nil || len(rows) == 0 {
			fail("%s: %v", res.Path, err)
			continue
		}
		var names []string
		for _, f := range res.Schema.Fields {
			names = append(names, f.Name)
		}
		if !slices.Equal(rows[0], names) {
			fail("%s: header %v, schema %v", res.Path, rows[0], names)
			continue
		}
		keys := map[string]int{}
		for i, row := range rows[1:] {
			line := i + 2
			var key []string
			for j, f := range res.Schema.Fields {
				v := row[j]
				if slices.Contains(res.Schema.PrimaryKey, f.Name) {
					key = append(key, v)
				}
				if slices.Contains(res.Schema.MissingValues, v) {
					if f.Constraints.Required || slices.Contains(res.Schema.PrimaryKey, f.Name) {
						fail("%s:%d: %s is required", res.Path, line, f.Name)
					}
					continue
				}
				typed, ok := castField(f.Type, v)
				if !ok {
					fail("%s:%d: %s %q is not a valid %s", res.Path, line, f.Name, v, f.Type)
					continue
				}
				if len(f.Constraints.Enum) > 0 && !slices.ContainsFunc(f.Constraints.Enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(typed) }) {
					fail("%s:%d: %s %q is not one of %v", res.Path, line, f.Name, v, f.Constraints.Enum)
				}
			}
			if len(key) > 0 {
				k := strings.Join(key, "\x00")
				if first, dup := keys[k]; dup {
					fail("%s:%d: primary key %v repeats line %d", res.Path, line, key, first)
				}
				keys[k] = line
			}
		}
	}
	return bad
}

var integerText = regexp.MustCompile(`^[+-]?[0-9]+$`)

// castField reads a CSV value as a Table Schema type with Frictionless's
// defaults, returning it in a form that compares with an enum's values.
func castField(typ, v string) (any, bool) {
	switch typ {
	case "string":
		return v, true
	case "integer":
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil && integerText.MatchString(v)
	case "number":
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	case "boolean":
		switch v {
		case "true", "True", "TRUE", "1":
			return true, true
		case "false", "False", "FALSE", "0":
			return false, true
		}
		return nil, false
	case "date":
		_, err := time.Parse(time.DateOnly, v)
		return v, err == nil
	}
	return nil, false
}

// crlfOnly reports whether every line break outside quotes is CRLF.
func crlfOnly(data []byte) bool {
	quoted := false
	for i, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted && (i == 0 || data[i-1] != '\r'):
			return false
		}
	}
	return len(data) > 0 && bytes.HasSuffix(data, []byte("\r\n"))
}

// Every CSV of a run on the shipped sources and on the fixture of values
// readers get wrong is valid against its Table Schema.
func TestCSVsMatchTheirTableSchemas(t *testing.T) {
	for _, r := range workbookRuns(t) {
		if bad := checkPackage(t, r.out); len(bad) > 0 {
			t.Errorf("%s: %d problems:\n%s", r.name, len(bad), strings.Join(bad[:min(len(bad), 20)], "\n"))
		}
	}
}

// The checker finds what it is there to find: a wrong type, a missing
// required value, a value outside its enum, a repeated key, LF line ends.
func TestCheckPackageFindsProblems(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := dossier(t, t.TempDir(), append(repoArgs(t), "run", "-q", "--out", out)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	path := filepath.Join(out, "csv", "poll.csv")
	good := mustRead(t, path)
	lines := strings.Split(good, "\r\n")
	head := strings.Split(lines[0], ",")
	col := func(name string) int { return slices.Index(head, name) }
	set := func(line, c int, v string) string {
		rows, _ := csv.NewReader(strings.NewReader(good)).ReadAll()
		rows[line][c] = v
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.UseCRLF = true
		w.WriteAll(rows)
		return b.String()
	}
	for name, data := range map[string]string{
		"type":     set(1, col("year"), "2007.5"),
		"required": set(1, col("measure"), ""),
		"enum":     set(1, col("origin"), "guessed"),
		"key":      set(2, col("id"), strings.Split(lines[1], ",")[col("id")]),
		"LF":       strings.ReplaceAll(good, "\r\n", "\n"),
	} {
		writeFile(t, path, data)
		if bad := checkPackage(t, out); len(bad) == 0 {
			t.Errorf("%s: the checker found nothing wrong", name)
		}
	}
	writeFile(t, path, good)
	if bad := checkPackage(t, out); len(bad) != 0 {
		t.Errorf("the checker finds problems in a good package: %v", bad)
	}
}

// A column's type in datapackage.json comes from the schema alone: a run
// whose ambassador terms are all complete dates and one with a bare year
// declare the same types.
func TestPackageTypesFromSchema(t *testing.T) {
	types := func(from string) string {
		dir := t.TempDir()
		facts := filepath.Join(dir, "a.jsonl")
		writeFile(t, facts, `{"kind":"ambassador","countries":["MLI","USA"],"name":"Jane Doe","country":"USA","from":"`+from+`","evidence":{"document":"mali-united-states","quote":"Ambassador"}}`+"\n")
		out := filepath.Join(dir, "out")
		if code, _, stderr := dossier(t, dir, append(repoArgs(t), "run", "-q", "--facts", facts, "--out", out)...); code > 1 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if bad := checkPackage(t, out); len(bad) > 0 {
			t.Errorf("from %s: %v", from, bad)
		}
		return mustRead(t, filepath.Join(out, "datapackage.json"))
	}
	full, year := types("2008-01-15"), types("2008")
	if full != year {
		t.Errorf("datapackage.json differs between a run with complete dates and one with a year")
	}
	var pkg tablePackage
	if err := json.Unmarshal([]byte(full), &pkg); err != nil {
		t.Fatal(err)
	}
	typeOf := map[string]string{}
	for _, r := range pkg.Resources {
		for _, f := range r.Schema.Fields {
			typeOf[r.Name+"."+f.Name] = f.Type
		}
	}
	for field, want := range map[string]string{"ambassador.from": "string", "ambassador.from_value": "date", "event.date": "string",
		"event.date_value": "date", "documents.retrieved_value": "date", "poll.year": "integer", "poll.value": "number"} {
		if typeOf[field] != want {
			t.Errorf("%s is typed %q, want %q", field, typeOf[field], want)
		}
	}
}
