package score

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// meanNN is the brute-force mean nearest-neighbour distance, independent of
// the grid index.
func meanNN(pts []geom.Point) float64 {
	var s float64
	for i, p := range pts {
		best := math.Inf(1)
		for j, q := range pts {
			if i != j {
				best = math.Min(best, p.Dist2(q))
			}
		}
		s += math.Sqrt(best)
	}
	return s / float64(len(pts))
}

// zoneR grades pts on a one-zone template and returns its zone stats.
func zoneR(t *testing.T, pg geom.Polygon, pts []geom.Point) ZoneStats {
	t.Helper()
	tp := fieldTemplate(10)
	tp.Zones[0].Polygon = pg
	tp.Outline = pg
	r := Grade(tp, dots(pts), 3, nil)
	return r.Zones[0]
}

// The analytic cases of domain.md §4: a square lattice has R = 2 and a
// hexagonal one 2·√(2/√3) ≈ 2.149 (mean NN = s; λ = 1/s², or 2/(√3·s²)).
// On a big patch the edge barely matters, so both the naive and the
// corrected index must land on the analytic value.
func TestClarkEvansLattices(t *testing.T) {
	pg := rectPoly(0, 0, 150, 150)
	hexR := 2 * math.Sqrt(2/math.Sqrt(3))
	for _, tc := range []struct {
		name string
		pts  []geom.Point
		want float64
	}{
		{"square", squareLattice(pg, 1), 2},
		{"hexagonal", hexLattice(pg, 1.1), hexR},
	} {
		z := zoneR(t, pg, tc.pts)
		for _, got := range []float64{z.ClarkEvansRNaive, z.ClarkEvansR} {
			if math.Abs(got-tc.want) > 0.02*tc.want {
				t.Errorf("%s lattice: R = %.4f (naive %.4f), want ≈ %.4f", tc.name, z.ClarkEvansR, z.ClarkEvansRNaive, tc.want)
			}
		}
	}
}

// Uniform random points give R ≈ 1 once corrected for the edge, averaged
// over seeds, in shapes where the naive index is visibly biased high (a thin
// band and an L shape).
func TestClarkEvansRandom(t *testing.T) {
	shapes := map[string]geom.Polygon{
		"band": rectPoly(0, 0, 80, 6),
		"L":    {geom.Pt(0, 0), geom.Pt(40, 0), geom.Pt(40, 10), geom.Pt(10, 10), geom.Pt(10, 40), geom.Pt(0, 40)},
	}
	const seeds = 40
	for name, pg := range shapes {
		for _, n := range []int{60, 300} {
			var sumC, sumN float64
			for seed := range uint64(seeds) {
				z := zoneR(t, pg, uniformIn(pg, n, seed+1000))
				sumC += z.ClarkEvansR
				sumN += z.ClarkEvansRNaive
			}
			c, nv := sumC/seeds, sumN/seeds
			// The standard error of R averaged over 40 patterns of n
			// points is about 0.52/√(40·n) < 0.01.
			if math.Abs(c-1) > 0.03 {
				t.Errorf("%s n=%d: corrected R averages %.4f, want ≈ 1", name, n, c)
			}
			if nv-1 < 0.03 || nv-1 < 3*math.Abs(c-1) {
				t.Errorf("%s n=%d: naive R averages %.4f, expected a visible upward bias (corrected %.4f)", name, n, nv, c)
			}
			t.Logf("%s n=%d: naive R %.4f, corrected R %.4f", name, n, nv, c)
		}
	}
}

// The Monte-Carlo reference agrees with Donnelly's formula where that
// formula holds: rectangles.
func TestExpectedNNMatchesDonnelly(t *testing.T) {
	for _, pg := range []geom.Polygon{rectPoly(0, 0, 20, 20), rectPoly(0, 0, 100, 10)} {
		a, p := pg.Area(), pg.Perimeter()
		for _, n := range []int{30, 100, 700, 5000} {
			don := 0.5*math.Sqrt(a/float64(n)) + (0.0514+0.041/math.Sqrt(float64(n)))*p/float64(n)
			mc := ExpectedNN(pg, n)
			if math.Abs(mc/don-1) > 0.015 {
				t.Errorf("%v n=%d: Monte-Carlo %.4f, Donnelly %.4f", pg.Bounds(), n, mc, don)
			}
		}
	}
}

// The guard-region alternative agrees with the Monte-Carlo correction on
// random points and on a lattice in a big square; on a thin band it has
// almost no dots left to measure, which is why the Monte-Carlo reference is
// the one reported.
func TestGuardRegionAlternative(t *testing.T) {
	pg := rectPoly(0, 0, 40, 40)
	var sumG, sumC float64
	const seeds = 20
	for seed := range uint64(seeds) {
		pts := uniformIn(pg, 800, seed+7)
		sumG += GuardR(pg, pts, 3)
		sumC += zoneR(t, pg, pts).ClarkEvansR
	}
	g, c := sumG/seeds, sumC/seeds
	if math.Abs(g-1) > 0.04 || math.Abs(c-1) > 0.03 {
		t.Errorf("random: guard R %.4f, Monte-Carlo R %.4f, both should be ≈ 1", g, c)
	}
	lat := squareLattice(pg, 1.5)
	if g, c := GuardR(pg, lat, 3), zoneR(t, pg, lat).ClarkEvansR; math.Abs(g-2) > 0.05 || math.Abs(c-2) > 0.05 {
		t.Errorf("lattice: guard R %.4f, Monte-Carlo R %.4f, both should be ≈ 2", g, c)
	}
	band := rectPoly(0, 0, 80, 5)
	if g := GuardR(band, uniformIn(band, 100, 1), 3); g != 0 {
		t.Errorf("guard of 3 mm in a 5 mm band should leave no dots, got R %.3f", g)
	}
}

// NaiveR and the zone stats agree with a brute-force mean NN distance.
func TestNNMeanBruteForce(t *testing.T) {
	pg := rectPoly(0, 0, 30, 30)
	pts := uniformIn(pg, 500, 3)
	z := zoneR(t, pg, pts)
	want := meanNN(pts)
	if math.Abs(z.NNMeanMM-want) > 1e-9 {
		t.Fatalf("nn_mean_mm %.9f, brute force %.9f", z.NNMeanMM, want)
	}
	if got, w := z.ClarkEvansRNaive, want/(0.5/math.Sqrt(500/pg.Area())); math.Abs(got-w) > 1e-9 {
		t.Fatalf("naive R %.9f, want %.9f", got, w)
	}
}

// R's spread under randomness in a bounded zone (Donnelly's variance, which
// the clumps test divides by) agrees with a brute-force simulation written
// here: the standard deviation over many uniform patterns of each one's
// mean NN distance over the reference, in a thin band, an L shape and a
// square, at a few dozen and a few hundred dots.
func TestSDRMatchesSimulation(t *testing.T) {
	shapes := map[string]geom.Polygon{
		"band":   rectPoly(0, 0, 80, 6),
		"L":      {geom.Pt(0, 0), geom.Pt(40, 0), geom.Pt(40, 10), geom.Pt(10, 10), geom.Pt(10, 40), geom.Pt(0, 40)},
		"square": rectPoly(0, 0, 30, 30),
	}
	const runs = 400
	for name, pg := range shapes {
		ref := newCSRRef(pg, nil)
		for _, n := range []int{40, 250} {
			var s, s2 float64
			for k := range uint64(runs) {
				m := meanNN(uniformIn(pg, n, 7000+k))
				s += m
				s2 += m * m
			}
			mean := s / runs
			sd := math.Sqrt(s2/runs-mean*mean) / mean
			// The sample SD of 400 patterns is within about 7% (2σ).
			if got := ref.sdR(n); math.Abs(got/sd-1) > 0.1 {
				t.Errorf("%s n=%d: sdR %.4f, simulated %.4f", name, n, got, sd)
			}
		}
	}
}
