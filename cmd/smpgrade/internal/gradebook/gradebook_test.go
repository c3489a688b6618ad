package gradebook

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/pgtest"
)

// childEnv makes the test binary a recording child process (see
// TestConcurrentProcesses).
const childEnv = "GRADEBOOK_TEST_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

// child records attempts as one process: spec is "PATH|WORKER|COUNT".
func child(spec string) int {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 {
		fmt.Fprintln(os.Stderr, "bad child spec", spec)
		return 3
	}
	w, _ := strconv.Atoi(parts[1])
	n, _ := strconv.Atoi(parts[2])
	b, err := Open(parts[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer b.Close()
	for i := range n {
		a := attempt(fmt.Sprintf("proc%d", w), i)
		if _, _, err := b.Record(&a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		// Every child also records one shared file for one trainee: only
		// the first may add it.
		shared := attempt("shared", 0)
		if _, _, err := b.Record(&shared); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// attempt is a made-up attempt: trainee's i-th, dated i weeks after a
// fixed start, with scores that rise 5 points a week (1 a week past the
// 8th, cycling, so they stay within 0–100 for any number of attempts).
func attempt(trainee string, i int) Attempt {
	sum := sha256.Sum256([]byte(fmt.Sprint(trainee, i)))
	base := 20 + 5*float64(min(i, 8)) + float64(max(i-8, 0)%20)
	return Attempt{
		Trainee: trainee, Exercise: "hairline-1", Template: "norwood3", Session: 1 + i%3,
		Date:    time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * 24 * time.Hour),
		Overall: base,
		Criteria: []Score{
			{ID: "density", Name: "Density", Score: base + 10},
			{ID: "uniformity", Name: "Uniformity", Score: base - 10},
		},
		File: fmt.Sprintf("class/%s-%d.json", trainee, i), FileSHA256: hex.EncodeToString(sum[:]),
		App: "smptrainer test",
	}
}

// newGradebook names a new, empty gradebook for one test: a file in a
// temporary folder, or in the PostgreSQL run (TestPostgres) a new
// database on the test's server.
func newGradebook(t testing.TB) string {
	t.Helper()
	if dsn := os.Getenv(pgEnv); dsn != "" {
		return pgtest.NewDatabase(t, dsn)
	}
	return filepath.Join(t.TempDir(), "class.gradebook")
}

// sqliteOnly skips a test of the SQLite file itself in the PostgreSQL run.
func sqliteOnly(t *testing.T) {
	if os.Getenv(pgEnv) != "" {
		t.Skip("a test of the SQLite file")
	}
}

func openTemp(t testing.TB) (*Book, string) {
	t.Helper()
	path := newGradebook(t)
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, path
}

func TestRecordAndHistory(t *testing.T) {
	b, _ := openTemp(t)
	if v, err := b.SchemaVersion(); err != nil || v != Version {
		t.Fatalf("schema version %d, %v; want %d", v, err, Version)
	}
	// Recorded out of date order: History sorts by date.
	for _, i := range []int{2, 0, 1} {
		a := attempt("ann", i)
		a.Flags = []Flag{{Code: "no-content-hash", Level: "note", Message: "m"}}
		if _, added, err := b.Record(&a); err != nil || !added {
			t.Fatalf("record %d: added %v, %v", i, added, err)
		}
	}
	other := attempt("bob", 0)
	if _, _, err := b.Record(&other); err != nil {
		t.Fatal(err)
	}
	h, err := b.History("ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Attempts) != 3 || !SortedByDate(h.Attempts) {
		t.Fatalf("got %d attempts, sorted %v", len(h.Attempts), SortedByDate(h.Attempts))
	}
	a0 := attempt("ann", 0)
	got := h.Attempts[0]
	if !got.Date.Equal(a0.Date) || got.Overall != a0.Overall || got.File != a0.File || got.FileSHA256 != a0.FileSHA256 ||
		got.App != a0.App || !got.FlagsChecked || len(got.Flags) != 1 || len(got.Criteria) != 2 || got.Criteria[0] != a0.Criteria[0] {
		t.Errorf("attempt read back as %+v, want %+v", got, a0)
	}
	if want := []string{OverallID, "density", "uniformity"}; strings.Join(h.Criteria, ",") != strings.Join(want, ",") {
		t.Errorf("criteria %v, want %v", h.Criteria, want)
	}
	// Scores rise 5 a week: compare with the made-up data, not constants.
	for _, tr := range h.Trends {
		if len(tr.Points) != 3 {
			t.Errorf("%s: %d points", tr.Criterion, len(tr.Points))
			continue
		}
		first, last := tr.Points[0].Score, tr.Points[2].Score
		if tr.Change != last-first || tr.Best != last || tr.PerWeek == nil || math.Abs(*tr.PerWeek-5) > 1e-9 || math.Abs(tr.Mean-(first+last)/2) > 1e-9 {
			t.Errorf("%s trend %+v", tr.Criterion, tr)
		}
	}
	if tr, err := b.Trainees(); err != nil || strings.Join(tr, ",") != "ann,bob" {
		t.Errorf("trainees %v, %v", tr, err)
	}
	empty, err := b.History("nobody")
	if err != nil || len(empty.Attempts) != 0 || len(empty.Trends) != 0 {
		t.Errorf("unknown trainee: %+v, %v", empty, err)
	}
}

// TestTrendsPerExerciseOverDays: trends never mix exercises, and a rate
// per week is given only over attempts that span MinTrendSpan. The
// expected slope comes from the made-up dates and scores, worked by hand.
func TestTrendsPerExerciseOverDays(t *testing.T) {
	t0 := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	at := func(ex, tmpl string, d time.Duration, overall float64) Attempt {
		return Attempt{Trainee: "ann", Exercise: ex, Template: tmpl, Date: t0.Add(d), Overall: overall}
	}
	atts := []Attempt{
		at("hairline-1", "norwood3", 0, 40),
		at("", "square", 10*time.Minute, 90), // free practice: its own trend
		at("hairline-1", "norwood3", 20*time.Minute, 50),
		at("", "square", 30*time.Minute, 10),
		at("hairline-1", "norwood3", 14*24*time.Hour, 60),
	}
	h := NewHistory("ann", atts)
	if len(h.Trends) != 2 {
		t.Fatalf("want one overall trend per exercise, got %+v", h.Trends)
	}
	hl, sq := h.Trends[0], h.Trends[1]
	if hl.Exercise != "hairline-1" || sq.Exercise != "free practice on square" {
		t.Fatalf("exercises %q, %q", hl.Exercise, sq.Exercise)
	}
	if len(hl.Points) != 3 || hl.Change != 20 || len(sq.Points) != 2 || sq.Change != -80 {
		t.Errorf("points mixed across exercises: %+v / %+v", hl, sq)
	}
	// Minutes apart: no rate per week, however steep the change.
	if sq.PerWeek != nil {
		t.Errorf("rate per week %v over %v days", *sq.PerWeek, sq.Days)
	}
	// x in weeks: 0, 20 min (1/504 week), 2; least squares by hand.
	xs, ys := []float64{0, 1.0 / 504, 2}, []float64{40, 50, 60}
	mx, my := (xs[0]+xs[1]+xs[2])/3, 50.0
	var sxx, sxy float64
	for i := range xs {
		sxx += (xs[i] - mx) * (xs[i] - mx)
		sxy += (xs[i] - mx) * (ys[i] - my)
	}
	if hl.PerWeek == nil || math.Abs(*hl.PerWeek-sxy/sxx) > 1e-9 || math.Abs(hl.Days-14) > 1e-9 {
		t.Errorf("hairline trend %+v, want per week %v over 14 days", hl, sxy/sxx)
	}
}

func TestRecordIdempotent(t *testing.T) {
	b, _ := openTemp(t)
	a := attempt("ann", 0)
	id, added, err := b.Record(&a)
	if err != nil || !added {
		t.Fatal(added, err)
	}
	a.File = "elsewhere/copy.json" // same bytes, another path
	id2, added, err := b.Record(&a)
	if err != nil || added || id2 != id {
		t.Errorf("second record: id %d (first %d), added %v, %v", id2, id, added, err)
	}
	a.Trainee = "bob" // the same file for another trainee is another attempt
	if _, added, err := b.Record(&a); err != nil || !added {
		t.Errorf("other trainee: added %v, %v", added, err)
	}
	h, _ := b.History("ann")
	if len(h.Attempts) != 1 {
		t.Errorf("ann has %d attempts", len(h.Attempts))
	}
}

func TestRecordRefusesBadAttempts(t *testing.T) {
	b, _ := openTemp(t)
	for name, mut := range map[string]func(*Attempt){
		"no trainee":     func(a *Attempt) { a.Trainee = "  " },
		"NaN overall":    func(a *Attempt) { a.Overall = math.NaN() },
		"Inf criterion":  func(a *Attempt) { a.Criteria[0].Score = math.Inf(1) },
		"over 100":       func(a *Attempt) { a.Criteria[1].Score = 100.5 },
		"negative":       func(a *Attempt) { a.Overall = -1 },
		"twice":          func(a *Attempt) { a.Criteria[1].ID = a.Criteria[0].ID },
		"huge name":      func(a *Attempt) { a.Trainee = strings.Repeat("x", 1<<20) },
		"duplicate flag": func(a *Attempt) { a.Flags = []Flag{{Code: "x"}, {Code: "x"}} },
	} {
		a := attempt("ann", 0)
		mut(&a)
		if _, _, err := b.Record(&a); err == nil {
			t.Errorf("%s: recorded", name)
		}
	}
	if tr, _ := b.Trainees(); len(tr) != 0 {
		t.Errorf("refused attempts left trainees %v", tr)
	}
}

// A version-1 gradebook, written with the version-1 SQL as an older
// smpgrade would have, opens and migrates; its rows survive, unflagged but
// marked unchecked, and new attempts carry flags.
func TestMigrateFromVersion1(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "old.gradebook")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		Migrations[0],
		"PRAGMA user_version = 1",
		`INSERT INTO attempt (trainee, exercise, template, session, taken_at, overall, file_path, file_sha256, recorded_at)
		 VALUES ('ann', 'hairline-1', 'norwood3', 1, '2026-09-01T10:00:00.000000000Z', 61.5, 'a.json', 'aa', '2026-09-02T10:00:00.000000000Z')`,
		`INSERT INTO criterion_score (attempt_id, criterion, name, score) VALUES (1, 'density', 'Density', 70.25)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var want []int
	for v := 2; v <= Version; v++ {
		want = append(want, v)
	}
	if fmt.Sprint(b.Migrated) != fmt.Sprint(want) {
		t.Errorf("migrated through %v, want %v", b.Migrated, want)
	}
	if v, _ := b.SchemaVersion(); v != Version {
		t.Errorf("version %d after migration", v)
	}
	a := attempt("ann", 3)
	a.Flags = []Flag{{Code: "too-fast", Level: "warning", Message: "m"}}
	if _, _, err := b.Record(&a); err != nil {
		t.Fatal(err)
	}
	h, err := b.History("ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Attempts) != 2 {
		t.Fatalf("%d attempts after migration", len(h.Attempts))
	}
	old, nu := h.Attempts[0], h.Attempts[1]
	if old.Overall != 61.5 || old.FlagsChecked || old.App != "" || len(old.Criteria) != 1 || old.Criteria[0].Score != 70.25 {
		t.Errorf("old row read back as %+v", old)
	}
	if !nu.FlagsChecked || len(nu.Flags) != 1 || nu.Flags[0].Code != "too-fast" {
		t.Errorf("new row read back as %+v", nu)
	}
	// Opening again migrates nothing.
	b2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	if len(b2.Migrated) != 0 {
		t.Errorf("second open migrated %v", b2.Migrated)
	}
}

func sum(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Files that are not gradebooks are refused by name and left untouched.
func TestRefusesOtherFiles(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	newer := filepath.Join(dir, "newer.gradebook")
	nb, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	nb.db.Exec("PRAGMA user_version = 99")
	nb.Close()

	cases := map[string]string{
		"text":    write("notes.txt", []byte("these are my class notes, not a database\n")),
		"json":    write("ann.json", []byte(`{"format":"smp-session"}`)),
		"corrupt": write("corrupt.gradebook", append([]byte(sqliteHeader), bytes.Repeat([]byte{0xff}, 5000)...)),
		"short":   write("short.gradebook", []byte("SQLite")),
		"other":   other,
		"newer":   newer,
	}
	for name, p := range cases {
		before := sum(t, p)
		b, err := Open(p)
		if err == nil {
			b.Close()
			t.Errorf("%s: opened", name)
			continue
		}
		if !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("%s: error does not start with the path: %v", name, err)
		}
		if after := sum(t, p); after != before {
			t.Errorf("%s: file changed by a refused open", name)
		}
		t.Logf("%s: %v", name, err)
	}
	if _, err := Open(dir); err == nil {
		t.Error("a directory opened")
	}
	missing := filepath.Join(dir, "missing.gradebook")
	if _, err := OpenExisting(missing); !errors.Is(err, ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenExisting created the file")
	}
	if _, err := Open(filepath.Join(dir, "what?.gradebook")); err == nil {
		t.Error("path with ? opened")
	}
	// An empty file (touch) becomes a gradebook.
	b, err := Open(write("empty.gradebook", nil))
	if err != nil {
		t.Fatalf("empty file: %v", err)
	}
	b.Close()
}

// Several writers, each with its own connection pool as separate
// processes would have, recording at once: every attempt lands once.
func TestConcurrentWriters(t *testing.T) {
	_, path := openTemp(t)
	const writers, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Go(func() {
			b, err := Open(path)
			if err != nil {
				errs <- err
				return
			}
			defer b.Close()
			for i := range each {
				a := attempt(fmt.Sprintf("w%d", w), i)
				if _, _, err := b.Record(&a); err != nil {
					errs <- err
				}
				shared := attempt("shared", 0)
				if _, _, err := b.Record(&shared); err != nil {
					errs <- err
				}
				if _, err := b.History("shared"); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkCounts(t, path, writers, each, "w")
}

func checkCounts(t *testing.T, path string, writers, each int, prefix string) {
	t.Helper()
	b, err := OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for w := range writers {
		h, err := b.History(fmt.Sprintf("%s%d", prefix, w))
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Attempts) != each {
			t.Errorf("writer %d: %d attempts, want %d", w, len(h.Attempts), each)
		}
		for _, a := range h.Attempts {
			if len(a.Criteria) != 2 {
				t.Errorf("writer %d attempt %d: %d criteria", w, a.ID, len(a.Criteria))
			}
		}
	}
	if h, _ := b.History("shared"); len(h.Attempts) != 1 {
		t.Errorf("shared file recorded %d times", len(h.Attempts))
	}
}

// Separate processes (this test binary re-run as a child) recording into
// one new gradebook at once: the migration runs once and nothing is lost.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := newGradebook(t)
	const procs, each = 4, 10
	cmds := make([]*exec.Cmd, procs)
	outs := make([]*bytes.Buffer, procs)
	for w := range procs {
		cmds[w] = exec.Command(os.Args[0], "-test.run=^$")
		cmds[w].Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%d", childEnv, path, w, each))
		outs[w] = &bytes.Buffer{}
		cmds[w].Stderr = outs[w]
		if err := cmds[w].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for w, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("child %d: %v: %s", w, err, outs[w])
		}
	}
	checkCounts(t, path, procs, each, "proc")
}

func BenchmarkRecord(b *testing.B) {
	book, _ := openTemp(b)
	i := 0
	for b.Loop() {
		a := attempt("bench", i)
		if _, _, err := book.Record(&a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkHistory30(b *testing.B) {
	book, _ := openTemp(b)
	for i := range 30 {
		a := attempt(fmt.Sprint("t", i%10), i)
		if _, _, err := book.Record(&a); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := book.History("t3"); err != nil {
			b.Fatal(err)
		}
	}
}
