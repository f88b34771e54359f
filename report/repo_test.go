package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestPathBase(t *testing.T) {
	mod := t.TempDir() // in no git work tree
	for _, tt := range []struct {
		format, prefix     string
		given              bool
		root, clean, error string
	}{
		{"text", "", false, mod, "", ""},
		{"json", "x", true, "", "", "--path-prefix only applies to --format sarif, github, checkstyle"},
		{"sarif", "", false, mod, "", ""},
		{"github", "services/api/", true, mod, "services/api", ""},
		{"checkstyle", "./services//api", true, mod, "services/api", ""},
		{"sarif", ".", true, mod, "", ""},
		{"sarif", "", true, "", "", `--path-prefix "": want the module's folder in the repository, a relative path such as services/api (. for the repository's root)`},
		{"sarif", "../api", true, "", "", `--path-prefix "../api": want the module's folder in the repository, a relative path such as services/api (. for the repository's root)`},
		{"sarif", "/srv/api", true, "", "", `--path-prefix "/srv/api": want the module's folder in the repository, a relative path such as services/api (. for the repository's root)`},
	} {
		root, clean, err := PathBase(tt.format, mod, tt.prefix, tt.given)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if root != tt.root || clean != tt.clean || msg != tt.error {
			t.Errorf("PathBase(%s, %q, %v) = %q, %q, %q; want %q, %q, %q", tt.format, tt.prefix, tt.given, root, clean, msg, tt.root, tt.clean, tt.error)
		}
	}
}

// TestRepoRoot: the work tree's root above a module in a subfolder, in
// the module's own spelling when it is reached through a symbolic link;
// the folder itself outside git.
func TestRepoRoot(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	mod := filepath.Join(repo, "services", "api")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("git", "init", "-q", repo).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if got := RepoRoot(mod); got != repo {
		t.Errorf("RepoRoot(%s) = %s, want %s", mod, got, repo)
	}
	if got := RepoRoot(repo); got != repo {
		t.Errorf("RepoRoot(%s) = %s, want itself", repo, got)
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(repo, link); err != nil {
		t.Skip("no symbolic links here")
	}
	if got, want := RepoRoot(filepath.Join(link, "services", "api")), link; got != want {
		t.Errorf("through a symbolic link: RepoRoot = %s, want %s", got, want)
	}
	outside := filepath.Join(base, "plain")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := RepoRoot(outside); got != outside {
		t.Errorf("outside git: RepoRoot = %s, want %s", got, outside)
	}
}
