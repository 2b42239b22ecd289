package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// limits.depth, from the config file or the environment, bounds YAML,
// JSON and JSON Lines records alike: at 3, a record three levels deep
// loads in each format and one four levels deep is load.too-deep at the
// bracket that opens the fourth level.
func TestDepthLimitFromConfig(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"f.yaml":  "- kind: program\n  x: [[1]]\n- kind: program\n  x: [[[1]]]\n",
		"f.json":  "[{\"kind\": \"program\", \"x\": [[1]]},\n {\"kind\": \"program\", \"x\": [[[1]]]}]\n",
		"f.jsonl": "{\"kind\": \"program\", \"x\": [[1]]}\n{\"kind\": \"program\", \"x\": [[[1]]]}\n",
	}
	var args []string
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), content)
		args = append(args, "--facts", filepath.Join(dir, name))
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	config := func(depth string) string {
		path := filepath.Join(dir, "config-"+depth+".yaml")
		writeFile(t, path, "sources: "+filepath.Join(root, "sources")+"\nschemas: "+filepath.Join(root, "schemas")+"\nlimits:\n  depth: "+depth+"\n")
		return path
	}
	tooDeep := func(t *testing.T, stderr string) []string {
		var got []string
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, "load.too-deep") {
				got = append(got, strings.TrimPrefix(l[:strings.Index(l, ": error")], dir+string(filepath.Separator)))
			}
		}
		slices.Sort(got)
		return got
	}
	want := []string{"f.json:2:29", "f.jsonl:2:28", "f.yaml:4:8"}
	t.Run("config file", func(t *testing.T) {
		_, _, stderr := dossier(t, dir, append([]string{"--config", config("3"), "validate"}, args...)...)
		if got := tooDeep(t, stderr); !slices.Equal(got, want) {
			t.Errorf("load.too-deep at %v, want %v\n%s", got, want, stderr)
		}
		if !strings.Contains(stderr, "nesting deeper than 3 levels") {
			t.Errorf("the message does not give the limit:\n%s", stderr)
		}
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv("DOSSIER_LIMITS_DEPTH", "3")
		_, _, stderr := dossier(t, dir, append([]string{"--config", config("256"), "validate"}, args...)...)
		if got := tooDeep(t, stderr); !slices.Equal(got, want) {
			t.Errorf("load.too-deep at %v, want %v\n%s", got, want, stderr)
		}
	})
	t.Run("one more level", func(t *testing.T) {
		code, _, stderr := dossier(t, dir, append([]string{"--config", config("4"), "validate"}, args...)...)
		if got := tooDeep(t, stderr); len(got) != 0 || code != 1 || strings.Count(stderr, ": 2 read = 0 exported + 2 rejected") != 3 {
			t.Errorf("exit %d, load.too-deep at %v with limits.depth 4; want every record read (and rejected by its schema)\n%s", code, got, stderr)
		}
	})
}
