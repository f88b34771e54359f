package store

import (
	"repo_tests/models"
	"repo_tests/tenant"
)

var Remotes tenant.Repository[models.Remote]
