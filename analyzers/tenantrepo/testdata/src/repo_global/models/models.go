package models

// Ungrouped: the directive in the doc comment of the type keyword.
//
//tenantlint:global
type Plain struct {
	TenantID string
}

// Settings are shared by all tenants; the directive may follow other doc
// lines.
//
//tenantlint:global
type Settings struct {
	TenantID string
}

// A note after the directive is allowed.
//
//tenantlint:global lookup table shared by every tenant
type Noted struct {
	TenantID string
}

//tenantlint:global shared lookup table
type NotedSpace struct {
	TenantID string
}

// Grouped: the directive in a spec's own doc comment covers that spec only.
type (
	//tenantlint:global
	InGroup struct {
		TenantID string
	}

	NotInGroup struct { // want `^NotInGroup is tenant-scoped`
		TenantID string
	}
)

// Grouped: the doc comment of the type keyword of a group is not honoured,
// even for a group of one.
//
//tenantlint:global
type (
	OuterA struct { // want `^OuterA is tenant-scoped`
		TenantID string
	}
	OuterB struct { // want `^OuterB is tenant-scoped`
		TenantID string
	}
)

//tenantlint:global
type (
	OuterOnly struct { // want `^OuterOnly is tenant-scoped`
		TenantID string
	}
)

// Not the directive.

// tenantlint:global
type Spaced struct { // want `^Spaced is tenant-scoped`
	TenantID string
}

//tenantlint:globally
type Longer struct { // want `^Longer is tenant-scoped`
	TenantID string
}

//tenantlint:global

type Detached struct { // want `^Detached is tenant-scoped`
	TenantID string
}

type Trailing struct { // want `^Trailing is tenant-scoped`
	TenantID string
} //tenantlint:global

/*
tenantlint:global
*/
type Block struct { // want `^Block is tenant-scoped`
	TenantID string
}
