package ui

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
)

func TestLassoSelectsAndDeletes(t *testing.T) {
	// Three dots inside the loop, two outside it.
	in := []geom.Point{{X: 1, Y: 1}, {X: 2, Y: 1.5}, {X: 1.5, Y: 2.5}}
	out := []geom.Point{{X: 6, Y: 6}, {X: -5, Y: 1}}
	s := input.NewScript().Wait(1)
	for _, p := range append(append([]geom.Point{}, out[:1]...), append(in, out[1:]...)...) {
		s.ClickMM(p)
	}
	s.Key(ebiten.KeyE, ebiten.KeyShift)
	// A loop around (0..3, 0..3.5), a tick per corner.
	s.MoveToMM(geom.Point{X: 0, Y: 0}).Press(input.Left)
	for _, c := range []geom.Point{{X: 1.5, Y: -0.2}, {X: 3, Y: 0}, {X: 3.2, Y: 2}, {X: 3, Y: 3.5}, {X: 1.5, Y: 3.7}, {X: 0, Y: 3.5}, {X: -0.2, Y: 2}} {
		s.MoveToMM(c)
	}
	s.Release(input.Left)
	g := newHeadless(t, s, "")
	play(t, g, s)
	if n := len(g.selection()); n != len(in) {
		t.Fatalf("the loop selected %d impressions, want %d", n, len(in))
	}
	s2 := input.NewScript().Key(ebiten.KeyDelete)
	g.src = s2
	play(t, g, s2)
	if g.doc.Len() != len(out) {
		t.Fatalf("%d impressions after Delete, want the %d outside the loop", g.doc.Len(), len(out))
	}
	for _, im := range g.doc.Impressions() {
		if im.Pos.X > -0.5 && im.Pos.X < 3.5 && im.Pos.Y > -0.5 && im.Pos.Y < 4 {
			t.Errorf("impression at %v inside the loop survived", im.Pos)
		}
	}
	// One undo brings all three back, in their places in the order.
	s3 := input.NewScript().Key(ebiten.KeyZ, ebiten.KeyControl)
	g.src = s3
	play(t, g, s3)
	ims := g.doc.Impressions()
	if len(ims) != 5 {
		t.Fatalf("%d impressions after undo, want 5", len(ims))
	}
	for i, p := range in {
		if ims[i+1].Pos.Dist(p) > 0.2 {
			t.Errorf("after undo impression %d at %v, want %v", i+1, ims[i+1].Pos, p)
		}
	}
}
