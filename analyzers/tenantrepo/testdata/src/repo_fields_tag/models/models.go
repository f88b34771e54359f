package models

import (
	"repo_fields_tag/ids"
	"repo_fields_tag/uuid"
)

// A name without conditions matches any tag and type.
type Plain struct { // want `^Plain is tenant-scoped \(has field TenantID\)`
	TenantID int64 `bun:"tenant"`
}

// tag: the field's struct tag must contain the text.
type TagExact struct { // want `^TagExact is tenant-scoped \(has field OrgID\) but has no tenant-aware repository`
	OrgID string `bun:"org_id"`
}

type TagOptions struct { // want `^TagOptions is tenant-scoped \(has field OrgID\)`
	OrgID string `json:"orgId" bun:"org_id,notnull,type:uuid"`
}

type TagOtherColumn struct {
	OrgID string `bun:"organization_id"`
}

type TagOtherKey struct {
	OrgID string `json:"org_id"`
}

type TagNone struct {
	OrgID string
}

// The tag of another field does not count.
type TagOnOtherField struct {
	OrgID string
	Name  string `bun:"org_id"`
}

// type: the field's type must be the type, an alias of it, or a pointer
// to either.
type TypeExact struct { // want `^TypeExact is tenant-scoped \(has field NID\)`
	NID uuid.UUID
}

type TypePointer struct { // want `^TypePointer is tenant-scoped \(has field NID\)`
	NID *uuid.UUID
}

type TypeAlias struct { // want `^TypeAlias is tenant-scoped \(has field NID\)`
	NID ids.ID
}

type TypeAliasPointer struct { // want `^TypeAliasPointer is tenant-scoped \(has field NID\)`
	NID *ids.ID
}

type localAlias = uuid.UUID

type TypeLocalAlias struct { // want `^TypeLocalAlias is tenant-scoped \(has field NID\)`
	NID localAlias
}

type TypeDefined struct {
	NID ids.NetworkID
}

type TypeSameName struct {
	NID ids.UUID
}

type TypeOtherOfPackage struct {
	NID uuid.NullUUID
}

type TypeString struct {
	NID string
}

type TypePointerPointer struct {
	NID **uuid.UUID
}

type TypeSlice struct {
	NID []uuid.UUID
}

type TypeArray struct {
	NID [16]byte
}

// tag and type together: both must hold.
type Both struct { // want `^Both is tenant-scoped \(has field Org\)`
	Org uuid.UUID `db:"org"`
}

type BothWrongType struct {
	Org string `db:"org"`
}

type BothWrongTag struct {
	Org uuid.UUID `db:"organization"`
}

// Two entries for one name: either suffices.
type OwnerByTag struct { // want `^OwnerByTag is tenant-scoped \(has field Owner\)`
	Owner string `bun:"owner_id"`
}

type OwnerByType struct { // want `^OwnerByType is tenant-scoped \(has field Owner\)`
	Owner uuid.UUID
}

type OwnerByNeither struct {
	Owner string
}

// Through embedded structs, the conditions apply to the inner field.
type Base struct { // want `^Base is tenant-scoped \(has field OrgID\)`
	OrgID string `bun:"org_id"`
}

type ThroughBase struct { // want `^ThroughBase is tenant-scoped \(has field OrgID \(through embedded Base\)\)`
	Base
}

type UntaggedBase struct {
	OrgID string
}

type ThroughUntaggedBase struct {
	UntaggedBase
}

// An embedded uuid.UUID is a field named UUID, not NID.
type EmbeddedNID struct {
	uuid.UUID
}
