package models

import "context"

// Covered by store.Store, whose methods take orgID, in each shape.
type ByValue struct{ OrgID string }

type ByPointer struct{ OrgID string }

type BySlice struct{ OrgID string }

type BySliceOfPointers struct{ OrgID string }

type ByMapValue struct{ OrgID string }

type ByMapPointerValue struct{ OrgID string }

type ByVariadic struct{ OrgID string }

type ByResult struct{ OrgID string }

type ByAlias struct{ OrgID string }

type ByUnexportedMethod struct{ OrgID string }

// Only in a method of store.Store that takes no tenant: the type is a
// repository, so all its methods count.
type InUnrelatedMethod struct{ OrgID string }

// Covered by interfaces: one with a NetworkID method, and one that gets
// its tenant method from an embedded interface.
type ByInterface struct{ OrgID string }

type ByEmbeddedInterface struct{ OrgID string }

// Covered through embedding: the tenant method is promoted from an
// embedded struct.
type ByPromotedTenantMethod struct{ OrgID string }

// Covered by a concrete type in a method of a generic type, and through
// the promoted methods of an embedded instantiation.
type InGenericMethod struct{ OrgID string }

type ByEmbeddedInstance struct{ OrgID string }

// Covered by a value-receiver method of a type with a pointer-receiver
// tenant method.
type ByValueReceiver struct{ OrgID string }

// Not covered: shapes that do not count.

type ByMapKey struct { // want `^ByMapKey is tenant-scoped \(has field OrgID\) but has no tenant-aware repository; declare a package-level repository for it, or take or return it in the methods of a type with a method that has a parameter orgID \(or orgId\) or a method NetworkID$`
	OrgID string
}

type ByChannel struct { // want `^ByChannel is tenant-scoped`
	OrgID string
}

type ByFunc struct { // want `^ByFunc is tenant-scoped`
	OrgID string
}

type ByArray struct { // want `^ByArray is tenant-scoped`
	OrgID string
}

type ByNamedSlice struct { // want `^ByNamedSlice is tenant-scoped`
	OrgID string
}

type ByPointerPointer struct { // want `^ByPointerPointer is tenant-scoped`
	OrgID string
}

type BySliceOfSlices struct { // want `^BySliceOfSlices is tenant-scoped`
	OrgID string
}

// Not covered: the types that mention them are no repositories.

type NoTenantParam struct { // want `^NoTenantParam is tenant-scoped`
	OrgID string
}

type ParamNameCase struct { // want `^ParamNameCase is tenant-scoped`
	OrgID string
}

type NetworkIDWithoutResult struct { // want `^NetworkIDWithoutResult is tenant-scoped`
	OrgID string
}

type EmbeddedInterfaceAlone struct { // want `^EmbeddedInterfaceAlone is tenant-scoped`
	OrgID string
}

// The type parameter of a generic repository is no model: its
// instantiation does not cover (repository.types is for that).
type ByGenericInstance struct { // want `^ByGenericInstance is tenant-scoped`
	OrgID string
}

// In a function's signature, not a method's.
type InFunction struct { // want `^InFunction is tenant-scoped`
	OrgID string
}

// Methods declared in _test.go files do not count while tests are
// ignored, nor do types declared there.
type InTestMethod struct { // want `^InTestMethod is tenant-scoped`
	OrgID string
}

type InTestType struct { // want `^InTestType is tenant-scoped`
	OrgID string
}

// A model whose own methods take orgID is a repository of the other
// models its methods take or return, but does not cover itself.
type Account struct { // want `^Account is tenant-scoped`
	OrgID string
}

func (a *Account) Move(ctx context.Context, orgID string) Account { return *a }

func (a *Account) Owner() *AccountOwner { return nil }

type AccountOwner struct{ OrgID string }

// A repository declared in the model's own package covers too.
type Local struct{ OrgID string }

type localStore struct{}

func (localStore) get(orgId string) (Local, error) { return Local{}, nil }

// auditor gets a tenant method only in a _test.go file, which does not
// count while tests are ignored.
type auditor struct{}

func (auditor) record(e *AuditedInTest) {}

type AuditedInTest struct { // want `^AuditedInTest is tenant-scoped`
	OrgID string
}
