package models

import (
	"container/list"
	"math/bits"

	"repo_fix_imports/other"
)

// The import joins the group it matches best, in sorted position.
type Payment struct { // want `^Payment is tenant-scoped`
	TenantID string
	Amount   other.Money
}

var pending = list.New()

func (p Payment) Bits() int { return bits.OnesCount64(uint64(p.Amount)) }
