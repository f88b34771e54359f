package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Uses             string            `yaml:"uses"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func loadAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

func TestActionDeclaration(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"version", "args", "config", "sarif"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("no input %s", in)
		}
	}
	var upload *actionStep
	for i, s := range a.Runs.Steps {
		switch {
		case s.Run != "":
			if s.Shell != "bash" {
				t.Errorf("step %q: shell %q, want bash", s.Name, s.Shell)
			}
			if strings.Contains(s.Run, "${{") {
				t.Errorf("step %q: an expression inside the script can inject shell code; pass it through env", s.Name)
			}
		case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
			upload = &a.Runs.Steps[i]
		}
	}
	if upload == nil {
		t.Fatal("no github/codeql-action/upload-sarif step")
	}
	if upload.With["sarif_file"] != "${{ steps.lint.outputs.sarif-file }}" {
		t.Errorf("upload-sarif sarif_file = %q, want the lint step's sarif-file output", upload.With["sarif_file"])
	}
	// Findings fail the lint step; the upload must run all the same,
	// and only when a SARIF file was written.
	if !strings.Contains(upload.If, "always()") || !strings.Contains(upload.If, "steps.lint.outputs.sarif-file != ''") {
		t.Errorf("upload-sarif if: %q", upload.If)
	}
}

// TestWorkflowExample: the example workflow uses this action with inputs
// it declares, and may upload SARIF.
func TestWorkflowExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "docs", "github-workflow.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []actionStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("docs/github-workflow.yml: %v", err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Errorf("permissions %v: uploading SARIF needs security-events: write", wf.Permissions)
	}
	// upload-sarif reads the workflow run's details, which a private
	// repository's token can only do with actions: read.
	if wf.Permissions["actions"] != "read" {
		t.Errorf("permissions %v: uploading SARIF in a private repository needs actions: read", wf.Permissions)
	}
	readme := testfs.ReadFile(t, filepath.Join(repoRoot, "README.md"))
	_, section, _ := strings.Cut(readme, "### GitHub Action\n")
	section, _, _ = strings.Cut(section, "\n### ")
	if !strings.Contains(section, "security-events: write") || !strings.Contains(section, "actions: read") {
		t.Errorf("the README's workflow example lacks the permissions security-events: write and actions: read:\n%s", section)
	}
	a := loadAction(t)
	used := 0
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if !strings.HasPrefix(s.Uses, "tenantlint/tenantlint@") {
				continue
			}
			used++
			for in := range s.With {
				if _, ok := a.Inputs[in]; !ok {
					t.Errorf("the workflow passes input %q, which action.yml does not declare", in)
				}
			}
		}
	}
	if used != 1 {
		t.Errorf("the workflow uses the action %d times, want 1", used)
	}
}

// runner runs the action's bash steps as GitHub's runner does: each
// script with `bash --noprofile --norc -eo pipefail`, expressions
// evaluated into the step's env, fresh GITHUB_OUTPUT, GITHUB_PATH and
// GITHUB_STEP_SUMMARY files per step, and the directories a step added
// to GITHUB_PATH put first on PATH for the steps after it.
type runner struct {
	t          *testing.T
	action     actionFile
	inputs     map[string]string
	workspace  string
	temp       string
	paths      []string                     // from GITHUB_PATH, newest first
	outputs    map[string]map[string]string // step id → outputs
	summaries  []string                     // what each step wrote to GITHUB_STEP_SUMMARY
	baseEnv    []string
	stepResult map[string]result
}

func newRunner(t *testing.T, workspace string, inputs map[string]string) *runner {
	r := &runner{t: t, action: loadAction(t), inputs: inputs, workspace: workspace, temp: t.TempDir(),
		outputs: map[string]map[string]string{}, stepResult: map[string]result{}}
	// The tools are not on PATH: the install step must put them there.
	for _, kv := range toolEnv(t) {
		if strings.HasPrefix(kv, "PATH=") {
			kv = "PATH=" + os.Getenv("PATH")
		}
		r.baseEnv = append(r.baseEnv, kv)
	}
	return r
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand evaluates the expressions that the action's env blocks use.
func (r *runner) expand(s string) string {
	return expression.ReplaceAllStringFunc(s, func(m string) string {
		x := expression.FindStringSubmatch(m)[1]
		if name, ok := strings.CutPrefix(x, "inputs."); ok {
			in, declared := r.action.Inputs[name]
			if !declared {
				r.t.Fatalf("expression %s: no such input", m)
			}
			if v, ok := r.inputs[name]; ok {
				return v
			}
			return in.Default
		}
		switch x {
		case "github.action_path":
			return repoRoot
		case "github.workspace":
			return r.workspace
		case "runner.temp":
			return r.temp
		}
		r.t.Fatalf("expression %s is not simulated by this test", m)
		return ""
	})
}

// runSteps runs the bash steps in order until one fails, as the runner
// does, and returns the failing step's id or name ("" when none failed).
func (r *runner) runSteps() string {
	for _, s := range r.action.Runs.Steps {
		if s.Run == "" {
			continue
		}
		id := s.ID
		if id == "" {
			id = s.Name
		}
		res := r.runStep(s)
		r.stepResult[id] = res
		if res.code != 0 {
			return id
		}
	}
	return ""
}

func (r *runner) runStep(s actionStep) result {
	t := r.t
	stepDir := t.TempDir()
	files := map[string]string{}
	for _, k := range []string{"GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"} {
		files[k] = filepath.Join(stepDir, strings.ToLower(k))
		testfs.WriteFile(t, files[k], "")
	}
	script := filepath.Join(stepDir, "script.sh")
	testfs.WriteFile(t, script, s.Run)
	env := slices.Clone(r.baseEnv)
	for i, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			env[i] = "PATH=" + strings.Join(append(slices.Clone(r.paths), v), string(os.PathListSeparator))
		}
	}
	env = append(env, "CI=true", "GITHUB_ACTIONS=true", "GITHUB_WORKSPACE="+r.workspace,
		"GITHUB_ACTION_PATH="+repoRoot, "RUNNER_TEMP="+r.temp)
	for k, f := range files {
		env = append(env, k+"="+f)
	}
	for k, v := range s.Env {
		env = append(env, k+"="+r.expand(v))
	}
	dir := r.workspace
	if s.WorkingDirectory != "" {
		dir = filepath.Join(r.workspace, r.expand(s.WorkingDirectory))
	}
	res := run(t, dir, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)

	out := map[string]string{}
	for _, l := range strings.Split(testfs.ReadFile(t, files["GITHUB_OUTPUT"]), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			out[k] = v
		}
	}
	r.outputs[s.ID] = out
	for _, l := range strings.Split(testfs.ReadFile(t, files["GITHUB_PATH"]), "\n") {
		if l != "" {
			r.paths = append([]string{l}, r.paths...)
		}
	}
	r.summaries = append(r.summaries, testfs.ReadFile(t, files["GITHUB_STEP_SUMMARY"]))
	return res
}

var annotation = regexp.MustCompile(`(?m)^::error file=([^,]+),line=(\d+),col=(\d+),.*title=(tenant\w+)::`)

// annotations returns "file:line:col check" for each ::error line.
func annotations(stdout string) []string {
	var out []string
	for _, m := range annotation.FindAllStringSubmatch(stdout, -1) {
		out = append(out, m[1]+":"+m[2]+":"+m[3]+" "+m[4])
	}
	return out
}

func TestActionFindingsAndSARIF(t *testing.T) {
	dir := writeModule(t)
	r := newRunner(t, dir, nil) // the defaults: build from the action's ref, ./..., SARIF on
	if failed := r.runSteps(); failed != "lint" {
		t.Fatalf("failed step %q, want lint (findings exit 1); results %+v", failed, r.stepResult)
	}
	install := r.stepResult["Install tenantlint"]
	if len(r.paths) != 1 || !strings.Contains(install.stdout, r.paths[0]) {
		t.Fatalf("install: GITHUB_PATH %v, stdout %q", r.paths, install.stdout)
	}
	if st, err := os.Stat(filepath.Join(r.paths[0], "tenantlint")); err != nil || st.Mode()&0o111 == 0 {
		t.Fatalf("no executable tenantlint in the directory added to PATH: %v", err)
	}
	lint := r.stepResult["lint"]
	if lint.code != 1 {
		t.Errorf("lint exit %d, want 1\n%s", lint.code, lint.stderr)
	}
	want := []string{"billing/billing.go:3:6 tenantrepo", "jobs/jobs.go:9:65 tenantcache"}
	if got := annotations(lint.stdout); !slices.Equal(got, want) {
		t.Errorf("annotations %q, want %q\n%s", got, want, lint.stdout)
	}
	summary := r.summaries[1]
	for _, f := range []string{"billing/billing.go", "jobs/jobs.go"} {
		if !strings.Contains(summary, f) {
			t.Errorf("job summary lacks %s:\n%s", f, summary)
		}
	}
	sarifFile := r.outputs["lint"]["sarif-file"]
	if sarifFile != filepath.Join(r.temp, "tenantlint.sarif") {
		t.Fatalf("output sarif-file = %q", sarifFile)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(testfs.ReadFile(t, sarifFile)), &log); err != nil {
		t.Fatalf("SARIF file: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 2 {
		t.Errorf("SARIF: version %q, %d runs, want 2.1.0 with 2 results", log.Version, len(log.Runs))
	}
}

func TestActionInputs(t *testing.T) {
	orgConfig := "version: 1\nmodels:\n  fields: [OrgID]\n"
	cases := []struct {
		name        string
		inputs      map[string]string
		failed      string
		code        int
		annotations []string
		stdout      string // a substring of the lint step's stdout
		stderr      string // a substring of the lint step's stderr
		sarif       bool
	}{
		{name: "clean packages without SARIF", inputs: map[string]string{"args": "./catalog/... ./tenant/...", "sarif": "false"}},
		{name: "args carry flags", inputs: map[string]string{"args": "--checks tenantcache ./...", "sarif": "false"},
			failed: "lint", code: 1, annotations: []string{"jobs/jobs.go:9:65 tenantcache"}},
		{name: "config", inputs: map[string]string{"config": "org.yaml"}, sarif: true, annotations: []string{}},
		{name: "bad config", inputs: map[string]string{"config": "missing.yaml"}, failed: "lint", code: 2, stderr: "missing.yaml"},
		{name: "bad sarif input", inputs: map[string]string{"sarif": "yes"}, failed: "lint", code: 2,
			stdout: "::error title=tenantlint::input sarif must be true or false, not 'yes'"},
		// Annotations name files from the repository's root (here, with
		// no git, the module root), not from the working directory:
		// GitHub places them by repository path.
		{name: "subdirectory", inputs: map[string]string{"working-directory": "billing", "args": "."}, failed: "lint", code: 1, sarif: true,
			annotations: []string{"billing/billing.go:3:6 tenantrepo"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeModule(t)
			testfs.WriteFile(t, filepath.Join(dir, "org.yaml"), orgConfig)
			r := newRunner(t, dir, c.inputs)
			if failed := r.runSteps(); failed != c.failed {
				t.Fatalf("failed step %q, want %q; results %+v", failed, c.failed, r.stepResult)
			}
			lint := r.stepResult["lint"]
			if lint.code != c.code {
				t.Errorf("lint exit %d, want %d\n%s%s", lint.code, c.code, lint.stdout, lint.stderr)
			}
			if got := annotations(lint.stdout); c.annotations != nil && !slices.Equal(got, c.annotations) {
				t.Errorf("annotations %q, want %q", got, c.annotations)
			}
			if !strings.Contains(lint.stdout, c.stdout) || !strings.Contains(lint.stderr, c.stderr) {
				t.Errorf("stdout %q and stderr %q lack %q / %q", lint.stdout, lint.stderr, c.stdout, c.stderr)
			}
			sarifFile := r.outputs["lint"]["sarif-file"]
			if (sarifFile != "") != c.sarif {
				t.Errorf("sarif-file output %q, want one: %v", sarifFile, c.sarif)
			}
			if sarifFile != "" && !strings.Contains(testfs.ReadFile(t, sarifFile), `"version": "2.1.0"`) {
				t.Errorf("%s is not SARIF 2.1.0", sarifFile)
			}
		})
	}
}

// TestActionVersion: a version input installs that release with go
// install; here the proxy is off, so the step fails naming what it
// asked for.
func TestActionVersion(t *testing.T) {
	r := newRunner(t, writeModule(t), map[string]string{"version": "v9.9.9"})
	if failed := r.runSteps(); failed != "Install tenantlint" {
		t.Fatalf("failed step %q, want the install", failed)
	}
	if res := r.stepResult["Install tenantlint"]; !strings.Contains(res.stderr, "github.com/tenantlint/tenantlint/cmd/tenantlint@v9.9.9") {
		t.Errorf("install stderr:\n%s", res.stderr)
	}
}
