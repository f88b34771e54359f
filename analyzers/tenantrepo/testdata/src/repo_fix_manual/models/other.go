package models

// Declared in another file of the package: still a redeclaration.
type Order struct { // want `\(manual fix: the declaration would redeclare OrderRepo\)$`
	TenantID string
}

// A generic model needs a repository per instantiation: no fix.
type Row[T any] struct { // want `^Row is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e\.g\. var RowRepo = tenant\.NewRepository\[Row\]\("rows"\) \(manual fix: the model is generic; declare a repository for each instantiation\)$`
	TenantID string
	Value    T
}
