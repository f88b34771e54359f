package tenantcache

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
	"github.com/tenantlint/tenantlint/internal/lint"
)

// newHelpers returns the analyzer that carries what the check learns of
// functions across packages, as facts: key builders (cache.tenant_values)
// and cache helpers (cache.follow_helpers). It is separate from the check
// because an analyzer with facts runs on every dependency of the checked
// packages (the standard library, stubs, other modules), where it must
// neither fail nor report; its result, the *cachekeys.Helpers of the
// package, is what tenantcache reads.
func newHelpers(env *lint.Env) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantcachehelpers",
		Doc:        "find the key builders and cache helpers that tenantcache follows across packages",
		URL:        "https://github.com/tenantlint/tenantlint#tenantcache",
		FactTypes:  []analysis.Fact{new(cachekeys.HelperFact)},
		ResultType: reflect.TypeOf((*cachekeys.Helpers)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			return summarize(env, pass), nil
		},
	}
}

func summarize(env *lint.Env, pass *analysis.Pass) *cachekeys.Helpers {
	h := cachekeys.NewHelpers()
	rules := env.RulesFor(pass, Name)
	if rules == nil || rules.Values == nil && !rules.FollowHelpers {
		return h
	}
	lint.ImportFuncFacts(pass, h.Add)
	for _, fn := range cachekeys.Summarize(rules, pass.TypesInfo, pass.Pkg, lint.SourceFiles(pass), h) {
		f := *h.Lookup(fn)
		pass.ExportObjectFact(fn, &f)
	}
	return h
}
