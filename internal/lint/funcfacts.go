package lint

import "go/types"

// FuncFacts holds facts by the full name of their function's generic
// origin, which is the same in every type-checked view of its package
// (init loads packages without sharing their types), and remembers
// Lookup's answers by function: a full name is a string to build, and
// the checks look up the callee of every call. The zero value is empty;
// a FuncFacts is not safe for concurrent use.
type FuncFacts[F any] struct {
	byName map[string]*F
	byFunc map[*types.Func]*F
}

// Lookup returns the fact of fn, or nil.
func (s *FuncFacts[F]) Lookup(fn *types.Func) *F {
	fn = fn.Origin()
	if f, ok := s.byFunc[fn]; ok {
		return f
	}
	f := s.byName[fn.FullName()]
	if s.byFunc == nil {
		s.byFunc = map[*types.Func]*F{}
	}
	s.byFunc[fn] = f
	return f
}

// Add records the fact of fn. It forgets the answers Lookup remembered:
// a function of another view may have fn's name.
func (s *FuncFacts[F]) Add(fn *types.Func, f *F) {
	if s.byName == nil {
		s.byName = map[string]*F{}
	}
	s.byName[fn.Origin().FullName()] = f
	clear(s.byFunc)
}

// Len returns the number of facts.
func (s *FuncFacts[F]) Len() int { return len(s.byName) }
