package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/pgtest"
)

// TestGradebookCopyToPostgres is the README's move of a class's SQLite
// gradebook into PostgreSQL, as an instructor types it: record into a
// file, copy it across, and history reads the same from either.
func TestGradebookCopyToPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	srv := pgtest.Start(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "course.db")
	if code, out, errOut := run("record", "--db", file, attemptFile(t, dir, "ann", 1, 5, 1),
		attemptFile(t, dir, "ann", 2, 20, 2), attemptFile(t, dir, "bob", 1, 7, 3)); code != 0 {
		t.Fatalf("record: exit %d\n%s%s", code, out, errOut)
	}
	pg := pgtest.NewDatabase(t, srv.DSN)
	code, out, errOut := run("gradebook", "copy", "--from", file, "--to", pg)
	if code != 0 || !strings.Contains(out, "3 attempts copied, 0 already there") {
		t.Fatalf("copy: exit %d\n%s%s", code, out, errOut)
	}
	_, fromFile, _ := run("history", "--db", file)
	code, fromPG, errOut := run("history", "--db", pg)
	if code != 0 || fromPG != fromFile {
		t.Errorf("history from PostgreSQL (exit %d, %s):\n%s\nfrom the file:\n%s", code, errOut, fromPG, fromFile)
	}
	if code, out, _ := run("gradebook", "copy", "--from", file, "--to", pg); code != 0 || !strings.Contains(out, "0 attempts copied, 3 already there") {
		t.Errorf("second copy: exit %d, %s", code, out)
	}
	if code, _, errOut := run("gradebook", "copy", "--from", filepath.Join(dir, "none.db"), "--to", pg); code != exitFailed || !strings.Contains(errOut, "none.db") {
		t.Errorf("missing source: exit %d, %q", code, errOut)
	}
}
