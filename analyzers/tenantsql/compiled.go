package tenantsql

import (
	"sync"

	"github.com/tenantlint/tenantlint/internal/rules"
	"github.com/tenantlint/tenantlint/internal/sqlscope"
)

// compiled is what tenantsql needs of one configuration beyond its
// rules: the query APIs, the sql section's tables, the names of tenant
// parameters. Like the rules (lint.Env compiles each configuration
// once), it is compiled once per configuration, not per package: a
// process analyzes many packages under one configuration.
type compiled struct {
	apis   *sqlscope.APIs
	tables *sqlscope.TableConfig
	// names are the parameter names that hold a tenant value
	// (tenantParamNames); ctx whether contexts carry it
	// (contextCarriesTenant).
	names map[string]bool
	ctx   bool
	// rule are the rule's options: sql.propagate and sql.keys.
	rule sqlscope.Options
}

// compiledCache holds the compiled configurations of one analyzer, by
// the rules lint.Env compiled for them (one *rules.Rules per
// configuration).
type compiledCache struct {
	mu sync.Mutex
	m  map[*rules.Rules]*compiled
	// compiles counts the compilations, for the test that a
	// configuration is compiled once.
	compiles int
}

func (c *compiledCache) get(r *rules.Rules) *compiled {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cc, ok := c.m[r]; ok {
		return cc
	}
	c.compiles++
	cc := &compiled{
		apis:   sqlscope.CompileAPIs(r.Config),
		tables: sqlscope.CompileTables(r.Config),
		names:  tenantParamNames(r),
		ctx:    contextCarriesTenant(r),
		rule:   sqlscope.Options{Keys: r.Config.SQLKeys()},
	}
	if c.m == nil {
		c.m = map[*rules.Rules]*compiled{}
	}
	c.m[r] = cc
	return cc
}

// withPrimaryKeys returns c for a package whose queries are judged with
// the primary keys that sqlc schemas declare, by table
// (sqlscope.Options.WithPrimaryKeys; sql.keys wins): c itself when key
// joins do not propagate or there are none.
func (c *compiled) withPrimaryKeys(pks map[string][]string) *compiled {
	if c.rule.Keys == nil || len(pks) == 0 {
		return c
	}
	cc := *c
	cc.rule = c.rule.WithPrimaryKeys(pks)
	return &cc
}
