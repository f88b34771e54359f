// Package api imports models and is not imported by tenant: its model
// gets a fix.
package api

import "repo_fix_cycle/models"

type Token struct { // want `e\.g\. var TokenRepo = tenant\.NewRepository\[Token\]\("tokens"\)$`
	TenantID string
	User     models.User
}
