// Package golangci is tenantlint as a golangci-lint v2 module plugin: it
// registers a linter named tenantlint that runs the analyzers of the
// registry of checks (internal/registry). Build a golangci-lint that includes it with
// `golangci-lint custom` and the repository's .custom-gcl.yml, then
// enable it in .golangci.yml:
//
//	linters:
//	  enable: [tenantlint]
//	  settings:
//	    custom:
//	      tenantlint:
//	        type: module
//	        settings:
//	          config: .tenantlint.yaml   # default: the nearest one above each package
//	          checks: [tenantrepo, tenantcache]
package golangci

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/registry"
)

// Name is the linter's name in golangci-lint's configuration.
const Name = "tenantlint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings
// (linters.settings.custom.tenantlint.settings in .golangci.yml). The
// rules themselves stay in .tenantlint.yaml, so that golangci-lint,
// tenantlint, tenantfix and go vet all read the same file.
type Settings struct {
	// Config names the .tenantlint.yaml to use for every package,
	// relative to golangci-lint's working directory. Empty: the nearest
	// .tenantlint.yaml above each package (or TENANTLINT_CONFIG).
	Config string `json:"config"`
	// Checks lists the checks to run; empty runs all.
	Checks []string `json:"checks"`
}

type plugin struct {
	settings Settings
}

// New is the plugin's constructor, called by golangci-lint with the raw
// settings. Unknown settings, unknown checks and a configuration file
// that is missing or invalid are reported here, before any package is
// analyzed.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("%s plugin settings: %w", Name, err)
	}
	if _, err := registry.Analyzers(registry.NewEnv(), s.Checks); err != nil {
		return nil, fmt.Errorf("%s plugin settings: checks: %w", Name, err)
	}
	if s.Config != "" {
		abs, err := filepath.Abs(s.Config)
		if err != nil {
			return nil, fmt.Errorf("%s plugin settings: config: %w", Name, err)
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("%s plugin settings: config: %w", Name, err)
		}
		if _, err := config.Load(abs); err != nil {
			return nil, err // already "file:line:col: message"
		}
		s.Config = abs // golangci-lint may analyze from another directory
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers returns the analyzers of the configured checks, sharing
// one environment (configuration cache and module index).
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	env := registry.NewEnv()
	if p.settings.Config != "" {
		env.Loader.Override = p.settings.Config
	}
	return registry.Analyzers(env, p.settings.Checks)
}

// GetLoadMode asks for type information: both checks resolve types.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
