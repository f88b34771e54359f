package byvar

// The package-level tenant is visible here too.
type Order struct { // want `e\.g\. var OrderRepo = tenant2\.NewRepository\[Order\]\("orders"\)$`
	TenantID string
}

func owner() string { return tenant }
