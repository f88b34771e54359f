package models_test

type ExtFixture struct { // want `^ExtFixture is tenant-scoped`
	TenantID string
}
