package report

import (
	"math"
	"sort"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/spatial"
)

// profileBinMM is the width of the hairline profile's bands: the
// scorer's (score.ProfileBinMM), so the plot shows what is graded.
const profileBinMM = score.ProfileBinMM

// nnDistances returns every finite impression's distance to its nearest
// other impression, in mm, sorted ascending.
func nnDistances(ims []impression.Impression, areaMM2 float64) []float64 {
	pts := make([]geom.Point, 0, len(ims))
	for _, im := range ims {
		if im.Pos.IsFinite() {
			pts = append(pts, im.Pos)
		}
	}
	if len(pts) < 2 {
		return nil
	}
	// A cell about one mean spacing wide keeps each query to a few cells.
	cell := 1.0
	if areaMM2 > 0 {
		cell = math.Sqrt(areaMM2 / float64(len(pts)))
	}
	cell = math.Max(0.5, math.Min(cell, 10))
	g := spatial.NewGrid(pts, cell)
	d := make([]float64, 0, len(pts))
	for i := range pts {
		if j, r := g.Nearest(i); j >= 0 && !math.IsNaN(r) && !math.IsInf(r, 0) {
			d = append(d, r)
		}
	}
	sort.Float64s(d)
	return d
}

// ecdf returns the empirical G(r): the share of sorted values ≤ r.
func ecdf(sorted []float64, r float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	return float64(sort.Search(len(sorted), func(i int) bool { return sorted[i] > r })) / float64(len(sorted))
}

// csrG is the nearest-neighbour distribution of complete spatial
// randomness at intensity lambda per mm² (domain.md §4):
// G(r) = 1 − exp(−λπr²).
func csrG(lambda, r float64) float64 {
	return 1 - math.Exp(-lambda*math.Pi*r*r)
}

// quantile returns the q-quantile of sorted values (nearest rank).
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// profileFull returns the session's full target density per cm², the
// one score.HairlineProfile's Relative is measured against, read back from
// the first band of any profile that holds dots; 0 when none does.
func profileFull(profiles ...[]score.ProfileBin) float64 {
	for _, p := range profiles {
		for _, b := range p {
			if b.Relative > 0 && b.PerCM2 > 0 {
				return b.PerCM2 / b.Relative
			}
		}
	}
	return 0
}

// intoHair returns the unit normal of segment a–b that points into the
// hair, toward the apex at the chart origin (sim/geom chart frame).
func intoHair(a, b geom.Point) geom.Point {
	d := b.Sub(a)
	l := math.Hypot(d.X, d.Y)
	if !(l > 0) {
		return geom.Pt(0, 1)
	}
	n := geom.Pt(-d.Y/l, d.X/l)
	if mid := a.Add(d.Mul(0.5)); n.X*(0-mid.X)+n.Y*(0-mid.Y) < 0 {
		n = n.Mul(-1)
	}
	return n
}

// rampBand is the model ramp's band (score.RampBand).
func rampBand(u float64) (lo, hi float64) { return score.RampBand(u) }
