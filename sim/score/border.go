package score

import (
	"fmt"
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// Model assumptions of the border measures (blending, scars).
const (
	borderCell   = 1.0  // raster cell of the border bands, mm
	blendBand    = 6.0  // width of the SMP band along existing hair, mm (about 5 dot spacings at full density)
	sectorLen    = 15.0 // border length per sector, mm: where a blend breaks is shown per sector
	scarRing     = 5.0  // carry-over ring around a scar, mm (§6: dots continue past the edges)
	fueMaxArea   = 4.0  // scars smaller than this (mm²) are judged as FUE dots: covered or not
	minBandCells = 20   // a band smaller than this (mm²) is not measured

	// Blending: SMP density along the border over the target there, the
	// hair's density clamped into the session's band. Full marks within
	// 0.8–1.25, zero below 0.5 or above 1.6 (model).
	blendZeroLo, blendLo, blendHi, blendZeroHi = 0.5, 0.8, 1.25, 1.6
	// The blend target is the hair's density clamped to [Min, Mid] of the
	// session band: matching the hair, as far as the session allows.
	// Scars: density inside a strip scar over the zone's target (scar
	// tissue takes pigment unpredictably, §6, so the band is wide), and in
	// the carry-over ring.
	scarZeroLo, scarLo, scarHi, scarZeroHi = 0.3, 0.7, 1.4, 2.0
	ringZeroLo, ringLo, ringHi, ringZeroHi = 0.4, 0.75, 1.3, 1.8
	fueCoveredZero, fueCoveredFull         = 0.5, 0.95
)

// band is a set of raster cells along a polygon's boundary, on one side of
// it, grouped into sectors along the boundary.
type band struct {
	origin  geom.Point
	nx, ny  int
	sector  []int32 // per cell: sector index, -1 outside the band
	area    []float64
	centre  []geom.Point // per sector: mean position of its cells
	target  []float64    // per sector: expected density, /cm²
	total   float64      // band area, mm²
	targetW float64      // area-weighted mean target
}

// newBand rasterises the cells within width of pg's boundary for which keep
// is true, segment by segment (cost proportional to the perimeter), and
// labels each with the sector of its nearest boundary point. target gives
// the expected density at a cell.
func newBand(pg geom.Polygon, width float64, keep func(geom.Point) bool, target func(geom.Point) float64) *band {
	b := pg.Bounds().Inset(-width - borderCell)
	bd := &band{origin: b.Min, nx: int(b.Dx()/borderCell) + 1, ny: int(b.Dy()/borderCell) + 1}
	n := bd.nx * bd.ny
	if n > 4_000_000 || len(pg) < 3 {
		return nil
	}
	best := make([]float32, n)
	for i := range best {
		best[i] = float32(math.Inf(1))
	}
	bd.sector = make([]int32, n)
	perim := pg.Perimeter()
	nsec := max(int(math.Ceil(perim/sectorLen)), 1)
	acc := 0.0
	for i := range pg {
		a, c := pg[i], pg[(i+1)%len(pg)]
		l := a.Dist(c)
		sb := geom.Rect{Min: geom.Pt(math.Min(a.X, c.X), math.Min(a.Y, c.Y)), Max: geom.Pt(math.Max(a.X, c.X), math.Max(a.Y, c.Y))}.Inset(-width)
		i0, j0 := bd.cellOf(sb.Min)
		i1, j1 := bd.cellOf(sb.Max)
		for j := j0; j <= j1; j++ {
			for ii := i0; ii <= i1; ii++ {
				q := bd.centreOf(ii, j)
				d := geom.SegmentDist(q, a, c)
				k := j*bd.nx + ii
				if d <= width && float32(d) < best[k] {
					best[k] = float32(d)
					// Arc length of the foot, for the sector.
					t := 0.0
					if l > 0 {
						t = math.Max(0, math.Min(1, ((q.X-a.X)*(c.X-a.X)+(q.Y-a.Y)*(c.Y-a.Y))/(l*l)))
					}
					bd.sector[k] = int32(min(int((acc+t*l)/perim*float64(nsec)), nsec-1))
				}
			}
		}
		acc += l
	}
	bd.area = make([]float64, nsec)
	bd.target = make([]float64, nsec)
	sx := make([]float64, nsec)
	sy := make([]float64, nsec)
	for j := range bd.ny {
		for i := range bd.nx {
			k := j*bd.nx + i
			if math.IsInf(float64(best[k]), 1) {
				bd.sector[k] = -1
				continue
			}
			q := bd.centreOf(i, j)
			if !keep(q) {
				bd.sector[k] = -1
				continue
			}
			s := bd.sector[k]
			a := borderCell * borderCell
			bd.area[s] += a
			bd.target[s] += a * target(q)
			sx[s] += q.X
			sy[s] += q.Y
			bd.total += a
		}
	}
	bd.centre = make([]geom.Point, nsec)
	for s := range nsec {
		if bd.area[s] > 0 {
			c := bd.area[s] / (borderCell * borderCell)
			bd.centre[s] = geom.Pt(sx[s]/c, sy[s]/c)
			bd.targetW += bd.target[s]
			bd.target[s] /= bd.area[s]
		}
	}
	if bd.total > 0 {
		bd.targetW /= bd.total
	}
	if bd.total < minBandCells {
		return nil
	}
	return bd
}

func (bd *band) cellOf(p geom.Point) (int, int) {
	i := int(math.Floor((p.X - bd.origin.X) / borderCell))
	j := int(math.Floor((p.Y - bd.origin.Y) / borderCell))
	return min(max(i, 0), bd.nx-1), min(max(j, 0), bd.ny-1)
}

func (bd *band) centreOf(i, j int) geom.Point {
	return geom.Pt(bd.origin.X+(float64(i)+0.5)*borderCell, bd.origin.Y+(float64(j)+0.5)*borderCell)
}

// sectorOf returns the band sector holding p, or -1.
func (bd *band) sectorOf(p geom.Point) int {
	i := math.Floor((p.X - bd.origin.X) / borderCell)
	j := math.Floor((p.Y - bd.origin.Y) / borderCell)
	if !(i >= 0 && j >= 0 && i < float64(bd.nx) && j < float64(bd.ny)) {
		return -1
	}
	return int(bd.sector[int(j)*bd.nx+int(i)])
}

// ratio returns the band's density over its target given its per-sector
// counts, and markers at the sectors furthest from it (severity |log
// ratio|).
func (bd *band) ratio(c []float64) (float64, []marker) {
	var n float64
	var ms []marker
	for s := range c {
		n += c[s]
		if bd.area[s] > 0 && bd.target[s] > 0 {
			r := c[s] / (bd.area[s] / 100) / bd.target[s]
			ms = append(ms, marker{bd.centre[s], math.Abs(math.Log((r + 0.05) / 1.05))})
		}
	}
	d := n / (bd.total / 100)
	if bd.targetW <= 0 {
		return 0, ms
	}
	return d / bd.targetW, ms
}

// initBorder sizes the border counts.
func (s *state) initBorder() {
	bp := s.p.border
	if bp == nil {
		return
	}
	s.hairCnt = make([][]float64, len(bp.hair))
	for i, b := range bp.hair {
		if b != nil {
			s.hairCnt[i] = make([]float64, len(b.area))
		}
	}
	s.ringCnt = make([][]float64, len(bp.scars))
	s.scarIn = make([]int, len(bp.scars))
	for i, sc := range bp.scars {
		if sc.ring != nil {
			s.ringCnt[i] = make([]float64, len(sc.ring.area))
		}
	}
}

// borderAdd counts dot i (sign +1) or uncounts it (-1) in the border bands
// and scars.
func (s *state) borderAdd(i int32, sign float64) {
	bp := s.p.border
	if bp == nil {
		return
	}
	p := s.pts[i]
	for k, b := range bp.hair {
		if b != nil {
			if sec := b.sectorOf(p); sec >= 0 {
				s.hairCnt[k][sec] += sign
			}
		}
	}
	for k, sc := range bp.scars {
		if !sc.fue && sc.bp.contains(p) {
			s.scarIn[k] += int(sign)
		}
		if sc.ring != nil {
			if sec := sc.ring.sectorOf(p); sec >= 0 {
				s.ringCnt[k][sec] += sign
			}
		}
	}
}

// borderPrep holds the blending and scar bands of a template.
type borderPrep struct {
	hair     []*band // per hair region; nil entries are not measured
	hairD    []float64
	scars    []scarPrep
	hasScars bool
}

type scarPrep struct {
	kind   scalp.ScarKind
	bp     *bandedPoly
	area   float64
	centre geom.Point
	radius float64 // of a circle of the same area
	target float64 // zone target mid, /cm²
	ring   *band
	fue    bool
}

func buildBorderPrep(p *prep) *borderPrep {
	t := p.t
	if len(t.Hair) == 0 && len(t.Scars) == 0 {
		return nil
	}
	bp := &borderPrep{}
	hairPolys := make([]*bandedPoly, len(t.Hair))
	for i, h := range t.Hair {
		hairPolys[i] = newBandedPoly(h.Polygon)
	}
	treatedAt := func(q geom.Point) *pzone {
		if z := p.locate(q); z >= 0 && p.zones[z].treated {
			return &p.zones[z]
		}
		return nil
	}
	for _, h := range t.Hair {
		d := h.DensityPerCM2
		keep := func(q geom.Point) bool {
			// A transition zone is the hairline ramp's place wherever the
			// hairline criterion judges one (its soft front rises from a
			// quarter of the session's target, domain.md §5): a flat match
			// to the hair there would demand the opposite, and on Norwood
			// II the band along the frontal hair covers the whole strip.
			if z := treatedAt(q); z == nil || (p.hair != nil && z.z.Kind == scalp.Transition) {
				return false
			}
			for _, hp := range hairPolys {
				if hp.contains(q) {
					return false
				}
			}
			return true
		}
		// Match the hair as far as the session allows: its density, but no
		// more than the band's middle (an early session is meant to be
		// lighter) and no less than the band's bottom.
		target := func(q geom.Point) float64 { return treatedAt(q).band.BlendTarget(d) }
		var b *band
		if len(h.Polygon) >= 3 && d > 0 && !math.IsInf(d, 0) {
			b = newBand(h.Polygon, blendBand, keep, target)
		}
		bp.hair = append(bp.hair, b)
		bp.hairD = append(bp.hairD, d)
	}
	for _, sc := range t.Scars {
		if len(sc.Polygon) < 3 {
			continue
		}
		sp := scarPrep{kind: sc.Kind, bp: newBandedPoly(sc.Polygon), area: sc.Polygon.Area(), centre: sc.Polygon.Centroid()}
		sp.radius = math.Sqrt(sp.area / math.Pi)
		// The centroid of a curved strip can fall outside it: look for an
		// inside point on a lattice over the scar when it does.
		if !sp.bp.contains(sp.centre) {
			sp.centre = interiorPoint(sp.bp)
		}
		z := treatedAt(sp.centre)
		if z == nil {
			continue // a scar outside the treated area is not this session's work
		}
		sp.target = z.band.Mid()
		sp.fue = sp.area < fueMaxArea
		keep := func(q geom.Point) bool { return !sp.bp.contains(q) && treatedAt(q) != nil }
		sp.ring = newBand(sc.Polygon, scarRing, keep, func(q geom.Point) float64 { return treatedAt(q).band.Mid() })
		bp.scars = append(bp.scars, sp)
	}
	bp.hasScars = len(bp.scars) > 0
	return bp
}

// blending grades density continuity where the work meets existing hair.
func (s *state) blending() (Criterion, bool) {
	bp := s.p.border
	if bp == nil {
		return Criterion{}, false
	}
	c := Criterion{ID: IDBlending, Name: "Blending", Unit: "× target along the hair",
		Target: fmt.Sprintf("%.2g–%.2g× the hair's density (within the session band) in the %g mm along the border", blendLo, blendHi, blendBand)}
	var sumS, sumW, sumR float64
	var ms []marker
	worst, worstR := 101.0, 0.0
	measured := false
	for k, b := range bp.hair {
		if b == nil {
			continue
		}
		measured = true
		r, m := b.ratio(s.hairCnt[k])
		sc := trapezoid(r, blendZeroLo, blendLo, blendHi, blendZeroHi)
		sumS += b.total * sc
		sumR += b.total * r
		sumW += b.total
		ms = append(ms, m...)
		if sc < worst {
			worst, worstR = sc, r
		}
	}
	if !measured {
		return Criterion{}, false
	}
	c.Score = sumS / sumW
	c.Value = sumR / sumW
	c.Markers = pickMarkers(ms, maxMarkers, sectorLen/2)
	switch {
	case s.n == 0:
		c.Score = 0
		c.fault(FaultNoDots, nil, "build density up to the existing hair so no border shows")
	case worst >= 90:
		c.Feedback = fmt.Sprintf("Seamless blend: along the existing hair the density is %.2f× its target; keep the border this soft.", c.Value)
	case worstR < blendLo:
		c.fault(FaultVisibleBorder, c.Markers, worstR)
	default:
		c.fault(FaultDarkRim, c.Markers, worstR)
	}
	return c, true
}

// scars grades scar camouflage: coverage inside each strip scar, dots on
// or next to each FUE scar, and carry-over into the skin around them
// (domain.md §6).
func (s *state) scars() (Criterion, bool) {
	bp := s.p.border
	if bp == nil || !bp.hasScars {
		return Criterion{}, false
	}
	c := Criterion{ID: IDScars, Name: "Scars", Unit: "× target inside scars",
		Target: fmt.Sprintf("%.2g–%.2g× the zone's density inside strip scars, a dot on every FUE scar, %.2g–%.2g× in the %g mm around", scarLo, scarHi, ringLo, ringHi, scarRing)}
	var scores []float64
	var ms []marker
	var inside, ringR []float64
	fueN, fueCovered := 0, 0
	var fueRing []float64
	// fault is the worst scar's fault so far, with its sentence's numbers.
	type fault struct {
		score float64
		code  FaultCode
		args  []any
	}
	worst := fault{score: 101}
	for k, sc := range bp.scars {
		ringRatio, ringMarks := 1.0, []marker(nil)
		ringS := 100.0
		if sc.ring != nil {
			ringRatio, ringMarks = sc.ring.ratio(s.ringCnt[k])
			ringS = trapezoid(ringRatio, ringZeroLo, ringLo, ringHi, ringZeroHi)
		}
		if sc.fue {
			fueN++
			_, d := s.grid.NearestTo(sc.centre)
			if d <= sc.radius+0.5*hexSpacing(sc.target) {
				fueCovered++
			} else {
				ms = append(ms, marker{sc.centre, 2})
			}
			fueRing = append(fueRing, ringRatio)
			continue
		}
		r := float64(s.scarIn[k]) / (sc.area / 100) / sc.target
		inS := trapezoid(r, scarZeroLo, scarLo, scarHi, scarZeroHi)
		inside = append(inside, r)
		ringR = append(ringR, ringRatio)
		sco := math.Min(inS, ringS)
		scores = append(scores, sco)
		if inS < 100 {
			ms = append(ms, marker{sc.centre, 3 - inS/100})
		}
		ms = append(ms, ringMarks...)
		if sco < worst.score {
			if inS <= ringS {
				if r < scarLo {
					worst = fault{sco, FaultScarShows, []any{r}}
				} else {
					worst = fault{sco, FaultScarOverloaded, []any{r}}
				}
			} else {
				worst = fault{sco, FaultBarcode, []any{scarRing, ringRatio}}
			}
		}
	}
	if fueN > 0 {
		share := float64(fueCovered) / float64(fueN)
		rr := meanOf(fueRing)
		sco := math.Min(ramp(share, fueCoveredZero, fueCoveredFull), trapezoid(rr, ringZeroLo, ringLo, ringHi, ringZeroHi))
		scores = append(scores, sco)
		inside = append(inside, share)
		if sco < worst.score {
			worst = fault{sco, FaultFUEUncovered, []any{fueCovered, fueN}}
		}
	}
	c.Score = meanOf(scores)
	c.Value = meanOf(inside)
	if len(ringR) == 0 && fueN > 0 {
		c.Unit, c.Value = "share of FUE scars covered", float64(fueCovered)/float64(fueN)
	}
	c.Markers = pickMarkers(ms, maxMarkers, 2)
	switch {
	case s.n == 0:
		c.Score = 0
		c.fault(FaultNoDots, nil, "place dots inside the scars and carry them past their edges")
	case worst.score >= 90:
		c.Feedback = "Scars camouflaged: dots cover them and carry on past their edges at the zone's density; keep it so."
	default:
		c.fault(worst.code, c.Markers, worst.args...)
	}
	return c, true
}

// interiorPoint returns a point inside the polygon: the lattice point
// nearest its bounding box's centre among those inside (32 × 32 lattice),
// or the box centre when none is.
func interiorPoint(bp *bandedPoly) geom.Point {
	b := bp.bounds
	c := geom.Pt((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2)
	best, bd := c, math.Inf(1)
	const n = 32
	for j := range n {
		for i := range n {
			q := geom.Pt(b.Min.X+(float64(i)+0.5)*b.Dx()/n, b.Min.Y+(float64(j)+0.5)*b.Dy()/n)
			if d := q.Dist2(c); d < bd && bp.contains(q) {
				best, bd = q, d
			}
		}
	}
	return best
}

func meanOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
