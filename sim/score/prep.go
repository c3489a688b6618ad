package score

import (
	"math"
	"sync"

	"github.com/smptrainer/smp/sim/density"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// Model assumptions of the local density map and the gap search.
const (
	// cellSub is the sub-sampling (per side) used to measure how much of a
	// density-map cell lies inside its zone.
	cellSub = 4
	// gapFactor sets the gap threshold: a gap is an empty circle whose
	// radius exceeds gapFactor × the spacing 1/√λ of the band's lower
	// density. A maximal Poisson-disk pattern at that density has no empty
	// circle wider than about 0.8 × spacing, so any gap flagged is a missed
	// area, not the texture of good work.
	gapFactor = 1.25
	// gapCellsPerRadius is the gap raster resolution: cells of side
	// radius/gapCellsPerRadius (about 1 mm at a finished density), fine
	// enough to place a marker within a dot spacing.
	gapCellsPerRadius = 1.5
)

// prep holds everything about a template and session that does not depend
// on the impressions: built once per Grader and session, and shared by its
// grades, live grades and profiles.
type prep struct {
	t       *scalp.Template
	session int
	zones   []pzone
	bounds  geom.Rect
	hair    *hairPrep   // nil: no hairline on this template
	border  *borderPrep // nil: no existing hair and no scars
	colour  *colourPrep // nil: no skin and hair target
	zix     *zoneIndex  // the template's (nil: locate asks the polygons)
	// surf measures distances on the model head's skin (skin.go); nil on
	// a flat chart.
	surf *spatial.Surface

	// cellGrids index each zone's density-map cell centres on the skin,
	// and fineGrids its fine windows' centres (pzone.fine), for Live:
	// built together on first use.
	windowOnce sync.Once
	cellGrids  []*spatial.Grid
	fineGrids  []*spatial.Grid

	// states holds the states of finished one-off grades, whose arrays
	// the next grade reuses (reuse.go).
	states sync.Pool

	// profArea holds HairlineProfile's band areas per band width, mm²:
	// measured on first use.
	profMu   sync.Mutex
	profArea map[float64][]float64
}

// cellGrid returns the index of zone zi's density-map cell centres.
func (p *prep) cellGrid(zi int) *spatial.Grid {
	p.windowOnce.Do(p.indexWindows)
	return p.cellGrids[zi]
}

// fineGrid returns the index of zone zi's fine windows' centres.
func (p *prep) fineGrid(zi int) *spatial.Grid {
	p.windowOnce.Do(p.indexWindows)
	return p.fineGrids[zi]
}

// indexWindows builds cellGrids and fineGrids.
func (p *prep) indexWindows() {
	p.cellGrids = make([]*spatial.Grid, len(p.zones))
	p.fineGrids = make([]*spatial.Grid, len(p.zones))
	for z := range p.zones {
		pz := &p.zones[z]
		p.cellGrids[z] = windowGrid(pz.cells, pz.h, pz.surf)
		p.fineGrids[z] = windowGrid(pz.fine, pz.fineH, pz.surf)
	}
}

// windowGrid indexes the centres of windows of radius h on surf.
func windowGrid(cells []dcell, h float64, surf *spatial.Surface) *spatial.Grid {
	pts := make([]geom.Point, len(cells))
	for c, cell := range cells {
		pts[c] = cell.q
	}
	return spatial.NewGridOn(pts, geom.Rect{}, h, surf)
}

// pzone is one zone, prepared.
type pzone struct {
	z       *scalp.Zone
	bp      *bandedPoly
	area    float64 // mm²
	band    scalp.DensityBand
	treated bool // band.Max > 0 this session
	// surf measures on the skin within the zone (a tighter bound on the
	// local scale than the whole chart's); nil on a flat chart.
	surf *spatial.Surface
	ref  *csrRef

	// Local density map (sim/density's estimate at each cell): h is the
	// window's radius in skin mm; cells hold their area inside the zone,
	// the window's centre and the window's area inside the zone.
	h     float64
	cells []dcell
	// fine holds windows of radius fineH for the dispersion test where
	// the map's windows hold few dots (density.go); nil elsewhere.
	fineH float64
	fine  []dcell

	// Gap raster over the zone's bounding box.
	rho      float64 // gap radius threshold, mm
	gcell    float64
	gorigin  geom.Point
	gnx, gny int
	// gxs[i] and gys[j] are the chart x of raster column i's centres and
	// the chart y of row j's (gcentre), worked out once: the coverage
	// test reads them for every cell a dot may cover.
	gxs, gys []float64
	ginside  []bool
	gn       int // inside cells
}

type dcell struct {
	q    geom.Point // window centre: the centroid of the cell's inside part
	w    float64    // cell area inside the zone, mm²
	disc float64    // window area inside the zone, mm² (density.WindowArea)
	// depth is the window's mean depth behind the hairline, skin mm
	// (density.WindowMean), in a transition zone with a hairline to
	// measure from (rampDepths); NaN elsewhere.
	depth float64
	// tol is the band the window is judged against where its zone is
	// judged against its band (density.Tolerated of the band), and over
	// the local density above which it is overworked (pzone.overworkAt):
	// both depend on the template and session alone.
	tol  scalp.DensityBand
	over float64
}

func buildPrep(g *Grader, session int) *prep {
	t := g.t
	p := &prep{t: t, session: session, surf: g.surf}
	for i := range t.Zones {
		z := &t.Zones[i]
		zb := &g.zones[i]
		pz := pzone{z: z, bp: zb.bp, area: zb.area, band: z.Target(session), surf: zb.surf, ref: zb.ref}
		pz.treated = pz.band.Max > 0 && pz.area > 0 && len(z.Polygon) >= 3
		if pz.treated {
			pz.buildDensityMap(t.Head)
			pz.buildGapRaster()
		}
		p.zones = append(p.zones, pz)
		if i == 0 {
			p.bounds = z.Polygon.Bounds()
		}
		p.bounds = p.bounds.Union(z.Polygon.Bounds())
	}
	p.zix = g.zoneIndex(p.locateSlow)
	p.hair = buildHairPrep(p)
	p.rampDepths()
	p.border = buildBorderPrep(p)
	p.colour = buildColourPrep(t, session)
	return p
}

// locate returns the index of the first zone holding q (as Template.ZoneAt),
// or -1: from the template's zone index where it knows, else from the
// polygons.
func (p *prep) locate(q geom.Point) int {
	if z, ok := p.zix.lookup(q); ok {
		return z
	}
	return p.locateSlow(q)
}

// locateSlow is locate asking every zone's polygon in turn.
func (p *prep) locateSlow(q geom.Point) int {
	for i := range p.zones {
		if p.zones[i].bp.contains(q) {
			return i
		}
	}
	return -1
}

// lambdaMid is the band's centre in dots per mm².
func (z *pzone) lambdaMid() float64 { return z.band.Mid() / 100 }

// buildDensityMap lays the zone's density-map cells (windows of radius
// h) and, where those hold so few dots that a window alone cannot tell a
// patch from chance, the finer windows of the dispersion test
// (fineWindows).
func (z *pzone) buildDensityMap(h scalp.Head) {
	z.h = density.Radius(z.band)
	z.cells = z.windows(h, z.h)
	for ci := range z.cells {
		c := &z.cells[ci]
		c.tol = density.Tolerated(z.band, c.disc)
		c.over = z.overworkAt(c.disc)
	}
	if z.needsFine() {
		z.fineH = z.h * density.FineWindowScale
		z.fine = z.windows(h, z.fineH)
	}
}

// windows lays windows of skin radius r over the zone: squares of side
// r, each measured at the centroid of its part inside the zone with the
// local density estimate (sim/density), whose window area it holds.
func (z *pzone) windows(h scalp.Head, r float64) []dcell {
	var cells []dcell
	b := z.bp.bounds
	side := r
	for y := b.Min.Y; y < b.Max.Y; y += side {
		for x := b.Min.X; x < b.Max.X; x += side {
			var sx, sy float64
			in := 0
			for j := range cellSub {
				for i := range cellSub {
					q := geom.Pt(x+(float64(i)+0.5)*side/cellSub, y+(float64(j)+0.5)*side/cellSub)
					if z.bp.contains(q) {
						in++
						sx += q.X
						sy += q.Y
					}
				}
			}
			if in == 0 {
				continue
			}
			c := dcell{q: geom.Pt(sx/float64(in), sy/float64(in)), w: side * side * float64(in) / (cellSub * cellSub), depth: math.NaN()}
			c.disc = density.WindowArea(h, zoneRegion{z}, c.q, r)
			if c.disc > 0 {
				cells = append(cells, c)
			}
		}
	}
	return cells
}

// zoneRegion is a prepared zone as sim/density's window sees it.
type zoneRegion struct{ z *pzone }

func (r zoneRegion) Contains(p geom.Point) bool        { return r.z.bp.contains(p) }
func (r zoneRegion) BoundaryDist(p geom.Point) float64 { return r.z.z.Polygon.BoundaryDist(p) }

func (z *pzone) buildGapRaster() {
	lo := z.band.Min
	if !(lo > 0) {
		lo = z.band.Mid()
	}
	z.rho = gapFactor / math.Sqrt(lo/100)
	z.gcell = z.rho / gapCellsPerRadius
	b := z.bp.bounds
	z.gorigin = b.Min
	z.gnx = int(b.Dx()/z.gcell) + 1
	z.gny = int(b.Dy()/z.gcell) + 1
	z.gxs, z.gys = make([]float64, z.gnx), make([]float64, z.gny)
	for i := range z.gxs {
		z.gxs[i] = z.gorigin.X + (float64(i)+0.5)*z.gcell
	}
	for j := range z.gys {
		z.gys[j] = z.gorigin.Y + (float64(j)+0.5)*z.gcell
	}
	z.ginside = make([]bool, z.gnx*z.gny)
	for j := range z.gny {
		for i := range z.gnx {
			q := z.gcentre(i, j)
			if z.bp.contains(q) {
				z.ginside[j*z.gnx+i] = true
				z.gn++
			}
		}
	}
}

// gcentre returns the centre of gap raster cell (i, j).
func (z *pzone) gcentre(i, j int) geom.Point { return geom.Pt(z.gxs[i], z.gys[j]) }
