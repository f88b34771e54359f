package sqlscope

import (
	"go/types"
	"reflect"
	"slices"
	"strings"

	"github.com/tenantlint/tenantlint/internal/rules"
)

// BuiltQuery is the statement a query builder's chain of calls makes
// (bun, gorm, squirrel, pop), as far as the tenant rule needs it: the
// statement kind, its FROM items, its joins and its WHERE conditions,
// each a fragment of SQL text as the chain wrote it. SQL renders it as a
// statement that Check judges like any raw text, so a builder's
// predicates obey the same rule (aliases, OR branches, joins on the
// tenant column) as the raw SQL's.
type BuiltQuery struct {
	Stmt  string   // SELECT, UPDATE or DELETE
	From  []string // FROM items: `"users" AS "user"`, `invoices i`
	Joins []BuiltJoin
	Where []BuiltCond
	// Unknown: an ANDed condition whose text is not known (a dynamic
	// string) stands as TRUE. It may hold the tenant predicate, so a
	// statement unconstrained without it is not judged.
	Unknown bool
}

// BuiltJoin is a join: its text (`JOIN dashboard AS d ON ...`) and the
// conditions added to its ON clause by later steps (bun's JoinOn).
type BuiltJoin struct {
	Text string
	On   []BuiltCond
}

// BuiltCond is one condition of a WHERE (or a join's ON): its text, the
// operator that joins it to the conditions before it (AND or OR), and
// whether the code adds it on some paths only (a branch that the call
// running the query does not always follow).
type BuiltCond struct {
	Text        string
	Or          bool
	Conditional bool
}

// hasConditional reports whether some condition is added on some paths
// only.
func (q *BuiltQuery) hasConditional() bool {
	for _, c := range q.Where {
		if c.Conditional {
			return true
		}
	}
	for _, j := range q.Joins {
		for _, c := range j.On {
			if c.Conditional {
				return true
			}
		}
	}
	return false
}

// SQL renders the statement; conditional says whether the conditions
// added on some paths only are in it. Its result is "" when the query
// has no table (nothing to judge).
func (q *BuiltQuery) SQL(conditional bool) string {
	if len(q.From) == 0 {
		return ""
	}
	var b strings.Builder
	switch q.Stmt {
	case "UPDATE":
		b.WriteString("UPDATE " + q.From[0] + " SET tenantlint_set = 1")
		if len(q.From) > 1 {
			b.WriteString(" FROM " + strings.Join(q.From[1:], ", "))
		}
	case "DELETE":
		b.WriteString("DELETE FROM " + q.From[0])
		if len(q.From) > 1 {
			b.WriteString(" USING " + strings.Join(q.From[1:], ", "))
		}
	default:
		b.WriteString("SELECT 1 FROM " + strings.Join(q.From, ", "))
		for _, j := range q.Joins {
			b.WriteString(" " + j.Text)
			if on := conds(j.On, conditional); on != "" {
				b.WriteString(" ON " + on)
			}
		}
	}
	if where := conds(q.Where, conditional); where != "" {
		b.WriteString(" WHERE " + where)
	}
	return b.String()
}

// conds joins conditions with their operators, each in parentheses so
// that its own operators bind inside it; AND binds tighter than OR
// between them, as in the SQL the builders write (a AND b OR c).
func conds(cs []BuiltCond, conditional bool) string {
	var b strings.Builder
	for _, c := range cs {
		if c.Conditional && !conditional {
			continue
		}
		if b.Len() > 0 {
			if c.Or {
				b.WriteString(" OR ")
			} else {
				b.WriteString(" AND ")
			}
		}
		b.WriteString("(" + c.Text + ")")
	}
	return b.String()
}

// QuoteIdent quotes a name as an SQL identifier, each part of a
// schema-qualified one: public.users -> "public"."users".
func QuoteIdent(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
	}
	return strings.Join(parts, ".")
}

// BuiltResult is what CheckBuilt finds: the violations of the statement
// with every condition, and those that only the conditions added on some
// paths prevent (OnBranch).
type BuiltResult struct {
	Violations []Violation
	OnBranch   []Violation
	Tables     []string // the tenant tables the statement names (Result.Tables)
}

// CheckBuilt judges a builder's statement. A violation that disappears
// when the conditions added on some paths only are counted is in
// OnBranch: the predicate is there, but not on every path to the query.
// An error is a statement that does not parse.
func CheckBuilt(p *Parser, q *BuiltQuery, tables Tables, o Options) (BuiltResult, error) {
	all, err := CheckWith(p, q.SQL(true), tables, o)
	if err != nil {
		return BuiltResult{}, err
	}
	out := BuiltResult{Violations: all.Violations, Tables: all.Tables}
	if !q.hasConditional() {
		return out, nil
	}
	always, err := CheckWith(p, q.SQL(false), tables, o)
	if err != nil {
		return BuiltResult{}, err
	}
	seen := map[Violation]bool{}
	for _, v := range all.Violations {
		seen[v] = true
	}
	for _, v := range always.Violations {
		if !seen[v] {
			out.OnBranch = append(out.OnBranch, v)
		}
	}
	return out, nil
}

// bunBaseModels are the names of bun's BaseModel: bun.BaseModel is an
// alias of schema.BaseModel, which is the type a field has.
var bunBaseModels = []string{"github.com/uptrace/bun/schema.BaseModel", "github.com/uptrace/bun.BaseModel"}

// BunModel reads the bun tag of a bun model's BaseModel field: its table
// (table:NAME, or the tag's name as bun also reads it) and its alias
// (alias:NAME); "" for what the tag does not say, ok false without such
// a field. A model that embeds another with bun:",extend" is that one's.
func BunModel(st *types.Struct) (table, alias string, ok bool) {
	if st == nil {
		return "", "", false
	}
	for i := 0; i < st.NumFields(); i++ {
		q, named, isNamed := rules.NamedOf(st.Field(i).Type())
		if !isNamed {
			continue
		}
		if st.Field(i).Embedded() && slices.Contains(strings.Split(reflect.StructTag(st.Tag(i)).Get("bun"), ",")[1:], "extend") {
			// bun:",extend": the model is the embedded one's, table
			// and alias included.
			inner, _ := named.Underlying().(*types.Struct)
			return BunModel(inner)
		}
		if !slices.Contains(bunBaseModels, q.String()) {
			continue
		}
		for j, part := range strings.Split(reflect.StructTag(st.Tag(i)).Get("bun"), ",") {
			switch {
			case strings.HasPrefix(part, "table:"):
				table = strings.TrimPrefix(part, "table:")
			case strings.HasPrefix(part, "alias:"):
				alias = strings.TrimPrefix(part, "alias:")
			case j == 0 && part != "" && !strings.Contains(part, ":") && table == "":
				table = part
			}
		}
		return table, alias, true
	}
	return "", "", false
}
