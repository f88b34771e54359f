package models_test

type ExtFixture struct {
	TenantID string
}
