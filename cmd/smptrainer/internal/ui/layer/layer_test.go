package layer

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
)

// template returns the Norwood III template when the registry has it, and
// the practice square otherwise.
func template(t testing.TB) *scalp.Template {
	for _, id := range []string{"norwood3", "square20"} {
		if tp, err := scalp.Lookup(id); err == nil {
			return tp
		}
	}
	t.Fatal("no template")
	return nil
}

var opts = render.Options{Zones: true, Hairline: true, Hair: true, Scars: true}

// randomIn returns a point in the template's treated area, or its outline.
func randomIn(t *scalp.Template, rng *rand.Rand) geom.Point {
	b := t.Bounds()
	for {
		p := geom.Point{X: b.Min.X + rng.Float64()*b.Dx(), Y: b.Min.Y + rng.Float64()*b.Dy()}
		if t.Outline.Contains(p) {
			return p
		}
	}
}

// TestPatchesEqualFullRedraw places, undoes and redoes impressions with
// tiles cached at three zoom buckets, and checks after every step that the
// patched tiles equal tiles rendered from scratch.
func TestPatchesEqualFullRedraw(t *testing.T) {
	tp := template(t)
	d := doc.New(tp, "", 1, time.Time{})
	l := NewHeadless(d, opts, appearance.Fresh)
	rng := rand.New(rand.NewPCG(7, 8))
	b := tp.Bounds()
	centre := geom.Point{X: (b.Min.X + b.Max.X) / 2, Y: (b.Min.Y + b.Max.Y) / 2}
	cam := view.New(view.TrueScale(1), centre, 300, 200)
	needles := []impression.Needle{{Grouping: impression.RL1, GaugeMM: 0.20}, {Grouping: impression.RL3, GaugeMM: 0.30}}
	// Cluster the work near the centre so the dots overlap each other and
	// tile edges at the high zooms.
	for step := range 120 {
		if step%40 == 0 {
			// Visit another zoom: 1:1, 4×, 11.3×.
			cam.SetZoom(150, 100, []float64{1, 4, 11.3}[step/40])
			l.Prepare(cam, 300, 200)
		}
		switch r := rng.IntN(10); {
		case r < 6:
			p := geom.Point{X: centre.X + rng.NormFloat64()*3, Y: centre.Y + rng.NormFloat64()*3}
			d.Do(doc.Place{Im: impression.New(p, needles[rng.IntN(2)], 1, 0)})
		case r < 9:
			d.Undo()
		default:
			d.Redo()
		}
		if step%3 != 2 {
			continue // a wrong patch stays wrong until checked
		}
		if err := l.CheckTiles(); err != nil {
			t.Fatalf("step %d (%d impressions): %v", step, d.Len(), err)
		}
	}
	if l.Stats.Patches == 0 {
		t.Fatal("no patches were made: the test tested nothing")
	}
}

// TestOptionsAndResetDropTiles checks that changing what the template
// shows, or opening other work, empties the cache.
func TestOptionsAndResetDropTiles(t *testing.T) {
	tp := template(t)
	d := doc.New(tp, "", 1, time.Time{})
	l := NewHeadless(d, opts, appearance.Fresh)
	cam := view.New(view.TrueScale(1), tp.Outline.Centroid(), 400, 300)
	if !l.Prepare(cam, 400, 300) || l.Tiles() == 0 {
		t.Fatal("first Prepare should render every visible tile")
	}
	o := opts
	o.Zones = false
	l.SetOptions(o, appearance.Healed)
	if l.Tiles() != 0 {
		t.Errorf("%d tiles kept after an options change", l.Tiles())
	}
	l.Prepare(cam, 400, 300)
	d.SetImpressions([]impression.Impression{impression.New(cam.ToMM(200, 150), impression.DefaultNeedle, 1, 0)})
	if l.Tiles() != 0 {
		t.Errorf("%d tiles kept after the document was replaced", l.Tiles())
	}
}

// TestBudgetStandsIn checks that after a zoom the new tiles arrive a few
// per frame, and the bucket completes.
func TestBudgetStandsIn(t *testing.T) {
	tp := template(t)
	d := doc.New(tp, "", 1, time.Time{})
	l := NewHeadless(d, opts, appearance.Fresh)
	l.Budget = 2
	cam := view.New(view.TrueScale(1), tp.Outline.Centroid(), 1200, 900)
	if !l.Prepare(cam, 1200, 900) {
		t.Fatal("with nothing to stand in, the first frame must render everything")
	}
	cam.SetZoom(600, 450, 4)
	frames := 0
	for !l.Prepare(cam, 1200, 900) {
		frames++
		if frames > 1000 {
			t.Fatal("the zoomed bucket never completed")
		}
	}
	if frames == 0 {
		t.Error("a budget of 2 tiles per frame should spread a full-screen zoom over several frames")
	}
}

// TestDotsAtTileEdges places tiny dots (a fraction of a pixel across at
// 1:1 and 1:4) just either side of tile edges, where a dot's pixels fall
// in a tile its centre is not in, and checks the tiles against a wide
// render.
func TestDotsAtTileEdges(t *testing.T) {
	tp := template(t)
	d := doc.New(tp, "", 1, time.Time{})
	l := NewHeadless(d, opts, appearance.Fresh)
	c := tp.Outline.Centroid()
	n := impression.Needle{Grouping: impression.RL1, GaugeMM: 0.20}
	for _, z := range []float64{1, 0.25} {
		cam := view.New(view.TrueScale(1), c, 800, 600)
		cam.SetZoom(400, 300, z)
		l.Prepare(cam, 800, 600)
		s := cam.BucketScale(cam.Bucket())
		xs, ys := l.TileEdges(cam, 800, 600)
		if len(xs) == 0 || len(ys) == 0 {
			t.Fatalf("zoom %v: no tile edges on screen", z)
		}
		k := cam.Scale / s
		// Offsets in grid pixels from the edge: tiles overlap by tilePad,
		// so the edges of their pictures are at ±1.
		for _, off := range []float64{-1.45, -1.3, -1.1, -0.6, -0.3, 0.3, 0.6, 1.1, 1.3, 1.45} {
			for i := range 5 {
				// Across a vertical edge, and across a horizontal one.
				p := cam.ToMM(xs[0]+off*k, float64(100+90*i)+0.37)
				d.Do(doc.Place{Im: impression.New(p, n, 1, 0)})
				q := cam.ToMM(float64(100+120*i)+0.29, ys[0]+off*k)
				d.Do(doc.Place{Im: impression.New(q, n, 1, 0)})
			}
		}
		if err := l.CheckTiles(); err != nil {
			t.Fatalf("zoom %v after placing: %v", z, err)
		}
		for range 30 {
			d.Undo()
		}
		if err := l.CheckTiles(); err != nil {
			t.Fatalf("zoom %v after undoing: %v", z, err)
		}
	}
}
