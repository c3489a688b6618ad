package doc

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// scattered returns n impressions at seeded random places on the square.
func scattered(n int, seed uint64) []impression.Impression {
	r := rand.New(rand.NewPCG(seed, 1))
	ims := make([]impression.Impression, n)
	for i := range ims {
		ims[i] = impression.New(geom.Point{X: r.Float64()*20 - 10, Y: r.Float64()*20 - 10}, impression.DefaultNeedle, 1, float64(i))
	}
	return ims
}

// queryAll lists the indices Query finds over the whole square, sorted.
func queryAll(d *Doc) []int {
	var got []int
	d.Query(geom.Rect{Min: geom.Point{X: -11, Y: -11}, Max: geom.Point{X: 11, Y: 11}}, func(i int) { got = append(got, i) })
	slices.Sort(got)
	return got
}

func TestRemoveAtInsertAtRoundTrip(t *testing.T) {
	ims := scattered(200, 7)
	d := New(square(), "", 1, time.Time{})
	d.SetImpressions(ims)
	var log []Change
	d.Listen(func(c Change) { log = append(log, c) })

	idx := []int{150, 3, 77, 0, 199}
	removed := d.RemoveAt(idx)
	if d.Len() != 195 {
		t.Fatalf("len %d after removing 5 of 200", d.Len())
	}
	sorted := []int{0, 3, 77, 150, 199}
	for k, i := range sorted {
		if removed[k] != ims[i] {
			t.Errorf("removed[%d] is not impression %d", k, i)
		}
	}
	// Notifications come in descending index order, with the old indices.
	for k, c := range log {
		if c.Kind != Removed || c.Index != sorted[len(sorted)-1-k] {
			t.Errorf("change %d: %+v, want Removed at %d", k, c, sorted[len(sorted)-1-k])
		}
	}
	if n, _ := d.Treated(); n != 195 || d.ZoneCount(0) != 195 {
		t.Errorf("counts after removal: treated %d, zone %d; want 195", n, d.ZoneCount(0))
	}
	// The spatial index finds every remaining impression, once.
	if got := queryAll(d); len(got) != 195 || got[0] != 0 || got[194] != 194 {
		t.Errorf("Query finds %d impressions after removal, want indices 0..194", len(got))
	}
	log = nil
	d.InsertAt(sorted, removed)
	if !slices.Equal(d.Impressions(), ims) {
		t.Fatal("InsertAt did not restore the list in its order")
	}
	if n, _ := d.Treated(); n != 200 || d.ZoneCount(0) != 200 || len(queryAll(d)) != 200 {
		t.Errorf("counts after reinsertion: treated %d, zone %d, query %d; want 200", n, d.ZoneCount(0), len(queryAll(d)))
	}
	for k, c := range log {
		if c.Kind != Inserted || c.Index != sorted[k] {
			t.Errorf("change %d: %+v, want Inserted at %d", k, c, sorted[k])
		}
	}
}

func TestSetNumberResets(t *testing.T) {
	d := New(square(), "", 1, time.Time{})
	var kinds []ChangeKind
	d.Listen(func(c Change) { kinds = append(kinds, c.Kind) })
	d.SetNumber(2)
	if d.Number != 2 || len(kinds) != 1 || kinds[0] != Reset {
		t.Errorf("SetNumber(2): number %d, changes %v; want 2 and one Reset", d.Number, kinds)
	}
}

// BenchmarkRemoveAt100k is one eraser tick on a finished scalp's worth of
// impressions: two removed, the index renumbered in place.
func BenchmarkRemoveAt100k(b *testing.B) {
	ims := scattered(100000, 3)
	d := New(square(), "", 1, time.Time{})
	d.SetImpressions(ims)
	for b.Loop() {
		b.StopTimer()
		if d.Len() < 99000 {
			d.SetImpressions(ims)
		}
		b.StartTimer()
		d.RemoveAt([]int{50000, 50001})
	}
}

// BenchmarkEraseUndo100k is an erase and its undo (which rebuilds the
// index).
func BenchmarkEraseUndo100k(b *testing.B) {
	ims := scattered(100000, 3)
	d := New(square(), "", 1, time.Time{})
	d.SetImpressions(ims)
	for b.Loop() {
		im := d.RemoveAt([]int{50000, 50001})
		d.InsertAt([]int{50000, 50001}, im)
	}
}
