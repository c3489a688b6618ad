// Package gradebook is a class's record of graded attempts over a course:
// an embedded SQLite database (through modernc.org/sqlite, pure Go, no cgo),
// one file an instructor keeps beside the class folder (issue 6, "Progress
// over time").
//
// The schema is versioned: PRAGMA user_version counts the migrations
// applied, and Open applies the missing ones in order inside one
// transaction, so a gradebook written by an older smpgrade opens in a newer
// one, and one written by a newer smpgrade is refused rather than damaged.
// PRAGMA application_id marks the file as a gradebook, so another program's
// SQLite database is refused too.
//
// Several smpgrade processes may record into one gradebook at once: the
// database runs in WAL mode with a busy timeout, and every write is one
// IMMEDIATE transaction, so writers queue instead of failing.
package gradebook

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/smptrainer/smp/sim/name"
	"modernc.org/sqlite" // also registers the "sqlite" driver
)

// ApplicationID is PRAGMA application_id of every gradebook: "SMPG".
const ApplicationID = 0x534d5047

// BusyTimeout is how long a writer waits for another to finish before
// giving up: generous, since a class of writers each hold the lock for
// milliseconds. *Model assumption.*
const BusyTimeout = 30 * time.Second

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// Migrations are the schema changes in order; Migrations[i] takes a
// gradebook from version i to i+1. Never edit a released migration: append
// a new one.
var Migrations = []string{
	// 1: attempts and their criterion scores.
	`PRAGMA application_id = 1397575751;
CREATE TABLE attempt (
	id          INTEGER PRIMARY KEY,
	trainee     TEXT NOT NULL,
	exercise    TEXT NOT NULL,
	template    TEXT NOT NULL,
	session     INTEGER NOT NULL,
	taken_at    TEXT NOT NULL, -- UTC, fixed width, so text order is time order
	overall     REAL NOT NULL,
	file_path   TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	UNIQUE (trainee, file_sha256)
);
CREATE INDEX attempt_by_trainee ON attempt (trainee, taken_at);
CREATE TABLE criterion_score (
	attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
	criterion  TEXT NOT NULL,
	name       TEXT NOT NULL,
	score      REAL NOT NULL,
	PRIMARY KEY (attempt_id, criterion)
);`,
	// 2: the program that wrote the file, and plausibility flags. Attempts
	// recorded before version 2 were never checked: flags_checked = 0 says
	// so, rather than passing them off as clean.
	`ALTER TABLE attempt ADD COLUMN app TEXT NOT NULL DEFAULT '';
ALTER TABLE attempt ADD COLUMN flags_checked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE plausibility_flag (
	attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
	code       TEXT NOT NULL,
	level      TEXT NOT NULL,
	message    TEXT NOT NULL,
	PRIMARY KEY (attempt_id, code)
);`,
	// 3: the course record (units.go): each criterion's fault codes, and
	// the instructor's competency rule ('' = every unit).
	`CREATE TABLE criterion_fault (
	attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
	criterion  TEXT NOT NULL,
	code       TEXT NOT NULL,
	PRIMARY KEY (attempt_id, criterion, code)
);
CREATE TABLE unit_rule (
	unit      TEXT PRIMARY KEY,
	last_n    INTEGER NOT NULL,
	min_score REAL NOT NULL
);`,
}

// Version is the schema version this package writes.
var Version = len(Migrations)

// timeLayout stores times in UTC at a fixed width, so that ordering the
// text orders the times.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Book is an open gradebook. It is safe for concurrent use.
type Book struct {
	db   *sql.DB
	path string
	// pg is true for a gradebook in PostgreSQL (postgres.go).
	pg bool
	// Migrated lists the versions Open upgraded through (empty when the
	// gradebook was already current), for the caller to mention.
	Migrated []int
	// ReadOnlyNote, set by OpenReadOnly when the file could only be read
	// as it lies on disk (read-only media), says so and why, for the
	// caller to print.
	ReadOnlyNote string
}

// Error is a problem with the gradebook file itself, naming it.
type Error struct {
	Path    string
	Problem string
	Err     error
}

func (e *Error) Error() string { return e.Path + ": " + e.Problem }

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// ErrNotExist is wrapped by OpenExisting's error for a missing gradebook.
var ErrNotExist = errors.New("gradebook does not exist")

// Open opens the gradebook at path, creating it when it does not exist,
// and migrates it to Version. A file that is not a gradebook is refused and
// left as it was.
func Open(path string) (*Book, error) { return open(path, true) }

// OpenExisting is Open for a gradebook that must already exist (to read a
// history, say): a missing file is an error wrapping ErrNotExist, not a new
// empty gradebook.
func OpenExisting(path string) (*Book, error) { return open(path, false) }

// OpenReadOnly opens an existing gradebook only to read it (history,
// reports): nothing is written, not even the switch to WAL mode or a
// migration, so it works on read-only media. Where SQLite cannot take its
// read locks there (a WAL gradebook on a read-only folder), the file is
// read as it lies on disk and ReadOnlyNote says so. A gradebook of an
// older schema must be upgraded (by record, on a writable copy) first.
func OpenReadOnly(path string) (*Book, error) {
	if IsPostgres(path) {
		// A database server keeps its own locks: reading is never
		// blocked there, and an existing gradebook is current once any
		// smpgrade has opened it to write.
		return openPostgres(path, false)
	}
	if err := checkPath(path, false); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Path: path, Problem: "cannot open: " + err.Error(), Err: err}
	}
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	if !strings.HasPrefix(filepath.ToSlash(abs), "/") {
		uri = "file:///" + strings.TrimPrefix((&url.URL{Path: filepath.ToSlash(abs)}).String(), "/") // Windows: C:/…
	}
	opts := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=query_only(1)&_pragma=trusted_schema(0)", BusyTimeout.Milliseconds())
	b, err := openRO(path, uri+"?mode=ro&"+opts)
	if err != nil && cannotLock(err) {
		// Read-only media: SQLite cannot create the lock files a WAL
		// gradebook needs beside it. Read the file as it is instead.
		if b, err = openRO(path, uri+"?mode=ro&immutable=1&"+opts); err == nil {
			b.ReadOnlyNote = "read as it is on disk, without locking: its folder is read-only (read-only media?), so attempts another smpgrade records meanwhile are not seen"
		}
	}
	return b, err
}

// openRO opens dsn read-only and checks that it is a current gradebook.
func openRO(path, dsn string) (*Book, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, &Error{Path: path, Problem: "cannot open: " + err.Error(), Err: err}
	}
	b := &Book{db: db, path: path}
	v, err := b.check()
	if err == nil && v < Version {
		err = &Error{Path: path, Problem: fmt.Sprintf("gradebook schema version %d must be upgraded to %d before it can be read: run smpgrade record on it (or on a writable copy) once", v, Version)}
	}
	if err == nil && v == 0 {
		err = &Error{Path: path, Problem: "an empty file, not a gradebook yet (record some attempts into it first)", Err: ErrNotExist}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return b, nil
}

// cannotLock reports SQLite errors that mean "cannot open or lock this
// file for reading here": SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_IOERR.
func cannotLock(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case 14, 8, 10: // CANTOPEN, READONLY, IOERR
		return true
	}
	return false
}

// checkPath refuses, before SQLite touches anything, a path that cannot
// be a gradebook: no name, a '?', not a regular file, not an SQLite file,
// or (unless create) a missing one.
func checkPath(path string, create bool) error {
	if path == "" {
		return &Error{Path: `""`, Problem: "no gradebook file named"}
	}
	if strings.ContainsRune(path, '?') {
		// The driver reads everything after '?' as its options.
		return &Error{Path: path, Problem: "a gradebook path may not contain '?'"}
	}
	switch fi, err := os.Stat(path); {
	case errors.Is(err, os.ErrNotExist):
		if !create {
			return &Error{Path: path, Problem: "no such gradebook (record some attempts into it first)", Err: ErrNotExist}
		}
	case err != nil:
		return &Error{Path: path, Problem: "cannot open: " + err.Error(), Err: err}
	case !fi.Mode().IsRegular():
		return &Error{Path: path, Problem: "not a regular file, so not a gradebook"}
	default:
		return checkHeader(path, fi.Size())
	}
	return nil
}

func open(path string, create bool) (*Book, error) {
	if IsPostgres(path) {
		return openPostgres(path, create)
	}
	if err := checkPath(path, create); err != nil {
		return nil, err
	}
	dsn := path
	if strings.HasPrefix(dsn, "file:") {
		dsn = "./" + dsn // a plain path, not a URI
	}
	// Per connection: wait for other writers; enforce the foreign keys;
	// WAL makes NORMAL sync safe against corruption (a power cut may lose
	// the last attempt, never the book); trusted_schema off, so a hostile
	// file's triggers and views cannot call functions with side effects;
	// BEGIN IMMEDIATE, so a writer takes the lock up front instead of
	// failing on upgrade.
	dsn += fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=trusted_schema(0)&_txlock=immediate",
		BusyTimeout.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, &Error{Path: path, Problem: "cannot open: " + err.Error(), Err: err}
	}
	b := &Book{db: db, path: path}
	if err := b.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return b, nil
}

// checkHeader refuses a non-empty file that is not an SQLite database
// before the driver can touch it.
func checkHeader(path string, size int64) error {
	if size == 0 {
		return nil // SQLite treats an empty file as an empty database
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{Path: path, Problem: "cannot open: " + err.Error(), Err: err}
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte(sqliteHeader)) {
		return &Error{Path: path, Problem: "not an SQLite database, so not a gradebook (left untouched)"}
	}
	return nil
}

// Path is the gradebook's file.
func (b *Book) Path() string { return b.path }

// Close closes the gradebook.
func (b *Book) Close() error { return b.db.Close() }

// wrap names the gradebook in a database error.
func (b *Book) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	var ge *Error
	if errors.As(err, &ge) {
		return err
	}
	return &Error{Path: b.path, Problem: what + ": " + err.Error(), Err: err}
}

// migrate checks that the file is a gradebook (or empty), switches it to
// WAL mode and brings the schema to Version. Nothing is written before the
// checks pass, so another program's database is left as it was. The
// migration runs in one IMMEDIATE transaction that re-reads the version,
// so two processes opening a new gradebook at once migrate it once.
func (b *Book) migrate() error {
	v, err := b.check()
	if err != nil {
		return err
	}
	// WAL lets readers and a writer work at once; the mode is stored in
	// the file, and cannot change inside a transaction.
	if err := b.wal(); err != nil {
		return b.wrap("cannot switch to WAL mode", err)
	}
	if v == Version {
		return nil
	}
	tx, err := b.db.BeginTx(context.Background(), nil)
	if err != nil {
		return b.wrap("cannot migrate", err)
	}
	defer tx.Rollback()
	if v, err = b.identify(tx); err != nil {
		return err
	}
	for ; v < Version; v++ {
		if _, err := tx.Exec(Migrations[v]); err != nil {
			return b.wrap(fmt.Sprintf("migration to schema version %d failed", v+1), err)
		}
		b.Migrated = append(b.Migrated, v+1)
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", Version)); err != nil {
		return b.wrap("cannot set the schema version", err)
	}
	return b.wrap("cannot save the migrated schema", tx.Commit())
}

// sqliteBusy is SQLite's primary result code SQLITE_BUSY.
const sqliteBusy = 5

// wal switches the file to WAL mode, once. SQLite does not call the busy
// handler while it changes the journal mode, so when another process holds
// the file (say, creating it at the same moment) this retries until
// BusyTimeout.
func (b *Book) wal() error {
	deadline := time.Now().Add(BusyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		var mode string
		err := b.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
		if err == nil && strings.EqualFold(mode, "wal") {
			return nil
		}
		if err == nil {
			err = b.db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode)
			if err == nil && strings.EqualFold(mode, "wal") {
				return nil
			}
			if err == nil {
				return fmt.Errorf("journal mode stayed %q", mode)
			}
		}
		var se *sqlite.Error
		if !errors.As(err, &se) || se.Code()&0xff != sqliteBusy || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
	}
}

// identify returns the schema version, or an error when the database is
// not a gradebook this package can use.
func (b *Book) identify(q interface {
	QueryRow(query string, args ...any) *sql.Row
}) (int, error) {
	// One statement, so one snapshot: another process may be migrating.
	var v, app, n int
	if err := q.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT application_id FROM pragma_application_id),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&v, &app, &n); err != nil {
		return 0, b.wrap("cannot open as a gradebook", err)
	}
	switch {
	case v == 0 && app == 0 && n == 0:
		return 0, nil // new: only an empty database becomes a gradebook
	case app != ApplicationID:
		return 0, &Error{Path: b.path, Problem: "an SQLite database of another program, not a gradebook (left untouched)"}
	case v > Version:
		return 0, &Error{Path: b.path, Problem: fmt.Sprintf("gradebook schema version %d is newer than this smpgrade knows (%d): use a newer smpgrade", v, Version)}
	case v < 1 && n > 0:
		return 0, &Error{Path: b.path, Problem: "a gradebook with tables but no schema version: damaged"}
	}
	return v, nil
}

// check identifies the gradebook and compares its tables, columns, indexes
// and triggers with the schema its version should have, in one read
// transaction (another process may be migrating it). Nothing is written:
// a file whose schema is not ours is refused whole and left as it was,
// before WAL mode or a migration could change it.
func (b *Book) check() (int, error) {
	ctx := context.Background()
	conn, err := b.db.Conn(ctx)
	if err != nil {
		return 0, b.wrap("cannot open as a gradebook", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return 0, b.wrap("cannot open as a gradebook", err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	v, err := b.identify(onConn{conn})
	if err != nil || v == 0 {
		return v, err
	}
	got, err := describeSchema(conn)
	if err != nil {
		return 0, b.wrap("cannot read the gradebook's schema", err)
	}
	want, err := expectedSchema(v)
	if err != nil {
		return 0, b.wrap("cannot build the reference schema", err)
	}
	if d := schemaDiff(want, got); d != "" {
		return 0, &Error{Path: b.path, Problem: fmt.Sprintf("marked as a gradebook (schema version %d), but its tables are not a gradebook's (%s): damaged or edited, left untouched", v, d)}
	}
	return v, nil
}

// onConn gives a connection the QueryRow of a database or transaction.
type onConn struct{ c *sql.Conn }

func (q onConn) QueryRow(query string, args ...any) *sql.Row {
	return q.c.QueryRowContext(context.Background(), query, args...)
}

// schemaQuery lists every table column, index and trigger: one line each.
const schemaQuery = `SELECT m.type || ' ' || m.name || coalesce(' column ' || p.name || ' ' || upper(p.type) ||
	CASE WHEN p."notnull" THEN ' not null' ELSE '' END || CASE WHEN p.pk > 0 THEN ' pk' ELSE '' END, '')
FROM sqlite_schema AS m LEFT JOIN pragma_table_info(m.name) AS p ON m.type = 'table'
WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY 1`

// describeSchema returns schemaQuery's lines.
func describeSchema(q ctxQuerier) ([]string, error) { return queryLines(q, schemaQuery) }

// ctxQuerier is what queryLines needs: a *sql.DB, *sql.Tx or *sql.Conn
// (a Conn has only the context form, so querier does not fit).
type ctxQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryLines runs query, whose rows are one text column, and returns them.
// The SQLite and PostgreSQL schema checks both describe a schema this way.
func queryLines(q ctxQuerier, query string) ([]string, error) {
	rows, err := q.QueryContext(context.Background(), query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

var (
	expectedMu sync.Mutex
	expected   = map[int][]string{}
)

// expectedSchema is describeSchema of a fresh database taken through the
// first v migrations: the one home of what a version-v gradebook holds.
func expectedSchema(v int) ([]string, error) {
	expectedMu.Lock()
	defer expectedMu.Unlock()
	if s, ok := expected[v]; ok {
		return s, nil
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	for _, m := range Migrations[:v] {
		if _, err := db.Exec(m); err != nil {
			return nil, err
		}
	}
	s, err := describeSchema(db)
	if err != nil {
		return nil, err
	}
	expected[v] = s
	return s, nil
}

// schemaDiff names the first difference between two schema descriptions,
// or returns "".
func schemaDiff(want, got []string) string {
	has := make(map[string]bool, len(got))
	for _, l := range got {
		has[l] = true
	}
	for _, l := range want {
		if !has[l] {
			return "no " + l
		}
		delete(has, l)
	}
	for _, l := range got {
		if has[l] {
			return "an unexpected " + l
		}
	}
	return ""
}

// SchemaVersion returns the gradebook's PRAGMA user_version.
func (b *Book) SchemaVersion() (int, error) {
	var v int
	if b.pg {
		err := b.db.QueryRow(`SELECT version FROM ` + metaTable).Scan(&v)
		return v, b.wrap("cannot read the schema version", err)
	}
	err := b.db.QueryRow("PRAGMA user_version").Scan(&v)
	return v, b.wrap("cannot read the schema version", err)
}

// Score is one criterion's score in an attempt.
type Score struct {
	// ID is the criterion id (score.IDDensity and so on).
	ID string `json:"id"`
	// Name is its display name.
	Name string `json:"name"`
	// Score is 0–100.
	Score float64 `json:"score"`
}

// Flag is one plausibility flag of an attempt (see sim/plausibility).
type Flag struct {
	Code    string `json:"code"`
	Level   string `json:"level"`
	Message string `json:"message"`
}

// Attempt is one graded file.
type Attempt struct {
	// ID is the row id, set by Record and History.
	ID int64 `json:"id"`
	// Trainee names who did the work; required.
	Trainee string `json:"trainee"`
	// Exercise is the exercise id, "" for free practice.
	Exercise string `json:"exercise"`
	// Template is the scalp template id.
	Template string `json:"template"`
	// Session is the treatment session graded, 1–3.
	Session int `json:"session"`
	// Date is when the work was done (the file's saved time, or when it
	// was recorded if the file does not say).
	Date time.Time `json:"date"`
	// Overall is the overall score, 0–100 (Record refuses others).
	Overall float64 `json:"overall"`
	// Criteria are the criterion scores, in the report's order.
	Criteria []Score `json:"criteria"`
	// File is the path the attempt was recorded from.
	File string `json:"file"`
	// FileSHA256 is the SHA-256 of the file's bytes (lower-case hex): the
	// same file recorded again for the same trainee is not a new attempt.
	FileSHA256 string `json:"file_sha256"`
	// App is the program that wrote the file, "" when unknown.
	App string `json:"app"`
	// FlagsChecked is false for attempts recorded by a gradebook version
	// that did not check plausibility: their Flags are unknown, not none.
	FlagsChecked bool `json:"flags_checked"`
	// Flags are the plausibility flags raised on the file.
	Flags []Flag `json:"flags"`
	// Faults are the fault codes the criteria named (FaultsOf), which the
	// course record counts (units.go); empty for attempts recorded before
	// the gradebook kept them.
	Faults []Fault `json:"faults"`
}

// Limits on what Record stores, so a hostile file name or a bug cannot
// bloat the gradebook: far above any real value.
const (
	maxText  = 4096
	maxItems = 256
)

// validate checks an attempt before it is written.
func (a *Attempt) validate() error {
	if strings.TrimSpace(a.Trainee) == "" {
		return errors.New("no trainee name")
	}
	if p := name.Problem(a.Trainee); p != "" {
		return fmt.Errorf("trainee name %q %s", name.Clean(a.Trainee), p)
	}
	texts := []struct{ name, v string }{
		{"trainee", a.Trainee}, {"exercise", a.Exercise}, {"template", a.Template},
		{"file", a.File}, {"file hash", a.FileSHA256}, {"app", a.App},
	}
	for _, t := range texts {
		if len(t.v) > maxText {
			return fmt.Errorf("%s is %d bytes long (at most %d)", t.name, len(t.v), maxText)
		}
	}
	if len(a.Criteria) > maxItems || len(a.Flags) > maxItems {
		return fmt.Errorf("too many criteria or flags (at most %d each)", maxItems)
	}
	// Scores are 0–100 (score.Report); anything else is a bug upstream,
	// and would make trends meaningless.
	inRange := func(v float64) bool { return v >= 0 && v <= 100 }
	if !inRange(a.Overall) {
		return fmt.Errorf("overall score %v is not a number from 0 to 100", a.Overall)
	}
	seen := map[string]bool{}
	for _, c := range a.Criteria {
		if !inRange(c.Score) {
			return fmt.Errorf("criterion %q score %v is not a number from 0 to 100", c.ID, c.Score)
		}
		if seen[c.ID] {
			return fmt.Errorf("criterion %q given twice", c.ID)
		}
		if len(c.ID) > maxText || len(c.Name) > maxText {
			return fmt.Errorf("criterion id or name over %d bytes", maxText)
		}
		seen[c.ID] = true
	}
	if err := a.validateFaults(); err != nil {
		return err
	}
	seen = map[string]bool{}
	for _, f := range a.Flags {
		if seen[f.Code] {
			return fmt.Errorf("flag %q given twice", f.Code)
		}
		if len(f.Code)+len(f.Level)+len(f.Message) > maxText {
			return fmt.Errorf("flag %q over %d bytes", f.Code, maxText)
		}
		seen[f.Code] = true
	}
	return nil
}

// Record stores a graded attempt and reports whether it was new: the same
// file (by FileSHA256) recorded again for the same trainee is not stored
// twice, and its existing id is returned. A zero Date is stored as now.
// The attempt and its scores and flags are written in one transaction.
func (b *Book) Record(a *Attempt) (id int64, added bool, err error) { return b.record(a, true) }

// boolInt is a flag as the schema's INTEGER 0 or 1 (PostgreSQL does not
// turn a bool into an integer).
func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// record is Record, storing whether plausibility was checked: Copy keeps
// an old attempt's "unchecked".
func (b *Book) record(a *Attempt, flagsChecked bool) (id int64, added bool, err error) {
	if err := a.validate(); err != nil {
		return 0, false, err
	}
	now := time.Now()
	date := a.Date
	if date.IsZero() {
		date = now
	}
	tx, err := b.db.Begin()
	if err != nil {
		return 0, false, b.wrap("cannot write", err)
	}
	defer tx.Rollback()
	// RETURNING gives the new id in both databases (PostgreSQL has no
	// LastInsertId), and no row when the file is already recorded.
	err = tx.QueryRow(`INSERT INTO attempt
		(trainee, exercise, template, session, taken_at, overall, file_path, file_sha256, recorded_at, app, flags_checked)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (trainee, file_sha256) DO NOTHING RETURNING id`,
		a.Trainee, a.Exercise, a.Template, a.Session, date.UTC().Format(timeLayout), a.Overall,
		a.File, a.FileSHA256, now.UTC().Format(timeLayout), a.App, boolInt(flagsChecked)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err := tx.QueryRow(`SELECT id FROM attempt WHERE trainee = ? AND file_sha256 = ?`, a.Trainee, a.FileSHA256).Scan(&id)
		return id, false, b.wrap("cannot find the recorded attempt", err)
	}
	if err != nil {
		return 0, false, b.wrap("cannot record the attempt", err)
	}
	for _, c := range a.Criteria {
		if _, err := tx.Exec(`INSERT INTO criterion_score (attempt_id, criterion, name, score) VALUES (?, ?, ?, ?)`,
			id, c.ID, c.Name, c.Score); err != nil {
			return 0, false, b.wrap("cannot record a criterion score", err)
		}
	}
	for _, f := range a.Flags {
		if _, err := tx.Exec(`INSERT INTO plausibility_flag (attempt_id, code, level, message) VALUES (?, ?, ?, ?)`,
			id, f.Code, f.Level, f.Message); err != nil {
			return 0, false, b.wrap("cannot record a plausibility flag", err)
		}
	}
	if err := recordFaults(tx, id, a); err != nil {
		return 0, false, b.wrap("cannot record a fault", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, b.wrap("cannot save the attempt", err)
	}
	return id, true, nil
}

// Trainees returns every trainee with an attempt, sorted.
func (b *Book) Trainees() ([]string, error) {
	var out []string
	err := b.eachRow(b.db, "cannot list trainees", `SELECT DISTINCT trainee FROM attempt ORDER BY trainee`, func(rows *sql.Rows) error {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// querier is what eachRow reads through: the database or a transaction.
type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query with args on q and calls row for each result row,
// then closes the rows. An error (the query's, a row's or the
// iteration's) stops it and comes back wrapped with what; an *Error a row
// returns comes back as it is.
func (b *Book) eachRow(q querier, what, query string, row func(*sql.Rows) error, args ...any) error {
	rows, err := q.Query(query, args...)
	if err != nil {
		return b.wrap(what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return b.wrap(what, err)
		}
	}
	return b.wrap(what, rows.Err())
}

// Attempts returns a trainee's attempts, oldest first (ties in recording
// order), with their scores and flags. An unknown trainee has none.
func (b *Book) Attempts(trainee string) ([]Attempt, error) {
	tx, err := b.db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, b.wrap("cannot read", err)
	}
	defer tx.Rollback() // one snapshot for the three queries
	var out []Attempt
	byID := map[int64]int{}
	err = b.eachRow(tx, "cannot read attempts", `SELECT id, trainee, exercise, template, session, taken_at, overall,
		file_path, file_sha256, app, flags_checked FROM attempt WHERE trainee = ? ORDER BY taken_at, id`, func(rows *sql.Rows) error {
		var a Attempt
		var date string
		if err := rows.Scan(&a.ID, &a.Trainee, &a.Exercise, &a.Template, &a.Session, &date, &a.Overall,
			&a.File, &a.FileSHA256, &a.App, &a.FlagsChecked); err != nil {
			return err
		}
		var err error
		if a.Date, err = time.Parse(timeLayout, date); err != nil {
			return &Error{Path: b.path, Problem: fmt.Sprintf("attempt %d: date %q is not a date", a.ID, date)}
		}
		a.Criteria, a.Flags, a.Faults = []Score{}, []Flag{}, []Fault{}
		byID[a.ID] = len(out)
		out = append(out, a)
		return nil
	}, trainee)
	if err != nil {
		return nil, err
	}
	err = b.eachRow(tx, "cannot read scores", `SELECT s.attempt_id, s.criterion, s.name, s.score FROM criterion_score s
		JOIN attempt a ON a.id = s.attempt_id WHERE a.trainee = ? ORDER BY s.attempt_id, s.rowid`, func(rows *sql.Rows) error {
		var id int64
		var s Score
		if err := rows.Scan(&id, &s.ID, &s.Name, &s.Score); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			out[i].Criteria = append(out[i].Criteria, s)
		}
		return nil
	}, trainee)
	if err != nil {
		return nil, err
	}
	err = b.eachRow(tx, "cannot read flags", `SELECT f.attempt_id, f.code, f.level, f.message FROM plausibility_flag f
		JOIN attempt a ON a.id = f.attempt_id WHERE a.trainee = ? ORDER BY f.attempt_id, f.rowid`, func(rows *sql.Rows) error {
		var id int64
		var f Flag
		if err := rows.Scan(&id, &f.Code, &f.Level, &f.Message); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			out[i].Flags = append(out[i].Flags, f)
		}
		return nil
	}, trainee)
	if err != nil {
		return nil, err
	}
	if err := b.readFaults(tx, trainee, out, byID); err != nil {
		return nil, err
	}
	return out, nil
}

// OverallID is the criterion id History uses for the overall score.
const OverallID = "overall"

// History is one trainee's progress: every attempt and, per exercise, a
// trend per criterion.
type History struct {
	Trainee  string    `json:"trainee"`
	Attempts []Attempt `json:"attempts"`
	// Criteria are the criterion ids seen, overall first, then in the
	// order the attempts list them.
	Criteria []string `json:"criteria"`
	// Names maps a criterion id to its display name.
	Names map[string]string `json:"names"`
	// Trends has one entry per exercise (Drill) and criterion scored in
	// it: exercises in the order of their first attempt, criteria in the
	// order of Criteria. Scores of different exercises are never mixed in
	// one trend: a hairline drill and square practice are not one skill
	// getting better or worse.
	Trends []Trend `json:"trends"`
	// Units is the course record: each unit's evidence and verdict under
	// Rule (units.go). History fills it; NewHistory leaves it empty.
	Units []UnitRecord `json:"units"`
	// Rule is the competency rule the verdicts follow.
	Rule Rule `json:"rule"`
}

// Trend is one criterion's scores over a trainee's attempts at one
// exercise.
type Trend struct {
	// Exercise is the attempts' Drill.
	Exercise  string `json:"exercise"`
	Criterion string `json:"criterion"`
	// Points are the scores in date order (attempts where the criterion
	// did not apply are left out).
	Points []Point `json:"points"`
	// First, Last, Best and Mean summarise the points; Change is Last −
	// First.
	First  float64 `json:"first"`
	Last   float64 `json:"last"`
	Best   float64 `json:"best"`
	Mean   float64 `json:"mean"`
	Change float64 `json:"change"`
	// Days is the time from the first point to the last, in days.
	Days float64 `json:"days"`
	// PerWeek is the least-squares slope in score points per week, nil
	// (JSON null) unless the points span at least MinTrendSpan: a rate
	// per week read off one afternoon's attempts minutes apart is
	// noise multiplied by thousands, not progress.
	PerWeek *float64 `json:"per_week"`
}

// MinTrendSpan is the least time from first to last attempt of an
// exercise over which History gives a rate per week. *Model assumption*:
// two days is the shortest span that separates progress between sittings
// from one sitting's warm-up and fatigue.
const MinTrendSpan = 48 * time.Hour

// Point is one score at one date.
type Point struct {
	Date      time.Time `json:"date"`
	Score     float64   `json:"score"`
	AttemptID int64     `json:"attempt_id"`
}

// Drill names what an attempt practised, the unit trends are kept per:
// its exercise id, or "free practice on TEMPLATE" when it was free
// practice (different templates are different work).
func (a *Attempt) Drill() string {
	if a.Exercise != "" {
		return a.Exercise
	}
	return "free practice on " + a.Template
}

// History returns trainee's attempts and per-exercise, per-criterion
// trends; an unknown trainee has an empty history.
func (b *Book) History(trainee string) (*History, error) {
	atts, err := b.Attempts(trainee)
	if err != nil {
		return nil, err
	}
	h := NewHistory(trainee, atts)
	if h.Rule, err = b.CompetencyRule(); err != nil {
		return nil, err
	}
	h.Units = CourseRecord(h.Attempts, h.Rule)
	return h, nil
}

// NewHistory builds trainee's history from attempts already in date order.
func NewHistory(trainee string, atts []Attempt) *History {
	h := &History{Trainee: trainee, Attempts: atts, Criteria: []string{}, Names: map[string]string{}, Trends: []Trend{}}
	if atts == nil {
		h.Attempts = []Attempt{}
	}
	type key struct{ drill, id string }
	pts := map[key][]Point{}
	var drills []string
	seenCrit := map[string]bool{}
	add := func(drill, id, name string, p Point) {
		if !seenCrit[id] {
			seenCrit[id] = true
			h.Criteria = append(h.Criteria, id)
			h.Names[id] = name
		}
		pts[key{drill, id}] = append(pts[key{drill, id}], p)
	}
	for i := range atts {
		a := &atts[i]
		d := a.Drill()
		if _, ok := pts[key{d, OverallID}]; !ok {
			drills = append(drills, d)
		}
		add(d, OverallID, "Overall", Point{a.Date, a.Overall, a.ID})
		for _, c := range a.Criteria {
			add(d, c.ID, c.Name, Point{a.Date, c.Score, a.ID})
		}
	}
	for _, d := range drills {
		for _, id := range h.Criteria {
			if p, ok := pts[key{d, id}]; ok {
				h.Trends = append(h.Trends, trend(d, id, p))
			}
		}
	}
	return h
}

// trend summarises points already in date order.
func trend(drill, id string, pts []Point) Trend {
	t := Trend{Exercise: drill, Criterion: id, Points: pts}
	if len(pts) == 0 {
		t.Points = []Point{}
		return t
	}
	t.First, t.Last = pts[0].Score, pts[len(pts)-1].Score
	t.Change = t.Last - t.First
	t.Best = math.Inf(-1)
	t0 := pts[0].Date
	span := pts[len(pts)-1].Date.Sub(t0)
	t.Days = span.Hours() / 24
	var sx, sy float64
	weeks := func(p Point) float64 { return p.Date.Sub(t0).Hours() / (24 * 7) }
	for _, p := range pts {
		t.Best = math.Max(t.Best, p.Score)
		sx += weeks(p)
		sy += p.Score
	}
	n := float64(len(pts))
	t.Mean = sy / n
	if span < MinTrendSpan {
		return t
	}
	mx := sx / n
	var sxx, sxy float64
	for _, p := range pts {
		dx := weeks(p) - mx
		sxx += dx * dx
		sxy += dx * (p.Score - t.Mean)
	}
	if sxx > 1e-12 {
		slope := sxy / sxx
		t.PerWeek = &slope
	}
	return t
}

// SortedByDate reports whether attempts are in date order (a check for
// callers and tests).
func SortedByDate(atts []Attempt) bool {
	return sort.SliceIsSorted(atts, func(i, j int) bool { return atts[i].Date.Before(atts[j].Date) })
}
