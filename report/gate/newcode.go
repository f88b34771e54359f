package gate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Changes are the lines of the working tree that changed since a git
// revision, by module-relative slash path.
type Changes struct {
	// Lines holds the added or modified line ranges of each file the
	// diff shows (a file deleted or only renamed has none).
	Lines map[string][]LineRange
	// Untracked files (not ignored) count as changed on every line.
	Untracked map[string]bool
}

// LineRange is an inclusive range of 1-based line numbers.
type LineRange struct{ From, To int }

// Touches reports whether any line from..to of file changed.
func (c *Changes) Touches(file string, from, to int) bool {
	if c.Untracked[file] {
		return true
	}
	if to < from {
		to = from
	}
	for _, r := range c.Lines[file] {
		if r.From <= to && from <= r.To {
			return true
		}
	}
	return false
}

// ChangedSince runs git in root, the module root, and returns what
// changed since rev in the working tree (staged or not), with paths
// relative to root. Errors are one line.
func ChangedSince(root, rev string) (*Changes, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("--new-from-rev %q: not a revision", rev)
	}
	if _, err := git(root, "rev-parse", "--is-inside-work-tree"); err != nil {
		return nil, fmt.Errorf("--new-from-rev: %s is not in a git work tree (%v)", root, err)
	}
	if _, err := git(root, "rev-parse", "--verify", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: not a commit in this repository (%v)", rev, err)
	}
	// Options that user configuration could otherwise change
	// (diff.noprefix, color.diff, diff.external, diff.renames) are
	// spelled out; --relative limits the diff to the module and makes
	// its paths module-relative.
	diff, err := git(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--relative",
		"--src-prefix=a/", "--dst-prefix=b/", "-U0", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: %v", rev, err)
	}
	lines, err := ParseDiff(bytes.NewReader(diff))
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: reading git diff: %v", rev, err)
	}
	others, err := git(root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: %v", rev, err)
	}
	c := &Changes{Lines: lines, Untracked: map[string]bool{}}
	for _, name := range strings.Split(string(others), "\x00") {
		if name != "" {
			c.Untracked[name] = true
		}
	}
	return c, nil
}

// git runs git with args in dir and returns its standard output; its
// error names the command and the first line git printed on stderr.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out, nil
}

// hunkHeader is compiled on first use, not at initialisation of every
// process that links the package.
var hunkHeader = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@`)
})

// ParseDiff reads a unified diff with zero lines of context (git diff
// -U0) and returns the added line ranges of each new-side file. Deleted
// files and hunks that only delete add nothing; a new file's hunk covers
// all its lines; a renamed file is listed under its new name.
func ParseDiff(r io.Reader) (map[string][]LineRange, error) {
	out := map[string][]LineRange{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	file := ""
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff "):
			file = ""
		case strings.HasPrefix(line, "+++ "):
			name, err := diffPath(strings.TrimPrefix(line, "+++ "))
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			file = name
		case strings.HasPrefix(line, "@@ "):
			m := hunkHeader().FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("line %d: malformed hunk header %q", n, line)
			}
			if file == "" {
				continue // a deleted file's hunk
			}
			start, _ := strconv.Atoi(m[1])
			count := 1
			if m[2] != "" {
				count, _ = strconv.Atoi(m[2])
			}
			if count > 0 {
				out[file] = append(out[file], LineRange{start, start + count - 1})
			}
		}
	}
	return out, sc.Err()
}

// diffPath returns the path of a "+++ " line's name: "" for /dev/null,
// else the name without its "b/" prefix, unquoted when git quoted it
// (C-style escapes, which strconv.Unquote reads) and without the tab git
// appends to names that contain a space.
func diffPath(name string) (string, error) {
	name = strings.TrimSuffix(name, "\t")
	if name == "/dev/null" {
		return "", nil
	}
	if strings.HasPrefix(name, `"`) {
		u, err := strconv.Unquote(name)
		if err != nil {
			return "", fmt.Errorf("bad quoted file name %s", name)
		}
		name = u
	}
	if !strings.HasPrefix(name, "b/") {
		return "", errors.New("file name " + strconv.Quote(name) + " has no b/ prefix")
	}
	return strings.TrimPrefix(name, "b/"), nil
}
