// Package directive parses //tenantlint:ignore comments and tracks which
// of them suppressed something, so that unused ones can be reported.
package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

// Prefix starts a suppression comment.
const Prefix = "//tenantlint:ignore"

// Directive is one //tenantlint:ignore comment.
type Directive struct {
	Pos    token.Pos
	File   string
	Line   int
	Checks []string
	Reason string
	// Problem is set when the directive is malformed; it then suppresses
	// nothing and is reported.
	Problem string

	used map[string]bool
}

// Owner is the check that reports the directive's own problems, so that
// a malformed directive is reported once and not by every check: the
// first known check it names; when it names none, the known check
// closest in spelling to a name it gives (the one it most likely
// misspells), else the first known check.
func (d *Directive) Owner(known []string) string {
	for _, c := range d.Checks {
		if known == nil || slices.Contains(known, c) {
			return c // nil: every name is taken as known (see Parse)
		}
	}
	if len(known) == 0 {
		return ""
	}
	owner, best := known[0], -1
	for _, c := range d.Checks {
		for _, k := range known {
			if dist := editDistance(strings.ToLower(c), k); best < 0 || dist < best {
				owner, best = k, dist
			}
		}
	}
	return owner
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Set is the directives of one package.
type Set struct {
	byLine map[lineKey][]*Directive
	all    []*Directive
}

type lineKey struct {
	file string
	line int
}

// Parse collects the directives in files. known lists the valid check
// names; nil accepts any name (an analyzer that runs alone, outside the
// registry of checks, cannot tell a misspelt name from another check's).
func Parse(fset *token.FileSet, files []*ast.File, known []string) *Set {
	s := &Set{byLine: map[lineKey][]*Directive{}}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				d := parseComment(c.Text, known)
				if d == nil {
					continue
				}
				p := fset.Position(c.Slash)
				d.Pos, d.File, d.Line = c.Slash, p.Filename, p.Line
				k := lineKey{p.Filename, p.Line}
				s.byLine[k] = append(s.byLine[k], d)
				s.all = append(s.all, d)
			}
		}
	}
	return s
}

func parseComment(text string, known []string) *Directive {
	return ParseText(Prefix, text, known)
}

// ParseText parses one directive written as prefix followed by the check
// names and the reason, with the rules and problems of Parse's (a reason
// is required, the names must be known): for directives outside Go
// comments, such as tenantsql's "-- tenantlint:ignore" in SQL. The
// problems name prefix. It returns nil when text is not a directive.
func ParseText(prefix, text string, known []string) *Directive {
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	fields := strings.Fields(rest)
	d := &Directive{used: map[string]bool{}}
	if len(fields) == 0 {
		d.Problem = fmt.Sprintf("malformed directive: write %s <check>[,<check>] <reason>", prefix)
		return d
	}
	d.Checks = strings.Split(fields[0], ",")
	d.Reason = strings.Join(fields[1:], " ")
	for _, c := range d.Checks {
		if c == "" {
			d.Problem = fmt.Sprintf("empty check name in %s %s: separate check names with commas and no spaces", prefix, fields[0])
			return d
		}
		if known != nil && !slices.Contains(known, c) {
			d.Problem = fmt.Sprintf("unknown check %q in %s (known checks: %s)", c, prefix, strings.Join(known, ", "))
			return d
		}
	}
	if d.Reason == "" {
		d.Problem = fmt.Sprintf("%s %s needs a reason after the check names", prefix, fields[0])
	}
	return d
}

// Suppresses reports whether a well-formed directive for check sits on
// the finding's line or the line directly above it, and marks it used.
func (s *Set) Suppresses(check string, p token.Position) bool {
	for _, line := range []int{p.Line, p.Line - 1} {
		for _, d := range s.byLine[lineKey{p.Filename, line}] {
			if d.Problem == "" && slices.Contains(d.Checks, check) {
				d.used[check] = true
				return true
			}
		}
	}
	return false
}

// Finding is a problem with a directive, to be reported by a check.
type Finding struct {
	Pos     token.Pos
	Message string
}

// Findings returns, for check, its malformed directives and those that
// name it but suppressed nothing. skip tells which files were not
// checked, whose directives are not judged.
func (s *Set) Findings(check string, known []string, skip func(file string) bool) []Finding {
	var out []Finding
	for _, d := range s.all {
		if skip(d.File) {
			continue
		}
		if d.Problem != "" {
			if owner := d.Owner(known); owner == check || owner == "" {
				out = append(out, Finding{d.Pos, d.Problem})
			}
			continue
		}
		if slices.Contains(d.Checks, check) && !d.used[check] {
			out = append(out, Finding{d.Pos, fmt.Sprintf("unused %s directive: no %s finding on this line or the next", Prefix, check)})
		}
	}
	return out
}
