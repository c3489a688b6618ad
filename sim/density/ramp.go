package density

import (
	"math"

	"github.com/smptrainer/smp/sim/scalp"
)

// Ramp is the level a transition zone's windows are judged around for
// their spread (Dispersion): the zone's own ramp, its windows' densities
// fitted as a straight line in their depth behind the hairline.
//
// A transition zone's density is meant to rise from its front to its back
// (domain.md §5: 20–30% of the target at the edge, full 5–10 mm behind),
// so its windows cannot be judged around one level as other zones' are:
// the ramp alone would read as spread. Within the zone's depth (7 mm on
// every template, and a 9 mm window averages most of it) every ramp §5
// allows, slow or quick, is close to straight, and so is one whose front
// lies a little behind the line; a hard or faint edge is a straight line
// too, of another slope. So the line fitted to the work's own windows
// takes up the ramp, however steep, and what is left about it is spread
// along the line (thin and crowded spots side by side), which is the
// density criterion's; how steep the ramp is, is the hairline criterion's
// (its ramp parts), and is not judged twice.
//
// The zero value is ready to use; Add each window of one zone, then ask
// Expected for each window's count to Add to a Dispersion.
type Ramp struct {
	w, x, y, xx, xy float64
}

// Add counts one window: count impressions of the zone in areaMM2 (the
// window's area inside the zone), whose mean depth behind the hairline is
// depthMM (WindowMean), standing for weight of the zone's area (its map
// cell's area, mm²). A window weighs by its area too, as the precision of
// its density does.
func (r *Ramp) Add(count int, areaMM2, depthMM, weight float64) {
	if !(areaMM2 > 0) || !(weight > 0) || math.IsNaN(depthMM) || math.IsInf(depthMM, 0) {
		return
	}
	w := weight * areaMM2
	d := float64(count) / areaMM2
	r.w += w
	r.x += w * depthMM
	r.y += w * d
	r.xx += w * depthMM * depthMM
	r.xy += w * depthMM * d
}

// Expected returns the impressions the fitted ramp puts in a window of
// areaMM2 whose mean depth is depthMM: the line's density there times the
// area, never below zero; the windows' mean level where their depths do
// not vary enough to fit a slope, and 0 before any window.
func (r Ramp) Expected(areaMM2, depthMM float64) float64 {
	if !(r.w > 0) || !(areaMM2 > 0) {
		return 0
	}
	mx, my := r.x/r.w, r.y/r.w
	lam := my
	// The windows' depths must vary by a few hundredths of a mm at
	// least for a slope to mean anything.
	if vx := r.xx/r.w - mx*mx; vx > 1e-3 && !math.IsNaN(depthMM) {
		lam += (r.xy/r.w - mx*my) / vx * (depthMM - mx)
	}
	return math.Max(0, lam) * areaMM2
}

// SpreadJudged reports whether the windows of a zone of kind k, band b,
// whose work's mean is mean per cm², are judged together for spread
// (Dispersion): a zone judged around its own level (Reference, where the
// mean lies in the band), and a transition zone whose mean lies in its
// band about its own ramp (Ramp), where its windows' depths behind the
// hairline are known (ramp). The score's density criterion and the
// density map's colours ask it alike.
func SpreadJudged(b scalp.DensityBand, k scalp.ZoneKind, mean float64, ramp bool) bool {
	if k == scalp.Transition && !ramp {
		return false
	}
	return b.Max > 0 && mean >= b.Min && mean <= b.Max
}
