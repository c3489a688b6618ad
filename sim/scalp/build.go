package scalp

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/smptrainer/smp/sim/geom"
)

// The parameter objects of a head template file. assets/templates/README.md
// documents every field and where its number comes from.
type (
	headParams struct {
		RadiusMM float64 `json:"radius_mm"`
		Aspect   float64 `json:"aspect"`
	}
	outlineParams struct {
		BrowMM    float64 `json:"brow_mm"`
		EarArcMM  float64 `json:"ear_arc_mm"`
		NapeArcMM float64 `json:"nape_arc_mm"`
	}
	faceParams struct {
		CanthusMM  float64 `json:"canthus_mm"`
		MidPupilMM float64 `json:"mid_pupil_mm"`
	}
	hairlineParams struct {
		HeightMM          float64 `json:"height_mm"`
		TempleRecessionMM float64 `json:"temple_recession_mm"`
		TempleWidthMM     float64 `json:"temple_width_mm"`
		TempleDropMM      float64 `json:"temple_drop_mm"`
		TransitionMM      float64 `json:"transition_mm"`
		BandMM            float64 `json:"band_mm"`
		BandTempleMM      float64 `json:"band_temple_mm"`
		IrregularityMM    float64 `json:"irregularity_mm"`
	}
	forelockParams struct {
		HalfWidthMM float64 `json:"half_width_mm"`
		DepthMM     float64 `json:"depth_mm"`
	}
	crownParams struct {
		CentreMM      float64 `json:"centre_mm"`
		RadiusMM      float64 `json:"radius_mm"`
		ReachesFringe bool    `json:"reaches_fringe"`
	}
	fringeParams struct {
		SideArcMM   float64 `json:"side_arc_mm"`
		BackArcMM   float64 `json:"back_arc_mm"`
		OccipitalMM float64 `json:"occipital_mm"`
	}
	hairParams struct {
		Colour string             `json:"colour"`
		Zones  map[string]float64 `json:"zones"`
	}
	patchParams struct {
		ID         string  `json:"id"`
		AzimuthDeg float64 `json:"azimuth_deg"`
		WidthMM    float64 `json:"width_mm"`
		DepthMM    float64 `json:"depth_mm"`
	}
	futParams struct {
		HalfSpanDeg float64 `json:"half_span_deg"`
		WidthMM     float64 `json:"width_mm"`
		MarginMM    float64 `json:"margin_mm"`
	}
	fueParams struct {
		HalfSpanDeg  float64 `json:"half_span_deg"`
		BandMM       float64 `json:"band_mm"`
		Count        int     `json:"count"`
		DiameterMM   float64 `json:"diameter_mm"`
		MinSpacingMM float64 `json:"min_spacing_mm"`
	}
)

// Model constants of the head builder (assumptions, not clinical facts).
const (
	// azimuthSamples is how many evenly spaced azimuths every curve is
	// sampled at, before key azimuths are added: 1.5°, about 1.5 mm along a
	// hairline 60 mm from the apex, finer than the eye can tell.
	azimuthSamples = 240
	// jumpRad is the width of the sliver column where the front layout
	// (hairline band, temples) hands over to the back layout (fringe): a
	// quarter of a degree, so the step between them is a near-radial edge.
	jumpRad = 0.25 * math.Pi / 180
	// islandSamples is how many extra azimuths refine each island (patch,
	// scar, crown, forelock), clustered toward its ends where its edges
	// turn fastest.
	islandSamples = 32
	// maxTempleAzimuth bounds the temple angle's azimuth: beyond it the
	// "front" of the head would wrap round to the ears.
	maxTempleAzimuth = 80 * math.Pi / 180
	// minCoreMM is the smallest distance from the apex the mid-scalp's edge
	// may reach, so the mid-scalp stays one region round the apex.
	minCoreMM = 3.0
	// maxPatches bounds the alopecia patches of one template: a few is
	// the exercise (domain.md §6), and each adds a layer to the tiling.
	maxPatches = 8
	// rngStream is the second PCG word for template irregularity, fixed so
	// that the file's seed alone decides the shapes.
	rngStream = 0x5ca1e7e3
)

// Plausible parameter ranges. Each cites domain.md or is a model
// assumption; a value outside is refused with the field named.
type span struct {
	lo, hi float64
	why    string
}

var ranges = map[string]span{
	"head.radius_mm":               {84, 100, "model: authalic radius of a 53–63 cm head circumference"},
	"head.aspect":                  {1, 1.25, "model: √(head length/breadth), 1.2–1.5 → 1.1–1.22"},
	"outline.brow_mm":              {40, 75, "model: brow tail's distance from the midline"},
	"outline.ear_arc_mm":           {110, 160, "model: apex to the top of the ear along the scalp"},
	"outline.nape_arc_mm":          {170, 240, "model: apex to the nape hairline along the midline"},
	"face.canthus_mm":              {35, 60, "model: outer eye corner's distance from the midline"},
	"face.mid_pupil_mm":            {25, 40, "model: half the interpupillary distance"},
	"hairline.height_mm":           {70, 100, "domain.md §5: 7 cm aggressive to 10 cm conservative above the brows"},
	"hairline.temple_recession_mm": {0, 40, "model: temple angle above the mid-frontal point"},
	"hairline.temple_width_mm":     {5, 30, "model: hairline from the temple angle back to the temporal hair"},
	"hairline.temple_drop_mm":      {0, 40, "model: temporal hair's front below the temple angle"},
	"hairline.transition_mm":       {5, 10, "domain.md §5: the front 0.5–1 cm of the band"},
	"hairline.band_mm":             {20, 40, "domain.md §5: the hairline is a 2–4 cm band"},
	"hairline.band_temple_mm":      {10, 40, "model: the band narrows toward the temples"},
	"hairline.irregularity_mm":     {0, 4, "model: macro-irregularity of the border (domain.md §5)"},
	"forelock.half_width_mm":       {10, 40, "model"},
	"forelock.depth_mm":            {5, 40, "model"},
	"crown.centre_mm":              {20, 80, "model: crown whorl behind the apex"},
	"crown.radius_mm":              {10, 75, "model"},
	"fringe.side_arc_mm":           {50, 150, "model: top of the side hair from the apex"},
	"fringe.back_arc_mm":           {50, 200, "model: top of the back hair from the apex"},
	"fringe.occipital_mm":          {10, 80, "model: occipital line above the nape"},
	"hair.zones":                   {0, 120, "domain.md §3: natural 65–100 FU/cm²"},
	"patches.width_mm":             {8, 60, "model: alopecia areata patches of 1–6 cm"},
	"patches.depth_mm":             {8, 60, "model"},
	"patches.azimuth_deg":          {-180, 180, "degrees from the face, + toward the client's right"},
	"fut.half_span_deg":            {20, 85, "model: the strip runs across the back, ear toward ear"},
	"fut.width_mm":                 {1, 10, "model: a healed strip scar 1–10 mm wide"},
	"fut.margin_mm":                {3, 25, "domain.md §6: dots continue past the scar's edges"},
	"fue.half_span_deg":            {20, 85, "model: donor area across the back"},
	"fue.band_mm":                  {5, 40, "model: half the donor band's height"},
	"fue.diameter_mm":              {0.5, 1.5, "domain.md §6: round white dots up to about 1 mm"},
	"fue.min_spacing_mm":           {2, 20, "model: punches are spread out"},
}

func checkRange(fe errorf, field string, v float64) error {
	r := ranges[field]
	if v == 0 && r.lo > 0 {
		return fe(field, "missing (it must be %g–%g: %s)", r.lo, r.hi, r.why)
	}
	return inRange(fe, field, v, r.lo, r.hi, r.why)
}

// zone indices of the standard head layout.
const (
	zForehead = iota
	zTransition
	zFrontal
	zForelock
	zMidscalp
	zCrown
	zTempleL
	zTempleR
	zSidesBack
	nStdZones
)

var stdZones = [nStdZones]struct {
	id, name string
	kind     ZoneKind
}{
	{"forehead", "Forehead", Forehead},
	{"transition", "Transition zone", Transition},
	{"frontal", "Frontal (defined) zone", Frontal},
	{"forelock", "Forelock", Forelock},
	{"midscalp", "Mid-scalp", MidScalp},
	{"crown", "Crown (vertex)", Crown},
	{"temple-left", "Left temple", Temple},
	{"temple-right", "Right temple", Temple},
	{"sides-back", "Sides and back", SidesBack},
}

// headModel holds the derived geometry of a parametric head: every curve
// as a function of azimuth, in mm of arc from the apex.
type headModel struct {
	p                 *fileParams
	R                 float64
	sBrow, phiBrow    float64 // brow line on the equator, its half-width
	sMid              float64 // mid-frontal point of the design hairline
	sT, phiT          float64 // temple (frontotemporal) angle
	phiMin            float64 // canthus line meets the brow
	sigma             float64 // bell's inflection: the mid-pupil azimuth
	phiE, sE          float64 // where the hairline meets the temporal hair
	phiFL             float64 // forelock half-width
	crownA            float64 // crown half-span about the back
	crownDip          float64 // half-span of the fringe's dip through a ringed crown
	noise             [3]struct{ amp, freq, phase float64 }
	noiseSum          float64
	recessionNorm     float64
	canthus, midPupil float64
}

func smoothstep(x float64) float64 {
	x = min(max(x, 0), 1)
	return x * x * (3 - 2*x)
}

// outline is the chart's edge: the brow line (on the model sphere's
// equator) at the front, the ear tops at the sides, the nape at the back.
func (m *headModel) outline(phi float64) float64 {
	a := math.Abs(phi)
	o := m.p.Outline
	switch {
	case a <= m.phiBrow:
		return m.sBrow
	case a <= math.Pi/2:
		return m.sBrow + (o.EarArcMM-m.sBrow)*smoothstep((a-m.phiBrow)/(math.Pi/2-m.phiBrow))
	}
	return o.EarArcMM + (o.NapeArcMM-o.EarArcMM)*smoothstep((a-math.Pi/2)/(math.Pi/2))
}

// bell is 0 at the midline and 1 at the temple angle: a Gaussian profile
// whose inflection at the mid-pupil azimuth turns the line from convex to
// concave there (domain.md §5).
func (m *headModel) bell(a float64) float64 {
	return (1 - math.Exp(-a*a/(2*m.sigma*m.sigma))) / m.recessionNorm
}

// hairline is the design hairline D(φ) for |φ| ≤ phiE.
func (m *headModel) hairline(phi float64) float64 {
	a := math.Abs(phi)
	h := m.p.Hairline
	if a <= m.phiT {
		var n float64
		for _, w := range m.noise {
			n += w.amp * math.Sin(w.freq*phi+w.phase)
		}
		taper := 1 - (a/m.phiT)*(a/m.phiT) // temple points stay symmetric (§5)
		return m.sMid - h.TempleRecessionMM*m.bell(a) + h.IrregularityMM*n/m.noiseSum*taper
	}
	u := (a - m.phiT) / (m.phiE - m.phiT)
	return m.sT + h.TempleDropMM*u*u
}

// band is the hairline band's depth at azimuth φ: band_mm at the midline
// narrowing to band_temple_mm at the temple angle.
func (m *headModel) band(phi float64) float64 {
	a := math.Abs(phi)
	h := m.p.Hairline
	if a >= m.phiT {
		return h.BandTempleMM
	}
	return h.BandMM + (h.BandTempleMM-h.BandMM)*m.bell(a)
}

// canthusArc returns the arc from the apex at which the lateral canthus
// line crosses azimuth a (φMin ≤ a): the line is the set of points whose
// distance from the midline, measured along the scalp's horizontal circle,
// is canthus_mm (model: a tape laid across the forehead).
func (m *headModel) canthusArc(a float64) float64 {
	return m.R * math.Asin(min(1, m.canthus/(m.R*a)))
}

// fringe is the top edge of the hair at the sides and back.
func (m *headModel) fringe(phi float64) float64 {
	a := math.Abs(phi)
	f := m.p.Fringe
	if a <= math.Pi/2 {
		return f.SideArcMM
	}
	return f.SideArcMM + (f.BackArcMM-f.SideArcMM)*smoothstep((a-math.Pi/2)/(math.Pi/2))
}

// occipital is the line across the back, occipital_mm above the outline,
// that strip and donor scars straddle.
func (m *headModel) occipital(phi float64) float64 {
	return m.outline(phi) - m.p.Fringe.OccipitalMM
}

// backCore returns, at a back azimuth φ, the mid-scalp's outer edge c1
// and the crown's outer edge c2 (equal where there is no crown), and
// whether φ is within the crown's span. The crown is a disc of radius_mm
// centred centre_mm behind the apex, drawn in the chart's polar (arc,
// azimuth) plane, in one of two ways:
//
//   - reaches_fringe (Norwood V–VII, where the top is bald down to the
//     horseshoe): the crown runs from the disc's near edge back to the
//     fringe; over the middle half of its span the front edge is the
//     disc's, and toward the span's ends it sweeps back (smoothstep) to
//     meet the fringe, so there is no corner.
//   - otherwise (a crown ringed by hair, or not bald at all): the exact
//     disc. The boundary between mid-scalp and sides-back dips smoothly
//     from the fringe to run through the disc's centre, and the disc
//     straddles it, so neither zone gets a hole.
func (m *headModel) backCore(phi float64) (c1, c2 float64, crown bool) {
	psi := math.Abs(wrapAngle(phi - math.Pi))
	f := m.fringe(phi)
	d, r := m.p.Crown.CentreMM, m.p.Crown.RadiusMM
	sp := math.Sin(min(psi, m.crownA))
	h := math.Sqrt(max(0, r*r-d*d*sp*sp))
	if m.p.Crown.ReachesFringe {
		if psi > m.crownA {
			return f, f, false
		}
		c := d*math.Cos(psi) - h
		return c + (f-c)*smoothstep((psi/m.crownA-0.5)/0.5), f, true
	}
	if psi > m.crownDip {
		return f, f, false
	}
	// The dip follows the disc's centre line d·cos ψ across the disc and
	// rises back to the fringe by crownDip.
	mid := d * math.Cos(psi)
	fd := f - (f-mid)*(1-smoothstep((psi-m.crownA)/(m.crownDip-m.crownA)))
	if psi > m.crownA {
		return fd, fd, false
	}
	return fd - h, fd + h, true
}

func (m *headModel) front(phi float64) bool { return math.Abs(phi) <= m.phiE+1e-12 }

// buildHead builds a template from a parametric head.
func buildHead(t *Template, p *fileParams, fe errorf) error {
	if err := checkHeadParams(p, fe); err != nil {
		return err
	}
	m := &headModel{p: p, R: p.Head.RadiusMM, canthus: p.Face.CanthusMM, midPupil: p.Face.MidPupilMM}
	h := p.Hairline
	m.sBrow = m.R * math.Pi / 2
	m.phiBrow = p.Outline.BrowMM / m.R
	m.sMid = m.sBrow - h.HeightMM
	m.sT = m.sMid - h.TempleRecessionMM
	if m.sT < 20 {
		return fe("hairline.temple_recession_mm", "the temple angle would sit %.0f mm from the apex, too close to tell front from top", m.sT)
	}
	thetaT := m.sT / m.R
	m.phiT = m.canthus / (m.R * math.Sin(thetaT))
	if m.phiT > maxTempleAzimuth {
		return fe("hairline.temple_recession_mm", "the temple angle on the canthus line would fall %.0f° round from the face (over %.0f°): lower the recession or the canthus offset",
			m.phiT*180/math.Pi, maxTempleAzimuth*180/math.Pi)
	}
	m.phiMin = m.canthus / m.R
	if m.phiMin >= m.phiBrow {
		return fe("face.canthus_mm", "%g mm reaches past the brow tail (outline.brow_mm %g)", m.canthus, p.Outline.BrowMM)
	}
	if m.phiMin >= m.phiT {
		return fe("face.canthus_mm", "the canthus line must rise from the brow to the temple angle")
	}
	m.sigma = m.midPupil / (m.R * math.Sin(m.sMid/m.R))
	if m.sigma >= m.phiT {
		return fe("face.mid_pupil_mm", "the mid-pupil line must lie inside the temple angles")
	}
	m.recessionNorm = 1 - math.Exp(-m.phiT*m.phiT/(2*m.sigma*m.sigma))
	m.phiE = m.phiT + h.TempleWidthMM/(m.R*math.Sin(thetaT))
	m.sE = m.sT + h.TempleDropMM
	if m.phiE+jumpRad >= math.Pi/2-0.05 {
		return fe("hairline.temple_width_mm", "the hairline would run past the ear (to %.0f°)", m.phiE*180/math.Pi)
	}
	if m.sE > m.outline(m.phiE)-5 {
		return fe("hairline.temple_drop_mm", "the temporal hair's front would reach the ear top")
	}
	rng := rand.New(rand.NewPCG(p.Seed, rngStream))
	for i := range m.noise {
		// Undulations 1.5–5 cm long along a hairline about 6 cm from the
		// apex (§5 macro-irregularity; lengths are a model).
		m.noise[i].amp = 0.5 + rng.Float64()
		m.noise[i].freq = 8 + 14*rng.Float64()
		m.noise[i].phase = 2 * math.Pi * rng.Float64()
		m.noiseSum += m.noise[i].amp
	}
	bandIn0 := m.sMid - h.BandMM
	if bandIn0-p.Forelock.DepthMM < minCoreMM {
		return fe("forelock.depth_mm", "the forelock would reach past the apex (band inner edge at %.0f mm)", bandIn0)
	}
	m.phiFL = p.Forelock.HalfWidthMM / (m.R * math.Sin(bandIn0/m.R))
	if m.phiFL > 0.8*m.phiT {
		return fe("forelock.half_width_mm", "the forelock would reach the temples")
	}
	if p.Crown.RadiusMM >= p.Crown.CentreMM {
		return fe("crown.radius_mm", "%g mm must be less than crown.centre_mm %g: the crown lies behind the apex", p.Crown.RadiusMM, p.Crown.CentreMM)
	}
	m.crownA = math.Asin(p.Crown.RadiusMM / p.Crown.CentreMM)
	if back := p.Crown.CentreMM + p.Crown.RadiusMM; back > m.fringe(math.Pi) {
		return fe("crown.radius_mm", "the crown's back edge (%.0f mm behind the apex) must not pass the back fringe (fringe.back_arc_mm %.0f)", back, m.fringe(math.Pi))
	}
	if math.Pi-m.crownA < m.phiE+jumpRad+0.05 {
		return fe("crown.radius_mm", "the crown would reach round to the temples")
	}
	// A ringed crown's dip is 80% wider than the disc (model: a gentle
	// slope), short of the temples.
	m.crownDip = min(1.8*m.crownA, math.Pi-m.phiE-jumpRad-0.1)
	if !p.Crown.ReachesFringe && m.crownDip < 1.2*m.crownA {
		return fe("crown.radius_mm", "a crown ringed by hair this wide leaves no room round it: set reaches_fringe or shrink it")
	}

	// Azimuths: an even grid plus every key azimuth, so that every corner
	// of every zone is a sample.
	keys := []float64{0, math.Pi}
	for _, a := range []float64{m.phiT, m.phiMin, m.phiE, m.phiE + jumpRad, m.phiFL, m.phiBrow} {
		keys = append(keys, a, -a)
	}
	keys = append(keys, refine(0, m.phiFL)...)
	keys = append(keys, refine(math.Pi, m.crownA)...)
	// Islands: areata patches, strip and donor scar zones.
	type island struct {
		id, name string
		kind     ZoneKind
		centre   float64
		half     float64 // half-span, rad
		hIn      func(u float64) float64
		hOut     func(u float64) float64
		boundary int // curve index the island straddles
	}
	var islands []island
	if f := p.FUT; f != nil {
		a := f.HalfSpanDeg * math.Pi / 180
		hh := f.MarginMM + f.WidthMM/2
		prof := func(u float64) float64 { return hh * math.Sqrt(max(0, 1-math.Pow(math.Abs(u), 8))) }
		islands = append(islands, island{"strip-scar", "FUT strip scar", ScarArea, math.Pi, a, prof, prof, 3})
		keys = append(keys, refine(math.Pi, a)...)
		keys = append(keys, math.Pi-futScarEnd*a, -math.Pi+futScarEnd*a)
	}
	if f := p.FUE; f != nil {
		a := f.HalfSpanDeg * math.Pi / 180
		hh := f.BandMM
		prof := func(u float64) float64 { return hh * math.Sqrt(max(0, 1-math.Pow(math.Abs(u), 6))) }
		islands = append(islands, island{"donor", "FUE donor area", ScarArea, math.Pi, a, prof, prof, 3})
		keys = append(keys, refine(math.Pi, a)...)
	}
	if (p.FUT != nil || p.FUE != nil) && math.Pi-max(futHalf(p.FUT), fueHalf(p.FUE)) < m.phiE+jumpRad+0.05 {
		field := "fut.half_span_deg"
		if p.FUE != nil {
			field = "fue.half_span_deg"
		}
		return fe(field, "the scar area would reach round to the temples (past %.0f°)", (math.Pi-m.phiE)*180/math.Pi)
	}
	for i, pp := range p.Patches {
		c := wrapAngle(pp.AzimuthDeg * math.Pi / 180)
		core := m.coreAt(c)
		half := pp.WidthMM / 2 / (m.R * math.Sin(core/m.R))
		for _, b := range []float64{m.phiE, -m.phiE, m.phiE + jumpRad, -m.phiE - jumpRad} {
			if math.Abs(wrapAngle(b-c)) <= half {
				return fe(fmt.Sprintf("patches[%d].azimuth_deg", i), "the patch would straddle the temple hand-over at ±%.0f°", m.phiE*180/math.Pi)
			}
		}
		pr := rand.New(rand.NewPCG(p.Seed^uint64(i+1)*0x9e3779b97f4a7c15, rngStream))
		in, out := irregular(pr, pp.DepthMM/2), irregular(pr, pp.DepthMM/2)
		islands = append(islands, island{pp.ID, fmt.Sprintf("Alopecia patch %d", i+1), Patch, c, half, in, out, 1})
		keys = append(keys, refine(c, half)...)
	}
	phi := samples(keys)

	// Zones: the standard nine, then nape (under a back scar area), then
	// the islands.
	type zoneDef struct {
		id, name string
		kind     ZoneKind
	}
	defs := make([]zoneDef, 0, nStdZones+2+len(islands))
	for _, z := range stdZones {
		defs = append(defs, zoneDef{z.id, z.name, z.kind})
	}
	zNape := -1
	if p.FUT != nil || p.FUE != nil {
		zNape = len(defs)
		defs = append(defs, zoneDef{"nape", "Nape", Nape})
	}
	seen := map[string]bool{}
	for _, d := range defs {
		seen[d.id] = true
	}
	for i, is := range islands {
		if is.id == "" || seen[is.id] {
			return fe(fmt.Sprintf("patches[%d].id", i), "%q is missing or already a zone id", is.id)
		}
		seen[is.id] = true
		defs = append(defs, zoneDef{is.id, is.name, is.kind})
	}

	// The layer stack (curves 0–6) and the labels of its six layers.
	pt := &polarTiling{head: Head{Projection: Azimuthal, Centre: CentreApex, RadiusMM: m.R, Aspect: p.Head.Aspect}, phi: phi}
	n := len(phi)
	pt.curves = make([][]float64, 7)
	for k := range pt.curves {
		pt.curves[k] = make([]float64, n)
	}
	for i, f := range phi {
		a := math.Abs(f)
		o := m.outline(f)
		c := pt.curves
		if m.front(f) {
			d := m.hairline(f)
			b := d - m.band(f)
			c[2][i] = b
			c[1][i] = b
			if a < m.phiFL {
				c[1][i] = b - p.Forelock.DepthMM*math.Sqrt(1-(a/m.phiFL)*(a/m.phiFL))
			}
			c[3][i] = d - h.TransitionMM
			c[4][i] = d
			switch {
			case a <= m.phiMin:
				c[5][i] = o
			case a < m.phiT:
				c[5][i] = m.canthusArc(a)
			default:
				c[5][i] = d
			}
		} else {
			c[1][i], c[2][i], _ = m.backCore(f)
			c[3][i] = m.occipital(f)
			c[4][i], c[5][i] = o, o
		}
		c[6][i] = o
	}
	for i := range phi {
		if pt.curves[1][i] < minCoreMM {
			if !m.front(phi[i]) {
				return fe("crown.radius_mm", "the crown's front edge would come within %.1f mm of the apex at %.0f°: move it back (centre_mm) or shrink it",
					pt.curves[1][i], phi[i]*180/math.Pi)
			}
			return fe("hairline.band_mm", "the mid-scalp would shrink to %.1f mm from the apex at %.0f°: narrow the band, the forelock or the recession",
				pt.curves[1][i], phi[i]*180/math.Pi)
		}
	}
	pt.clampMonotone()
	pt.labels = make([][]int, 6)
	for k := range pt.labels {
		pt.labels[k] = make([]int, n)
	}
	for j := range n {
		f := pt.colMid(j)
		a := math.Abs(f)
		temple := zTempleR
		if f < 0 {
			temple = zTempleL
		}
		L := func(k, z int) { pt.labels[k][j] = z }
		L(0, zMidscalp)
		if m.front(f) {
			L(1, zMidscalp)
			if a < m.phiFL {
				L(1, zForelock)
			}
			L(2, zFrontal)
			L(3, zTransition)
			L(4, zForehead)
			if a > m.phiT {
				L(4, temple)
			}
			L(5, temple)
			if a < m.phiMin {
				L(5, zForehead)
			}
		} else {
			L(1, zMidscalp)
			if _, _, ok := m.backCore(f); ok {
				L(1, zCrown)
			}
			for k := 2; k < 6; k++ {
				L(k, zSidesBack)
			}
		}
	}
	// Islands, outermost boundary first so indices below stay valid.
	sort.SliceStable(islands, func(a, b int) bool { return islands[a].boundary > islands[b].boundary })
	occ := append([]float64(nil), pt.curves[3]...) // the occipital line, before scars split it
	for _, is := range islands {
		zi := indexOf(defs, func(d zoneDef) bool { return d.id == is.id })
		hIn := make([]float64, n)
		hOut := make([]float64, n)
		for i, f := range phi {
			u := wrapAngle(f-is.centre) / is.half
			if math.Abs(u) < 1 {
				hIn[i], hOut[i] = is.hIn(u), is.hOut(u)
			}
		}
		k := is.boundary
		if is.boundary == 3 && zNape >= 0 {
			// Below a back scar area lies the nape, a zone of its own, so
			// the sides-back hair around it stays one simple region.
			for j := range n {
				if math.Abs(wrapAngle(pt.colMid(j)-is.centre)) < is.half {
					pt.labels[3][j] = zNape
				}
			}
		}
		pt.insertLayer(k, hIn, hOut, func(j int) int {
			if math.Abs(wrapAngle(pt.colMid(j)-is.centre)) < is.half {
				return zi
			}
			return pt.labels[k-1][j]
		})
	}
	names := make([]string, len(defs))
	for i, d := range defs {
		names[i] = d.id
	}
	polys, err := pt.zonePolygons(names)
	if err != nil {
		return fe("", "%v", err)
	}

	// Hair and targets.
	hairAt := map[string]float64{}
	colour := t.HairColour
	if hp := p.Hair; hp != nil {
		if hp.Colour != "" {
			c, _, err := resolveHair(hp.Colour)
			if err != nil {
				return fe("hair.colour", "%v", err)
			}
			colour = c
		}
		for id, d := range hp.Zones {
			field := "hair.zones." + id
			if !seen[id] {
				return fe(field, "no zone %q in this template (zones: %v)", id, names)
			}
			r := ranges["hair.zones"]
			if err := inRange(fe, field, d, r.lo, r.hi, r.why); err != nil {
				return err
			}
			hairAt[id] = d
		}
	}
	for i, d := range defs {
		z := Zone{ID: d.id, Name: d.name, Kind: d.kind, Polygon: polys[i]}
		deficit := HairDeficit(hairAt[d.id])
		switch d.kind {
		case Forehead, Temple:
			// Kept open: no impressions ever (§5).
		case Transition:
			lo, hi := TransitionFactors(h.TransitionMM)
			z.Targets = scaled(SessionBands(), lo*deficit, hi*deficit)
		case ScarArea:
			// Scar tissue grows no hair, so the scar needs the full
			// density whatever surrounds it (§6).
			z.Targets = SessionBands()
		default:
			z.Targets = scaled(SessionBands(), deficit, deficit)
		}
		t.Zones = append(t.Zones, z)
		if dens := hairAt[d.id]; dens > 0 {
			t.Hair = append(t.Hair, HairRegion{ID: d.id, Polygon: append(geom.Polygon(nil), polys[i]...), DensityPerCM2: dens, Colour: colour})
		}
	}
	t.Head = pt.head
	t.Outline = pt.outline()

	// Scars.
	if f := p.FUT; f != nil {
		a := f.HalfSpanDeg * math.Pi / 180 * futScarEnd
		t.Scars = append(t.Scars, Scar{ID: "fut-strip", Kind: ScarFUT, Polygon: m.strip(t.Head, phi, occ, math.Pi, a, f.WidthMM/2)})
	}
	if f := p.FUE; f != nil {
		sc, err := m.fueScars(t.Head, rand.New(rand.NewPCG(p.Seed, rngStream+1)), f)
		if err != nil {
			return fe("fue.count", "%v", err)
		}
		t.Scars = append(t.Scars, sc...)
	}

	// Lines.
	for i, f := range phi {
		if m.front(f) {
			t.DesignHairline = append(t.DesignHairline, t.Head.Project(m.hairline(f)/m.R, phi[i]))
		}
	}
	t.Landmarks = m.landmarks(t.Head)
	return nil
}

// futScarEnd is where the strip scar itself ends, as a share of its zone's
// half-span, so the zone runs on past both ends (§6: dots continue past the
// scar's edges).
const futScarEnd = 0.9

func futHalf(f *futParams) float64 {
	if f == nil {
		return 0
	}
	return f.HalfSpanDeg * math.Pi / 180
}

func fueHalf(f *fueParams) float64 {
	if f == nil {
		return 0
	}
	return f.HalfSpanDeg * math.Pi / 180
}

// coreAt is the mid-scalp's edge at azimuth φ, before islands.
func (m *headModel) coreAt(phi float64) float64 {
	if m.front(phi) {
		return m.hairline(phi) - m.band(phi)
	}
	c1, _, _ := m.backCore(phi)
	return c1
}

func indexOf[T any](s []T, f func(T) bool) int {
	for i, v := range s {
		if f(v) {
			return i
		}
	}
	return -1
}

// refine returns azimuths clustered toward both ends of [c-half, c+half]
// (Chebyshev spacing): island edges turn fastest near their tips.
func refine(c, half float64) []float64 {
	out := make([]float64, 0, islandSamples+1)
	for j := 0; j <= islandSamples; j++ {
		out = append(out, wrapAngle(c-half*math.Cos(math.Pi*float64(j)/islandSamples)))
	}
	return out
}

// samples merges the even grid with the key azimuths, sorted, dropping
// grid azimuths that crowd a key one (the key is exact, the grid is not).
func samples(keys []float64) []float64 {
	const crowd = 0.05 * math.Pi / 180
	ks := make([]float64, len(keys))
	for i, k := range keys {
		ks[i] = wrapAngle(k)
	}
	sort.Float64s(ks)
	var uniq []float64
	for _, k := range ks {
		if len(uniq) == 0 || k-uniq[len(uniq)-1] > 1e-9 {
			uniq = append(uniq, k)
		}
	}
	out := append([]float64(nil), uniq...)
	for i := range azimuthSamples {
		g := wrapAngle(-math.Pi + 2*math.Pi*float64(i+1)/azimuthSamples)
		j := sort.SearchFloat64s(uniq, g)
		near := false
		for _, q := range []int{j - 1, j} {
			if q >= 0 && q < len(uniq) && math.Abs(uniq[q]-g) < crowd {
				near = true
			}
		}
		// Wrap-around neighbours at ±π.
		if len(uniq) > 0 && (math.Abs(uniq[0]+2*math.Pi-g) < crowd || math.Abs(uniq[len(uniq)-1]-2*math.Pi-g) < crowd) {
			near = true
		}
		if !near {
			out = append(out, g)
		}
	}
	sort.Float64s(out)
	// -π and π are the same azimuth; keep π.
	if len(out) > 1 && out[0] <= -math.Pi+1e-12 {
		out = out[1:]
	}
	return out
}

// irregular returns a lens half-height profile over u ∈ (-1, 1): an ellipse
// of height h whose edge wanders by up to a quarter, seeded, so an alopecia
// patch looks irregular but smooth.
func irregular(r *rand.Rand, h float64) func(u float64) float64 {
	var amp, freq, ph [3]float64
	for i := range amp {
		amp[i] = 0.08 * r.Float64()
		freq[i] = float64(i+1) * math.Pi
		ph[i] = 2 * math.Pi * r.Float64()
	}
	return func(u float64) float64 {
		w := 1.0
		for i := range amp {
			w += amp[i] * math.Sin(freq[i]*u+ph[i])
		}
		return h * w * math.Sqrt(max(0, 1-u*u))
	}
}

// strip returns a thin lens along the curve line (sampled at phi) from
// centre-half to centre+half, halfWidth mm either side of it at the middle
// and tapering to points at its ends: an FUT strip scar.
func (m *headModel) strip(hd Head, phi, line []float64, centre, half, halfWidth float64) geom.Polygon {
	type pt struct{ u, s, phi float64 }
	var ps []pt
	for i, f := range phi {
		u := wrapAngle(f-centre) / half
		if math.Abs(u) <= 1+1e-9 {
			ps = append(ps, pt{u, line[i], f})
		}
	}
	sort.Slice(ps, func(a, b int) bool { return ps[a].u < ps[b].u })
	var in, out geom.Polygon
	for _, q := range ps {
		w := halfWidth * math.Sqrt(max(0, 1-math.Pow(math.Abs(q.u), 8)))
		in = append(in, hd.Project((q.s-w)/m.R, q.phi))
		if w > 0 {
			out = append(out, hd.Project((q.s+w)/m.R, q.phi))
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		in = append(in, out[i])
	}
	return in
}

// fueScars scatters round punch scars over the donor area, seeded, at
// least min_spacing_mm apart (dart throwing).
func (m *headModel) fueScars(hd Head, r *rand.Rand, f *fueParams) ([]Scar, error) {
	if f.Count < 1 || f.Count > 500 {
		return nil, fmt.Errorf("%d scars: must be 1–500 (model: enough to practise on, few enough to draw)", f.Count)
	}
	half := f.HalfSpanDeg * math.Pi / 180
	var centres []geom.Point
	var out []Scar
	for try := 0; len(out) < f.Count && try < 200*f.Count; try++ {
		// Keep clear of the donor band's tips and edges so every dot lies
		// well inside it.
		u := (2*r.Float64() - 1) * 0.8
		phi := wrapAngle(math.Pi + u*half)
		room := f.BandMM*math.Sqrt(max(0, 1-math.Pow(math.Abs(u), 6))) - f.DiameterMM - 1
		if room <= 0 {
			continue
		}
		s := m.occipital(phi) + (2*r.Float64()-1)*room
		c := hd.Project(s/m.R, phi)
		ok := true
		for _, q := range centres {
			if q.Dist(c) < f.MinSpacingMM {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		centres = append(centres, c)
		out = append(out, Scar{ID: fmt.Sprintf("fue-%03d", len(out)+1), Kind: ScarFUE, Polygon: m.disc(hd, s/m.R, phi, f.DiameterMM/2)})
	}
	if len(out) < f.Count {
		return nil, fmt.Errorf("only %d of %d scars fit %g mm apart: lower the count or the spacing", len(out), f.Count, f.MinSpacingMM)
	}
	return out, nil
}

// discVertices is how many vertices approximate a round scar: a 1 mm disc
// as a 16-gon is within 1% of its area.
const discVertices = 16

// disc returns a circle of radius r mm on the skin of the model head,
// centred at (theta, phi), projected to the chart.
func (m *headModel) disc(hd Head, theta, phi, r float64) geom.Polygon {
	st, ct := math.Sincos(theta)
	sp, cp := math.Sincos(phi)
	c := [3]float64{st * cp, st * sp, ct}   // centre, unit vector
	et := [3]float64{ct * cp, ct * sp, -st} // toward larger theta
	ep := [3]float64{-sp, cp, 0}            // toward larger phi
	d := r / m.R
	sd, cd := math.Sincos(d)
	pg := make(geom.Polygon, discVertices)
	for k := range pg {
		b := 2 * math.Pi * float64(k) / discVertices
		sb, cb := math.Sincos(b)
		var q [3]float64
		for i := range q {
			q[i] = cd*c[i] + sd*(cb*et[i]+sb*ep[i])
		}
		pg[k] = hd.Project(math.Acos(max(-1, min(1, q[2]))), math.Atan2(q[1], q[0]))
	}
	return pg
}

// landmarks projects the facial reference lines.
func (m *headModel) landmarks(hd Head) *Landmarks {
	P := func(s, phi float64) geom.Point { return hd.Project(s/m.R, phi) }
	lm := &Landmarks{
		Glabella: P(m.sBrow, 0),
		Midline:  geom.Polyline{P(m.sBrow, 0), {}, P(m.outline(math.Pi), math.Pi)},
	}
	// Fine enough that a chord strays under 0.1 mm from the true curve.
	const steps = 200
	for i := 0; i <= steps; i++ {
		f := -m.phiBrow + 2*m.phiBrow*float64(i)/steps
		lm.BrowLine = append(lm.BrowLine, P(m.sBrow, f))
	}
	// A vertical at horizontal arc c from the midline, from the brow up to
	// top mm of arc from the apex.
	vertical := func(c, top float64, sign float64) geom.Polyline {
		var pl geom.Polyline
		for i := 0; i <= steps; i++ {
			s := m.sBrow + (top-m.sBrow)*float64(i)/steps
			pl = append(pl, P(s, sign*c/(m.R*math.Sin(s/m.R))))
		}
		return pl
	}
	// The canthus lines run up past the temple angle, stopping short of
	// where they would wrap round to the side; the mid-pupil lines run up
	// past the design hairline's bell.
	ctop := max(m.sT-10, m.R*math.Asin(min(1, m.canthus/(m.R*(m.phiE+m.phiT)/2))))
	lm.CanthusLeft, lm.CanthusRight = vertical(m.canthus, ctop, -1), vertical(m.canthus, ctop, 1)
	ptop := m.sMid - 15
	lm.MidPupilLeft, lm.MidPupilRight = vertical(m.midPupil, ptop, -1), vertical(m.midPupil, ptop, 1)
	return lm
}

// checkHeadParams checks that every object a head needs is there and every
// number is in its plausible range.
func checkHeadParams(p *fileParams, fe errorf) error {
	if p.Outline == nil || p.Face == nil || p.Hairline == nil || p.Forelock == nil || p.Crown == nil || p.Fringe == nil {
		var miss []string
		for name, nilp := range map[string]bool{"outline": p.Outline == nil, "face": p.Face == nil, "hairline": p.Hairline == nil,
			"forelock": p.Forelock == nil, "crown": p.Crown == nil, "fringe": p.Fringe == nil} {
			if nilp {
				miss = append(miss, name)
			}
		}
		sort.Strings(miss)
		return fe(miss[0], "missing: a head template needs head, outline, face, hairline, forelock, crown and fringe")
	}
	checks := []struct {
		f string
		v float64
	}{
		{"head.radius_mm", p.Head.RadiusMM}, {"head.aspect", p.Head.Aspect},
		{"outline.brow_mm", p.Outline.BrowMM}, {"outline.ear_arc_mm", p.Outline.EarArcMM}, {"outline.nape_arc_mm", p.Outline.NapeArcMM},
		{"face.canthus_mm", p.Face.CanthusMM}, {"face.mid_pupil_mm", p.Face.MidPupilMM},
		{"hairline.height_mm", p.Hairline.HeightMM}, {"hairline.temple_recession_mm", p.Hairline.TempleRecessionMM},
		{"hairline.temple_width_mm", p.Hairline.TempleWidthMM}, {"hairline.temple_drop_mm", p.Hairline.TempleDropMM},
		{"hairline.transition_mm", p.Hairline.TransitionMM}, {"hairline.band_mm", p.Hairline.BandMM},
		{"hairline.band_temple_mm", p.Hairline.BandTempleMM}, {"hairline.irregularity_mm", p.Hairline.IrregularityMM},
		{"forelock.half_width_mm", p.Forelock.HalfWidthMM}, {"forelock.depth_mm", p.Forelock.DepthMM},
		{"crown.centre_mm", p.Crown.CentreMM}, {"crown.radius_mm", p.Crown.RadiusMM},
		{"fringe.side_arc_mm", p.Fringe.SideArcMM}, {"fringe.back_arc_mm", p.Fringe.BackArcMM}, {"fringe.occipital_mm", p.Fringe.OccipitalMM},
	}
	for _, c := range checks {
		if err := checkRange(fe, c.f, c.v); err != nil {
			return err
		}
	}
	if p.Hairline.TransitionMM >= p.Hairline.BandTempleMM {
		return fe("hairline.transition_mm", "the transition zone must be shallower than the band at the temples")
	}
	if len(p.Patches) > maxPatches {
		return fe("patches", "%d patches: at most %d (model: enough to practise on)", len(p.Patches), maxPatches)
	}
	for i, pp := range p.Patches {
		for _, c := range []struct {
			f string
			v float64
		}{{"width_mm", pp.WidthMM}, {"depth_mm", pp.DepthMM}, {"azimuth_deg", pp.AzimuthDeg}} {
			r := ranges["patches."+c.f]
			if err := inRange(fe, fmt.Sprintf("patches[%d].%s", i, c.f), c.v, r.lo, r.hi, r.why); err != nil {
				return err
			}
		}
	}
	if f := p.FUT; f != nil {
		for _, c := range []struct {
			f string
			v float64
		}{{"fut.half_span_deg", f.HalfSpanDeg}, {"fut.width_mm", f.WidthMM}, {"fut.margin_mm", f.MarginMM}} {
			if err := checkRange(fe, c.f, c.v); err != nil {
				return err
			}
		}
	}
	if f := p.FUE; f != nil {
		for _, c := range []struct {
			f string
			v float64
		}{{"fue.half_span_deg", f.HalfSpanDeg}, {"fue.band_mm", f.BandMM}, {"fue.diameter_mm", f.DiameterMM}, {"fue.min_spacing_mm", f.MinSpacingMM}} {
			if err := checkRange(fe, c.f, c.v); err != nil {
				return err
			}
		}
	}
	if p.FUT != nil && p.FUE != nil {
		return fe("fue", "a template has one back scar area: fut or fue, not both")
	}
	return nil
}
