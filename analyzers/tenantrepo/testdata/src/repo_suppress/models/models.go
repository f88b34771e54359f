package models

import "repo_suppress/tenant"

// Suppressed on the reported line.
type SameLine struct { //tenantlint:ignore tenantrepo legacy table, migrated in Q3
	TenantID string
}

// Suppressed from the line directly above.
//
//tenantlint:ignore tenantrepo shared by the billing export
type LineAbove struct {
	TenantID string
}

// Several checks, comma-separated: tenantrepo is one of them.
//
//tenantlint:ignore tenantcache,tenantrepo read-only mirror
type SeveralChecks struct {
	TenantID string
}

// In a group, the directive above the spec.
type (
	//tenantlint:ignore tenantrepo grouped and suppressed
	Grouped struct {
		TenantID string
	}
)

// Two lines above is too far: the finding stays and the directive is
// unused.
//
//tenantlint:ignore tenantrepo too far away // want `^unused //tenantlint:ignore directive: no tenantrepo finding on this line or the next$`

type TooFar struct { // want `^TooFar is tenant-scoped`
	TenantID string
}

// A directive for another check does not suppress this one, and is not
// this check's to judge.
//
//tenantlint:ignore tenantcache not about repositories
type OtherCheck struct { // want `^OtherCheck is tenant-scoped`
	TenantID string
}

// A directive that suppresses nothing is reported as unused.
//
//tenantlint:ignore tenantrepo nothing here // want `^unused //tenantlint:ignore directive: no tenantrepo finding on this line or the next$`
type NotAModel struct {
	Name string
}

// Nor does one above a covered model.
//
//tenantlint:ignore tenantrepo covered anyway // want `^unused //tenantlint:ignore directive`
type Covered struct {
	TenantID string
}

var CoveredRepo tenant.Repository[Covered]

// Nor does one above a global type.
//
//tenantlint:global
//tenantlint:ignore tenantrepo global anyway // want `^unused //tenantlint:ignore directive`
type Global struct {
	TenantID string
}

// A directive without a reason is reported and suppresses nothing.
//
// want +2 `^//tenantlint:ignore tenantrepo needs a reason after the check names$`

//tenantlint:ignore tenantrepo
type NoReason struct { // want `^NoReason is tenant-scoped`
	TenantID string
}

// A bare directive is malformed; it is reported once, by tenantrepo.
//
// want +2 `^malformed directive: write //tenantlint:ignore <check>\[,<check>\] <reason>$`

//tenantlint:ignore
type Bare struct { // want `^Bare is tenant-scoped`
	TenantID string
}

// Check names must match exactly: an unknown check is reported and the
// directive suppresses nothing.
//
//tenantlint:ignore tenantrepos typo in the name // want `^unknown check "tenantrepos" in //tenantlint:ignore \(known checks: tenantrepo, tenantcache, tenantctx, tenantsql\)$`
type Typo struct { // want `^Typo is tenant-scoped`
	TenantID string
}

//tenantlint:ignore TenantRepo wrong case // want `^unknown check "TenantRepo"`
type WrongCase struct { // want `^WrongCase is tenant-scoped`
	TenantID string
}

// A misspelt tenantcache is tenantcache's to report, not this check's;
// it suppresses nothing.
//
//tenantlint:ignore tenantcach not this check's typo
type CacheTypo struct { // want `^CacheTypo is tenant-scoped`
	TenantID string
}

// One unknown name spoils the directive.
//
//tenantlint:ignore tenantrepo,bogus reason here // want `^unknown check "bogus"`
type OneUnknown struct { // want `^OneUnknown is tenant-scoped`
	TenantID string
}

// A space after the comma leaves an empty check name.
//
//tenantlint:ignore tenantrepo, tenantcache reason // want `^empty check name in //tenantlint:ignore tenantrepo,: separate check names with commas and no spaces$`
type SpaceAfterComma struct { // want `^SpaceAfterComma is tenant-scoped`
	TenantID string
}

// Not a directive at all: a different word.
//
//tenantlint:ignored tenantrepo reason
type NotDirective struct { // want `^NotDirective is tenant-scoped`
	TenantID string
}

// One directive suppresses the finding on its own line and on the next:
// here a one-line model on each.
type A struct{ TenantID string } //tenantlint:ignore tenantrepo two one-liners
type B struct{ TenantID string }
