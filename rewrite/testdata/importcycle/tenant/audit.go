package tenant

import "example.com/importcycle/models"

// LastAudit makes tenant import models.
var LastAudit models.Audit
