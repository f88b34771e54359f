package directive

import (
	"go/token"
	"slices"
)

// Suppressor returns the well-formed directive for check that sits on
// the finding's line or the line directly above it, or nil. Unlike
// Suppresses it does not mark the directive used: the inventory calls it
// after Suppresses to name the reason.
func (s *Set) Suppressor(check string, p token.Position) *Directive {
	for _, line := range []int{p.Line, p.Line - 1} {
		for _, d := range s.byLine[lineKey{p.Filename, line}] {
			if d.Problem == "" && slices.Contains(d.Checks, check) {
				return d
			}
		}
	}
	return nil
}
