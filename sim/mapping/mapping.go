// Package mapping grades a hairline design (sim/design) against the
// client's face (sim/client): the mapping criterion of issue 11, graded
// the way courses teach it with tape and marker (domain-clients.md §4).
//
// Every measure is taken in the head's face frame (scalp.Head.Face): U
// across the forehead from the midline, V up from the brow line, both in
// mm of skin, as a tape laid on the model head would read them. The parts:
//
//   - height: the mid-frontal point's height above the glabella (tape,
//     Head.SurfaceDist) against the sex's range and the bands of the
//     client's styles (juvenile, mature, conservative), never below the
//     client's own natural line;
//   - temples: the frontotemporal points on the lateral-canthus lines,
//     never below the mid-frontal height (filled angle), with a recession
//     that suits the client's sex;
//   - peaks: the temporal peaks where Garg's method puts them;
//   - shape: the bell (convex centre, concave toward the corners), not a
//     ruler line, not a dome or perfect arc, never sloping down from the
//     mid-frontal point;
//   - irregularity: macro-irregularity about a smooth curve;
//   - symmetry: every left–right pair mirrored within about 2 mm;
//   - points: the drawn line runs through the marked points.
//
// Findings are score.Faults with stable codes (faults.go) and chart places.
package mapping

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

// ID is the mapping criterion's id, as exercises weight it.
const ID = "mapping"

// Part ids, in the order they are reported, with their weights in the
// criterion's score (model: height is what matters most, §5 "too low is
// the cardinal sin"; then the corners, the shape and the symmetry).
var partWeights = []struct {
	id string
	w  float64
}{
	{"height", 3}, {"temples", 2}, {"peaks", 1}, {"shape", 2},
	{"irregularity", 0.5}, {"symmetry", 2}, {"points", 1},
}

// finding is a fault with its severity (points lost in its part, for
// ordering) and its sentence.
type finding struct {
	code   score.FaultCode
	places []geom.Point
	sev    float64
	say    string
}

// grader holds one grading's working values.
type grader struct {
	c     *client.Client
	h     scalp.Head
	d     *design.Design
	parts map[string]score.Part
	found []finding
	// line is the design line resampled every 1 mm, running from the
	// client's left to the right; uv its face-frame coordinates.
	line geom.Polyline
	uv   []geom.Point
}

// Grade grades design d for client c and returns the mapping criterion.
// d must have passed d.Check on the client's template (the session reader
// sees to that); Grade never panics on odd geometry all the same.
func Grade(c *client.Client, d *design.Design) score.Criterion {
	g := &grader{c: c, h: c.Head().Head, d: d, parts: map[string]score.Part{}}
	g.line = resample(orient(d.Line), 1)
	g.uv = make([]geom.Point, len(g.line))
	for i, p := range g.line {
		u, v := g.h.Face(p)
		g.uv[i] = geom.Pt(u, v)
	}
	height := g.height()
	g.temples()
	g.peaks()
	g.shape()
	g.symmetry()
	g.points()

	crit := score.Criterion{ID: ID, Name: "Hairline mapping", Unit: "cm", Value: height / 10}
	b := clientBand(c)
	crit.Target = fmt.Sprintf("%.1f–%.1f cm (%s, %s)", b.lo/10, b.hi/10, c.Sex, styleNames(c.Styles))
	var sw, s float64
	for _, pw := range partWeights {
		p := g.parts[pw.id]
		crit.Parts = append(crit.Parts, p)
		sw += pw.w
		s += pw.w * p.Score
	}
	crit.Score = s / sw
	sort.SliceStable(g.found, func(i, j int) bool { return g.found[i].sev > g.found[j].sev })
	for _, f := range g.found {
		if f.code == FaultTooLow && height < sexRange[c.Sex].lo {
			crit.Score = math.Min(crit.Score, tooLowCap)
		}
		if cp, ok := faultCaps[f.code]; ok {
			crit.Score = math.Min(crit.Score, cp)
		}
		crit.Faults = append(crit.Faults, score.Fault{Code: f.code, Marker: f.code.Marker(), Places: f.places})
		crit.Markers = append(crit.Markers, f.places...)
	}
	if len(g.found) > 0 {
		crit.Feedback = g.found[0].say
		if len(g.found) > 1 {
			crit.Feedback += fmt.Sprintf(" (%d more: %s.)", len(g.found)-1, titles(g.found[1:]))
		}
	} else {
		crit.Feedback = fmt.Sprintf("A sound design: the mid-frontal point %.1f cm above the glabella suits this %s, the corners sit on the canthus lines and the sides mirror each other.", height/10, describe(c))
	}
	if crit.Markers == nil {
		crit.Markers = []geom.Point{}
	}
	if crit.Faults == nil {
		crit.Faults = []score.Fault{}
	}
	return crit
}

func titles(fs []finding) string {
	var t []string
	for _, f := range fs {
		t = append(t, strings.ToLower(f.code.Title()))
	}
	return strings.Join(t, "; ")
}

func styleNames(ss []design.Style) string {
	var t []string
	for _, s := range ss {
		t = append(t, string(s))
	}
	return strings.Join(t, " or ")
}

// describe says who the client is in a few words ("progressive 23-year-old man").
func describe(c *client.Client) string {
	who := "man"
	if c.Sex == client.Female {
		who = "woman"
	}
	s := fmt.Sprintf("%d-year-old %s", c.Age, who)
	if c.Progressive {
		s = s + " whose loss is progressing"
	}
	return s
}

// add records a finding.
func (g *grader) add(code score.FaultCode, sev float64, places []geom.Point, format string, a ...any) {
	g.found = append(g.found, finding{code: code, sev: sev, places: places, say: fmt.Sprintf(format, a...)})
}

// within scores v against [lo, hi]: 100 inside, falling linearly to 0 at
// fall outside.
func within(v, lo, hi, fall float64) float64 {
	out := math.Max(lo-v, v-hi)
	if out <= 0 {
		return 100
	}
	return math.Max(0, 100*(1-out/fall))
}

func (g *grader) face(p geom.Point) (u, v float64) { return g.h.Face(p) }

// tapeUp returns the height of p above the brow line as a tape laid up
// its vertical (constant U) from the brow reads it: how a corner's height
// is measured up the canthus line, Garg's "8 cm in a vertical plane from
// E" [82]. Off the midline it is a little more than the face frame's V.
func (g *grader) tapeUp(p geom.Point) float64 {
	u, v := g.h.Face(p)
	const steps = 64
	var s float64
	prev := g.h.FromFace(u, 0)
	for i := 1; i <= steps; i++ {
		q := g.h.FromFace(u, v*float64(i)/steps)
		s += g.h.SurfaceDist(prev, q)
		prev = q
	}
	if v < 0 {
		return -s
	}
	return s
}

// height grades the mid-frontal point and returns its height in mm.
func (g *grader) height() float64 {
	c := g.c
	glab := g.h.FromFace(0, 0)
	hgt := g.h.SurfaceDist(glab, g.d.MFP)
	sr, cb := sexRange[c.Sex], clientBand(c)
	sc := within(hgt, cb.lo, cb.hi, heightFalloffMM)
	mfp := []geom.Point{g.d.MFP}
	switch {
	case hgt < sr.lo:
		g.add(FaultTooLow, 100, mfp, "Too low: the mid-frontal point is %.1f cm above the glabella, below the %.0f–%.0f cm that suits any %s, and too low is the cardinal sin; raise it to %.1f–%.1f cm for this client.",
			hgt/10, sr.lo/10, sr.hi/10, sexNoun(c.Sex), cb.lo/10, cb.hi/10)
	case hgt < cb.lo && c.Progressive:
		g.add(FaultNoRoom, 100-sc, mfp, "No room for future loss: the mid-frontal point is %.1f cm above the glabella, but this %s needs a line that can be lowered later; start at %.1f cm or higher.",
			hgt/10, describe(c), cb.lo/10)
	case hgt < cb.lo:
		g.add(FaultTooLow, 100-sc, mfp, "Too low for this client: the mid-frontal point is %.1f cm above the glabella; a %s line (%s) starts at %.1f cm.",
			hgt/10, styleNames(c.Styles), describe(c), cb.lo/10)
	case hgt > cb.hi:
		g.add(FaultTooHigh, 100-sc, mfp, "Too high: the mid-frontal point is %.1f cm above the glabella, above the %.1f cm a %s line reaches; bring it down toward %.1f cm.",
			hgt/10, cb.hi/10, styleNames(c.Styles), (cb.lo+cb.hi)/20)
	}
	if n := c.Natural; n != nil && hgt < n.MFPMM-belowNaturalMM {
		sc = math.Min(sc, within(hgt, n.MFPMM-belowNaturalMM, math.Inf(1), heightFalloffMM))
		g.add(FaultBelowNatural, 60, mfp, "Lower than the client's own hairline ever was: the mid-frontal point is %.1f cm up, the natural line %.1f cm; follow the old photos and leftover hairs.",
			hgt/10, n.MFPMM/10)
	}
	if s := g.d.Style; s != "" && !slices.Contains(c.Styles, s) {
		sc = math.Min(sc, 60)
		g.add(FaultStyle, 40, mfp, "A %s line does not suit this %s: choose %s.", s, describe(c), styleNames(c.Styles))
	}
	g.parts["height"] = score.Part{ID: "height", Score: sc, Value: hgt / 10, Unit: "cm"}
	return hgt
}

func sexNoun(s client.Sex) string {
	if s == client.Female {
		return "woman"
	}
	return "man"
}

// side is one of the client's sides, with the design's points on it.
type side struct {
	name    string
	sign    float64 // −1 left, +1 right
	ftp, tp geom.Point
}

func (g *grader) sides() [2]side {
	return [2]side{{"left", -1, g.d.FTPLeft, g.d.TPLeft}, {"right", 1, g.d.FTPRight, g.d.TPRight}}
}

// temples grades the frontotemporal points.
func (g *grader) temples() {
	c := g.c
	_, vM := g.face(g.d.MFP)
	onLine, riseMax := ftpOnCanthusMM, riseMaleMaxMM
	if c.Sex == client.Female {
		onLine, riseMax = ftpOnCanthusFemaleMM, riseFemaleMaxMM
	}
	var total, worstRise float64
	for _, sd := range g.sides() {
		u, _ := g.face(sd.ftp)
		v := g.tapeUp(sd.ftp)
		off := sd.sign*u - c.Face.CanthusMM // + lateral, − medial
		s1 := within(off, -onLine, onLine, templeFalloffMM)
		if s1 < 100 {
			where := "inside"
			if off > 0 {
				where = "outside"
			}
			g.add(FaultOffCanthus, 100-s1, []geom.Point{sd.ftp}, "The client's %s frontotemporal point is %.0f mm %s the lateral-canthus line; put the corner on the line.",
				sd.name, math.Abs(off), where)
		}
		rise := v - vM
		s2 := within(rise, -filledToleranceMM, riseMax, templeFalloffMM)
		switch {
		case rise < -filledToleranceMM:
			g.add(FaultFilledFTA, 100-s2+20, []geom.Point{sd.ftp}, "Filled frontotemporal angle: the client's %s corner sits %.0f mm below the mid-frontal height; keep the corners level with it or higher, never lower.",
				sd.name, -rise)
		case rise > riseMax && c.Sex == client.Female:
			g.add(FaultMaleOnFemale, 100-s2+20, []geom.Point{sd.ftp}, "Male recession on a woman: the client's %s corner sits %.0f mm above the mid-frontal point; a woman's line is rounded with little or no recession (at most about %.0f mm).",
				sd.name, rise, riseMax)
		case rise > riseMax:
			g.add(FaultDeepRecession, 100-s2, []geom.Point{sd.ftp}, "Recession too deep: the client's %s corner sits %.0f mm above the mid-frontal point (at most about %.0f mm); bring it down the canthus line.",
				sd.name, rise, riseMax)
		}
		worstRise = math.Max(worstRise, math.Abs(rise))
		total += (s1 + s2) / 2
	}
	// From the side the line runs flat or rises from the MFP, never slopes
	// down: the lowest point of the front between the corners.
	low, at := math.Inf(1), geom.Point{}
	for i, q := range g.uv {
		if math.Abs(q.X) <= c.Face.CanthusMM && q.Y < low {
			low, at = q.Y, g.line[i]
		}
	}
	sc := total / 2
	if drop := vM - low; drop > slopeDownMM {
		sc = math.Min(sc, within(drop, 0, slopeDownMM, templeFalloffMM))
		g.add(FaultSlopesDown, 50, []geom.Point{at}, "The line slopes down from the mid-frontal point: %.0f mm lower toward the temples, a lid from the side; keep it level or rising out to the corners.", drop)
	}
	g.parts["temples"] = score.Part{ID: "temples", Score: sc, Value: worstRise, Unit: "mm"}
}

// peaks grades the temporal peaks by Garg's construction [82]: D lies on
// the line from the frontotemporal point C down to the lateral-canthus
// point E on the brow line, a little past halfway, usually 5 cm of 8.
func (g *grader) peaks() {
	var total, worst float64
	for _, sd := range g.sides() {
		cu, cv := g.face(sd.ftp)
		du, dv := g.face(sd.tp)
		eu, ev := sd.sign*g.c.Face.CanthusMM, 0.0
		ax, ay := eu-cu, ev-cv
		l := math.Hypot(ax, ay)
		if l < 1 {
			total += 0
			continue
		}
		t := ((du-cu)*ax + (dv-cv)*ay) / (l * l)
		perp := math.Abs((du-cu)*ay-(dv-cv)*ax) / l
		along := within(t*l, tpFracLo*l, tpFracHi*l, tpFalloffMM)
		across := within(perp, 0, tpOffLineMM, tpFalloffMM)
		s := math.Min(along, across)
		if s < 100 {
			var why string
			switch {
			case t < 0:
				why = "above its frontotemporal point instead of below it"
			case t < tpFracLo:
				why = fmt.Sprintf("too high: %.0f%% of the way from the corner down to the canthus point", 100*t)
			case t > tpFracHi:
				why = fmt.Sprintf("too low: %.0f%% of the way from the corner down to the canthus point", 100*t)
			default:
				why = fmt.Sprintf("%.0f mm off the line from the corner to the canthus point", perp)
			}
			g.add(FaultPeakMisplaced, 100-s, []geom.Point{sd.tp}, "The client's %s temporal peak is %s; Garg puts it on that line a little past halfway, about 5 cm of 8 below the corner.", sd.name, why)
		}
		worst = math.Max(worst, math.Abs(t-0.625))
		total += s
	}
	g.parts["peaks"] = score.Part{ID: "peaks", Score: total / 2, Value: worst * 100, Unit: "%"}
}

// symmetry compares every left–right pair, mirrored across the midline.
func (g *grader) symmetry() {
	type pair struct {
		name string
		l, r geom.Point
	}
	pairs := []pair{{"frontotemporal point", g.d.FTPLeft, g.d.FTPRight}, {"temporal peak", g.d.TPLeft, g.d.TPRight}}
	if g.d.LAPLeft != nil && g.d.LAPRight != nil {
		pairs = append(pairs, pair{"lateral anterior point", *g.d.LAPLeft, *g.d.LAPRight})
	}
	worst := 0.0
	for _, p := range pairs {
		lu, lv := g.face(p.l)
		ru, rv := g.face(p.r)
		dUp, dOut := lv-rv, -lu-ru // + : the left one higher / further out
		d := math.Max(math.Abs(dUp), math.Abs(dOut))
		worst = math.Max(worst, d)
		if d <= asymmetryFaultMM {
			continue
		}
		hi, lo, amount, how := "left", "right", dUp, "higher"
		if math.Abs(dOut) > math.Abs(dUp) {
			amount, how = dOut, "further out"
		}
		if amount < 0 {
			hi, lo = "right", "left"
		}
		g.add(score.FaultAsymmetric, 100-within(d, 0, symmetryMM, symmetryZeroMM-symmetryMM), []geom.Point{p.l, p.r},
			"Asymmetric: the client's %s %s sits %.0f mm %s than the %s one; mirror the two sides to within about 2 mm.", hi, p.name, math.Abs(amount), how, lo)
	}
	mu, _ := g.face(g.d.MFP)
	if math.Abs(mu) > asymmetryFaultMM {
		worst = math.Max(worst, math.Abs(mu))
		sideName := "right"
		if mu < 0 {
			sideName = "left"
		}
		g.add(FaultOffMidline, 100-within(math.Abs(mu), 0, symmetryMM, symmetryZeroMM-symmetryMM), []geom.Point{g.d.MFP},
			"The mid-frontal point sits %.0f mm to the client's %s of the midline; put it on the midline above the glabella.", math.Abs(mu), sideName)
	}
	g.parts["symmetry"] = score.Part{ID: "symmetry", Score: within(worst, 0, symmetryMM, symmetryZeroMM-symmetryMM), Value: worst, Unit: "mm"}
}

// points checks the drawn line runs through the marked points.
func (g *grader) points() {
	worst := 0.0
	for _, p := range g.d.Points() {
		dist := g.d.Line.Dist(p.P)
		worst = math.Max(worst, dist)
		if dist > onLineMM {
			g.add(FaultOffLine, 100-within(dist, 0, onLineMM, onLineZeroMM-onLineMM), []geom.Point{p.P},
				"The line misses the %s by %.0f mm; draw it through every point you marked.", pointName(p.Field), dist)
		}
	}
	g.parts["points"] = score.Part{ID: "points", Score: within(worst, 0, onLineMM, onLineZeroMM-onLineMM), Value: worst, Unit: "mm"}
}

func pointName(field string) string {
	names := map[string]string{
		"mfp": "mid-frontal point", "ftp_left": "client's left frontotemporal point", "ftp_right": "client's right frontotemporal point",
		"tp_left": "client's left temporal peak", "tp_right": "client's right temporal peak",
		"lap_left": "client's left lateral anterior point", "lap_right": "client's right lateral anterior point",
	}
	return names[field]
}

// orient returns the line running from the client's left (negative x) to
// the right.
func orient(l geom.Polyline) geom.Polyline {
	if len(l) > 1 && l[0].X > l[len(l)-1].X {
		r := make(geom.Polyline, len(l))
		for i, p := range l {
			r[len(l)-1-i] = p
		}
		return r
	}
	return l
}

// resample returns points every step mm along l (and its last point).
func resample(l geom.Polyline, step float64) geom.Polyline {
	if len(l) < 2 {
		return append(geom.Polyline(nil), l...)
	}
	out := geom.Polyline{l[0]}
	carry := 0.0
	for i := 1; i < len(l); i++ {
		a, b := l[i-1], l[i]
		seg := a.Dist(b)
		pos := step - carry
		for ; pos <= seg; pos += step {
			out = append(out, a.Add(b.Sub(a).Mul(pos/seg)))
		}
		carry = seg - (pos - step)
	}
	if last := l[len(l)-1]; out[len(out)-1].Dist(last) > 1e-9 {
		out = append(out, last)
	}
	return out
}
