package models

import "unicode"

// A single unparenthesized import becomes a group.
type Invoice struct { // want `^Invoice is tenant-scoped`
	TenantID string
}

func (i Invoice) Upper() bool { return unicode.IsUpper(rune(i.TenantID[0])) }
