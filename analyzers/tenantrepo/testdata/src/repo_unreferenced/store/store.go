// Package store refers to models through a signature and a repository.
package store

import (
	"repo_unreferenced/models"
	"repo_unreferenced/tenant"
)

var Covered tenant.Repository[models.Covered]

func Load() models.Returned { return models.Returned{} }
