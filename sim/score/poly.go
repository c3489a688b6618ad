package score

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// bandedPoly answers point-in-polygon queries in near-constant time: the
// edges are bucketed into horizontal bands, and a query tests only the edges
// of its band. It uses the same crossing rule as geom.Polygon.Contains, so
// the answers are identical (an edge that spans the query's Y always
// overlaps the query's band).
type bandedPoly struct {
	poly   geom.Polygon
	bounds geom.Rect
	y0, bh float64
	bands  [][]edge
}

type edge struct{ a, b geom.Point }

func newBandedPoly(pg geom.Polygon) *bandedPoly {
	bp := &bandedPoly{poly: pg, bounds: pg.Bounds()}
	n := len(pg)
	nb := min(max(n/2, 1), 256)
	bp.y0 = bp.bounds.Min.Y
	bp.bh = bp.bounds.Dy() / float64(nb)
	if !(bp.bh > 0) {
		bp.bh = 1
	}
	bp.bands = make([][]edge, nb)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := pg[i], pg[j]
		lo, hi := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
		b0, b1 := bp.band(lo), bp.band(hi)
		for k := b0; k <= b1; k++ {
			bp.bands[k] = append(bp.bands[k], edge{a, b})
		}
	}
	return bp
}

func (bp *bandedPoly) band(y float64) int {
	k := int(math.Floor((y - bp.y0) / bp.bh))
	return min(max(k, 0), len(bp.bands)-1)
}

// contains reports whether p is inside (even-odd rule, as geom).
func (bp *bandedPoly) contains(p geom.Point) bool {
	if p.X < bp.bounds.Min.X || p.X > bp.bounds.Max.X || p.Y < bp.bounds.Min.Y || p.Y > bp.bounds.Max.Y {
		return false
	}
	in := false
	for _, e := range bp.bands[bp.band(p.Y)] {
		a, b := e.a, e.b
		if (a.Y > p.Y) != (b.Y > p.Y) &&
			p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}
