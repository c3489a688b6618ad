package gradebook

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/pgtest"
)

// pgEnv holds the PostgreSQL server's DSN in the test binary that
// TestPostgres runs: there every test's gradebook is a new database on it.
const pgEnv = "GRADEBOOK_TEST_PG"

// TestPostgres runs every other test of this package again against a real
// PostgreSQL server that it starts and stops itself: the same tests, the
// same migrations, the other database.
func TestPostgres(t *testing.T) {
	if os.Getenv(pgEnv) != "" {
		t.Skip("this is the PostgreSQL run")
	}
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	srv := pgtest.Start(t)
	args := []string{"-test.skip=^TestPostgres$", "-test.count=1", "-test.run=^Test"}
	if testing.Verbose() {
		args = append(args, "-test.v")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), pgEnv+"="+srv.DSN)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("the gradebook tests against PostgreSQL: %v\n%s", err, out)
	}
	t.Logf("against PostgreSQL:\n%s", out)

	// And a database of another program is refused and left as it was.
	other := pgtest.NewDatabase(t, srv.DSN)
	db, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE invoices (id INT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(other); err == nil || !strings.Contains(err.Error(), "another program") {
		t.Errorf("another program's database: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the other database was changed: %d tables, %v", n, err)
	}
	if _, err := OpenExisting(pgtest.NewDatabase(t, srv.DSN)); err == nil || !strings.Contains(err.Error(), "no gradebook") {
		t.Errorf("OpenExisting on an empty database: %v", err)
	}

	testPostgresDrift(t, srv.DSN)
}

// testPostgresDrift: a PostgreSQL gradebook whose tables have drifted from
// its migrations (by hand, or by another program) is refused by every
// open with one line naming the database and the first difference, and
// left as it was; an intact one reopens, and the check leaves nothing
// behind (its reference is built in a temporary schema and rolled back).
func testPostgresDrift(t *testing.T, server string) {
	intact := pgtest.NewDatabase(t, server)
	b, err := Open(intact)
	if err != nil {
		t.Fatal(err)
	}
	a := attempt("ann", 0)
	if _, _, err := b.Record(&a); err != nil {
		t.Fatal(err)
	}
	b.Close()
	for _, open := range []func(string) (*Book, error){Open, OpenExisting, OpenReadOnly} {
		b, err := open(intact)
		if err != nil {
			t.Fatalf("an intact gradebook: %v", err)
		}
		if atts, err := b.Attempts("ann"); err != nil || len(atts) != 1 {
			t.Errorf("the intact gradebook reopened holds %v, %v", atts, err)
		}
		b.Close()
	}

	for drift, want := range map[string]string{
		`ALTER TABLE attempt DROP COLUMN app`:                                 "no table attempt column app TEXT not null",
		`ALTER TABLE criterion_score ALTER COLUMN score TYPE REAL`:            "no table criterion_score column score DOUBLE PRECISION not null",
		`ALTER TABLE attempt ALTER COLUMN trainee DROP NOT NULL`:              "no table attempt column trainee TEXT not null",
		`DROP TABLE unit_rule`:                                                "no table unit_rule column",
		`CREATE INDEX by_exercise ON attempt (exercise)`:                      "an unexpected table attempt index by_exercise",
		`ALTER TABLE attempt DROP CONSTRAINT attempt_trainee_file_sha256_key`: "no table attempt index attempt_trainee_file_sha256_key",
	} {
		dsn := pgtest.NewDatabase(t, server)
		b, err := Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		b.Close()
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(drift); err != nil {
			t.Fatalf("%s: %v", drift, err)
		}
		before, err := describePG(db, "current_schema()")
		if err != nil {
			t.Fatal(err)
		}
		for _, open := range []func(string) (*Book, error){Open, OpenExisting, OpenReadOnly} {
			b, err := open(dsn)
			if err == nil {
				b.Close()
				t.Errorf("after %s: opened", drift)
				continue
			}
			if msg := err.Error(); !strings.HasPrefix(msg, redact(dsn)+": ") || !strings.Contains(msg, "not a gradebook's ("+want) || strings.Contains(msg, "\n") {
				t.Errorf("after %s: %v\nwant one line naming the database and %q", drift, err, want)
			}
		}
		after, err := describePG(db, "current_schema()")
		if err != nil || fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("after %s: the refused database was changed (%v)", drift, err)
		}
		var temps int
		if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema LIKE 'pg_temp%'`).Scan(&temps); err != nil || temps != 0 {
			t.Errorf("the check left %d temporary tables (%v)", temps, err)
		}
		db.Close()
	}
}

func TestPGQuery(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT a FROM t WHERE x = ? AND y = '?' AND z = ?`: `SELECT a FROM t WHERE x = $1 AND y = '?' AND z = $2`,
		`ORDER BY f.attempt_id, f.rowid`:                    `ORDER BY f.attempt_id, f.ctid`,
	} {
		if got := pgQuery(in); got != want {
			t.Errorf("pgQuery(%q) = %q, want %q", in, got, want)
		}
	}
	m := pgMigration("PRAGMA application_id = 1;\nCREATE TABLE a (\n\tid          INTEGER PRIMARY KEY,\n\tv REAL NOT NULL\n);")
	if strings.Contains(m, "PRAGMA") || !strings.Contains(m, "GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY") || !strings.Contains(m, "v DOUBLE PRECISION") {
		t.Errorf("pgMigration: %q", m)
	}
}

// TestCopy moves a gradebook file into a new gradebook (a database in the
// PostgreSQL run): every attempt as it was, the rule too, and a second
// copy adds nothing.
func TestCopy(t *testing.T) {
	src, err := Open(filepath.Join(t.TempDir(), "old.gradebook"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for i := range 3 {
		for _, tr := range []string{"ann", "bob"} {
			a := attempt(tr, i)
			a.Faults = []Fault{{Criterion: "density", Code: "sparse"}}
			if _, _, err := src.Record(&a); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := src.SetCompetencyRule(Rule{Last: 2, Min: 70}); err != nil {
		t.Fatal(err)
	}
	dst, _ := openTemp(t)
	st, err := src.Copy(dst)
	if err != nil || st.Added != 6 || st.Already != 0 {
		t.Fatalf("copy: %+v, %v", st, err)
	}
	for _, tr := range []string{"ann", "bob"} {
		want, _ := src.Attempts(tr)
		got, err := dst.Attempts(tr)
		if err != nil || len(got) != len(want) {
			t.Fatalf("%s: %d attempts copied of %d, %v", tr, len(got), len(want), err)
		}
		for i := range want {
			want[i].ID, got[i].ID = 0, 0
			if fmt.Sprint(want[i]) != fmt.Sprint(got[i]) {
				t.Errorf("copied\n%+v\nwant\n%+v", got[i], want[i])
			}
		}
	}
	if r, err := dst.CompetencyRule(); err != nil || r != (Rule{Last: 2, Min: 70}) {
		t.Errorf("rule %v, %v", r, err)
	}
	if st, err := src.Copy(dst); err != nil || st.Added != 0 || st.Already != 6 {
		t.Errorf("second copy: %+v, %v", st, err)
	}
}
