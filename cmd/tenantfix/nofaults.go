//go:build !tenantfix_faults

package main

import "github.com/tenantlint/tenantlint/rewrite"

// testHooks injects no faults: the release build reads no test variables
// (see faults.go for the tests' build).
func testHooks() rewrite.Hooks { return rewrite.Hooks{} }
