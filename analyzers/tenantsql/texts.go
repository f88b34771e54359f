package tenantsql

import (
	"github.com/tenantlint/tenantlint/internal/lint"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// funcDecls returns the package's function declarations, built once per
// package: a query text may be the result of one (q, args :=
// buildDelete(nid, rs); conn.RawQuery(q, args...)), which the texts
// follow into its returns.
func (r *queryRun) funcDecls(p *lint.Pass) *sqlscope.Funcs {
	if r.funcs == nil {
		r.funcs = sqlscope.FuncDecls(p.TypesInfo, p.Files)
	}
	return r.funcs
}
