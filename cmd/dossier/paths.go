package main

import (
	"os"
	"path/filepath"
	"strings"
)

// projectRoot is the folder that a run's result names files relative to:
// the config file's folder, or the working directory when no config file
// was read. Reports, baselines and dossier.json then read the same
// wherever the run was started.
func projectRoot(c *Config) string {
	if c.File == "" {
		return "."
	}
	return filepath.Dir(c.File)
}

// displayer returns what the diagnostics printed on the terminal (or as
// GitHub annotations) call a file the result names relative to root: its
// path from the working directory when it is there or below, else its
// absolute path. Nil when either folder is unknown.
func displayer(root string) func(string) string {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	return func(name string) string {
		if name == "" || filepath.IsAbs(name) {
			return name
		}
		abs := filepath.Join(absRoot, filepath.FromSlash(name))
		rel, err := filepath.Rel(cwd, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return abs
		}
		return rel
	}
}
