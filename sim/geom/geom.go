// Package geom holds the plane geometry of a scalp chart: points, rectangles,
// polygons and polylines, all in millimetres.
//
// The chart is equal-area (see package scalp), so areas computed here are
// areas of skin: divide a count by Polygon.Area()/100 to get impressions per
// cm².
package geom

import "math"

// Point is a position on the chart in millimetres. X grows toward the
// client's right, Y toward the back of the head; the origin is the apex of
// the head.
type Point struct {
	X, Y float64
}

// Pt is shorthand for Point{X: x, Y: y}.
func Pt(x, y float64) Point { return Point{X: x, Y: y} }

// Add returns p+q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Sub returns p-q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Mul returns p scaled by k.
func (p Point) Mul(k float64) Point { return Point{p.X * k, p.Y * k} }

// Dist returns the Euclidean distance from p to q in millimetres.
func (p Point) Dist(q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// Dist2 returns the squared distance from p to q; it avoids a square root in
// hot nearest-neighbour loops.
func (p Point) Dist2(q Point) float64 {
	dx, dy := p.X-q.X, p.Y-q.Y
	return dx*dx + dy*dy
}

// IsFinite reports whether both coordinates are finite numbers.
func (p Point) IsFinite() bool {
	// x − x is 0 for a finite x and NaN for ±Inf and NaN, so the sum is 0
	// exactly when both are finite: one comparison and one branch, where
	// four tests of each coordinate cost a bulk pass over 100,000 points
	// more than the rest of its loop.
	return (p.X-p.X)+(p.Y-p.Y) == 0
}

// Rect is an axis-aligned rectangle; Min is inclusive and Max exclusive, as in
// package image.
type Rect struct {
	Min, Max Point
}

// Dx returns the rectangle's width.
func (r Rect) Dx() float64 { return r.Max.X - r.Min.X }

// Dy returns the rectangle's height.
func (r Rect) Dy() float64 { return r.Max.Y - r.Min.Y }

// Contains reports whether p lies in r.
func (r Rect) Contains(p Point) bool {
	return p.X >= r.Min.X && p.X < r.Max.X && p.Y >= r.Min.Y && p.Y < r.Max.Y
}

// Inset returns r shrunk by d on every side (grown when d is negative).
func (r Rect) Inset(d float64) Rect {
	return Rect{Point{r.Min.X + d, r.Min.Y + d}, Point{r.Max.X - d, r.Max.Y - d}}
}

// Union returns the smallest rectangle that holds both r and s.
func (r Rect) Union(s Rect) Rect {
	return Rect{
		Point{math.Min(r.Min.X, s.Min.X), math.Min(r.Min.Y, s.Min.Y)},
		Point{math.Max(r.Max.X, s.Max.X), math.Max(r.Max.Y, s.Max.Y)},
	}
}

// SegmentDist returns the distance from p to the segment ab.
func SegmentDist(p, a, b Point) float64 {
	ab := b.Sub(a)
	l2 := ab.X*ab.X + ab.Y*ab.Y
	if l2 == 0 {
		return p.Dist(a)
	}
	t := ((p.X-a.X)*ab.X + (p.Y-a.Y)*ab.Y) / l2
	t = math.Max(0, math.Min(1, t))
	return p.Dist(a.Add(ab.Mul(t)))
}

// segmentsCross reports whether the segments ab and cd properly intersect or
// touch anywhere other than at a shared endpoint.
func segmentsCross(a, b, c, d Point) bool {
	// Disjoint bounding boxes cannot meet; checking them first also keeps
	// rounding in orient from reporting a touch between nearly collinear
	// edges that are far apart.
	if math.Max(a.X, b.X) < math.Min(c.X, d.X) || math.Max(c.X, d.X) < math.Min(a.X, b.X) ||
		math.Max(a.Y, b.Y) < math.Min(c.Y, d.Y) || math.Max(c.Y, d.Y) < math.Min(a.Y, b.Y) {
		return false
	}
	o1 := orient(a, b, c)
	o2 := orient(a, b, d)
	o3 := orient(c, d, a)
	o4 := orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	// Collinear overlaps count as crossings: a polygon folding back on
	// itself along an edge is just as invalid as one that crosses.
	return (o1 == 0 && onSegment(a, b, c)) || (o2 == 0 && onSegment(a, b, d)) ||
		(o3 == 0 && onSegment(c, d, a)) || (o4 == 0 && onSegment(c, d, b))
}

func orient(a, b, c Point) float64 {
	v := (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X)
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func onSegment(a, b, p Point) bool {
	return p.X >= math.Min(a.X, b.X) && p.X <= math.Max(a.X, b.X) &&
		p.Y >= math.Min(a.Y, b.Y) && p.Y <= math.Max(a.Y, b.Y)
}

// Vec3 is a position in space in millimetres: the skin of the model head
// that a chart flattens (scalp.Head.ToSkin). X grows toward the client's
// right, Y toward the back of the head and Z up from the head's centre, so
// near the apex X and Y agree with the chart's.
type Vec3 struct {
	X, Y, Z float64
}

// Sub returns v-w.
func (v Vec3) Sub(w Vec3) Vec3 { return Vec3{v.X - w.X, v.Y - w.Y, v.Z - w.Z} }

// Dot returns the scalar product of v and w.
func (v Vec3) Dot(w Vec3) float64 { return v.X*w.X + v.Y*w.Y + v.Z*w.Z }

// Norm returns the length of v.
func (v Vec3) Norm() float64 { return math.Sqrt(v.Dot(v)) }

// Dist2 returns the squared distance from v to w.
func (v Vec3) Dist2(w Vec3) float64 {
	dx, dy, dz := v.X-w.X, v.Y-w.Y, v.Z-w.Z
	return dx*dx + dy*dy + dz*dz
}
