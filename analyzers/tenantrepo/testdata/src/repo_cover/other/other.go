// Package other declares a User too: the repository for models.User does
// not cover it (type identity, not name).
package other

import "repo_cover/tenant"

type User struct { // want `^User is tenant-scoped \(embeds tenant\.Model\)`
	tenant.Model
}
