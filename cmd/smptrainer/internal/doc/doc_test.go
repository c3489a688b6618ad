package doc

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

func square() *scalp.Template {
	sq := geom.Polygon{{X: -10, Y: -10}, {X: 10, Y: -10}, {X: 10, Y: 10}, {X: -10, Y: 10}}
	return &scalp.Template{ID: "square20", Outline: sq, Skin: "#f3e7db",
		Zones: []scalp.Zone{{ID: "field", Kind: scalp.Field, Polygon: sq,
			Targets: [3]scalp.DensityBand{{Min: 10, Max: 25}, {Min: 45, Max: 50}, {Min: 70, Max: 100}}}}}
}

func TestUndoRedoAndUnsaved(t *testing.T) {
	d := New(square(), "", 1, time.Time{})
	var log []Change
	d.Listen(func(c Change) { log = append(log, c) })
	n := impression.DefaultNeedle
	for i := range 3 {
		d.Do(Place{impression.New(geom.Point{X: float64(i), Y: 0}, n, 1, 0)})
	}
	if d.Len() != 3 || !d.Unsaved() {
		t.Fatalf("len %d unsaved %v after 3 places", d.Len(), d.Unsaved())
	}
	d.MarkSaved()
	d.Undo()
	if d.Len() != 2 || !d.Unsaved() {
		t.Fatalf("after undo len %d unsaved %v", d.Len(), d.Unsaved())
	}
	d.Redo()
	if d.Len() != 3 || d.Unsaved() {
		t.Fatalf("after redo back to the saved state: len %d unsaved %v", d.Len(), d.Unsaved())
	}
	d.Undo()
	d.Do(Place{impression.New(geom.Point{X: 5, Y: 5}, n, 1, 0)})
	if d.CanRedo() {
		t.Error("a new edit must clear the redo stack")
	}
	if d.Len() != 3 || !d.Unsaved() || d.Impressions()[2].Pos != (geom.Point{X: 5, Y: 5}) {
		t.Errorf("after undo + new place: len %d unsaved %v last %v", d.Len(), d.Unsaved(), d.Impressions()[2].Pos)
	}
	for d.Undo() != nil {
	}
	if d.Len() != 0 || d.ZoneCount(0) != 0 {
		t.Errorf("undo to the start leaves %d impressions, zone count %d", d.Len(), d.ZoneCount(0))
	}
	kinds := 0
	for _, c := range log {
		if c.Kind == Removed {
			kinds++
		}
	}
	if kinds != 5 {
		t.Errorf("listener saw %d removals, want 5", kinds)
	}
}

func TestDensity(t *testing.T) {
	d := New(square(), "", 1, time.Time{})
	for i := range 8 {
		d.Do(Place{impression.New(geom.Point{X: float64(i) - 4, Y: 1}, impression.DefaultNeedle, 1, 0)})
	}
	// 8 impressions on 4 cm².
	if got := d.ZoneDensity(0); got != 2 {
		t.Errorf("density %v/cm², want 2", got)
	}
	if n, dens := d.Treated(); n != 8 || dens != 2 {
		t.Errorf("treated %d at %v/cm², want 8 at 2", n, dens)
	}
	d.Do(Place{impression.New(geom.Point{X: 30, Y: 1}, impression.DefaultNeedle, 1, 0)}) // off the template
	if n, _ := d.Treated(); n != 8 || d.Len() != 9 {
		t.Errorf("a stray off the template counted as treated: %d of %d", n, d.Len())
	}
}

// TestQueryMatchesBruteForce checks the grid against a scan of every
// impression through random places, undos and redos.
func TestQueryMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	d := New(square(), "", 1, time.Time{})
	for step := range 3000 {
		switch r := rng.IntN(10); {
		case r < 6:
			p := geom.Point{X: rng.Float64()*70 - 35, Y: rng.Float64()*70 - 35}
			d.Do(Place{impression.New(p, impression.DefaultNeedle, 1, 0)})
		case r < 8:
			d.Undo()
		default:
			d.Redo()
		}
		if step%50 != 0 {
			continue
		}
		x, y := rng.Float64()*60-30, rng.Float64()*60-30
		q := geom.Rect{Min: geom.Point{X: x, Y: y}, Max: geom.Point{X: x + rng.Float64()*15, Y: y + rng.Float64()*15}}
		var got, want []int
		d.Query(q, func(i int) { got = append(got, i) })
		for i, im := range d.Impressions() {
			if im.Pos.X >= q.Min.X && im.Pos.X <= q.Max.X && im.Pos.Y >= q.Min.Y && im.Pos.Y <= q.Max.Y {
				want = append(want, i)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("step %d query %v: got %v want %v", step, q, got, want)
		}
	}
}
