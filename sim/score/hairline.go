package score

import (
	"fmt"
	"math"
	"sort"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// Hairline model (domain.md §5). The work is measured in coordinates along
// a reference line H: the instructor's design hairline where the template
// has one, or else the border between forehead and transition zones. Each
// dot near H gets s, its arc length along H, and u, its signed distance
// behind H (toward the apex, into the hair). H is cut into stations of
// stationStep mm; a station's leading edge is its second most anterior dot
// (one stray dot does not move it).
const (
	stationStep = 5.0  // mm of H per station (model)
	hairReach   = 25.0 // dots farther than this from H are not hairline dots (model: the 2–4 cm hairline band, §5)
	fineStep    = 1.0  // resampling of H for projection, mm
	midlineBand = 10.0 // stations within this of the midline measure the mid-frontal point (model)

	// Position: the mid-frontal point sits 70–100 mm above the glabella
	// (§5; too low is "the cardinal sin"). Against a design line, up to
	// 3 mm low or 6 mm high is full marks (a hand's precision, model),
	// zero at 10 mm low or 20 mm high.
	heightMin, heightMax = 70.0, 100.0
	heightZeroLo         = 65.0
	heightZeroHi         = 110.0
	designLowFull        = -3.0
	designLowZero        = -10.0
	designHighFull       = 6.0
	designHighZero       = 20.0
	// Ramp: at the leading edge density is 20–30% of full, reaching full
	// 5–10 mm behind (§5, model). Measured as the density in the first
	// rampEdge mm behind the (smoothed) leading edge, and in 6–10 mm,
	// relative to the density 10–20 mm behind. The edge band is 3 mm deep,
	// so the model ramp averages about 40% there, and the smoothing of
	// an undulating edge adds some: full marks up to 65% (model).
	rampEdge       = 3.0
	rampEdgeZeroLo = 0.05
	rampEdgeLo     = 0.12
	rampEdgeHi     = 0.65
	rampEdgeZeroHi = 1.05
	rampFullZero   = 0.4
	rampFull       = 0.75
	// The rise: density 0–3 mm behind the edge over 3–6 mm. The model ramp
	// gives about 0.6; a hard edge 1 or more.
	riseFull, riseZero = 0.85, 1.1
	// Micro-irregularity: the coefficient of variation of the dot count in
	// the first 5 mm along the stations. A ruled row of dots gives ~0; a
	// natural edge alternates denser and sparser spots (§5).
	microZeroLo, microLo = 0.05, 0.15
	microHi, microZeroHi = 1.2, 2.0
	// Macro-irregularity: RMS of the leading edge about its own moving
	// average over macroWindow stations. Under 0.6 mm reads as a ruler or
	// a helmet line; over 3.5 mm as chaotic (model).
	macroWindow          = 5
	macroZeroLo, macroLo = 0.2, 0.6
	macroHi, macroZeroHi = 3.5, 6.0
	// Shape: the leading edge, smoothed over macroWindow stations (so the
	// station-to-station undulation that macro judges averages out), is
	// compared with the shape of H: its RMS departure from its own mean
	// offset behind H. A constant offset (a whole line laid low or high) is
	// the position part's business, not this one's. Full marks up to
	// shapeFull, the depth of the ramp's edge band (rampEdge): within it
	// the edge stays in the band the ramp and micro parts count along H;
	// it is also the hand's precision the position part allows
	// (designLowFull). A front ruled straight across a bell-shaped line departs
	// by the bell's depth over the ruled span, which is more than the
	// whole 3–6 mm of the ramp's first two bands; shapeZero is twice the
	// edge band, where the edge leaves the ramp's measuring bands entirely
	// (model).
	shapeFull, shapeZero = 3.0, 6.0
	// Symmetry: mean leading-edge offset left versus right.
	symFull, symZero = 3.0, 8.0
	// Temples: share of hairline dots inside temple zones.
	templeZero = 0.08
)

// hairPrep is the hairline geometry of a template.
type hairPrep struct {
	fine     []geom.Point // H resampled every fineStep mm
	fs       []float64    // arc length at each fine point
	length   float64
	grid     *spatial.Grid
	design   bool // H is the instructor's design line
	midX     float64
	glabella *geom.Point
	head     scalp.Head
	stations int
	temples  []int     // zone indices of kind Temple
	hairZone []int     // zone indices of kind Transition or Frontal
	box      geom.Rect // H's bounds grown by hairReach: a quick reject
	// hair holds the existing hair regions: the ramp is judged on what
	// the eye sees, dots plus the stubble already there.
	hair  []*bandedPoly
	hairD []float64
}

// hairAt returns the density of existing hair at p, per cm² (the densest
// region holding p; 0 outside them).
func (hp *hairPrep) hairAt(p geom.Point) float64 {
	d := 0.0
	for k, bp := range hp.hair {
		if bp.contains(p) {
			d = math.Max(d, hp.hairD[k])
		}
	}
	return d
}

func buildHairPrep(p *prep) *hairPrep {
	t := p.t
	var line geom.Polyline
	design := false
	if len(t.DesignHairline) >= 2 {
		line = t.DesignHairline
		design = true
	} else {
		line = borderLine(t)
	}
	if len(line) < 2 || !(line.Length() > 2*stationStep) {
		return nil
	}
	hp := &hairPrep{design: design, head: t.Head}
	treatedHair := false
	for zi := range p.zones {
		switch p.zones[zi].z.Kind {
		case scalp.Temple:
			hp.temples = append(hp.temples, zi)
		case scalp.Transition, scalp.Frontal:
			hp.hairZone = append(hp.hairZone, zi)
			if p.zones[zi].treated {
				treatedHair = true
			}
		}
	}
	if !treatedHair {
		return nil // no edge to lay this session (Ludwig: the hairline is kept)
	}
	// Resample H.
	acc := 0.0
	hp.fine = append(hp.fine, line[0])
	hp.fs = append(hp.fs, 0)
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		l := a.Dist(b)
		if !(l > 0) {
			continue
		}
		for d := fineStep - math.Mod(acc, fineStep); d < l; d += fineStep {
			hp.fine = append(hp.fine, a.Add(b.Sub(a).Mul(d/l)))
			hp.fs = append(hp.fs, acc+d)
		}
		acc += l
		hp.fine = append(hp.fine, b)
		hp.fs = append(hp.fs, acc)
	}
	hp.length = acc
	// Only thinning hair inside a treated zone counts: there the dots add
	// to hair that is already seen. Full hair in untreated zones (the sides,
	// a kept mid-scalp) is the blending criterion's business.
	for _, h := range t.Hair {
		if len(h.Polygon) >= 3 && h.DensityPerCM2 > 0 && !math.IsInf(h.DensityPerCM2, 0) {
			bp := newBandedPoly(h.Polygon)
			if z := p.locate(interiorPoint(bp)); z < 0 || !p.zones[z].treated {
				continue
			}
			hp.hair = append(hp.hair, bp)
			hp.hairD = append(hp.hairD, h.DensityPerCM2)
		}
	}
	hp.stations = int(math.Ceil(acc / stationStep))
	hp.grid = spatial.NewGrid(hp.fine, 5)
	hp.box = geom.Polygon(hp.fine).Bounds().Inset(-hairReach)
	if l := t.Landmarks; l != nil {
		g := l.Glabella
		if g.IsFinite() {
			hp.glabella = &g
		}
		if len(l.Midline) >= 2 {
			// The midline's x where it crosses the hairline's latitude.
			mid := hp.pointAt(acc / 2)
			best := math.Inf(1)
			for i := 1; i < len(l.Midline); i++ {
				if d := geom.SegmentDist(mid, l.Midline[i-1], l.Midline[i]); d < best {
					best = d
					a, b := l.Midline[i-1], l.Midline[i]
					if b.Y != a.Y {
						hp.midX = a.X + (b.X-a.X)*(mid.Y-a.Y)/(b.Y-a.Y)
					} else {
						hp.midX = a.X
					}
				}
			}
		}
	}
	return hp
}

// borderLine returns the border between forehead and transition zones as a
// polyline sorted by X, when the template has both.
func borderLine(t *scalp.Template) geom.Polyline {
	var fore, trans []*scalp.Zone
	for i := range t.Zones {
		switch t.Zones[i].Kind {
		case scalp.Forehead:
			fore = append(fore, &t.Zones[i])
		case scalp.Transition:
			trans = append(trans, &t.Zones[i])
		}
	}
	var pts []geom.Point
	for _, tz := range trans {
		for _, v := range tz.Polygon {
			for _, fz := range fore {
				if fz.Polygon.BoundaryDist(v) < 0.5 {
					pts = append(pts, v)
					break
				}
			}
		}
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].X < pts[j].X })
	return geom.Polyline(pts)
}

// pointAt returns the point of H at arc length s.
func (hp *hairPrep) pointAt(s float64) geom.Point {
	k := sort.SearchFloat64s(hp.fs, s)
	if k <= 0 {
		return hp.fine[0]
	}
	if k >= len(hp.fs) {
		return hp.fine[len(hp.fine)-1]
	}
	a, b := hp.fine[k-1], hp.fine[k]
	t := (s - hp.fs[k-1]) / (hp.fs[k] - hp.fs[k-1])
	return a.Add(b.Sub(a).Mul(t))
}

// normalAt returns the unit normal of H at arc length s, pointing toward
// the apex (the chart origin), i.e. into the hair.
func (hp *hairPrep) normalAt(s float64) geom.Point {
	a, b := hp.pointAt(s-fineStep), hp.pointAt(s+fineStep)
	d := b.Sub(a)
	l := math.Hypot(d.X, d.Y)
	if !(l > 0) {
		return geom.Pt(0, 1)
	}
	n := geom.Pt(-d.Y/l, d.X/l)
	p := hp.pointAt(s)
	if n.X*(0-p.X)+n.Y*(0-p.Y) < 0 {
		n = n.Mul(-1)
	}
	return n
}

// project returns (s, u) of p: arc length of its foot on H and signed
// distance behind H. ok is false when the foot is an end of H and p lies
// beyond it.
func (hp *hairPrep) project(p geom.Point) (s, u float64, ok bool) {
	k, _ := hp.grid.NearestTo(p)
	if k < 0 {
		return 0, 0, false
	}
	best := math.Inf(1)
	var foot geom.Point
	for _, seg := range [2][2]int{{k - 1, k}, {k, k + 1}} {
		i, j := seg[0], seg[1]
		if i < 0 || j >= len(hp.fine) {
			continue
		}
		a, b := hp.fine[i], hp.fine[j]
		ab := b.Sub(a)
		l2 := ab.X*ab.X + ab.Y*ab.Y
		t := 0.0
		if l2 > 0 {
			t = math.Max(0, math.Min(1, ((p.X-a.X)*ab.X+(p.Y-a.Y)*ab.Y)/l2))
		}
		f := a.Add(ab.Mul(t))
		if d := f.Dist2(p); d < best {
			best, foot = d, f
			s = hp.fs[i] + t*(hp.fs[j]-hp.fs[i])
		}
	}
	if s <= 0 || s >= hp.length {
		return 0, 0, false
	}
	n := hp.normalAt(s)
	u = (p.X-foot.X)*n.X + (p.Y-foot.Y)*n.Y
	return s, u, true
}

// hairDot is one dot measured against H.
type hairDot struct {
	s, u float64
	i    int32
}

// hairline grades the frontal hairline: position, transition ramp,
// micro- and macro-irregularity, symmetry and open temples (domain.md §5).
func (s *state) hairline() (Criterion, bool) {
	hp := s.p.hair
	if hp == nil {
		return Criterion{}, false
	}
	c := Criterion{ID: IDHairline, Name: "Hairline", Unit: "mm above glabella"}
	if hp.design {
		c.Target = fmt.Sprintf("on the design line (−%g/+%g mm), soft 5–10 mm ramp from ~25%%, irregular, symmetric, temples open", -designLowFull, designHighFull)
	} else {
		c.Target = fmt.Sprintf("%g–%g mm above the glabella, soft 5–10 mm ramp from ~25%%, irregular, symmetric, temples open", heightMin, heightMax)
	}
	// The dots near H, by station, in a fixed order.
	st := make([][]hairDot, hp.stations)
	for k := range st {
		for _, i := range s.stations[k].ids {
			st[k] = append(st[k], hairDot{s.hs[i], s.hu[i], i})
		}
	}
	lead := make([]float64, hp.stations)
	has := make([]bool, hp.stations)
	leadDot := make([]int32, hp.stations)
	total := 0
	for k := range st {
		total += len(st[k])
		sort.Slice(st[k], func(a, b int) bool {
			if st[k][a].u != st[k][b].u {
				return st[k][a].u < st[k][b].u
			}
			if st[k][a].s != st[k][b].s {
				return st[k][a].s < st[k][b].s
			}
			return st[k][a].i < st[k][b].i
		})
		if len(st[k]) >= 3 {
			lead[k], leadDot[k], has[k] = st[k][1].u, st[k][1].i, true
		}
	}
	nStations := 0
	for _, h := range has {
		if h {
			nStations++
		}
	}
	if nStations < 3 {
		c.Unmeasured = true
		c.fault(FaultNoHairline, nil)
		return c, true
	}
	// Temples.
	hairDots, templeDots := 0, 0
	var templeMarks []marker
	for _, zi := range hp.hairZone {
		hairDots += s.zagg[zi].n
	}
	for _, zi := range hp.temples {
		templeDots += s.zagg[zi].n
		for _, i := range s.glob[zi] {
			if s.alive[i] && len(templeMarks) < maxCandidates {
				templeMarks = append(templeMarks, marker{s.pts[i], 1})
			}
		}
	}
	fTemple := float64(templeDots) / float64(max(hairDots+templeDots, 1))
	sTemple := ramp(fTemple, templeZero, 0)

	// Position: the leading edge near the midline.
	var mids []float64
	var midDots []int32
	for k := range st {
		if !has[k] {
			continue
		}
		p := hp.pointAt((float64(k) + 0.5) * stationStep)
		if math.Abs(p.X-hp.midX) <= midlineBand {
			mids = append(mids, lead[k])
			midDots = append(midDots, leadDot[k])
		}
	}
	var dev, height float64
	sPos := 100.0
	posKnown := len(mids) > 0
	if posKnown {
		dev = median(mids)
		sMid := hp.nearestS(geom.Pt(hp.midX, hp.pointAt(hp.length/2).Y))
		front := hp.pointAt(sMid).Add(hp.normalAt(sMid).Mul(dev))
		// H is the design line or, without one, the template's own
		// forehead border: either way the edge belongs on it.
		sPos = math.Min(ramp(dev, designLowZero, designLowFull), ramp(dev, designHighZero, designHighFull))
		if hp.glabella != nil {
			height = hp.head.SurfaceDist(*hp.glabella, front)
			sPos = math.Min(sPos, trapezoid(height, heightZeroLo, heightMin, heightMax, heightZeroHi))
		}
	}

	// Ramp and micro-irregularity, by signed distance u behind H (the
	// design line, or the forehead border without one), from the onset of
	// the work: the first u, scanning from the front, at which the whole
	// line's dots in an onsetWindow-deep band reach onsetShare of the
	// densest such band. The old reference, each station's front-most
	// dots, always found those dots in its first bin, so at a session-1
	// density (a dot or two per station) a soft 25% edge read as full. The
	// onset pools every station, so one stray dot cannot set it, and it is
	// set by density, not by a dot; it follows the work when the whole line
	// sits off the design (position judges that), and a hard edge laid in
	// front of H is read from its dense first row.
	onset := s.hairOnset(st, has)
	var nEdge, nNext, nMid, nFull float64
	var edgeCounts []float64
	var edgeDots []int32
	var rampMarks []marker
	for k := range st {
		if !has[k] {
			continue
		}
		var e, x, m, f, e5 float64
		for _, d := range st[k] {
			v := d.u - onset
			switch {
			case v < 0:
			case v < rampEdge:
				e++
			case v < 2*rampEdge:
				x++
			case v >= 6 && v < 10:
				m++
			case v >= 10 && v < 20:
				f++
			}
			if v >= 0 && v < 5 {
				e5++
			}
		}
		if len(hp.hair) > 0 {
			// Existing hair in each band, as dot equivalents.
			sk := (float64(k) + 0.5) * stationStep
			at := hp.pointAt(sk)
			nrm := hp.normalAt(sk)
			eq := func(v, depth float64) float64 {
				return hp.hairAt(at.Add(nrm.Mul(onset+v))) * stationStep * depth / 100
			}
			e += eq(rampEdge/2, rampEdge)
			x += eq(1.5*rampEdge, rampEdge)
			m += eq(8, 4)
			f += eq(15, 10)
		}
		nEdge += e
		nNext += x
		nMid += m
		nFull += f
		edgeCounts = append(edgeCounts, e5)
		edgeDots = append(edgeDots, leadDot[k])
		if f > 0 {
			rampMarks = append(rampMarks, marker{s.pts[leadDot[k]], (e / rampEdge) / (f / 10)})
		}
	}
	rEdge, rMid := 0.0, 0.0
	if nFull > 0 {
		rEdge = (nEdge / rampEdge) / (nFull / 10)
		rMid = (nMid / 4) / (nFull / 10)
	}
	// The rise: the edge bin against the next one. A soft edge keeps
	// rising; a hard one is as dense at the very front as just behind.
	rise := 0.0
	if nNext > 0 {
		rise = nEdge / nNext
	} else if nEdge > 0 {
		rise = riseZero
	}
	sRamp := math.Min(trapezoid(rEdge, rampEdgeZeroLo, rampEdgeLo, rampEdgeHi, rampEdgeZeroHi), ramp(rMid, rampFullZero, rampFull))
	sRamp = math.Min(sRamp, ramp(rise, riseZero, riseFull))
	micro := cvOf(edgeCounts)
	// Micro markers: the stations whose edge count strays furthest from
	// the mean, crowded or bare.
	microMarks := func() []geom.Point {
		mean := 0.0
		for _, v := range edgeCounts {
			mean += v / float64(len(edgeCounts))
		}
		var ms []marker
		for k, v := range edgeCounts {
			ms = append(ms, marker{s.pts[edgeDots[k]], math.Abs(v - mean)})
		}
		return pickMarkers(ms, maxMarkers, stationStep)
	}
	sMicro := trapezoid(micro, microZeroLo, microLo, microHi, microZeroHi)

	// Macro-irregularity: the edge about its own moving average.
	avg := smooth(lead, has, macroWindow)
	var res []float64
	for k := range st {
		if has[k] {
			res = append(res, lead[k]-avg[k])
		}
	}
	macro := rms(res)
	sMacro := 100.0
	if len(res) >= macroWindow {
		sMacro = trapezoid(macro, macroZeroLo, macroLo, macroHi, macroZeroHi)
	}

	// Shape: the smoothed edge's departure from H's curve (see shapeFull).
	var smoothed []float64
	for k := range st {
		if has[k] {
			smoothed = append(smoothed, avg[k])
		}
	}
	shape := shapeResidual(smoothed)
	sShape := 100.0
	if len(smoothed) >= macroWindow {
		sShape = ramp(shape, shapeZero, shapeFull)
	}

	// Symmetry: mean edge offset left of the midline against right.
	var sumL, sumR float64
	var nL, nR int
	for k := range st {
		if !has[k] {
			continue
		}
		p := hp.pointAt((float64(k) + 0.5) * stationStep)
		switch {
		case p.X < hp.midX-midlineBand/2:
			sumL += lead[k]
			nL++
		case p.X > hp.midX+midlineBand/2:
			sumR += lead[k]
			nR++
		}
	}
	asym := 0.0
	sSym := 100.0
	if nL > 0 && nR > 0 {
		asym = math.Abs(sumL/float64(nL) - sumR/float64(nR))
		sSym = ramp(asym, symZero, symFull)
	} else {
		// One side only: the other side is missing, not symmetric.
		asym = hairReach
		sSym = 0
	}

	c.Parts = []Part{
		{ID: "position", Score: sPos, Value: height, Unit: "mm above glabella"},
		{ID: "design-offset", Score: sPos, Value: dev, Unit: "mm behind design"},
		{ID: "ramp", Score: sRamp, Value: rEdge, Unit: "edge/full density"},
		{ID: "ramp-rise", Score: ramp(rise, riseZero, riseFull), Value: rise, Unit: "0–3 mm/3–6 mm density"},
		{ID: "micro", Score: sMicro, Value: micro, Unit: "CV along edge"},
		{ID: "macro", Score: sMacro, Value: macro, Unit: "mm RMS"},
		{ID: "shape", Score: sShape, Value: shape, Unit: "mm RMS off the design's curve"},
		{ID: "symmetry", Score: sSym, Value: asym, Unit: "mm left vs right"},
		{ID: "temples", Score: sTemple, Value: float64(templeDots), Unit: "dots in temples"},
	}
	// Ties go to the first in this order, the most specific fault first:
	// temples, position, ramp, macro, shape, micro, symmetry.
	const (
		wTemple = iota
		wPos
		wRamp
		wMacro
		wShape
		wMicro
		wSym
	)
	parts := []float64{sTemple, sPos, sRamp, sMacro, sShape, sMicro, sSym}
	lo, mean := 101.0, 0.0
	worst := 0
	for i, v := range parts {
		mean += v / float64(len(parts))
		if v < lo {
			lo, worst = v, i
		}
	}
	// An edge that departs from H's shape by more than shapeFull crosses
	// the bands the ramp and micro parts count along H, so their counts
	// follow the shape, not the density: a straight front across a bell
	// reads as a patchy edge or a broken ramp. Then the shape is the fault
	// to name.
	if sShape < 100 && (worst == wRamp || worst == wMicro) {
		worst = wShape
	}
	// The worst part counts for half: one hairline fault spoils the
	// hairline however good the rest is (model).
	c.Score = 0.5*lo + 0.5*mean
	c.Value = height
	if hp.glabella == nil {
		c.Value, c.Unit = dev, "mm behind design"
	}
	midMarks := func() []marker {
		var ms []marker
		for _, i := range midDots {
			ms = append(ms, marker{s.pts[i], 1})
		}
		return ms
	}
	switch {
	case lo >= 90:
		c.Feedback = fmt.Sprintf("Natural hairline: %.0f mm above the glabella with a soft edge at %.0f%% density; keep this shape.", height, 100*rEdge)
	case worst == wPos && (dev < 0 || (hp.glabella != nil && height < heightMin)):
		c.fault(FaultLowHairline, pickMarkers(midMarks(), maxMarkers, 3), mmText(height, hp.glabella != nil), -dev, heightMin, heightMax)
	case worst == wPos:
		c.fault(FaultHighHairline, pickMarkers(midMarks(), maxMarkers, 3), mmText(height, hp.glabella != nil), dev)
	case worst == wRamp && rEdge > rampEdgeHi:
		c.fault(FaultHardEdge, pickMarkers(rampMarks, maxMarkers, stationStep), rampEdge, 100*rEdge, "along the front")
	case worst == wRamp && rise > riseFull:
		c.fault(FaultNoRamp, pickMarkers(rampMarks, maxMarkers, stationStep), rampEdge, 100*rEdge, "along the front")
	case worst == wRamp && rEdge < rampEdgeLo:
		c.fault(FaultFaintEdge, pickMarkers(negate(rampMarks), maxMarkers, stationStep), rampEdge, 100*rEdge)
	case worst == wRamp:
		c.fault(FaultLongRamp, pickMarkers(negate(rampMarks), maxMarkers, stationStep), 100*rMid)
	case worst == wShape:
		c.fault(FaultOffDesign, s.leadMarks(leadDot, has), shape)
	case worst == wMicro && micro < microLo:
		c.fault(FaultEvenEdge, microMarks(), 100*micro)
	case worst == wMicro:
		c.fault(FaultPatchyEdge, microMarks(), 100*micro)
	case worst == wMacro && macro < macroLo:
		c.fault(FaultStraightFront, s.leadMarks(leadDot, has), macro)
	case worst == wMacro:
		c.fault(FaultChaoticFront, s.leadMarks(leadDot, has), macro)
	case worst == wSym:
		c.fault(FaultAsymmetric, s.leadMarks(leadDot, has), "one", asym, "other")
	default:
		c.fault(FaultFilledTemples, pickMarkers(templeMarks, maxMarkers, 2), templeDots)
	}
	if len(c.Faults) > 0 {
		c.Markers = c.Faults[0].Places
	}
	return c, true
}

// Onset of the hairline work (model assumptions): scanned in onsetStep mm
// steps, the band is onsetWindow mm deep, and the work starts where a band
// holds onsetShare of the densest band's dots: well under the 20–30% a
// soft edge starts at (domain.md §5), well over a stray dot or two.
const (
	onsetStep   = 0.5
	onsetWindow = 2.0
	onsetShare  = 0.1
)

// hairOnset returns the u at which the hairline work starts (see above),
// or 0 with too few dots to tell.
func (s *state) hairOnset(st [][]hairDot, has []bool) float64 {
	nb := int(2 * hairReach / onsetStep)
	hist := make([]float64, nb)
	for k := range st {
		if !has[k] {
			continue
		}
		for _, d := range st[k] {
			if b := int(math.Floor((d.u + hairReach) / onsetStep)); b >= 0 && b < nb {
				hist[b]++
			}
		}
	}
	w := int(onsetWindow / onsetStep)
	win := make([]float64, nb)
	top := 0.0
	for b := range nb {
		for j := b; j < min(b+w, nb); j++ {
			win[b] += hist[j]
		}
		top = math.Max(top, win[b])
	}
	if !(top > 0) {
		return 0
	}
	for b := range nb {
		if win[b] >= onsetShare*top {
			return float64(b)*onsetStep - hairReach
		}
	}
	return 0
}

// shapeResidual returns the RMS of u about its mean: how far the edge
// departs from a parallel of H.
func shapeResidual(u []float64) float64 {
	mean := 0.0
	for _, v := range u {
		mean += v / float64(len(u))
	}
	res := make([]float64, len(u))
	for k, v := range u {
		res[k] = v - mean
	}
	return rms(res)
}

// inTemple reports whether zone index z is a temple: temple dots are
// judged by the temple part, and kept out of the edge measures so one fault
// is not counted twice.
func (hp *hairPrep) inTemple(z int32) bool {
	for _, zi := range hp.temples {
		if int(z) == zi {
			return true
		}
	}
	return false
}

func (s *state) leadMarks(leadDot []int32, has []bool) []geom.Point {
	var ms []marker
	for k, h := range has {
		if h {
			ms = append(ms, marker{s.pts[leadDot[k]], 1})
		}
	}
	return pickMarkers(ms, maxMarkers, stationStep)
}

// nearestS returns the arc length of the point of H nearest p.
func (hp *hairPrep) nearestS(p geom.Point) float64 {
	k, _ := hp.grid.NearestTo(p)
	if k < 0 {
		return hp.length / 2
	}
	return hp.fs[k]
}

// smooth returns the centred moving average of v over window stations,
// using only stations that have data.
func smooth(v []float64, has []bool, window int) []float64 {
	out := make([]float64, len(v))
	for k := range v {
		var sum float64
		m := 0
		for j := max(k-window/2, 0); j <= min(k+window/2, len(v)-1); j++ {
			if has[j] {
				sum += v[j]
				m++
			}
		}
		if m > 0 {
			out[k] = sum / float64(m)
		}
	}
	return out
}

func negate(ms []marker) []marker {
	out := make([]marker, len(ms))
	for i, m := range ms {
		out[i] = marker{m.p, -m.sev}
	}
	return out
}

func median(v []float64) float64 {
	w := append([]float64(nil), v...)
	sort.Float64s(w)
	n := len(w)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return w[n/2]
	}
	return (w[n/2-1] + w[n/2]) / 2
}

func cvOf(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	var s, s2 float64
	for _, x := range v {
		s += x
		s2 += x * x
	}
	m := s / float64(len(v))
	if !(m > 0) {
		return 0
	}
	va := s2/float64(len(v)) - m*m
	if va <= 0 {
		return 0
	}
	return math.Sqrt(va) / m
}

func rms(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s / float64(len(v)))
}

// initHair sizes the hairline bookkeeping.
func (s *state) initHair() {
	n := len(s.pts)
	s.hst = make([]int32, n)
	s.hs = make([]float64, n)
	s.hu = make([]float64, n)
	for i := range s.hst {
		s.hst[i] = -1
	}
	if hp := s.p.hair; hp != nil {
		s.stations = make([]idset, hp.stations)
	}
}

// hairAdd files live dot i under its hairline station, if it is near H.
func (s *state) hairAdd(i int32) {
	hp := s.p.hair
	if hp == nil {
		return
	}
	p := s.pts[i]
	if !hp.box.Contains(p) || hp.inTemple(s.zone[i]) {
		return
	}
	sa, u, ok := hp.project(p)
	if !ok || math.Abs(u) > hairReach {
		return
	}
	k := min(int(sa/stationStep), hp.stations-1)
	s.hst[i], s.hs[i], s.hu[i] = int32(k), sa, u
	s.stations[k].add(i)
}

// hairRemove takes dot i off its station.
func (s *state) hairRemove(i int32) {
	if k := s.hst[i]; k >= 0 {
		s.stations[k].remove(i)
		s.hst[i] = -1
	}
}

// mmText writes a distance for a sentence: whole mm, or "—" when it was
// not measured (no landmark to measure from).
func mmText(v float64, measured bool) string {
	if !measured {
		return "—"
	}
	return fmt.Sprintf("%.0f mm", v)
}
