package design

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// Smooth returns a curve through the points ps in order: a centripetal
// Catmull–Rom spline (Yury, Catmull–Rom parameterisation with α = ½, which
// never loops or cusps between close points), n samples per span, ending
// exactly on the last point. It is how the trainer draws a line through
// the points and handles a trainee has placed.
func Smooth(ps []geom.Point, n int) geom.Polyline {
	if len(ps) < 2 || n < 1 {
		return append(geom.Polyline(nil), ps...)
	}
	ext := make([]geom.Point, 0, len(ps)+2)
	ext = append(ext, ps[0].Mul(2).Sub(ps[1]))
	ext = append(ext, ps...)
	ext = append(ext, ps[len(ps)-1].Mul(2).Sub(ps[len(ps)-2]))
	knot := func(a, b geom.Point) float64 { return math.Max(1e-6, math.Sqrt(a.Dist(b))) }
	var out geom.Polyline
	for i := 1; i+2 < len(ext); i++ {
		p0, p1, p2, p3 := ext[i-1], ext[i], ext[i+1], ext[i+2]
		t1 := knot(p0, p1)
		t2 := t1 + knot(p1, p2)
		t3 := t2 + knot(p2, p3)
		lerp := func(a, b geom.Point, ta, tb, t float64) geom.Point {
			return a.Mul((tb - t) / (tb - ta)).Add(b.Mul((t - ta) / (tb - ta)))
		}
		for k := 0; k < n; k++ {
			t := t1 + (t2-t1)*float64(k)/float64(n)
			a1 := lerp(p0, p1, 0, t1, t)
			a2 := lerp(p1, p2, t1, t2, t)
			a3 := lerp(p2, p3, t2, t3, t)
			b1 := lerp(a1, a2, 0, t2, t)
			b2 := lerp(a2, a3, t1, t3, t)
			out = append(out, lerp(b1, b2, t1, t2, t))
		}
	}
	return append(out, ps[len(ps)-1])
}
