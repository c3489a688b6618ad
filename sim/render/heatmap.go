package render

import (
	"image/color"
	"math"

	"github.com/smptrainer/smp/sim/density"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

// Heatmap is a grid of local densities and the targets they are judged
// against, for Chart's diverging overlay: too sparse shows blue, on target
// clear, too dense red.
type Heatmap struct {
	// Origin is the chart point, in mm, of the top-left corner of cell
	// (0, 0); cell (c, r) is centred at Origin + ((c+½)·CellMM, (r+½)·CellMM).
	Origin geom.Point
	// CellMM is the cells' side in mm.
	CellMM     float64
	Cols, Rows int
	// Density[r*Cols+c] is the measured density around the cell's centre
	// in impressions per cm²; NaN marks a cell with no data (off the chart).
	Density []float64
	// Target[r*Cols+c] is the band the cell's density is judged against:
	// its zone's level (density.Reference: the zone's own mean where that
	// lies in its band for the session, else the band) widened by the
	// local tolerance (density.Tolerated), as the score's density
	// criterion judges it, so the map colours exactly what the score
	// counts off target; narrowed, where the zone's windows are judged
	// together (density.SpreadJudged), to the densities its spread does
	// not find beyond ±20% of its level or ramp (density.FoundBand), so
	// the map shows the thin and crowded spots the score's dispersion
	// test counts off although a sparse window's own tolerance holds
	// them. A band with Max 0 marks a no-go area, where any impression is
	// too dense.
	Target []scalp.DensityBand
	// Zone, when set, is the index in the template's Zones of the zone
	// each cell measured (-1 for none). Chart then draws each zone's part
	// of the map from its own cells only, clipped to the zone's polygon,
	// so a red temple stops exactly at the temple's edge. Without it the
	// map is interpolated across zones and clipped to the outline.
	Zone []int
}

// Heatmap model assumptions.
const (
	// heatFullScale is the density ratio that shows at full colour: half
	// the band's lower edge is full blue, twice its upper edge full red.
	// Model assumption: about half the natural density already reads as
	// full (domain.md §3), so a factor of two is the scale of a visible
	// fault.
	heatFullScale = 2.0
	// noGoFullPerCM2 is the density that shows full red in a no-go area:
	// the top of the session-1 band (domain.md §3), i.e. real work done
	// where none belongs.
	noGoFullPerCM2 = 25.0
	// heatMaxAlpha is the overlay's opacity at full colour: the dots stay
	// visible underneath.
	heatMaxAlpha = 0.6
	// minZoneFraction is the least share of a cell's window that must
	// lie in the cell's zone for the map to colour the cell: the score
	// weighs such slivers by their small area, but on the map a single
	// dot in one would show as a full-colour spot (presentation).
	minZoneFraction = 0.3
)

// Diverging colours: the two ends of ColorBrewer's RdBu scheme.
var (
	heatSparse = color.RGBA{0x21, 0x66, 0xac, 0xff}
	heatDense  = color.RGBA{0xb2, 0x18, 0x2b, 0xff}
)

// HeatColour is how the heatmap colours deviation dev (Deviation): the
// sparse or the dense end of the scale, and its opacity (0–1), more opaque
// the further from target, never above heatMaxAlpha so the dots show
// through; zero opacity on target or for NaN. The report's pictures and
// the trainer's overlay both colour by it.
func HeatColour(dev float64) (c color.RGBA, alpha float64) {
	if math.IsNaN(dev) || dev == 0 {
		return color.RGBA{}, 0
	}
	c = heatDense
	if dev < 0 {
		c = heatSparse
	}
	return c, heatMaxAlpha * math.Min(1, math.Abs(dev))
}

// Deviation returns where density d sits against band b on the heatmap's
// scale: −1 (full blue, too sparse) through 0 (on target) to +1 (full red,
// too dense).
func Deviation(d float64, b scalp.DensityBand) float64 {
	if math.IsNaN(d) {
		return math.NaN()
	}
	switch {
	case b.Max <= 0:
		return math.Min(1, math.Max(0, d)/noGoFullPerCM2)
	case d > b.Max:
		return math.Min(1, math.Log(d/b.Max)/math.Log(heatFullScale))
	case b.Min > 0 && d < b.Min:
		if d <= 0 {
			return -1
		}
		return -math.Min(1, math.Log(b.Min/d)/math.Log(heatFullScale))
	}
	return 0
}

// DensityHeatmap measures the local density of ims over the template on a
// grid of cellMM cells with the estimate the score grades (sim/density):
// a cell takes the zone under its centre and counts that zone's
// impressions within the zone's window (a skin disc sized to the session's
// target) over the part of the window inside the zone, so cells at a zone's
// edge or at the outline are not biased sparse and a busy zone does not
// bleed into an empty neighbour. The cell's target is what the score
// judges it against: its zone's level (density.Reference) widened by the
// local tolerance (density.Tolerated). Cells whose centre lies in no
// zone, or whose window lies mostly outside their zone (minZoneFraction),
// get NaN. It returns nil for
// a non-positive or non-finite cell size, or a template without an outline
// or zones.
//
// It is NewHeatmapGrid(t, session, cellMM).Measure(ims); to measure many
// sets of impressions on one template and session, build the grid once
// and call Measure for each.
func DensityHeatmap(t *scalp.Template, ims []impression.Impression, session int, cellMM float64) *Heatmap {
	return NewHeatmapGrid(t, session, cellMM).Measure(ims)
}

// HeatmapGrid is the part of a density heatmap that depends only on the
// template, the session and the cell size: each cell's window (its zone,
// radius and area inside the zone) and target. Working it out is most of
// DensityHeatmap's cost, so a caller that draws many maps on one template
// (a class report) builds it once. It is read-only once built: Measure may
// be called from several goroutines.
type HeatmapGrid struct {
	t          *scalp.Template
	est        *density.Estimator
	origin     geom.Point // the template's bounds' corner: cell (0, 0) and bucket (1, 1)
	cellMM     float64
	bucketMM   float64 // impression buckets: the widest window's chart reach
	cols, rows int
	bucketsX   int // impression buckets, with a margin of one
	bucketsY   int
	zone       []int               // the zone under each cell's centre, -1 for none
	win        []density.Window    // each cell's window; Zone −1 where the cell gets no value
	depth      []float64           // each window's mean depth behind the hairline in a treated transition zone (density.WindowMean), else NaN
	ramp       []bool              // per zone: its windows have depths, for density.SpreadJudged
	zband      []scalp.DensityBand // per zone, its band for the session
	fineR      []float64           // per zone, the dispersion test's finer windows' radius where it looks through them (density.NeedsFine), else 0
	fineArea   []float64           // each cell's finer window's area inside its zone, where its zone has them
	band       []scalp.DensityBand // the zone's band for the session, where the cell gets a value
	kind       []scalp.ZoneKind    // per zone
	zoneArea   []float64           // per zone, mm² (the chart keeps areas)
}

// NewHeatmapGrid works out the cells of DensityHeatmap(t, ·, session,
// cellMM). It returns nil where DensityHeatmap would: for a non-positive
// or non-finite cell size, a template without an outline or zones, or a
// grid too large to hold.
func NewHeatmapGrid(t *scalp.Template, session int, cellMM float64) *HeatmapGrid {
	if t == nil || len(t.Outline) < 3 || len(t.Zones) == 0 || !(cellMM > 0) || math.IsInf(cellMM, 0) {
		return nil
	}
	b := t.Bounds()
	g := &HeatmapGrid{t: t, est: density.New(t, session), origin: b.Min, cellMM: cellMM,
		cols: int(math.Ceil(b.Dx() / cellMM)), rows: int(math.Ceil(b.Dy() / cellMM))}
	if g.cols <= 0 || g.rows <= 0 || g.cols*g.rows > 1_000_000 {
		return nil
	}
	n := g.cols * g.rows
	g.zone, g.win, g.band = make([]int, n), make([]density.Window, n), make([]scalp.DensityBand, n)
	g.depth, g.ramp, g.fineArea = make([]float64, n), make([]bool, len(t.Zones)), make([]float64, n)
	var sg *score.Grader // for a treated transition zone's depths
	for zi, z := range t.Zones {
		g.kind = append(g.kind, z.Kind)
		g.zoneArea = append(g.zoneArea, z.Polygon.Area())
		g.zband = append(g.zband, z.Target(session))
		fr := 0.0
		if r := g.est.Radius(zi); z.Target(session).Max > 0 && density.NeedsFine(z.Target(session), z.Kind, r) {
			fr = r * density.FineWindowScale
		}
		g.fineR = append(g.fineR, fr)
		if z.Kind == scalp.Transition && z.Target(session).Max > 0 && sg == nil {
			sg = score.NewGrader(t)
		}
		g.ramp[zi] = z.Kind == scalp.Transition && sg != nil
	}
	for r := range g.rows {
		for c := range g.cols {
			k := r*g.cols + c
			w := g.est.Window(g.centre(c, r))
			g.zone[k] = w.Zone
			if w.Zone > math.MaxInt16 || w.Share() < minZoneFraction {
				w.Zone = -1
			}
			g.win[k] = w
			g.depth[k] = math.NaN()
			if w.Zone >= 0 {
				g.band[k] = t.Zones[w.Zone].Target(session)
				g.bucketMM = math.Max(g.bucketMM, density.Reach(t.Head, w.Centre, w.RadiusMM))
				if fr := g.fineR[w.Zone]; fr > 0 {
					g.fineArea[k] = density.WindowArea(t.Head, t.Zones[w.Zone].Polygon, w.Centre, fr)
				}
				if g.ramp[w.Zone] {
					g.depth[k] = density.WindowMean(t.Head, t.Zones[w.Zone].Polygon, w.Centre, w.RadiusMM,
						func(p geom.Point) float64 { return sg.DepthBehindLine(session, p) })
				}
			}
		}
	}
	// A transition zone is judged about its ramp where its windows have
	// depths (none beyond the hairline's ends, or without one).
	for zi := range g.ramp {
		g.ramp[zi] = false
	}
	for k, w := range g.win {
		if w.Zone >= 0 && !math.IsNaN(g.depth[k]) {
			g.ramp[w.Zone] = true
		}
	}
	if g.bucketMM == 0 {
		g.bucketMM = cellMM
	}
	// Bucket the impressions by the widest reach so a query looks at 3×3
	// buckets.
	g.bucketsX = int(math.Ceil(b.Dx()/g.bucketMM)) + 3
	g.bucketsY = int(math.Ceil(b.Dy()/g.bucketMM)) + 3
	if g.bucketsX*g.bucketsY > 4_000_000 {
		return nil
	}
	return g
}

// centre is the chart point at the centre of cell (c, r).
func (g *HeatmapGrid) centre(c, r int) geom.Point {
	return geom.Point{X: g.origin.X + (float64(c)+0.5)*g.cellMM, Y: g.origin.Y + (float64(r)+0.5)*g.cellMM}
}

// bucket is the impression bucket holding p.
func (g *HeatmapGrid) bucket(p geom.Point) (int, int) {
	return int(math.Floor((p.X-g.origin.X)/g.bucketMM)) + 1, int(math.Floor((p.Y-g.origin.Y)/g.bucketMM)) + 1
}

// Measure fills the grid's densities for ims: the map DensityHeatmap gives
// for them. The result is the caller's own (its slices are fresh). A nil
// grid measures nil.
func (g *HeatmapGrid) Measure(ims []impression.Impression) *Heatmap {
	if g == nil {
		return nil
	}
	ps := make([]geom.Point, len(ims))
	for i := range ims {
		ps[i] = ims[i].Pos
	}
	return g.MeasureAt(ps)
}

// MeasureAt is Measure for the impressions at positions ps: what a
// caller needs to snapshot to measure on another goroutine (the trainer's
// density map). A grid is read-only once built, so any number of
// goroutines may measure with it at once.
func (g *HeatmapGrid) MeasureAt(ps []geom.Point) *Heatmap {
	if g == nil {
		return nil
	}
	n := g.cols * g.rows
	h := &Heatmap{Origin: g.origin, CellMM: g.cellMM, Cols: g.cols, Rows: g.rows,
		Density: make([]float64, n), Target: make([]scalp.DensityBand, n), Zone: append([]int(nil), g.zone...)}
	bc, br := g.bucketsX, g.bucketsY
	head := make([]int32, bc*br)
	for i := range head {
		head[i] = -1
	}
	next := make([]int32, len(ps))
	zone := make([]int16, len(ps))      // each impression's zone
	skin := make([]geom.Vec3, len(ps))  // and where it lies on the skin
	perZone := make([]int, len(g.kind)) // impressions per zone, for its level
	for i, p := range ps {
		if !p.IsFinite() {
			continue
		}
		cx, cy := g.bucket(p)
		if cx < 0 || cy < 0 || cx >= bc || cy >= br {
			continue // too far off the chart to fall in any window
		}
		zone[i] = int16(g.est.ZoneAt(p))
		if zone[i] >= 0 {
			perZone[zone[i]]++
		}
		skin[i] = g.est.Skin(p)
		next[i] = head[cy*bc+cx]
		head[cy*bc+cx] = int32(i)
	}
	counts, fine := make([]int, n), make([]int, n)
	for k, w := range g.win {
		if w.Zone < 0 {
			h.Density[k] = math.NaN()
			continue
		}
		cnt := 0
		fr2 := g.fineR[w.Zone] * g.fineR[w.Zone]
		bx, by := g.bucket(w.Centre)
		for yy := by - 1; yy <= by+1; yy++ {
			for xx := bx - 1; xx <= bx+1; xx++ {
				if xx < 0 || yy < 0 || xx >= bc || yy >= br {
					continue
				}
				for j := head[yy*bc+xx]; j >= 0; j = next[j] {
					if int(zone[j]) == w.Zone && w.Holds(skin[j]) {
						cnt++
						if w.Skin.Dist2(skin[j]) <= fr2 {
							fine[k]++
						}
					}
				}
			}
		}
		counts[k] = cnt
		h.Density[k] = density.PerCM2(cnt, w.AreaMM2)
		mean := density.PerCM2(perZone[w.Zone], g.zoneArea[w.Zone])
		h.Target[k] = density.Tolerated(density.Reference(g.band[k], g.kind[w.Zone], mean), w.AreaMM2)
	}
	judged := make([]bool, len(g.kind))
	for zi := range g.kind {
		judged[zi] = density.SpreadJudged(g.zband[zi], g.kind[zi], density.PerCM2(perZone[zi], g.zoneArea[zi]), g.ramp[zi])
	}
	ratio := g.nnRatios(ps, zone, skin, head, next, perZone, judged)
	for zi := range g.kind {
		if judged[zi] {
			g.found(h, zi, counts, fine, density.PerCM2(perZone[zi], g.zoneArea[zi]), ratio[zi])
		}
	}
	return h
}

// nnRatios returns, per zone judged for spread, the mean ratio of its
// dots' nearest to second-nearest neighbour distances on the skin
// (density.NNRatio), which sets the counting noise the dispersion test
// allows (density.PatternFano); a dot whose second neighbour might lie
// beyond its 3×3 impression buckets is left out.
func (g *HeatmapGrid) nnRatios(ps []geom.Point, zone []int16, skin []geom.Vec3, head, next []int32, perZone []int, judged []bool) []float64 {
	out := make([]float64, len(g.kind))
	acc := make([]density.NNRatio, len(g.kind))
	seen := make([]int, len(g.kind))
	bc, br := g.bucketsX, g.bucketsY
	for i, p := range ps {
		z := int(zone[i])
		if z < 0 || !judged[z] || !p.IsFinite() {
			continue
		}
		seen[z]++
		if (seen[z]-1)%density.NNRatioStep(perZone[z]) != 0 {
			continue
		}
		d1, d2 := math.Inf(1), math.Inf(1)
		bx, by := g.bucket(p)
		for yy := by - 1; yy <= by+1; yy++ {
			for xx := bx - 1; xx <= bx+1; xx++ {
				if xx < 0 || yy < 0 || xx >= bc || yy >= br {
					continue
				}
				for j := head[yy*bc+xx]; j >= 0; j = next[j] {
					if int(j) == i || int(zone[j]) != z {
						continue
					}
					d := math.Sqrt(skin[i].Dist2(skin[j]))
					if d < d1 {
						d1, d2 = d, d1
					} else if d < d2 {
						d2 = d
					}
				}
			}
		}
		reach := density.Reach(g.t.Head, p, d2)
		acc[z].Add(d1, d2, reach <= g.bucketMM && g.t.Zones[z].Polygon.BoundaryDist(p) >= reach)
	}
	for z := range acc {
		out[z] = acc[z].Mean()
	}
	return out
}

// found narrows the targets of zone zi's cells to what the zone's spread
// finds within ±20% of its level (mean per cm²) or, on a transition
// zone, its own ramp (density.Ramp), as the score's density criterion
// judges the zone's windows together (density.Dispersion,
// density.FoundBand). The map's windows are its cells', a cellMM lattice
// of the score's windows (the same estimate at other centres), each
// standing for its cell's area; where the score also looks through finer
// windows (density.NeedsFine), so does the map, and the zone's spread is
// the larger the two find (the share the score keeps is the lower).
func (g *HeatmapGrid) found(h *Heatmap, zi int, counts, fine []int, mean, ratio float64) {
	w2 := g.cellMM * g.cellMM
	expect := func(k int) float64 { return mean / 100 * g.win[k].AreaMM2 }
	if g.ramp[zi] {
		var r density.Ramp
		for k, w := range g.win {
			if w.Zone == zi {
				r.Add(counts[k], w.AreaMM2, g.depth[k], w2)
			}
		}
		expect = func(k int) float64 { return r.Expected(g.win[k].AreaMM2, g.depth[k]) }
	}
	disp := density.Dispersion{NNRatio: ratio}
	for k, w := range g.win {
		if w.Zone == zi {
			disp.Add(counts[k], expect(k), w2, w.RadiusMM)
		}
	}
	spread := disp.Spread()
	if fr := g.fineR[zi]; fr > 0 {
		fd := density.Dispersion{NNRatio: ratio}
		for k, w := range g.win {
			if w.Zone == zi {
				fd.Add(fine[k], mean/100*g.fineArea[k], w2, fr)
			}
		}
		spread = math.Max(spread, fd.Spread())
	}
	if !(spread > 0) {
		return
	}
	for k, w := range g.win {
		if w.Zone != zi {
			continue
		}
		mu := expect(k)
		fb := density.FoundBand(mu/w.AreaMM2*100, mu, spread, ratio)
		t := h.Target[k]
		if n := (scalp.DensityBand{Min: math.Max(t.Min, fb.Min), Max: math.Min(t.Max, fb.Max)}); n.Min <= n.Max {
			h.Target[k] = n
		}
	}
}

// drawHeatmap overlays h on dst. The deviation is interpolated bilinearly
// between cell centres so the map reads as a smooth field rather than a
// grid of tiles. With per-cell zones (as DensityHeatmap gives) each zone is
// drawn from its own cells, clipped to its polygon; otherwise the whole map
// is drawn clipped to the outline.
func drawHeatmap(p *painter, t *scalp.Template, h *Heatmap) {
	if h == nil || h.Cols <= 0 || h.Rows <= 0 || !(h.CellMM > 0) || math.IsInf(h.CellMM, 0) ||
		len(h.Density) != h.Cols*h.Rows || len(h.Target) != h.Cols*h.Rows {
		return
	}
	dev := make([]float64, len(h.Density))
	for i, d := range h.Density {
		dev[i] = Deviation(d, h.Target[i])
	}
	byZone := len(h.Zone) == len(dev)
	if !byZone {
		p.s.polygon(t.Outline, p.v)
		p.fillFunc(&p.s, heatShader(p.v, h, dev, nil, 0))
		return
	}
	for zi, z := range t.Zones {
		used := false
		for k, zc := range h.Zone {
			if zc == zi && !math.IsNaN(dev[k]) && dev[k] != 0 {
				used = true
				break
			}
		}
		if !used {
			continue // nothing off target in this zone: leave it clear
		}
		p.s.polygon(z.Polygon, p.v)
		p.fillFunc(&p.s, heatShader(p.v, h, dev, h.Zone, zi))
	}
}

// heatShader returns the per-pixel colour of the heatmap: the bilinear
// blend of the deviations at the four nearest cell centres (only those of
// zone zi when zones is set), mapped onto the diverging colours.
func heatShader(v View, h *Heatmap, dev []float64, zones []int, zi int) func(x, y int, m uint8) (color.RGBA, uint32) {
	at := func(c, r int) (float64, bool) {
		if c < 0 || r < 0 || c >= h.Cols || r >= h.Rows {
			return 0, false
		}
		k := r*h.Cols + c
		if zones != nil && zones[k] != zi {
			return 0, false
		}
		d := dev[k]
		return d, !math.IsNaN(d)
	}
	return func(x, y int, m uint8) (color.RGBA, uint32) {
		q := v.ToMM(float64(x)+0.5, float64(y)+0.5)
		u := (q.X-h.Origin.X)/h.CellMM - 0.5
		w := (q.Y-h.Origin.Y)/h.CellMM - 0.5
		if !(math.Abs(u) < 1<<30) || !(math.Abs(w) < 1<<30) {
			return color.RGBA{}, 0
		}
		c0, r0 := int(math.Floor(u)), int(math.Floor(w))
		fu, fw := u-float64(c0), w-float64(r0)
		var sum, wsum float64
		for k := range 4 {
			dc, dr := k&1, k>>1
			d, ok := at(c0+dc, r0+dr)
			if !ok {
				continue
			}
			wt := (1 - math.Abs(float64(dc)-fu)) * (1 - math.Abs(float64(dr)-fw))
			sum += wt * d
			wsum += wt
		}
		if wsum <= 1e-9 {
			// Near a zone's edge the four nearest centres may all belong
			// to other zones: use the nearest cell of this zone within
			// two cells instead, so the zone is covered to its edge.
			best, bd := math.NaN(), math.Inf(1)
			for dr := -1; dr <= 2; dr++ {
				for dc := -1; dc <= 2; dc++ {
					if d, ok := at(c0+dc, r0+dr); ok {
						ex, ey := float64(dc)-fu, float64(dr)-fw
						if dd := ex*ex + ey*ey; dd < bd {
							best, bd = d, dd
						}
					}
				}
			}
			if math.IsNaN(best) {
				return color.RGBA{}, 0
			}
			sum, wsum = best, 1
		}
		c, a := HeatColour(sum / wsum)
		return c, uint32(float64(m) * 257 * a)
	}
}
