package ui

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

func TestPlacementOrder(t *testing.T) {
	n := impression.DefaultNeedle
	ims := []impression.Impression{
		impression.New(geom.Point{X: 3}, n, 2, 1.0),
		impression.New(geom.Point{X: 1}, n, 1, 5.0),
		impression.New(geom.Point{X: 0}, n, 1, 2.0),
		impression.New(geom.Point{X: 4}, n, 2, 3.0),
	}
	order, times, starts := placementOrder(ims)
	for i, want := range []float64{0, 1, 3, 4} {
		if order[i].Pos.X != want {
			t.Fatalf("order %v, want by session then time", order)
		}
	}
	// Session 2's clock starts after session 1's last impression and a gap.
	if want := []float64{2, 5, 5 + reviewSessionGapS + 1, 5 + reviewSessionGapS + 3}; !equalF(times, want) {
		t.Errorf("times %v, want %v", times, want)
	}
	if len(starts) != 2 || starts[1] != 5+reviewSessionGapS {
		t.Errorf("session starts %v", starts)
	}
	if countAtMost(times, 4.9) != 1 || countAtMost(times, 5) != 2 || countAtMost(times, 100) != 4 || countAtMost(times, -1) != 0 {
		t.Error("countAtMost miscounts")
	}
}

func equalF(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReviewReplaysInOrder(t *testing.T) {
	// Four clicks a second apart, then review: the replay starts empty
	// and plays them back in order at the replay speed.
	s := input.NewScript().Wait(1)
	pts := []geom.Point{{X: 1, Y: 1}, {X: 3, Y: 1}, {X: 5, Y: 1}, {X: 7, Y: 1}}
	for _, p := range pts {
		s.ClickMM(p).Wait(TPS - 3)
	}
	s.Key(ebiten.KeyF3)
	g := newHeadless(t, s, "")
	main := g.layer
	play(t, g, s)
	on, rd := g.Reviewing()
	if !on || g.layer == main {
		t.Fatal("F3 did not open the review with its own picture")
	}
	if rd.Len() > 1 {
		t.Fatalf("the replay starts with %d impressions shown, want the start", rd.Len())
	}
	// At 4×, the four clicks a second apart take under a second.
	s2 := input.NewScript().Wait(TPS / 2)
	g.src = s2
	play(t, g, s2)
	mid := rd.Len()
	s3 := input.NewScript().Wait(TPS)
	g.src = s3
	play(t, g, s3)
	if mid <= 0 || mid >= len(pts) || rd.Len() != len(pts) {
		t.Errorf("replay showed %d after 0.5 s and %d after 1.5 s at %g×, want some and then all %d", mid, rd.Len(), DefaultReviewSpeed, len(pts))
	}
	for i, im := range rd.Impressions() {
		if im.Pos.Dist(pts[i]) > 0.2 {
			t.Errorf("replayed impression %d at %v, want %v", i, im.Pos, pts[i])
		}
	}
	// Stepping: Home, then → twice; editing keys do nothing.
	s4 := input.NewScript().Key(ebiten.KeyHome).Key(ebiten.KeyArrowRight).Key(ebiten.KeyArrowRight).
		Key(ebiten.KeyZ, ebiten.KeyControl).ClickMM(geom.Point{X: 9, Y: 9})
	g.src = s4
	play(t, g, s4)
	if rd.Len() != 2 || g.doc.Len() != len(pts) {
		t.Errorf("after Home → →: %d shown (want 2), the work holds %d (want %d, untouched)", rd.Len(), g.doc.Len(), len(pts))
	}
	// Esc leaves, and the work's own picture is back.
	s5 := input.NewScript().Key(ebiten.KeyEscape)
	g.src = s5
	play(t, g, s5)
	if on, _ := g.Reviewing(); on || g.layer != main {
		t.Error("Esc did not leave the review")
	}
}

// TestReviewCompressesIdleGaps: a ten-minute pause in the work, and one
// before the first impression, each take reviewMaxGapS on the timeline;
// short pauses keep their length.
func TestReviewCompressesIdleGaps(t *testing.T) {
	n := impression.DefaultNeedle
	ims := []impression.Impression{
		impression.New(geom.Point{X: 0}, n, 1, 300),  // after five idle minutes
		impression.New(geom.Point{X: 1}, n, 1, 301),  // a second later
		impression.New(geom.Point{X: 2}, n, 1, 901),  // after ten minutes
		impression.New(geom.Point{X: 3}, n, 1, 903),  // two seconds later
		impression.New(geom.Point{X: 4}, n, 2, 1000), // next session
	}
	_, times, starts := placementOrder(ims)
	g := reviewMaxGapS
	want := []float64{g, g + 1, 2*g + 1, 2*g + 3, 3*g + 3 + reviewSessionGapS}
	if !equalF(times, want) {
		t.Errorf("times %v, want %v", times, want)
	}
	for i := 1; i < len(times); i++ {
		if d := times[i] - times[i-1]; d > reviewMaxGapS+reviewSessionGapS {
			t.Errorf("a gap of %g s on the timeline between %d and %d", d, i-1, i)
		}
	}
	if len(starts) != 2 || starts[1] != 2*g+3+reviewSessionGapS {
		t.Errorf("session starts %v", starts)
	}
}
