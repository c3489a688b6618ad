package score

import (
	"fmt"
	"math"
	"slices"
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
// stationStep skin mm, laid out from H's midline point both ways so that
// each station on one side has its mirror on the other at the same skin
// distance from the midline (hairPrep.cutStations); a station's leading
// edge is its second most anterior dot (one stray dot does not move it).
const (
	stationStep = 5.0  // skin mm of H per station (model)
	hairReach   = 25.0 // skin mm: dots farther than this from H are not hairline dots (model: the 2–4 cm hairline band, §5)
	fineStep    = 1.0  // resampling of H for projection, mm
	midlineBand = 10.0 // skin mm: dots within half this of the midline (this when too few) measure the mid-frontal point, and the symmetry part compares the line from half this out (model)

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
	// an undulating edge adds some: full marks 25–60% (model). The
	// outside examiner's work (cmd/smpgrade/internal/examiner, three seeds
	// on norwood2–7, every session) reads 0.30–0.59 for the model ramp,
	// 0.85–1.03 for a front laid at full density (its first mm straddles
	// the undulating front, so a hard edge seldom reads 1) and 0.00–0.18
	// for a front at a third of the model (8%; 0.08 on average in session
	// 1): zero at 0.7 and at 0.1, so both faults lose the part instead of
	// a third of it.
	rampEdge       = 3.0
	rampEdgeZeroLo = 0.1
	rampEdgeLo     = 0.25
	rampEdgeHi     = 0.6
	rampEdgeZeroHi = 0.7
	rampFullZero   = 0.4
	rampFull       = 0.75
	// The rise: density 0–3 mm behind the edge over 3–6 mm. The model ramp
	// gives about 0.6, a flat or hard edge 1 or more; sparse session-1
	// work reads up to about 0.95 by chance (model).
	riseFull, riseZero = 0.95, 1.25
	// Micro-irregularity: the coefficient of variation of the dot count in
	// the first 5 mm along the stations. A ruled row of dots gives ~0; a
	// natural edge alternates denser and sparser spots (§5).
	microZeroLo, microLo = 0.05, 0.15
	microHi, microZeroHi = 1.2, 2.0
	// Macro-irregularity: RMS of the leading edge about a smooth fit of
	// itself (hairFrontSet.macro, 35 skin mm of line). A ruled
	// row's dots stray 0.1–0.2 mm from a line; a front that undulates by
	// 1–3 mm over a few cm keeps 0.4 mm or more about the fit. Under 0.35
	// mm reads as a ruler or a helmet line; over 3.5 mm as chaotic (model).
	// macroWindow: the fewest stations the front's course (shape) is
	// judged on.
	macroWindow          = 5
	macroZeroLo, macroLo = 0.1, 0.35
	macroHi, macroZeroHi = 3.5, 6.0
	// Shape: the front, smoothed (smoothFront, so the
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
	// Symmetry: the shift of the work's ramp left against right, place by
	// place on the skin (hairSymmetry). Faces are only roughly symmetric
	// (§5) and sparse work's ramp wanders: the outside examiner's expert
	// work reads up to 2.75 mm (Norwood II, session 1; elsewhere up to 2.0;
	// three seeds, every hairline template and session). Full marks to 3
	// mm, or to the shift's sampling noise where that is more (hairSym.allow);
	// the 4 mm is named (60); zero at 2.5 mm more, so that a temple
	// point set 6 mm back, which the examiner's work reads as 4.2–8.7 mm,
	// costs the hairline a third or more (model).
	symFull, symZero = 3.0, 5.5
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
	box      geom.Rect // H's bounds grown by hairReach skin mm on the chart: a quick reject (reachBox)
	// full is the session's full target on the hairline, per cm²
	// (scalp.Template.HairlineFull), the density the model ramp rises to
	// (domain.md §5). The ramp is judged against it, never against
	// existing hair (which the blending criterion matches), nor against a
	// band lowered for the hair standing in a zone (Norwood II's frontal
	// zone).
	full float64
	// hair holds the existing hair regions in treated zones: there the
	// blending criterion owns the place, not the ramp.
	hair []*bandedPoly
	// across is, per station, skin mm per chart mm across H (acrossAt at
	// the station's centre): every u is in skin mm (hairAdd), and chart
	// offsets are u / across.
	across []float64
	// midY is H's y across the midline strip (buildMidY).
	midY []float64
	// stationT is, per station, the skin arc length of H up to the
	// station's centre: the macro part's smooth fit is windowed in it,
	// and the symmetry part mirrors stations by it.
	stationT []float64
	// stationMid is, per station, the chart arc length of its centre
	// (stationS); chartLen and skinLen are its length along H on the
	// chart and on the skin (stationStep, but for the two end stations).
	stationMid, chartLen, skinLen []float64
	// stationT0 is the skin arc length of H where station 0 would begin
	// were it a whole stationStep long: station k spans stationT0 +
	// k·stationStep to one step more, the end stations reaching H's ends
	// (stationAt).
	stationT0 float64
	// fineT is H's skin arc length at each fine point (skinArc).
	fineT []float64
	// midS and midT are the chart and skin arc lengths of H's midline
	// point, where H crosses the midline (midCrossing).
	midS, midT float64
	// midAlong is skin mm per chart mm along the chart's x at H's
	// midline point: the midline strip (midFront) is midlineBand skin mm
	// wide at most.
	midAlong float64
	// view is the straightness part's view of the skin: a ruler laid
	// through H's midline point, whose tangent plane (scalp.Ruler.Plane)
	// shows a ruler laid across the head as a straight line.
	view scalp.Ruler
	// faceSign is +1 when the face lies toward −y on the chart (the
	// templates' convention), −1 otherwise: front-first order by y.
	faceSign float64
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
	hp.full = t.HairlineFull(p.session)
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
	for _, h := range t.Hair {
		if len(h.Polygon) >= 3 && h.DensityPerCM2 > 0 && !math.IsInf(h.DensityPerCM2, 0) {
			bp := newBandedPoly(h.Polygon)
			if z := p.locate(interiorPoint(bp)); z >= 0 && p.zones[z].treated {
				hp.hair = append(hp.hair, bp)
			}
		}
	}
	hp.faceSign = 1
	if n := hp.normalAt(acc / 2); n.Y < 0 {
		hp.faceSign = -1 // the normal points into the hair: behind is +y when the face is at −y
	}
	hp.grid = spatial.NewGrid(hp.fine, 5)
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
	// H's skin arc length at each fine point and at the midline, then
	// the stations.
	hp.fineT = make([]float64, len(hp.fine))
	for i := 1; i < len(hp.fine); i++ {
		hp.fineT[i] = hp.fineT[i-1] + p.dist(hp.fine[i-1], hp.fine[i])
	}
	hp.midS = hp.midCrossing()
	hp.midT = hp.skinArc(hp.midS)
	hp.cutStations()
	hp.reachBox()
	skin := t.Head
	if p.surf == nil {
		skin = scalp.Head{Projection: scalp.Flat}
	}
	hp.view = scalp.NewRuler(skin, hp.pointAt(hp.midS))
	hp.midAlong = 1
	if v := hp.head.Jacobian(hp.pointAt(hp.midS)).Apply(geom.Pt(1, 0)); p.surf != nil {
		if l := math.Hypot(v.X, v.Y); l > 0 && !math.IsInf(l, 0) {
			hp.midAlong = l
		}
	}
	hp.buildMidY()
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

// hairline grades the frontal hairline (domain.md §5): position, the
// transition ramp behind the work's own front, micro- and
// macro-irregularity, the front's course against the design, left against
// right, and open temples. Every finding is a fault code (faults.go).
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
	if hp.glabella == nil {
		c.Unit = "mm behind design"
	}
	st := s.hairStations()
	total := 0
	for k := range st {
		total += len(st[k])
	}
	fr := s.hairFront(st)
	fr.smoothFront(hp)
	if total < hairMinDots || fr.n < 3 {
		c.Unmeasured = true
		c.fault(FaultNoHairline, nil)
		return c, true
	}
	full := hp.full

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

	// Position: the work's front on the midline.
	midU, midMarks, posKnown := s.midFront(st)
	var dev, height float64
	sPos := 100.0
	if posKnown {
		dev = midU
		front := hp.pointAt(hp.midS).Add(hp.normalAt(hp.midS).Mul(dev / hp.acrossAt(hp.midS)))
		sPos = math.Min(ramp(dev, designLowZero, designLowFull), ramp(dev, designHighZero, designHighFull))
		if hp.glabella != nil {
			height = hp.head.SurfaceDist(*hp.glabella, front)
			sPos = math.Min(sPos, trapezoid(height, heightZeroLo, heightMin, heightMax, heightZeroHi))
		}
	}

	// Ramp: density by depth behind the work's own front, over the
	// session's full target (never over existing hair: the blending
	// criterion matches the hair).
	var nEdge, nNext, nMid float64
	var edgeCounts []float64
	var hardMarks, softMarks []marker
	var hardS []float64
	// The bands' areas per skin mm of depth (mm², about mm of line: the
	// chart keeps areas), where the ramp is judged:
	// where existing hair lies the blending criterion owns the place (the
	// dots there match the hair), so the ramp leaves out its dots and its
	// area; so too off the treated zones and in the temples.
	var aEdge, aNext, aMid float64
	for k := range st {
		if !fr.has[k] {
			continue
		}
		// A band counts at a station where it is open (openMin): a band
		// cut by the hair's border is the border's, which blending judges.
		open := func(v0, v1 float64) float64 {
			if sh := s.openShare(k, fr.smooth[k], v0, v1); sh >= openMin {
				return sh
			}
			return 0
		}
		oEdge, oNext, oMid := open(0, rampEdge), open(rampEdge, 2*rampEdge), open(rampMidFrom, rampMidTo)
		// The edge band counts the dots behind the one the front rests on
		// (fr.anchor), over its depth behind that dot. On sparse work
		// unfloor moves the front ahead of its two dots, so the band
		// always held them: they lie there because the front was set by
		// them, not because the work is that dense behind its front
		// (behind a scatter's k-th dot the rest fall as they would had it
		// fallen anywhere). Session 1's faint edge, 8% laid, read 11–23% of
		// full on the outside examiner's work (hand-ruled: 18%), the
		// model ramp 0.46 against 0.42 in sessions 2 and 3; now 0–17%
		// (hand-ruled: 7%) and 0.45. Where the smoothed front lies ahead
		// of a station's own, the stretch between (read as nearly bare)
		// is left out too: hard edges read 0.85–1.03 (were 0.79–1.04).
		edge := rampEdge - math.Min(rampEdge, math.Max(0, fr.anchor[k]-fr.smooth[k]))
		aEdge += oEdge * hp.bandArea(k, 1) * edge / rampEdge
		aNext += oNext * hp.bandArea(k, 1)
		aMid += oMid * hp.bandArea(k, 1)
		var e, x, m, e5 float64
		for _, d := range st[k] {
			if hp.inHair(s.pts[d.i]) {
				continue
			}
			v := d.u - fr.smooth[k]
			switch {
			case v < 0:
			case v < rampEdge:
				e += b2f(oEdge > 0 && d.u > fr.anchor[k])
			case v < 2*rampEdge:
				x += b2f(oNext > 0)
			case v >= rampMidFrom && v < rampMidTo:
				m += b2f(oMid > 0)
			}
			if v >= 0 && v < microDepth {
				e5++
			}
		}
		nEdge += e
		nNext += x
		nMid += m
		edgeCounts = append(edgeCounts, e5*stationStep/hp.skinLen[k]) // per step: the end stations are longer or shorter
		if full > 0 {
			rel := 0.0
			if edge > 0 {
				rel = e / (hp.bandArea(k, edge) / 100) / full
			}
			p := fr.at(hp, k)
			if rel > rampEdgeHi {
				hardMarks = append(hardMarks, marker{p, rel})
				hardS = append(hardS, hp.stationS(k))
			}
			softMarks = append(softMarks, marker{p, -rel})
		}
	}
	bandDensity := func(n, area, depth float64) float64 {
		if !(full > 0) || !(area > 0) {
			return 0
		}
		return n / (area * depth / 100) / full
	}
	rEdge := bandDensity(nEdge, aEdge, rampEdge)
	rNext := bandDensity(nNext, aNext, rampEdge)
	rMid := bandDensity(nMid, aMid, rampMidTo-rampMidFrom)
	// Each band is judged where it is open along enough of the line. The
	// front few mm are always the trainee's, whatever stands behind them:
	// on Norwood II the transition strip is about 7 mm deep and existing
	// hair fills the band where the ramp should have reached full, so the
	// edge and the rise are judged there and the long-ramp band is not.
	edgeKnown := aEdge >= rampMinStations*stationStep
	midKnown := edgeKnown && aMid >= rampMinStations*stationStep
	// The rise: the edge band against the next. A soft edge keeps rising;
	// a hard one is as dense at the very front as just behind.
	rise := 0.0
	if rNext > 0 {
		rise = rEdge / rNext
	}
	sEdge, sRise, sMid := 100.0, 100.0, 100.0
	if edgeKnown {
		sEdge = trapezoid(rEdge, rampEdgeZeroLo, rampEdgeLo, rampEdgeHi, rampEdgeZeroHi)
	}
	riseKnown := edgeKnown && aNext >= rampMinStations*stationStep && rNext >= riseMinNext && nNext >= riseMinDots
	if riseKnown {
		sRise = ramp(rise, riseZero, riseFull)
	}
	if midKnown {
		sMid = ramp(rMid, rampFullZero, rampFull)
	}
	sRamp := math.Min(sEdge, math.Min(sRise, sMid))

	// Micro-irregularity: dots in the first microDepth mm, station by
	// station, per stationStep of line.
	micro := cvOf(edgeCounts)
	sMicro := trapezoid(micro, microZeroLo, microLo, microHi, microZeroHi)
	microMarks := func() []geom.Point {
		mean := meanOf(edgeCounts)
		var ms []marker
		j := 0
		for k := range st {
			if fr.has[k] {
				ms = append(ms, marker{fr.at(hp, k), math.Abs(edgeCounts[j] - mean)})
				j++
			}
		}
		return pickMarkers(ms, maxMarkers, stationStep)
	}

	// Macro-irregularity: the front, in skin mm, about a smooth fit of
	// itself (hairFrontSet.macro): not about the
	// design line, whose own undulation a faithful front follows.
	macro, macroN := fr.macro(hp)
	sMacro := 100.0
	if macroN > 0 {
		sMacro = trapezoid(macro, macroZeroLo, macroLo, macroHi, macroZeroHi)
	}
	// Shape: the smoothed front's departure from H's curve.
	var course []float64
	for k := range st {
		if fr.has[k] {
			course = append(course, fr.smooth[k])
		}
	}
	shape := shapeResidual(course)
	sShape := 100.0
	if len(course) >= macroWindow {
		sShape = ramp(shape, shapeZero, shapeFull)
	}

	// Symmetry: the work left against right, place by place.
	sym := s.hairSymmetry(st, fr)
	sSym := 100.0
	switch {
	case sym.oneSided != "":
		sSym = 0
	case sym.measured:
		sSym = ramp(sym.diff, sym.allow+symZero-symFull, sym.allow)
	}

	c.Parts = []Part{
		{ID: "position", Score: sPos, Value: height, Unit: "mm above glabella", Unmeasured: !posKnown || hp.glabella == nil},
		{ID: "design-offset", Score: sPos, Value: dev, Unit: "mm behind design", Unmeasured: !posKnown},
		{ID: "ramp", Score: sRamp, Value: rEdge, Unit: "edge/full density", Unmeasured: !edgeKnown},
		{ID: "ramp-rise", Score: sRise, Value: rise, Unit: "0–3 mm/3–6 mm density", Unmeasured: !riseKnown},
		{ID: "micro", Score: sMicro, Value: micro, Unit: "CV along edge"},
		{ID: "macro", Score: sMacro, Value: macro, Unit: "mm RMS about a smooth fit", Unmeasured: macroN == 0},
		{ID: "shape", Score: sShape, Value: shape, Unit: "mm RMS off the design's curve", Unmeasured: len(course) < macroWindow},
		{ID: "symmetry", Score: sSym, Value: sym.diff, Unit: "mm left vs right", Unmeasured: !sym.measured},
		{ID: "temples", Score: sTemple, Value: float64(templeDots), Unit: "dots in temples"},
	}
	parts := []float64{sTemple, sPos, sRamp, sMacro, sShape, sMicro, sSym}
	lo, mean := 101.0, 0.0
	for _, v := range parts {
		mean += v / float64(len(parts))
		lo = math.Min(lo, v)
	}
	// The worst part counts for half: one hairline fault spoils the
	// hairline however good the rest is (model).
	c.Score = 0.5*lo + 0.5*mean
	c.Value = height
	c.Unmeasured = !posKnown
	if hp.glabella == nil {
		c.Value = dev
	}

	// The faults, worst part first; ties in this order, the most specific
	// first. A part under faultBelowHair is a fault.
	type finding struct {
		score float64
		add   func()
	}
	var fs []finding
	mid := func() []geom.Point { return pickMarkers(midMarks, maxMarkers, 3) }
	fs = append(fs, finding{sTemple, func() {
		c.fault(FaultFilledTemples, pickMarkers(templeMarks, maxMarkers, 2), templeDots)
	}})
	fs = append(fs, finding{sPos, func() {
		if dev < 0 || (hp.glabella != nil && height < heightMin) {
			c.fault(FaultLowHairline, mid(), mmText(height, hp.glabella != nil), -dev, heightMin, heightMax)
		} else {
			c.fault(FaultHighHairline, mid(), mmText(height, hp.glabella != nil), dev)
		}
	}})
	fs = append(fs, finding{sEdge, func() {
		if rEdge > rampEdgeHi {
			c.fault(FaultHardEdge, pickMarkers(hardMarks, maxMarkers, stationStep), rampEdge, 100*rEdge, hp.where(hardS))
		} else {
			c.fault(FaultFaintEdge, pickMarkers(softMarks, maxMarkers, stationStep), rampEdge, 100*rEdge)
		}
	}})
	fs = append(fs, finding{sRise, func() {
		c.fault(FaultNoRamp, pickMarkers(negate(softMarks), maxMarkers, stationStep), rampEdge, 100*rise)
	}})
	fs = append(fs, finding{sMid, func() {
		c.fault(FaultLongRamp, pickMarkers(softMarks, maxMarkers, stationStep), 100*rMid)
	}})
	fs = append(fs, finding{sMacro, func() {
		if macro < macroLo {
			c.fault(FaultStraightFront, fr.marks(hp), strayText(macro), "smooth")
		} else {
			c.fault(FaultChaoticFront, fr.marks(hp), macro)
		}
	}})
	fs = append(fs, finding{sShape, func() {
		if rs, h := s.straightness(st); rs < straightMax && rs < straightShare*h {
			c.fault(FaultStraightFront, fr.marks(hp), strayText(rs), "straight")
		} else {
			c.fault(FaultOffDesign, fr.marks(hp), shape)
		}
	}})
	fs = append(fs, finding{sMicro, func() {
		if micro < microLo {
			c.fault(FaultEvenEdge, microMarks(), 100*micro)
		} else {
			c.fault(FaultPatchyEdge, microMarks(), 100*micro)
		}
	}})
	fs = append(fs, finding{sSym, func() {
		if sym.oneSided != "" {
			c.fault(FaultOneSided, fr.marks(hp), sym.oneSided)
		} else {
			c.fault(FaultAsymmetric, sym.places, sym.worse, sym.diff, sym.better)
		}
	}})
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].score < fs[j].score })
	for _, f := range fs {
		if f.score < faultBelowHair {
			f.add()
		}
	}
	if len(c.Faults) == 0 {
		c.Feedback = fmt.Sprintf("Natural hairline: %s above the glabella with a soft edge at %.0f%% density; keep this shape.", mmText(height, posKnown && hp.glabella != nil), 100*rEdge)
	} else {
		c.Markers = c.Faults[0].Places
	}
	return c, true
}

// hairStations returns the dots near H, by station, in a fixed order
// (front first).
func (s *state) hairStations() [][]hairDot {
	st := make([][]hairDot, s.p.hair.stations)
	for k := range st {
		for _, i := range s.stations[k].ids {
			st[k] = append(st[k], hairDot{s.hs[i], s.hu[i], i})
		}
		sort.Slice(st[k], func(a, b int) bool {
			if st[k][a].u != st[k][b].u {
				return st[k][a].u < st[k][b].u
			}
			if st[k][a].s != st[k][b].s {
				return st[k][a].s < st[k][b].s
			}
			return st[k][a].i < st[k][b].i
		})
	}
	return st
}

// Model assumptions of the hairline's findings.
const (
	// hairMinDots: fewer dots near the line are not yet a hairline to
	// judge; a dozen along the design line are (issue 10).
	hairMinDots = 10
	// frontWindow stations (25 mm of line) at most are pooled to find the
	// front at a station: the fewest that hold frontMinPool dots in the
	// hairline band on average along the line, so that the front's threshold (frontShare, or
	// two dots) is near a tenth of full density: 200 dots over 25 mm put
	// about 16 in a full 2 mm band. Session 3 work pools two or three
	// stations; session 1, or the first dots of a line, pool five.
	frontWindow  = 5
	frontMinPool = 200
	// frontBand, frontShare: the front is the k-th dot from the face, k
	// being frontShare of the densest frontBand-mm band's dots and at
	// least two: well under the 20–30% a soft edge starts at (domain.md
	// §5), well over a stray dot.
	frontBand  = 2.0
	frontShare = 0.1
	// microDepth: the micro part counts dots in the first 5 mm behind the
	// front, station by station.
	microDepth = 5.0
	// rampMidFrom–rampMidTo: where density should have reached full (§5:
	// 5–10 mm behind the edge).
	rampMidFrom, rampMidTo = 6.0, 10.0
	// riseMinNext: the rise is judged only when the band just behind the
	// edge holds some work (a fifth of full): an edge laid first, with
	// nothing behind yet, wants filling behind (the long-ramp fault), not
	// a lighter front.
	riseMinNext = 0.2
	// riseMinDots: fewer dots just behind the edge are too few to compare
	// two 3 mm bands (Poisson noise over 25%).
	riseMinDots = 16
	// rampMinStations: a ramp band is judged when it is open along at
	// least this many stations' length of the line (15 mm): less is a
	// corner of the line, not its ramp.
	rampMinStations = 3.0
	// faultBelowHair: a hairline part under this is a fault, named.
	faultBelowHair = 90.0
)

// hairFrontSet is the work's front, station by station: u[k] behind H
// where has[k].
type hairFrontSet struct {
	u, smooth []float64
	has       []bool
	n         int
	// lead is each station's own leading edge, its second most anterior
	// dot (one stray dot does not move it), or u where the station has
	// fewer than three dots: the undulation macro judges.
	lead []float64
	// anchor is each station's front as its pooled dots set it (frontRank),
	// before unfloor moved it forward: the dot it rests on (on sparse
	// work, the pool's second) lies there, the first ahead of it.
	anchor []float64
}

// at returns the front's point on the chart at station k.
func (f *hairFrontSet) at(hp *hairPrep, k int) geom.Point {
	s := hp.stationS(k)
	return hp.pointAt(s).Add(hp.normalAt(s).Mul(f.u[k] / hp.across[k]))
}

// marks returns the front's points as markers, a station apart.
func (f *hairFrontSet) marks(hp *hairPrep) []geom.Point {
	var ms []marker
	for k, h := range f.has {
		if h {
			ms = append(ms, marker{f.at(hp, k), 1})
		}
	}
	return pickMarkers(ms, maxMarkers, stationStep)
}

// macro returns the RMS distance, across the line and in skin mm, of the
// leading edge's points (lead) from a smooth fit of them, and at how many
// stations it was measured. The fit at a station is a quadratic
// least-squares fit of the edge's points against their skin arc length
// along H (stationT), over the stations within macroHalf skin mm either
// side: it keeps a curve's bend (so a bell is not read as undulating) and
// removes undulation shorter than about the window. With stations 5 mm
// apart on the skin it is the 7-point quadratic Savitzky–Golay smoothing.
// A station is measured where its window is complete on both sides (the
// next station out would lie beyond macroHalf) and holds five stations or
// more, so the fit is centred and no end is extrapolated.
func (f *hairFrontSet) macro(hp *hairPrep) (float64, int) {
	var pts []linePt
	for k, h := range f.has {
		if h {
			s := hp.stationS(k)
			pts = append(pts, linePt{k, hp.stationT[k], hp.pointAt(s).Add(hp.normalAt(s).Mul(f.lead[k] / hp.across[k]))})
		}
	}
	var res []float64
	for j, c := range pts {
		m, ok := quadFit(pts, j, macroHalf)
		if !ok {
			continue
		}
		n := hp.normalAt(hp.stationS(c.k))
		d := c.p.Sub(m)
		res = append(res, (d.X*n.X+d.Y*n.Y)*hp.across[c.k])
	}
	return rms(res), len(res)
}

// linePt is a point of the front on the chart at station k, t skin mm
// along H.
type linePt struct {
	k int
	t float64
	p geom.Point
}

// quadFit returns the least-squares quadratic fit, against skin arc
// length, of the points pts within half skin mm of pts[j] (sorted by t),
// at pts[j]. ok is false when the window is incomplete, so that the fit
// would be extrapolated: the next point out on either side would still
// fall within half (the local spacing on the skin says how close to half
// the window's last point must come), or it holds fewer than five points.
func quadFit(pts []linePt, j int, half float64) (geom.Point, bool) {
	c := pts[j]
	lo, hi := max(j-1, 0), min(j+1, len(pts)-1)
	gap := (pts[hi].t - pts[lo].t) / float64(max(hi-lo, 1))
	var ts, xs, ys []float64
	left, right := 0.0, 0.0
	for _, q := range pts {
		if d := q.t - c.t; math.Abs(d) <= half+1e-9 {
			ts, xs, ys = append(ts, d), append(xs, q.p.X), append(ys, q.p.Y)
			left, right = math.Min(left, d), math.Max(right, d)
		}
	}
	need := half - gap + 1e-6
	if -left <= need || right <= need || len(ts) < 5 {
		return geom.Point{}, false
	}
	return geom.Pt(quadAt0(ts, xs), quadAt0(ts, ys)), true
}

// macroHalf is half the macro part's fit window along the line, skin mm:
// 35 mm of line, seven stations of stationStep (model assumption).
const macroHalf = 3 * stationStep

// quadAt0 returns the value at t = 0 of the least-squares quadratic
// through (ts[i], vs[i]); with fewer than three distinct ts, the mean.
func quadAt0(ts, vs []float64) float64 {
	// Normal equations of v ≈ a + b·t + c·t², solved by Cramer's rule.
	var s0, s1, s2, s3, s4, v0, v1, v2 float64
	for i, t := range ts {
		t2 := t * t
		s0++
		s1 += t
		s2 += t2
		s3 += t2 * t
		s4 += t2 * t2
		v0 += vs[i]
		v1 += vs[i] * t
		v2 += vs[i] * t2
	}
	det := s0*(s2*s4-s3*s3) - s1*(s1*s4-s3*s2) + s2*(s1*s3-s2*s2)
	if !(math.Abs(det) > 1e-9*math.Max(1, s4*s4)) {
		return v0 / math.Max(s0, 1)
	}
	return (v0*(s2*s4-s3*s3) - s1*(v1*s4-s3*v2) + s2*(v1*s3-s2*v2)) / det
}

// straightness looks at the front across the frontal span (straightSpan
// skin mm either side of H's midline point), in skin mm: in the skin's
// tangent plane there (scalp.Ruler.Plane), where a ruler laid across the head
// is a straight line. In each 5 mm column across, it finds the front
// (frontOf) of the hairline dots and H's mean position, and returns the
// RMS distance of the front's points from their best straight line, and
// the same for H. Read by column, not by station, as a ruler is laid:
// ahead of a bell-shaped line the stations fan out.
func (s *state) straightness(st [][]hairDot) (front, design float64) {
	hp := s.p.hair
	nc := int(2 * straightSpan / stationStep)
	cols := make([][]float64, nc)
	local := hp.view.Plane
	col := func(x float64) int {
		c := int(math.Floor((x + straightSpan) / stationStep))
		if c < 0 || c >= nc {
			return -1
		}
		return c
	}
	for k := range st {
		for _, d := range st[k] {
			q := local(s.pts[d.i])
			if c := col(q.X); c >= 0 {
				cols[c] = append(cols[c], q.Y*hp.faceSign)
			}
		}
	}
	hy := make([][]float64, nc)
	for _, p := range hp.fine {
		q := local(p)
		if c := col(q.X); c >= 0 {
			hy[c] = append(hy[c], q.Y)
		}
	}
	var fp, hpts []geom.Point
	for c := range nc {
		if len(cols[c]) < 3 || len(hy[c]) == 0 {
			continue
		}
		y, ok := frontOf(cols[c])
		if !ok {
			continue
		}
		x := -straightSpan + (float64(c)+0.5)*stationStep
		fp = append(fp, geom.Pt(x, y*hp.faceSign))
		hpts = append(hpts, geom.Pt(x, meanOf(hy[c])))
	}
	if len(fp) < 5 {
		return math.Inf(1), 0
	}
	return lineRMS(fp), lineRMS(hpts)
}

// lineRMS is the RMS distance of pts from their total-least-squares line.
func lineRMS(pts []geom.Point) float64 {
	if len(pts) < 2 {
		return 0
	}
	var m geom.Point
	for _, p := range pts {
		m = m.Add(p)
	}
	m = m.Mul(1 / float64(len(pts)))
	var sxx, sxy, syy float64
	for _, p := range pts {
		d := p.Sub(m)
		sxx += d.X * d.X
		sxy += d.X * d.Y
		syy += d.Y * d.Y
	}
	// The smaller eigenvalue of the scatter matrix is the sum of squared
	// distances from the best line.
	tr, det := sxx+syy, sxx*syy-sxy*sxy
	lmin := tr/2 - math.Sqrt(math.Max(0, tr*tr/4-det))
	return math.Sqrt(math.Max(0, lmin) / float64(len(pts)))
}

// A front within straightMax mm RMS of a straight line, and under
// straightShare of the design's own RMS about one over the same stretch,
// is ruler-drawn across a curved design (model: the dots of a ruled front
// stray 1–1.5 mm at the stations; a bell 40–50 mm wide is 4 mm or more
// off a straight line).
const (
	straightMax   = 2.0
	straightShare = 0.4
	// straightSpan: the frontal span judged for a ruled front, either
	// side of the midline, about to the mid-pupil lines (domain-clients
	// §4: the line turns from convex to concave there).
	straightSpan = 30.0
)

// smoothHalf is half smoothFront's window along the line, skin mm: 45 mm
// of line, nine stations of stationStep, so that the station-to-station
// undulation the macro part judges (over 35 mm) averages out of the
// front's course (model assumption).
const smoothHalf = 4 * stationStep

// hairFront finds the work's front at each station, from its dots pooled
// with its neighbours' as frontWindow says (frontOf).
func (s *state) hairFront(st [][]hairDot) hairFrontSet {
	n := len(st)
	f := hairFrontSet{u: make([]float64, n), has: make([]bool, n), lead: make([]float64, n), anchor: make([]float64, n)}
	// One pooling width for the whole line, from its mean dots per
	// station, so the front does not jump where a station's count crosses
	// the threshold.
	total := 0
	for k := range st {
		total += len(st[k])
	}
	per := float64(total) / float64(max(n, 1))
	half := 0
	for half < frontWindow/2 && per*float64(2*half+1) < frontMinPool {
		half++
	}
	var us []float64
	short := make([]float64, n) // dots the floor of two took beyond frontShare's rank
	pooled := make([]int, n)    // stations pooled
	for k := range st {
		us = us[:0]
		lo, hi := max(k-half, 0), min(k+half, n-1)
		for j := lo; j <= hi; j++ {
			for _, d := range st[j] {
				us = append(us, d.u)
			}
		}
		if len(us) < 3 {
			continue
		}
		if u, rank, ok := frontRank(us); ok {
			f.u[k], f.has[k] = u, true
			f.n++
			short[k], pooled[k] = math.Max(0, 2-rank), hi-lo+1
		}
	}
	for k := range st {
		f.lead[k] = f.u[k]
		f.anchor[k] = f.u[k]
		if len(st[k]) >= 3 {
			f.lead[k] = st[k][1].u
		}
	}
	f.unfloor(s.p.hair, st, short, pooled)
	return f
}

// unfloor moves each station's front forward by what the floor of two dots
// (frontOf) put it behind frontShare's rank: on sparse work the pooled
// stations hold so few dots at the edge that frontShare asks for fewer than
// two (session 1, 10–25/cm², §3: about one), and the second dot from the
// face lies, on average, (2 − rank)/λ further back than the rank asked
// for, λ being the dots per mm of depth at the front in the pool (the k-th
// point of a uniform scatter of λ per mm lies k/λ behind its start). The
// front lay 0.5 mm behind a soft edge on average
// (TestFrontUnbiasedOnSparseWork; sessions 2 and 3: within 0.16 mm), so
// session 1's edge band read the denser ramp behind it: the outside
// examiner's experts 0.49 of full on average against 0.42 in sessions 2
// and 3, up to 0.62, a hard edge on Norwood VI (now 0.46, at most 0.59),
// and its faint edges, whose first dot the floor left ahead of the front,
// up to 25% of full where 8% was laid. λ is read along the whole line
// (dots in the frontBand behind the smoothed front, per station and mm,
// times the stations pooled), so the correction adds no station-to-station
// noise: the front's course, its undulation and a temple point set back
// keep their shape. It is at most frontBand: more means the band behind
// the front is nearly empty (a faint edge), where λ is too uncertain to go
// further.
func (f *hairFrontSet) unfloor(hp *hairPrep, st [][]hairDot, short []float64, pooled []int) {
	if !slices.ContainsFunc(short, func(v float64) bool { return v > 0 }) {
		return
	}
	f.smoothFront(hp)
	dots, stations := 0.0, 0
	for k := range st {
		if !f.has[k] {
			continue
		}
		stations++
		for _, d := range st[k] {
			if v := d.u - f.smooth[k]; v >= 0 && v < frontBand {
				dots++
			}
		}
	}
	if dots == 0 {
		return
	}
	perStation := dots / frontBand / float64(stations) // λ of one station, per mm of depth
	for k := range st {
		if f.has[k] && short[k] > 0 {
			f.u[k] -= math.Min(frontBand, short[k]/(perStation*float64(pooled[k])))
		}
	}
}

// smoothFront sets f.smooth: the front's points on the chart, smoothed by
// a quadratic least-squares fit against skin arc length over the stations
// within smoothHalf skin mm either side (quadFit; a moving average of the
// station and its neighbours where that window is incomplete, near the
// line's ends), read back as u. On the chart, not in u: a front ruled
// straight across a curved design stays straight, where a moving average
// of u would bend it toward the design.
func (f *hairFrontSet) smoothFront(hp *hairPrep) {
	f.smooth = make([]float64, len(f.u))
	var pts []linePt
	for k, h := range f.has {
		if h {
			pts = append(pts, linePt{k, hp.stationT[k], f.at(hp, k)})
		}
	}
	for j, c := range pts {
		k := c.k
		m, ok := quadFit(pts, j, smoothHalf)
		if !ok {
			m = geom.Point{}
			lo, hi := max(j-1, 0), min(j+1, len(pts)-1)
			for i := lo; i <= hi; i++ {
				m = m.Add(pts[i].p)
			}
			m = m.Mul(1 / float64(hi-lo+1))
		}
		s := hp.stationS(k)
		d := m.Sub(hp.pointAt(s))
		n := hp.normalAt(s)
		f.smooth[k] = (d.X*n.X + d.Y*n.Y) * hp.across[k]
	}
}

// frontOf returns the front of a strip of dots at depths us (sorted in
// place): the k-th dot from the face, k being frontShare of the densest
// frontBand-deep band's dots and at least two. An order statistic,
// so the front moves smoothly with the dots (a jitter far below a dot's
// size cannot make it jump), and a stray dot or two ahead do not set it.
func frontOf(us []float64) (float64, bool) {
	u, _, ok := frontRank(us)
	return u, ok
}

// frontRank is frontOf that also returns the rank frontShare asked for
// (frontShare of the densest band's dots), before the floor of two.
func frontRank(us []float64) (u, rank float64, ok bool) {
	sort.Float64s(us)
	top := 0
	for i, j := 0, 0; i < len(us); i++ {
		for j < len(us) && us[j] < us[i]+frontBand {
			j++
		}
		top = max(top, j-i)
	}
	// k, fractional: between two order statistics the front is
	// interpolated, so a dot more or less in the densest band moves it by
	// a tenth of a gap, never a whole one.
	rank = frontShare * float64(top)
	k := math.Max(2, rank)
	i := int(k) // k ≥ 2
	if i > len(us) {
		return 0, rank, false
	}
	if i == len(us) {
		return us[i-1], rank, true
	}
	f := k - float64(i)
	return us[i-1] + f*(us[i]-us[i-1]), rank, true
}

// midFront returns the work's front on the midline, u behind H there: the
// front (frontOf) of the hairline dots within midlineBand/2 skin mm of the
// midline, each by its distance behind H straight back along the chart's
// y, in skin mm (H's
// y at the dot's x, hairPrep.midY), not by station: ahead of a
// bell-shaped line the stations fan out, so dots laid forward at the sides
// would project onto the middle stations and read as a low midline.
func (s *state) midFront(st [][]hairDot) (float64, []marker, bool) {
	hp := s.p.hair
	if len(hp.midY) == 0 {
		return 0, nil, false
	}
	scale := hp.acrossAt(hp.midS)     // skin mm per chart mm straight back on the midline
	half := midlineBand / hp.midAlong // the strip's greatest half-width, chart mm
	behind := func(p geom.Point) (float64, bool) {
		c := int(math.Round((p.X - hp.midX + half) / midStep))
		if c < 0 || c >= len(hp.midY) || math.IsNaN(hp.midY[c]) {
			return 0, false
		}
		return (p.Y - hp.midY[c]) * hp.faceSign * scale, true
	}
	// The strip is midlineBand/2 skin mm wide either side, or midlineBand
	// when that holds fewer than three dots (the first dots of a line).
	var us []float64
	width := half / 2
	for ; width <= half; width *= 2 {
		us = us[:0]
		for k := range st {
			for _, d := range st[k] {
				if p := s.pts[d.i]; math.Abs(p.X-hp.midX) <= width {
					if u, ok := behind(p); ok {
						us = append(us, u)
					}
				}
			}
		}
		if len(us) >= 3 {
			break
		}
	}
	if len(us) < 3 {
		return 0, nil, false
	}
	u, ok := frontOf(us)
	if !ok {
		return 0, nil, false
	}
	var ms []marker
	for k := range st {
		for _, d := range st[k] {
			if p := s.pts[d.i]; math.Abs(p.X-hp.midX) > width {
				continue
			}
			if v, ok := behind(s.pts[d.i]); ok && v >= u && v < u+frontBand {
				ms = append(ms, marker{s.pts[d.i], 1})
			}
		}
	}
	return u, ms, true
}

// midStep is the x step of hairPrep.midY, mm.
const midStep = 0.5

// buildMidY fills hp.midY: H's most anterior y at each chart x within
// midlineBand skin mm of the midline, every midStep chart mm (NaN where H
// does not cross that x).
func (hp *hairPrep) buildMidY() {
	half := midlineBand / hp.midAlong
	n := int(2*half/midStep) + 1
	hp.midY = make([]float64, n)
	for c := range hp.midY {
		x := hp.midX - half + float64(c)*midStep
		y := math.NaN()
		for i := 1; i < len(hp.fine); i++ {
			a, b := hp.fine[i-1], hp.fine[i]
			if (a.X-x)*(b.X-x) > 0 || a.X == b.X {
				continue
			}
			yy := a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)
			if math.IsNaN(y) || yy*hp.faceSign < y*hp.faceSign {
				y = yy
			}
		}
		hp.midY[c] = y
	}
}

// hairSym is the left-against-right comparison of the front.
type hairSym struct {
	measured bool
	// diff is the shift, skin mm, between the two sides' depth profiles
	// at the place that most exceeds its allowance; allow is that place's
	// full-marks allowance (symFull, or more where the work is too sparse
	// to locate its front that closely).
	diff, allow   float64
	worse, better string // "left"/"right": the side set back there, and the other
	places        []geom.Point
	oneSided      string // "left" or "right" when only that half is laid
}

// hairSymmetry compares the work left against right, place by place on
// the skin: stretches of 2·symHalf skin mm of line at the same skin arc
// distance from H's midline point on both sides, a station apart, from
// the midline strip (midlineBand/2) out to the shorter side's end, the
// last one ending there (the temple points). At each place it compares
// the two sides' depth profiles, not their fronts: a side's profile is
// the mean depth behind H of its first m dots in the stretch, m being
// what a symDepth-deep band at the session's full density holds along it
// (fewer where a side holds fewer within symReach), so the difference of
// the two is the shift of one side's ramp against the other's. A temple
// point set back
// moves the whole ramp and is read at its depth. The front alone (a
// station's second dot, hairFront) rests on one or two dots where the
// work is sparse and jumps between a faint edge and the ramp behind it:
// compared station by station, session 1's symmetric faint edge read
// 3.4–4.7 mm left against right on 7 of the outside examiner's 21 seeds
// and was called asymmetric; the first m dots sample the whole front of
// the ramp. The shift's sampling noise, its standard error from the
// spread of the dots' depths (each side's variance over m), is allowed
// for: a place is judged from max(symFull, symNoise standard errors), so
// work too sparse to place its ramp that closely is not called
// asymmetric by chance, and the place that most exceeds its allowance is
// the one reported. The worse side there is the one set back, as the
// fault's words say ("the left temple point sits 4 mm further back than
// the right"), and it is marked. It was the side whose front lay further
// off the design, which sparse work's fronts could not tell: work laid a
// little ahead of the design all along, with one temple point set 4 mm
// back, read about as far ahead on the good side as behind on the other,
// and the good side was marked and named as sitting further back.
func (s *state) hairSymmetry(st [][]hairDot, f hairFrontSet) hairSym {
	hp := s.p.hair
	names := hp.sideNames()
	var out hairSym
	// One-sided: fronts at oneSidedMin stations or more on one side of
	// the midline strip and none on the other.
	var fronts [2]int
	for k, h := range f.has {
		switch a := hp.stationT[k] - hp.midT; {
		case !h:
		case a < -midlineBand/2:
			fronts[0]++
		case a > midlineBand/2:
			fronts[1]++
		}
	}
	for i := range 2 {
		if fronts[1-i] == 0 && fronts[i] >= oneSidedMin {
			out.oneSided, out.measured = names[i], true
			return out
		}
	}
	// Each dot's skin distance from the midline point along H, by side
	// (before and after the midline point along H).
	type dotAt struct{ a, u float64 }
	var sides [2][]dotAt
	for k := range st {
		for _, d := range st[k] {
			if d.u >= symReach {
				continue
			}
			if a := hp.skinArc(d.s) - hp.midT; a < 0 {
				sides[0] = append(sides[0], dotAt{-a, d.u})
			} else {
				sides[1] = append(sides[1], dotAt{a, d.u})
			}
		}
	}
	end := math.Min(hp.midT, hp.fineT[len(hp.fineT)-1]-hp.midT) // the shorter side's length
	first, width := midlineBand/2, 2*symHalf
	if end-first < width {
		return out
	}
	m := max(int(math.Round(symDepth*hp.full/100*width)), symMinDots) // dots in symDepth mm at full along a stretch
	// place is one stretch's comparison: from lo skin mm out, each side's
	// profile (mean depth of its first dots) and that mean's variance.
	type place struct {
		lo       float64
		mean, vr [2]float64
	}
	var places []place
	var us [2][]float64 // each side's depths in the stretch, ascending
	for lo := first; ; lo += stationStep {
		last := lo+width >= end
		if last {
			lo = end - width
		}
		for i := range 2 {
			us[i] = us[i][:0]
			for _, d := range sides[i] {
				if d.a >= lo && d.a < lo+width {
					us[i] = append(us[i], d.u)
				}
			}
			sort.Float64s(us[i])
		}
		if n := min(m, len(us[0]), len(us[1])); n >= symMinDots {
			p := place{lo: lo}
			for i := range 2 {
				p.mean[i], p.vr[i] = meanVar(us[i][:n])
				p.vr[i] /= float64(n)
			}
			places = append(places, p)
		}
		if last {
			break
		}
	}
	if len(places) == 0 {
		return out
	}
	out.measured = true
	best := math.Inf(-1)
	for _, p := range places {
		d := math.Abs(p.mean[1] - p.mean[0])
		allow := math.Max(symFull, symNoise*math.Sqrt(p.vr[0]+p.vr[1]))
		if d-allow <= best {
			continue
		}
		best = d - allow
		out.diff, out.allow = d, allow
		w := 1 // the side set back
		if p.mean[0] > p.mean[1] {
			w = 0
		}
		out.worse, out.better = names[w], names[1-w]
		out.places = out.places[:0]
		for k := range f.has {
			if a := (hp.stationT[k] - hp.midT) * float64(2*w-1); a >= p.lo && a < p.lo+width {
				if f.has[k] {
					out.places = append(out.places, f.at(hp, k))
				} else {
					out.places = append(out.places, hp.pointAt(hp.stationS(k)))
				}
			}
		}
	}
	return out
}

// meanVar returns the mean of v and its variance about the mean.
func meanVar(v []float64) (mean, variance float64) {
	for _, x := range v {
		mean += x / float64(len(v))
	}
	for _, x := range v {
		variance += (x - mean) * (x - mean) / float64(len(v))
	}
	return mean, variance
}

// Model assumptions of the symmetry part. A side with fronts at
// oneSidedMin stations or more against none on the other is one-sided.
// symHalf: the stretches compared are 20 skin mm of line (four stations),
// about the 18 mm or more a set-back temple point spans (the outside
// examiner's fault). symDepth: each side's profile is its first dots, as
// many as a band this deep at full density holds (4 mm: the front of the
// model ramp, §5, whose first 4 mm-at-full of dots reach about 7 mm
// behind its front); symMinDots: fewer dots on a side are no profile.
// symNoise: standard errors of the shift allowed before a difference
// counts: a side holds about four stretches that do not overlap (60–80 mm
// of line), and the largest difference is the one judged, so 2.5 standard
// errors, which sampling alone reaches at one of four places about one
// time in twenty (at 2, Norwood II's faint edge in session 1 read 5.6 mm
// at one place where its allowance was 4.8). symReach: a profile reads
// the dots up to 15 skin mm behind H: the ramp reaches full 5–10 mm behind
// its front (§5), and the first dots of a front set back 4–8 mm lie within
// it; deeper dots are the zones' fill (on Norwood II, the existing hair's,
// which blending matches), and say nothing of where the front lies. On
// Norwood II's sparse work a stretch's first m dots reached 10–14 mm, and
// a faint edge in session 2 read 4.0 mm left against right.
const (
	oneSidedMin = 3
	symHalf     = 2 * stationStep
	symDepth    = 4.0
	symMinDots  = 3
	symNoise    = 2.5
	symReach    = 15.0
)

// openMin: a ramp band at a station counts when at least this share of it
// lies outside existing hair (model).
const openMin = 0.8

// b2f is 1 for true, 0 for false.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// inHair reports whether p lies in existing hair (hp.hair).
func (hp *hairPrep) inHair(p geom.Point) bool {
	for _, bp := range hp.hair {
		if bp.contains(p) {
			return true
		}
	}
	return false
}

// openShare returns the share of station k's band v0–v1 mm behind the
// front (at u front) that is open to the ramp: in a treated zone or on the
// forehead, off the temples (the temple part's) and outside existing hair
// (blending's); sampled every half mm across and at three places along the
// station. The forehead is open because the bands are measured behind the
// work's own front: a front laid a millimetre or two ahead of the design
// line (within the position part's tolerance) carries its edge band onto
// the forehead, and that band is still the trainee's ramp. Were it closed,
// an edge laid just ahead of the line all along would leave its ramp
// unmeasured, and a hard edge there would pass unnamed.
func (s *state) openShare(k int, front, v0, v1 float64) float64 {
	hp := s.p.hair
	n, open := 0, 0
	for _, ds := range [3]float64{-1.0 / 3, 0, 1.0 / 3} {
		sa := hp.stationS(k) + ds*hp.chartLen[k]
		at, nrm := hp.pointAt(sa), hp.normalAt(sa)
		for v := v0 + 0.25; v < v1; v += 0.5 {
			n++
			q := at.Add(nrm.Mul((front + v) / hp.across[k]))
			z := s.p.locate(q)
			if z >= 0 && (s.p.zones[z].treated || s.p.zones[z].z.Kind == scalp.Forehead) && !hp.inTemple(int32(z)) && !hp.inHair(q) {
				open++
			}
		}
	}
	return float64(open) / float64(n)
}

// acrossAt returns skin mm per chart mm across H at arc length s: the
// length on the skin of a unit chart step along H's normal there
// (scalp.Head.Jacobian; 1 on a flat chart). Distances behind the line,
// bands and offsets are measured in skin mm with it (domain.md §9: the
// chart keeps areas, not distances).
func (hp *hairPrep) acrossAt(s float64) float64 {
	v := hp.head.Jacobian(hp.pointAt(s)).Apply(hp.normalAt(s))
	if l := math.Hypot(v.X, v.Y); l > 0 && !math.IsInf(l, 0) {
		return l
	}
	return 1
}

// skinArc returns the skin arc length of H up to chart arc length s.
func (hp *hairPrep) skinArc(s float64) float64 { return interpolate(hp.fs, hp.fineT, s) }

// interpolate returns the value at x of the piecewise-linear map taking
// xs[i] to ys[i] (xs ascending, at least two), extended past the ends
// along the end segments.
func interpolate(xs, ys []float64, x float64) float64 {
	i := min(max(sort.SearchFloat64s(xs, x), 1), len(xs)-1)
	f := 0.0
	if d := xs[i] - xs[i-1]; d > 0 {
		f = (x - xs[i-1]) / d
	}
	return ys[i-1] + f*(ys[i]-ys[i-1])
}

// stationS returns the chart arc length of station k's centre.
func (hp *hairPrep) stationS(k int) float64 { return hp.stationMid[k] }

// cutStations cuts H into stations of stationStep skin mm, from H's
// midline point outward both ways, so that the stations on either side
// pair off at equal skin distances from the midline (the symmetry part's
// mirror places are stations' centres, not points between them). An end
// piece shorter than half a step is joined to its neighbour, so the end
// stations are half a step to one and a half steps long. It sets the
// stations' count, centres, lengths and across.
func (hp *hairPrep) cutStations() {
	total := hp.fineT[len(hp.fineT)-1]
	// Pieces j span midT + j·step to one step more; lo and hi are the
	// first and last that hold some of H.
	lo := int(math.Floor(-hp.midT / stationStep))
	hi := int(math.Ceil((total-hp.midT)/stationStep)) - 1
	if hi > lo && hp.midT+float64(lo+1)*stationStep < stationStep/2 {
		lo++
	}
	if hi > lo && total-(hp.midT+float64(hi)*stationStep) < stationStep/2 {
		hi--
	}
	hp.stations = max(hi-lo+1, 1)
	hp.stationT0 = hp.midT + float64(lo)*stationStep
	n := hp.stations
	hp.stationT, hp.stationMid = make([]float64, n), make([]float64, n)
	hp.chartLen, hp.skinLen, hp.across = make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range n {
		t0, t1 := hp.stationT0+float64(k)*stationStep, hp.stationT0+float64(k+1)*stationStep
		if k == 0 {
			t0 = 0
		}
		if k == n-1 {
			t1 = total
		}
		hp.stationT[k] = (t0 + t1) / 2
		hp.stationMid[k] = hp.chartArc(hp.stationT[k])
		hp.skinLen[k] = t1 - t0
		hp.chartLen[k] = hp.chartArc(t1) - hp.chartArc(t0)
		hp.across[k] = hp.acrossAt(hp.stationMid[k])
	}
}

// reachBox sets hp.box: H's bounds grown by hairReach skin mm where the
// chart is most compressed across H (the least across of its stations),
// with a fifth to spare for the chart's scale changing over the reach.
func (hp *hairPrep) reachBox() {
	lo := slices.Min(hp.across)
	hp.box = geom.Polygon(hp.fine).Bounds().Inset(-1.2 * hairReach / lo)
}

// stationAt returns the station that holds chart arc length s of H.
func (hp *hairPrep) stationAt(s float64) int {
	k := int(math.Floor((hp.skinArc(s) - hp.stationT0) / stationStep))
	return min(max(k, 0), hp.stations-1)
}

// bandArea returns the area, in mm² (the chart keeps areas), of the band
// from the line to depth skin mm behind it along station k: its chart
// length times depth/across chart mm.
func (hp *hairPrep) bandArea(k int, depth float64) float64 {
	return hp.chartLen[k] * depth / hp.across[k]
}

// chartArc returns the chart arc length of H at skin arc length t: the
// inverse of skinArc.
func (hp *hairPrep) chartArc(t float64) float64 { return interpolate(hp.fineT, hp.fs, t) }

// where says which part of the line the arc lengths ss (stations'
// centres) lie along, on the skin: "all along the front" when their
// stations cover more than 60% of H's skin length, else "on the left",
// "in the middle" or "on the right" when two thirds of them lie in that
// third of the line (by skin arc length from the midline point), else "at
// several places".
func (hp *hairPrep) where(ss []float64) string {
	if len(ss) == 0 {
		return "at several places"
	}
	total := hp.fineT[len(hp.fineT)-1]
	var parts [3]int
	covered := 0.0
	for _, s := range ss {
		switch a := hp.skinArc(s) - hp.midT; {
		case a < -total/6:
			parts[0]++
		case a > total/6:
			parts[2]++
		default:
			parts[1]++
		}
		covered += hp.skinLen[hp.stationAt(s)]
	}
	if covered > 0.6*total {
		return "all along the front"
	}
	side := hp.sideNames()
	names := [3]string{"on the " + side[0], "in the middle", "on the " + side[1]}
	for i, p := range parts {
		if p*3 >= 2*len(ss) {
			return names[i]
		}
	}
	return "at several places"
}

// sideNames names H's two sides as the chart shows them: the part before
// H's midline point (from H's first point) and the part after it.
func (hp *hairPrep) sideNames() [2]string {
	if hp.fine[0].X > hp.midX {
		return [2]string{"right", "left"}
	}
	return [2]string{"left", "right"}
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

// midCrossing returns the arc length where H crosses the midline (x =
// midX), exactly, so that the stations laid out from it mirror each other
// on a symmetric head: the most anterior crossing, as buildMidY takes H's
// most anterior y. Where H does not cross the midline, the point of H
// nearest the midline at H's mid-latitude.
func (hp *hairPrep) midCrossing() float64 {
	best, y := math.NaN(), math.Inf(1)
	for i := 1; i < len(hp.fine); i++ {
		a, b := hp.fine[i-1], hp.fine[i]
		if (a.X-hp.midX)*(b.X-hp.midX) > 0 || a.X == b.X {
			continue
		}
		f := (hp.midX - a.X) / (b.X - a.X)
		if yy := (a.Y + f*(b.Y-a.Y)) * hp.faceSign; yy < y {
			best, y = hp.fs[i-1]+f*(hp.fs[i]-hp.fs[i-1]), yy
		}
	}
	if math.IsNaN(best) {
		return hp.nearestS(geom.Pt(hp.midX, hp.pointAt(hp.length/2).Y))
	}
	return best
}

// nearestS returns the arc length of the point of H nearest p.
func (hp *hairPrep) nearestS(p geom.Point) float64 {
	k, _ := hp.grid.NearestTo(p)
	if k < 0 {
		return hp.length / 2
	}
	return hp.fs[k]
}

func negate(ms []marker) []marker {
	out := make([]marker, len(ms))
	for i, m := range ms {
		out[i] = marker{m.p, -m.sev}
	}
	return out
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
	s.hst = reuse(s.old.hst, n)
	s.hs = cleared(s.old.hs, n)
	s.hu = cleared(s.old.hu, n)
	for i := range s.hst {
		s.hst[i] = -1
	}
	if hp := s.p.hair; hp != nil {
		s.stations = reuse(s.old.stations, hp.stations)
		for k := range s.stations {
			s.stations[k].reuse(s.stations[k].ids)
		}
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
	if !ok {
		return
	}
	if u *= hp.acrossAt(sa); math.Abs(u) > hairReach {
		return
	}
	k := hp.stationAt(sa)
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

// strayText writes how far a front strays from its line (RMS, mm) for a
// sentence: to a tenth of a mm, or "under 0.1 mm" where that would print
// 0.0 (a front ruled dot by dot strays less), never "strays only 0.0 mm"
// beside the points it costs.
func strayText(v float64) string {
	if v < 0.05 {
		return "under 0.1 mm"
	}
	return fmt.Sprintf("%.1f mm", v)
}

// mmText writes a distance for a sentence: whole mm, or "—" when it was
// not measured (no landmark to measure from).
func mmText(v float64, measured bool) string {
	if !measured {
		return "—"
	}
	return fmt.Sprintf("%.0f mm", v)
}
