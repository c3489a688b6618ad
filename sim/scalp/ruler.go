package scalp

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// Ruler is a straight edge laid on the skin through one point, along the
// chart's x there, as a ruler is laid across the forehead: a great circle
// of the model head (a straight line on a Flat chart). It measures chart
// points against itself in skin mm (domain.md §9: the chart keeps areas,
// not distances, so a line ruled straight on the chart bows on the skin).
type Ruler struct {
	head Head
	// O is the touching point on the skin; E1 and E2 are unit axes of the
	// skin's tangent plane there: E1 along the ruler (the skin image of
	// the chart's x) and E2 across it, toward the chart's +y. The ruler's
	// great circle lies in the plane through the head's centre spanned by
	// O and E1, so E2 is that plane's normal.
	O, E1, E2 geom.Vec3
}

// NewRuler lays a ruler on head h through chart point p.
func NewRuler(h Head, p geom.Point) Ruler {
	r := Ruler{head: h, O: h.ToSkin(p)}
	const d = 0.01
	e1 := h.ToSkin(p.Add(geom.Pt(d, 0))).Sub(h.ToSkin(p.Add(geom.Pt(-d, 0))))
	r.E1 = vmul(e1, 1/e1.Norm())
	if h.flat() {
		r.E2 = geom.Vec3{Y: 1}
		return r
	}
	n := vmul(r.O, 1/r.O.Norm()) // the skin's normal: the sphere's radius
	r.E2 = geom.Vec3{X: n.Y*r.E1.Z - n.Z*r.E1.Y, Y: n.Z*r.E1.X - n.X*r.E1.Z, Z: n.X*r.E1.Y - n.Y*r.E1.X}
	if r.E2.Dot(h.ToSkin(p.Add(geom.Pt(0, d))).Sub(r.O)) < 0 {
		r.E2 = vmul(r.E2, -1) // keep the chart's +y on +E2
	}
	return r
}

func vmul(v geom.Vec3, k float64) geom.Vec3 { return geom.Vec3{X: k * v.X, Y: k * v.Y, Z: k * v.Z} }

// Plane returns chart point q seen in the skin's tangent plane at the
// touching point, straight down the skin's normal there, in skin mm (E1,
// E2 coordinates): the ruler is the line y = 0, and lengths near the
// touching point are skin lengths (a chord x away appears R·sin(x/R)
// long: 1.8% short at 30 mm on a 91 mm head).
func (r Ruler) Plane(q geom.Point) geom.Point {
	d := r.head.ToSkin(q).Sub(r.O)
	return geom.Pt(d.Dot(r.E1), d.Dot(r.E2))
}

// At returns where chart point q lies against the ruler, in skin mm:
// along, the distance along the ruler from the touching point to q's foot
// on it (negative toward the chart's −x), and behind, q's distance from
// the ruler (positive toward the chart's +y). Great-circle distances on a
// head; chart distances on a Flat chart.
func (r Ruler) At(q geom.Point) (along, behind float64) {
	v := r.head.ToSkin(q)
	if r.head.flat() {
		d := v.Sub(r.O)
		return d.Dot(r.E1), d.Dot(r.E2)
	}
	R := r.head.RadiusMM
	u := vmul(v, 1/v.Norm())
	o := vmul(r.O, 1/r.O.Norm())
	behind = R * math.Asin(math.Max(-1, math.Min(1, u.Dot(r.E2))))
	along = R * math.Atan2(u.Dot(r.E1), u.Dot(o))
	return along, behind
}
