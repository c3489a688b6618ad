package pattern

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// Model assumptions of the expert's density field. None is published; each
// is chosen inside the ranges domain.md gives and documented here so an
// instructor can argue with it. Distances are skin mm, measured on the
// template's model head as the scorer measures them (domain.md §9).
const (
	// rampLeadFraction is the density at the very front of the hairline as
	// a share of the full density behind it: domain.md §5 gives 20–30%.
	rampLeadFraction = 0.25
	// rampDepthMM is how far behind the leading edge density reaches full:
	// domain.md §5 gives 5–10 mm. The short end keeps the ramp inside a
	// transition zone 0.5–1 cm deep (§5), so the defined zone behind it is
	// at full density from its first millimetre.
	rampDepthMM = 5.0
	// microAmplitude is the relative swing of density along the edge
	// (micro-irregularity, domain.md §5: denser and sparser spots
	// alternate). It fades out as the ramp reaches full density.
	microAmplitude = 0.35
	// microCellMM is the size of those spots along the edge.
	microCellMM = 4.0
	// macroAmplitudeMM is how far the front undulates behind the template's
	// edge (macro-irregularity, domain.md §5): 0 to this many mm, never in
	// front of it, so no dot lands on the forehead.
	macroAmplitudeMM = 2.5
	// macroCellMM is the scale of that undulation along the edge, and
	// macroSharpness steepens it into distinct advances and recessions
	// rather than a gentle wobble.
	macroCellMM    = 6.0
	macroSharpness = 2.5
	// blendMM is the width of the band inside a treated zone over which the
	// density eases toward that of the existing hair next to it
	// (domain.md §6, blending).
	blendMM = 5.0
	// zoneCellMM is the cell of the raster that speeds up zone lookup and
	// candidate drawing.
	zoneCellMM = 2.0
)

// model holds the precomputed geometry of one template for density
// queries. All densities are per mm² (a band's per-cm² value / 100).
type model struct {
	t      *scalp.Template
	bounds geom.Rect
	// cells is the zone raster: a zone index when the whole cell lies in
	// that zone, noZone when it lies in none, mixed when a boundary crosses.
	cells  []int16
	nx, ny int
	// cellEdge lists, per cell, the bare-skin edge segments within the
	// ramp's reach; cellHair the hair-border segments within blendMM. They
	// are only filled for cells that may be treated, so a distance query
	// looks at a handful of segments instead of whole polygons.
	cellEdge [][]int32
	cellHair [][]int32
	// carry marks the cells of untreated zones whose centre lies in the
	// band past an areata patch's edge (scalp.CarryPastMM), where the work
	// continues into the stubble.
	carry    []bool
	edgeSegs []seg
	hairSegs []seg
	// edges are the bare-skin zones a hairline faces: forehead and temples.
	edges    []geom.Polygon
	hairBox  []geom.Rect
	zoneBox  []geom.Rect
	hasTrans bool // the template has transition zones to ramp in
	// rampFullAt[s-1] is rampFull(s), measured once.
	rampFullAt [3]float64
	// head measures the ramp's and the blend's distances on the skin
	// (the chart keeps areas, not distances: domain.md §9); a flat chart
	// for a hand-built template without a usable head. minScale is the
	// least skin length of a chart mm over the template: a segment within
	// r skin mm of a point lies within r/minScale chart mm of it.
	head     scalp.Head
	minScale float64
	micro    valueNoise
	macro    valueNoise
}

const (
	noZone = -1
	mixed  = -2
)

// seg is one edge of a polygon; owner is the hair region it bounds.
type seg struct {
	a, b  geom.Point
	owner int16
}

// segsOf returns the edges of pg.
func segsOf(pg geom.Polygon, owner int) []seg {
	out := make([]seg, len(pg))
	for i := range pg {
		out[i] = seg{pg[i], pg[(i+1)%len(pg)], int16(owner)}
	}
	return out
}

// hairlineKind reports the zone kinds a hairline leads into.
func hairlineKind(k scalp.ZoneKind) bool {
	switch k {
	case scalp.Transition, scalp.Frontal, scalp.Forelock, scalp.MidScalp, scalp.Crown:
		return true
	}
	return false
}

// full returns the open-skin density of session s (domain.md §3's band
// middle, as the templates use it), per mm².
func full(s int) float64 { return scalp.SessionBands()[s-1].Mid() / 100 }

// rampFull returns the density the hairline's ramp rises to in session s,
// per mm²: the template's hairline target (scalp.Template.HairlineFull),
// the one the hairline criterion judges the ramp against.
func (m *model) rampFull(s int) float64 { return m.rampFullAt[min(max(s, 1), 3)-1] }

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
		}
		if z.Kind == scalp.Transition {
			m.hasTrans = true
		}
	}
	for _, pg := range m.edges {
		m.edgeSegs = append(m.edgeSegs, segsOf(pg, -1)...)
	}
	for i, h := range t.Hair {
		// Grown a hair so the half-open Rect holds the polygon's far edge.
		m.hairBox = append(m.hairBox, h.Polygon.Bounds().Inset(-1e-9))
		m.hairSegs = append(m.hairSegs, segsOf(h.Polygon, i)...)
	}
	for _, z := range t.Zones {
		// Grown a hair so the half-open Rect holds the polygon's far edge.
		m.zoneBox = append(m.zoneBox, z.Polygon.Bounds().Inset(-1e-9))
	}
	m.head = t.Head
	if !(m.head.RadiusMM > 0) || !(m.head.Aspect > 0) {
		m.head = scalp.Head{Projection: scalp.Flat}
	}
	for s := range m.rampFullAt {
		m.rampFullAt[s] = t.HairlineFull(s+1) / 100
	}
	m.buildRaster()
	return m
}

// reach is how far behind an edge the ramp and its undulation extend,
// skin mm.
const reach = rampDepthMM + macroAmplitudeMM

func (m *model) buildRaster() {
	b := m.bounds
	m.nx = int(math.Ceil(b.Dx()/zoneCellMM)) + 1
	m.ny = int(math.Ceil(b.Dy()/zoneCellMM)) + 1
	m.cells = make([]int16, m.nx*m.ny)
	m.cellEdge = make([][]int32, m.nx*m.ny)
	m.cellHair = make([][]int32, m.nx*m.ny)
	m.carry = make([]bool, m.nx*m.ny)
	half := zoneCellMM * math.Sqrt2 / 2
	m.minScale = 1
	var open []int
	for cy := range m.ny {
		for cx := range m.nx {
			k := cy*m.nx + cx
			c := m.cellCentre(k)
			v := int16(mixed)
			if zi := m.exactZone(c); zi >= 0 {
				if m.t.Zones[zi].Polygon.BoundaryDist(c) > half {
					v = int16(zi)
				}
			} else if !m.t.Outline.Contains(c) && m.t.Outline.BoundaryDist(c) > half {
				v = noZone
			}
			m.cells[k] = v
			if v >= 0 && !m.t.Zones[v].Treated() {
				_, _, m.carry[k] = m.t.InCarryPast(c)
			}
			if v == noZone || (v >= 0 && !m.t.Zones[v].Treated()) {
				continue // never evaluated for the ramp or the blend
			}
			open = append(open, k)
			if lo, _ := m.head.LocalScale(c); lo > 0 {
				m.minScale = math.Min(m.minScale, lo)
			}
		}
	}
	// Within a cell the scale changes by well under skinMargin's slack.
	chart := 1 / (skinMargin * m.minScale)
	for _, k := range open {
		c := m.cellCentre(k)
		// A segment within r of any point of the cell is within
		// r + half of its centre.
		m.cellEdge[k] = near(m.edgeSegs, c, reach*chart+half)
		m.cellHair[k] = near(m.hairSegs, c, blendMM*chart+half)
	}
}

// skinDist returns the distance on the skin from p to the segment sg,
// with the chart-to-skin map at p (scalp.Head.Jacobian): exact on a flat
// chart, and within a fraction of a percent over the few mm of the ramp
// and the blend, where the map barely changes.
func (m *model) skinDist(j scalp.Jacobian, p geom.Point, sg *seg) float64 {
	return geom.SegmentDist(geom.Point{}, j.Apply(sg.a.Sub(p)), j.Apply(sg.b.Sub(p)))
}

// near returns the indices of the segments within r of c.
func near(segs []seg, c geom.Point, r float64) []int32 {
	var out []int32
	for i, sg := range segs {
		if math.Min(sg.a.X, sg.b.X)-r > c.X || math.Max(sg.a.X, sg.b.X)+r < c.X ||
			math.Min(sg.a.Y, sg.b.Y)-r > c.Y || math.Max(sg.a.Y, sg.b.Y)+r < c.Y {
			continue
		}
		if geom.SegmentDist(c, sg.a, sg.b) < r {
			out = append(out, int32(i))
		}
	}
	return out
}

func (m *model) cellCentre(k int) geom.Point {
	cx, cy := k%m.nx, k/m.nx
	return geom.Point{X: m.bounds.Min.X + (float64(cx)+0.5)*zoneCellMM, Y: m.bounds.Min.Y + (float64(cy)+0.5)*zoneCellMM}
}

func (m *model) exactZone(p geom.Point) int {
	for i := range m.t.Zones {
		if m.zoneBox[i].Contains(p) && m.t.Zones[i].Polygon.Contains(p) {
			return i
		}
	}
	return noZone
}

// cell returns the raster cell of p, or -1 outside the raster.
func (m *model) cell(p geom.Point) int {
	cx := int(math.Floor((p.X - m.bounds.Min.X) / zoneCellMM))
	cy := int(math.Floor((p.Y - m.bounds.Min.Y) / zoneCellMM))
	if cx < 0 || cy < 0 || cx >= m.nx || cy >= m.ny {
		return -1
	}
	return cy*m.nx + cx
}

// zone returns the index of the zone holding p, or noZone.
func (m *model) zone(p geom.Point) int {
	k := m.cell(p)
	if k < 0 {
		return noZone
	}
	if v := m.cells[k]; v != mixed {
		return int(v)
	}
	return m.exactZone(p)
}

// edgeDist returns the distance on the skin, in mm, from p to the nearest
// bare-skin zone the hairline faces, or +Inf when none is within the
// ramp's reach.
func (m *model) edgeDist(p geom.Point) float64 {
	k := m.cell(p)
	if k < 0 {
		return math.Inf(1)
	}
	d := math.Inf(1)
	if len(m.cellEdge[k]) == 0 {
		return d
	}
	j := m.head.Jacobian(p)
	for _, i := range m.cellEdge[k] {
		d = math.Min(d, m.skinDist(j, p, &m.edgeSegs[i]))
	}
	return d
}

// ramp returns the share of full density at distance d behind the
// template's leading edge at p: zero in front of the undulating front
// (macro-irregularity), rampLeadFraction at it, rising linearly to 1
// rampDepthMM behind it, modulated by alternating denser and sparser spots
// (micro-irregularity) that fade out as it reaches full.
func (m *model) ramp(p geom.Point, d float64) float64 {
	n := math.Max(-1, math.Min(1, macroSharpness*m.macro.at(p)))
	d -= macroAmplitudeMM * (1 + n) / 2
	if d < 0 {
		return 0
	}
	if d >= rampDepthMM {
		return 1
	}
	t := d / rampDepthMM
	r := rampLeadFraction + (1-rampLeadFraction)*t
	return r * (1 + microAmplitude*m.micro.at(p)*(1-t))
}

// hairNear returns the density (per mm²) of existing hair next to p and the
// distance to it on the skin (mm), when p lies outside that hair but within blendMM of it;
// ok is false otherwise.
func (m *model) hairNear(p geom.Point) (lam, d float64, ok bool) {
	k := m.cell(p)
	if k < 0 || len(m.cellHair[k]) == 0 {
		return 0, 0, false
	}
	for h := range m.t.Hair {
		if m.hairBox[h].Contains(p) && m.t.Hair[h].Polygon.Contains(p) {
			return 0, 0, false // in hair: dots go between the hairs at the zone's band
		}
	}
	d = math.Inf(1)
	j := m.head.Jacobian(p)
	for _, i := range m.cellHair[k] {
		sg := &m.hairSegs[i]
		if dd := m.skinDist(j, p, sg); dd < blendMM && dd < d {
			d, lam, ok = dd, m.t.Hair[sg.owner].DensityPerCM2/100, true
		}
	}
	return lam, d, ok
}

// expert returns the expert's target density at p for session s (1–3), in
// impressions per mm²: the zone's band middle; in a transition zone the
// soft irregular ramp up to the open-skin density; eased toward existing
// hair at a border. Zones that take no dots this session (forehead,
// temples, hair that already reads full) get none; scars lie in zones of
// their own with their own band, so dots cover them and carry past their
// edges at the same density.
func (m *model) expert(p geom.Point, s int) float64 {
	zi := m.zone(p)
	if zi < 0 {
		return 0
	}
	z := &m.t.Zones[zi]
	band := z.Target(s)
	lam := band.Mid() / 100
	if lam <= 0 {
		return m.carried(p, s)
	}
	switch {
	case z.Kind == scalp.Transition:
		if d := m.edgeDist(p); d < reach {
			return m.rampFull(s) * m.ramp(p, d)
		}
		return m.rampFull(s)
	case !m.hasTrans && hairlineKind(z.Kind):
		// No transition zone drawn: ramp inside the zone itself.
		if d := m.edgeDist(p); d < reach {
			lam *= m.ramp(p, d)
		}
	}
	if h, d, ok := m.hairNear(p); ok {
		// Ease toward the blend target: the hair's density as far as the
		// session's band allows, as the blending criterion asks.
		target := band.BlendTarget(100*h) / 100
		lam = target + (lam-target)*smooth(d/blendMM)
	}
	return lam
}

// frontY returns the Y of the leading edge of the treated hairline zones at
// x (the most anterior treated point), scanning in steps of stepMM, or NaN
// where no treated hairline zone lies at that x.
func (m *model) frontY(x float64, stepMM float64) float64 {
	for y := m.bounds.Min.Y; y <= m.bounds.Max.Y; y += stepMM {
		zi := m.zone(geom.Point{X: x, Y: y})
		if zi >= 0 && m.t.Zones[zi].Treated() && hairlineKind(m.t.Zones[zi].Kind) {
			return y
		}
	}
	return math.NaN()
}

// carried returns the expert's density at p in the band past an areata
// patch's edge (scalp.CarryPastMM, domain.md §6: the work continues past
// the edge so no outline shows): the patch's blend target for the stubble
// there at its edge, as inside it, thinning smoothly to nothing at the
// band's far side. Zero elsewhere.
func (m *model) carried(p geom.Point, s int) float64 {
	if k := m.cell(p); k < 0 || !m.carry[k] && m.cells[k] != mixed {
		return 0
	}
	zi, d, ok := m.t.InCarryPast(p)
	if !ok {
		return 0
	}
	edge := m.t.Zones[zi].Target(s).Mid()
	for h := range m.t.Hair {
		if m.hairBox[h].Contains(p) && m.t.Hair[h].Polygon.Contains(p) {
			edge = m.t.Zones[zi].Target(s).BlendTarget(m.t.Hair[h].DensityPerCM2)
			break
		}
	}
	return edge / 100 * (1 - smooth(d/scalp.CarryPastMM))
}
