package tenant

import "repo_alias_cfg/orm"

// Repo is the configured repository type: a generic alias.
type Repo[M any] = orm.Table[M]

// Scoped is a generic alias of the configured alias.
type Scoped[M any] = Repo[M]
