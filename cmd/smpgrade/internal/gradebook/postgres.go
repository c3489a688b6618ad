package gradebook

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/stdlib"
)

// This file keeps the same gradebook in PostgreSQL (through pgx), so that
// several instructors' servers and record runs can share one. The SQL
// elsewhere in the package is written once, in SQLite's spelling; the
// "smp-pgx" driver below rewrites each statement to PostgreSQL's as it is
// sent (placeholders ? become $1, $2…, and rowid, the insertion order the
// readers sort by, becomes ctid: the tables are insert-only), and
// pgMigration does the same for the migrations, so both databases get the
// same schema from the same migrations.

// IsPostgres reports whether a --db value names a PostgreSQL database
// (a postgres:// or postgresql:// URL) rather than an SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// metaTable holds a PostgreSQL gradebook's application id and schema
// version: what PRAGMA application_id and user_version hold in SQLite.
const metaTable = "smp_gradebook"

// pgDriverName is the rewriting driver, registered once.
const pgDriverName = "smp-pgx"

var registerPG sync.Once

// redact hides a password in a DSN, for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// openPostgres opens (and with create, creates the tables of) the
// gradebook in the PostgreSQL database dsn names; the database itself must
// exist. A database that holds other tables but no gradebook is refused
// and left as it was.
func openPostgres(dsn string, create bool) (*Book, error) {
	registerPG.Do(func() { sql.Register(pgDriverName, pgDriver{stdlib.GetDefaultDriver()}) })
	name := redact(dsn)
	db, err := sql.Open(pgDriverName, dsn)
	if err != nil {
		return nil, &Error{Path: name, Problem: "cannot open: " + err.Error(), Err: err}
	}
	b := &Book{db: db, path: name, pg: true}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, b.wrap("cannot connect", err)
	}
	if !create {
		v, err := b.identifyPG(db)
		if err == nil && v == 0 {
			err = &Error{Path: name, Problem: "no gradebook in this database (record some attempts into it first)", Err: ErrNotExist}
		}
		if err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := b.migratePG(); err != nil {
		db.Close()
		return nil, err
	}
	return b, nil
}

// identifyPG returns the schema version (0 for an empty database), or an
// error when the database holds something other than a gradebook.
func (b *Book) identifyPG(q interface {
	QueryRow(query string, args ...any) *sql.Row
}) (int, error) {
	var tables int
	var hasMeta bool
	if err := q.QueryRow(`SELECT count(*), coalesce(bool_or(table_name = '`+metaTable+`'), false)
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &hasMeta); err != nil {
		return 0, b.wrap("cannot open as a gradebook", err)
	}
	switch {
	case tables == 0:
		return 0, nil
	case !hasMeta:
		return 0, &Error{Path: b.path, Problem: "a database of another program, not a gradebook (left untouched)"}
	}
	var app int64
	var v int
	if err := q.QueryRow(`SELECT application_id, version FROM `+metaTable).Scan(&app, &v); err != nil {
		return 0, b.wrap("cannot read the schema version", err)
	}
	switch {
	case app != ApplicationID:
		return 0, &Error{Path: b.path, Problem: "a database of another program, not a gradebook (left untouched)"}
	case v > Version:
		return 0, &Error{Path: b.path, Problem: fmt.Sprintf("gradebook schema version %d is newer than this smpgrade knows (%d): use a newer smpgrade", v, Version)}
	}
	return v, nil
}

// migratePG brings the schema to Version in one transaction, under an
// advisory lock so that two servers opening a new database at once
// migrate it once.
func (b *Book) migratePG() error {
	tx, err := b.db.BeginTx(context.Background(), nil)
	if err != nil {
		return b.wrap("cannot migrate", err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(ApplicationID)); err != nil {
		return b.wrap("cannot lock the gradebook to migrate it", err)
	}
	v, err := b.identifyPG(tx)
	if err != nil {
		return err
	}
	if v > 0 {
		if err := b.checkPG(tx, v); err != nil {
			return err
		}
	}
	if v == Version {
		return nil
	}
	if v == 0 {
		if _, err := tx.Exec(`CREATE TABLE ` + metaTable + ` (application_id BIGINT NOT NULL, version INTEGER NOT NULL)`); err != nil {
			return b.wrap("cannot create the gradebook", err)
		}
		if _, err := tx.Exec(`INSERT INTO `+metaTable+` VALUES (?, 0)`, int64(ApplicationID)); err != nil {
			return b.wrap("cannot create the gradebook", err)
		}
	}
	for ; v < Version; v++ {
		if _, err := tx.Exec(pgMigration(Migrations[v])); err != nil {
			return b.wrap(fmt.Sprintf("migration to schema version %d failed", v+1), err)
		}
		b.Migrated = append(b.Migrated, v+1)
	}
	if _, err := tx.Exec(`UPDATE `+metaTable+` SET version = ?`, Version); err != nil {
		return b.wrap("cannot set the schema version", err)
	}
	return b.wrap("cannot save the migrated schema", tx.Commit())
}

// checkPG compares the gradebook's tables, columns, keys and indexes
// with those the first v migrations make, as check does for SQLite: a
// database marked as a version-v gradebook whose tables have drifted
// (a column dropped or retyped by hand, a table missing) is refused with
// one line naming the first difference, before anything is written.
func (b *Book) checkPG(tx *sql.Tx, v int) error {
	got, err := describePG(tx, "current_schema()")
	if err != nil {
		return b.wrap("cannot read the gradebook's schema", err)
	}
	want, err := expectedPGSchema(b.db, v)
	if err != nil {
		return b.wrap("cannot build the reference schema", err)
	}
	if d := schemaDiff(want, got); d != "" {
		return &Error{Path: b.path, Problem: fmt.Sprintf("marked as a gradebook (schema version %d), but its tables are not a gradebook's (%s): damaged or edited, left untouched", v, d)}
	}
	return nil
}

// pgSchemaQuery lists the columns (with type and nullability), the keys
// (primary, unique, foreign, with their columns) and the indexes of the
// tables in schema %s, one line each and each starting with its table
// (so a missing table is named by its first column), leaving out the
// meta table: the
// information_schema and pg_indexes views, named by what they hold and
// not by the catalogue's object ids, so that two databases built by the
// same migrations describe alike.
const pgSchemaQuery = `SELECT 'table ' || c.table_name || ' column ' || c.column_name || ' ' || upper(c.data_type) ||
	CASE WHEN c.is_nullable = 'NO' THEN ' not null' ELSE '' END
FROM information_schema.columns AS c
WHERE c.table_schema = %[1]s AND c.table_name <> '` + metaTable + `'
UNION ALL
SELECT 'table ' || tc.table_name || ' ' || lower(tc.constraint_type) || ' (' ||
	string_agg(k.column_name, ', ' ORDER BY k.ordinal_position) || ')'
FROM information_schema.table_constraints AS tc
JOIN information_schema.key_column_usage AS k
	ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
WHERE tc.table_schema = %[1]s
GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name
UNION ALL
SELECT 'table ' || i.tablename || ' index ' || i.indexname || ': ' || regexp_replace(i.indexdef, ' ON [^ ]+[.]', ' ON ')
FROM pg_indexes AS i
WHERE i.schemaname = %[1]s AND i.tablename <> '` + metaTable + `'
ORDER BY 1`

// describePG returns pgSchemaQuery's lines for schema, an SQL expression
// (current_schema(), or a quoted name).
func describePG(q ctxQuerier, schema string) ([]string, error) {
	return queryLines(q, fmt.Sprintf(pgSchemaQuery, schema))
}

// expectedPGSchema is describePG of the first v migrations run on db's
// server in this session's temporary schema, in a transaction that is
// rolled back: the one home of what a version-v gradebook holds stays the
// migrations, and nothing is left behind.
func expectedPGSchema(db *sql.DB, v int) ([]string, error) {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SET LOCAL search_path = pg_temp`); err != nil {
		return nil, err
	}
	for _, m := range Migrations[:v] {
		if _, err := tx.Exec(pgMigration(m)); err != nil {
			return nil, err
		}
	}
	var schema string
	if err := tx.QueryRow(`SELECT quote_literal(nspname) FROM pg_namespace WHERE oid = pg_my_temp_schema()`).Scan(&schema); err != nil {
		return nil, err
	}
	return describePG(tx, schema)
}

var (
	rePragma    = regexp.MustCompile(`(?m)^\s*PRAGMA [^;]*;\s*`)
	reRowID     = regexp.MustCompile(`(?m)^(\s*id\s+)INTEGER PRIMARY KEY`)
	reReal      = regexp.MustCompile(`\bREAL\b`)
	reRowidWord = regexp.MustCompile(`\browid\b`)
)

// pgMigration spells an SQLite migration in PostgreSQL: no PRAGMAs (the
// meta table holds what they set), an id column that numbers itself as
// SQLite's INTEGER PRIMARY KEY does, and REAL as the 8-byte float it is in
// SQLite (PostgreSQL's REAL is 4 bytes).
func pgMigration(m string) string {
	m = rePragma.ReplaceAllString(m, "")
	m = reRowID.ReplaceAllString(m, "${1}BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
	return reReal.ReplaceAllString(m, "DOUBLE PRECISION")
}

// pgQuery spells a statement in PostgreSQL: ? placeholders (outside
// quoted text) numbered $1, $2…, and rowid as ctid.
func pgQuery(q string) string {
	var sb strings.Builder
	n, quoted := 0, false
	for _, r := range q {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			fmt.Fprintf(&sb, "$%d", n)
			continue
		}
		sb.WriteRune(r)
	}
	return reRowidWord.ReplaceAllString(sb.String(), "ctid")
}

// pgDriver is pgx's database/sql driver with every statement passed
// through pgQuery.
type pgDriver struct{ driver.Driver }

func (d pgDriver) Open(name string) (driver.Conn, error) {
	c, err := d.Driver.Open(name)
	if err != nil {
		return nil, err
	}
	pc, ok := c.(pgxConn)
	if !ok {
		c.Close()
		return nil, errNoPG
	}
	return pgConn{pc}, nil
}

// pgxConn is what pgx's stdlib connection implements and pgConn passes on.
type pgxConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.NamedValueChecker
}

// pgConn rewrites the statements of one pgx connection.
type pgConn struct{ pgxConn }

func (c pgConn) Prepare(q string) (driver.Stmt, error) { return c.pgxConn.Prepare(pgQuery(q)) }

func (c pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.pgxConn.PrepareContext(ctx, pgQuery(q))
}

func (c pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.pgxConn.ExecContext(ctx, pgQuery(q), args)
}

func (c pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.pgxConn.QueryContext(ctx, pgQuery(q), args)
}

// errNoPG is returned when pgx's connection lacks an interface pgConn
// needs (a pgx upgrade would show it here first).
var errNoPG = errors.New("the pgx driver's connection lacks an interface the gradebook needs")
