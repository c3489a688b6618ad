package score

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// Hand-placed sessions for the density criterion: plain geometry laid in
// the test (jittered hexagonal lattices, squares and discs), never the
// pattern generator, on a flat 90 × 90 mm field whose band is the
// session's (domain.md §3) or a reduced one, as between existing hair.

// bandField is fieldTemplate's 90 mm field taking band in every session.
func bandField(band scalp.DensityBand) *scalp.Template {
	tp := fieldTemplate(90)
	tp.Zones[0].Targets = [3]scalp.DensityBand{band, band, band}
	return tp
}

// jitteredLattice lays a hexagonal lattice at perCM2 inside pg where keep
// says so, each point moved at random by up to a quarter of the spacing
// (seeded): even work a hand could lay.
func jitteredLattice(pg geom.Polygon, perCM2 float64, seed uint64, keep func(geom.Point) bool) []geom.Point {
	s := math.Sqrt(2 / (math.Sqrt(3) * perCM2 / 100))
	rnd := rand.New(rand.NewPCG(seed, 7))
	var out []geom.Point
	for _, p := range hexLattice(pg, s) {
		a, r := 2*math.Pi*rnd.Float64(), s/4*rnd.Float64()
		q := geom.Pt(p.X+r*math.Cos(a), p.Y+r*math.Sin(a))
		if pg.Contains(q) && (keep == nil || keep(q)) {
			out = append(out, q)
		}
	}
	return out
}

// checker reports whether p lies in a "thin" square of a checkerboard of
// side mm.
func checker(p geom.Point, side float64) bool {
	i, j := int(math.Floor(p.X/side)), int(math.Floor(p.Y/side))
	return (i+j)%2 == 0
}

// densityOf grades pts on t in session and returns the density and
// consistency criteria.
func densityOf(t *testing.T, tp *scalp.Template, session int, pts []geom.Point) (dens, cons *Criterion) {
	t.Helper()
	r := NewGrader(tp).Grade(dots(pts), session, nil)
	dens, cons = r.Criterion(IDDensity), r.Criterion(IDConsistency)
	if dens == nil || cons == nil {
		t.Fatal("no density or consistency criterion")
	}
	return dens, cons
}

// TestNinemmPatchesAtSessionOne: session 1's band (10–25/cm²) laid as
// 9 mm squares alternating 4/cm² and 31/cm² (a mean of 17.5, the band's
// middle) is patchy, ≥ 10 points below the same field laid evenly at
// 17.5/cm²; and 9 mm bare spots over a fifth of even work are patchy too.
// With the old 30-dot window (7.4 mm) both averaged away.
func TestNinemmPatchesAtSessionOne(t *testing.T) {
	band := scalp.SessionBands()[0]
	tp := bandField(band)
	pg := tp.Zones[0].Polygon
	for seed := uint64(1); seed <= 3; seed++ {
		even, _ := densityOf(t, tp, 1, jitteredLattice(pg, 17.5, seed, nil))
		if even.Score < 95 || even.HasFault(FaultPatchy) {
			t.Fatalf("seed %d: even work scores %.1f (%s)", seed, even.Score, even.Feedback)
		}
		thin := jitteredLattice(pg, 4, seed, func(p geom.Point) bool { return checker(p, 9) })
		thick := jitteredLattice(pg, 31, seed+10, func(p geom.Point) bool { return !checker(p, 9) })
		patchy, _ := densityOf(t, tp, 1, append(thin, thick...))
		if !patchy.HasFault(FaultPatchy) || even.Score-patchy.Score < 10 {
			t.Errorf("seed %d: 9 mm thin and crowded squares: %.1f (even %.1f), faults %v: %s",
				seed, patchy.Score, even.Score, patchy.Faults, patchy.Feedback)
		}
		// Bare discs 9 mm across, 20 mm apart (a fifth of the area).
		bare, _ := densityOf(t, tp, 1, jitteredLattice(pg, 17.5, seed, func(p geom.Point) bool {
			cx, cy := 20*math.Round(p.X/20), 20*math.Round(p.Y/20)
			return math.Hypot(p.X-cx, p.Y-cy) > 4.5
		}))
		if !bare.HasFault(FaultPatchy) || even.Score-bare.Score < 10 {
			t.Errorf("seed %d: 9 mm bare spots: %.1f (even %.1f), faults %v: %s",
				seed, bare.Score, even.Score, bare.Faults, bare.Feedback)
		}
	}
}

// TestOverworkedSpotAtSessionOne: 4 mm spots at 2.5× the band's top laid
// over even session-1 work (about 7% of the field) are overworked, and
// the consistency criterion says so by ≥ 10 points; the even work alone
// is not. With the old 7.4 mm window the spots were diluted below 1.5×
// the top.
func TestOverworkedSpotAtSessionOne(t *testing.T) {
	band := scalp.SessionBands()[0]
	tp := bandField(band)
	pg := tp.Zones[0].Polygon
	centres := []geom.Point{}
	for y := -30.0; y <= 30; y += 20 {
		for x := -30.0; x <= 30; x += 20 {
			centres = append(centres, geom.Pt(x, y))
		}
	}
	inSpot := func(p geom.Point) bool {
		for _, c := range centres {
			if p.Dist(c) < 4 {
				return true
			}
		}
		return false
	}
	for seed := uint64(1); seed <= 3; seed++ {
		base := jitteredLattice(pg, 17.5, seed, nil)
		_, even := densityOf(t, tp, 1, base)
		if even.HasFault(FaultOverworked) {
			t.Fatalf("seed %d: even work called overworked: %s", seed, even.Feedback)
		}
		spots := jitteredLattice(pg, 2.5*band.Max, seed+20, inSpot)
		_, over := densityOf(t, tp, 1, append(base, spots...))
		if !over.HasFault(FaultOverworked) || even.Score-over.Score < 10 {
			t.Errorf("seed %d: 4 mm spots at 2.5× the top: consistency %.1f (even %.1f), faults %v: %s",
				seed, over.Score, even.Score, over.Faults, over.Feedback)
		}
	}
}

// TestPatchyOnAReducedBand: a zone kept light between existing hair
// (a reduced band, 21–23.3/cm², as Ludwig II's mid-scalp in session 2)
// laid as 9 mm squares at a fifth and 1.8× its middle is patchy, ≥ 10
// points below even work at the middle. The old window held 30 dots
// there (6.6 mm) and kept most of the area within ±20%.
func TestPatchyOnAReducedBand(t *testing.T) {
	band := scalp.DensityBand{Min: 21, Max: 23.3}
	tp := bandField(band)
	pg := tp.Zones[0].Polygon
	mid := band.Mid()
	for seed := uint64(1); seed <= 3; seed++ {
		even, _ := densityOf(t, tp, 2, jitteredLattice(pg, mid, seed, nil))
		if even.Score < 95 || even.HasFault(FaultPatchy) {
			t.Fatalf("seed %d: even work scores %.1f (%s)", seed, even.Score, even.Feedback)
		}
		thin := jitteredLattice(pg, 0.2*mid, seed, func(p geom.Point) bool { return checker(p, 9) })
		thick := jitteredLattice(pg, 1.8*mid, seed+10, func(p geom.Point) bool { return !checker(p, 9) })
		patchy, _ := densityOf(t, tp, 2, append(thin, thick...))
		if !patchy.HasFault(FaultPatchy) || even.Score-patchy.Score < 10 {
			t.Errorf("seed %d: %.1f (even %.1f), faults %v: %s", seed, patchy.Score, even.Score, patchy.Faults, patchy.Feedback)
		}
	}
}

// TestUniformSparsenessIsNotPatchy: even work at 0.45× the band's middle
// in every session is too sparse, never patchy: its windows all sit low,
// none crowded.
func TestUniformSparsenessIsNotPatchy(t *testing.T) {
	for s, band := range scalp.SessionBands() {
		tp := bandField(band)
		for seed := uint64(1); seed <= 3; seed++ {
			d, _ := densityOf(t, tp, s+1, jitteredLattice(tp.Zones[0].Polygon, 0.45*band.Mid(), seed, nil))
			if d.HasFault(FaultPatchy) || !d.HasFault(FaultTooSparse) {
				t.Errorf("session %d seed %d: uniformly sparse work: faults %v: %s", s+1, seed, d.Faults, d.Feedback)
			}
		}
	}
}

// TestEvenBlueNoiseAtSessionOne: blue noise thrown by darts (a minimum
// distance near saturation, R ≈ 1.7 as domain.md §4's even-but-random) at
// session 1's middle keeps full density marks on every seed: a 9 mm
// window holds only about 11 of its dots, and their counting noise must
// not read as patches.
func TestEvenBlueNoiseAtSessionOne(t *testing.T) {
	band := scalp.SessionBands()[0]
	tp := bandField(band)
	for seed := uint64(1); seed <= 4; seed++ {
		pts := dartThrow(tp.Zones[0].Polygon, band.Mid(), dartAlpha, seed)
		dens, _ := densityOf(t, tp, 1, pts)
		if dens.Score < 95 || dens.HasFault(FaultPatchy) {
			t.Errorf("seed %d: %d dots of even blue noise: density %.1f: %s", seed, len(pts), dens.Score, dens.Feedback)
		}
	}
}

// dartAlpha is a dart thrower's minimum distance as a share of the mean
// spacing 10/√perCM2 mm: near saturation, Clark–Evans R ≈ 1.7, domain.md
// §4's even-but-random.
var dartAlpha = math.Sqrt(0.68)

// dartThrow lays blue noise at perCM2 inside pg by dart throwing with a
// minimum distance of alpha·10/√perCM2 mm (seeded).
func dartThrow(pg geom.Polygon, perCM2, alpha float64, seed uint64) []geom.Point {
	rnd := rand.New(rand.NewPCG(seed, 9))
	lam := perCM2 / 100
	d2 := alpha * alpha / lam
	n := int(lam * pg.Area())
	b := pg.Bounds()
	var pts []geom.Point
	for tries := 0; len(pts) < n && tries < 200*n; tries++ {
		p := geom.Pt(b.Min.X+(b.Max.X-b.Min.X)*rnd.Float64(), b.Min.Y+(b.Max.Y-b.Min.Y)*rnd.Float64())
		ok := pg.Contains(p)
		for _, q := range pts {
			if !ok {
				break
			}
			ok = p.Dist2(q) >= d2
		}
		if ok {
			pts = append(pts, p)
		}
	}
	return pts
}

// TestPatchyOnASparseReducedBand: session 1's reduced band between
// existing hair (Ludwig II's mid-scalp, 4.7–11.7/cm²) puts about 5 dots
// in a 9 mm window, whose counting noise widens a window's tolerance to
// ±44%. 9 mm squares laid at 0.5× and 1.5× the band's middle by hand
// (a jittered lattice) stay inside that tolerance window by window, and
// read as even on the old map; the zone's windows together show the
// spread (density.Dispersion), so the work is patchy, ≥ 10 points below
// even work. Even work at the band's bottom and middle, by lattice or by
// darts, keeps full marks and is never called patchy.
func TestPatchyOnASparseReducedBand(t *testing.T) {
	band := scalp.DensityBand{Min: 4.6667, Max: 11.6667}
	tp := bandField(band)
	patchyBesideEven(t, tp, band, 0.5, 1.5)
}

// TestPatchyOnANarrowSparseZone: Norwood II's frontal zone in session 1,
// a strip about 20 mm deep with a reduced band (2.7–6.8/cm²) between
// existing hair, holds 2–3 dots in a 9 mm window and only about 30 such
// windows. 9 mm squares laid by hand at 0.3× and 1.7× the band's middle
// are patchy there, ≥ 10 points below even work: the zone's windows
// together show the squares (density.Dispersion) where the map's windows
// one by one do not (92 and 100 on two seeds without the test). Even
// work, by lattice or darts, at the band's bottom and middle keeps full
// marks and is never called patchy.
func TestPatchyOnANarrowSparseZone(t *testing.T) {
	band := scalp.DensityBand{Min: 2.7273, Max: 6.8182}
	tp := bandField(band)
	pg := rectPoly(-45, -11, 45, 11)
	tp.Outline, tp.Zones[0].Polygon = pg, pg
	patchyBesideEven(t, tp, band, 0.3, 1.7)
}

// patchyBesideEven grades, in session 1 on tp's one zone whose band is
// band, 9 mm squares laid by hand at thin and thick times the band's
// middle, and even work at its bottom and middle by lattice and by darts,
// over three seeds: the squares must be patchy and ≥ 10 points below even
// work at the middle, and even work keep ≥ 95 and never be called patchy.
func patchyBesideEven(t *testing.T, tp *scalp.Template, band scalp.DensityBand, thin, thick float64) {
	t.Helper()
	pg := tp.Zones[0].Polygon
	mid := band.Mid()
	for seed := uint64(1); seed <= 3; seed++ {
		var evenScore float64
		for _, even := range []struct {
			name string
			pts  []geom.Point
		}{
			{"lattice at the middle", jitteredLattice(pg, mid, seed, nil)},
			{"lattice at the bottom", jitteredLattice(pg, band.Min*1.05, seed, nil)},
			{"darts at the middle", dartThrow(pg, mid, dartAlpha, seed)},
			{"darts at the bottom", dartThrow(pg, band.Min*1.05, dartAlpha, seed)},
		} {
			d, _ := densityOf(t, tp, 1, even.pts)
			if d.Score < 95 || d.HasFault(FaultPatchy) {
				t.Errorf("seed %d: even work, %s: density %.1f, faults %v: %s", seed, even.name, d.Score, d.Faults, d.Feedback)
			}
			if even.name == "lattice at the middle" {
				evenScore = d.Score
			}
		}
		lo := jitteredLattice(pg, thin*mid, seed, func(p geom.Point) bool { return checker(p, 9) })
		hi := jitteredLattice(pg, thick*mid, seed+10, func(p geom.Point) bool { return !checker(p, 9) })
		patchy, _ := densityOf(t, tp, 1, append(lo, hi...))
		if !patchy.HasFault(FaultPatchy) || evenScore-patchy.Score < 10 {
			t.Errorf("seed %d: 9 mm squares at %g× and %g× the middle: %.1f (even %.1f), faults %v: %s",
				seed, thin, thick, patchy.Score, evenScore, patchy.Faults, patchy.Feedback)
		}
	}
}
