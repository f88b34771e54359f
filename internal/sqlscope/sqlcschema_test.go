package sqlscope

import (
	"path/filepath"
	"reflect"
	"testing"
)

// loadSchemaText loads one schema file (and, in migrations, the files
// of a migrations folder, applied in name order after it).
func loadSchemaText(t *testing.T, schema string, migrations ...string) Schema {
	t.Helper()
	files := map[string]string{"schema.sql": schema}
	paths := []string{"schema.sql"}
	for i, m := range migrations {
		files[filepath.Join("migrations", string(rune('a'+i))+".up.sql")] = m
	}
	if len(migrations) > 0 {
		paths = append(paths, "migrations")
	}
	dir := writeFiles(t, files)
	for i, p := range paths {
		paths[i] = filepath.Join(dir, p)
	}
	s, err := LoadSchema(new(Parser), filepath.Join(dir, "sqlc.yaml"), paths)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Schema.PrimaryKeys: every way a schema declares a primary key, and
// the key followed through renames, partitions, drops and migrations.
func TestSchemaKeys(t *testing.T) {
	for _, tc := range []struct {
		name       string
		schema     string
		migrations []string
		want       map[string][]string
	}{
		{"column constraint", `CREATE TABLE invoices (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);`, nil,
			map[string][]string{"invoices": {"id"}}},
		{"column constraint, not named id", `CREATE TABLE invoices (number text CONSTRAINT inv_pk PRIMARY KEY, id uuid);`, nil,
			map[string][]string{"invoices": {"number"}}},
		{"table constraint, quoted", `CREATE TABLE "Tenant" ("id" UUID NOT NULL, CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id"));`, nil,
			map[string][]string{"Tenant": {"id"}}},
		{"no primary key", `CREATE TABLE events (id uuid, tenant_id uuid);`, nil,
			map[string][]string{}},
		{"unique is no primary key", `CREATE TABLE users (id uuid, email text UNIQUE, UNIQUE (id));`, nil,
			map[string][]string{}},
		{"composite with the tenant column", `CREATE TABLE invoices (tenant_id uuid, id uuid, PRIMARY KEY (tenant_id, id));`, nil,
			map[string][]string{"invoices": {"tenant_id", "id"}}},
		{"composite without the tenant column", `CREATE TABLE task_events (task_id bigint, inserted_at timestamptz, PRIMARY KEY (task_id, inserted_at));`, nil,
			map[string][]string{"task_events": {"task_id", "inserted_at"}}},
		{"alter table add primary key", `CREATE TABLE invoices (id uuid, tenant_id uuid);
ALTER TABLE invoices ADD PRIMARY KEY (id);`, nil,
			map[string][]string{"invoices": {"id"}}},
		{"alter table add constraint, pg_dump's way", `CREATE TABLE public.invoices (id uuid, tenant_id uuid);
ALTER TABLE ONLY public.invoices ADD CONSTRAINT invoices_pk PRIMARY KEY (id);`, nil,
			map[string][]string{"invoices": {"id"}}},
		{"alter table add column primary key", `CREATE TABLE invoices (tenant_id uuid);
ALTER TABLE invoices ADD COLUMN id bigserial PRIMARY KEY;`, nil,
			map[string][]string{"invoices": {"id"}}},
		{"alter table add composite", `CREATE TABLE invoices (id uuid, tenant_id uuid);
ALTER TABLE invoices ADD CONSTRAINT invoices_pkey PRIMARY KEY (tenant_id, id);`, nil,
			map[string][]string{"invoices": {"tenant_id", "id"}}},
		{"rename column of the key", `CREATE TABLE invoices (id uuid PRIMARY KEY);
ALTER TABLE invoices RENAME COLUMN id TO invoice_id;`, nil,
			map[string][]string{"invoices": {"invoice_id"}}},
		{"rename the table", `CREATE TABLE old_invoices (id uuid PRIMARY KEY);
ALTER TABLE old_invoices RENAME TO invoices;`, nil,
			map[string][]string{"invoices": {"id"}}},
		{"rename a table of a schema", `CREATE TABLE billing.old (id uuid PRIMARY KEY);
ALTER TABLE billing.old RENAME TO accounts;`, nil,
			map[string][]string{"billing.accounts": {"id"}}},
		{"drop table", `CREATE TABLE invoices (id uuid PRIMARY KEY);
CREATE TABLE lines (id uuid PRIMARY KEY);
DROP TABLE invoices;`, nil,
			map[string][]string{"lines": {"id"}}},
		{"drop constraint by its default name, then a new key", `CREATE TABLE invoices (id uuid PRIMARY KEY, tenant_id uuid);
ALTER TABLE invoices DROP CONSTRAINT invoices_pkey;`, []string{`ALTER TABLE invoices ADD PRIMARY KEY (tenant_id, id);`},
			map[string][]string{"invoices": {"tenant_id", "id"}}},
		{"drop constraint by its default name", `CREATE TABLE invoices (id uuid PRIMARY KEY, tenant_id uuid);
ALTER TABLE invoices DROP CONSTRAINT invoices_pkey;`, nil,
			map[string][]string{}},
		{"drop constraint by its name after renaming the table", `CREATE TABLE old (id uuid, CONSTRAINT pk PRIMARY KEY (id));
ALTER TABLE old RENAME TO invoices;
ALTER TABLE invoices DROP CONSTRAINT pk;`, nil,
			map[string][]string{}},
		{"drop another constraint", `CREATE TABLE invoices (id uuid PRIMARY KEY, email text CONSTRAINT u UNIQUE);
ALTER TABLE invoices DROP CONSTRAINT u;`, nil,
			map[string][]string{"invoices": {"id"}}},
		{"drop a key column", `CREATE TABLE invoices (tenant_id uuid, id uuid, note text, PRIMARY KEY (tenant_id, id));
ALTER TABLE invoices DROP COLUMN note;
ALTER TABLE invoices DROP COLUMN tenant_id;`, nil,
			map[string][]string{}},
		{"partition of a parent with a key", `CREATE TABLE tasks (id bigint, inserted_at timestamptz, PRIMARY KEY (id, inserted_at)) PARTITION BY RANGE (inserted_at);
CREATE TABLE tasks_1 PARTITION OF tasks FOR VALUES FROM ('2024-01-01') TO ('2024-01-02');
CREATE TABLE logs (id bigint PRIMARY KEY);
CREATE TABLE logs_1 PARTITION OF logs DEFAULT;`, nil,
			map[string][]string{"tasks": {"id", "inserted_at"}, "tasks_1": {"id", "inserted_at"}, "logs": {"id"}, "logs_1": {"id"}}},
		{"inherits no key", `CREATE TABLE base (id bigint PRIMARY KEY);
CREATE TABLE child (note text) INHERITS (base);`, nil,
			map[string][]string{"base": {"id"}}},
		{"migrations in order", `CREATE TABLE invoices (id uuid, tenant_id uuid);`, []string{
			`ALTER TABLE invoices ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);`,
			`ALTER TABLE invoices RENAME COLUMN id TO uid;`},
			map[string][]string{"invoices": {"uid"}}},
		{"a statement the parser rejects", `CREATE TABLE broken (;
CREATE TABLE invoices (id uuid PRIMARY KEY);`, nil,
			map[string][]string{"invoices": {"id"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadSchemaText(t, tc.schema, tc.migrations...).PrimaryKeys()
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("keys %q, want %q", got, tc.want)
			}
		})
	}
}

// The columns are followed as before alongside the key: a renamed key
// column is no longer a column under its old name.
func TestSchemaColumnsWithKey(t *testing.T) {
	s := loadSchemaText(t, `CREATE TABLE invoices (id uuid PRIMARY KEY, tenant_id uuid);
ALTER TABLE invoices RENAME COLUMN id TO uid;`)
	want := map[string]bool{"uid": true, "tenant_id": true}
	if got := s["invoices"].Columns; !reflect.DeepEqual(got, want) {
		t.Errorf("columns %v, want %v", got, want)
	}
}

// WithPrimaryKeys: a key of one column is the table's key, one of
// several is no column's but a composite key; sql.keys wins for a table
// both name; nothing changes without key joins.
func TestWithPrimaryKeys(t *testing.T) {
	pks := map[string][]string{"invoices": {"tenant_id", "id"}, "lines": {"line_id"}, "tasks": {"id", "inserted_at"}}
	if got := (Options{}).WithPrimaryKeys(pks); got.Keys != nil || got.CompositeKeys != nil {
		t.Errorf("without sql.propagate: keys: %+v, want no keys", got)
	}
	configured := map[string][]string{"invoices": {"id", "number"}}
	got := Options{Keys: configured}.WithPrimaryKeys(pks)
	want := Options{
		Keys:          map[string][]string{"invoices": {"id", "number"}, "lines": {"line_id"}, "tasks": {}},
		CompositeKeys: map[string][]string{"tasks": {"id", "inserted_at"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if len(configured) != 1 {
		t.Errorf("the configured keys were changed: %q", configured)
	}
}

// The schema's keys in the rule: a join on a single-column primary key
// propagates; one on a column of a composite key does not, though it
// is named id, which a table without a declared key has.
func TestCheckSchemaKeys(t *testing.T) {
	s := loadSchemaText(t, `CREATE TABLE invoices (number text PRIMARY KEY, id uuid, tenant_id uuid);
CREATE TABLE lines (tenant_id uuid, id uuid, invoice_number text, invoice_id uuid, PRIMARY KEY (tenant_id, id));
CREATE TABLE notes (id uuid, line_id uuid, tenant_id uuid);
CREATE TABLE tasks (id bigint, inserted_at timestamptz, tenant_id uuid, PRIMARY KEY (id, inserted_at));
CREATE TABLE lookup (external_id uuid PRIMARY KEY, task_id bigint, inserted_at timestamptz, tenant_id uuid);
CREATE TABLE task_links (task_id bigint, inserted_at timestamptz, invoice_number text);`)
	tables := Tables{"invoices": "tenant_id", "lines": "tenant_id", "notes": "tenant_id", "tasks": "tenant_id", "lookup": "tenant_id"}
	p := new(Parser)
	for _, tc := range []struct {
		sql     string
		on, off string // the finding with and without key joins ("" for none)
	}{
		{"SELECT * FROM lines l JOIN invoices i ON i.number = l.invoice_number WHERE l.tenant_id = $1", "", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"SELECT * FROM lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.tenant_id = $1", "SELECT from invoices has no predicate on invoices.tenant_id", "SELECT from invoices has no predicate on invoices.tenant_id"},
		{"SELECT * FROM invoices i JOIN lines l ON l.id = i.id WHERE i.tenant_id = $1", "SELECT from lines has no predicate on lines.tenant_id", "SELECT from lines has no predicate on lines.tenant_id"},
		{"SELECT * FROM lines l JOIN notes n ON n.id = l.id WHERE l.tenant_id = $1", "", "SELECT from notes has no predicate on notes.tenant_id"},
		// All the columns of a composite key tie a row to one row; a part
		// of them does not.
		{"SELECT * FROM lookup l JOIN tasks t ON t.id = l.task_id AND t.inserted_at = l.inserted_at WHERE l.tenant_id = $1", "", "SELECT from tasks has no predicate on tasks.tenant_id"},
		{"SELECT * FROM tasks t JOIN lookup l ON l.task_id = t.id WHERE l.tenant_id = $1 AND l.inserted_at = t.inserted_at", "", "SELECT from tasks has no predicate on tasks.tenant_id"},
		{"SELECT * FROM lookup l JOIN tasks t ON t.id = l.task_id WHERE l.tenant_id = $1", "SELECT from tasks has no predicate on tasks.tenant_id", "SELECT from tasks has no predicate on tasks.tenant_id"},
		{"SELECT * FROM lookup l JOIN tasks t ON t.id = l.task_id AND t.inserted_at = l.inserted_at WHERE l.tenant_id = $1 OR t.id = 0", "SELECT from lookup has no predicate on lookup.tenant_idSELECT from tasks has no predicate on tasks.tenant_id", "SELECT from lookup has no predicate on lookup.tenant_idSELECT from tasks has no predicate on tasks.tenant_id"},
		// The key's columns must all equal columns of one reference.
		{"SELECT * FROM lookup l JOIN lookup m ON m.tenant_id = $1 JOIN tasks t ON t.id = m.task_id AND t.inserted_at = l.inserted_at WHERE l.tenant_id = $1", "SELECT from tasks has no predicate on tasks.tenant_id", "SELECT from tasks has no predicate on tasks.tenant_id"},
		// Through a table that is not a tenant table.
		{"SELECT * FROM invoices i JOIN task_links k ON k.invoice_number = i.number JOIN tasks t ON t.id = k.task_id AND t.inserted_at = k.inserted_at WHERE i.tenant_id = $1", "", "SELECT from tasks has no predicate on tasks.tenant_id"},
	} {
		for _, mode := range []struct {
			o    Options
			want string
		}{{Options{Keys: map[string][]string{}}.WithPrimaryKeys(s.PrimaryKeys()), tc.on}, {Options{}.WithPrimaryKeys(s.PrimaryKeys()), tc.off}} {
			res, err := CheckWith(p, tc.sql, tables, mode.o)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, v := range res.Violations {
				got += v.What()
			}
			if got != mode.want {
				t.Errorf("keys %v: %s\n got %q\nwant %q", mode.o.Keys != nil, tc.sql, got, mode.want)
			}
		}
	}
}
