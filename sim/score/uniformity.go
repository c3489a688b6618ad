package score

import (
	"fmt"
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// alignment returns the orientational order of a zone's nearest-neighbour
// bonds: max over k ∈ {2, 4, 6} of |mean e^{ikθ}|, with θ the bond angle.
// Rows give k = 2 order, square grids k = 4, hexagonal lattices k = 6; an
// isotropic pattern gives about 0.9/√n for any k. The value returned is the
// excess over 1.5/√n, so small zones are not penalised for noise.
func (s *state) alignment(zi int) float64 {
	a := &s.zagg[zi]
	if a.nnM <= 0 {
		return 0
	}
	fm := float64(a.nnM)
	psi := math.Max(math.Hypot(a.al[0], a.al[1]), math.Max(math.Hypot(a.al[2], a.al[3]), math.Hypot(a.al[4], a.al[5]))) / fm
	return math.Max(0, psi-1.5/math.Sqrt(fm))
}

// clumpAlpha is the chance that work thrown at random has any of its
// graded zones named clumped: the Clark–Evans test (Clark & Evans 1954) at
// one-sided 0.1% for the whole work, shared among its zones (Bonferroni),
// since the worst of several zones is the one named (model assumption).
// Random work measures R = 1 only on average; half of its zones fall below
// 1 by chance, and calling them "clumped" would send a trainee who throws
// dots at random after the wrong fault. Real clumps measure far lower.
const clumpAlpha = 0.001

// clumpedBelow is the R under which zone zi's n dots are significantly
// clumped when m zones are tested: R's standard deviation under randomness
// in that zone (csrRef.sdR, which counts the edge's share; the unbounded
// plane's 0.52272/√n without a reference) times the one-sided normal
// quantile of clumpAlpha/m.
func (s *state) clumpedBelow(zi, n, m int) float64 {
	z := math.Sqrt2 * math.Erfcinv(2*clumpAlpha/float64(max(m, 1)))
	sd := 0.52272 / math.Sqrt(float64(max(n, 1)))
	if ref := s.p.zones[zi].ref; ref != nil && n >= 2 {
		if v := ref.sdR(n); v > 0 {
			sd = v
		}
	}
	return 1 - z*sd
}

// hexSpacing is the centre spacing that gives density d per cm² on a
// hexagonal layout, 115/s² (domain.md §3).
func hexSpacing(d float64) float64 { return math.Sqrt(115 / d) }

// uniformity grades how even-but-random the placement is, zone by zone:
// edge-corrected Clark–Evans R (domain.md §4), the spread of the NN
// distances, and the orientational order of NN bonds, which exposes rows
// and grids. Transition zones are left to the hairline criterion: their
// density is meant to ramp, which any aggregation index reads as clumping.
func (s *state) uniformity(zs []ZoneStats) Criterion {
	c := Criterion{ID: IDUniformity, Name: "Uniformity", Unit: "R",
		Target: fmt.Sprintf("Clark–Evans R %.2g–%.2g (blue noise ≈ 1.7), no rows", rIdealLo, rIdealHi)}
	var sumS, sumW, sumR float64
	type worst struct {
		score float64
		zi    int
		kind  string
	}
	w := worst{score: 101, zi: -1}
	// sig is the worst zone that is significantly clumped: a small zone
	// whose R is low by chance can score worse than a large one that is
	// truly clumped, and the fault named must be the real one.
	sig := worst{score: 101, zi: -1, kind: "clumped"}
	gradedZone := func(zi int) bool {
		pz := &s.p.zones[zi]
		return pz.treated && pz.z.Kind != scalp.Transition && s.zagg[zi].n >= uniformityMinN
	}
	var graded int
	for zi := range s.p.zones {
		if gradedZone(zi) {
			graded++
		}
	}
	var rS, cvS, alS float64 // dot-weighted part scores
	var cvSum, alSum float64
	for zi := range s.p.zones {
		n := s.zagg[zi].n
		if !gradedZone(zi) {
			continue
		}
		r := zs[zi].ClarkEvansR
		cv := zs[zi].NNCV
		al := s.alignment(zi)
		sr := trapezoid(r, rClumpZero, rIdealLo, rIdealHi, rRowsZero)
		sc := ramp(cv, cvRowsZero, cvRowsFull)
		sa := ramp(al, alignZero, alignFull)
		zsc := math.Min(sr, math.Min(sc, sa))
		fn := float64(n)
		sumS += fn * zsc
		sumW += fn
		sumR += fn * r
		rS += fn * sr
		cvS += fn * sc
		alS += fn * sa
		cvSum += fn * cv
		alSum += fn * al
		if sr <= sc && sr <= sa && r < s.clumpedBelow(zi, n, graded) && zsc < sig.score {
			sig = worst{zsc, zi, "clumped"}
		}
		if zsc < w.score {
			w = worst{zsc, zi, ""}
			switch {
			case sr <= sc && sr <= sa && r < rIdealLo:
				w.kind = "clumped"
			case sr <= sc && sr <= sa:
				w.kind = "lattice"
			case sa <= sc:
				w.kind = "aligned"
			default:
				w.kind = "peaked"
			}
		}
	}
	if graded == 0 {
		c.Unmeasured = true
		c.fault(FaultTooFewToJudge, nil, uniformityMinN)
		return c
	}
	c.Score = sumS / sumW
	c.Value = sumR / sumW
	c.Parts = []Part{
		{ID: "clark-evans", Score: rS / sumW, Value: c.Value, Unit: "R"},
		{ID: "nn-spread", Score: cvS / sumW, Value: cvSum / sumW, Unit: "CV"},
		{ID: "alignment", Score: alS / sumW, Value: alSum / sumW, Unit: "order"},
	}
	if w.kind == "clumped" && zs[w.zi].ClarkEvansR >= s.clumpedBelow(w.zi, zs[w.zi].Impressions, graded) && sig.zi >= 0 && sig.score < 90 {
		w = sig
	}
	pz := &s.p.zones[w.zi]
	z := zs[w.zi]
	sp := hexSpacing(math.Max(z.DensityPerCM2, 1e-9))
	c.Markers = s.uniformityMarkers(w.zi, w.kind)
	switch {
	case w.score >= 90:
		c.Feedback = fmt.Sprintf("Even but random: R = %.2f, close to the blue-noise ideal of about 1.7; keep placing dots this way.", c.Value)
	case w.kind == "clumped" && z.ClarkEvansR < s.clumpedBelow(w.zi, z.Impressions, graded):
		c.fault(FaultClumps, c.Markers, z.ClarkEvansR, pz.name(), sp)
	case w.kind == "clumped":
		c.fault(FaultRandom, c.Markers, z.ClarkEvansR, pz.name(), sp)
	case w.kind == "lattice":
		c.fault(FaultGrid, c.Markers, z.ClarkEvansR, pz.name())
	case w.kind == "aligned":
		c.fault(FaultRows, c.Markers, pz.name(), s.alignment(w.zi))
	default:
		c.fault(FaultEvenSpacing, c.Markers, pz.name(), 100*z.NNCV, sp)
	}
	return c
}

// uniformityMarkers points at the tightest bunches for a clumped zone, or
// at the zone's dots with the most regular neighbours otherwise (a few
// spread-out samples of the rows).
func (s *state) uniformityMarkers(zi int, kind string) []geom.Point {
	mean, _ := s.nnMoments(zi)
	var ms []marker
	for k, i := range s.glob[zi] {
		if len(ms) >= maxCandidates {
			break
		}
		if !s.alive[i] || s.nnj[i] < 0 {
			continue
		}
		d := s.nn[i]
		if kind == "clumped" {
			if d < 0.5*mean {
				ms = append(ms, marker{s.pts[i], -d})
			}
		} else if k%16 == 0 {
			ms = append(ms, marker{s.pts[i], 0})
		}
	}
	sep := 2.0
	if kind != "clumped" {
		sep = 10
	}
	return pickMarkers(ms, maxMarkers/2, sep)
}
