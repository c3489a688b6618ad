package pattern

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// Model assumptions of the expert's density field. None is published; each
// is chosen inside the ranges domain.md gives and documented here so an
// instructor can argue with it.
const (
	// rampLeadFraction is the density at the very front of the hairline as
	// a share of the full density behind it: domain.md §5 gives 20–30%.
	rampLeadFraction = 0.25
	// rampDepthMM is how far behind the leading edge density reaches full:
	// domain.md §5 gives 5–10 mm.
	rampDepthMM = 7.5
	// microAmplitude is the relative swing of density along the edge
	// (micro-irregularity, domain.md §5: denser and sparser spots
	// alternate). It fades out as the ramp reaches full density.
	microAmplitude = 0.35
	// microCellMM is the size of those spots along the edge.
	microCellMM = 4.0
	// macroAmplitudeMM is how far the front undulates behind the template's
	// edge (macro-irregularity, domain.md §5): 0 to this many mm.
	macroAmplitudeMM = 2.0
	// macroCellMM is the wavelength scale of that undulation.
	macroCellMM = 7.0
	// blendMM is the width of the band inside a treated zone over which the
	// density eases toward that of the existing hair next to it
	// (domain.md §6, blending).
	blendMM = 5.0
	// scarCarryMM is how far past a scar's edge dots carry at full density,
	// and scarTaperMM how much further they fade out, so no edge or
	// "barcode" shows (domain.md §6).
	scarCarryMM = 3.0
	scarTaperMM = 2.0
	// zoneCellMM is the cell of the raster that speeds up zone lookup.
	zoneCellMM = 2.0
)

// sessionMidPerCM2 is the middle of domain.md §3's per-session density
// table (10–25, 45–50, 70–100 per cm²). It only scales work inside a scar
// that lies in hair, where the template has no band of its own to follow.
var sessionMidPerCM2 = [3]float64{17.5, 47.5, 85}

// model holds the precomputed geometry of one template for density
// queries. All densities are per mm² (a band's per-cm² value / 100).
type model struct {
	t      *scalp.Template
	bounds geom.Rect
	// cells is the zone raster: a zone index when the whole cell lies in
	// that zone, noZone when it lies in none, mixed when a boundary crosses.
	cells  []int16
	nx, ny int
	// edges are the bare-skin zones a hairline faces: forehead and temples.
	edges    []geom.Polygon
	edgeBox  geom.Rect
	hasFront bool
	// full[s-1] is the full hairline-band density for session s: the densest
	// target among the zones a hairline leads into.
	full  [3]float64
	micro valueNoise
	macro valueNoise
}

const (
	noZone = -1
	mixed  = -2
)

// hairlineKinds are the zone kinds the hairline ramp applies to.
func hairlineKind(k scalp.ZoneKind) bool {
	switch k {
	case scalp.Transition, scalp.Frontal, scalp.Forelock, scalp.MidScalp, scalp.Crown:
		return true
	}
	return false
}

// newModel precomputes t's geometry. templesAsEdge says whether the
// temples count as bare skin the hairline ramps toward (always, except for
// the filled-temples fault).
func newModel(t *scalp.Template, seed uint64, templesAsEdge bool) *model {
	m := &model{
		t:      t,
		bounds: t.Bounds(),
		micro:  valueNoise{seed: splitmix64(seed ^ 0x6d6963726f), cellMM: microCellMM},
		macro:  valueNoise{seed: splitmix64(seed ^ 0x6d6163726f), cellMM: macroCellMM},
	}
	for _, z := range t.Zones {
		if z.Kind == scalp.Forehead || (templesAsEdge && z.Kind == scalp.Temple) {
			m.edges = append(m.edges, z.Polygon)
			b := z.Polygon.Bounds()
			if !m.hasFront {
				m.edgeBox = b
			} else {
				m.edgeBox = m.edgeBox.Union(b)
			}
			m.hasFront = true
		}
	}
	for _, z := range t.Zones {
		if hairlineKind(z.Kind) {
			for s := range 3 {
				m.full[s] = math.Max(m.full[s], z.Targets[s].Mid()/100)
			}
		}
	}
	m.buildRaster()
	return m
}

func (m *model) buildRaster() {
	b := m.bounds
	m.nx = int(math.Ceil(b.Dx()/zoneCellMM)) + 1
	m.ny = int(math.Ceil(b.Dy()/zoneCellMM)) + 1
	m.cells = make([]int16, m.nx*m.ny)
	half := zoneCellMM * math.Sqrt2 / 2
	for cy := range m.ny {
		for cx := range m.nx {
			c := geom.Point{X: b.Min.X + (float64(cx)+0.5)*zoneCellMM, Y: b.Min.Y + (float64(cy)+0.5)*zoneCellMM}
			v := int16(mixed)
			if zi := m.exactZone(c); zi >= 0 {
				if m.t.Zones[zi].Polygon.BoundaryDist(c) > half {
					v = int16(zi)
				}
			} else if !m.t.Outline.Contains(c) && m.t.Outline.BoundaryDist(c) > half {
				v = noZone
			}
			m.cells[cy*m.nx+cx] = v
		}
	}
}

func (m *model) exactZone(p geom.Point) int {
	for i := range m.t.Zones {
		if m.t.Zones[i].Polygon.Contains(p) {
			return i
		}
	}
	return noZone
}

// zone returns the index of the zone holding p, or noZone.
func (m *model) zone(p geom.Point) int {
	cx := int(math.Floor((p.X - m.bounds.Min.X) / zoneCellMM))
	cy := int(math.Floor((p.Y - m.bounds.Min.Y) / zoneCellMM))
	if cx < 0 || cy < 0 || cx >= m.nx || cy >= m.ny {
		return noZone
	}
	if v := m.cells[cy*m.nx+cx]; v != mixed {
		return int(v)
	}
	return m.exactZone(p)
}

// edgeDist returns the distance from p to the nearest bare-skin zone the
// hairline faces, or +Inf when none is within the ramp's reach.
func (m *model) edgeDist(p geom.Point) float64 {
	if !m.hasFront {
		return math.Inf(1)
	}
	reach := rampDepthMM + macroAmplitudeMM
	if !m.edgeBox.Inset(-reach).Contains(p) {
		return math.Inf(1)
	}
	d := math.Inf(1)
	for _, pg := range m.edges {
		bb := pg.Bounds().Inset(-reach)
		if !bb.Contains(p) {
			continue
		}
		d = math.Min(d, pg.BoundaryDist(p))
	}
	return d
}

// ramp returns the share of full density at distance d behind the
// template's leading edge at p, with the front set back by the undulation
// (macro-irregularity) and modulated by the alternating spots
// (micro-irregularity). It is 0 in front of the undulating front and
// exactly 1 from rampDepthMM behind it.
func (m *model) ramp(p geom.Point, d float64) float64 {
	front := macroAmplitudeMM * (1 + m.macro.at(p)) / 2
	d -= front
	if d < 0 {
		return 0
	}
	if d >= rampDepthMM {
		return 1
	}
	t := smooth(d / rampDepthMM)
	r := rampLeadFraction + (1-rampLeadFraction)*t
	return r * (1 + microAmplitude*m.micro.at(p)*(1-t))
}

// hairAt returns the density (per mm²) of existing hair at p and the
// distance from p to that hair's edge, when p lies within blendMM of a hair
// region but outside it; ok is false otherwise.
func (m *model) hairNear(p geom.Point) (lam, d float64, ok bool) {
	d = math.Inf(1)
	for _, h := range m.t.Hair {
		if !h.Polygon.Bounds().Inset(-blendMM).Contains(p) || h.Polygon.Contains(p) {
			continue
		}
		if dd := h.Polygon.BoundaryDist(p); dd < blendMM && dd < d {
			d, lam, ok = dd, h.DensityPerCM2/100, true
		}
	}
	return lam, d, ok
}

// hairAt returns the density (per mm²) of existing hair covering p, or 0.
func (m *model) hairAt(p geom.Point) float64 {
	for _, h := range m.t.Hair {
		if h.Polygon.Contains(p) {
			return h.DensityPerCM2 / 100
		}
	}
	return 0
}

// scarDensity returns the density the expert carries into and around scars
// at p for session s (per mm²): the density around the scar, full inside it
// and out to scarCarryMM past its edge, fading to zero scarTaperMM further.
func (m *model) scarDensity(p geom.Point, s int, around float64) float64 {
	best := 0.0
	for _, sc := range m.t.Scars {
		reach := scarCarryMM + scarTaperMM
		if !sc.Polygon.Bounds().Inset(-reach).Contains(p) {
			continue
		}
		d := 0.0
		if !sc.Polygon.Contains(p) {
			d = sc.Polygon.BoundaryDist(p)
		}
		if d >= reach {
			continue
		}
		f := 1 - smooth((d-scarCarryMM)/scarTaperMM)
		lam := around
		if lam == 0 {
			// A scar in hair (a strip scar at the back): match the hair,
			// built up over the sessions like any other work.
			lam = m.hairAt(sc.Polygon.Centroid()) * sessionMidPerCM2[s-1] / sessionMidPerCM2[2]
		}
		best = math.Max(best, lam*f)
	}
	return best
}

// expert returns the expert's target density at p for session s (1–3), in
// impressions per mm²: the zone's band middle, with the soft irregular ramp
// at a hairline, eased toward existing hair at a border, and carried into
// and past scars. Bare-skin zones (forehead, temples) get none.
func (m *model) expert(p geom.Point, s int) float64 {
	zi := m.zone(p)
	if zi < 0 {
		return 0
	}
	z := &m.t.Zones[zi]
	band := z.Target(s)
	lam := band.Mid() / 100
	if lam > 0 && hairlineKind(z.Kind) {
		if d := m.edgeDist(p); d < rampDepthMM+macroAmplitudeMM {
			lam = math.Max(lam, m.full[s-1]) * m.ramp(p, d)
		}
	}
	if lam > 0 {
		if h, d, ok := m.hairNear(p); ok {
			// Ease toward the hair's density, kept inside the session's
			// band so session 1 stays light (domain.md §1).
			target := math.Max(band.Min/100, math.Min(band.Max/100, h))
			lam = target + (lam-target)*smooth(d/blendMM)
		}
	}
	if len(m.t.Scars) > 0 {
		lam = math.Max(lam, m.scarDensity(p, s, band.Mid()/100))
	}
	return lam
}

// frontY returns, for each x, the Y of the leading edge of the treated
// hairline zones (the most anterior treated point) scanning in steps of
// stepMM, and NaN where no treated hairline zone lies at that x.
func (m *model) frontY(x float64, stepMM float64) float64 {
	for y := m.bounds.Min.Y; y <= m.bounds.Max.Y; y += stepMM {
		zi := m.zone(geom.Point{X: x, Y: y})
		if zi >= 0 && m.t.Zones[zi].Treated() && hairlineKind(m.t.Zones[zi].Kind) {
			return y
		}
	}
	return math.NaN()
}
