package models

import "repo_cover/tenant"

// Covered by store (another package): not reported with scope: module.
type User struct {
	tenant.Model
}

type Account struct {
	tenant.Model
}

type Invoice struct {
	TenantID string
}

type Pair struct {
	TenantID string
}

// Covered in this package, in each of the package-level forms.

type VarType struct{ tenant.Model }

var VarTypeRepo tenant.Repository[VarType]

type VarPtr struct{ tenant.Model }

var VarPtrRepo *tenant.Repository[VarPtr]

type VarInit struct{ tenant.Model }

var VarInitRepo = tenant.NewRepository[VarInit]("var_inits")

type Inferred struct{ tenant.Model }

var InferredRepo = tenant.For(Inferred{})

type Blank struct{ tenant.Model }

var _ = tenant.NewRepository[Blank]("blanks")

type Grouped struct{ tenant.Model }

var (
	one, GroupedRepo = 1, tenant.NewRepository[Grouped]("groupeds")
)

// A declared interface type with a repository initializer: the
// initializer counts.
type Iface struct{ tenant.Model }

var IfaceRepo tenant.Store = tenant.NewRepository[Iface]("ifaces")

type AnyInit struct{ tenant.Model }

var AnyInitRepo any = tenant.For(AnyInit{})

type TypeDecl struct{ tenant.Model }

type TypeDeclRepo tenant.Repository[TypeDecl]

type PtrTypeDecl struct{ tenant.Model }

type PtrTypeDeclRepo *tenant.Repository[PtrTypeDecl]

type AliasDecl struct{ tenant.Model }

type AliasDeclRepo = tenant.Repository[AliasDecl]

type PtrAliasDecl struct{ tenant.Model }

type PtrAliasDeclRepo = *tenant.Repository[PtrAliasDecl]

// The generic alias tenant.Repo, instantiated at package level.
type GenericAlias struct{ tenant.Model }

var GenericAliasRepo tenant.Repo[GenericAlias]

type GenericAliasDecl struct{ tenant.Model }

type GenericAliasDeclRepo = tenant.Repo[GenericAliasDecl]

// Fields of package-level struct types, embedded and named.
type FieldEmbedded struct{ tenant.Model }

type FieldNamed struct{ tenant.Model }

type FieldPtr struct{ tenant.Model }

type Repos struct {
	*tenant.Repository[FieldEmbedded]
	Named tenant.Repository[FieldNamed]
	Ptr   *tenant.Repository[FieldPtr]
}

// A field of a generic struct type.
type GenericField struct{ tenant.Model }

type Holder[T any] struct {
	Repo *tenant.Repository[GenericField]
	Item T
}

// A field of the anonymous struct type of a package-level var.
type AnonField struct{ tenant.Model }

var Registry struct {
	AnonFields *tenant.Repository[AnonField]
}

// A generic model is covered by a repository of any instantiation.
type Row[T any] struct {
	tenant.Model
	Value T
}

var Rows = tenant.NewRepository[Row[int]]("rows")

// Not covered.

type PtrArg struct { // want `^PtrArg is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository`
	tenant.Model
}

type CachedOnly struct { // want `^CachedOnly is tenant-scoped`
	tenant.Model
}

type InSignature struct { // want `^InSignature is tenant-scoped`
	tenant.Model
}

type InResult struct { // want `^InResult is tenant-scoped`
	tenant.Model
}

type InBody struct { // want `^InBody is tenant-scoped`
	tenant.Model
}

type InNested struct { // want `^InNested is tenant-scoped`
	tenant.Model
}

type InLocalVar struct { // want `^InLocalVar is tenant-scoped`
	tenant.Model
}

type InLocalType struct { // want `^InLocalType is tenant-scoped`
	tenant.Model
}

type InClosure struct { // want `^InClosure is tenant-scoped`
	tenant.Model
}

type InFuncVar struct { // want `^InFuncVar is tenant-scoped`
	tenant.Model
}

type InMethod struct { // want `^InMethod is tenant-scoped`
	tenant.Model
}

type InSlice struct { // want `^InSlice is tenant-scoped`
	tenant.Model
}

type InMap struct { // want `^InMap is tenant-scoped`
	tenant.Model
}

func locals() {
	var r tenant.Repository[InLocalVar]
	_ = r
	type localRepo = tenant.Repository[InLocalType]
	var _ localRepo
}

// A package-level var whose initializer is a function literal: the
// instantiation is in a function body.
var build = func() any { return tenant.NewRepository[InClosure]("in_closures") }

// A package-level var of function type: the instantiation is in a
// signature.
var hook func(*tenant.Repository[InFuncVar])

func (Repos) Get(*tenant.Repository[InMethod]) {}

// A slice or map of repositories is no repository: it does not cover.
var many []tenant.Repository[InSlice]

var byName map[string]*tenant.Repository[InMap]

// A model declared in a function is no model, and a repository of it
// covers nothing.
func localModel() {
	type Local struct{ tenant.Model }
	_ = tenant.NewRepository[Local]("locals")
}
