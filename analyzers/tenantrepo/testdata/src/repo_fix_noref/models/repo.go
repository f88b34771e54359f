package models

import "repo_fix_noref/tenant"

// Repo is the package's own generic alias of the repository type.
type Repo[M any] = tenant.Repository[M]
