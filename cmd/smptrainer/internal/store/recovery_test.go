//go:build !js

package store

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestRecoveryBelongsToTheWork: two runs on one data folder each keep
// their own recovery; a running one's is not offered to the other, an
// ended one's is, with its template, count and target; removing one's
// own never touches another's.
func TestRecoveryBelongsToTheWork(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no file system")
	}
	data := t.TempDir()
	t.Setenv("SMPTRAINER_DATA", data)
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	a, err := StartRun(now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := StartRun(now)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	target := filepath.Join(data, "work.json")
	wa := a.NewWork()
	if err := wa.Save(target, work(3, now)); err != nil {
		t.Fatal(err)
	}
	wb := b.NewWork() // the same file open in a second trainer
	if err := wb.Save(target, work(5, now.Add(time.Minute))); err != nil {
		t.Fatal(err)
	}
	if wa.Path() == wb.Path() {
		t.Fatalf("two runs share the recovery file %s", wa.Path())
	}
	if kept, errs := b.Kept(wb); len(kept) != 0 || len(errs) != 0 {
		t.Errorf("while A runs, B is offered %v (%v)", kept, errs)
	}
	runtime.KeepAlive(a)
	a.Close() // A is killed: the lock goes with the process
	kept, errs := b.Kept(wb)
	if len(errs) != 0 || len(kept) != 1 {
		t.Fatalf("after A ended, B is offered %v (%v), want A's one recovery", kept, errs)
	}
	if k := kept[0]; k.Path != wa.Path() || k.Target != target || k.Impressions != 3 || k.Template != "square20" || !k.Saved.Equal(now) {
		t.Errorf("offered %+v", k)
	}
	// B saves its work and removes its own recovery: A's stays.
	wb.Remove()
	if _, err := os.Stat(wa.Path()); err != nil {
		t.Errorf("B's save removed A's recovery: %v", err)
	}
	// B puts work aside (Ctrl+N): its own old work is offered too.
	wb2 := b.NewWork()
	if err := wb2.Save("", work(2, now.Add(2*time.Minute))); err != nil {
		t.Fatal(err)
	}
	wb3 := b.NewWork()
	kept, _ = b.Kept(wb3)
	if len(kept) != 2 || kept[0].Path != wb2.Path() || kept[0].Target != "" {
		t.Errorf("with work put aside: %+v, want B's (newest, no target) then A's", kept)
	}
	if err := kept[1].Discard(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(wa.Path()); !os.IsNotExist(err) {
		t.Errorf("discarded recovery still there: %v", err)
	}
}

// TestDamagedRecoveryKeptAside: an unreadable recovery file is named,
// renamed aside with its contents intact, and not offered again.
func TestDamagedRecoveryKeptAside(t *testing.T) {
	data := t.TempDir()
	t.Setenv("SMPTRAINER_DATA", data)
	r, err := StartRun(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	bad := filepath.Join(data, RecoveryDir, "20200101T000000-1-abcdef-1.json")
	junk := []byte(`{"format":"smp-session","version":1,"template":"squ`)
	if err := os.WriteFile(bad, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	kept, errs := r.Kept(nil)
	if len(kept) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), filepath.Base(bad)) || !strings.Contains(errs[0].Error(), "truncated") {
		t.Fatalf("kept %v, errors %v; want one error naming %s", kept, errs, filepath.Base(bad))
	}
	if got, err := os.ReadFile(bad + ".damaged"); err != nil || string(got) != string(junk) {
		t.Errorf("kept aside: %q, %v", got, err)
	}
	if _, errs := r.Kept(nil); len(errs) != 0 {
		t.Errorf("the damaged file is reported again: %v", errs)
	}
}

// TestStaleTempsRemoved: a temporary file an interrupted write left before
// this run is removed at start; one being written now is not.
func TestStaleTempsRemoved(t *testing.T) {
	data := t.TempDir()
	t.Setenv("SMPTRAINER_DATA", data)
	now := time.Now()
	old := filepath.Join(data, ".settings.json.tmp-123")
	fresh := filepath.Join(data, ".progress.json.tmp-456")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(old, now.Add(-time.Hour), now.Add(-time.Hour))
	r, err := StartRun(now)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale temp file left: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a temp file being written now was removed: %v", err)
	}
	// Beside a file named on the command line: only that file's temps.
	work := filepath.Join(t.TempDir(), "work.json")
	mine, other := filepath.Join(filepath.Dir(work), ".work.json.tmp-9"), filepath.Join(filepath.Dir(work), ".notes.txt.tmp-9")
	for _, p := range []string{mine, other} {
		os.WriteFile(p, nil, 0o644)
		os.Chtimes(p, now.Add(-time.Hour), now.Add(-time.Hour))
	}
	RemoveStaleTempsOf(work, now)
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("the file's stale temp is left: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another program's temp file was removed: %v", err)
	}
}
