package tenantcache

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
	"github.com/tenantlint/tenantlint/internal/lint"
)

// newHelpers returns the analyzer that carries what the check learns of
// functions across packages, as facts: key builders (cache.tenant_values),
// cache helpers (cache.follow_helpers) and functions that return tenant
// data (cache.report: tenant-data). It is separate from the check
// because an analyzer with facts runs on every dependency of the checked
// packages (the standard library, stubs, other modules), where it must
// neither fail nor report; its result, the *summary of the package, is
// what tenantcache reads.
func newHelpers(env *lint.Env) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "tenantcachehelpers",
		Doc:        "find the key builders and cache helpers that tenantcache follows across packages",
		URL:        "https://github.com/tenantlint/tenantlint#tenantcache",
		FactTypes:  []analysis.Fact{new(cachekeys.HelperFact), new(cachekeys.DataFact)},
		ResultType: reflect.TypeOf((*summary)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			return summarize(env, pass), nil
		},
	}
}

// summary is what the helpers analyzer learns of a package's functions
// and of those it calls.
type summary struct {
	keys *cachekeys.Helpers
	data *cachekeys.DataFacts
}

func summarize(env *lint.Env, pass *analysis.Pass) *summary {
	s := &summary{keys: cachekeys.NewHelpers(), data: cachekeys.NewDataFacts()}
	rules := env.RulesFor(pass, Name)
	if rules == nil {
		return s
	}
	h := s.keys
	if rules.Values != nil || rules.FollowHelpers {
		lint.ImportFuncFacts(pass, h.Add)
		for _, fn := range cachekeys.Summarize(rules, pass.TypesInfo, pass.Pkg, lint.SourceFiles(pass), h) {
			f := *h.Lookup(fn)
			pass.ExportObjectFact(fn, &f)
		}
	}
	if rules.Config.ReportsTenantData() {
		lint.ImportFuncFacts(pass, s.data.Add)
		for _, fn := range cachekeys.SummarizeData(rules, pass.TypesInfo, pass.Pkg, lint.SourceFiles(pass), h, s.data) {
			f := *s.data.Lookup(fn)
			pass.ExportObjectFact(fn, &f)
		}
	}
	return s
}
