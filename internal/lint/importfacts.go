package lint

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// ImportFuncFacts hands add the fact of type F of each function or
// method of another package that pass's package uses, once per generic
// origin (the object facts are exported on). Fact analyzers call it
// before computing their own package's facts, which may build on them.
func ImportFuncFacts[F any, PF interface {
	*F
	analysis.Fact
}](pass *analysis.Pass, add func(*types.Func, PF)) {
	seen := map[*types.Func]bool{}
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
			continue
		}
		fn = fn.Origin()
		if seen[fn] {
			continue
		}
		seen[fn] = true
		f := PF(new(F))
		if pass.ImportObjectFact(fn, f) {
			add(fn, f)
		}
	}
}
