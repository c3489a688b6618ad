package spatial

import "github.com/smptrainer/smp/sim/geom"

// CountWithinOnSurface returns how many live points lie at surface
// distance <= r from p (chart distance on a grid without a surface), as
// WithinOnSurface would visit, counting only points i with labels[i] ==
// want, or every point when labels is nil. It is WithinOnSurface for a
// caller that only counts, such as a density window over one zone's dots
// among every zone's: the test runs in the scan's loop, with no call per
// point.
func (g *Grid) CountWithinOnSurface(p geom.Point, r float64, labels []int32, want int32) int {
	if g.live == 0 || !p.IsFinite() || !(r >= 0) {
		return 0
	}
	r2 := r * r
	n := 0
	if g.surf == nil {
		x0, y0, x1, y1 := g.around(p, r)
		g.rect(x0, y0, x1, y1, func(idx []int32, pts []geom.Point, _ []geom.Vec3) bool {
			for k, q := range pts {
				dx, dy := q.X-p.X, q.Y-p.Y
				n += counted(dx*dx+dy*dy <= r2, labels, idx[k], want)
			}
			return false
		})
		return n
	}
	v := g.surf.Lift(p)
	x0, y0, x1, y1 := g.around(p, g.surfaceReach(r))
	g.rect(x0, y0, x1, y1, func(idx []int32, _ []geom.Point, sk []geom.Vec3) bool {
		for k, q := range sk {
			n += counted(q.Dist2(v) <= r2, labels, idx[k], want)
		}
		return false
	})
	return n
}

// counted is 1 when a point within reach (in) carries the label counted,
// 0 otherwise: written without branches on in, which a disc's edge makes
// as good as random, since a mispredicted branch costs more than the
// label's load.
func counted(in bool, labels []int32, i int32, want int32) int {
	var a, b int
	if in {
		a = 1
	}
	if labels == nil || labels[i] == want {
		b = 1
	}
	return a & b
}
