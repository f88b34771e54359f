package tenant

// A model in the repository package itself: no import, and the
// template's tenant. qualifier is dropped.
type Audit struct { // want `^Audit is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e\.g\. var AuditRepo = NewRepository\[Audit\]\("audits"\)$`
	TenantID string
	Action   string
}

type Session struct { // want `^Session is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository; declare one at package level, e\.g\. var SessionRepo = NewRepository\[Session\]\("sessions"\)$`
	Model
}
