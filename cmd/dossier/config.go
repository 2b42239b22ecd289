package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"dossier/pipeline/load"
)

// setting is one config key. The table below is the single source for
// defaults, environment variables, type checks and unknown-key errors.
type setting struct {
	Key     string // dotted for nested keys: export.csv_bom
	Type    string // string, strings, bool, int
	Default any
	Path    bool // a path: relative to the config file when set there
	Doc     string
}

var settings = []setting{
	{"sources", "string", "sources", true, "Folder of source documents: NAME.txt articles, each with an optional NAME.meta.yaml."},
	{"facts", "strings", []string{"sources/facts"}, true, "Fact files, or folders of them (YAML, JSON, JSONL)."},
	{"schemas", "string", "schemas", true, "Folder of JSON Schemas: <kind>.schema.json per fact kind, plus document.schema.json."},
	{"out", "string", "out", true, "Folder `dossier run` writes its outputs to."},
	{"fail_on", "string", "error", false, "Lowest severity that makes the exit status 1: error or warning."},
	{"extract.enabled", "bool", true, false, "Extract facts from every document and reconcile them with the curated facts."},
	{"jobs", "int", 0, false, "Workers for the per-record stages; 0 means one per core. Flag: --jobs."},
	{"limits.file_bytes", "int", 512 << 20, false, "Largest fact file read whole (YAML), in bytes. JSON, JSON Lines and CSV stream and have no such limit."},
	{"limits.document_bytes", "int", 16 << 20, false, "Largest document (.txt), in bytes."},
	{"limits.record_bytes", "int", 16 << 20, false, "Largest record of a JSON or JSON Lines file, in bytes."},
	{"limits.depth", "int", 256, false, "Deepest nesting of a record, in YAML, JSON and JSON Lines alike: each object or array (mapping or sequence) is a level, the record itself the first. At most 10000."},
	{"limits.records", "int", 100_000_000, false, "Most records read in one run."},
	{"limits.extract_seconds", "int", 10, false, "Longest time the extractors may spend on one document."},
	{"limits.memory_mib", "int", 110, false, "Soft target for the Go heap, in MiB (GOMEMLIMIT overrides it)."},
	{"export.csv_bom", "bool", false, false, "Start each CSV with a UTF-8 byte order mark, for Excel on Windows."},
	{"export.formula_guard", "bool", true, false, "Make CSV cells that a spreadsheet would run as formulas inert."},
	{"export.jsonl", "bool", false, false, "Also write out/jsonl/<kind>.jsonl."},
}

// Config is the resolved configuration of one command.
type Config struct {
	File    string
	Sources string
	Facts   []string
	Schemas string
	Out     string
	FailOn  string

	Jobs         int
	Extract      bool
	Limits       load.Limits
	ExtractTime  time.Duration
	MemoryMiB    int64
	CSVBOM       bool
	FormulaGuard bool
	JSONL        bool
}

// ConfigError is a problem with the configuration: exit status 2.
type ConfigError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: config: %s", e.File, e.Line, e.Col, e.Msg)
	}
	if e.File != "" {
		return fmt.Sprintf("%s: config: %s", e.File, e.Msg)
	}
	return "config: " + e.Msg
}

// loadConfig resolves every key: flag, then environment (DOSSIER_<KEY>, dots
// as underscores), then the config file, then the default. explicit says
// whether the user named the config file (then it must exist).
func loadConfig(path string, explicit bool, flags *pflag.FlagSet, flagKeys map[string]string) (*Config, error) {
	v := viper.New()
	for _, s := range settings {
		v.SetDefault(s.Key, s.Default)
	}
	v.SetEnvPrefix("DOSSIER")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	fromFile := map[string]bool{}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		keys, err := checkConfigFile(path, data)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			fromFile[k] = true
		}
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, &ConfigError{File: path, Msg: err.Error()}
		}
	case errors.Is(err, os.ErrNotExist) && !explicit:
		path = ""
	default:
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("cannot read the config file: %v", err)}
	}
	for key, flag := range flagKeys {
		if f := flags.Lookup(flag); f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return nil, err
			}
		}
	}
	dir := "."
	if path != "" {
		dir = filepath.Dir(path)
	}
	resolve := func(key, p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		flagSet := flagKeys[key] != "" && flags.Changed(flagKeys[key])
		_, envSet := os.LookupEnv(envName(key))
		if fromFile[key] && !flagSet && !envSet {
			return filepath.Join(dir, p)
		}
		return p
	}
	c := &Config{File: path}
	c.Sources = resolve("sources", v.GetString("sources"))
	c.Schemas = resolve("schemas", v.GetString("schemas"))
	c.Out = resolve("out", v.GetString("out"))
	c.FailOn = v.GetString("fail_on")
	jobs, err := strconv.Atoi(strings.TrimSpace(fmt.Sprint(v.Get("jobs"))))
	if err != nil || jobs < 0 {
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("jobs (%s, --jobs): want a whole number of workers, 0 for one per core, not %v", envName("jobs"), v.Get("jobs"))}
	}
	c.Jobs = jobs
	ints := map[string]int64{}
	for _, key := range []string{"limits.file_bytes", "limits.document_bytes", "limits.record_bytes", "limits.depth", "limits.records", "limits.extract_seconds", "limits.memory_mib"} {
		n, err := strconv.ParseInt(strings.TrimSpace(fmt.Sprint(v.Get(key))), 10, 64)
		if err != nil || n <= 0 {
			return nil, &ConfigError{File: path, Msg: fmt.Sprintf("%s (%s): want a positive whole number, not %v", key, envName(key), v.Get(key))}
		}
		ints[key] = n
	}
	if d := ints["limits.depth"]; d > load.MaxDepth {
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("limits.depth (%s): at most %d (the YAML parser reads no deeper), not %d", envName("limits.depth"), load.MaxDepth, d)}
	}
	c.Limits = load.Limits{FileBytes: ints["limits.file_bytes"], DocumentBytes: ints["limits.document_bytes"],
		RecordBytes: int(ints["limits.record_bytes"]), Depth: int(ints["limits.depth"]), Records: ints["limits.records"]}
	c.ExtractTime = time.Duration(ints["limits.extract_seconds"]) * time.Second
	c.MemoryMiB = ints["limits.memory_mib"]
	for _, b := range []struct {
		key string
		dst *bool
	}{{"export.csv_bom", &c.CSVBOM}, {"export.formula_guard", &c.FormulaGuard}, {"export.jsonl", &c.JSONL}, {"extract.enabled", &c.Extract}} {
		val, err := boolValue(v.Get(b.key))
		if err != nil {
			return nil, &ConfigError{File: path, Msg: fmt.Sprintf("%s (%s): %v", b.key, envName(b.key), err)}
		}
		*b.dst = val
	}
	for _, f := range stringList(v.Get("facts")) {
		c.Facts = append(c.Facts, resolve("facts", f))
	}
	if c.FailOn != "error" && c.FailOn != "warning" {
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("fail_on is %q; want error or warning (set by --fail-on, %s or the config file)", c.FailOn, envName("fail_on"))}
	}
	if len(c.Facts) == 0 && c.Sources == "" {
		return nil, &ConfigError{File: path, Msg: "nothing to read: set sources or facts"}
	}
	return c, nil
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
// unknown key or value of the wrong type with its line. It returns the keys
// the file sets.
func checkConfigFile(path string, data []byte) ([]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ConfigError{File: path, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &ConfigError{File: path, Line: root.Line, Col: root.Column, Msg: "the config file must be a mapping of keys"}
	}
	var keys []string
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
				if near := nearestKey(key); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", near)
				}
				return &ConfigError{File: path, Line: k.Line, Col: k.Column, Msg: msg}
			}
			if err := checkType(s, val); err != nil {
				return &ConfigError{File: path, Line: val.Line, Col: val.Column, Msg: fmt.Sprintf("%s: %v", key, err)}
			}
			keys = append(keys, key)
		}
		return nil
	}
	return keys, walk(root, "")
}

func lookupSetting(key string) (setting, bool) {
	for _, s := range settings {
		if s.Key == key {
			return s, true
		}
	}
	return setting{}, false
}

func isSection(prefix string) bool {
	return slices.ContainsFunc(settings, func(s setting) bool { return strings.HasPrefix(s.Key, prefix+".") })
}

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
	return nil
}

// nearestKey suggests the known key closest to a misspelled one.
func nearestKey(key string) string {
	best, bestD := "", 4
	for _, s := range settings {
		if d := editDistance(key, s.Key); d < bestD {
			best, bestD = s.Key, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// settingKeys lists the keys in order, for help texts.
func settingKeys() []string {
	var k []string
	for _, s := range settings {
		k = append(k, s.Key)
	}
	sort.Strings(k)
	return k
}
