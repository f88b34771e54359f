package models

// Invoice is covered by store.Store's methods: no finding, nothing to fix.
type Invoice struct {
	OrgID string
}

// Order is covered by a repository type, as before.
type Order struct {
	OrgID string
}

// Payment appears only in a type that is no repository: it gets the
// usual fix.
type Payment struct { // want `^Payment is tenant-scoped \(has field OrgID\) but has no tenant-aware repository; declare one at package level, e.g. var PaymentRepo = tenant\.NewRepository\[Payment\]\("payments"\)$`
	OrgID string
}
