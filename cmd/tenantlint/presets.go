package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tenantlint/tenantlint/internal/config"
)

// reportUnmatchedPresets writes, for --verbose, one line per preset that
// the configuration in force names (cache.presets, sql.presets) and that
// matches no module the go.mod at root requires: such a preset checks no
// call, which a user who listed it would not guess. It reads the
// configuration and go.mod only, so it costs nothing next to the load
// and works on runs replayed from the result cache. It says nothing when
// either cannot be read: the analysis reports a bad configuration itself.
func reportUnmatchedPresets(w io.Writer, root, dir, override string) {
	// The driver's rule: --config, else TENANTLINT_CONFIG, else the file
	// found above dir.
	l := config.Loader{Override: override}
	if l.Override == "" {
		l.Override = os.Getenv("TENANTLINT_CONFIG")
	}
	cfg, err := l.ForDir(dir)
	if err != nil {
		return
	}
	mods, err := config.ReadRequiredModules(filepath.Join(root, "go.mod"))
	if err != nil {
		return
	}
	for _, u := range cfg.UnmatchedPresets(mods) {
		fmt.Fprintf(w, "tenantlint: %s\n", u)
	}
}
