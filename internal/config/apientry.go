package config

import (
	"fmt"
	"sort"
)

// apiEntry is an entry of cache.apis or sql.apis: a type with methods,
// or a package-level function, each with the arguments that matter.
type apiEntry struct {
	section      string // "cache.apis"
	typ, fn      Name
	line, column int
	// methods checks each method's argument spec, by method name.
	methods   map[string]func() error
	methodPos map[string]Str
	// argsOnType: the entry sets the arguments beside its type, where
	// they do not belong; argsWhat names them ("query goes").
	argsOnType bool
	argsWhat   string
	checkFunc  func() error // a func entry's argument spec
}

// validateAPIEntry checks an entry of either list, with the same
// messages: exactly one of type and func, qualified names, a type's
// methods (named, each with a valid spec), a func's spec.
func (c *Config) validateAPIEntry(e apiEntry) error {
	switch {
	case e.typ.Value != "" && e.fn.Value != "":
		return c.ErrAt(e.typ, "%s: an entry has either type or func, not both", e.section)
	case e.typ.Value != "":
		if err := c.checkQualified(e.typ, e.section+".type"); err != nil {
			return err
		}
		if len(e.methods) == 0 {
			return c.ErrAt(e.typ, "%s: %s lists no methods", e.section, e.typ.Value)
		}
		if e.argsOnType {
			return c.ErrAt(e.typ, "%s: %s under each method of %s", e.section, e.argsWhat, e.typ.Value)
		}
		names := make([]string, 0, len(e.methods))
		for m := range e.methods {
			names = append(names, m)
		}
		sort.Strings(names)
		for _, m := range names {
			at := e.typ
			if p, ok := e.methodPos[m]; ok {
				at = p
			}
			if !isIdent(m) {
				return c.ErrAt(at, "%s: %q is not a method name", e.section, m)
			}
			if err := e.methods[m](); err != nil {
				return c.ErrAt(at, "%s: %s.%s: %v", e.section, e.typ.Value, m, err)
			}
		}
	case e.fn.Value != "":
		if err := c.checkQualified(e.fn, e.section+".func"); err != nil {
			return err
		}
		if len(e.methods) > 0 {
			return c.ErrAt(e.fn, "%s: a func entry has no methods", e.section)
		}
		if err := e.checkFunc(); err != nil {
			return c.ErrAt(e.fn, "%s: %s: %v", e.section, e.fn.Value, err)
		}
	default:
		return &Error{File: c.Path, Line: e.line, Column: e.column, Msg: fmt.Sprintf("%s: each entry needs a type (with methods) or a func", e.section)}
	}
	return nil
}
