package initcfg

import (
	"fmt"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// knownFields are the field names that usually hold the tenant of a row,
// matched in any case (TenantId, tenantID). Their order breaks ties
// between equally common fields. NetworkID is Ory's spelling in Keto
// (NetworkID uuid.UUID with the tag db:"nid"), where Kratos writes NID.
var knownFields = []string{
	"TenantID", "TenantUUID", "OrgID", "OrganizationID", "OrganisationID",
	"AccountID", "WorkspaceID", "NID", "NetworkID", "InstanceID", "ProjectID", "TeamID",
	"CustomerID",
}

// knownSuffixes, lower-cased, catch the prefixed forms: ParentTenantID,
// OwnerOrgID.
var knownSuffixes = []string{"tenantid", "orgid"}

// tenantFieldRank returns the tie-break rank of a field name and whether
// it looks like a tenant field at all.
func tenantFieldRank(name string) (int, bool) {
	for i, k := range knownFields {
		if strings.EqualFold(name, k) {
			return i, true
		}
	}
	lower := strings.ToLower(name)
	for _, s := range knownSuffixes {
		if strings.HasSuffix(lower, s) {
			return len(knownFields), true
		}
	}
	return 0, false
}

// FieldCandidate is a field name that may hold the tenant.
type FieldCandidate struct {
	Name     string
	Carriers []string       // structs that have it, declared or promoted (pkg.Name), sorted
	Declared int            // how many of them declare it themselves
	Types    map[string]int // the field's type as written (pkg.Name) → declarations
	Tag      string         // the struct tag entries every declaration shares, e.g. db:"tenant_id"
	Proposed bool           // written uncommented
	// Column is the tag text that marks the declarations that are table
	// columns (db:"nid", bun:"org_id), when most declarations carry it and
	// some do not: those are request or response bodies, not rows, and the
	// proposal says models.fields {name, tag}. "" when it separates nothing.
	Column     string
	ColumnDecl int // declarations that carry Column

	rank     int
	carriers map[*types.TypeName]bool
}

// TypeText is the field's type, or its types with counts when the
// declarations disagree.
func (c *FieldCandidate) TypeText() string {
	names := make([]string, 0, len(c.Types))
	for t := range c.Types {
		names = append(names, t)
	}
	sort.Strings(names)
	if len(names) == 1 {
		return names[0]
	}
	for i, t := range names {
		names[i] = fmt.Sprintf("%s (%d)", t, c.Types[t])
	}
	return strings.Join(names, " or ")
}

// fieldDecl is one struct's access to a field: the field and whether it
// is promoted from an embedded struct.
type fieldDecl struct {
	v        *types.Var
	tag      string
	promoted bool
}

// structFields maps the field names of st, declared or promoted through
// embedded structs (by value or pointer, as the tenantrepo rule sees
// them), to the field. A shallower field hides a deeper one, as in Go.
func structFields(st *types.Struct) map[string]fieldDecl {
	out := map[string]fieldDecl{}
	seen := map[*types.Struct]bool{}
	level := []*types.Struct{st}
	for depth := 0; len(level) > 0; depth++ {
		var next []*types.Struct
		found := map[string]fieldDecl{}
		for _, s := range level {
			if seen[s] {
				continue
			}
			seen[s] = true
			for i := 0; i < s.NumFields(); i++ {
				f := s.Field(i)
				if _, hidden := out[f.Name()]; !hidden && !f.Embedded() {
					found[f.Name()] = fieldDecl{v: f, tag: s.Tag(i), promoted: depth > 0}
				}
				if f.Embedded() {
					if inner, ok := embeddedStruct(f.Type()); ok {
						next = append(next, inner)
					}
				}
			}
		}
		for name, d := range found {
			out[name] = d
		}
		level = next
	}
	return out
}

// embeddedStruct returns the struct type of an embedded field T or *T.
func embeddedStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// fieldCandidates ranks the tenant-looking field names by how many module
// structs carry them. The most common one is proposed, with the other
// spellings of the same name (TenantID and TenantId): they are one
// concept written two ways.
func fieldCandidates(structs []structType) []*FieldCandidate {
	byName := map[string]*FieldCandidate{}
	tags := map[string][]string{}
	for _, s := range structs {
		for name, d := range structFields(s.st) {
			rank, ok := tenantFieldRank(name)
			if !ok || !d.v.Exported() {
				continue // an unexported field is no column: ORMs and encoders skip it
			}
			c := byName[name]
			if c == nil {
				c = &FieldCandidate{Name: name, Types: map[string]int{}, rank: rank, carriers: map[*types.TypeName]bool{}}
				byName[name] = c
			}
			c.Carriers = append(c.Carriers, s.short())
			c.carriers[s.obj] = true
			if !d.promoted {
				c.Declared++
				c.Types[typeText(d.v.Type())]++
				tags[name] = append(tags[name], d.tag)
			}
		}
	}
	out := make([]*FieldCandidate, 0, len(byName))
	for name, c := range byName {
		sort.Strings(c.Carriers)
		c.Tag = commonTag(tags[name])
		c.Column, c.ColumnDecl = columnTag(tags[name])
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Carriers) != len(b.Carriers) {
			return len(a.Carriers) > len(b.Carriers)
		}
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		return a.Name < b.Name
	})
	for _, c := range out {
		c.Proposed = strings.EqualFold(c.Name, out[0].Name)
	}
	return out
}

// typeText writes t qualified by package names: string, uuid.UUID.
func typeText(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// carrierSet is every struct that carries some candidate field.
func carrierSet(fields []*FieldCandidate) map[*types.TypeName]bool {
	out := map[*types.TypeName]bool{}
	for _, c := range fields {
		for obj := range c.carriers {
			out[obj] = true
		}
	}
	return out
}

// proposedCarriers is every struct that the proposed fields make
// tenant-scoped.
func proposedCarriers(fields []*FieldCandidate) map[*types.TypeName]bool {
	out := map[*types.TypeName]bool{}
	for _, c := range fields {
		if c.Proposed {
			for obj := range c.carriers {
				out[obj] = true
			}
		}
	}
	return out
}

// columnKeys are the struct tag keys that name a table column (sqlx and
// pop, bun, go-pg, plain database/sql helpers).
var columnKeys = []string{"db", "bun", "pg", "sql"}

// columnTag returns the tag text that the most declarations share as a
// column (key:"column, with the closing quote when no declaration adds
// options), and how many carry it, when at least two and more than half
// do but not all: the others are not rows.
func columnTag(tags []string) (string, int) {
	type col struct{ key, name string }
	count := map[col]int{}
	exact := map[col]bool{}
	for _, t := range tags {
		for _, kv := range tagEntries(t) {
			if !slices.Contains(columnKeys, kv[0]) {
				continue
			}
			name, _, hasOpts := strings.Cut(kv[1], ",")
			if name == "" || name == "-" {
				continue
			}
			c := col{kv[0], name}
			if count[c] == 0 {
				exact[c] = true
			}
			count[c]++
			exact[c] = exact[c] && !hasOpts
			break
		}
	}
	var best col
	for c, n := range count {
		if n > count[best] || n == count[best] && (c.key+c.name < best.key+best.name) {
			best = c
		}
	}
	n := count[best]
	if n < 2 || n*2 <= len(tags) || n == len(tags) {
		return "", 0
	}
	text := best.key + `:"` + best.name
	if exact[best] {
		text += `"`
	}
	return text, n
}

// commonTag returns the key:"value" entries found, identical, in every
// tag of tags, in the order of the first tag.
func commonTag(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	var common []string
	for _, kv := range tagEntries(tags[0]) {
		shared := true
		for _, t := range tags[1:] {
			if !containsEntry(tagEntries(t), kv) {
				shared = false
				break
			}
		}
		if shared {
			common = append(common, kv[0]+":"+strconv.Quote(kv[1]))
		}
	}
	return strings.Join(common, " ")
}

func containsEntry(entries [][2]string, kv [2]string) bool {
	for _, e := range entries {
		if e == kv {
			return true
		}
	}
	return false
}

// tagEntries splits a struct tag in the conventional format into its
// key/value pairs, as reflect.StructTag.Lookup reads them; it stops at the
// first malformed entry.
func tagEntries(tag string) [][2]string {
	var out [][2]string
	for tag != "" {
		tag = strings.TrimLeft(tag, " ")
		i := 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			break
		}
		value, err := strconv.Unquote(tag[:i+1])
		if err != nil {
			break
		}
		out = append(out, [2]string{name, value})
		tag = tag[i+1:]
	}
	return out
}
