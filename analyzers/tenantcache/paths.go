package tenantcache

import (
	"fmt"
	"strings"

	"github.com/tenantlint/tenantlint/internal/cachekeys"
	"github.com/tenantlint/tenantlint/internal/lint"
)

// withGap says in a finding's message which path of its key lacks the
// tenant, when the key holds it on some paths only (cachekeys.MissingPath:
// with cache.tenant_values): "... is not tenant-scoped; the tenant is
// written into h only inside the if at line 12; wrap it as ...".
func withGap(p *lint.Pass, msg string, scope *cachekeys.FuncScope, keys []cachekeys.Key) string {
	const sep = " not tenant-scoped; "
	for _, k := range keys {
		if k.Shape != cachekeys.KeyPlain {
			continue
		}
		if g, ok := scope.MissingPath(k.Arg); ok {
			return strings.Replace(msg, sep, fmt.Sprintf("%s%s at line %d; ", sep, g.What, p.Fset.Position(g.Pos).Line), 1)
		}
	}
	return msg
}
