package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"
)

// FuzzConfig: any config file is loaded or refused with a ConfigError,
// never a panic.
func FuzzConfig(f *testing.F) {
	for _, s := range []string{"sources: s\nfacts: [a, b]\n", "limits:\n  depth: -1\n", "export: 3\n", "jobs: x\n", "- a\n", "fatcs: 1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
		_, err := loadConfig(path, true, fs)
		var ce *ConfigError
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("not a ConfigError: %T %v", err, err)
		}
	})
}
