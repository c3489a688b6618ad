package ui

import (
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
)

// In the split view a chart point sits at the same place in both halves,
// a click on the right half places nothing, one on the left places, and
// the wheel on the right zooms about the same chart point.
func TestSplitViewHalves(t *testing.T) {
	var onRight, underRightBefore, underRightAfter geom.Point
	var countAfterRight, countAfterLeft int
	var panes []pane
	var centreBefore, centreAfter geom.Point
	var g *Game
	s := input.NewScript().Wait(1)
	// 4×, so the chart point a right-half click would hit on the left
	// camera (26 mm right of the view) is on the scalp.
	s.MoveTo(400, 300).Wheel(8).Wait(1)
	s.Do(func() { centreBefore = g.cam.ToMM(400, 300) })
	s.Key(ebiten.KeyV).Wait(1)
	s.Do(func() {
		panes = g.panes()
		centreAfter = g.cam.ToMM(200, 300)
		onRight = g.cam.ToMM(600-400, 300)
	})
	s.MoveTo(600, 300).Press(input.Left).Wait(5).Release(input.Left).Wait(1)
	s.Do(func() { countAfterRight = g.doc.Len() })
	// Stipple across into the right half: nothing lands there either.
	s.MoveTo(610, 305).Key(ebiten.KeyT).Press(input.Left).Wait(30).Release(input.Left).Key(ebiten.KeyT)
	s.MoveTo(205, 302).Press(input.Left).Wait(5).Release(input.Left).Wait(1)
	s.Do(func() { countAfterLeft = g.doc.Len() })
	s.MoveTo(650, 200).Do(func() { underRightBefore = g.cam.ToMM(650-400, 200) })
	s.Wheel(2).Wait(1)
	s.Do(func() { underRightAfter = g.cam.ToMM(650-400, 200) })
	g = newHeadless(t, s, "")
	g.startExercise("", "norwood3")
	play(t, g, s)

	if !g.SplitOn() || len(panes) != 2 {
		t.Fatalf("split on %v with %d panes, want on with 2", g.SplitOn(), len(panes))
	}
	if centreAfter.Dist(centreBefore) > 1e-9 {
		t.Errorf("V moved the window's centre %v to %v at the left half's centre", centreBefore, centreAfter)
	}
	l, r := panes[0], panes[1]
	if l.X0 != 0 || r.X0 != l.W || r.X0+r.W != float64(g.w) {
		t.Errorf("panes %+v and %+v do not halve a %d px window", l, r, g.w)
	}
	for _, p := range []geom.Point{{X: 0, Y: 0}, {X: 7.3, Y: -12}, {X: -4, Y: 9.9}} {
		lx, ly := l.ToScreen(p.X, p.Y)
		rx, ry := r.ToScreen(p.X, p.Y)
		if math.Abs((lx-l.X0)-(rx-r.X0)) > 1e-9 || math.Abs(ly-ry) > 1e-9 {
			t.Errorf("chart %v at (%g, %g) in the left half but (%g, %g) in the right, relative to each", p, lx-l.X0, ly, rx-r.X0, ry)
		}
	}
	if countAfterRight != 0 {
		t.Errorf("a click on the expert half (chart %v) placed %d impressions", onRight, countAfterRight)
	}
	if countAfterLeft != 1 {
		t.Errorf("%d impressions after a click on the left half, want 1", countAfterLeft)
	}
	if underRightAfter.Dist(underRightBefore) > 1e-6 {
		t.Errorf("the wheel on the right half moved its chart point from %v to %v", underRightBefore, underRightAfter)
	}
}

// V twice leaves the view where it was.
func TestSplitToggleRestoresView(t *testing.T) {
	var g *Game
	var before, after geom.Point
	s := input.NewScript().Wait(1)
	s.Do(func() { before = g.cam.Origin })
	s.Key(ebiten.KeyV).Key(ebiten.KeyV).Key(ebiten.KeyR).Wait(1)
	s.Do(func() { after = g.cam.Origin })
	g = newHeadless(t, s, "")
	play(t, g, s)
	if g.SplitOn() || !g.GridOn() {
		t.Errorf("after V, V, R: split %v grid %v, want off and on", g.SplitOn(), g.GridOn())
	}
	if after.Dist(before) > 1e-9 {
		t.Errorf("V twice moved the view from %v to %v", before, after)
	}
}

// In the split view F fits the template into the left half, and 0 zooms
// 1:1 about the left half's centre.
func TestSplitZoomKeys(t *testing.T) {
	var g *Game
	var fitted, centreBefore, centreAfter geom.Point
	var fitOK bool
	s := input.NewScript().Wait(1).Key(ebiten.KeyV).Key(ebiten.KeyF).Wait(1)
	s.Do(func() {
		b := g.doc.T.Bounds()
		x0, _ := g.cam.ToScreen(b.Min)
		x1, _ := g.cam.ToScreen(b.Max)
		fitOK = x0 >= 0 && x1 <= g.splitX()
		fitted = g.cam.ToMM(g.splitX()/2, float64(g.h-g.statusHeight())/2)
	})
	s.Do(func() { centreBefore = g.cam.ToMM(g.splitX()/2, float64(g.h-g.statusHeight())/2) })
	s.Key(ebiten.KeyDigit0).Wait(1)
	s.Do(func() { centreAfter = g.cam.ToMM(g.splitX()/2, float64(g.h-g.statusHeight())/2) })
	g = newHeadless(t, s, "")
	g.startExercise("", "norwood3")
	play(t, g, s)
	if !fitOK {
		t.Errorf("F in the split view does not fit the template into the left half (centre %v)", fitted)
	}
	if math.Abs(g.cam.Zoom()-1) > 1e-9 {
		t.Errorf("zoom %g after 0, want 1", g.cam.Zoom())
	}
	if centreAfter.Dist(centreBefore) > 1e-9 {
		t.Errorf("0 moved the left half's centre from %v to %v", centreBefore, centreAfter)
	}
}

// The status line reads the chart point under the pointer in either half.
func TestSplitPointerMM(t *testing.T) {
	var g *Game
	var left, right geom.Point
	s := input.NewScript().Wait(1).Key(ebiten.KeyV).MoveTo(123, 200).Wait(1)
	s.Do(func() { left = g.pointerMM() })
	s.MoveTo(123+400, 200).Wait(1)
	s.Do(func() { right = g.pointerMM() })
	g = newHeadless(t, s, "")
	play(t, g, s)
	if left.Dist(right) > 1e-9 {
		t.Errorf("pointer at the same place in each half reads %v left and %v right", left, right)
	}
}
