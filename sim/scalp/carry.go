package scalp

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// CarryPastMM is how far, in skin millimetres, the work on an alopecia
// areata patch continues past the patch's edge into the stubble around it,
// so the patch's outline does not show: domain.md §6 says dots go inside a
// scar and continue past its edges; a patch is camouflaged the same way
// (model assumption: the width is ours, the same 5 mm as a scar's carry-over
// ring; about five dot spacings of finished work).
//
// The band belongs to blending, not to "dots where none belong": dots in it
// are the carry-past the brief asks for. Beyond it, a dot in the stubble is
// misplaced again. The exercise briefs, the template README, sim/pattern's
// expert and sim/score's density criterion all read this one value.
const CarryPastMM = 5.0

// carryBoxMargin grows a patch's bounding box, in chart mm, before the exact
// skin distance is measured: CarryPastMM over the least local scale of any
// template (about 0.58 skin mm per chart mm at the rim of a head chart),
// rounded up.
const carryBoxMargin = 2.5 * CarryPastMM

// InCarryPast reports whether chart point p lies outside every treated
// areata patch of t but within CarryPastMM of one, measured on the skin:
// the band past a patch's edge where the work continues into the stubble.
// Patch is the index of the nearest such patch's zone and distMM the skin
// distance to its edge; -1 and +Inf when ok is false.
//
// The skin distance is measured in the tangent plane at p: the patch's
// edges are carried there by the chart-to-skin Jacobian at p. Over 5 mm the
// local scale changes by well under 1% on a head chart (model assumption,
// the error it brings is that small).
func (t *Template) InCarryPast(p geom.Point) (patch int, distMM float64, ok bool) {
	patch, distMM = -1, math.Inf(1)
	if t == nil || !p.IsFinite() {
		return patch, distMM, false
	}
	var j Jacobian
	haveJ := false
	for zi := range t.Zones {
		z := &t.Zones[zi]
		if z.Kind != Patch || !z.Treated() || len(z.Polygon) < 3 {
			continue
		}
		if !z.Polygon.Bounds().Inset(-carryBoxMargin).Contains(p) {
			continue
		}
		if z.Polygon.Contains(p) {
			return -1, math.Inf(1), false // inside a patch: the patch's own work
		}
		if !haveJ {
			j, haveJ = Jacobian{XX: 1, YY: 1}, true
			if t.Head.RadiusMM > 0 && t.Head.Aspect > 0 {
				j = t.Head.Jacobian(p)
			}
		}
		pg := z.Polygon
		for i := range pg {
			a := j.Apply(pg[i].Sub(p))
			b := j.Apply(pg[(i+1)%len(pg)].Sub(p))
			if d := geom.SegmentDist(geom.Point{}, a, b); d <= CarryPastMM && d < distMM {
				patch, distMM, ok = zi, d, true
			}
		}
	}
	return patch, distMM, ok
}
