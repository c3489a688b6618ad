package scalp

import (
	"fmt"
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// polarTiling cuts the chart into zones along curves s(φ): the arc length
// from the apex, in mm, at which a boundary crosses each sampled azimuth.
//
// The azimuths are shared by every curve, and curve k lies at or outside
// curve k-1 at every azimuth, so the chart is a stack of layers, each cut
// into columns by the azimuths. Every cell (layer, column) belongs to one
// zone; a zone's polygon is the boundary of the union of its cells. Cells
// share their corner points, so the zones tile the outline exactly: their
// areas add up to the outline's area to rounding, and no point is in two
// zones. Where two curves coincide a layer has no thickness and its cells
// vanish, which is how a zone is present at some azimuths and not at others.
type polarTiling struct {
	head Head
	phi  []float64 // sample azimuths in (-π, π], increasing
	// curves[k][i] is boundary k at azimuth phi[i], in mm of arc from the
	// apex. curves[0] is the apex (all zero); the last is the outline.
	curves [][]float64
	// labels[k][j] is the zone of the cell between curves[k] and
	// curves[k+1] in column j, the wedge from phi[j] to phi[j+1] (the last
	// column wraps round to phi[0]).
	labels [][]int
}

// colMid returns the mid-azimuth of column j in (-π, π].
func (pt *polarTiling) colMid(j int) float64 {
	a := pt.phi[j]
	b := pt.phi[(j+1)%len(pt.phi)]
	if b <= a {
		b += 2 * math.Pi
	}
	return wrapAngle((a + b) / 2)
}

// point projects the vertex of curve k at sample i.
func (pt *polarTiling) point(k, i int) geom.Point {
	s := pt.curves[k][i]
	if s == 0 {
		return geom.Point{} // the apex, whatever the azimuth
	}
	return pt.head.Project(s/pt.head.RadiusMM, pt.phi[i])
}

// clampMonotone makes every curve lie at or outside the one before it and
// at or inside the outline, so layers never have negative thickness.
func (pt *polarTiling) clampMonotone() {
	last := pt.curves[len(pt.curves)-1]
	for k := 1; k < len(pt.curves); k++ {
		for i := range pt.phi {
			pt.curves[k][i] = min(max(pt.curves[k][i], pt.curves[k-1][i]), last[i])
		}
	}
}

// insertLayer splits boundary k into two curves, k pulled in by hIn and a
// new k+1 pushed out by hOut, and labels the new layer between them with
// label(column). Where hIn and hOut are zero the new layer has no
// thickness, so an island zone appears only over its own azimuths. The
// island straddles boundary k, so the zones on either side of it stay
// simple polygons rather than gaining a hole.
func (pt *polarTiling) insertLayer(k int, hIn, hOut []float64, label func(j int) int) {
	lo := make([]float64, len(pt.phi))
	hi := make([]float64, len(pt.phi))
	for i := range pt.phi {
		lo[i] = pt.curves[k][i] - hIn[i]
		hi[i] = pt.curves[k][i] + hOut[i]
	}
	lab := make([]int, len(pt.phi))
	for j := range lab {
		lab[j] = label(j)
	}
	curves := append([][]float64{}, pt.curves[:k]...)
	curves = append(curves, lo, hi)
	curves = append(curves, pt.curves[k+1:]...)
	labels := append([][]int{}, pt.labels[:k]...)
	labels = append(labels, lab)
	labels = append(labels, pt.labels[k:]...)
	pt.curves, pt.labels = curves, labels
	pt.clampMonotone()
}

// outline returns the outermost curve as a polygon.
func (pt *polarTiling) outline() geom.Polygon {
	k := len(pt.curves) - 1
	pg := make(geom.Polygon, len(pt.phi))
	for i := range pt.phi {
		pg[i] = pt.point(k, i)
	}
	return pg
}

// zonePolygons returns one polygon per zone (indexed like names): the
// boundary of the union of that zone's cells. A zone whose cells do not
// form one simple region (empty, in pieces, with a hole, or touching
// itself at a point) is an error naming it.
func (pt *polarTiling) zonePolygons(names []string) ([]geom.Polygon, error) {
	// Vertices that coincide (curves that meet) become one vertex, so that
	// edges match exactly between neighbouring cells. Each grid point is
	// placed and looked up once (memo), though four cells share it.
	n := len(pt.phi)
	ids := make(map[geom.Point]int, len(pt.curves)*n)
	var pts []geom.Point
	memo := make([]int, len(pt.curves)*n)
	for k := range memo {
		memo[k] = -1
	}
	vid := func(k, i int) int {
		if id := memo[k*n+i]; id >= 0 {
			return id
		}
		p := pt.point(k, i)
		id, ok := ids[p]
		if !ok {
			id = len(pts)
			ids[p] = id
			pts = append(pts, p)
		}
		memo[k*n+i] = id
		return id
	}
	type edge struct{ a, b int }
	edges := make([]map[edge]bool, len(names))
	for z := range edges {
		edges[z] = map[edge]bool{}
	}
	for k := 1; k < len(pt.curves); k++ {
		for j := range n {
			z := pt.labels[k-1][j]
			j2 := (j + 1) % n
			cell := [4]int{vid(k-1, j), vid(k-1, j2), vid(k, j2), vid(k, j)}
			// Drop repeats: a cell pinched to a triangle, or to nothing.
			var kept [4]int
			nc := 0
			for i, v := range cell {
				if v != cell[(i+len(cell)-1)%len(cell)] {
					kept[nc] = v
					nc++
				}
			}
			if nc < 3 {
				continue
			}
			c := kept[:nc]
			for i, a := range c {
				b := c[(i+1)%len(c)]
				if edges[z][edge{b, a}] {
					delete(edges[z], edge{b, a}) // shared with a cell of the same zone
				} else {
					edges[z][edge{a, b}] = true
				}
			}
		}
	}
	out := make([]geom.Polygon, len(names))
	for z, es := range edges {
		if len(es) == 0 {
			return nil, fmt.Errorf("zone %q is empty: its curves coincide everywhere", names[z])
		}
		next := map[int]int{}
		for e := range es {
			if _, dup := next[e.a]; dup {
				return nil, fmt.Errorf("zone %q touches itself at (%.1f, %.1f) mm: its parts meet at a point",
					names[z], pts[e.a].X, pts[e.a].Y)
			}
			next[e.a] = e.b
		}
		// Start from the smallest vertex id so the result is deterministic.
		start := -1
		for a := range next {
			if start < 0 || a < start {
				start = a
			}
		}
		var pg geom.Polygon
		for v := start; ; {
			pg = append(pg, pts[v])
			v = next[v]
			if v == start {
				break
			}
			if len(pg) > len(next) {
				return nil, fmt.Errorf("zone %q: boundary does not close", names[z])
			}
		}
		if len(pg) != len(next) {
			return nil, fmt.Errorf("zone %q is not one simple region (%d boundary edges, %d in the first loop): it is in pieces or has a hole",
				names[z], len(next), len(pg))
		}
		out[z] = dropCollinear(pg)
	}
	return out, nil
}

// dropCollinear removes vertices that lie on the straight line between
// their neighbours, such as the middle points of a run of edges along one
// ray (a radial zone boundary crossed by several curves). They add nothing
// to the shape, and left in, rounding makes the run's edges look as if they
// crossed each other to an orientation test. A vertex is dropped when the
// turn there is below collinearTol radians and the path runs on forward.
func dropCollinear(pg geom.Polygon) geom.Polygon {
	const collinearTol = 1e-9
	out := make(geom.Polygon, 0, len(pg))
	for _, b := range pg {
		for len(out) >= 2 {
			a, m := out[len(out)-2], out[len(out)-1]
			if !straight(a, m, b, collinearTol) {
				break
			}
			out = out[:len(out)-1]
		}
		out = append(out, b)
	}
	// Close the loop: the first and last vertices may be mid-run too.
	for changed := true; changed && len(out) > 3; {
		changed = false
		n := len(out)
		if straight(out[n-2], out[n-1], out[0], collinearTol) {
			out, changed = out[:n-1], true
		} else if straight(out[n-1], out[0], out[1], collinearTol) {
			out, changed = out[1:], true
		}
	}
	return out
}

// straight reports whether the path a→m→b runs on through m without
// turning by more than tol radians.
func straight(a, m, b geom.Point, tol float64) bool {
	u, v := m.Sub(a), b.Sub(m)
	cross := u.X*v.Y - u.Y*v.X
	dot := u.X*v.X + u.Y*v.Y
	lu, lv := math.Hypot(u.X, u.Y), math.Hypot(v.X, v.Y)
	return dot > 0 && math.Abs(cross) <= tol*lu*lv
}

// wrapAngle maps an angle to (-π, π].
func wrapAngle(a float64) float64 {
	a = math.Mod(a, 2*math.Pi)
	if a <= -math.Pi {
		a += 2 * math.Pi
	} else if a > math.Pi {
		a -= 2 * math.Pi
	}
	return a
}
