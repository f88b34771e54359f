package store

import (
	"repo_tests_on/models"
	"repo_tests_on/tenant"
)

var Remotes tenant.Repository[models.Remote]
