package deep

const Version = 1

// The repository package imports this one through mid: no fix.
type Event struct { // want `^Event is tenant-scoped .*\(manual fix: importing repo_fix_cycle/tenant would make an import cycle: .*\)$`
	TenantID string
}
