package models

import tn "repo_fix_imports/tenant"

// The file imports the repository package under another name: the
// declaration uses that name.
type Refund struct { // want `^Refund is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository; declare one at package level, e.g\. var RefundRepo = tn\.NewRepository\[Refund\]\("refunds"\)$`
	tn.Model
}
