package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

func square(side float64) Polygon {
	return Polygon{{0, 0}, {side, 0}, {side, side}, {0, side}}
}

func TestPolygonArea(t *testing.T) {
	sq := square(20)
	if got := sq.Area(); got != 400 {
		t.Errorf("20 mm square: Area = %v mm², want 400", got)
	}
	if got := sq.AreaCM2(); got != 4 {
		t.Errorf("20 mm square: AreaCM2 = %v, want 4", got)
	}
	// Reversing the winding flips the sign but not the area.
	rev := Polygon{sq[3], sq[2], sq[1], sq[0]}
	if sq.SignedArea() != -rev.SignedArea() || rev.Area() != 400 {
		t.Errorf("reversed square: signed %v vs %v", sq.SignedArea(), rev.SignedArea())
	}
}

func TestPolygonContainsMatchesArea(t *testing.T) {
	// A Monte-Carlo estimate of an irregular polygon's area from Contains must
	// agree with the shoelace area: the two are independent computations.
	pg := Polygon{{0, 0}, {30, 5}, {25, 30}, {12, 18}, {2, 28}}
	r := pg.Bounds()
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 200_000
	in := 0
	for range n {
		p := Pt(r.Min.X+rng.Float64()*r.Dx(), r.Min.Y+rng.Float64()*r.Dy())
		if pg.Contains(p) {
			in++
		}
	}
	est := float64(in) / n * r.Dx() * r.Dy()
	if rel := math.Abs(est-pg.Area()) / pg.Area(); rel > 0.01 {
		t.Errorf("Monte-Carlo area %v vs shoelace %v (%.2f%% off)", est, pg.Area(), rel*100)
	}
}

func TestIsSimple(t *testing.T) {
	cases := []struct {
		name string
		pg   Polygon
		want bool
	}{
		{"square", square(1), true},
		{"bow tie", Polygon{{0, 0}, {1, 1}, {1, 0}, {0, 1}}, false},
		{"two points", Polygon{{0, 0}, {1, 1}}, false},
		{"repeated vertex", Polygon{{0, 0}, {1, 0}, {1, 0}, {0, 1}}, false},
		{"folded back on an edge", Polygon{{0, 0}, {2, 0}, {1, 0}, {1, 1}}, false},
		{"NaN vertex", Polygon{{0, 0}, {1, 0}, {math.NaN(), 1}}, false},
		{"concave", Polygon{{0, 0}, {4, 0}, {4, 4}, {2, 1}, {0, 4}}, true},
	}
	for _, c := range cases {
		if got := c.pg.IsSimple(); got != c.want {
			t.Errorf("%s: IsSimple = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestBoundaryDistAndCentroid(t *testing.T) {
	sq := square(10)
	if d := sq.BoundaryDist(Pt(5, 3)); d != 3 {
		t.Errorf("BoundaryDist = %v, want 3", d)
	}
	if c := sq.Centroid(); c != Pt(5, 5) {
		t.Errorf("Centroid = %v, want (5,5)", c)
	}
	if p := sq.Perimeter(); p != 40 {
		t.Errorf("Perimeter = %v, want 40", p)
	}
}

func TestPolyline(t *testing.T) {
	pl := Polyline{{0, 0}, {3, 4}, {3, 10}}
	if l := pl.Length(); l != 11 {
		t.Errorf("Length = %v, want 11", l)
	}
	if d := pl.Dist(Pt(5, 7)); d != 2 {
		t.Errorf("Dist = %v, want 2", d)
	}
}

func TestRect(t *testing.T) {
	r := Rect{Pt(0, 0), Pt(10, 20)}
	if !r.Contains(Pt(0, 0)) || r.Contains(Pt(10, 5)) {
		t.Error("Rect.Contains: Min is inclusive, Max exclusive")
	}
	if g := r.Inset(-1); g.Dx() != 12 || g.Dy() != 22 {
		t.Errorf("Inset(-1) = %v", g)
	}
	u := r.Union(Rect{Pt(-5, 5), Pt(1, 30)})
	if u != (Rect{Pt(-5, 0), Pt(10, 30)}) {
		t.Errorf("Union = %v", u)
	}
}

func TestIsSimpleNearlyCollinearApart(t *testing.T) {
	// A long thin sliver whose far edges are nearly collinear but never meet:
	// rounding must not be read as a crossing.
	pg := Polygon{{0, 0}, {100, 1e-9}, {200, 0}, {200, 1}, {0, 1}}
	if !pg.IsSimple() {
		t.Error("thin sliver reported as self-intersecting")
	}
}

func TestPolylineCrossing(t *testing.T) {
	zig := Polyline{{0, 0}, {10, 0}, {10, 10}, {5, -5}}
	if i, j, ok := zig.Crossing(); !ok || i != 0 || j != 2 {
		t.Errorf("zig-zag back over itself: %d %d %v, want 0 2 true", i, j, ok)
	}
	if _, _, ok := (Polyline{{0, 0}, {10, 0}, {10, 10}, {0, 10}}).Crossing(); ok {
		t.Error("an open U reported crossing")
	}
}

// isSimpleAllPairs is IsSimple by testing every pair of edges, the
// reference the sweep must agree with.
func isSimpleAllPairs(pg Polygon) bool {
	n := len(pg)
	if n < 3 {
		return false
	}
	for _, p := range pg {
		if !p.IsFinite() {
			return false
		}
	}
	for i := range n {
		a, b := pg[i], pg[(i+1)%n]
		if a == b {
			return false
		}
		for j := i + 1; j < n; j++ {
			if j == i+1 || (i == 0 && j == n-1) {
				continue
			}
			if segmentsCross(a, b, pg[j], pg[(j+1)%n]) {
				return false
			}
		}
	}
	return true
}

// IsSimple's sweep agrees with testing every pair of edges on random
// polygons, star-shaped ones (simple), jittered ones (some not), ones on a
// coarse lattice (touching and collinear edges) and every embedded-like
// shape of a few hundred vertices.
func TestIsSimpleSweepMatchesAllPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	simple, not := 0, 0
	for k := range 3000 {
		n := 3 + r.IntN(40)
		if k%100 == 0 {
			n = 300
		}
		pg := make(Polygon, n)
		for i := range pg {
			switch k % 3 {
			case 0: // star-shaped around the origin, maybe jittered out of order
				a := 2 * math.Pi * (float64(i) + 0.5*r.Float64()) / float64(n)
				rad := 5 + 5*r.Float64()
				pg[i] = Pt(rad*math.Cos(a), rad*math.Sin(a))
				if r.IntN(4) == 0 {
					pg[i] = pg[i].Add(Pt(r.NormFloat64(), r.NormFloat64()))
				}
			case 1: // a coarse lattice: shared vertices, collinear overlaps
				pg[i] = Pt(float64(r.IntN(5)), float64(r.IntN(5)))
			default:
				pg[i] = Pt(r.Float64()*10, r.Float64()*10)
			}
		}
		want := isSimpleAllPairs(pg)
		if got := pg.IsSimple(); got != want {
			t.Fatalf("case %d: IsSimple = %v, every pair says %v: %v", k, got, want, pg)
		}
		if want {
			simple++
		} else {
			not++
		}
	}
	if simple < 100 || not < 100 {
		t.Fatalf("too few of each kind: %d simple, %d not", simple, not)
	}
}

// TestBoundaryDistSkipsOnlyFarEdges checks BoundaryDist and
// BoundaryWithin, which skip edges by their bounding boxes, against
// measuring every edge: the same value to the last bit, and the same
// verdict at distances including the point's own, on a 400-vertex star
// and points spread around it, on its edges and at its vertices.
func TestBoundaryDistSkipsOnlyFarEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	var star Polygon
	for k := range 400 {
		a := 2 * math.Pi * float64(k) / 400
		r := 60 + 25*math.Sin(7*a) + 3*rng.Float64()
		star = append(star, Pt(r*math.Cos(a), r*math.Sin(a)))
	}
	full := func(p Point) float64 {
		d := math.Inf(1)
		for i := range star {
			d = math.Min(d, SegmentDist(p, star[i], star[(i+1)%len(star)]))
		}
		return d
	}
	for k := range 3000 {
		var p Point
		switch k % 3 {
		case 0:
			p = Pt(200*rng.Float64()-100, 200*rng.Float64()-100)
		case 1:
			i := rng.IntN(len(star))
			a, b := star[i], star[(i+1)%len(star)]
			p = a.Add(b.Sub(a).Mul(rng.Float64()))
		default:
			p = star[rng.IntN(len(star))]
		}
		want := full(p)
		if got := star.BoundaryDist(p); got != want {
			t.Fatalf("BoundaryDist(%v) = %v, every edge measured: %v", p, got, want)
		}
		for _, d := range []float64{0, 1e-6, want, 0.5, 3} {
			if got := star.BoundaryWithin(p, d); got != !(want > d) {
				t.Fatalf("BoundaryWithin(%v, %v) = %v; every edge measured: %v", p, d, got, want)
			}
		}
	}
}

// TestIsFinite checks IsFinite's arithmetic against math's tests of each
// coordinate over the values at the edges of float64.
func TestIsFinite(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, math.MaxFloat64, -math.MaxFloat64,
		math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1e308, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, x := range vals {
		for _, y := range vals {
			want := !math.IsNaN(x) && !math.IsNaN(y) && !math.IsInf(x, 0) && !math.IsInf(y, 0)
			if got := (Point{x, y}).IsFinite(); got != want {
				t.Errorf("Point{%v, %v}.IsFinite() = %v, want %v", x, y, got, want)
			}
		}
	}
}
