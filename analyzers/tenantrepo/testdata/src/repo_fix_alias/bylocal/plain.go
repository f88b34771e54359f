package bylocal

// Nothing named tenant in this file: the import keeps its name.
type Order struct { // want `e\.g\. var OrderRepo = tenant\.NewRepository\[Order\]\("orders"\)$`
	TenantID string
}
