package view

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

func TestTrueScale(t *testing.T) {
	// 96 px per inch of 25.4 mm.
	if got := TrueScale(1); math.Abs(got-3.7795275590551185) > 1e-12 {
		t.Errorf("TrueScale(1) = %v", got)
	}
	if got := TrueScale(2); math.Abs(got-2*TrueScale(1)) > 1e-12 {
		t.Errorf("TrueScale(2) = %v, want twice TrueScale(1)", got)
	}
	if got := TrueScale(math.NaN()); got != TrueScale(1) {
		t.Errorf("TrueScale(NaN) = %v, want the 1× fallback", got)
	}
}

func TestRoundTripAndZoomAbout(t *testing.T) {
	c := New(TrueScale(1), geom.Point{X: 3, Y: -40}, 800, 600)
	if x, y := c.ToScreen(geom.Point{X: 3, Y: -40}); math.Abs(x-400) > 1e-9 || math.Abs(y-300) > 1e-9 {
		t.Fatalf("centre maps to (%v, %v), want (400, 300)", x, y)
	}
	p := geom.Point{X: 12.5, Y: -31}
	x, y := c.ToScreen(p)
	for _, notches := range []float64{3, -5, 0.25, 40, -80} {
		c.Wheel(x, y, notches)
		if q := c.ToMM(x, y); q.Dist(p) > 1e-9 {
			t.Errorf("after %v notches the point under the cursor moved from %v to %v", notches, p, q)
		}
		if z := c.Zoom(); z < MinZoom-1e-12 || z > MaxZoom+1e-12 {
			t.Errorf("zoom %v outside [%v, %v]", z, MinZoom, MaxZoom)
		}
	}
	c.Pan(10, -4)
	if q := c.ToMM(x+10, y-4); q.Dist(p) > 1e-9 {
		t.Errorf("a pan by (10, -4) px should carry the chart with it: %v, want %v", q, p)
	}
}

func TestBucketNeverMagnifies(t *testing.T) {
	c := New(TrueScale(1.5), geom.Point{}, 100, 100)
	for z := MinZoom; z <= MaxZoom; z *= 1.037 {
		c.Scale = z * c.True
		b := c.Bucket()
		s := c.BucketScale(b)
		if s < c.Scale*(1-1e-9) {
			t.Fatalf("zoom %v: bucket %d scale %v is below the screen's %v", z, b, s, c.Scale)
		}
		if s > c.Scale*math.Exp2(1.0/BucketsPerOctave)*(1+1e-9) {
			t.Fatalf("zoom %v: bucket %d scale %v more than one bucket above %v", z, b, s, c.Scale)
		}
	}
	c.Scale = c.True
	if b := c.Bucket(); b != 0 || c.BucketScale(b) != c.True {
		t.Errorf("1:1 is bucket %d at %v px/mm, want bucket 0 at the true scale", b, c.BucketScale(b))
	}
}
