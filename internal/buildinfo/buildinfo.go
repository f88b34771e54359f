// Package buildinfo says which build of the tools is running: the module
// version and the VCS revision that the go command stamped into the
// binary, for --version and SARIF's tool.driver.version.
package buildinfo

import (
	"runtime/debug"
	"strings"

	"golang.org/x/mod/semver"
)

// Devel is the version of a build that carries none: `go build` outside
// a module version and without VCS information, as the go command
// itself writes it.
const Devel = "(devel)"

// Info is what the binary knows about its own build.
type Info struct {
	Version   string // the main module's version, or Devel
	Revision  string // vcs.revision, "" when not stamped
	Modified  bool   // vcs.modified: built from a work tree with changes
	GoVersion string // the toolchain that built it, "" when unknown
}

// Read returns the running binary's build information.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: Devel}
	}
	return From(bi)
}

// From extracts Info from build information.
func From(bi *debug.BuildInfo) Info {
	in := Info{Version: bi.Main.Version, GoVersion: bi.GoVersion}
	if in.Version == "" {
		in.Version = Devel
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			in.Revision = s.Value
		case "vcs.modified":
			in.Modified = s.Value == "true"
		}
	}
	return in
}

// String is the version as one token plus what VCS adds:
// "v1.4.0", "(devel) (revision 0123456789ab, modified)".
func (in Info) String() string {
	var extra []string
	if in.Revision != "" {
		rev := in.Revision
		if len(rev) > 12 {
			rev = rev[:12] // the length of a pseudo-version's revision
		}
		extra = append(extra, "revision "+rev)
	}
	if in.Modified {
		extra = append(extra, "modified")
	}
	if len(extra) == 0 {
		return in.Version
	}
	return in.Version + " (" + strings.Join(extra, ", ") + ")"
}

// Line is the answer to --version: "tenantlint v1.4.0 built with go1.26.0".
func (in Info) Line(tool string) string {
	s := tool + " " + in.String()
	if in.GoVersion != "" {
		s += " built with " + in.GoVersion
	}
	return s
}

// Semver is the version in Semantic Versioning 2.0 form (no leading v),
// as SARIF's semanticVersion wants it, or "" when the version is not one
// (a development build).
func (in Info) Semver() string {
	if !semver.IsValid(in.Version) {
		return ""
	}
	return strings.TrimPrefix(in.Version, "v")
}

// Dependency returns the module at path that the running binary was
// built with, its replacement when it has one; false when the binary
// carries no information on its dependencies (a test binary, some
// build systems) or does not depend on path.
func Dependency(path string) (debug.Module, bool) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return debug.Module{}, false
	}
	return dependencyIn(bi, path)
}

func dependencyIn(bi *debug.BuildInfo, path string) (debug.Module, bool) {
	for _, m := range bi.Deps {
		if m.Path == path {
			if m.Replace != nil {
				m = m.Replace
			}
			return *m, true
		}
	}
	return debug.Module{}, false
}
