package score

import (
	"math"

	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// profileFrontMM is where HairlineProfile starts, in mm behind the line
// (negative: in front, on the forehead, where a too-low line shows); it
// ends hairReach behind, the 2–4 cm hairline band of domain.md §5.
const profileFrontMM = -10.0

// ProfileBin is one band of the hairline density profile.
type ProfileBin struct {
	// FromMM and ToMM bound the band by signed distance behind the line
	// (the design hairline, or the forehead border without one);
	// negative is in front of it.
	FromMM float64 `json:"from_mm"`
	ToMM   float64 `json:"to_mm"`
	// Dots is the number of impressions in the band.
	Dots int `json:"dots"`
	// PerCM2 is their density: Dots over the band's area, binMM times the
	// line's length (the line's curvature is ignored, a few percent at
	// most for a hairline).
	PerCM2 float64 `json:"per_cm2"`
	// Relative is PerCM2 over the session's full target, the middle of
	// the densest treated hairline zone's band: 1 is full density, the
	// soft edge starts near 0.25 (domain.md §5).
	Relative float64 `json:"relative"`
}

// HairlineProfile returns the density of ims by signed distance behind the
// hairline of template t, in bands binMM wide from 10 mm in front of the
// line to 25 mm behind it, for the class report's and the trainer's
// profile plots. Dots in temple zones are left out, as the hairline
// criterion leaves them out (they are the temple part's business). It
// returns nil when t has no hairline treated in session sessionNo, or
// binMM is not positive.
func HairlineProfile(t *scalp.Template, ims []impression.Impression, sessionNo int, binMM float64) []ProfileBin {
	if t == nil || len(t.Zones) == 0 || !(binMM > 0) || math.IsInf(binMM, 0) {
		return nil
	}
	p := prepare(t, sessionNo)
	hp := p.hair
	if hp == nil || !(hp.length > 0) {
		return nil
	}
	n := int(math.Ceil((hairReach - profileFrontMM) / binMM))
	out := make([]ProfileBin, n)
	full := 0.0
	for _, zi := range hp.hairZone {
		if pz := &p.zones[zi]; pz.treated {
			full = math.Max(full, pz.band.Mid())
		}
	}
	for k := range out {
		out[k].FromMM = profileFrontMM + float64(k)*binMM
		out[k].ToMM = math.Min(profileFrontMM+float64(k+1)*binMM, hairReach)
	}
	for _, im := range ims {
		q := im.Pos
		if !q.IsFinite() || !hp.box.Contains(q) {
			continue
		}
		if z := p.locate(q); z >= 0 && hp.inTemple(int32(z)) {
			continue
		}
		_, u, ok := hp.project(q)
		if !ok || u < profileFrontMM || u >= hairReach {
			continue
		}
		out[int((u-profileFrontMM)/binMM)].Dots++
	}
	for k := range out {
		area := (out[k].ToMM - out[k].FromMM) * hp.length / 100 // cm²
		if area > 0 {
			out[k].PerCM2 = float64(out[k].Dots) / area
		}
		if full > 0 {
			out[k].Relative = out[k].PerCM2 / full
		}
	}
	return out
}
