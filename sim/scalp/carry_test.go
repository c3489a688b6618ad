package scalp

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// TestInCarryPast on a flat chart, where chart mm are skin mm: a 20 mm
// square patch in hair; the band is the CarryPastMM outside its edge.
func TestInCarryPast(t *testing.T) {
	sq := func(x0, y0, x1, y1 float64) geom.Polygon {
		return geom.Polygon{geom.Pt(x0, y0), geom.Pt(x1, y0), geom.Pt(x1, y1), geom.Pt(x0, y1)}
	}
	band := [3]DensityBand{{10, 25}, {45, 50}, {70, 100}}
	tp := &Template{
		ID:   "flat-patch",
		Head: Head{Projection: Flat, RadiusMM: 90, Aspect: 1},
		Zones: []Zone{
			{ID: "hair", Kind: SidesBack, Polygon: sq(-50, -50, 50, 50)},
			{ID: "patch", Kind: Patch, Polygon: sq(-10, -10, 10, 10), Targets: band},
		},
	}
	for _, c := range []struct {
		p    geom.Point
		want bool
	}{
		{geom.Pt(0, 0), false},                   // inside the patch
		{geom.Pt(10+0.5*CarryPastMM, 0), true},   // halfway across the band
		{geom.Pt(0, -10-0.99*CarryPastMM), true}, // at its far side
		{geom.Pt(10+1.01*CarryPastMM, 0), false}, // just beyond it
		{geom.Pt(13, 13), true},                  // past a corner: 4.2 mm
		{geom.Pt(14.5, 14.5), false},             // past a corner: 6.4 mm
		{geom.Pt(40, 40), false},                 // far out in the hair
	} {
		if _, _, got := tp.InCarryPast(c.p); got != c.want {
			t.Errorf("InCarryPast(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if zi, d, ok := tp.InCarryPast(geom.Pt(12.5, 3)); !ok || zi != 1 || math.Abs(d-2.5) > 1e-9 {
		t.Errorf("InCarryPast(12.5, 3) = %d, %g, %v; want patch 1, 2.5 mm", zi, d, ok)
	}
	// A patch that takes no dots has no band.
	tp.Zones[1].Targets = [3]DensityBand{}
	if _, _, got := tp.InCarryPast(geom.Pt(12, 0)); got {
		t.Error("an untreated patch has a carry-past band")
	}
}
