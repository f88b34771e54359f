// Package app runs bun query builder chains.
package app

import (
	"context"

	"github.com/uptrace/bun"

	"sql_bun/models"
)

// Constrained, in SigNoz's shape.
func ListUsers(ctx context.Context, db *bun.DB, orgID string) ([]*models.User, error) {
	users := []*models.User{}
	err := db.NewSelect().Model(&users).Where("org_id = ?", orgID).Scan(ctx)
	return users, err
}

func GetUser(ctx context.Context, db bun.IDB, orgID, id string) (*models.User, error) {
	user := new(models.User)
	err := db.
		NewSelect().
		Model(user).
		Where("org_id = ?", orgID).
		Where("id = ?", id).
		Scan(ctx)
	return user, err
}

// The alias: bun's ?TableAlias, or the model's alias (its snake_case
// name, or the alias: of its tag).
func Aliased(ctx context.Context, db *bun.DB, org string) {
	db.NewSelect().Model((*models.User)(nil)).Where("?TableAlias.org_id = ?", org).Count(ctx)
	db.NewSelect().Model((*models.User)(nil)).Where(`"user".org_id = ?`, org).Exists(ctx)
	db.NewSelect().Model(&[]models.Invoice{}).Where("i.org_id = ?", org).Scan(ctx)
	db.NewSelect().Model(&[]models.Invoice{}).Where("invoices.org_id = ?", org).Scan(ctx) // want `SELECT from invoices has no predicate on invoices.org_id`
}

func Unconstrained(ctx context.Context, db *bun.DB, id string) {
	user := new(models.User)
	db.NewSelect().Model(user).Where("id = ?", id).Scan(ctx)                            // want `SELECT from users has no predicate on users.org_id`
	db.NewUpdate().Model(user).WherePK().Exec(ctx)                                      // want `UPDATE of users has no predicate on users.org_id`
	db.NewDelete().Model(user).Where("id = ?", id).Exec(ctx)                            // want `DELETE from users has no predicate on users.org_id`
	db.NewSelect().Table("users").Where("email = ?", "a").Scan(ctx)                     // want `SELECT from users has no predicate on users.org_id`
	db.NewSelect().Model(user).Where("org_id = ?", "x").WhereOr("id = ?", id).Scan(ctx) // want `SELECT from users has no predicate`
	var n int
	db.NewSelect().TableExpr("users AS u").ColumnExpr("count(*)").Scan(ctx, &n) // want `SELECT from users has no predicate`
}

func InScope(ctx context.Context, db *bun.DB, orgID, id string) {
	db.NewDelete().Model((*models.User)(nil)).Where("id = ?", id).Exec(ctx) // want `orgID is in scope but DELETE from users does not filter by it`
}

// WherePK constrains when the tenant column is in the key, or named.
func PrimaryKeys(ctx context.Context, tx bun.Tx, m *models.Membership, u *models.User) {
	tx.NewDelete().Model(m).WherePK().Exec(ctx)
	tx.NewUpdate().Model(u).WherePK("id", "org_id").Exec(ctx)
	tx.NewUpdate().Model(u).WherePK("id").Exec(ctx) // want `UPDATE of users has no predicate`
}

// A table that is not a tenant table needs no predicate.
func Organizations(ctx context.Context, db *bun.DB, id string) {
	db.NewSelect().Model(new(models.Organization)).Where("id = ?", id).Scan(ctx)
	db.NewSelect().Table("organizations").Where("id = ?", id).Scan(ctx)
}

// A builder kept in a local and extended later: a predicate added before
// a branch constrains; one added on a branch only does not.
func Filters(ctx context.Context, db *bun.DB, org, email string, admin bool) error {
	q := db.NewSelect().Model(&[]models.User{}).Where("org_id = ?", org)
	if email != "" {
		q = q.Where("email = ?", email)
	}
	return q.Scan(ctx)
}

func OneBranch(ctx context.Context, db *bun.DB, org string, admin bool) error {
	q := db.NewSelect().Model(&[]models.User{})
	if !admin {
		q = q.Where("org_id = ?", org)
	}
	return q.Scan(ctx) // want `SELECT from users has no predicate on users.org_id: its predicate is added on one branch only`
}

// bun's builders change in place: a statement q.Where(...) extends q.
func InPlace(ctx context.Context, db *bun.DB, org string) error {
	q := db.NewSelect().Model(&[]models.User{})
	q.Where("org_id = ?", org)
	return q.Scan(ctx)
}

func PassedAlong(ctx context.Context, db *bun.DB, org, id string) error {
	base := db.NewUpdate().Model(&models.User{}).Set("email = ?", "")
	q := base.Where("id = ?", id)
	q = q.Where("org_id = ?", org)
	if _, err := q.Exec(ctx); err != nil {
		return err
	}
	other := db.NewUpdate().Model(&models.User{}).Set("email = ?", "")
	other = other.Where("id = ?", id)
	_, err := other.Exec(ctx) // want `UPDATE of users has no predicate`
	return err
}

// Joins: a JOIN's text is parsed, and its table must be constrained too,
// by its own predicate or by equality with a constrained tenant column.
func Joins(ctx context.Context, db *bun.DB, org string) {
	var out []models.User
	db.NewSelect().Model(&out). // want `SELECT from invoices has no predicate on invoices.org_id`
					Join("JOIN invoices AS inv ON inv.user_id = \"user\".id").
					Where("\"user\".org_id = ?", org).Scan(ctx)
	db.NewSelect().Model(&out).
		Join("JOIN invoices AS inv ON inv.user_id = \"user\".id AND inv.org_id = \"user\".org_id").
		Where("\"user\".org_id = ?", org).Scan(ctx)
	db.NewSelect().Model(&out).
		Join("JOIN invoices AS inv").JoinOn("inv.user_id = \"user\".id").JoinOn("inv.org_id = ?", org).
		Where("\"user\".org_id = ?", org).Scan(ctx)
}

// Chains that cannot be followed are unchecked, not findings.
func Unresolvable(ctx context.Context, db *bun.DB, q *bun.SelectQuery, model interface{}, cond string) {
	q.Scan(ctx)                                                            // a builder from outside
	db.NewSelect().Model(model).Scan(ctx)                                  // a model of unknown type
	db.NewSelect().Model(&[]models.User{}).Where(cond).Scan(ctx)           // a dynamic condition
	db.NewSelect().Model(&[]models.User{}).Apply(filters).Scan(ctx)        // a step not followed
	db.NewSelect().TableExpr("users AS u").Where("u.id = ?~", 1).Scan(ctx) // does not parse
	r := db.NewSelect().Model(&[]models.User{})
	addFilters(r) // may extend it
	r.Scan(ctx)
}

func filters(q *bun.SelectQuery) *bun.SelectQuery { return q }

// addFilters changes its query in a way that is not followed.
func addFilters(q *bun.SelectQuery) { q.Apply(filters) }

// Raw texts are the raw presets' queries, counted once.
func Raw(ctx context.Context, db *bun.DB, id string) {
	var u models.User
	db.NewRaw("SELECT * FROM users WHERE id = ?", id).Scan(ctx, &u) // want `SELECT from users has no predicate on users.org_id`
	db.QueryContext(ctx, "DELETE FROM users WHERE id = $1", id)     // want `DELETE from users has no predicate`
	db.NewInsert().Model(&u).Exec(ctx)                              // an INSERT sets every column
}

func Suppressed(ctx context.Context, db *bun.DB) {
	//tenantlint:ignore tenantsql the nightly cleanup runs across every organization
	db.NewDelete().Model((*models.User)(nil)).Where("email IS NULL").Exec(ctx)
}

// The table of a model is its tag's.
func Rules(ctx context.Context, db *bun.DB, id string) {
	db.NewSelect().Model(new(models.StorableRule)).Where("id = ?", id).Scan(ctx) // want `SELECT from rule has no predicate on rule.org_id`
}

func Extended(ctx context.Context, db *bun.DB, id, org string) {
	db.NewSelect().Model(new(models.RuleWithOwner)).Where("id = ?", id).Scan(ctx) // want `SELECT from rule has no predicate on rule.org_id`
	db.NewSelect().Model(new(models.RuleWithOwner)).Where("org_id = ?", org).Relation("Owner").Scan(ctx)
}

// A condition not known (a dynamic string) ANDed with the predicate
// leaves it constrained; alone, the chain is unchecked.
func Dynamic(ctx context.Context, db *bun.DB, org, clause string) {
	db.NewSelect().Model(&[]models.User{}).Where("org_id = ?", org).Where(clause).Scan(ctx)
	db.NewSelect().Model(&[]models.User{}).Where(clause).Scan(ctx)
}

// Equality with a column compared with values constrains: SigNoz's
// tokens of a list of organizations (a regression: was reported).
func ByOrgIDs(ctx context.Context, db *bun.DB, orgIDs []string) {
	var users []models.User
	db.NewSelect().Model(&users).
		Join("JOIN organizations").
		JoinOn(`organizations.id = "user".org_id`).
		Where("organizations.id IN (?)", bun.In(orgIDs)).
		Scan(ctx)
}

// WhereGroup: the conditions its function adds, in parentheses.
func Groups(ctx context.Context, db *bun.DB, org, a, c string) {
	db.NewSelect().Model(&[]models.User{}).Where("org_id = ?", org).
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("email = ?", a).WhereOr("email = ?", c)
		}).Scan(ctx)
	db.NewSelect().Model(&[]models.User{}).Where("id = ?", a). // want `SELECT from users has no predicate on users.org_id`
									WhereGroup(" OR ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("org_id = ?", org)
		}).Scan(ctx)
	db.NewSelect().Model(&[]models.User{}).
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("org_id = ?", org).Where("email = ?", a)
		}).Scan(ctx)
}
