package scalp

import (
	"errors"
	"fmt"
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// AreaTolerance is the largest relative difference Validate accepts between
// the outline's area and the sum of the zones' areas. Built templates tile
// exactly (shared vertices), so this only absorbs rounding; 0.5% is the
// tolerance the foundation issue's tests use.
const AreaTolerance = 0.005

// edgeEpsMM is how far outside a polygon a vertex may sit and still count
// as on its edge: rounding, far below a dot's 0.1 mm.
const edgeEpsMM = 1e-6

// Validate checks that the template is usable: an id, simple closed
// polygons, unique zone ids of known kinds with sane targets, zones inside
// the outline whose areas add up to the outline's, hair regions, scars and
// lines inside the outline, and #rrggbb colours. It returns every problem
// found, joined, each naming the part.
func (t *Template) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if t.ID == "" {
		bad("id: missing")
	}
	if err := checkHex(t.Skin); err != nil {
		bad("skin: %v", err)
	}
	if err := checkHex(t.HairColour); err != nil {
		bad("hair_colour: %v", err)
	}
	if !(t.Head.RadiusMM > 0) || !(t.Head.Aspect > 0) || math.IsInf(t.Head.RadiusMM, 0) || math.IsInf(t.Head.Aspect, 0) {
		bad("head: radius %g mm and aspect %g must be positive and finite", t.Head.RadiusMM, t.Head.Aspect)
	}
	switch t.Head.Projection {
	case "", Azimuthal, Flat:
	default:
		bad("head: projection %q is neither %q nor %q", t.Head.Projection, Azimuthal, Flat)
	}
	if t.Head.Centre != "" && t.Head.Centre != CentreApex {
		bad("head: centre %q: only %q is supported", t.Head.Centre, CentreApex)
	}
	if !t.Outline.IsSimple() {
		bad("outline: not a simple closed polygon (%d vertices)", len(t.Outline))
		return errors.Join(errs...) // nothing else can be checked against it
	}
	inside := func(what string, pg geom.Polygon) {
		for i, p := range pg {
			if !t.Outline.Contains(p) && !t.Outline.BoundaryWithin(p, edgeEpsMM) {
				bad("%s: vertex %d (%.2f, %.2f) mm is outside the outline", what, i, p.X, p.Y)
				return
			}
		}
	}
	ids := map[string]bool{}
	var sum float64
	for i, z := range t.Zones {
		what := fmt.Sprintf("zones[%d] %q", i, z.ID)
		if z.ID == "" {
			bad("zones[%d]: id missing", i)
		} else if ids[z.ID] {
			bad("%s: duplicate id", what)
		}
		ids[z.ID] = true
		if !knownKind(z.Kind) {
			bad("%s: unknown kind %q", what, z.Kind)
		}
		for s, b := range z.Targets {
			if !(b.Min >= 0) || !(b.Max >= b.Min) || math.IsInf(b.Max, 0) {
				bad("%s: session %d target %g–%g is not a band 0 ≤ min ≤ max", what, s+1, b.Min, b.Max)
			}
		}
		if !z.Polygon.IsSimple() {
			bad("%s: not a simple closed polygon (%d vertices)", what, len(z.Polygon))
			continue
		}
		inside(what, z.Polygon)
		sum += z.Polygon.Area()
	}
	if len(t.Zones) == 0 {
		bad("zones: none")
	} else if a := t.Outline.Area(); math.Abs(sum-a) > AreaTolerance*a {
		bad("zones: areas sum to %.1f cm² but the outline is %.1f cm² (off by %.2f%%, over %.1f%%)",
			sum/100, a/100, 100*math.Abs(sum-a)/a, 100*AreaTolerance)
	}
	for i, h := range t.Hair {
		what := fmt.Sprintf("hair[%d] %q", i, h.ID)
		if !h.Polygon.IsSimple() {
			bad("%s: not a simple closed polygon", what)
			continue
		}
		inside(what, h.Polygon)
		if !(h.DensityPerCM2 >= 0) || math.IsInf(h.DensityPerCM2, 0) {
			bad("%s: density %g per cm² must be finite and ≥ 0", what, h.DensityPerCM2)
		}
		if err := checkHex(h.Colour); err != nil {
			bad("%s: colour: %v", what, err)
		}
	}
	for i, s := range t.Scars {
		what := fmt.Sprintf("scars[%d] %q", i, s.ID)
		if s.Kind != ScarFUT && s.Kind != ScarFUE {
			bad("%s: unknown kind %q", what, s.Kind)
		}
		if !s.Polygon.IsSimple() {
			bad("%s: not a simple closed polygon", what)
			continue
		}
		inside(what, s.Polygon)
	}
	line := func(what string, pl geom.Polyline) {
		for i, p := range pl {
			if !p.IsFinite() {
				bad("%s: point %d is not finite", what, i)
				return
			}
		}
	}
	if len(t.DesignHairline) == 1 {
		bad("design_hairline: a single point is not a line")
	}
	line("design_hairline", t.DesignHairline)
	if lm := t.Landmarks; lm != nil {
		if !lm.Glabella.IsFinite() {
			bad("landmarks.glabella: not finite")
		}
		line("landmarks.midline", lm.Midline)
		line("landmarks.brow_line", lm.BrowLine)
		line("landmarks.canthus_left", lm.CanthusLeft)
		line("landmarks.canthus_right", lm.CanthusRight)
		line("landmarks.mid_pupil_left", lm.MidPupilLeft)
		line("landmarks.mid_pupil_right", lm.MidPupilRight)
	}
	return errors.Join(errs...)
}

func knownKind(k ZoneKind) bool {
	switch k {
	case Forehead, Transition, Frontal, Forelock, MidScalp, Crown, Temple, SidesBack, Patch, Field, ScarArea, Nape:
		return true
	}
	return false
}
