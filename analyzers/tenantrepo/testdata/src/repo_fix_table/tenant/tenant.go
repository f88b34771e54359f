package tenant

type Model struct{ TenantID string }

type Repository[M any] struct{ table string }

func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }
