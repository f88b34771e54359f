package initcfg

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/tenantlint/tenantlint/internal/config"
	"github.com/tenantlint/tenantlint/internal/rules"
)

// KeyFuncCandidate is an exported function shaped like a key function:
// func(context.Context, string) string.
type KeyFuncCandidate struct {
	Name     string // qualified: example.com/app/tenant.Key
	Uses     int    // references in the module
	KeyName  bool   // its name says key
	Tenantly bool   // its name or package says tenant, org or scope
	Proposed bool   // written uncommented
}

// Why says what ranks the candidate where it is.
func (k *KeyFuncCandidate) Why() string {
	var why []string
	if k.KeyName {
		why = append(why, "named like a key function")
	}
	if k.Tenantly {
		why = append(why, "in tenant code")
	}
	why = append(why, "used "+plural(k.Uses, "time"))
	return strings.Join(why, ", ")
}

// keyFuncCandidates lists the exported package-level functions of the
// right shape declared in the module's importable packages or used by
// the module from a non-standard package (a shared platform library),
// best first: the name mentions a key, then the name or package mentions
// the tenant, then the most used. The best one is proposed; shape alone
// also matches Translate(ctx, msg), so the ranking favours names.
func keyFuncCandidates(pkgs []*packages.Package) []*KeyFuncCandidate {
	byName := map[string]*KeyFuncCandidate{}
	add := func(fn *types.Func) *KeyFuncCandidate {
		q := qualified(fn)
		c := byName[q]
		if c == nil {
			lower := strings.ToLower(fn.Name())
			c = &KeyFuncCandidate{
				Name:     q,
				KeyName:  strings.Contains(lower, "key"),
				Tenantly: tenantly(lower) || tenantly(strings.ToLower(pathBelowHost(fn.Pkg().Path()))),
			}
			byName[q] = c
		}
		return c
	}
	for _, p := range pkgs {
		if p.Name == "main" {
			continue
		}
		for _, name := range p.Types.Scope().Names() {
			if fn, ok := p.Types.Scope().Lookup(name).(*types.Func); ok && isKeyFunc(fn) {
				add(fn)
			}
		}
	}
	inModule := map[string]bool{}
	for _, p := range pkgs {
		inModule[p.PkgPath] = true
	}
	for _, p := range pkgs {
		for _, obj := range p.TypesInfo.Uses {
			fn, ok := obj.(*types.Func)
			if !ok || !isKeyFunc(fn) || config.StdPackage(fn.Pkg().Path()) {
				continue
			}
			if _, declared := byName[qualified(fn)]; !declared && inModule[fn.Pkg().Path()] {
				continue // declared in a main package of the module
			}
			add(fn).Uses++
		}
	}
	out := make([]*KeyFuncCandidate, 0, len(byName))
	for _, c := range byName {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.KeyName != b.KeyName {
			return a.KeyName
		}
		if a.Tenantly != b.Tenantly {
			return a.Tenantly
		}
		if a.Uses != b.Uses {
			return a.Uses > b.Uses
		}
		return a.Name < b.Name
	})
	if len(out) > 0 {
		out[0].Proposed = true
	}
	return out
}

// pathBelowHost drops the first element of an import path: a module
// hosted at example.org says nothing about organizations.
func pathBelowHost(path string) string {
	if _, rest, ok := strings.Cut(path, "/"); ok {
		return rest
	}
	return path
}

func tenantly(s string) bool {
	for _, w := range []string{"tenant", "org", "scope"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isKeyFunc reports whether fn is an exported package-level function of
// the shape cache.key_func requires.
func isKeyFunc(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() != nil || fn.Pkg() == nil || !ast.IsExported(fn.Name()) {
		return false
	}
	return rules.IsKeyFuncSignature(sig)
}
