package tenant

// Model is the marker: not a model itself.
type Model struct{ TenantID string }

// Repository is the repository type: not a model itself either, although
// it has the field.
type Repository[M any] struct {
	TenantID string
	table    string
}

func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }
