package sqlscope

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"unsafe"
)

// transitive returns the conjuncts that equality with a bound column
// implies: for `a = b` between two columns and `b = $1` (or `b IN ($1,
// $2)`, `b = ANY($1)`), the conjunct `a = $1`. So
// `JOIN organizations ON organizations.id = users.org_id WHERE
// organizations.id IN (?)` constrains users by its tenant column, as
// SigNoz's token store writes it. One step: a chain of such equalities
// is followed no further.
func transitive(conds []any) []any {
	var out []any
	for _, c := range conds {
		k, m := unwrap(c)
		if k != "A_Expr" || m["kind"] != "AEXPR_OP" || stringNode(first(list(m["name"]))) != "=" {
			continue
		}
		l, r := columnName(m["lexpr"]), columnName(m["rexpr"])
		if l == "" || r == "" || l == r {
			continue
		}
		for _, d := range conds {
			if b := rebind(d, r, m["lexpr"]); b != nil {
				out = append(out, b)
			}
			if b := rebind(d, l, m["rexpr"]); b != nil {
				out = append(out, b)
			}
		}
	}
	return out
}

// rebind returns the conjunct d, which compares the column named col
// with values (=, IN, = ANY), with to in the column's place; nil when d
// is no such conjunct.
func rebind(d any, col string, to any) any {
	k, m := unwrap(d)
	if k != "A_Expr" || stringNode(first(list(m["name"]))) != "=" {
		return nil
	}
	valueSide := func(e any) bool {
		if m["kind"] != "AEXPR_IN" {
			return isValue(e)
		}
		_, l := unwrapAs(e, "List")
		items := list(l["items"])
		for _, it := range items {
			if !isValue(it) {
				return false
			}
		}
		return len(items) > 0
	}
	swapped := maps.Clone(m)
	switch {
	case columnName(m["lexpr"]) == col && valueSide(m["rexpr"]):
		swapped["lexpr"] = to
	case m["kind"] == "AEXPR_OP" && columnName(m["rexpr"]) == col && isValue(m["lexpr"]):
		swapped["rexpr"] = to
	default:
		return nil
	}
	return map[string]any{"A_Expr": swapped}
}

// columnName is a column reference's dotted name ("" for anything
// else, and for a formatted value's placeholder): casts removed, so
// `o.id::text` is "o.id".
func columnName(e any) string {
	parts := columnParts(e)
	if len(parts) == 0 || strings.HasPrefix(parts[len(parts)-1], PlaceholderPrefix) {
		return ""
	}
	return strings.Join(parts, ".")
}

// columnParts returns the names of a column reference, casts removed
// (`o.id::text` is o, id); nil for anything else, a * included.
func columnParts(e any) []string {
	for e != nil {
		k, m := unwrap(e)
		if k != "TypeCast" {
			break
		}
		e = m["arg"]
	}
	_, cr := unwrapAs(e, "ColumnRef")
	if cr == nil {
		return nil
	}
	var parts []string
	for _, f := range list(cr["fields"]) {
		name := stringNode(f)
		if name == "" {
			return nil // a *
		}
		parts = append(parts, name)
	}
	return parts
}

// keyEquality recognises a key join, with key joins on (Options.Keys):
// a = b between columns of two references (of s or of the statements
// around it), each qualified by its reference's alias or table name,
// where at least one of the two columns is its table's key. Either way
// the rows are tied by a foreign key to a key: `l.invoice_id = i.id` (the
// line belongs to invoice i) and `i.id = l.invoice_id` (i is the invoice
// of line l) alike. So the tenant of one is the other's when the schema
// makes a foreign key point at a row of the same tenant; the user says
// so by turning key joins on. Unqualified columns are not judged: which
// table's id an `id` is cannot be told without the tables' columns.
func (s *scope) keyEquality(cond any) (*ref, *ref, bool) {
	k, m := unwrap(cond)
	if k != "A_Expr" || m["kind"] != "AEXPR_OP" || stringNode(first(list(m["name"]))) != "=" {
		return nil, nil, false
	}
	l, lcol := s.qualified(m["lexpr"])
	r, rcol := s.qualified(m["rexpr"])
	if l == nil || r == nil || l == r {
		return nil, nil, false
	}
	if slices.Contains(l.keys, lcol) || slices.Contains(r.keys, rcol) {
		return l, r, true
	}
	return nil, nil, false
}

// qualified returns the reference that a qualified column reference e
// (alias.col, table.col, schema.table.col; casts removed) names, looked
// up in s and then in the statements around it, and the column; nil
// for anything else, and when two references have the name.
func (s *scope) qualified(e any) (*ref, string) {
	parts := columnParts(e)
	if len(parts) < 2 {
		return nil, ""
	}
	qual, col := parts[len(parts)-2], parts[len(parts)-1]
	for sc := s; sc != nil; sc = sc.parent {
		var found []*ref
		for _, rs := range [2][]*ref{sc.refs, sc.links} {
			for _, r := range rs {
				if r.name == qual {
					found = append(found, r)
				}
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], col
		}
		return nil, ""
	}
	s.escape()
	return nil, ""
}

// escape records that a lookup found nothing in s and the statements
// around it (checker.escaped).
func (s *scope) escape() {
	if s.escaped != nil {
		*s.escaped = true
	}
}

// refName is how columns qualify a FROM item: its alias, else its
// table's name.
func refName(rv map[string]any, table string) string {
	if _, a := unwrapAs(rv["alias"], "Alias"); a != nil {
		if alias, _ := a["aliasname"].(string); alias != "" {
			return alias
		}
	}
	return table
}

// keyIn recognises a key semi-join, with key joins on (Options.Keys):
// `r.c IN (SELECT k FROM t WHERE ...)` (or `= ANY (SELECT ...)`) where
// the subquery reads one tenant table, t, and is constrained by itself,
// and c is r's key or k is t's: r's rows are those of constrained rows
// by key, as in a key join. It returns r, a reference of s; nil for
// anything else. The column c may be unqualified when s has one source.
func (c *checker) keyIn(s *scope, cond any) *ref {
	if c.keys == nil {
		return nil
	}
	k, m := unwrap(cond)
	if k != "SubLink" || m["subLinkType"] != "ANY_SUBLINK" {
		return nil
	}
	if op := list(m["operName"]); len(op) > 0 && (len(op) != 1 || stringNode(op[0]) != "=") {
		return nil
	}
	r, col := s.qualified(m["testexpr"])
	if r == nil {
		parts := columnParts(m["testexpr"])
		if len(parts) != 1 || s.sources != 1 || len(s.refs) != 1 {
			return nil
		}
		r, col = s.refs[0], parts[0]
	}
	if !slices.Contains(s.refs, r) {
		return nil // a column of a statement around s
	}
	_, sel := unwrapAs(m["subselect"], "SelectStmt")
	if sel == nil || (sel["op"] != nil && sel["op"] != "SETOP_NONE") {
		return nil
	}
	from, targets := list(sel["fromClause"]), list(sel["targetList"])
	if len(from) != 1 || len(targets) != 1 {
		return nil
	}
	_, rt := unwrapAs(targets[0], "ResTarget")
	if rt == nil {
		return nil
	}
	parts := columnParts(rt["val"])
	if len(parts) == 0 {
		return nil
	}
	keys, source := c.selectedKeys(from[0], s.names)
	if source == "" || (len(parts) >= 2 && parts[len(parts)-2] != source) {
		return nil // not a column of the subquery's FROM item
	}
	if !slices.Contains(r.keys, col) && !slices.Contains(keys, parts[len(parts)-1]) {
		return nil
	}
	// The subquery must be constrained by itself: judged apart, silently
	// (it is judged again, and reported, as a subquery of s).
	if !c.constrainedAlone(m["subselect"], s.names) {
		return nil
	}
	return r
}

// constrainedAlone reports whether query, judged apart and silently by a
// checker of its own, has no violation and no formatted condition. The
// judgement is kept for judgedApart.
func (c *checker) constrainedAlone(query any, names ctes) bool {
	sub := &checker{tables: c.tables, keys: c.keys, composite: c.composite, seen: map[Violation]bool{}, statement: c.statement}
	sub.stmt(query, names, nil)
	if m, ok := query.(map[string]any); ok {
		if c.apart == nil {
			c.apart = map[unsafe.Pointer]*checker{}
		}
		c.apart[reflect.ValueOf(m).UnsafePointer()] = sub
	}
	return len(sub.out) == 0 && !sub.unknown
}

// judgedApart takes over the judgement of the statement n that
// constrainedAlone made, when judging it here (in the statements around
// parent, with the CTE keys known so far) would make the same: no CTE
// of keys is known (the one apart knew none), and n's lookups found
// everything inside n or parent is nil (apart, it had no statement
// around it). Its findings, the tables it names, its unknown condition
// and the CTE keys of its own WITH are then this checker's, as if it had
// judged n itself.
func (c *checker) judgedApart(n any, parent *scope) bool {
	m, ok := n.(map[string]any)
	if !ok || len(c.apart) == 0 {
		return false
	}
	for _, keys := range c.cteKeys {
		if len(keys) > 0 {
			return false // cteRef would see them
		}
	}
	sub := c.apart[reflect.ValueOf(m).UnsafePointer()]
	if sub == nil || sub.escaped && parent != nil {
		return false
	}
	for _, v := range sub.out {
		c.report(v)
	}
	for t := range sub.named {
		c.name(t)
	}
	c.unknown = c.unknown || sub.unknown
	c.escaped = c.escaped || sub.escaped
	for name, keys := range sub.cteKeys {
		if c.cteKeys == nil {
			c.cteKeys = map[string][]string{}
		}
		c.cteKeys[name] = keys
	}
	return true
}

// selectedKeys returns the key columns of the FROM item of a key
// semi-join's subquery, and the name that qualifies its columns: a
// tenant table's keys, or the keys of constrained rows that a derived
// table selects (`IN (SELECT id FROM (SELECT id FROM sessions WHERE nid
// = ? LIMIT ?) AS s)`, Kratos's way of limiting an UPDATE; keySource).
// "" when the item is neither.
func (c *checker) selectedKeys(item any, names ctes) ([]string, string) {
	switch k, m := unwrap(item); k {
	case "RangeVar":
		table, _, ok := c.tenantTable(m, names)
		if !ok {
			return nil, ""
		}
		return c.tableKeys(m, table), refName(m, table)
	case "RangeSubselect":
		return c.derivedKeys(m, names)
	}
	return nil, ""
}

// derivedKeys returns the keys of constrained rows that a derived table
// (FROM (SELECT ...) AS alias) selects, and its alias.
func (c *checker) derivedKeys(rs map[string]any, names ctes) ([]string, string) {
	_, a := unwrapAs(rs["alias"], "Alias")
	alias, _ := a["aliasname"].(string)
	keys := c.keySource(rs["subquery"], names)
	if alias == "" || len(keys) == 0 {
		return nil, ""
	}
	return keys, alias
}

// keySource returns the output columns of a CTE's query that are keys
// of constrained rows: the query is a SELECT of one tenant table,
// constrained by itself, and a column it selects (under its own name or
// an alias) is the table's key. nil for any other query.
func (c *checker) keySource(query any, names ctes) []string {
	_, sel := unwrapAs(query, "SelectStmt")
	if sel == nil || (sel["op"] != nil && sel["op"] != "SETOP_NONE") {
		return nil
	}
	from := list(sel["fromClause"])
	if len(from) != 1 {
		return nil
	}
	_, rv := unwrapAs(from[0], "RangeVar")
	if rv == nil {
		return nil
	}
	table, _, ok := c.tenantTable(rv, names)
	if !ok {
		return nil
	}
	if !c.constrainedAlone(query, names) {
		return nil
	}
	keys := c.tableKeys(rv, table)
	var out []string
	for _, t := range list(sel["targetList"]) {
		_, rt := unwrapAs(t, "ResTarget")
		parts := columnParts(rt["val"])
		if len(parts) == 0 || (len(parts) >= 2 && parts[len(parts)-2] != refName(rv, table)) {
			continue
		}
		col := parts[len(parts)-1]
		if !slices.Contains(keys, col) {
			continue
		}
		name, _ := rt["name"].(string)
		if name == "" {
			name = col
		}
		out = append(out, name)
	}
	return out
}

// cteRef adds to s, with key joins on, a FROM item that names a CTE
// selecting keys of constrained rows (keySource): a reference that is
// constrained, with those keys, so that a key join to it constrains
// (`UPDATE sessions ... FROM found WHERE sessions.id = found.id`). It
// has no tenant column: nothing compares one with it.
func (c *checker) cteRef(s *scope, rv map[string]any, names ctes) *ref {
	name, _ := rv["relname"].(string)
	if schema, _ := rv["schemaname"].(string); schema != "" || !names[name] || len(c.cteKeys[name]) == 0 {
		return nil
	}
	r := &ref{table: name, name: refName(rv, name), ok: true, keys: c.cteKeys[name]}
	s.refs = append(s.refs, r)
	return r
}

// link adds to s, with key joins on, a FROM item of a table that is not
// a tenant table (nor a CTE): a reference a key join may pass through
// (scope.links), with the table's keys.
func (c *checker) link(s *scope, rv map[string]any, names ctes) {
	name, _ := rv["relname"].(string)
	if c.keys == nil || name == "" {
		return
	}
	if schema, _ := rv["schemaname"].(string); schema == "" && names[name] {
		return
	}
	s.links = append(s.links, &ref{table: name, name: refName(rv, name), keys: c.tableKeys(rv, name), composite: c.compositeKey(rv, name)})
}

// compositeKey returns the key of several columns of a FROM item's table
// (Options.CompositeKeys, by schema.name then by name) when key joins
// propagate, else nil.
func (c *checker) compositeKey(rv map[string]any, table string) []string {
	if c.keys == nil {
		return nil
	}
	k, _ := byTable(c.composite, rv, table)
	return k
}

// compositeEqualities returns the key joins of s on keys of several
// columns: a reference r (of s or a link) with such a key, and another
// reference o (of s or of the statements around it) such that every
// column of r's key equals a column of o, each in a conjunct of its own
// (`t.id = l.task_id AND t.inserted_at = l.inserted_at` with PRIMARY KEY
// (id, inserted_at)): the row of r is the one o's row points at, as in
// a key join on one column. A part of the key (t.id alone) ties nothing:
// two rows may share it.
func (s *scope) compositeEqualities() [][2]*ref {
	var out [][2]*ref
	for _, rs := range [2][]*ref{s.refs, s.links} {
		for _, r := range rs {
			if len(r.composite) == 0 {
				continue
			}
			// covered[o] are the key columns of r equal to a column of o.
			covered := map[*ref]map[string]bool{}
			for _, cond := range s.conds {
				k, m := unwrap(cond)
				if k != "A_Expr" || m["kind"] != "AEXPR_OP" || stringNode(first(list(m["name"]))) != "=" {
					continue
				}
				l, lcol := s.qualified(m["lexpr"])
				o, ocol := s.qualified(m["rexpr"])
				if o == r {
					l, lcol, o, ocol = o, ocol, l, lcol
				}
				if l != r || o == nil || o == r || !slices.Contains(r.composite, lcol) || ocol == "" {
					continue
				}
				if covered[o] == nil {
					covered[o] = map[string]bool{}
				}
				covered[o][lcol] = true
			}
			for o, cols := range covered {
				if len(cols) == len(r.composite) {
					out = append(out, [2]*ref{r, o})
				}
			}
		}
	}
	return out
}
