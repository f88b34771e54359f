// This file has no imports: the import goes after the package clause.
package models

type Order struct { // want `^Order is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e.g\. var OrderRepo = tenant\.NewRepository\[Order\]\("orders"\)$`
	TenantID string
}
