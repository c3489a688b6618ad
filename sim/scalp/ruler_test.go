package scalp

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// TestRulerAt: a ruler laid on the head measures great-circle distances.
// Points are built on the sphere by hand: from the touching point O, a
// along the circle through O whose tangent is the skin image of the
// chart's x, then d off it at right angles; the ruler must read (a, d),
// and the tangent plane must show the circle's points on y = 0. On a flat
// chart it reads chart distances from the touching point.
func TestRulerAt(t *testing.T) {
	h := Head{Projection: Azimuthal, RadiusMM: 91, Aspect: 1.2}
	p := geom.Pt(3, -75)
	r := NewRuler(h, p)
	R := h.RadiusMM
	add := func(a, b geom.Vec3) geom.Vec3 { return geom.Vec3{X: a.X + b.X, Y: a.Y + b.Y, Z: a.Z + b.Z} }
	o := vmul(r.O, 1/r.O.Norm())
	// The chart's x at p on the skin, independently: a central difference.
	e1 := h.ToSkin(geom.Pt(3.001, -75)).Sub(h.ToSkin(geom.Pt(2.999, -75)))
	e1 = vmul(e1, 1/e1.Norm())
	n := geom.Vec3{X: o.Y*e1.Z - o.Z*e1.Y, Y: o.Z*e1.X - o.X*e1.Z, Z: o.X*e1.Y - o.Y*e1.X} // the circle's plane normal
	if n.Dot(h.ToSkin(geom.Pt(3, -74)).Sub(r.O)) < 0 {
		n = vmul(n, -1) // behind: toward the chart's +y
	}
	for _, c := range []struct{ a, d float64 }{{0, 0}, {25, 0}, {-30, 0}, {12, 4}, {-8, -3}, {30, 6}} {
		g := add(vmul(o, math.Cos(c.a/R)), vmul(e1, math.Sin(c.a/R))) // on the circle
		q := add(vmul(g, math.Cos(c.d/R)), vmul(n, math.Sin(c.d/R)))  // d off it
		chart := h.FromSkin(vmul(q, R))
		along, behind := r.At(chart)
		if math.Abs(along-c.a) > 1e-4 || math.Abs(behind-c.d) > 1e-4 {
			t.Errorf("point %g along, %g off: ruler reads %.6f, %.6f", c.a, c.d, along, behind)
		}
		if c.d == 0 {
			if y := r.Plane(chart).Y; math.Abs(y) > 1e-6 {
				t.Errorf("point %g along the circle: the tangent plane shows it %.2g off the ruler", c.a, y)
			}
		}
	}
	flat := NewRuler(Head{Projection: Flat}, p)
	if a, b := flat.At(geom.Pt(13, -72)); math.Abs(a-10) > 1e-12 || math.Abs(b-3) > 1e-12 {
		t.Errorf("flat chart: reads %g, %g, want 10, 3", a, b)
	}
}
