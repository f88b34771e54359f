package config

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tenantlint/tenantlint/internal/directive"
)

// FindingRule is an entry of ignore.findings: the findings of Check in
// the files that Path matches, optionally only those in the declaration
// that Name matches or whose message Message matches, are dropped, for
// Reason. It is the suppression of code that is regenerated, where a
// //tenantlint:ignore line would not survive.
type FindingRule struct {
	Check Str `yaml:"check"`
	// Path is a glob of slash-separated paths relative to the directory
	// holding the configuration file (for -config-yaml, the working
	// directory): * and ? and [...] within one segment, as path.Match,
	// and ** for any number of segments.
	Path Str `yaml:"path"`
	// Name is a glob (path.Match) of the name of the top-level
	// declaration that holds the finding: a type, a function, a method
	// as Type.Method, the first name of a var or const.
	Name Str `yaml:"name"`
	// Message is a regular expression that must match in the message.
	Message Str `yaml:"message"`
	Reason  Str `yaml:"reason"`

	Line, Column int `yaml:"-"` // where the entry is written
	message      *regexp.Regexp
}

// Source returns the bytes the configuration was parsed from, to place
// diagnostics about its entries.
func (c *Config) Source() []byte { return c.src }

// recordIgnorePositions remembers where each ignore.findings entry is
// written.
func (c *Config) recordIgnorePositions(ignore *yaml.Node) {
	fs := lookup(ignore, "findings")
	if fs == nil || fs.Kind != yaml.SequenceNode {
		return
	}
	for i, n := range fs.Content {
		if i < len(c.Ignore.Findings) {
			c.Ignore.Findings[i].Line, c.Ignore.Findings[i].Column = n.Line, n.Column
		}
	}
}

func (c *Config) validateIgnoreFindings() error {
	known := directive.Known()
	for i := range c.Ignore.Findings {
		r := &c.Ignore.Findings[i]
		entry := Str{Line: r.Line, Column: r.Column}
		switch {
		case r.Check.Value == "":
			return c.ErrAt(entry, "ignore.findings: an entry needs a check (one of %s)", strings.Join(known, ", "))
		case !slices.Contains(known, r.Check.Value):
			return c.ErrAt(r.Check, "ignore.findings: unknown check %q (known checks: %s)", r.Check.Value, strings.Join(known, ", "))
		case r.Path.Value == "":
			return c.ErrAt(entry, "ignore.findings: an entry needs a path, a glob of the files it applies to")
		case strings.TrimSpace(r.Reason.Value) == "":
			return c.ErrAt(entry, "ignore.findings: an entry needs a reason, as a //tenantlint:ignore directive does")
		}
		if err := checkPathGlob(r.Path.Value); err != nil {
			return c.ErrAt(r.Path, "ignore.findings: path %q: %v", r.Path.Value, err)
		}
		if r.Name.Value != "" {
			if _, err := path.Match(r.Name.Value, ""); err != nil {
				return c.ErrAt(r.Name, "ignore.findings: name %q: %v", r.Name.Value, err)
			}
		}
		if r.Message.Value != "" {
			re, err := regexp.Compile(r.Message.Value)
			if err != nil {
				return c.ErrAt(r.Message, "ignore.findings: message %q is not a regular expression: %s", r.Message.Value,
					strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			}
			r.message = re
		}
	}
	return nil
}

// checkPathGlob says what is wrong with an ignore.findings path.
func checkPathGlob(p string) error {
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) {
		return fmt.Errorf("is absolute; write it relative to the configuration file's directory")
	}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == "..":
			return fmt.Errorf("leaves the configuration file's directory")
		case seg == "**":
		case strings.Contains(seg, "**"):
			return fmt.Errorf("** must be a whole path segment")
		default:
			if _, err := path.Match(seg, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// Rel returns file's path relative to the directory of the configuration
// file (for -config-yaml, the working directory), slash-separated, as
// ignore.findings paths are written; false when it is outside.
func (c *Config) Rel(file string) (string, bool) {
	base, err := filepath.Abs(c.Dir())
	if err != nil {
		return "", false
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// MatchesFile reports whether the entry applies to check's findings in
// the file at rel (see Rel).
func (r *FindingRule) MatchesFile(check, rel string) bool {
	return r.Check.Value == check && matchGlob(strings.Split(r.Path.Value, "/"), strings.Split(rel, "/"))
}

// Matches reports whether the entry drops check's finding in the file at
// rel, in the declaration named name, with message msg.
func (r *FindingRule) Matches(check, rel, name, msg string) bool {
	if !r.MatchesFile(check, rel) {
		return false
	}
	if r.Name.Value != "" {
		if ok, _ := path.Match(r.Name.Value, name); !ok {
			return false
		}
	}
	return r.message == nil || r.message.MatchString(msg)
}

// matchGlob matches path segments against pattern segments, where **
// matches any number of segments.
func matchGlob(pattern, name []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchGlob(pattern[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pattern[0], name[0]); !ok {
			return false
		}
		pattern, name = pattern[1:], name[1:]
	}
	return len(name) == 0
}
