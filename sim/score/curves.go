package score

import "math"

// Scoring curves. Each maps a measurement to 0–100 with straight segments
// between named anchors. They are *model assumptions* (no published rubric
// exists, domain.md §8); the reason for each anchor is given beside it, and
// the truth tests in score_test.go and sim/pattern check that good and
// faulty patterns land on the intended sides of them.
const (
	// Density against the session's band (domain.md §3): full marks inside
	// the band, zero once the zone is half again off (50% below Min or
	// above Max).
	densityTol = 0.5
	// Local density map: a cell is "on target" within its zone's band
	// widened by sim/density's tolerance (density.Tolerated: ±20%, more
	// for the noise of few dots). The share of the zone's area on target
	// scores 0 at 40% and 100 at 90%: uniform random placement lands near
	// 70–80%, good blue-noise work near 100%.
	patchShareZero  = 0.4
	patchShareFull  = 0.9
	misplacedZero   = 0.10 // share of dots in no-go zones that zeroes density
	overworkFactor  = 1.5  // local density above 1.5× its zone's band top is overworked (§2: pigment overloaded into one area)
	overworkZero    = 0.10 // overworked share of area that zeroes consistency
	uniformityMinN  = 20   // fewer dots in a zone: R is too noisy to grade
	rClumpZero      = 0.9  // R at or below: clumped or random, score 0 (§4: CSR = 1)
	rIdealLo        = 1.5  // issue 4: clumps are "R well below about 1.5"
	rIdealHi        = 1.85 // blue noise ≈ 1.70 (§4); square grid 2.0 is a fault
	rRowsZero       = 2.1  // near the hexagonal maximum 2.149 (§4)
	alignFull       = 0.25 // orientational order of NN bonds, excess over noise
	alignZero       = 0.55
	cvRowsZero      = 0.02 // NN-distance CV of a near-perfect lattice
	cvRowsFull      = 0.05 // blue noise (Bridson) measures ≈ 0.075, a 15%-jittered grid ≈ 0.09
	gapShareZero    = 0.05 // share of treated area in gaps that zeroes gaps
	clumpShareZero  = 0.10 // share of dots merging with a neighbour
	gapsNoFault     = 95   // gaps/clumps part score from which it is not named (model)
	diamCVFull      = 0.15 // healed-diameter spread within a zone, fine up to 15%
	diamCVZero      = 0.50
	deepShareZero   = 0.05 // blowouts are the worst depth fault (§2)
	shallowShareZer = 0.20 // shallow dots fade and need redoing (§2)
)

// ramp maps x linearly from 0 at x0 to 100 at x1 (x0 > x1 for a falling
// curve), clamped to 0–100.
func ramp(x, x0, x1 float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	t := (x - x0) / (x1 - x0)
	return 100 * math.Min(1, math.Max(0, t))
}

// trapezoid is 0 outside (z0, z1), 100 inside [lo, hi], linear between.
func trapezoid(x, z0, lo, hi, z1 float64) float64 {
	if x < lo {
		return ramp(x, z0, lo)
	}
	if x > hi {
		return ramp(x, z1, hi)
	}
	return 100
}

// bandScore scores a density against its band with densityTol.
func bandScore(d, lo, hi float64) float64 {
	return trapezoid(d, lo*(1-densityTol), lo, hi, hi*(1+densityTol))
}
