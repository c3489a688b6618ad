package geom

import (
	"cmp"
	"math"
	"slices"
)

// Polygon is a simple closed polygon: the last vertex joins the first, which
// is not repeated.
type Polygon []Point

// SignedArea returns the shoelace area in mm²: positive when the vertices run
// counter-clockwise in a Y-up frame (clockwise on a Y-down screen).
func (pg Polygon) SignedArea() float64 {
	var s float64
	n := len(pg)
	for i := range n {
		a, b := pg[i], pg[(i+1)%n]
		s += a.X*b.Y - b.X*a.Y
	}
	return s / 2
}

// Area returns the polygon's area in mm².
func (pg Polygon) Area() float64 { return math.Abs(pg.SignedArea()) }

// AreaCM2 returns the polygon's area in cm².
func (pg Polygon) AreaCM2() float64 { return pg.Area() / 100 }

// Bounds returns the smallest rectangle holding every vertex.
func (pg Polygon) Bounds() Rect {
	if len(pg) == 0 {
		return Rect{}
	}
	r := Rect{pg[0], pg[0]}
	for _, p := range pg[1:] {
		r.Min.X = math.Min(r.Min.X, p.X)
		r.Min.Y = math.Min(r.Min.Y, p.Y)
		r.Max.X = math.Max(r.Max.X, p.X)
		r.Max.Y = math.Max(r.Max.Y, p.Y)
	}
	return r
}

// Contains reports whether p lies inside the polygon (even-odd rule). Points
// exactly on an edge may go either way; callers that care use BoundaryDist.
func (pg Polygon) Contains(p Point) bool {
	in := false
	n := len(pg)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := pg[i], pg[j]
		if (a.Y > p.Y) != (b.Y > p.Y) &&
			p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// BoundaryDist returns the distance from p to the nearest edge.
func (pg Polygon) BoundaryDist(p Point) float64 {
	d := math.Inf(1)
	n := len(pg)
	for i := range n {
		a, b := pg[i], pg[(i+1)%n]
		// An edge whose bounding box lies farther from p than the nearest
		// edge so far cannot be nearer: skip it without measuring (the
		// templates' outlines have hundreds of edges, and validating a
		// template asks this of every zone vertex on its outline). The
		// margin keeps rounding in the box test from skipping an edge
		// that would set d, so the answer is the full scan's.
		if m := d*(1+1e-9) + 1e-9; p.X < math.Min(a.X, b.X)-m || p.X > math.Max(a.X, b.X)+m ||
			p.Y < math.Min(a.Y, b.Y)-m || p.Y > math.Max(a.Y, b.Y)+m {
			continue
		}
		d = math.Min(d, SegmentDist(p, a, b))
	}
	return d
}

// BoundaryWithin reports !(BoundaryDist(p) > d): whether some edge lies
// within d of p (or p's distance is not a number). It measures only the
// edges whose bounding boxes come within d of p, and stops at the first
// that does: validating a template asks it of every zone vertex.
func (pg Polygon) BoundaryWithin(p Point, d float64) bool {
	n := len(pg)
	m := d*(1+1e-9) + 1e-9 // rounding in the box test never skips an edge within d
	for i := range n {
		a, b := pg[i], pg[(i+1)%n]
		if p.X < math.Min(a.X, b.X)-m || p.X > math.Max(a.X, b.X)+m ||
			p.Y < math.Min(a.Y, b.Y)-m || p.Y > math.Max(a.Y, b.Y)+m {
			continue
		}
		if !(SegmentDist(p, a, b) > d) {
			return true
		}
	}
	return false
}

// Centroid returns the area centroid.
func (pg Polygon) Centroid() Point {
	var cx, cy, a float64
	n := len(pg)
	for i := range n {
		p, q := pg[i], pg[(i+1)%n]
		c := p.X*q.Y - q.X*p.Y
		cx += (p.X + q.X) * c
		cy += (p.Y + q.Y) * c
		a += c
	}
	if a == 0 {
		return pg[0]
	}
	return Point{cx / (3 * a), cy / (3 * a)}
}

// Perimeter returns the length of the closed boundary in mm.
func (pg Polygon) Perimeter() float64 {
	var s float64
	for i := range pg {
		s += pg[i].Dist(pg[(i+1)%len(pg)])
	}
	return s
}

// IsSimple reports whether the polygon has at least three vertices, all
// finite, and no two non-adjacent edges meet. It is O(n²), which is fine for
// template outlines of a few hundred vertices.
func (pg Polygon) IsSimple() bool {
	n := len(pg)
	if n < 3 {
		return false
	}
	for _, p := range pg {
		if !p.IsFinite() {
			return false
		}
	}
	// Only edges whose x ranges overlap can cross (segmentsCross refuses
	// disjoint boxes first), so the edges are swept in order of their
	// least x and each is tested against those starting before it ends:
	// the same pairs that can cross as testing every pair, in about
	// n log n rather than n² for the template outlines and zones, which
	// are checked every time the templates load.
	type span struct {
		lo, hi float64
		i      int
	}
	edges := make([]span, n)
	for i := range n {
		a, b := pg[i], pg[(i+1)%n]
		if a == b {
			return false
		}
		edges[i] = span{math.Min(a.X, b.X), math.Max(a.X, b.X), i}
	}
	slices.SortFunc(edges, func(p, q span) int { return cmp.Compare(p.lo, q.lo) })
	for k, e := range edges {
		for _, f := range edges[k+1:] {
			if f.lo > e.hi {
				break
			}
			i, j := min(e.i, f.i), max(e.i, f.i)
			if j == i+1 || (i == 0 && j == n-1) {
				continue // adjacent edges share a vertex by construction
			}
			if segmentsCross(pg[i], pg[(i+1)%n], pg[j], pg[(j+1)%n]) {
				return false
			}
		}
	}
	return true
}

// Polyline is an open chain of points, such as a hairline or a landmark line.
type Polyline []Point

// Length returns the chain's length in mm.
func (pl Polyline) Length() float64 {
	var s float64
	for i := 1; i < len(pl); i++ {
		s += pl[i-1].Dist(pl[i])
	}
	return s
}

// Dist returns the distance from p to the nearest point of the chain.
func (pl Polyline) Dist(p Point) float64 {
	if len(pl) == 1 {
		return p.Dist(pl[0])
	}
	d := math.Inf(1)
	for i := 1; i < len(pl); i++ {
		d = math.Min(d, SegmentDist(p, pl[i-1], pl[i]))
	}
	return d
}
