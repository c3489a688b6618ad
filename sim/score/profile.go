package score

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"

	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// profileFrontMM is where HairlineProfile starts, in mm behind the line
// (negative: in front, on the forehead, where a too-low line shows); it
// ends hairReach behind, the 2–4 cm hairline band of domain.md §5.
const profileFrontMM = -10.0

// profileStepMM is the sampling step, along the line and across each
// band, with which HairlineProfile measures a band's area (model: fine
// against 2 mm bands and the zones' shapes, and a few milliseconds once
// per template, session and band width).
const profileStepMM = 0.5

// ProfileBinMM is the width of the hairline profile's bands, the one the
// trainer's profile panel and the class report plot. Model assumption: at
// a first session's hairline density a 2 mm band along a ~15 cm line
// holds tens of dots, enough to read a ramp 5–10 mm long (domain.md §5)
// without the bands' counts being mostly noise.
const ProfileBinMM = 2.0

// RampBand returns the model transition ramp's band at u mm behind the
// line, as a fraction of the session's full target (scalp.RampBand, the
// one home of domain.md §5's ramp): the band the profile plots are drawn
// against and the hairline criterion's ramp part judges.
func RampBand(u float64) (lo, hi float64) { return scalp.RampBand(u) }

// ProfileBin is one band of the hairline density profile.
type ProfileBin struct {
	// FromMM and ToMM bound the band by signed distance behind the line
	// (the design hairline, or the forehead border without one), in mm on
	// the skin of the model head, as the hairline criterion measures;
	// negative is in front of it.
	FromMM float64 `json:"from_mm"`
	ToMM   float64 `json:"to_mm"`
	// Dots is the number of impressions in the band.
	Dots int `json:"dots"`
	// PerCM2 is their density: Dots over the band's area, the part of the
	// strip swept by the line's normals that lies on the scalp and off the
	// temples, where a dot is counted (the line's curvature is allowed
	// for: behind a line that bulges toward the face the strip narrows).
	PerCM2 float64 `json:"per_cm2"`
	// Relative is PerCM2 over the session's full target on the hairline
	// (scalp.Template.HairlineFull: the open-skin band's middle, never a
	// band lowered for existing hair): 1 is full density, the soft edge
	// starts near 0.25 (domain.md §5).
	Relative float64 `json:"relative"`
}

// HairlineProfile returns the density of ims by signed distance behind the
// hairline of template t, in bands binMM wide from 10 mm in front of the
// line to 25 mm behind it, for the class report's and the trainer's
// profile plots. Dots in temple zones are left out, as the hairline
// criterion leaves them out (they are the temple part's business), and so
// are dots off the scalp; the bands' areas leave the same places out. It
// returns nil when t has no hairline treated in session sessionNo, or
// binMM is not positive.
//
// It builds a new Grader every call; code that draws profiles of many
// pieces of work on a template holds a Grader and calls its HairlineProfile.
func HairlineProfile(t *scalp.Template, ims []impression.Impression, sessionNo int, binMM float64) []ProfileBin {
	return NewGrader(t).HairlineProfile(ims, sessionNo, binMM)
}

// HairlineProfile returns the hairline profile of ims on g's template, as
// the package's HairlineProfile describes.
func (g *Grader) HairlineProfile(ims []impression.Impression, sessionNo int, binMM float64) []ProfileBin {
	if g.empty() || !(binMM > 0) || math.IsInf(binMM, 0) {
		return nil
	}
	p := g.prep(sessionNo)
	hp := p.hair
	if hp == nil || !(hp.length > 0) {
		return nil
	}
	n := int(math.Ceil((hairReach - profileFrontMM) / binMM))
	out := make([]ProfileBin, n)
	full := hp.full
	for k := range out {
		out[k].FromMM = profileFrontMM + float64(k)*binMM
		out[k].ToMM = math.Min(profileFrontMM+float64(k+1)*binMM, hairReach)
	}
	for _, im := range ims {
		q := im.Pos
		if !q.IsFinite() || !hp.box.Contains(q) {
			continue
		}
		if !p.profileCounts(q) {
			continue
		}
		sa, u, ok := hp.project(q)
		u *= hp.acrossAt(sa) // skin mm, as the hairline criterion measures
		if !ok || u < profileFrontMM || u >= hairReach {
			continue
		}
		out[int((u-profileFrontMM)/binMM)].Dots++
	}
	areas := p.profileAreas(binMM, out)
	for k := range out {
		area := areas[k] / 100 // cm²
		if area > 0 {
			out[k].PerCM2 = float64(out[k].Dots) / area
		}
		if full > 0 {
			out[k].Relative = out[k].PerCM2 / full
		}
	}
	return out
}

// profileCounts reports whether a dot at q counts in the hairline profile:
// on the scalp and not in a temple.
func (p *prep) profileCounts(q geom.Point) bool {
	if len(p.t.Outline) >= 3 && !p.t.Outline.Contains(q) {
		return false
	}
	z := p.locate(q)
	return z < 0 || !p.hair.inTemple(int32(z))
}

// profileAreas returns the area in mm² of each band of bins where a dot
// counts, measured once per band width and kept: every step along the
// line, the band's stretch of the normal is sampled every step across.
func (p *prep) profileAreas(binMM float64, bins []ProfileBin) []float64 {
	p.profMu.Lock()
	defer p.profMu.Unlock()
	if a, ok := p.profArea[binMM]; ok {
		return a
	}
	hp := p.hair
	areas := make([]float64, len(bins))
	const h = profileStepMM / 2 // half step for the derivatives along the line
	for s := profileStepMM / 2; s < hp.length; s += profileStepMM {
		ds := math.Min(profileStepMM, hp.length-(s-profileStepMM/2))
		foot, n := hp.pointAt(s), hp.normalAt(s)
		// The point v behind the line at s is foot(s) + v·n(s); a step ds
		// along the line moves it by (foot' + v·n')·ds, so the band's area
		// element is |(foot' + v·n') × n|·ds·dv: shorter than ds behind a
		// line that bulges toward the face, where the normals converge.
		dFoot := hp.pointAt(s + h).Sub(hp.pointAt(s - h)).Mul(1 / (2 * h))
		dN := hp.normalAt(s + h).Sub(hp.normalAt(s - h)).Mul(1 / (2 * h))
		// The bins are in skin mm behind the line (acrossAt); a step of
		// dv skin mm is dv/a chart mm, and the chart keeps areas.
		a := hp.acrossAt(s)
		for k, b := range bins {
			for v := b.FromMM + profileStepMM/2; v < b.ToMM; v += profileStepMM {
				vc := v / a
				if !p.profileCounts(foot.Add(n.Mul(vc))) {
					continue
				}
				d := dFoot.Add(dN.Mul(vc))
				jac := math.Abs(d.X*n.Y - d.Y*n.X)
				areas[k] += jac * ds * math.Min(profileStepMM, b.ToMM-(v-profileStepMM/2)) / a
			}
		}
	}
	if p.profArea == nil {
		p.profArea = map[float64][]float64{}
	}
	p.profArea[binMM] = areas
	return areas
}
