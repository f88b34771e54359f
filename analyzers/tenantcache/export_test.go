package tenantcache

// NewHelpers exposes the helpers analyzer to the tests of its facts.
var NewHelpers = newHelpers
