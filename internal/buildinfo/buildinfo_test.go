package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFrom(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	for _, tt := range []struct {
		name              string
		bi                debug.BuildInfo
		str, line, semver string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"}},
			"v1.4.0", "tenantlint v1.4.0 built with go1.26.0", "1.4.0"},
		{"no version at all", debug.BuildInfo{Main: debug.Module{Version: ""}},
			"(devel)", "tenantlint (devel)", ""},
		{"devel with VCS", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) (revision 0123456789ab, modified)", "tenantlint (devel) (revision 0123456789ab, modified) built with go1.26.0", ""},
		{"pseudo-version of a clean checkout", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261204211500-0123456789ab"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}},
			"v0.0.0-20261204211500-0123456789ab (revision 0123456789ab)", "tenantlint v0.0.0-20261204211500-0123456789ab (revision 0123456789ab) built with go1.26.0",
			"0.0.0-20261204211500-0123456789ab"},
		{"dirty pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v1.4.1-0.20261204211500-0123456789ab+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			"v1.4.1-0.20261204211500-0123456789ab+dirty (revision 0123456789ab, modified)", "", "1.4.1-0.20261204211500-0123456789ab+dirty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := From(&tt.bi)
			if got := in.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := in.Line("tenantlint"); tt.line != "" && got != tt.line {
				t.Errorf("Line() = %q, want %q", got, tt.line)
			}
			if got := in.Semver(); got != tt.semver {
				t.Errorf("Semver() = %q, want %q", got, tt.semver)
			}
		})
	}
}

// TestDependencyIn: a dependency is found by its path, as its
// replacement when replaced; an absent one is not.
func TestDependencyIn(t *testing.T) {
	bi := &debug.BuildInfo{Deps: []*debug.Module{
		{Path: "example.com/a", Version: "v1.0.0", Sum: "h1:a"},
		{Path: "example.com/b", Version: "v1.0.0", Replace: &debug.Module{Path: "../b", Version: "(devel)"}},
	}}
	if m, ok := dependencyIn(bi, "example.com/a"); !ok || m.Version != "v1.0.0" || m.Sum != "h1:a" {
		t.Errorf("a: %+v, %v", m, ok)
	}
	if m, ok := dependencyIn(bi, "example.com/b"); !ok || m.Path != "../b" {
		t.Errorf("b: %+v, %v; want its replacement", m, ok)
	}
	if _, ok := dependencyIn(bi, "example.com/c"); ok {
		t.Error("c found")
	}
}
