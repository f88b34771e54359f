package tenant

type Repository[M any] struct{ table string }
