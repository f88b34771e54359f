package lint

import (
	"flag"

	"github.com/tenantlint/tenantlint/internal/config"
)

// Each analyzer has its own -config and -config-yaml flags, and both
// drivers that set them per analyzer expect them to configure that
// analyzer: nogo's analyzer_flags (README's nogo.json gives tenantrepo
// and tenantcache each its part of the configuration), and go vet's
// -tenantrepo.config-yaml=... -tenantcache.config-yaml=.... With one
// slot per Env, the flags set last would configure every check, and the
// others would check nothing.
//
// A configuration given to one analyzer only still applies to the checks
// given none: go vet has no flag for all analyzers at once, so a single
// -tenantrepo.config-yaml is how one configuration is given to all.

// given is a configuration named by one analyzer's flags.
type given struct {
	inline *config.Config // -config-yaml
	loader *config.Loader // -config
}

// ConfigFlag registers -config on fs: the path of the configuration
// file for every check of the Env, for drivers with no module tree to
// search (nogo).
func (e *Env) ConfigFlag(fs *flag.FlagSet) {
	fs.Func("config", "path of the .tenantlint.yaml to use instead of searching up from each package", func(s string) error {
		e.Loader.Override = s
		return nil
	})
}

// configFlags registers check's -config and -config-yaml on fs.
func (e *Env) configFlags(fs *flag.FlagSet, check string) {
	fs.Func("config", "path of the .tenantlint.yaml to use instead of searching up from each package", func(s string) error {
		e.Loader.Override = s
		e.givenTo(check).loader = &config.Loader{Override: s}
		return nil
	})
	fs.Func("config-yaml", "the configuration itself, as YAML (flow style fits on one line), instead of a file", func(s string) error {
		c, err := config.Parse("-config-yaml", []byte(s))
		if err != nil {
			return err
		}
		e.inline = c
		e.givenTo(check).inline = c
		return nil
	})
}

func (e *Env) givenTo(check string) *given {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.own == nil {
		e.own = map[string]*given{}
	}
	g := e.own[check]
	if g == nil {
		g = &given{}
		e.own[check] = g
	}
	return g
}

// configFor returns the configuration of check for a package in dir:
// the check's own -config-yaml or -config, else the -config-yaml given
// to another analyzer of the Env, else the loader's (-config, or the
// nearest file above dir). A hermetic run does not search.
func (e *Env) configFor(check, dir string) (*config.Config, error) {
	e.mu.Lock()
	g := e.own[check]
	e.mu.Unlock()
	switch {
	case g != nil && g.inline != nil:
		return g.inline, nil
	case g != nil && g.loader != nil:
		return g.loader.ForDir(dir)
	case e.inline != nil:
		return e.inline, nil
	case e.Hermetic && e.Loader.Override == "":
		return nil, errHermeticNeedsConfig
	}
	return e.Loader.ForDir(dir)
}
