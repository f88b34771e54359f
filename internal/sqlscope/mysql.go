package sqlscope

import (
	"fmt"
	"reflect"
	"strings"

	"vitess.io/vitess/go/vt/sqlparser"
)

// MySQL's front end: vitess's parser (vitess.io/vitess/go/vt/sqlparser,
// pure Go), whose tree is translated into the shape of libpg_query's
// JSON tree, map[string]any with the node kinds and keys the rule reads
// (SelectStmt, RangeVar, JoinExpr, A_Expr, BoolExpr, ColumnRef, ParamRef,
// SubLink, InsertStmt, UpdateStmt, DeleteStmt, WithClause, ...). So the
// rule is one: what constrains a reference is decided by rule.go for
// both grammars. What the rule does not read becomes an opaque node
// (MySQLNode) that keeps the subqueries inside it, which the rule judges
// wherever they are.
//
// The values are those encoding/json gives PostgreSQL's trees (string,
// bool, []any, map[string]any), so the two front ends' trees compare
// alike.
//
// MySQL's forms in pg_query's terms:
//   - ? and :name bind variables are ParamRef (vitess numbers ? as :v1,
//     :v2, ...), `IN ::list` (a list bind variable) is = ANY(param), and
//     so is $N, which MySQL would read as a column's name;
//   - backtick-quoted names are names; table, alias and column names are
//     folded to lower case, as PostgreSQL folds unquoted ones (MySQL's
//     columns and aliases are case-insensitive, and the tables' names
//     the configuration gives are lower case);
//   - INSERT ... ON DUPLICATE KEY UPDATE is ON CONFLICT DO UPDATE (the
//     insert's scope), REPLACE INTO is an INSERT, INSERT ... SET is an
//     INSERT with a column list;
//   - a multi-table UPDATE (UPDATE a JOIN b ON ... SET ...) and DELETE
//     (DELETE a FROM a JOIN b ...) list every table of their FROM, joins
//     and all: one plain table is the target (UPDATE of, DELETE from),
//     several are a FROM list (UPDATE from, DELETE using);
//   - @variables (a session's user variable, set per connection like
//     the setting PostgreSQL's row-level security reads) are
//     current_setting(...), a tenant value.

// mysqlParser is vitess's parser for the MySQL version it defaults to;
// it holds only that version, so one per parse costs nothing.
func mysqlParser() (*sqlparser.Parser, error) {
	return sqlparser.New(sqlparser.Options{})
}

// parseMySQL parses text's statements (split at the semicolons the
// tokenizer sees, so not at those in strings and comments) and
// translates each tree.
func parseMySQL(text string) ([]Stmt, error) {
	p, err := mysqlParser()
	if err != nil {
		return nil, fmt.Errorf("creating the MySQL parser: %w", err)
	}
	var out []Stmt
	for _, piece := range splitMySQL(p, text) {
		st, err := p.Parse(text[piece.Loc : piece.Loc+piece.Len])
		if err != nil {
			return nil, fmt.Errorf("%s", strings.TrimSpace(err.Error()))
		}
		if piece.Loc+piece.Len == len(text) {
			piece.Len = 0 // to the end, as libpg_query says of the last statement
		}
		piece.Node = mysqlStmt(st)
		out = append(out, piece)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no statement")
	}
	return out, nil
}

// splitMySQL returns where text's statements are: each from just after
// the semicolon before it (as libpg_query's stmt_location) to its own
// semicolon, without it; statements of nothing but comments are left
// out.
func splitMySQL(p *sqlparser.Parser, text string) []Stmt {
	var out []Stmt
	tok := p.NewStringTokenizer(text)
	begin, empty := 0, true
	for {
		typ, _ := tok.Scan()
		switch typ {
		case ';':
			end := tok.Pos - 1
			if !empty {
				out = append(out, Stmt{Loc: begin, Len: end - begin})
			}
			begin, empty = tok.Pos, true
		case 0, 0x100: // the end of the text (0x100: the tokenizer's eofChar)
			if !empty && begin < len(text) {
				out = append(out, Stmt{Loc: begin, Len: len(text) - begin})
			}
			return out
		case sqlparser.COMMENT:
		default:
			empty = false
		}
		if tok.LastError != nil {
			// Let the parser say what is wrong with the whole text.
			return []Stmt{{Loc: 0, Len: len(text)}}
		}
	}
}

type node = map[string]any

func wrapped(kind string, fields node) node { return node{kind: fields} }

func str(s string) node { return wrapped("String", node{"sval": s}) }

// MySQLNode is the kind of the opaque nodes: a statement or expression
// the rule does not read, with the subqueries in it (its "args").
const MySQLNode = "MySQLNode"

// mysqlStmt translates one statement; one the rule does not judge (DDL,
// SET, ...) is opaque.
func mysqlStmt(st sqlparser.Statement) any {
	switch s := st.(type) {
	case *sqlparser.Select, *sqlparser.Union, *sqlparser.ValuesStatement:
		return mysqlSelect(s.(sqlparser.TableStatement))
	case *sqlparser.Insert:
		return mysqlInsert(s)
	case *sqlparser.Update:
		return mysqlUpdate(s)
	case *sqlparser.Delete:
		return mysqlDelete(s)
	}
	return opaque(st)
}

// mysqlSelect translates a SELECT, a UNION or a VALUES statement into a
// wrapped SelectStmt.
func mysqlSelect(ts sqlparser.TableStatement) any {
	return wrapped("SelectStmt", selectFields(ts))
}

// selectFields is a SelectStmt's fields, bare (a set operation's arms
// are bare in libpg_query's tree).
func selectFields(ts sqlparser.TableStatement) node {
	switch s := ts.(type) {
	case *sqlparser.Select:
		m := node{"op": "SETOP_NONE"}
		withClause(m, s.With)
		if len(s.From) > 0 {
			m["fromClause"] = fromList(s.From)
		}
		if s.Where != nil {
			m["whereClause"] = expr(s.Where.Expr)
		}
		if s.Having != nil {
			m["havingClause"] = expr(s.Having.Expr)
		}
		var targets []any
		if s.SelectExprs != nil {
			for _, se := range s.SelectExprs.Exprs {
				if ae, ok := se.(*sqlparser.AliasedExpr); ok {
					targets = append(targets, wrapped("ResTarget", node{"val": expr(ae.Expr)}))
				}
			}
		}
		// GROUP BY, ORDER BY and LIMIT are not read by the rule, as
		// PostgreSQL's groupClause and sortClause are not.
		if targets != nil {
			m["targetList"] = targets
		}
		return m
	case *sqlparser.Union:
		m := node{"op": "SETOP_UNION", "larg": selectFields(s.Left), "rarg": selectFields(s.Right)}
		withClause(m, s.With)
		return m
	case *sqlparser.ValuesStatement:
		m := node{"op": "SETOP_NONE"}
		withClause(m, s.With)
		if rows := valuesLists(s.Rows); rows != nil {
			m["valuesLists"] = rows
		}
		return m
	}
	return node{"op": "SETOP_NONE", "targetList": []any{opaque(ts)}}
}

func valuesLists(rows sqlparser.Values) []any {
	var out []any
	for _, row := range rows {
		out = append(out, wrapped("List", node{"items": exprs(row)}))
	}
	return out
}

func withClause(m node, w *sqlparser.With) {
	if w == nil || len(w.CTEs) == 0 {
		return
	}
	var ctes []any
	for _, cte := range w.CTEs {
		ctes = append(ctes, wrapped("CommonTableExpr", node{
			"ctename":  lower(cte.ID.String()),
			"ctequery": mysqlSelect(cte.Subquery),
		}))
	}
	m["withClause"] = node{"recursive": w.Recursive, "ctes": ctes}
}

// mysqlInsert translates INSERT and REPLACE: the table, the column list
// (INSERT ... SET's too), the rows (VALUES or a SELECT), and ON
// DUPLICATE KEY UPDATE as PostgreSQL's ON CONFLICT DO UPDATE.
func mysqlInsert(s *sqlparser.Insert) any {
	m := node{}
	if s.Table != nil {
		if tn, ok := s.Table.Expr.(sqlparser.TableName); ok {
			m["relation"] = rangeVarFields(tn, s.Table.As)
		}
	}
	if len(s.Columns) > 0 {
		var cols []any
		for _, c := range s.Columns {
			cols = append(cols, wrapped("ResTarget", node{"name": lower(c.String())}))
		}
		m["cols"] = cols
	}
	switch rows := s.Rows.(type) {
	case sqlparser.Values:
		m["selectStmt"] = wrapped("SelectStmt", node{"op": "SETOP_NONE", "valuesLists": valuesLists(rows)})
	case sqlparser.TableStatement:
		m["selectStmt"] = mysqlSelect(rows)
	}
	if len(s.OnDup) > 0 {
		m["onConflictClause"] = node{"action": "ONCONFLICT_UPDATE", "targetList": setList(sqlparser.UpdateExprs(s.OnDup))}
	}
	return wrapped("InsertStmt", m)
}

func setList(us sqlparser.UpdateExprs) []any {
	var out []any
	for _, u := range us {
		out = append(out, wrapped("ResTarget", node{"name": lower(u.Name.Name.String()), "val": expr(u.Expr)}))
	}
	return out
}

// mysqlUpdate translates UPDATE: one plain table is the statement's
// target, the tables of a multi-table UPDATE its FROM list.
func mysqlUpdate(s *sqlparser.Update) any {
	m := node{}
	withClause(m, s.With)
	target(m, s.TableExprs, "fromClause")
	if s.Where != nil {
		m["whereClause"] = expr(s.Where.Expr)
	}
	if t := setList(s.Exprs); t != nil {
		m["targetList"] = t
	}
	return wrapped("UpdateStmt", m)
}

// mysqlDelete translates DELETE: one plain table is the statement's
// target, the tables of a multi-table DELETE (DELETE a FROM a JOIN b,
// DELETE FROM a USING a JOIN b) its USING list.
func mysqlDelete(s *sqlparser.Delete) any {
	m := node{}
	withClause(m, s.With)
	target(m, s.TableExprs, "usingClause")
	if s.Where != nil {
		m["whereClause"] = expr(s.Where.Expr)
	}
	return wrapped("DeleteStmt", m)
}

// target sets an UPDATE's or DELETE's relation when it names one plain
// table, else lists its tables under listKey.
func target(m node, tes []sqlparser.TableExpr, listKey string) {
	if len(tes) == 1 {
		if at, ok := tes[0].(*sqlparser.AliasedTableExpr); ok {
			if tn, ok := at.Expr.(sqlparser.TableName); ok {
				m["relation"] = rangeVarFields(tn, at.As)
				return
			}
		}
	}
	m[listKey] = fromList(tes)
}

func fromList(tes []sqlparser.TableExpr) []any { return translate(tes, fromItem) }

// translate returns the translations of xs, each by f.
func translate[T any](xs []T, f func(T) any) []any {
	out := make([]any, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// fromItem translates a FROM item: a table (RangeVar), a derived table
// (RangeSubselect), a join (JoinExpr), or a parenthesised list (joins
// without a condition, as a list of FROM items is).
func fromItem(te sqlparser.TableExpr) any {
	switch t := te.(type) {
	case *sqlparser.AliasedTableExpr:
		switch e := t.Expr.(type) {
		case sqlparser.TableName:
			return wrapped("RangeVar", rangeVarFields(e, t.As))
		case *sqlparser.DerivedTable:
			m := node{"lateral": e.Lateral, "subquery": mysqlSelect(e.Select)}
			if !t.As.IsEmpty() {
				m["alias"] = node{"aliasname": lower(t.As.String())}
			}
			return wrapped("RangeSubselect", m)
		}
	case *sqlparser.JoinTableExpr:
		m := node{"larg": fromItem(t.LeftExpr), "rarg": fromItem(t.RightExpr)}
		switch t.Join {
		case sqlparser.NaturalJoinType, sqlparser.NaturalLeftJoinType, sqlparser.NaturalRightJoinType:
			m["isNatural"] = true
		}
		if c := t.Condition; c != nil {
			if c.On != nil {
				m["quals"] = expr(c.On)
			}
			if len(c.Using) > 0 {
				var using []any
				for _, col := range c.Using {
					using = append(using, str(lower(col.String())))
				}
				m["usingClause"] = using
			}
		}
		return wrapped("JoinExpr", m)
	case *sqlparser.ParenTableExpr:
		var out any
		for _, inner := range t.Exprs {
			item := fromItem(inner)
			if out == nil {
				out = item
				continue
			}
			out = wrapped("JoinExpr", node{"larg": out, "rarg": item})
		}
		return out
	}
	return opaque(te)
}

func rangeVarFields(tn sqlparser.TableName, as sqlparser.IdentifierCS) node {
	m := node{"relname": lower(tn.Name.String())}
	if !tn.Qualifier.IsEmpty() {
		m["schemaname"] = lower(tn.Qualifier.String())
	}
	if !as.IsEmpty() {
		m["alias"] = node{"aliasname": lower(as.String())}
	}
	return m
}

// isDollarParam reports whether name is $N, which MySQL reads as a
// column's name but which in a query text is PostgreSQL's parameter
// (a text written for PostgreSQL, given to a package whose dialect is
// MySQL): a parameter, not a column no table has.
func isDollarParam(name string) bool {
	n, ok := strings.CutPrefix(name, "$")
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

func lower(s string) string { return strings.ToLower(s) }

func exprs(es []sqlparser.Expr) []any { return translate(es, expr) }

// expr translates an expression.
func expr(e sqlparser.Expr) any {
	switch x := e.(type) {
	case nil:
		return nil
	case *sqlparser.AndExpr:
		return boolExpr("AND_EXPR", e)
	case *sqlparser.OrExpr:
		return boolExpr("OR_EXPR", e)
	case *sqlparser.NotExpr:
		return wrapped("BoolExpr", node{"boolop": "NOT_EXPR", "args": []any{expr(x.Expr)}})
	case *sqlparser.ComparisonExpr:
		return comparison(x)
	case *sqlparser.ColName:
		if x.Qualifier.IsEmpty() && isDollarParam(x.Name.String()) {
			return wrapped("ParamRef", node{"name": x.Name.String()})
		}
		var fields []any
		if q := x.Qualifier; !q.IsEmpty() {
			if !q.Qualifier.IsEmpty() {
				fields = append(fields, str(lower(q.Qualifier.String())))
			}
			fields = append(fields, str(lower(q.Name.String())))
		}
		fields = append(fields, str(lower(x.Name.String())))
		return wrapped("ColumnRef", node{"fields": fields})
	case *sqlparser.Argument:
		return wrapped("ParamRef", node{"name": x.Name})
	case sqlparser.ListArg:
		return wrapped("ParamRef", node{"name": string(x)})
	case *sqlparser.Literal:
		return literal(x)
	case sqlparser.BoolVal:
		return wrapped("A_Const", node{"boolval": node{"boolval": bool(x)}})
	case *sqlparser.NullVal:
		return wrapped("A_Const", node{"isnull": true})
	case *sqlparser.Subquery:
		return sublink("EXPR_SUBLINK", nil, x)
	case *sqlparser.ExistsExpr:
		return sublink("EXISTS_SUBLINK", nil, x.Subquery)
	case sqlparser.ValTuple:
		return wrapped("RowExpr", node{"args": exprs(x)})
	case *sqlparser.FuncExpr:
		return wrapped("FuncCall", node{"funcname": []any{str(x.Name.Lowered())}, "args": exprs(x.Exprs)})
	case *sqlparser.CastExpr:
		return wrapped("TypeCast", node{"arg": expr(x.Expr)})
	case *sqlparser.ConvertExpr:
		return wrapped("TypeCast", node{"arg": expr(x.Expr)})
	case *sqlparser.Variable:
		return wrapped("FuncCall", node{
			"funcname": []any{str("current_setting")},
			"args":     []any{wrapped("A_Const", node{"sval": node{"sval": x.Name.Lowered()}})},
		})
	case *sqlparser.BinaryExpr:
		return wrapped("A_Expr", node{"kind": "AEXPR_OP", "name": []any{str(x.Operator.ToString())}, "lexpr": expr(x.Left), "rexpr": expr(x.Right)})
	}
	return opaque(e)
}

// boolExpr flattens a chain of ANDs (or ORs) into one BoolExpr, as
// PostgreSQL's parser does.
func boolExpr(op string, e sqlparser.Expr) any {
	var args []any
	var flatten func(sqlparser.Expr)
	flatten = func(e sqlparser.Expr) {
		switch x := e.(type) {
		case *sqlparser.AndExpr:
			if op == "AND_EXPR" {
				flatten(x.Left)
				flatten(x.Right)
				return
			}
		case *sqlparser.OrExpr:
			if op == "OR_EXPR" {
				flatten(x.Left)
				flatten(x.Right)
				return
			}
		}
		args = append(args, expr(e))
	}
	flatten(e)
	return wrapped("BoolExpr", node{"boolop": op, "args": args})
}

// comparison translates a comparison: = and the other operators are
// AEXPR_OP, IN (list) AEXPR_IN, IN ::list (a list bind variable) and =
// ANY(...) AEXPR_OP_ANY, IN (SELECT ...) a SubLink.
func comparison(x *sqlparser.ComparisonExpr) any {
	op := x.Operator.ToString()
	switch x.Operator {
	case sqlparser.InOp, sqlparser.NotInOp:
		eq := "="
		if x.Operator == sqlparser.NotInOp {
			eq = "<>"
		}
		switch r := x.Right.(type) {
		case sqlparser.ValTuple:
			return wrapped("A_Expr", node{"kind": "AEXPR_IN", "name": []any{str(eq)}, "lexpr": expr(x.Left), "rexpr": wrapped("List", node{"items": exprs(r)})})
		case sqlparser.ListArg:
			if x.Operator == sqlparser.InOp {
				return wrapped("A_Expr", node{"kind": "AEXPR_OP_ANY", "name": []any{str("=")}, "lexpr": expr(x.Left), "rexpr": expr(r)})
			}
		case *sqlparser.Subquery:
			sl := sublink("ANY_SUBLINK", expr(x.Left), r)
			if x.Operator == sqlparser.NotInOp {
				return wrapped("BoolExpr", node{"boolop": "NOT_EXPR", "args": []any{sl}})
			}
			return sl
		}
		return wrapped("A_Expr", node{"kind": "AEXPR_IN", "name": []any{str(eq)}, "lexpr": expr(x.Left), "rexpr": expr(x.Right)})
	}
	kind := "AEXPR_OP"
	switch x.Modifier {
	case sqlparser.Any:
		kind = "AEXPR_OP_ANY"
	case sqlparser.All:
		kind = "AEXPR_OP_ALL"
	}
	if x.Modifier != sqlparser.Missing {
		if sq, ok := x.Right.(*sqlparser.Subquery); ok {
			return sublink(strings.TrimPrefix(kind, "AEXPR_OP_")+"_SUBLINK", expr(x.Left), sq)
		}
	}
	m := node{"kind": kind, "name": []any{str(op)}, "lexpr": expr(x.Left), "rexpr": expr(x.Right)}
	if x.Escape != nil {
		m["escape"] = expr(x.Escape)
	}
	return wrapped("A_Expr", m)
}

func sublink(typ string, test any, sq *sqlparser.Subquery) any {
	m := node{"subLinkType": typ, "subselect": mysqlSelect(sq.Select)}
	if test != nil {
		m["testexpr"] = test
	}
	return wrapped("SubLink", m)
}

// literal translates a constant: a string is an sval, as the quoted
// placeholder of a formatted value ('%s') must be to count as a tenant
// value; numbers keep their text.
func literal(x *sqlparser.Literal) any {
	switch x.Type {
	case sqlparser.StrVal:
		return wrapped("A_Const", node{"sval": node{"sval": x.Val}})
	case sqlparser.IntVal:
		return wrapped("A_Const", node{"ival": node{"ival": x.Val}})
	case sqlparser.FloatVal, sqlparser.DecimalVal:
		return wrapped("A_Const", node{"fval": node{"fval": x.Val}})
	}
	return wrapped("A_Const", node{"bsval": node{"bsval": x.Val}})
}

// opaque is a node the rule does not read: its vitess type, and the
// subqueries inside it (not those inside them, which their own
// translation holds), so that the rule still judges them.
func opaque(n sqlparser.SQLNode) any {
	var args []any
	_ = sqlparser.Walk(func(c sqlparser.SQLNode) (bool, error) {
		if c == n {
			return true, nil
		}
		switch c := c.(type) {
		case *sqlparser.Subquery:
			args = append(args, sublink("EXPR_SUBLINK", nil, c))
			return false, nil
		}
		return true, nil
	}, n)
	m := node{"type": strings.TrimPrefix(reflect.TypeOf(n).String(), "*")}
	if args != nil {
		m["args"] = args
	}
	return wrapped(MySQLNode, m)
}
