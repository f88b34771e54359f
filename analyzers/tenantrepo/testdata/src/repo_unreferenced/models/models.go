package models

// Unused is referred to only by its own declaration and methods: with
// models.unreferenced: skip it is no finding.
type Unused struct {
	TenantID string
	Parent   *Unused
}

func (u *Unused) Clone() *Unused { return &Unused{TenantID: u.TenantID} }

func (Unused) TableName() string { return "unused" }

// Returned is the result of a function of another package.
type Returned struct { // want `^Returned is tenant-scoped \(has field TenantID\) but has no tenant-aware repository`
	TenantID string
}

// InBody is built only in a function body of another package.
type InBody struct { // want `^InBody is tenant-scoped`
	TenantID string
}

// Local is used by a function of its own package.
type Local struct { // want `^Local is tenant-scoped`
	TenantID string
}

func newLocal() *Local { return nil }

var _ = newLocal

// ByField is the type of another struct's field.
type ByField struct { // want `^ByField is tenant-scoped`
	TenantID string
}

type wrapper struct{ item ByField }

var _ wrapper

// Named has only namesakes: a method, a field, a parameter and a
// composite literal key named like it, none of which refers to it.
type Named struct {
	TenantID string
}

type other struct{ Named int }

type namer struct{}

func (namer) Named(Named int) {}

func namesakes() other { return other{Named: 1} }

var _ = namesakes

// Shadowed is not referred to either, but names are matched, not
// resolved: a local of that name that is used counts, which only ever
// keeps a model reported.
type Shadowed struct { // want `^Shadowed is tenant-scoped`
	TenantID string
}

func shadows() int {
	Shadowed := 1
	return Shadowed
}

var _ = shadows

// TestOnly is used only by a test file: tests are ignored (the default),
// so nothing refers to it.
type TestOnly struct {
	TenantID string
}

// Dotted is used through a dot import.
type Dotted struct { // want `^Dotted is tenant-scoped`
	TenantID string
}

// Covered has a repository; a covered model is covered, referenced or not.
type Covered struct {
	TenantID string
}

//tenantlint:global
type Global struct {
	TenantID string
}
