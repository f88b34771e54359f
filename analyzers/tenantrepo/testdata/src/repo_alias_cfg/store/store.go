// Package store covers a model of another package through the alias.
package store

import (
	"repo_alias_cfg/models"
	"repo_alias_cfg/tenant"
)

var Remotes = new(tenant.Repo[models.Remote])
