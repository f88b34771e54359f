package tenant

type Model struct{ TenantID string }

// Repository is the configured repository type.
type Repository[M any] struct{ table string }

func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }

// For infers M from its argument.
func For[M any](M) *Repository[M] { return &Repository[M]{} }

// Repo is a generic alias of Repository, declared in its package.
type Repo[M any] = Repository[M]

// Store is an interface a repository satisfies.
type Store interface{ Table() string }

func (r *Repository[M]) Table() string { return r.table }

// Cache is generic but not a repository type.
type Cache[V any] struct{ v V }
