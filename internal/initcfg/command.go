package initcfg

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tenantlint/tenantlint/internal/config"
)

// Exit statuses of `tenantlint init`.
const (
	ExitWritten  = 0 // the proposal was written
	ExitNoFields = 1 // nothing looks like a tenant field: no file written
	ExitError    = 2 // usage, no module, an existing file, a load or write error
)

// Main runs `tenantlint init [--force] [dir]` with the arguments that
// follow "init" and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("tenantlint init", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "replace an existing "+config.FileName)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: tenantlint init [--force] [dir]\n\n"+
			"Scans the Go module holding dir (default .) and writes a commented %s\n"+
			"proposal at its root.\n\nflags:\n%s", config.FileName, fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "tenantlint init: %v (see tenantlint init --help)\n", err)
		return ExitError
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "tenantlint init: takes one directory, not %d arguments\n", fs.NArg())
		return ExitError
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	code, err := run(dir, *force, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint init: %v\n", err)
	}
	return code
}

func run(dir string, force bool, stdout io.Writer) (int, error) {
	if st, err := os.Stat(dir); err != nil {
		return ExitError, err
	} else if !st.IsDir() {
		return ExitError, fmt.Errorf("%s is not a directory", dir)
	}
	root, err := ModuleRoot(dir)
	if err != nil {
		return ExitError, fmt.Errorf("%w; run it inside a Go module", err)
	}
	target := filepath.Join(root, config.FileName)
	if err := checkTarget(target, force); err != nil {
		return ExitError, err
	}
	f, err := Scan(root)
	if err != nil {
		return ExitError, err
	}
	if force {
		f.PresetMisses = append(f.PresetMisses, replacedMisses(target, root)...)
	}
	if len(f.Fields) == 0 {
		fmt.Fprint(stdout, Summary(f))
		return ExitNoFields, fmt.Errorf("no tenant field in the %s of %s (looked for %s in any case, and names ending in TenantID or OrgID); wrote nothing: write %s by hand, see %s",
			plural(f.Structs, "struct"), f.Module, strings.Join(knownFields, ", "), config.FileName, docURL)
	}
	data := Render(f)
	if err := f.Check(target, data); err != nil {
		return ExitError, fmt.Errorf("the proposal is not a valid configuration (a bug in tenantlint init): %w", err)
	}
	if err := writeAtomically(target, data, force); err != nil {
		return ExitError, err
	}
	fmt.Fprint(stdout, Summary(f))
	fmt.Fprintf(stdout, "wrote %s: review it, then run tenantlint ./...\n", displayPath(target))
	return ExitWritten, nil
}

// checkTarget refuses an existing file unless force, and anything that is
// not a regular file even with it.
func checkTarget(target string, force bool) error {
	st, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s exists and is not a regular file; not replacing it", displayPath(target))
	case !force:
		return fmt.Errorf("%s already exists; review it, or rerun with --force to replace it", displayPath(target))
	}
	return nil
}

// writeAtomically writes data to target through a temporary file in the same
// directory, so that target is either absent, its old contents or the
// whole new file. Without force it links the temporary file into place,
// which fails rather than replace a file created since checkTarget.
func writeAtomically(target string, data []byte, force bool) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), config.FileName+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", displayPath(target), err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
		if err != nil {
			err = fmt.Errorf("writing %s: %w", displayPath(target), err)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if force {
		return os.Rename(tmp.Name(), target)
	}
	if err := os.Link(tmp.Name(), target); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return errors.New("it was created while scanning; rerun with --force to replace it")
		}
		return err
	}
	return nil
}

// displayPath is path relative to the current directory when it is
// below it.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}
