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
		if got := holdDepth(c.ticks); got != c.want {
			t.Errorf("hold %d ticks (%.3f s): %s, want %s", c.ticks, float64(c.ticks)/TPS, got, c.want)
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
