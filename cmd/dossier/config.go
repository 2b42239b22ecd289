package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"dossier/pipeline/issue"
	"dossier/pipeline/load"
)

// setting is one config key. The table below is the single source for
// defaults, flags, environment variables and the checks of every value.
type setting struct {
	Key     string // dotted for nested keys: export.csv_bom
	Type    string // string, strings, bool, int
	Default any
	Flag    string // the flag that overrides it, without dashes; "" if none
	Path    bool   // a path: relative to the config file's folder when set there

	Values   []string // a string's allowed values; nil allows any
	Min, Max int64    // an int's range; Max 0 is no upper bound
	Want     string   // what an int should be, for messages
	MaxWhy   string   // why an int has its Max, for messages
}

// settings is read only: the table of every config key.
var settings = []setting{
	{Key: "sources", Type: "string", Default: "sources", Flag: "sources", Path: true},
	{Key: "facts", Type: "strings", Default: []string{"sources/facts"}, Flag: "facts", Path: true},
	{Key: "schemas", Type: "string", Default: "schemas", Flag: "schemas", Path: true},
	{Key: "out", Type: "string", Default: "out", Flag: "out", Path: true},
	{Key: "fail_on", Type: "string", Default: "error", Flag: "fail-on", Values: []string{"error", "warning"}},
	{Key: "min_severity", Type: "string", Default: "info", Flag: "min-severity", Values: []string{"info", "warning", "error"}},
	{Key: "extract.enabled", Type: "bool", Default: true},
	{Key: "jobs", Type: "int", Default: 0, Flag: "jobs", Min: 0, Want: "a whole number of workers, 0 for one per core"},
	{Key: "limits.file_bytes", Type: "int", Default: 512 << 20, Min: 1, Want: "a positive whole number"},
	{Key: "limits.document_bytes", Type: "int", Default: 16 << 20, Min: 1, Want: "a positive whole number"},
	{Key: "limits.record_bytes", Type: "int", Default: 16 << 20, Min: 1, Want: "a positive whole number"},
	{Key: "limits.depth", Type: "int", Default: 256, Min: 1, Max: load.MaxDepth, Want: "a positive whole number", MaxWhy: "the YAML parser reads no deeper"},
	{Key: "limits.records", Type: "int", Default: 100_000_000, Min: 1, Want: "a positive whole number"},
	{Key: "limits.extract_seconds", Type: "int", Default: 10, Min: 1, Want: "a positive whole number"},
	{Key: "limits.memory_mib", Type: "int", Default: 64, Min: 1, Want: "a positive whole number"},
	{Key: "export.csv_bom", Type: "bool", Default: false, Flag: "csv-bom"},
	{Key: "export.formula_guard", Type: "bool", Default: true},
	{Key: "export.jsonl", Type: "bool", Default: false, Flag: "jsonl"},
	{Key: "export.review", Type: "bool", Default: true, Flag: "review"},
}

// Config is the resolved configuration of one command.
type Config struct {
	File        string
	Sources     string
	Facts       []string
	Schemas     string
	Out         string
	FailOn      string
	MinSeverity issue.Severity

	Jobs         int
	Extract      bool
	Limits       load.Limits
	ExtractTime  time.Duration
	MemoryMiB    int64
	CSVBOM       bool
	FormulaGuard bool
	JSONL        bool
	Review       bool
}

// ConfigError is a problem with the configuration: exit status 2. It names
// what set the bad value: a flag, an environment variable, or a place in
// the config file.
type ConfigError struct {
	Flag      string // "--jobs"
	Env       string // "DOSSIER_JOBS"
	File      string
	Line, Col int
	Msg       string
}

func (e *ConfigError) Error() string {
	switch {
	case e.Flag != "":
		return e.Flag + ": " + e.Msg
	case e.Env != "":
		return "environment variable " + e.Env + ": " + e.Msg
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: config: %s", e.File, e.Line, e.Col, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: config: %s", e.File, e.Msg)
	}
	return "config: " + e.Msg
}

// loadConfig resolves every key: flag, then environment (DOSSIER_<KEY>, dots
// as underscores), then the config file, then the default. explicit says
// whether the user named the config file (then it must exist).
func loadConfig(path string, explicit bool, flags *pflag.FlagSet) (*Config, error) {
	r := &resolver{v: viper.New(), flags: flags, nodes: map[string]*yaml.Node{}}
	for _, s := range settings {
		r.v.SetDefault(s.Key, s.Default)
	}
	r.v.SetEnvPrefix("DOSSIER")
	r.v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	r.v.AutomaticEnv()
	if err := r.readFile(path, explicit); err != nil {
		return nil, err
	}
	for _, s := range settings {
		if f := flags.Lookup(s.Flag); s.Flag != "" && f != nil {
			if err := r.v.BindPFlag(s.Key, f); err != nil {
				return nil, err
			}
		}
	}
	c, err := r.resolve()
	if err != nil {
		return nil, err
	}
	if r.file == "" && r.from(mustSetting("schemas")) == (source{}) {
		if _, err := os.Stat(c.Schemas); err != nil {
			wd, _ := os.Getwd()
			return nil, &ConfigError{Msg: fmt.Sprintf("no %s here (in %s): run dossier in a project folder, one with %s, sources/ and schemas/, or name a config file with --config FILE", path, wd, path)}
		}
	}
	if len(c.Facts) == 0 && c.Sources == "" {
		return nil, &ConfigError{File: r.file, Msg: "nothing to read: set sources or facts"}
	}
	return c, nil
}

// resolver reads the merged settings and knows where each came from.
type resolver struct {
	v     *viper.Viper
	flags *pflag.FlagSet
	file  string                // the config file read; "" when none
	nodes map[string]*yaml.Node // the value node of each key the file sets
}

// readFile reads and checks the config file, if there is one.
func (r *resolver) readFile(path string, explicit bool) error {
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
	case errors.Is(err, os.ErrNotExist) && !explicit:
		return nil
	default:
		return &ConfigError{File: path, Msg: fmt.Sprintf("cannot read the config file: %v", err)}
	}
	nodes, err := checkConfigFile(path, data)
	if err != nil {
		return err
	}
	r.file, r.nodes = path, nodes
	r.v.SetConfigFile(path)
	r.v.SetConfigType("yaml")
	if err := r.v.ReadInConfig(); err != nil {
		return &ConfigError{File: path, Msg: err.Error()}
	}
	return nil
}

// source is where a setting's value came from; the zero source is the
// default.
type source struct {
	flag      string
	env       string
	line, col int
}

func (r *resolver) from(s setting) source {
	if f := r.flags.Lookup(s.Flag); s.Flag != "" && f != nil && f.Changed {
		return source{flag: "--" + s.Flag}
	}
	// Viper ignores an empty variable; so does the blame.
	if os.Getenv(envName(s.Key)) != "" {
		return source{env: envName(s.Key)}
	}
	if n := r.nodes[s.Key]; n != nil {
		return source{line: n.Line, col: n.Column}
	}
	return source{}
}

// fail blames a bad value on what set it.
func (r *resolver) fail(s setting, msg string) error {
	switch src := r.from(s); {
	case src.flag != "":
		return &ConfigError{Flag: src.flag, Msg: msg}
	case src.env != "":
		return &ConfigError{Env: src.env, Msg: msg}
	case src.line > 0:
		return &ConfigError{File: r.file, Line: src.line, Col: src.col, Msg: s.Key + ": " + msg}
	}
	return &ConfigError{Msg: "default " + s.Key + ": " + msg}
}

// path resolves a relative path that the config file gives against the
// file's folder; a value that is no path is returned as it is.
func (r *resolver) path(s setting, p string) string {
	if !s.Path || p == "" || filepath.IsAbs(p) || r.from(s).line == 0 {
		return p
	}
	return filepath.Join(filepath.Dir(r.file), p)
}

func (r *resolver) resolve() (*Config, error) {
	c := &Config{File: r.file}
	strs := map[string]string{}
	ints := map[string]int64{}
	bools := map[string]bool{}
	for _, s := range settings {
		raw := r.v.Get(s.Key)
		switch s.Type {
		case "string":
			val := r.v.GetString(s.Key)
			if msg := s.problem(val); msg != "" {
				return nil, r.fail(s, msg)
			}
			strs[s.Key] = r.path(s, val)
		case "strings":
			if s.Key == "facts" {
				for _, f := range stringList(raw) {
					c.Facts = append(c.Facts, r.path(s, f))
				}
			}
		case "int":
			text := strings.TrimSpace(fmt.Sprint(raw))
			if msg := s.problem(text); msg != "" {
				return nil, r.fail(s, msg)
			}
			ints[s.Key], _ = strconv.ParseInt(text, 10, 64)
		case "bool":
			b, err := boolValue(raw)
			if err != nil {
				return nil, r.fail(s, err.Error())
			}
			bools[s.Key] = b
		}
	}
	c.Sources, c.Schemas, c.Out, c.FailOn = strs["sources"], strs["schemas"], strs["out"], strs["fail_on"]
	c.MinSeverity, _ = issue.ParseSeverity(strs["min_severity"])
	c.Jobs = int(ints["jobs"])
	c.Limits = load.Limits{FileBytes: ints["limits.file_bytes"], DocumentBytes: ints["limits.document_bytes"],
		RecordBytes: int(ints["limits.record_bytes"]), Depth: int(ints["limits.depth"]), Records: ints["limits.records"]}
	c.ExtractTime = time.Duration(ints["limits.extract_seconds"]) * time.Second
	c.MemoryMiB = ints["limits.memory_mib"]
	c.Extract, c.CSVBOM, c.FormulaGuard, c.JSONL = bools["extract.enabled"], bools["export.csv_bom"], bools["export.formula_guard"], bools["export.jsonl"]
	c.Review = bools["export.review"]
	return c, nil
}

// problem says what is wrong with a string or int setting's value, given
// as text; "" when nothing is.
func (s setting) problem(text string) string {
	switch s.Type {
	case "string":
		if s.Values != nil && !slices.Contains(s.Values, text) {
			return fmt.Sprintf("want %s, not %q", wordList(s.Values, "or"), text)
		}
	case "int":
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || n < s.Min {
			return fmt.Sprintf("want %s, not %q", s.Want, text)
		}
		if s.Max > 0 && n > s.Max {
			return fmt.Sprintf("at most %d (%s), not %d", s.Max, s.MaxWhy, n)
		}
	}
	return ""
}

// wordList joins words as "a, b or c" (conj "or") or "a, b and c".
func wordList(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// boolValue reads a bool from the file (a YAML bool), a flag or the
// environment (a string such as "true" or "0").
func boolValue(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(x))
		if err != nil {
			return false, fmt.Errorf("want true or false, not %q", x)
		}
		return b, nil
	}
	return false, fmt.Errorf("want true or false, not %v", v)
}

func envName(key string) string {
	return "DOSSIER_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// stringList reads a list from a config value: a YAML list, or a string of
// comma-separated items (as an environment variable gives it).
func stringList(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case string:
		var out []string
		for _, p := range strings.Split(x, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return nil
}

// checkConfigFile reads the config file's node tree and reports the first
// unknown key, or value of the wrong type or out of range, with its line.
// It returns the value node of every key the file sets.
func checkConfigFile(path string, data []byte) (map[string]*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ConfigError{File: path, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	nodes := map[string]*yaml.Node{}
	if len(doc.Content) == 0 {
		return nodes, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &ConfigError{File: path, Line: root.Line, Col: root.Column, Msg: "the config file must be a mapping of keys"}
	}
	var walk func(n *yaml.Node, prefix string) error
	walk = func(n *yaml.Node, prefix string) error {
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := prefix + k.Value
			if seen[key] {
				return &ConfigError{File: path, Line: k.Line, Col: k.Column, Msg: fmt.Sprintf("key %q is given twice", key)}
			}
			seen[key] = true
			s, ok := lookupSetting(key)
			if !ok {
				if isSection(key) && val.Kind == yaml.MappingNode {
					if err := walk(val, key+"."); err != nil {
						return err
					}
					continue
				}
				msg := fmt.Sprintf("unknown key %q", key)
				if near := nearest(key, settingKeys(), 3); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", near)
				}
				return &ConfigError{File: path, Line: k.Line, Col: k.Column, Msg: msg}
			}
			if err := checkType(s, val); err != nil {
				return &ConfigError{File: path, Line: val.Line, Col: val.Column, Msg: fmt.Sprintf("%s: %v", key, err)}
			}
			nodes[key] = val
		}
		return nil
	}
	return nodes, walk(root, "")
}

func lookupSetting(key string) (setting, bool) {
	for _, s := range settings {
		if s.Key == key {
			return s, true
		}
	}
	return setting{}, false
}

// mustSetting returns a setting the code itself names.
func mustSetting(key string) setting {
	s, ok := lookupSetting(key)
	if !ok {
		panic("no setting " + key)
	}
	return s
}

func settingKeys() []string {
	var keys []string
	for _, s := range settings {
		keys = append(keys, s.Key)
	}
	return keys
}

func isSection(prefix string) bool {
	return slices.ContainsFunc(settings, func(s setting) bool { return strings.HasPrefix(s.Key, prefix+".") })
}

// checkType checks a value node of the config file against its setting:
// its type, and for a scalar its allowed values or range.
func checkType(s setting, n *yaml.Node) error {
	switch s.Type {
	case "string":
		if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
			return fmt.Errorf("want a string")
		}
	case "strings":
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("want a list of strings")
		}
		for _, e := range n.Content {
			if e.Kind != yaml.ScalarNode {
				return fmt.Errorf("want a list of strings")
			}
		}
	case "bool":
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			return fmt.Errorf("want true or false, not %q", n.Value)
		}
	case "int":
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			return fmt.Errorf("want a whole number, not %q", n.Value)
		}
		if _, err := strconv.Atoi(n.Value); err != nil {
			return fmt.Errorf("want a whole number, not %q", n.Value)
		}
	}
	if msg := s.problem(n.Value); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// unknownVariables warns of DOSSIER_ environment variables that are no
// setting, as a misspelt one would be, with the name it may have meant.
// environ is os.Environ's form: NAME=value.
func unknownVariables(environ []string) []string {
	var known []string
	for _, s := range settings {
		known = append(known, envName(s.Key))
	}
	var warnings []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "DOSSIER_") || slices.Contains(known, name) || testVariable(name) {
			continue
		}
		msg := fmt.Sprintf("unknown environment variable %s, ignored", name)
		if near := nearest(name, known, 3); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		warnings = append(warnings, msg)
	}
	slices.Sort(warnings)
	return warnings
}

// testVariable says whether a DOSSIER_ variable is one this repository's
// tests read, not a setting: DOSSIER_CORPUS (the extraction corpus) and
// DOSSIER_TEST_* (the test binary run as dossier).
func testVariable(name string) bool {
	return name == "DOSSIER_CORPUS" || strings.HasPrefix(name, "DOSSIER_TEST_")
}

// nearest suggests the candidate closest to a misspelt word (issue.Nearest).
func nearest(word string, candidates []string, maxDist int) string {
	return issue.Nearest(word, candidates, maxDist)
}
