package ui

import (
	"fmt"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/geom"
)

// The grid's lines lie where the camera puts their chart coordinate, and
// at 1:1 the 10 mm lines are 10 mm of glass apart.
func TestGridLinesFollowTheView(t *testing.T) {
	for _, dsf := range []float64{1, 2} {
		for _, zoom := range []float64{0.25, 1, 1.41, 8} {
			cam := view.New(view.TrueScale(dsf), geom.Point{X: 3.3, Y: -41.7}, 1000, 700)
			cam.SetZoom(500, 350, zoom)
			minPx := 6 * dsf
			for axis, ls := range [][]gridLine{
				gridAxis(cam.Origin.X, cam.Scale, 0, 0, 1000, minPx),
				gridAxis(cam.Origin.Y, cam.Scale, 0, 0, 700, minPx),
			} {
				if len(ls) == 0 {
					t.Fatalf("dsf %g zoom %g axis %d: no grid lines", dsf, zoom, axis)
				}
				for i, l := range ls {
					x, y := cam.ToScreen(geom.Point{X: l.MM, Y: l.MM})
					want := []float64{x, y}[axis]
					if math.Abs(l.Px-want) > 1e-9 {
						t.Errorf("dsf %g zoom %g axis %d: line at %g mm drawn at %g px, the view puts it at %g", dsf, zoom, axis, l.MM, l.Px, want)
					}
					if math.Mod(l.MM, float64(l.Step)) != 0 {
						t.Errorf("line at %g mm labelled step %d", l.MM, l.Step)
					}
					if float64(l.Step)*cam.Scale < minPx {
						t.Errorf("dsf %g zoom %g: a %d mm level is shown %g px apart, under %g", dsf, zoom, l.Step, float64(l.Step)*cam.Scale, minPx)
					}
					if i > 0 && l.Px <= ls[i-1].Px {
						t.Errorf("lines out of order or repeated at %g mm", l.MM)
					}
				}
			}
		}
	}
}

func TestGridAtOneToOne(t *testing.T) {
	cam := view.New(view.TrueScale(1), geom.Point{}, 800, 600)
	ls := gridAxis(cam.Origin.X, cam.Scale, 0, 0, 800, 6)
	var tens []gridLine
	for _, l := range ls {
		if l.Step == 1 {
			t.Errorf("1 mm lines shown at 1:1 (%.2f px apart, under 6 px)", cam.Scale)
		}
		if l.Step >= 10 {
			tens = append(tens, l)
		}
	}
	if len(tens) < 5 {
		t.Fatalf("%d ten-mm lines across 800 px at 1:1, want about 21", len(tens))
	}
	want := 10 * view.LogicalDPI / view.MMPerInch // 10 mm in 96-dpi pixels
	for i := 1; i < len(tens); i++ {
		if d := tens[i].Px - tens[i-1].Px; math.Abs(d-want) > 1e-9 {
			t.Errorf("10 mm lines %g px apart at 1:1, want %g", d, want)
		}
		if tens[i].MM-tens[i-1].MM != 10 {
			t.Errorf("10 mm lines at %g and %g mm", tens[i-1].MM, tens[i].MM)
		}
	}
	// The apex (0 mm) is a 10 mm line, in the middle of the window.
	found := false
	for _, l := range tens {
		if l.MM == 0 && math.Abs(l.Px-400) < 1e-9 {
			found = true
		}
	}
	if !found {
		t.Error("no 10 mm line at the apex, centred at x = 400")
	}
	// At 8× the 1 mm lines show, 8 × 3.78 px apart.
	cam.SetZoom(400, 300, 8)
	ls = gridAxis(cam.Origin.X, cam.Scale, 0, 0, 800, 6)
	ones := 0
	for _, l := range ls {
		if l.Step == 1 {
			ones++
		}
	}
	if ones == 0 {
		t.Error("no 1 mm lines at 8:1")
	}
}

// A pane's offset shifts its lines and nothing else.
func TestGridAxisPaneOffset(t *testing.T) {
	a := gridAxis(-20, 7.5, 0, 0, 400, 6)
	b := gridAxis(-20, 7.5, 400, 400, 800, 6)
	if len(a) != len(b) {
		t.Fatalf("%d lines in the left pane, %d in the right", len(a), len(b))
	}
	for i := range a {
		if a[i].MM != b[i].MM || math.Abs(b[i].Px-a[i].Px-400) > 1e-9 {
			t.Errorf("line %d: left %+v right %+v", i, a[i], b[i])
		}
	}
}

func TestLabelEvery(t *testing.T) {
	if n := labelEvery(3.78, 34); n != 10 {
		t.Errorf("labels every %d mm at 1:1, want 10", n)
	}
	if n := labelEvery(3.78/8, 34); n != 100 {
		t.Errorf("labels every %d mm at 1:8, want 100", n)
	}
}

// However far the view zooms, a 4K window's grid stays a few hundred lines
// per axis: the batch never nears its 16-bit index limit.
func TestGridLineCountBounded(t *testing.T) {
	const w, h, dsf = 3840, 2160, 2.0
	for z := view.MinZoom; z <= view.MaxZoom; z *= 1.19 {
		cam := view.New(view.TrueScale(dsf), geom.Point{X: 1.7, Y: -3.1}, w, h)
		cam.SetZoom(w/2, h/2, z)
		minPx := gridMinSpacingLog * dsf
		n := len(gridAxis(cam.Origin.X, cam.Scale, 0, 0, w, minPx)) + len(gridAxis(cam.Origin.Y, cam.Scale, 0, 0, h, minPx))
		if limit := (w+h)/minPx + 2; float64(n) > limit {
			t.Errorf("zoom %.3f: %d lines, more than %g", z, n, limit)
		}
		// Lines, ticks and two bands per axis: well under the limit.
		if 2*n+4 > maxGridQuads {
			t.Errorf("zoom %.3f: %d quads", z, 2*n+4)
		}
	}
}

// TestKeepClearSkipsCollisions: a label overlapping the last one kept, or
// a box to avoid, is dropped; the next clear one is kept.
func TestKeepClearSkipsCollisions(t *testing.T) {
	lb := func(x float64) rulerLabel { return rulerLabel{S: "-100", Box: scene.Rect{X: x, Y: 0, W: 30, H: 14}} }
	got := keepClear([]rulerLabel{lb(0), lb(20), lb(40), lb(100), lb(140)}, []scene.Rect{{X: 90, Y: 5, W: 20, H: 20}})
	var xs []float64
	for _, l := range got {
		xs = append(xs, l.Box.X)
	}
	if want := []float64{0, 40, 140}; !equalF(xs, want) {
		t.Errorf("kept labels at %v, want %v", xs, want)
	}
}

// TestSplitRulerLabelsDoNotCollide: with the grid and split view on, at
// every UI size and over a range of zooms, no two ruler labels overlap and
// none lies under the toolbar, the title line or the status line.
func TestSplitRulerLabelsDoNotCollide(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyR).Key(ebiten.KeyV)
	g := newHeadless(t, s, "")
	g.w, g.h = 1280, 720
	play(t, g, s)
	if !g.GridOn() || !g.SplitOn() {
		t.Fatal("R and V did not turn on the grid and the split view")
	}
	var nTop, nLeft int
	check := func(what string) {
		top, left := g.rulerLabels()
		nTop, nLeft = nTop+len(top), nLeft+len(left)
		all := append(top, left...)
		avoid := []scene.Rect{g.toolbar.bounds, g.titleRect()}
		for i, a := range all {
			for _, b := range all[i+1:] {
				if a.Box.Overlaps(b.Box) {
					t.Errorf("%s: ruler labels %q at %+v and %q at %+v overlap", what, a.S, a.Box, b.S, b.Box)
				}
			}
			for _, r := range avoid {
				if a.Box.Overlaps(r) {
					t.Errorf("%s: ruler label %q at %+v lies under %+v", what, a.S, a.Box, r)
				}
			}
			if a.Box.Bottom() > float64(g.h-g.statusHeight()) {
				t.Errorf("%s: ruler label %q at %+v runs into the status line", what, a.S, a.Box)
			}
		}
	}
	for ui := range 3 {
		for z := range 6 {
			check(fmt.Sprintf("UI step %d, zoomed out %d", ui, z))
			s.Key(ebiten.KeyMinus)
			play(t, g, s)
		}
		for z := range 12 {
			check(fmt.Sprintf("UI step %d, zoomed in %d", ui, z))
			s.Key(ebiten.KeyEqual)
			play(t, g, s)
		}
		// Zoomed in far only one line may be in view; over the range
		// both rulers must have been labelled.
		if nTop == 0 || nLeft == 0 {
			t.Errorf("UI step %d: %d top and %d left ruler labels over all zooms", ui, nTop, nLeft)
		}
		nTop, nLeft = 0, 0
		s.Key(ebiten.KeyEqual, ebiten.KeyControl)
		play(t, g, s)
	}
}
