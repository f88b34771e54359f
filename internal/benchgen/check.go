package benchgen

import (
	"fmt"
	"strings"

	"github.com/tenantlint/tenantlint/report"
)

// Finding is a reported finding, as in tenantlint's JSON report.
type Finding = report.Finding

// Counts are findings counted the way Expected counts them.
type Counts struct {
	TenantRepo         int
	TenantRepoManual   int // expected 0: every model fix applies
	TenantCacheFixable int
	TenantCacheManual  int
	TenantSQL          int
	TenantSQLInScope   int      // of TenantSQL: the tenant is in scope but the query does not use it
	Other              []string // findings of no known check (e.g. directive problems)
}

// kindInScope is tenantsql.KindInScope, the JSON report's kind of a
// finding whose tenant is in scope; spelled out so that benchgen does not
// link the SQL analyzer and its parser (the tests check it).
const kindInScope = "in-scope"

// Count tallies findings by check, fix and (tenantsql's) kind.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch {
		case f.Check == "tenantrepo" && f.Fix == report.Fixable:
			c.TenantRepo++
		case f.Check == "tenantrepo":
			c.TenantRepo++
			c.TenantRepoManual++
		case f.Check == "tenantcache" && f.Fix == report.Fixable:
			c.TenantCacheFixable++
		case f.Check == "tenantcache":
			c.TenantCacheManual++
		case f.Check == "tenantsql":
			c.TenantSQL++
			if f.Kind == kindInScope {
				c.TenantSQLInScope++
			}
		default:
			c.Other = append(c.Other, fmt.Sprintf("%s:%d:%d: %s (%s)", f.File, f.Line, f.Column, f.Message, f.Check))
		}
	}
	return c
}

// TenantDataExpected returns what the tools must report with
// TenantDataConfig, as an Expected to Compare with: e's tenantrepo and
// tenantsql findings, and the tenantcache findings of tenant data.
func (e *Expected) TenantDataExpected() *Expected {
	td := *e
	td.TenantCacheFixable = e.TenantData.TenantCacheFixable
	td.TenantCacheManual = e.TenantData.TenantCacheManual
	td.Total = e.TenantData.Total
	return &td
}

// Compare returns "" when got is what e expects, else one line per
// difference.
func Compare(e *Expected, got Counts) string {
	var b strings.Builder
	line := func(what string, want, have int) {
		if want != have {
			fmt.Fprintf(&b, "  %s: want %d, got %d\n", what, want, have)
		}
	}
	line("tenantrepo", e.TenantRepo, got.TenantRepo)
	line("tenantrepo manual", 0, got.TenantRepoManual)
	line("tenantcache fixable", e.TenantCacheFixable, got.TenantCacheFixable)
	line("tenantcache manual", e.TenantCacheManual, got.TenantCacheManual)
	line("tenantsql", e.TenantSQL, got.TenantSQL)
	line("tenantsql in scope", e.TenantSQLInScope, got.TenantSQLInScope)
	for _, o := range got.Other {
		fmt.Fprintf(&b, "  unexpected: %s\n", o)
	}
	return b.String()
}
