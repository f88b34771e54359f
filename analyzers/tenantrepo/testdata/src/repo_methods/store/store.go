// Package store holds the repositories of the models, recognised by
// their methods.
package store

import (
	"context"

	"repo_methods/models"
	"repo_methods/uuid"
)

// Store is a repository: a method takes orgID.
type Store struct{}

func (s *Store) Get(ctx context.Context, orgID, id string) (models.ByValue, error) {
	return models.ByValue{}, nil
}

func (s *Store) Put(ctx context.Context, orgID string, v *models.ByPointer) error { return nil }

func (s *Store) List(ctx context.Context, orgID string) ([]models.BySlice, []*models.BySliceOfPointers, error) {
	return nil, nil, nil
}

func (s *Store) Index(orgID string) (map[string]models.ByMapValue, map[string]*models.ByMapPointerValue) {
	return nil, nil
}

func (s *Store) PutAll(orgID string, vs ...*models.ByVariadic) {}

func (s *Store) Latest(orgID string) *models.ByResult { return nil }

type byAlias = models.ByAlias

func (s *Store) Aliased(orgID string) *byAlias { return nil }

func (s *Store) find(orgID string) *models.ByUnexportedMethod { return nil }

// Audit takes no tenant; Store is a repository all the same.
func (s *Store) Audit(e *models.InUnrelatedMethod) {}

// The shapes that do not count.
func (s *Store) Keys(orgID string) map[models.ByMapKey]bool     { return nil }
func (s *Store) Stream(orgID string) chan *models.ByChannel     { return nil }
func (s *Store) Each(orgID string, f func(*models.ByFunc))      {}
func (s *Store) Batch(orgID string) [4]models.ByArray           { return [4]models.ByArray{} }
func (s *Store) Named(orgID string) Items                       { return nil }
func (s *Store) Deep(orgID string) **models.ByPointerPointer    { return nil }
func (s *Store) Pages(orgID string) [][]*models.BySliceOfSlices { return nil }
func (s *Store) Generic(orgID string) GenStore[models.ByGenericInstance] {
	return GenStore[models.ByGenericInstance]{}
}

type Items []*models.ByNamedSlice

// Persister is an interface repository: it has a NetworkID method that
// returns the tenant.
type Persister interface {
	GetThing(ctx context.Context, id string) (*models.ByInterface, error)
	NetworkID(ctx context.Context) uuid.UUID
}

// Reader has no tenant method of its own: alone it is no repository.
type Reader interface {
	Read(ctx context.Context, id string) (*models.ByEmbeddedInterface, error)
}

// Full gets Read from Reader: its methods cover ByEmbeddedInterface.
type Full interface {
	Reader
	NetworkID(ctx context.Context) uuid.UUID
}

type Lonely interface {
	Read(ctx context.Context, id string) (*models.EmbeddedInterfaceAlone, error)
}

// tenantBase has the tenant method; Orders gets it through embedding.
type tenantBase struct{}

func (tenantBase) Scope(orgId string) {}

type Orders struct{ *tenantBase }

func (o Orders) Recent() []*models.ByPromotedTenantMethod { return nil }

// GenStore is generic: its methods cover the concrete models they name,
// not its type parameter.
type GenStore[T any] struct{}

func (g *GenStore[T]) Get(ctx context.Context, orgID string) (*T, error) { return nil, nil }

func (g *GenStore[T]) Log(e *models.InGenericMethod) {}

var Instances GenStore[models.ByGenericInstance]

// Embedded gets GenStore's methods instantiated: Get returns
// *models.ByEmbeddedInstance.
type Embedded struct {
	*GenStore[models.ByEmbeddedInstance]
}

// Mixed has a pointer-receiver tenant method and a value-receiver one.
type Mixed struct{}

func (*Mixed) Tenant(orgID string)          {}
func (Mixed) Value() models.ByValueReceiver { return models.ByValueReceiver{} }

// No repositories: no tenant parameter, a tenant parameter of another
// name, a NetworkID that returns nothing.
type Plain struct{}

func (Plain) Get(ctx context.Context, id string) *models.NoTenantParam { return nil }

type Cased struct{}

func (Cased) Get(OrgID string) *models.ParamNameCase { return nil }

type NoResult struct{}

func (NoResult) NetworkID()                                   {}
func (NoResult) Get(id string) *models.NetworkIDWithoutResult { return nil }

// A function, not a method.
func Load(ctx context.Context, orgID string) *models.InFunction { return nil }
