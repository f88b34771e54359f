package tenantctx

// NewFacts exposes the facts analyzer to the tests of its facts.
var NewFacts = newFacts
