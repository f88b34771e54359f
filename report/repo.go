package report

import (
	"fmt"
	"os/exec"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strings"
)

// PathBase returns Options.Root and Options.PathPrefix for a run of
// format in the module at moduleRoot. The formats read against a
// repository (RepoFormats) get the repository's root from git, or, with
// prefix given (--path-prefix), the module root and the cleaned prefix;
// --path-prefix with another format, or one that is not a relative path
// inside the repository, is an error.
func PathBase(format, moduleRoot, prefix string, given bool) (root, cleanPrefix string, err error) {
	if !slices.Contains(RepoFormats, format) {
		if given {
			return "", "", fmt.Errorf("--path-prefix only applies to --format %s", strings.Join(RepoFormats, ", "))
		}
		return moduleRoot, "", nil
	}
	if !given {
		return RepoRoot(moduleRoot), "", nil
	}
	p := pathpkg.Clean(filepath.ToSlash(prefix))
	if prefix == "" || pathpkg.IsAbs(p) || filepath.IsAbs(prefix) || p == ".." || strings.HasPrefix(p, "../") {
		return "", "", fmt.Errorf("--path-prefix %q: want the module's folder in the repository, a relative path such as services/api (. for the repository's root)", prefix)
	}
	if p == "." {
		p = ""
	}
	return moduleRoot, p, nil
}

// RepoRoot returns the root of the git work tree that holds dir, spelled
// as dir is spelled (git resolves symbolic links; the findings' paths do
// not), or dir when it is in no work tree or git cannot say.
func RepoRoot(dir string) string {
	cmd := exec.Command("git", "rev-parse", "--show-toplevel")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return dir
	}
	top := filepath.Clean(filepath.FromSlash(strings.TrimRight(string(out), "\r\n")))
	if top == "." || !filepath.IsAbs(top) {
		return dir
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return top
	}
	rel, err := filepath.Rel(top, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return dir
	}
	// Climb from dir as many folders as dir is below the top, and keep
	// dir's spelling when that lands on the top.
	up := dir
	if rel != "." {
		for range strings.Split(rel, string(filepath.Separator)) {
			up = filepath.Dir(up)
		}
	}
	if r, err := filepath.EvalSymlinks(up); err == nil && r == top {
		return up
	}
	return top
}
