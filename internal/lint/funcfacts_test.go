package lint

import (
	"go/token"
	"go/types"
	"testing"
)

// A fact added after a lookup found none is found: Add forgets the
// answers Lookup remembered. Two views of one function (two *types.Func
// of the same package path and name) share its fact.
func TestFuncFactsAddAfterLookup(t *testing.T) {
	newFunc := func() *types.Func {
		pkg := types.NewPackage("example.com/p", "p")
		return types.NewFunc(token.NoPos, pkg, "F", types.NewSignatureType(nil, nil, nil, nil, nil, false))
	}
	view1, view2 := newFunc(), newFunc()
	var s FuncFacts[string]
	if got := s.Lookup(view2); got != nil {
		t.Fatalf("Lookup before Add = %q, want nil", *got)
	}
	fact := "fact"
	s.Add(view1, &fact)
	if got := s.Lookup(view2); got != &fact {
		t.Errorf("Lookup of the other view after Add = %v, want the fact", got)
	}
	if s.Len() != 1 {
		t.Errorf("Len = %d, want 1", s.Len())
	}
}
