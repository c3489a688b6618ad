package score

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// randomAt lays uniform random points (drawn here, a Poisson pattern: no
// spacing at all) over the 90 mm field at perCM2 times rel(p), by
// thinning.
func randomAt(perCM2 float64, rel func(geom.Point) float64, seed uint64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 31))
	top := 0.0
	for x := -45.0; x <= 45; x += 1 {
		for y := -45.0; y <= 45; y += 1 {
			top = math.Max(top, rel(geom.Pt(x, y)))
		}
	}
	n := int(90 * 90 * perCM2 / 100 * top)
	var out []geom.Point
	for range n {
		p := geom.Pt(-45+90*r.Float64(), -45+90*r.Float64())
		if r.Float64()*top < rel(p) {
			out = append(out, p)
		}
	}
	return out
}

// TestRandomWorkIsNotSpread: random placement at an even density (a
// uniform random pattern at session 1's 17.5/cm², drawn here) is the
// uniformity criterion's fault; its windows vary as a Poisson count
// does, which the dispersion test now takes as its counting noise
// (density.PatternFano by the work's nearest-neighbour ratio), so its
// density criterion keeps what its windows' own tolerance gives (57–65,
// at least 30; 0–6.5 on the same seeds when blue noise's noise was
// assumed), while the
// same random work laid in 9 mm squares at 0.35× and 1.65× still reads
// patchy, at least 10 points lower.
func TestRandomWorkIsNotSpread(t *testing.T) {
	tp := bandField(scalp.SessionBands()[0])
	even := func(geom.Point) float64 { return 1 }
	squares := func(p geom.Point) float64 {
		if checker(p, 9) {
			return 0.35
		}
		return 1.65
	}
	for seed := uint64(1); seed <= 3; seed++ {
		plain, _ := densityOf(t, tp, 1, randomAt(17.5, even, seed))
		if plain.Score < 30 {
			t.Errorf("seed %d: random work at an even density: density %.1f: %s", seed, plain.Score, plain.Feedback)
		}
		patchy, _ := densityOf(t, tp, 1, randomAt(17.5, squares, seed))
		if !patchy.HasFault(FaultPatchy) || plain.Score-patchy.Score < 10 {
			t.Errorf("seed %d: random work in 9 mm thin and crowded squares: density %.1f (even %.1f), faults %v", seed, patchy.Score, plain.Score, patchy.Faults)
		}
	}
}
