package config

// Values of cache.report.
const (
	// ReportAll reports every cache call whose string key is not scoped:
	// version 1's rule, the default.
	ReportAll = "all"
	// ReportTenantData reports only the cache calls about tenant data
	// (the value stored or returned is a tenant model, or comes from a
	// tenant-filtered call), whatever their key's type.
	ReportTenantData = "tenant-data"
)

// ReportsTenantData reports whether cache.report is tenant-data.
func (c *Config) ReportsTenantData() bool { return c.Cache.Report.Value == ReportTenantData }

func (c *Config) validateCacheReport() error {
	return c.checkOneOf("cache.report", c.Cache.Report, c.Cache.Report.Value, ReportAll, ReportTenantData)
}
