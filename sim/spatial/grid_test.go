package spatial

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// randomSet returns n points in a w×w square, with about dupShare of them
// exact copies of earlier ones, so ties and zero distances are exercised.
func randomSet(seed uint64, n int, w, dupShare float64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	pts := make([]geom.Point, n)
	for i := range pts {
		if i > 0 && r.Float64() < dupShare {
			pts[i] = pts[r.IntN(i)]
			continue
		}
		pts[i] = geom.Pt(r.Float64()*w-w/2, r.Float64()*w)
	}
	return pts
}

func bruteNearest(pts []geom.Point, alive func(int) bool, p geom.Point, skip int) (int, float64) {
	best, bd := -1, math.Inf(1)
	for j, q := range pts {
		if j == skip || !alive(j) || !q.IsFinite() {
			continue
		}
		d := p.Dist2(q)
		if d < bd || (d == bd && j < best) {
			best, bd = j, d
		}
	}
	return best, math.Sqrt(bd)
}

func checkNearest(t *testing.T, g *Grid, pts []geom.Point, alive func(int) bool) {
	t.Helper()
	for i := range pts {
		if !alive(i) {
			if j, _ := g.Nearest(i); j != -1 {
				t.Fatalf("Nearest(%d) of a dead point = %d, want -1", i, j)
			}
			continue
		}
		wj, wd := bruteNearest(pts, alive, pts[i], i)
		j, d := g.Nearest(i)
		if j != wj || d != wd && !(math.IsInf(d, 1) && math.IsInf(wd, 1)) {
			t.Fatalf("Nearest(%d) = (%d, %v), brute force (%d, %v)", i, j, d, wj, wd)
		}
	}
}

func TestNearestMatchesBruteForce(t *testing.T) {
	for _, tc := range []struct {
		n    int
		w    float64
		dup  float64
		cell float64
	}{
		{0, 10, 0, 0}, {1, 10, 0, 0}, {2, 10, 0, 0}, {50, 10, 0.3, 0},
		{500, 20, 0.05, 0}, {500, 20, 0, 0.1}, {500, 20, 0, 50}, {300, 1e-9, 0, 0},
		{400, 100, 0.5, 1},
	} {
		for seed := range uint64(4) {
			pts := randomSet(seed, tc.n, tc.w, tc.dup)
			g := NewGrid(pts, tc.cell)
			checkNearest(t, g, pts, func(int) bool { return true })
		}
	}
}

func TestNearestWhere(t *testing.T) {
	for seed := range uint64(4) {
		pts := randomSet(seed, 600, 25, 0.05)
		g := NewGrid(pts, 0)
		even := func(j int) bool { return j%3 != 0 }
		for i := range pts {
			wj, wd := bruteNearest(pts, even, pts[i], i)
			j, d := g.NearestWhere(i, even)
			if j != wj || d != wd {
				t.Fatalf("NearestWhere(%d) = (%d,%v), want (%d,%v)", i, j, d, wj, wd)
			}
		}
	}
}

func TestAllIdentical(t *testing.T) {
	pts := make([]geom.Point, 100)
	for i := range pts {
		pts[i] = geom.Pt(3, 4)
	}
	g := NewGrid(pts, 0)
	checkNearest(t, g, pts, func(int) bool { return true })
	if j, d := g.Nearest(5); j != 0 || d != 0 {
		t.Fatalf("Nearest(5) = %d, %v; want 0, 0", j, d)
	}
}

func TestNonFinitePointsAreSkipped(t *testing.T) {
	pts := []geom.Point{geom.Pt(0, 0), geom.Pt(math.NaN(), 1), geom.Pt(1, 0), geom.Pt(math.Inf(1), 0)}
	g := NewGrid(pts, 0)
	if g.Live() != 2 {
		t.Fatalf("Live = %d, want 2", g.Live())
	}
	if j, _ := g.Nearest(1); j != -1 {
		t.Fatalf("Nearest of NaN point = %d, want -1", j)
	}
	if j, d := g.Nearest(0); j != 2 || d != 1 {
		t.Fatalf("Nearest(0) = %d, %v", j, d)
	}
	if j, _ := g.NearestTo(geom.Pt(math.NaN(), 0)); j != -1 {
		t.Fatalf("NearestTo(NaN) = %d", j)
	}
	n := 0
	g.Within(geom.Pt(0, 0), math.Inf(1), func(int) { n++ })
	if n != 2 {
		t.Fatalf("Within(+Inf) visited %d, want 2", n)
	}
}

func TestNearestToAndWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 1))
	for seed := range uint64(5) {
		pts := randomSet(seed, 800, 30, 0.05)
		g := NewGrid(pts, 0)
		all := func(int) bool { return true }
		for range 300 {
			// Queries inside and well outside the indexed box.
			q := geom.Pt(r.Float64()*90-45, r.Float64()*90-30)
			wj, wd := bruteNearest(pts, all, q, -1)
			j, d := g.NearestTo(q)
			if j != wj || d != wd {
				t.Fatalf("NearestTo(%v) = (%d,%v), want (%d,%v)", q, j, d, wj, wd)
			}
			rad := r.Float64() * 8
			var got, want []int
			g.Within(q, rad, func(j int) { got = append(got, j) })
			for j, p := range pts {
				if p.Dist2(q) <= rad*rad {
					want = append(want, j)
				}
			}
			sort.Ints(got)
			if !equalInts(got, want) {
				t.Fatalf("Within(%v, %v) = %v, want %v", q, rad, got, want)
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestAddRemove grows a grid from a few points, including points far outside
// the first bounding box (which land in clamped edge cells), removes some,
// and checks every answer against brute force after each step.
func TestAddRemove(t *testing.T) {
	for seed := range uint64(3) {
		r := rand.New(rand.NewPCG(seed, 77))
		pts := randomSet(seed, 5, 4, 0)
		g := NewGrid(pts, 0)
		alive := make([]bool, len(pts))
		for i := range alive {
			alive[i] = true
		}
		isAlive := func(i int) bool { return alive[i] }
		for step := range 400 {
			if r.Float64() < 0.3 && len(pts) > 0 {
				i := r.IntN(len(pts))
				g.Remove(i)
				g.Remove(i) // twice is harmless
				alive[i] = false
			} else {
				p := geom.Pt(r.Float64()*60-30, r.Float64()*60-30)
				if r.Float64() < 0.1 && len(pts) > 0 {
					p = pts[r.IntN(len(pts))]
				}
				i := g.Add(p)
				if i != len(pts) {
					t.Fatalf("Add returned %d, want %d", i, len(pts))
				}
				pts = append(pts, p)
				alive = append(alive, true)
			}
			if step%20 == 0 {
				checkNearest(t, g, pts, isAlive)
			}
		}
		checkNearest(t, g, pts, isAlive)
		live := 0
		for _, a := range alive {
			if a {
				live++
			}
		}
		if g.Live() != live {
			t.Fatalf("Live = %d, want %d", g.Live(), live)
		}
	}
}

// TestHugeCoordinates checks that extents near the float64 limit, where
// distances overflow to +Inf, still give an answer and never hang.
func TestHugeCoordinates(t *testing.T) {
	pts := []geom.Point{geom.Pt(-1e308, 0), geom.Pt(1e308, 0), geom.Pt(1e308, 1)}
	g := NewGrid(pts, 0)
	if j, d := g.Nearest(1); j != 2 || d != 1 {
		t.Fatalf("Nearest(1) = %d, %v; want 2, 1", j, d)
	}
	if j, _ := g.Nearest(0); j < 0 {
		t.Fatalf("Nearest(0) found nothing")
	}
	g2 := NewGrid(pts, 1e-300)
	if j, d := g2.Nearest(1); j != 2 || d != 1 {
		t.Fatalf("tiny cells: Nearest(1) = %d, %v; want 2, 1", j, d)
	}
}

// TestGrowFromEmpty starts an empty grid over known bounds, as the live
// score does, and adds enough points to force rebuilds: answers stay exact
// and the cells shrink as the grid fills.
func TestGrowFromEmpty(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	g := NewGridIn(nil, geom.Rect{Min: geom.Pt(-50, -50), Max: geom.Pt(50, 50)}, 0)
	first := g.CellMM()
	var pts []geom.Point
	for k := range 6000 {
		p := geom.Pt(r.Float64()*100-50, r.Float64()*100-50)
		if k%500 == 0 {
			p = geom.Pt(p.X*1.3, p.Y*1.3) // now and then outside the bounds
		}
		if i := g.Add(p); i != len(pts) {
			t.Fatalf("Add returned %d, want %d", i, len(pts))
		}
		pts = append(pts, p)
		if k%997 == 0 {
			g.Remove(k / 2)
		}
	}
	alive := func(i int) bool { return g.Alive(i) }
	checkNearest(t, g, pts, alive)
	if !(g.CellMM() < first/2) {
		t.Fatalf("cell %.3f mm after 6000 points, started at %.3f: no rebuild", g.CellMM(), first)
	}
}

func TestEmptyGrid(t *testing.T) {
	g := NewGrid(nil, 0)
	if j, d := g.NearestTo(geom.Pt(1, 1)); j != -1 || !math.IsInf(d, 1) {
		t.Fatalf("NearestTo on empty = %d, %v", j, d)
	}
	g.Within(geom.Pt(0, 0), 10, func(int) { t.Fatal("Within on empty called fn") })
	i := g.Add(geom.Pt(2, 2))
	if j, _ := g.Nearest(i); j != -1 {
		t.Fatalf("lone point has a neighbour %d", j)
	}
	if j, d := g.NearestTo(geom.Pt(2, 3)); j != i || d != 1 {
		t.Fatalf("NearestTo = %d, %v", j, d)
	}
}

func BenchmarkBuildAndAllNN100k(b *testing.B) {
	pts := randomSet(1, 100_000, 450, 0) // about 20 cm square: ~50/cm²
	b.ReportAllocs()
	var dst []float64
	for b.Loop() {
		g := NewGrid(pts, 0)
		dst = g.NearestAll(dst)
	}
}

func BenchmarkBuild100k(b *testing.B) {
	pts := randomSet(1, 100_000, 450, 0)
	b.ReportAllocs()
	for b.Loop() {
		NewGrid(pts, 0)
	}
}

func BenchmarkAddRemove100k(b *testing.B) {
	pts := randomSet(1, 100_000, 450, 0)
	g := NewGrid(pts, 0)
	r := rand.New(rand.NewPCG(2, 2))
	b.ReportAllocs()
	for b.Loop() {
		i := g.Add(geom.Pt(r.Float64()*450-225, r.Float64()*450))
		g.Nearest(i)
		g.Remove(i)
	}
}

// sphereR is the radius of the test hemisphere, mm.
const sphereR = 90.0

// sphereLift maps a point of an azimuthal equal-area chart of the test
// hemisphere onto the sphere.
func sphereLift(p geom.Point) geom.Vec3 {
	s2 := math.Min(1, (p.X*p.X+p.Y*p.Y)/(4*sphereR*sphereR))
	c := math.Sqrt(1 - s2)
	return geom.Vec3{X: c * p.X, Y: c * p.Y, Z: sphereR * (1 - 2*s2)}
}

// TestSurfaceNearest checks a grid on a curved surface against brute force:
// points of a hemisphere chart (azimuthal equal-area, radius 90 mm) lifted
// onto the sphere, nearest neighbours and radius queries by 3-D distance.
func TestSurfaceNearest(t *testing.T) {
	const R = sphereR
	lift := sphereLift
	// Out to θ = 100°, where a chart mm is at least cos 50° skin mm.
	surf := &Surface{Lift: lift, MinScale: 0.95 * math.Cos(50*math.Pi/180)}
	r := rand.New(rand.NewPCG(3, 4))
	var pts []geom.Point
	rmax := 2 * R * math.Sin(50*math.Pi/180)
	for len(pts) < 3000 {
		p := geom.Pt((2*r.Float64()-1)*rmax, (2*r.Float64()-1)*rmax)
		if math.Hypot(p.X, p.Y) < rmax {
			pts = append(pts, p)
		}
	}
	g := NewGridOn(pts, geom.Rect{}, 0, surf)
	for i, p := range pts {
		v := lift(p)
		bj, bd := -1, math.Inf(1)
		for j, q := range pts {
			if d := math.Sqrt(lift(q).Dist2(v)); j != i && d < bd {
				bj, bd = j, d
			}
		}
		if j, d := g.Nearest(i); j != bj || math.Abs(d-bd) > 1e-9 {
			t.Fatalf("point %d at %v: Nearest %d (%g mm), brute force %d (%g mm)", i, p, j, d, bj, bd)
		}
		if i%50 == 0 {
			want := 0
			for _, q := range pts {
				if lift(q).Dist2(v) <= 36 {
					want++
				}
			}
			got := 0
			g.WithinOnSurface(p, 6, func(int) { got++ })
			if got != want {
				t.Fatalf("point %d: %d within 6 mm on the surface, brute force %d", i, got, want)
			}
		}
	}
}

// TestClusteredNearest checks nearest neighbours on a hostile layout (issue
// 15): thousands of points in one square micrometre among points spread
// over 20 cm, on the chart and on a surface, against brute force; the
// overfull cells' sub-grids must answer exactly.
func TestClusteredNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var pts []geom.Point
	for range 3000 {
		pts = append(pts, geom.Pt(r.Float64()*0.001, 20+r.Float64()*0.001))
	}
	for range 500 {
		pts = append(pts, geom.Pt((2*r.Float64()-1)*100, (2*r.Float64()-1)*100))
	}
	lift := func(p geom.Point) geom.Vec3 { return geom.Vec3{X: p.X, Y: p.Y, Z: 0.01 * (p.X*p.X + p.Y*p.Y)} }
	for _, surf := range []*Surface{nil, {Lift: lift, MinScale: 1}} {
		g := NewGridOn(pts, geom.Rect{Min: geom.Pt(-100, -100), Max: geom.Pt(100, 100)}, 0, surf)
		for i := 0; i < len(pts); i += 7 {
			bj, bd := -1, math.Inf(1)
			for j := range pts {
				var d float64
				if surf == nil {
					d = pts[i].Dist(pts[j])
				} else {
					d = math.Sqrt(lift(pts[i]).Dist2(lift(pts[j])))
				}
				if j != i && d < bd {
					bj, bd = j, d
				}
			}
			if j, d := g.Nearest(i); math.Abs(d-bd) > 1e-9*bd || (j != bj && d != bd) {
				t.Fatalf("surface %v, point %d: Nearest %d at %g, brute force %d at %g", surf != nil, i, j, d, bj, bd)
			}
		}
	}
}

// TestNearestEachMatchesNearest checks the bulk pass against Nearest
// (itself checked against brute force above) on fresh grids, whose bulk
// pass reads the packed 3×3 blocks, and on grids changed by Add and Remove,
// which it cannot: duplicates exercise the lowest-index tie rule, and the
// surface grid the surface bound.
func TestNearestEachMatchesNearest(t *testing.T) {
	sphere := &Surface{Lift: sphereLift, MinScale: 0.95 * math.Cos(50*math.Pi/180)}
	for _, surf := range []*Surface{nil, sphere} {
		for seed := range uint64(3) {
			pts := randomSet(seed, 4000, 120, 0.1)
			pts = append(pts, evenSet(seed, 4000, 1)...)
			g := NewGridOn(pts, geom.Rect{}, 0, surf)
			check := func(stage string) {
				seen := 0
				nearestEach(g, func(i, j int, d float64) {
					seen++
					wj, wd := g.Nearest(i)
					if j != wj || d != wd {
						t.Fatalf("surface %v seed %d %s: NearestEach(%d) = (%d, %v), Nearest (%d, %v)", surf != nil, seed, stage, i, j, d, wj, wd)
					}
				})
				if seen != g.Live() {
					t.Fatalf("surface %v seed %d %s: NearestEach visited %d of %d live points", surf != nil, seed, stage, seen, g.Live())
				}
			}
			check("fresh")
			for i := 0; i < len(pts); i += 5 {
				g.Remove(i)
			}
			g.Add(geom.Pt(1, 2))
			check("after Remove and Add")
		}
	}
}

// TestVisitOnSurfaceFreshAndChanged checks that a radius search visits the
// same points in the same order whether it reads a fresh grid's packed
// stretches or the cells of a grid that Add and Remove have changed
// (callers sum in visiting order, so the order is part of the answer).
func TestVisitOnSurfaceFreshAndChanged(t *testing.T) {
	pts := randomSet(9, 3000, 80, 0.05)
	fresh := NewGrid(pts, 0)
	changed := NewGrid(pts, 0)
	changed.Remove(changed.Add(geom.Pt(0, 40)))
	for k := 0; k < len(pts); k += 37 {
		var a, b []int
		fresh.WithinOnSurface(pts[k], 4, func(j int) { a = append(a, j) })
		changed.WithinOnSurface(pts[k], 4, func(j int) { b = append(b, j) })
		if len(a) != len(b) {
			t.Fatalf("point %d: %d within 4 mm on the fresh grid, %d on the changed one", k, len(a), len(b))
		}
		for m := range a {
			if a[m] != b[m] {
				t.Fatalf("point %d: fresh grid found %v, changed grid %v", k, a, b)
			}
		}
	}
}

// evenSet is n points of a jittered square lattice of spacing s (each
// moved by up to ±0.35 s in x and y), row by row inside the disc of
// radius w/2 around the origin: spread like finished work, as blue noise
// is, with a nearest neighbour at about the spacing.
func evenSet(seed uint64, n int, s float64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 0xe7e4))
	side := math.Sqrt(float64(n)*4/math.Pi) * s
	var pts []geom.Point
	for y := -side / 2; y < side/2 && len(pts) < n; y += s {
		for x := -side / 2; x < side/2 && len(pts) < n; x += s {
			if x*x+y*y > side*side/4 {
				continue
			}
			pts = append(pts, geom.Pt(x+(r.Float64()-0.5)*0.7*s, y+(r.Float64()-0.5)*0.7*s))
		}
	}
	return pts
}

// TestReset re-indexes one grid on set after set (larger, smaller, empty,
// on and off a surface, after Add and Remove changed it) and checks every answer
// against a new grid of the same points: nothing of an earlier set may
// leak through the arrays Reset reuses.
func TestReset(t *testing.T) {
	sphere := &Surface{Lift: sphereLift, MinScale: 0.95 * math.Cos(50*math.Pi/180)}
	g := NewGrid(nil, 0)
	for k, c := range []struct {
		n    int
		surf *Surface
		edit bool
	}{{3000, nil, false}, {500, sphere, false}, {4000, sphere, true}, {0, sphere, true}, {2000, nil, false}, {2500, sphere, false}, {0, nil, true}} {
		pts := randomSet(uint64(k), c.n, 100, 0.05)
		if len(pts) > 7 {
			pts[7] = geom.Pt(math.NaN(), 1)
		}
		bounds := geom.Rect{Min: geom.Pt(-50, 0), Max: geom.Pt(50, 100)}
		g.Reset(pts, bounds, 0, c.surf)
		want := NewGridOn(pts, bounds, 0, c.surf)
		if c.edit {
			for _, h := range []*Grid{g, want} {
				h.Remove(3)
				h.Add(geom.Pt(1, 50))
				h.Add(geom.Pt(2, 51))
			}
		}
		if g.Len() != want.Len() || g.Live() != want.Live() || g.CellMM() != want.CellMM() {
			t.Fatalf("set %d: reset grid holds %d (%d live, cell %g), new grid %d (%d live, cell %g)", k, g.Len(), g.Live(), g.CellMM(), want.Len(), want.Live(), want.CellMM())
		}
		got := map[int][2]float64{}
		nearestEach(g, func(i, j int, d float64) { got[i] = [2]float64{float64(j), d} })
		n := 0
		nearestEach(want, func(i, j int, d float64) {
			n++
			if got[i] != [2]float64{float64(j), d} {
				t.Fatalf("set %d: point %d's nearest on the reset grid %v, on a new grid (%d, %g)", k, i, got[i], j, d)
			}
		})
		if n != len(got) {
			t.Fatalf("set %d: %d points answered on the reset grid, %d on a new grid", k, len(got), n)
		}
		for i := 0; i < len(pts); i += 41 {
			var a, b []int
			g.WithinOnSurface(pts[i], 5, func(j int) { a = append(a, j) })
			want.WithinOnSurface(pts[i], 5, func(j int) { b = append(b, j) })
			if !slices.Equal(a, b) {
				t.Fatalf("set %d: within 5 mm of point %d, reset grid %v, new grid %v", k, i, a, b)
			}
		}
	}
}

// BenchmarkNearestInto100k is the all-nearest-neighbour pass alone on a
// fresh grid of 100,000 points, spread evenly (like finished work) or at
// random, measured on the chart or on the test hemisphere, its answers
// left in arrays (indices and distances) as the score's bulk
// pass takes them.
func BenchmarkNearestInto100k(b *testing.B) {
	sphere := &Surface{Lift: sphereLift, MinScale: 0.95 * math.Cos(50*math.Pi/180)}
	sets := []struct {
		name string
		pts  []geom.Point
	}{
		{"even", evenSet(1, 100_000, 0.75)},
		{"random", randomSet(1, 100_000, 240, 0)},
	}
	for _, set := range sets {
		for _, surf := range []*Surface{nil, sphere} {
			name := set.name + "/chart"
			pts := set.pts
			if surf != nil {
				name = set.name + "/sphere"
				pts = nil
				for _, p := range set.pts { // the hemisphere's chart is a disc
					if p.X*p.X+p.Y*p.Y < 130*130 {
						pts = append(pts, geom.Pt(p.X*0.95, p.Y*0.95))
					}
				}
			}
			// In no spatial order, as a file's dots may come.
			rand.New(rand.NewPCG(3, 3)).Shuffle(len(pts), func(i, j int) { pts[i], pts[j] = pts[j], pts[i] })
			g := NewGridOn(pts, geom.Rect{}, 0, surf)
			nj := make([]int32, len(pts))
			nd := make([]float64, len(pts))
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					g.NearestInto(nj, nd)
				}
			})
		}
	}
}

// TestNearestIntoBruteForce checks the all-nearest-neighbour pass's two
// answers (index, distance) against brute force, on the chart
// and on the test hemisphere: random points with exact copies (zero
// distances, ties among copies), an integer lattice (equal distances to
// several neighbours, ties to the lowest index), a few far outliers (ring
// searches beyond the 3×3 block), a crowded spot (a sub-grid) and a NaN,
// on fresh grids and after Add and Remove.
func TestNearestIntoBruteForce(t *testing.T) {
	sphere := &Surface{Lift: sphereLift, MinScale: 0.95 * math.Cos(50*math.Pi/180)}
	for _, surf := range []*Surface{nil, sphere} {
		dist2 := func(a, b geom.Point) float64 { return a.Dist2(b) }
		if surf != nil {
			dist2 = func(a, b geom.Point) float64 { return surf.Lift(a).Dist2(surf.Lift(b)) }
		}
		for seed := range uint64(4) {
			pts := randomSet(seed, 1500, 80, 0.15)
			for y := range 20 {
				for x := range 20 {
					pts = append(pts, geom.Pt(float64(x)-10, float64(y)+20))
				}
			}
			pts = append(pts, geom.Pt(60, 60), geom.Pt(-61, 2), geom.Pt(math.NaN(), 3))
			if seed%2 == 1 {
				for k := range 200 { // one crowded spot: a sub-grid
					pts = append(pts, geom.Pt(5+float64(k%7)*1e-3, 5+float64(k/7)*1e-3))
				}
			}
			r := rand.New(rand.NewPCG(seed, 9))
			r.Shuffle(len(pts), func(i, j int) { pts[i], pts[j] = pts[j], pts[i] })
			g := NewGridOn(pts, geom.Rect{}, 0, surf)
			alive := func(i int) bool { return g.Alive(i) }
			check := func(stage string) {
				n := g.Len()
				nj := make([]int32, n)
				nd := make([]float64, n)
				g.NearestInto(nj, nd)
				for i := range n {
					wj, wd2 := -1, math.Inf(1)
					if alive(i) {
						for j := range n {
							if j == i || !alive(j) {
								continue
							}
							if d2 := dist2(g.Point(i), g.Point(j)); d2 < wd2 || (d2 == wd2 && j < wj) {
								wj, wd2 = j, d2
							}
						}
					}
					wd := math.Sqrt(wd2)
					if int(nj[i]) != wj || nd[i] != wd {
						t.Fatalf("surface %v seed %d %s: point %d: NearestInto (%d, %v), brute force (%d, %v)", surf != nil, seed, stage, i, nj[i], nd[i], wj, wd)
					}
				}
				// The arrays are optional: distances alone agree.
				all := g.NearestAll(nil)
				for i := range n {
					if all[i] != nd[i] {
						t.Fatalf("surface %v seed %d %s: NearestAll(%d) = %v, NearestInto %v", surf != nil, seed, stage, i, all[i], nd[i])
					}
				}
			}
			check("fresh")
			for i := 0; i < len(pts); i += 3 {
				g.Remove(i)
			}
			g.Add(pts[1])
			g.Add(geom.Pt(0, 0))
			check("after Remove and Add")
		}
	}
}

// nearestEach calls fn(i, j, d) for every live point i of g, in index
// order, with NearestInto's answer: its nearest other live point j and
// their distance d (-1 and +Inf when i is alone).
func nearestEach(g *Grid, fn func(i, j int, d float64)) {
	nj := make([]int32, g.Len())
	nd := make([]float64, g.Len())
	g.NearestInto(nj, nd)
	for i, ok := range g.alive {
		if ok {
			fn(i, int(nj[i]), nd[i])
		}
	}
}
