package docs

import (
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"
)

// docs/ci.md shows the two CI files as they are in docs/ci/.
func TestCIPageCopiesTheFiles(t *testing.T) {
	page, err := os.ReadFile("ci.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"ci/github-workflow.yml", "ci/gitlab-ci.yml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), "```yaml\n"+string(data)+"```\n") {
			t.Errorf("docs/ci.md does not hold docs/%s as it is", f)
		}
	}
}

// The GitHub workflow passes actionlint: its syntax, expressions, the
// inputs of the actions it uses, permissions and job dependencies.
func TestGitHubWorkflowLints(t *testing.T) {
	data, err := os.ReadFile("ci/github-workflow.yml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(".github/workflows/dossier.yml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s", e.Error())
	}
	// The lint is real: a broken workflow fails it.
	broken := strings.Replace(string(data), "if: always()", "if: always(", 1)
	if errs, _ := l.Lint("broken.yml", []byte(broken), nil); len(errs) == 0 {
		t.Error("actionlint found nothing wrong in a broken workflow")
	}
	for _, want := range []string{"--format github", "--sarif dossier.sarif", "upload-sarif", "--junit dossier-junit.xml",
		"--baseline ci/dossier-baseline.json", "out/dossier.xlsx", "out/review.html", "upload-artifact"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
}

// gitlabJobKeys are the keywords a GitLab CI job may hold; gitlabTopKeys
// those that are not jobs at the top of the file.
var (
	gitlabJobKeys = []string{"after_script", "allow_failure", "artifacts", "before_script", "cache", "coverage", "dast_configuration",
		"dependencies", "environment", "extends", "hooks", "id_tokens", "identity", "image", "inherit", "interruptible", "manual_confirmation",
		"needs", "pages", "parallel", "release", "resource_group", "retry", "rules", "script", "secrets", "services", "stage", "tags",
		"timeout", "trigger", "variables", "when"}
	gitlabTopKeys      = []string{"default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script"}
	gitlabArtifactKeys = []string{"paths", "exclude", "expire_in", "expose_as", "name", "public", "access", "reports", "untracked", "when"}
)

// The GitLab file is YAML that GitLab reads: only known keywords, each
// job in a declared stage with a script, its JUnit report and artifacts
// kept when the job fails.
func TestGitLabJobReads(t *testing.T) {
	data, err := os.ReadFile("ci/gitlab-ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]any
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	stages, _ := file["stages"].([]any)
	jobs := 0
	for name, v := range file {
		if slices.Contains(gitlabTopKeys, name) || strings.HasPrefix(name, ".") {
			continue
		}
		jobs++
		job, ok := v.(map[string]any)
		if !ok {
			t.Errorf("job %s is not a mapping", name)
			continue
		}
		for k := range job {
			if !slices.Contains(gitlabJobKeys, k) {
				t.Errorf("job %s: %q is no GitLab keyword", name, k)
			}
		}
		if !slices.Contains(stages, job["stage"]) {
			t.Errorf("job %s: stage %v is not in stages %v", name, job["stage"], stages)
		}
		script, _ := job["script"].([]any)
		if len(script) == 0 {
			t.Errorf("job %s has no script", name)
		}
		art, _ := job["artifacts"].(map[string]any)
		for k := range art {
			if !slices.Contains(gitlabArtifactKeys, k) {
				t.Errorf("job %s: artifacts: %q is no GitLab keyword", name, k)
			}
		}
		reports, _ := art["reports"].(map[string]any)
		paths, _ := art["paths"].([]any)
		if art["when"] != "always" || reports["junit"] != "dossier-junit.xml" || !slices.Contains(paths, "out/dossier.xlsx") || !slices.Contains(paths, "out/review.html") {
			t.Errorf("job %s: artifacts %v, want the JUnit report and the workbook and review page kept always", name, art)
		}
		if !strings.Contains(strings.Join(anyStrings(script), "\n"), "--baseline ci/dossier-baseline.json") {
			t.Errorf("job %s does not gate against the committed baseline", name)
		}
	}
	if jobs != 1 {
		t.Errorf("%d jobs, want 1", jobs)
	}
}

func anyStrings(v []any) []string {
	var out []string
	for _, e := range v {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
