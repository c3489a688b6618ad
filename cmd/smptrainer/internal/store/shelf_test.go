package store

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// mapStorage is a browser storage in a map, with an optional size limit
// (localStorage's quota).
type mapStorage struct {
	m     map[string]string
	limit int
}

func (s *mapStorage) Get(k string) (string, bool) { v, ok := s.m[k]; return v, ok }
func (s *mapStorage) Remove(k string)             { delete(s.m, k) }
func (s *mapStorage) Keys() []string              { return slices.Collect(maps.Keys(s.m)) }
func (s *mapStorage) Set(k, v string) error {
	n := len(k) + len(v)
	for k2, v2 := range s.m {
		if k2 != k {
			n += len(k2) + len(v2)
		}
	}
	if s.limit > 0 && n > s.limit {
		return errors.New("full")
	}
	s.m[k] = v
	return nil
}

// testShelf is an empty shelf whose clock the test moves.
func testShelf() (*shelf, *mapStorage, *time.Time) {
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	st := &mapStorage{m: map[string]string{}}
	return &shelf{st: st, now: func() time.Time { return now }}, st, &now
}

// TestShelfRecovery: the browser edition's recovery rules, over a map
// standing in for localStorage. A tab's work is not offered to another
// tab while its heartbeat runs; it is offered at once when the tab closed
// or reloaded (heartbeat removed), and after staleAfter when it crashed;
// restoring reads back what was autosaved, with its target; a run's own
// work put aside is offered, its current work is not.
func TestShelfRecovery(t *testing.T) {
	sh, st, now := testShelf()
	a, err := startShelfRun(sh)
	if err != nil {
		t.Fatal(err)
	}
	b, err := startShelfRun(sh)
	if err != nil {
		t.Fatal(err)
	}
	if a.id == b.id {
		t.Fatalf("two runs share the id %s", a.id)
	}
	wa := a.NewWork()
	if err := wa.Save("ana-square-even-s1.json", work(3, *now)); err != nil {
		t.Fatal(err)
	}
	wb := b.NewWork()
	if err := wb.Save("", work(5, *now)); err != nil {
		t.Fatal(err)
	}
	if kept, errs := b.Kept(wb); len(kept) != 0 || len(errs) != 0 {
		t.Errorf("while A's tab runs, B is offered %v (%v)", kept, errs)
	}
	// A's tab is hidden: its heartbeat is late, but not stale yet.
	*now = now.Add(staleAfter - time.Second)
	if kept, _ := b.Kept(wb); len(kept) != 0 {
		t.Errorf("a hidden tab's work is offered %v after %v", kept, staleAfter-time.Second)
	}
	// A crashes: after staleAfter its work is offered.
	*now = now.Add(2 * time.Second)
	kept, errs := b.Kept(wb)
	if len(errs) != 0 || len(kept) != 1 {
		t.Fatalf("after A crashed, B is offered %v (%v), want A's one recovery", kept, errs)
	}
	k := kept[0]
	if k.Path != wa.Path() || k.Target != "ana-square-even-s1.json" || k.Impressions != 3 || k.Template != "square20" {
		t.Errorf("offered %+v", k)
	}
	s, err := k.Load()
	if err != nil || len(s.Impressions) != 3 {
		t.Fatalf("restoring: %v, %v", s, err)
	}
	if err := k.Discard(); err != nil {
		t.Fatal(err)
	}
	if _, ok := st.Get(wa.Path()); ok {
		t.Error("Discard left the recovery")
	}
	if _, ok := st.Get(targetKey(wa.Path())); ok {
		t.Error("Discard left the target")
	}
	// The crashed run's heartbeat has no use left: the next listing drops it.
	b.Kept(wb)
	if _, ok := st.Get(a.heartbeatKey(a.id)); ok {
		t.Error("a dead run's heartbeat with nothing left stays")
	}

	// A reload: B's page closes (its heartbeat goes at once) and C, the
	// new page, is offered B's work without waiting.
	b.Close()
	c, err := startShelfRun(sh)
	if err != nil {
		t.Fatal(err)
	}
	kept, _ = c.Kept(nil)
	if len(kept) != 1 || kept[0].Path != wb.Path() || kept[0].Impressions != 5 || kept[0].Target != "" {
		t.Fatalf("after a reload, offered %+v, want B's 5 impressions", kept)
	}
	// C's own work put aside (Ctrl+N) is offered; its current work is not.
	c1, c2 := c.NewWork(), c.NewWork()
	c1.Save("", work(2, now.Add(time.Minute)))
	c2.Save("", work(4, now.Add(2*time.Minute)))
	kept, _ = c.Kept(c2)
	if len(kept) != 2 || kept[0].Path != c1.Path() || kept[1].Path != wb.Path() {
		t.Errorf("offered %+v, want C's put-aside work (newest) then B's", kept)
	}
	// Removing one's own recovery (after a download) touches nobody else's.
	c1.Remove()
	if _, ok := st.Get(wb.Path()); !ok {
		t.Error("C's Remove took B's recovery")
	}
}

// TestShelfDamaged: a recovery that does not parse is put aside under
// KEY.damaged (never written over), named in one error, and not offered
// again; empty work is not offered.
func TestShelfDamaged(t *testing.T) {
	sh, st, _ := testShelf()
	r, _ := startShelfRun(sh)
	bad := RecoveryDir + "/20200101T000000-abcd1234-1.json"
	st.m[bad] = `{"format":"smp-session","version":1,"template":"square20","impressions":[{"x_mm":NaN`
	st.m[bad+".damaged"] = "an earlier one"
	empty := RecoveryDir + "/20200101T000000-abcd1234-2.json"
	w := r.NewWork()
	w.Save("", work(0, sh.now()))
	st.m[empty] = st.m[w.Path()]
	kept, errs := r.Kept(nil)
	if len(kept) != 0 || len(errs) != 1 {
		t.Fatalf("kept %v, errors %v: want none kept and one error", kept, errs)
	}
	if msg := errs[0].Error(); !strings.Contains(msg, bad+".damaged-2") || !strings.Contains(msg, "browser storage: "+bad) {
		t.Errorf("error %q does not name the key and where it was put", msg)
	}
	if st.m[bad+".damaged"] != "an earlier one" || !strings.Contains(st.m[bad+".damaged-2"], "NaN") {
		t.Error("the damaged recovery was not kept aside as it was, or wrote over an earlier one")
	}
	if kept, errs := r.Kept(nil); len(kept) != 0 || len(errs) != 0 {
		t.Errorf("second listing: %v, %v", kept, errs)
	}
}

// TestShelfFull: a full storage is an error naming the key, and the last
// autosave stays as it was.
func TestShelfFull(t *testing.T) {
	sh, st, _ := testShelf()
	r, _ := startShelfRun(sh)
	w := r.NewWork()
	if err := w.Save("", work(2, sh.now())); err != nil {
		t.Fatal(err)
	}
	before := st.m[w.Path()]
	st.limit = len(before) + 200
	if err := w.Save("", work(400, sh.now())); err == nil {
		t.Fatal("a save past the quota succeeded")
	}
	if st.m[w.Path()] != before {
		t.Error("a failed save changed the last autosave")
	}
	if _, err := sh.loadSession("nothing.json"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing key: %v, want fs.ErrNotExist", err)
	}
}
