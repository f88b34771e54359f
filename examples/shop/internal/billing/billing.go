// Package billing holds invoices and the data needed to price them.
package billing

// Invoice is a bill sent to one tenant.
type Invoice struct {
	ID       string
	TenantID string
	Amount   int64
}

// Plan is a subscription plan. Plans are the same for every tenant.
type Plan struct {
	ID, Name string
}

// ExchangeRate converts invoice amounts between currencies.
//
// The rates live in one table shared by all tenants; TenantID only records
// which tenant's import last refreshed a row, so it is not a scope.
//
//tenantlint:global
type ExchangeRate struct {
	TenantID string
	From, To string
	Rate     float64
}
