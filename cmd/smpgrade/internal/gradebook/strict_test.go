package gradebook

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusesOurIDWithABrokenSchema: a file marked as a gradebook whose
// tables are not a gradebook's is refused whole, by Open and OpenReadOnly
// alike, and left byte for byte as it was: not even switched to WAL.
func TestRefusesOurIDWithABrokenSchema(t *testing.T) {
	dir := t.TempDir()
	mk := func(name, ddl string, version int) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d; %s", ApplicationID, version, ddl)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]string{
		"missing table": mk("missing.gradebook", "CREATE TABLE attempt (id INTEGER PRIMARY KEY)", Version),
		"missing column": mk("column.gradebook", strings.Replace(strings.Join(Migrations, "\n"),
			"ALTER TABLE attempt ADD COLUMN flags_checked INTEGER NOT NULL DEFAULT 0;", "", 1), Version),
		"extra trigger": mk("trigger.gradebook", strings.Join(Migrations, "\n")+
			"\nCREATE TRIGGER t AFTER INSERT ON attempt BEGIN DELETE FROM attempt; END;", Version),
		"old, broken": mk("old.gradebook", "CREATE TABLE attempt (x)", 1),
	}
	for name, p := range cases {
		before := sum(t, p)
		for _, open := range []func(string) (*Book, error){Open, OpenReadOnly} {
			b, err := open(p)
			if err == nil {
				b.Close()
				t.Errorf("%s: opened", name)
				continue
			}
			if msg := err.Error(); !strings.HasPrefix(msg, p+": ") || !strings.Contains(msg, "not a gradebook's") || strings.Contains(msg, "\n") {
				t.Errorf("%s: %v, want one line naming the file and the schema", name, err)
			}
		}
		if after := sum(t, p); after != before {
			t.Errorf("%s: the refused file was changed", name)
		}
		if _, err := os.Stat(p + "-wal"); err == nil {
			t.Errorf("%s: a -wal file appeared: the refused file was switched to WAL", name)
		}
	}
}

// TestOpenReadOnlyWritesNothing: history's open reads a gradebook without
// changing a byte of it, and refuses to write.
func TestOpenReadOnlyWritesNothing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "class.gradebook")
	b, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		a := attempt("ann", i)
		if _, _, err := b.Record(&a); err != nil {
			t.Fatal(err)
		}
	}
	b.Close()
	before := sum(t, p)
	r, err := OpenReadOnly(p)
	if err != nil {
		t.Fatal(err)
	}
	atts, err := r.Attempts("ann")
	if err != nil || len(atts) != 3 {
		t.Fatalf("read-only: %d attempts, %v", len(atts), err)
	}
	a := attempt("bob", 0)
	if _, _, err := r.Record(&a); err == nil {
		t.Error("a read-only gradebook recorded an attempt")
	}
	r.Close()
	if sum(t, p) != before {
		t.Error("reading the gradebook changed it")
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "none.gradebook")); err == nil || !strings.Contains(err.Error(), "no such gradebook") {
		t.Errorf("missing: %v", err)
	}
}
