package ui

import (
	"math"
	"slices"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

func TestHoldDepthMapping(t *testing.T) {
	shallowTicks := int(math.Ceil(ShallowBelowS*TPS)) - 1 // the longest shallow hold
	deepTicks := int(math.Ceil(DeepFromS * TPS))          // the shortest deep hold
	for _, c := range []struct {
		ticks int
		want  impression.Depth
	}{
		{0, impression.Shallow}, // press and release in one tick (a touchpad tap)
		{shallowTicks, impression.Shallow},
		{shallowTicks + 1, impression.Target},
		{6, impression.Target}, // an ordinary 0.1 s click
		{deepTicks - 1, impression.Target},
		{deepTicks, impression.Deep},
		{10 * TPS, impression.Deep},
	} {
		if got := holdDepth(float64(c.ticks) / TPS); got != c.want {
			t.Errorf("hold %d ticks (%.3f s): %s, want %s", c.ticks, float64(c.ticks)/TPS, got, c.want)
		}
	}
}

func TestHoldDepthWithin(t *testing.T) {
	for _, c := range []struct {
		s, err float64
		want   impression.Depth
	}{
		{0.1, 0, impression.Target},
		{0.02, 0, impression.Shallow},
		{0.03, 1.0 / TPS, impression.Target}, // a frame either way reaches 0.04
		{0.02, 0.01, impression.Shallow},
		{0.45, 0, impression.Deep},
		{0.45, 0.1, impression.Target}, // a slow frame: could have been 0.35
		{0.9, 0.3, impression.Deep},    // 0.6 at the least
	} {
		if got := holdDepthWithin(c.s, c.err); got != c.want {
			t.Errorf("hold %.3f ± %.3f s: %s, want %s", c.s, c.err, got, c.want)
		}
	}
}

func TestDepthToggleOff(t *testing.T) {
	// With D, a held press and a flick both land on target.
	s := input.NewScript().Wait(1).Key(ebiten.KeyD).
		MoveToMM(geom.Point{X: 1, Y: 1}).Press(input.Left).Wait(60).Release(input.Left).
		ClickMM(geom.Point{X: 3, Y: 1})
	g := newHeadless(t, s, "")
	play(t, g, s)
	if g.DepthFromHold() {
		t.Fatal("D did not turn depth from hold off")
	}
	for i, im := range g.doc.Impressions() {
		if im.Depth != impression.Target {
			t.Errorf("impression %d depth %s with depth off, want target", i, im.Depth)
		}
	}
	if g.doc.Len() != 2 {
		t.Errorf("%d impressions, want 2", g.doc.Len())
	}
}

// stippleRun drags a stipple stroke and returns the impressions.
func stippleRun(t *testing.T) []impression.Impression {
	s := input.NewScript().Wait(1).Key(ebiten.KeyT).Key(ebiten.KeyPeriod).MoveToMM(geom.Point{X: -5, Y: 0}).Press(input.Left)
	for i := 1; i <= 60; i++ {
		s.MoveToMM(geom.Point{X: -5 + float64(i)/6, Y: 0})
	}
	s.Release(input.Left)
	g := newHeadless(t, s, "")
	play(t, g, s)
	return g.doc.Impressions()
}

func TestStippleSeededAndRated(t *testing.T) {
	a, b := stippleRun(t), stippleRun(t)
	if !slices.Equal(a, b) {
		t.Error("the same stroke twice gave different impressions: the jitter is not seeded")
	}
	// . raised the rhythm one step from the default.
	rate := StippleRates[slices.Index(StippleRates, DefaultStippleRate)+1]
	if want := rate * 61 / TPS; float64(len(a)) < want*0.75 || float64(len(a)) > want*1.25+1 {
		t.Errorf("%d impressions in a 1 s stroke at %g/s", len(a), rate)
	}
}

// pointerAt returns a headless game with the pointer moved over chart
// point p, and the screen pixel it is at, for tests that then apply
// Inputs by hand.
func pointerAt(t *testing.T, p geom.Point) (g *Game, x, y float64) {
	s := input.NewScript().Wait(1).MoveToMM(p).Do(func() { x, y = g.lastX, g.lastY })
	g = newHeadless(t, s, "")
	play(t, g, s)
	return g, x, y
}

// TestSlowFrameClickKeepsItsDepth: a 0.1 s click whose press and release
// were read one tick apart (a frame that took the whole click) lands on
// target, at the pressed pixel: the depth comes from the source's measured
// hold, not the ticks.
func TestSlowFrameClickKeepsItsDepth(t *testing.T) {
	g, x, y := pointerAt(t, geom.Point{X: 2, Y: 2})
	g.apply(&input.Input{X: x, Y: y, Pressed: [3]bool{true}, Held: [3]bool{true}})
	g.tick++
	g.apply(&input.Input{X: x, Y: y, Released: [3]bool{true}, HoldS: 0.1})
	if g.doc.Len() != 1 {
		t.Fatalf("%d impressions after one click, want 1", g.doc.Len())
	}
	if d := g.doc.Impressions()[0].Depth; d != impression.Target {
		t.Errorf("a 0.1 s click read in one slow frame landed %s, want on target", d)
	}
}

// TestSlowFrameClickThenMoveOn: under a slow frame the pointer may have
// moved on to the next place by the time the release is read; the click
// still lands, at the pressed pixel. A move read while the button is still
// down is a drag, and places nothing.
func TestSlowFrameClickThenMoveOn(t *testing.T) {
	g, x, y := pointerAt(t, geom.Point{X: 2, Y: 2})
	g.apply(&input.Input{X: x, Y: y, Pressed: [3]bool{true}, Held: [3]bool{true}})
	g.tick++
	g.apply(&input.Input{X: x + 30, Y: y, Released: [3]bool{true}, HoldS: 0.2, HoldErrS: 0.2})
	if g.doc.Len() != 1 {
		t.Fatalf("%d impressions after a click read with the pointer gone on, want 1", g.doc.Len())
	}
	if p, want := g.doc.Impressions()[0].Pos, g.cam.ToMM(x+0.5, y+0.5); math.Hypot(p.X-want.X, p.Y-want.Y) > 1e-9 {
		t.Errorf("placed at %v, want the pressed pixel %v", p, want)
	}
	g.tick++
	g.apply(&input.Input{X: x, Y: y, Pressed: [3]bool{true}, Held: [3]bool{true}})
	g.tick++
	g.apply(&input.Input{X: x + 30, Y: y, Held: [3]bool{true}})
	g.tick++
	g.apply(&input.Input{X: x + 30, Y: y, Released: [3]bool{true}, HoldS: 0.3})
	if g.doc.Len() != 1 {
		t.Errorf("a drag read while held placed an impression (%d in all)", g.doc.Len())
	}
}

// TestFastEraseDragSkipsNothing: a drag that crosses a row of impressions
// in two ticks erases every one of them, not only those under the two
// pointer positions the ticks saw.
func TestFastEraseDragSkipsNothing(t *testing.T) {
	s := input.NewScript().Wait(1)
	for x := -6.0; x <= 6; x++ {
		s.ClickMM(geom.Point{X: x, Y: 0})
	}
	s.Key(ebiten.KeyE).MoveToMM(geom.Point{X: -7, Y: 0})
	var g *Game
	s.Press(input.Left).MoveWith(func(input.Context) (float64, float64) {
		x, y := g.Camera().ToScreen(geom.Point{X: 7, Y: 0})
		return x, y
	}).Release(input.Left)
	g = newHeadless(t, s, "")
	play(t, g, s)
	if n := g.doc.Len(); n != 0 {
		t.Errorf("%d impressions left after a fast erase drag across all 13", n)
	}
}
