package sqlscope

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unsafe"
)

// Tables maps each tenant table's name (as the parser reports it:
// unquoted names are lower case) to its tenant column.
type Tables map[string]string

// Violation is a reference to a tenant table that its statement does not
// constrain by the tenant column.
type Violation struct {
	Stmt string // SELECT, UPDATE, DELETE or INSERT: the (sub)statement holding the reference
	// Prep is how the statement names the table: UPDATE of its target,
	// UPDATE ... from, DELETE from its target, DELETE ... using, SELECT from.
	Prep   string
	Table  string
	Column string
	// Insert: an INSERT whose column list leaves the tenant column out.
	Insert bool
	// Statement is the index of the statement in the text.
	Statement int
	// Ref is how the statement qualifies the table (its alias, else its
	// name): the predicate to add is Ref.Column = the tenant. It is not
	// part of what makes two violations one (see checker.report).
	Ref string
}

// What says what is missing: "SELECT from invoices has no predicate on
// invoices.tenant_id", "INSERT into invoices does not set invoices.tenant_id".
func (v Violation) What() string {
	if v.Insert {
		return fmt.Sprintf("INSERT into %s does not set %s.%s", v.Table, v.Table, v.Column)
	}
	return fmt.Sprintf("%s %s %s has no predicate on %s.%s", v.Stmt, v.Prep, v.Table, v.Table, v.Column)
}

// Does says it in the words of a finding whose tenant value is in scope:
// "DELETE from workers does not filter by it".
func (v Violation) Does() string {
	if v.Insert {
		return fmt.Sprintf("INSERT into %s does not set %s.%s", v.Table, v.Table, v.Column)
	}
	return fmt.Sprintf("%s %s %s does not filter by it", v.Stmt, v.Prep, v.Table)
}

// Result is what Check finds in one query text.
type Result struct {
	Violations []Violation
	// Directives are the comments of the text that may be
	// -- tenantlint:ignore directives, each with the statement it is in.
	Directives []Directive
	// Unknown is set when a statement's condition is a formatted value
	// (WHERE %s): that statement is not judged, and a text without
	// violations counts as unchecked, not constrained.
	Unknown bool
	// Tables are the tenant tables the text names, sorted: those the
	// inventory counts its statements under.
	Tables []string
	// Params is the highest $N parameter number of the text as parsed
	// (? and :name bind variables numbered), so that a predicate to add
	// can name the next one.
	Params int
}

// PlaceholderPrefix starts the identifiers that stand for the values a
// query is formatted with (fmt.Sprintf's verbs): opaque values, which
// count as parameters in a predicate.
const PlaceholderPrefix = "tenantlint_arg_"

// Check parses text and judges every statement in it: each reference to
// a tenant table in a SELECT, UPDATE, DELETE or INSERT ... SELECT (CTEs
// and subqueries included) must be constrained by its tenant column, and
// an INSERT with a column list must list it. Other statements are not
// judged. An error is a text the parser rejects, also with its ? and
// :name bind variables read as $N. A text in which no tenant table's
// name occurs (mayTouch) is not parsed: it has no finding.
func Check(p *Parser, text string, tables Tables) (Result, error) {
	return CheckWith(p, text, tables, Options{})
}

// Options are the settings of the rule beyond the tables.
type Options struct {
	// Keys, when not nil, turns key joins on (sql.propagate: keys): a
	// reference whose column equals a column of a constrained reference,
	// one of the two being its table's key, is constrained (keyEquality);
	// so is one whose column is IN the keys a constrained subquery
	// selects (keyIn), and a CTE of such keys is a constrained reference
	// (keySource, cteRef).
	// It holds each table's key columns, by name or schema.name as
	// sql.tables writes them; a table it does not hold has the key id.
	Keys map[string][]string
	// CompositeKeys are, with key joins on, the primary keys of several
	// columns (a sqlc schema's), by table as Keys names them: a
	// reference whose every key column equals a column of one other
	// reference, each equality a conjunct, is tied to it as by a key
	// join (compositeEqualities). Keys holds such a table with no key
	// of one column (WithPrimaryKeys).
	CompositeKeys map[string][]string
}

// CheckWith is Check with the rule's options.
func CheckWith(p *Parser, text string, tables Tables, o Options) (Result, error) {
	if !mayTouch(text, tables) {
		return Result{}, nil
	}
	stmts, err := p.Parse(text)
	if err != nil {
		// ? and :name bind variables are not PostgreSQL; try them as $N.
		pos, changed := positional(text)
		if !changed {
			return Result{}, unparsable(text, err)
		}
		if stmts, err = p.Parse(pos); err != nil {
			return Result{}, unparsable(text, err)
		}
		text = pos // the statements' locations are in this text
	}
	c := &checker{tables: tables, keys: o.Keys, composite: o.CompositeKeys, seen: map[Violation]bool{}}
	for i, s := range stmts {
		c.statement = i
		c.stmt(s.Node, nil, nil)
	}
	params := 0
	for _, st := range stmts {
		if len(c.out) == 0 {
			break // only a finding's fix names the next parameter
		}
		params = max(params, maxParam(st.Node))
	}
	return Result{Violations: c.out, Directives: directives(text, stmts), Unknown: c.unknown, Tables: slices.Sorted(maps.Keys(c.named)), Params: params}, nil
}

type checker struct {
	tables    Tables
	statement int // the index of the statement being judged
	// unknown: a statement's condition is a formatted value (see
	// unknownCondition); its references are not judged.
	unknown bool
	out     []Violation
	seen    map[Violation]bool
	named   map[string]bool // the tenant tables named (Result.Tables)

	keys      map[string][]string // Options.Keys
	composite map[string][]string // Options.CompositeKeys
	// cteKeys are, with key joins on, the key columns of the CTEs that
	// select keys of constrained rows (keySource), by name.
	cteKeys map[string][]string

	// escaped: a column lookup went past the outermost statement the
	// checker judges (scope.escaped). Judged inside another statement,
	// the lookup might have found that statement's references.
	escaped bool
	// apart are, by node, the statements judged apart with key joins on
	// (constrainedAlone), so that judging one again where it is (a CTE,
	// an IN subquery) takes that judgement over when it is the same
	// (judgedApart) rather than walking the statement twice.
	apart map[unsafe.Pointer]*checker
}

// ref is one reference to a tenant table in a FROM list (or the target
// of an UPDATE or DELETE).
type ref struct {
	table, col string
	name       string // how columns qualify it: its alias, else the table's name
	prep       string // Violation.Prep
	ok         bool   // constrained
	// keys are the table's key columns, when key joins propagate;
	// composite its key of several columns.
	keys, composite []string
}

// scope is one SELECT, UPDATE or DELETE: its references, the conjuncts
// that may constrain them, and the statement around it (for correlated
// subqueries).
type scope struct {
	stmt  string
	refs  []*ref
	conds []any
	edges [][2]*ref // USING and NATURAL joins on a tenant column
	// links are, with key joins on, the FROM items of tables that are
	// not tenant tables: never reported, but a key join may pass through
	// one (agent_config_version v constrained, e.version_id = v.id,
	// p.id = e.element_id: p's rows are those e links to v's).
	links  []*ref
	parent *scope
	// escaped is the checker's checker.escaped, set by a lookup that
	// finds nothing in s and the statements around it.
	escaped *bool
	// names are the CTEs the statement sees; sources counts its FROM
	// items (tables or not, its target included), so that an unqualified
	// column of a statement with one source is known to be its.
	names   ctes
	sources int
}

// ctes are the names of the common table expressions visible to a
// statement: a FROM item of such a name is not a table.
type ctes map[string]bool

func (c ctes) with(name string) ctes {
	out := ctes{name: true}
	for k := range c {
		out[k] = true
	}
	return out
}

// name records that the text names the tenant table.
func (c *checker) name(table string) {
	if c.named == nil {
		c.named = map[string]bool{}
	}
	c.named[table] = true
}

func (c *checker) report(v Violation) {
	v.Statement = c.statement
	key := v
	key.Ref = "" // two aliases of one table are one finding
	if !c.seen[key] {
		c.seen[key] = true
		c.out = append(c.out, v)
	}
}

// stmt judges one statement node ({"SelectStmt": {...}}, ...).
func (c *checker) stmt(n any, names ctes, parent *scope) {
	k, m := unwrap(n)
	if m == nil {
		return
	}
	if c.judgedApart(n, parent) {
		return
	}
	names = c.with(m, names, parent)
	switch k {
	case "SelectStmt":
		c.selectStmt(m, names, parent)
	case "UpdateStmt":
		c.change(m, "UPDATE", "of", "fromClause", "from", names, parent, m["targetList"])
	case "DeleteStmt":
		c.change(m, "DELETE", "from", "usingClause", "using", names, parent)
	case "InsertStmt":
		c.insert(m, names, parent)
	}
}

// change judges an UPDATE or DELETE: the table it changes (named with
// targetPrep), the tables of its FROM or USING list (the list's key and
// preposition), its WHERE, and the subqueries in its expressions.
func (c *checker) change(m map[string]any, stmt, targetPrep, listKey, listPrep string, names ctes, parent *scope, exprs ...any) {
	s := &scope{stmt: stmt, parent: parent, names: names, escaped: &c.escaped}
	c.target(s, m["relation"], names, targetPrep)
	for _, f := range list(m[listKey]) {
		c.from(s, f, names, listPrep)
	}
	s.conds = append(s.conds, conjuncts(m["whereClause"])...)
	c.finish(s)
	c.sublinks(s, names, append(exprs, m["whereClause"], m["returningList"])...)
}

// with judges a statement's WITH clause and returns the names visible to
// the statement. A recursive CTE sees its own name.
func (c *checker) with(m map[string]any, names ctes, parent *scope) ctes {
	_, w := unwrapAs(m["withClause"], "WithClause")
	if w == nil {
		return names
	}
	recursive, _ := w["recursive"].(bool)
	for _, e := range list(w["ctes"]) {
		_, cte := unwrap(e)
		if cte == nil {
			continue
		}
		name, _ := cte["ctename"].(string)
		inner := names
		if recursive {
			inner = names.with(name)
		}
		var keys []string
		if c.keys != nil && !recursive {
			// Before the CTE is judged where it is, which may take
			// this judgement apart over (judgedApart).
			keys = c.keySource(cte["ctequery"], inner)
		}
		c.stmt(cte["ctequery"], inner, parent)
		if c.keys != nil && !recursive {
			if c.cteKeys == nil {
				c.cteKeys = map[string][]string{}
			}
			c.cteKeys[name] = keys
		}
		names = names.with(name)
	}
	return names
}

func (c *checker) selectStmt(m map[string]any, names ctes, parent *scope) {
	if op, _ := m["op"].(string); op != "" && op != "SETOP_NONE" {
		c.stmt(wrap("SelectStmt", m["larg"]), names, parent)
		c.stmt(wrap("SelectStmt", m["rarg"]), names, parent)
		return
	}
	s := &scope{stmt: "SELECT", parent: parent, names: names, escaped: &c.escaped}
	for _, f := range list(m["fromClause"]) {
		c.from(s, f, names, "from")
	}
	s.conds = append(s.conds, conjuncts(m["whereClause"])...)
	c.finish(s)
	c.sublinks(s, names, m["targetList"], m["whereClause"], m["havingClause"], m["valuesLists"], m["fromClause"])
}

// insert judges an INSERT: its column list must name the tenant column of
// a tenant table (a statement without a column list sets every column);
// its SELECT is judged as a statement of its own. ON CONFLICT ... DO
// UPDATE changes only the row the insert conflicts with, in the insert's
// scope.
func (c *checker) insert(m map[string]any, names ctes, parent *scope) {
	if _, rv := unwrapAs(m["relation"], "RangeVar"); rv != nil {
		if table, col, ok := c.tenantTable(rv, names); ok {
			if cols := list(m["cols"]); len(cols) > 0 && !hasColumn(cols, col) {
				c.report(Violation{Stmt: "INSERT", Prep: "into", Table: table, Column: col, Insert: true})
			}
		}
	}
	if sel := m["selectStmt"]; sel != nil {
		c.stmt(sel, names, parent)
	}
}

func hasColumn(cols []any, col string) bool {
	for _, e := range cols {
		if _, rt := unwrap(e); rt != nil {
			if name, _ := rt["name"].(string); name == col {
				return true
			}
		}
	}
	return false
}

// target adds the table an UPDATE or DELETE changes.
func (c *checker) target(s *scope, n any, names ctes, prep string) {
	if _, rv := unwrapAs(n, "RangeVar"); rv != nil {
		s.sources++
		c.rangeVar(s, rv, names, prep)
	}
}

// from adds the tenant tables of one FROM item to s, with the conditions
// of its joins; a subquery in FROM is a statement of its own (LATERAL
// ones see s).
func (c *checker) from(s *scope, n any, names ctes, prep string) []*ref {
	k, m := unwrap(n)
	if k != "JoinExpr" {
		s.sources++
	}
	switch k {
	case "RangeVar":
		if r := c.rangeVar(s, m, names, prep); r != nil {
			return []*ref{r}
		}
		if r := c.cteRef(s, m, names); r != nil {
			return []*ref{r}
		}
	case "JoinExpr":
		left := c.from(s, m["larg"], names, prep)
		right := c.from(s, m["rarg"], names, prep)
		s.conds = append(s.conds, conjuncts(m["quals"])...)
		natural, _ := m["isNatural"].(bool)
		var using map[string]bool
		for _, u := range list(m["usingClause"]) {
			if using == nil {
				using = map[string]bool{}
			}
			using[stringNode(u)] = true
		}
		for _, l := range left {
			for _, r := range right {
				if l.col == r.col && (natural || using[l.col]) {
					s.edges = append(s.edges, [2]*ref{l, r})
				}
			}
		}
		return append(left, right...)
	case "RangeSubselect":
		var outer *scope
		if lateral, _ := m["lateral"].(bool); lateral {
			outer = s
		}
		c.stmt(m["subquery"], names, outer)
	}
	return nil
}

func (c *checker) rangeVar(s *scope, rv map[string]any, names ctes, prep string) *ref {
	table, col, ok := c.tenantTable(rv, names)
	if !ok {
		c.link(s, rv, names)
		return nil
	}
	r := &ref{table: table, col: col, name: refName(rv, table), prep: prep, keys: c.tableKeys(rv, table), composite: c.compositeKey(rv, table)}
	s.refs = append(s.refs, r)
	return r
}

// tenantTable looks a FROM item's table up: by schema.name, then by name.
// A CTE's name is not a table.
func (c *checker) tenantTable(rv map[string]any, names ctes) (table, col string, ok bool) {
	name, _ := rv["relname"].(string)
	schema, _ := rv["schemaname"].(string)
	if schema == "" && names[name] {
		return "", "", false
	}
	if schema != "" {
		if col, ok := c.tables[schema+"."+name]; ok {
			c.name(name)
			return name, col, true
		}
	}
	col, ok = c.tables[name]
	if ok {
		c.name(name)
	}
	return name, col, ok
}

// tableKeys returns the key columns of a FROM item's table when key
// joins propagate (by schema.name, then by name; id for a table
// Options.Keys does not hold), else nil.
func (c *checker) tableKeys(rv map[string]any, table string) []string {
	if c.keys == nil {
		return nil
	}
	if k, ok := byTable(c.keys, rv, table); ok {
		return k
	}
	return []string{"id"}
}

// byTable looks a FROM item's table up in m, by schema.name when the
// item names a schema, then by name, as sql.tables and sql.keys name
// tables.
func byTable(m map[string][]string, rv map[string]any, table string) ([]string, bool) {
	if schema, _ := rv["schemaname"].(string); schema != "" {
		if k, ok := m[schema+"."+table]; ok {
			return k, true
		}
	}
	k, ok := m[table]
	return k, ok
}

// finish decides which references of s are constrained and reports the
// others.
func (c *checker) finish(s *scope) {
	unknown := false
	for _, cond := range s.conds {
		switch {
		case alwaysFalse(cond):
			return // touches no row
		case unknownCondition(cond):
			// The condition may be the tenant's; ANDed with the others
			// it cannot undo theirs: WHERE (%s) AND nid = ? is
			// constrained, WHERE %s alone is not judged.
			unknown = true
		}
	}
	s.conds = append(s.conds, transitive(s.conds)...)
	for _, cond := range s.conds {
		for _, r := range s.direct(cond) {
			r.ok = true
		}
		if r := c.keyIn(s, cond); r != nil {
			r.ok = true
		}
	}
	edges := s.edges
	for _, cond := range s.conds {
		if a, b, ok := s.columnEquality(cond); ok {
			edges = append(edges, [2]*ref{a, b})
		}
		if a, b, ok := s.keyEquality(cond); ok {
			edges = append(edges, [2]*ref{a, b})
		}
	}
	edges = append(edges, s.compositeEqualities()...)
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			if e[0].ok != e[1].ok {
				e[0].ok, e[1].ok = true, true
				changed = true
			}
		}
	}
	for _, r := range s.refs {
		if !r.ok && unknown {
			c.unknown = true
			continue
		}
		if !r.ok {
			c.report(Violation{Stmt: s.stmt, Prep: r.prep, Table: r.table, Column: r.col, Ref: r.name})
		}
	}
}

// direct returns the references of s that a conjunct constrains by
// itself: tenant column = tenant value (isValue), = ANY(tenant value), or
// IN (tenant values), each item one (IN ($1, 'acme') lets the constant's
// tenant in too); for an OR, those that every branch constrains.
func (s *scope) direct(cond any) []*ref {
	k, m := unwrap(cond)
	switch k {
	case "BoolExpr":
		switch m["boolop"] {
		case "AND_EXPR":
			var out []*ref
			for _, a := range list(m["args"]) {
				out = append(out, s.direct(a)...)
			}
			return out
		case "OR_EXPR":
			var common map[*ref]bool
			for _, a := range list(m["args"]) {
				branch := map[*ref]bool{}
				for _, r := range s.direct(a) {
					if common == nil || common[r] {
						branch[r] = true
					}
				}
				common = branch
			}
			var out []*ref
			for _, r := range s.refs {
				if common[r] {
					out = append(out, r)
				}
			}
			return out
		}
	case "A_Expr":
		if op := stringNode(first(list(m["name"]))); op != "=" {
			return nil
		}
		switch m["kind"] {
		case "AEXPR_OP":
			if isValue(m["rexpr"]) {
				return s.local(m["lexpr"])
			}
			if isValue(m["lexpr"]) {
				return s.local(m["rexpr"])
			}
		case "AEXPR_OP_ANY":
			if isValue(m["rexpr"]) {
				return s.local(m["lexpr"])
			}
		case "AEXPR_IN":
			_, l := unwrapAs(m["rexpr"], "List")
			items := list(l["items"])
			if len(items) == 0 {
				return nil
			}
			for _, it := range items {
				if !isValue(it) {
					return nil
				}
			}
			return s.local(m["lexpr"])
		}
	}
	return nil
}

// local returns the references of s (not of the statements around it)
// whose tenant column e names.
func (s *scope) local(e any) []*ref {
	var out []*ref
	for _, r := range s.resolve(e) {
		for _, own := range s.refs {
			if r == own {
				out = append(out, r)
			}
		}
	}
	return out
}

// columnEquality recognises a = b between the tenant columns of two
// references, of s or of the statements around it.
func (s *scope) columnEquality(cond any) (*ref, *ref, bool) {
	k, m := unwrap(cond)
	if k != "A_Expr" || m["kind"] != "AEXPR_OP" || stringNode(first(list(m["name"]))) != "=" {
		return nil, nil, false
	}
	l, r := s.resolve(m["lexpr"]), s.resolve(m["rexpr"])
	if len(l) != 1 || len(r) != 1 {
		return nil, nil, false
	}
	return l[0], r[0], true
}

// resolve returns the references whose tenant column the column
// reference e names: alias.col, table.col or schema.table.col, or a bare
// col (every reference of the innermost statement that has such a tenant
// column: two would be ambiguous unless joined USING it). A name not
// found in s is looked up in the statements around it.
func (s *scope) resolve(e any) []*ref {
	parts := columnParts(e)
	if len(parts) == 0 {
		return nil
	}
	col := parts[len(parts)-1]
	qual := ""
	if len(parts) >= 2 {
		qual = parts[len(parts)-2]
	}
	for sc := s; sc != nil; sc = sc.parent {
		var out []*ref
		for _, r := range sc.refs {
			if r.col == col && (qual == "" || qual == r.name) {
				out = append(out, r)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	s.escape()
	return nil
}

// isValue reports whether e is a tenant value: a value the caller gives
// the statement, which is what the tenant is when a predicate filters by
// it. That is a parameter ($1, possibly cast), a placeholder for a
// formatted value (bare or quoted: '%s'), current_setting(...) (the
// session setting row-level security reads the tenant from), ARRAY[...]
// of tenant values, or a function whose arguments are tenant values and
// constants, at least one of them a tenant value (lower($1)). A constant,
// a function of nothing or of constants (now(), md5('x')) and a column
// are not: tenant_id = now() filters by no tenant anyone chose, and
// tenant_id = 'acme' pins the rows of one tenant whatever the caller's is.
func isValue(e any) bool {
	k, m := unwrap(e)
	switch k {
	case "ParamRef":
		return true
	case "A_Const":
		sv, _ := m["sval"].(map[string]any) // {"sval": {"sval": "text"}}
		text, _ := sv["sval"].(string)
		return isPlaceholder(text)
	case "TypeCast":
		return isValue(m["arg"])
	case "ColumnRef":
		fields := list(m["fields"])
		return len(fields) == 1 && isPlaceholder(stringNode(fields[0]))
	case "A_ArrayExpr":
		elems := list(m["elements"])
		for _, el := range elems {
			if !isValue(el) {
				return false
			}
		}
		return len(elems) > 0
	case "FuncCall":
		if name := list(m["funcname"]); len(name) > 0 && stringNode(name[len(name)-1]) == "current_setting" {
			return true
		}
		some := false
		for _, a := range list(m["args"]) {
			switch {
			case isValue(a):
				some = true
			case !isConst(a):
				return false
			}
		}
		return some
	}
	return false
}

// isConst reports whether e is a constant other than NULL, possibly cast.
func isConst(e any) bool {
	k, m := unwrap(e)
	switch k {
	case "A_Const":
		isnull, _ := m["isnull"].(bool)
		return !isnull
	case "TypeCast":
		return isConst(m["arg"])
	}
	return false
}

// isPlaceholder reports whether s is the identifier that stands for a
// formatted value (PlaceholderPrefix and its number).
func isPlaceholder(s string) bool {
	n, ok := strings.CutPrefix(s, PlaceholderPrefix)
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

// sublinks judges the subqueries in expressions of s, which may refer to
// its references.
func (c *checker) sublinks(s *scope, names ctes, exprs ...any) {
	var walk func(any)
	walk = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			if sl, ok := n["SubLink"].(map[string]any); ok {
				walk(sl["testexpr"])
				c.stmt(sl["subselect"], names, s)
				return
			}
			for k, v := range n {
				if k == "RangeSubselect" || k == "SelectStmt" {
					continue // judged as FROM items or statements
				}
				walk(v)
			}
		case []any:
			for _, v := range n {
				walk(v)
			}
		}
	}
	for _, e := range exprs {
		walk(e)
	}
}

// conjuncts splits a condition into its top-level AND operands.
func conjuncts(n any) []any {
	if n == nil {
		return nil
	}
	k, m := unwrap(n)
	if k == "BoolExpr" && m["boolop"] == "AND_EXPR" {
		var out []any
		for _, a := range list(m["args"]) {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	if eqs, ok := rowEquality(k, m); ok {
		return eqs
	}
	return []any{n}
}

// unwrap returns the type and the fields of a node, {"Type": {...}}.
func unwrap(n any) (string, map[string]any) {
	m, ok := n.(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil
	}
	for k, v := range m {
		inner, _ := v.(map[string]any)
		return k, inner
	}
	return "", nil
}

// unwrapAs returns the fields of a node of type kind, whether it is
// wrapped ({"RangeVar": {...}}) or not (a field whose type is fixed, as
// InsertStmt's relation).
func unwrapAs(n any, kind string) (string, map[string]any) {
	if k, m := unwrap(n); k == kind {
		return k, m
	}
	m, _ := n.(map[string]any)
	if m == nil {
		return "", nil
	}
	if _, wrapped := m[kind]; wrapped {
		return "", nil
	}
	return kind, m
}

// wrap makes a bare node (a set operation's arms) a wrapped one.
func wrap(kind string, n any) any {
	if n == nil {
		return nil
	}
	return map[string]any{kind: n}
}

func list(n any) []any {
	l, _ := n.([]any)
	return l
}

func first(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l[0]
}

// stringNode returns the text of a {"String": {"sval": ...}} node.
func stringNode(n any) string {
	_, m := unwrap(n)
	s, _ := m["sval"].(string)
	return s
}

// maxParam returns the highest ParamRef number in a parse tree.
func maxParam(n any) int {
	best := 0
	switch v := n.(type) {
	case map[string]any:
		if pr, ok := v["ParamRef"].(map[string]any); ok {
			if num, ok := pr["number"].(float64); ok {
				best = int(num)
			}
		}
		for _, c := range v {
			best = max(best, maxParam(c))
		}
	case []any:
		for _, c := range v {
			best = max(best, maxParam(c))
		}
	}
	return best
}
