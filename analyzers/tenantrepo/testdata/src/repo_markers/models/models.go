package models

import (
	"repo_markers/other"
	"repo_markers/tenant"
)

// Owned is a second marker, declared next to the models: markers are not
// reported even when they would be tenant-scoped (it has a TenantID).
type Owned struct{ TenantID string }

// By value, directly.
type ByValue struct { // want `^ByValue is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository; declare a package-level var of type tenant\.Repository\[ByValue\]$`
	tenant.Model
	Name string
}

// By pointer, directly.
type ByPointer struct { // want `^ByPointer is tenant-scoped \(embeds tenant\.Model\) but`
	*tenant.Model
}

// The marker after other fields still counts.
type Late struct { // want `^Late is tenant-scoped \(embeds tenant\.Model\)`
	ID   int
	Name string
	tenant.Model
}

// The second marker, embedded.
type ByOwned struct { // want `^ByOwned is tenant-scoped \(embeds models\.Owned\)`
	Owned
}

// Base embeds the marker; the types below embed Base.
type Base struct { // want `^Base is tenant-scoped \(embeds tenant\.Model\) but`
	tenant.Model
}

// Through an embedded struct, by value.
type ThroughBase struct { // want `^ThroughBase is tenant-scoped \(embeds tenant\.Model \(through embedded Base\)\) but`
	Base
	Title string
}

// Through an embedded pointer to a struct.
type ThroughPtrBase struct { // want `^ThroughPtrBase is tenant-scoped \(embeds tenant\.Model \(through embedded Base\)\) but`
	*Base
}

// Mid embeds *Base.
type Mid struct { // want `^Mid is tenant-scoped \(embeds tenant\.Model \(through embedded Base\)\)`
	*Base
}

// Two levels down, the reason spells the path.
type Deep struct { // want `^Deep is tenant-scoped \(embeds tenant\.Model \(through embedded Mid\.Base\)\)`
	Mid
}

// Through an embedded struct of another package.
type ThroughOther struct { // want `^ThroughOther is tenant-scoped \(embeds tenant\.Model \(through embedded Audit\)\)`
	other.Audit
}

// Through an embedded pointer to a struct of another package.
type ThroughOtherPtr struct { // want `^ThroughOtherPtr is tenant-scoped \(embeds tenant\.Model \(through embedded Audit\)\)`
	*other.Audit
}

// ModelAlias is an alias of the marker: embedding it embeds the marker.
type ModelAlias = tenant.Model

type ViaAlias struct { // want `^ViaAlias is tenant-scoped \(embeds tenant\.Model\)`
	ModelAlias
}

// Through an anonymous-struct-free generic embedded struct.
type Envelope[T any] struct { // want `^Envelope is tenant-scoped \(embeds tenant\.Model\)`
	tenant.Model
	Body T
}

type ThroughGeneric struct { // want `^ThroughGeneric is tenant-scoped \(embeds tenant\.Model \(through embedded Envelope\)\)`
	Envelope[string]
}

// Named (non-embedded) fields do not propagate, by value or pointer.
type NamedMarker struct {
	M tenant.Model
}

type NamedPtrMarker struct {
	M *tenant.Model
}

type NamedBase struct {
	Owner Base
	Other *other.Audit
}

// Nor do slices, maps or interfaces of tenant-scoped types.
type Containers struct {
	Items []Base
	ByID  map[string]*Base
	Any   interface{ Get() tenant.Model }
}

// Not structs: never models.
type Models []tenant.Model

type ModelPtr *tenant.Model

type ByValueCopy ByValue // want `^ByValueCopy is tenant-scoped \(embeds tenant\.Model\)`

// Aliases are not new types.
type ByValueAlias = ByValue

// Self-embedding through a pointer terminates.
type Node struct {
	*Node
	Next *Node
}

func local() {
	// Types declared in functions are not package-level.
	type Local struct{ tenant.Model }
	_ = Local{}
}

// Covered ones are not reported.
type Covered struct {
	tenant.Model
}

var CoveredRepo = tenant.NewRepository[Covered]("covered")
