package mapping

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/score"
)

// shape grades the line's course: the bell, the corners, straightness and
// macro-irregularity. Turning is measured on the chart (seen from above),
// the line running from the client's left to the right: a positive turn
// bends it round toward the back of the head (convex, the dome of the
// front), a negative one back toward the face (concave, the flank of the
// bell and the frontotemporal angle).
func (g *grader) shape() {
	c := g.c
	mp, can := c.Face.MidPupilMM, c.Face.CanthusMM
	n := len(g.line)
	var centre, concL, concR float64
	for i := 1; i+1 < n; i++ {
		t := turn(g.line[i-1], g.line[i], g.line[i+1])
		u := g.uv[i].X
		switch {
		case math.Abs(u) <= mp:
			centre += t
		case u < 0 && t < 0:
			concL -= t
		case u > 0 && t < 0:
			concR -= t
		}
	}
	centre *= 180 / math.Pi
	concL *= 180 / math.Pi
	concR *= 180 / math.Pi

	// The front: the resampled points between the corners.
	var front geom.Polyline
	var frontUV []geom.Point
	for i, q := range g.uv {
		if math.Abs(q.X) <= can {
			front = append(front, g.line[i])
			frontUV = append(frontUV, q)
		}
	}
	straight := straightShareOf(front)

	sc := 100.0
	mfp := []geom.Point{g.d.MFP}
	switch {
	case straight > straightShare:
		sc = 0
		g.add(FaultStraight, 70, g.straightPlaces(front), "Ruler-straight: %.0f%% of the front runs in straight lines; a natural hairline undulates and curves as a bell.", 100*straight)
	case centre < bellCentreDeg:
		sc = math.Min(sc, 50)
		g.add(FaultNoBell, 50, mfp, "No bell: between the mid-pupil lines the line turns only %.0f° round the front; let the centre bulge forward as a gentle dome.", centre)
	}
	const side = "the client's %s side"
	if arcRMS := circleRMS(g.uv); arcRMS < roundRMSMM && !has(g.found, FaultStraight) {
		sc = math.Min(sc, 10)
		g.add(FaultRound, 60, []geom.Point{g.d.FTPLeft, g.d.FTPRight}, "A round line: seen from the front it is one arc from temple to temple (within %.1f mm of a circle), with no frontotemporal angles; set the corners on the canthus lines and turn the line down from them to the temporal peaks.", arcRMS)
	}
	switch {
	case has(g.found, FaultRound), has(g.found, FaultStraight):
	case concL < ftaCornerDeg && concR < ftaCornerDeg:
		sc = math.Min(sc, 10)
		g.add(FaultRound, 60, []geom.Point{g.d.FTPLeft, g.d.FTPRight}, "A round line: it sweeps from temple to temple as one arc (concave turn %.0f° left, %.0f° right) with no frontotemporal angles; turn it back toward the face at the corners, down to the temporal peaks.", concL, concR)
	case concL < ftaCornerDeg || concR < ftaCornerDeg:
		name, p, conc := "left", g.d.FTPLeft, concL
		if concR < concL {
			name, p, conc = "right", g.d.FTPRight, concR
		}
		sc = math.Min(sc, 70)
		g.add(FaultFilledFTA, 40, []geom.Point{p}, "Filled frontotemporal angle on "+side+": the line rounds the corner (concave turn %.0f°) instead of turning down to the temporal peak.", name, conc)
	}
	g.parts["shape"] = score.Part{ID: "shape", Score: sc, Value: math.Round(centre), Unit: "°"}

	irr := undulation(frontUV)
	isc := 100.0
	if irr < irregularFullMM {
		isc = smoothFloor + (100-smoothFloor)*irr/irregularFullMM
	}
	g.parts["irregularity"] = score.Part{ID: "irregularity", Score: isc, Value: irr, Unit: "mm"}
}

func has(fs []finding, code score.FaultCode) bool {
	for _, f := range fs {
		if f.code == code {
			return true
		}
	}
	return false
}

// circleRMS fits a circle to the points (Kåsa's algebraic fit: x² + y² +
// Dx + Ey + F = 0 by least squares) and returns the RMS distance of the
// points from it; +Inf when no circle fits (collinear or too few points).
func circleRMS(ps []geom.Point) float64 {
	if len(ps) < 8 {
		return math.Inf(1)
	}
	a := mat.NewDense(len(ps), 3, nil)
	b := mat.NewVecDense(len(ps), nil)
	for i, p := range ps {
		a.Set(i, 0, p.X)
		a.Set(i, 1, p.Y)
		a.Set(i, 2, 1)
		b.SetVec(i, -(p.X*p.X + p.Y*p.Y))
	}
	var x mat.VecDense
	if err := x.SolveVec(a, b); err != nil {
		return math.Inf(1)
	}
	cx, cy := -x.AtVec(0)/2, -x.AtVec(1)/2
	r2 := cx*cx + cy*cy - x.AtVec(2)
	if !(r2 > 0) || math.IsInf(r2, 0) {
		return math.Inf(1)
	}
	r := math.Sqrt(r2)
	var ss float64
	for _, p := range ps {
		d := math.Hypot(p.X-cx, p.Y-cy) - r
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(ps)))
}

// turn returns the signed angle in radians the chain a→b→c turns at b.
func turn(a, b, c geom.Point) float64 {
	d1, d2 := b.Sub(a), c.Sub(b)
	return math.Atan2(d1.X*d2.Y-d1.Y*d2.X, d1.X*d2.X+d1.Y*d2.Y)
}

// straightShareOf returns the share of straightWindowMM windows of the
// 1-mm resampled chain that stray under straightDevMM from their chord.
func straightShareOf(l geom.Polyline) float64 {
	w := straightWindowMM
	if len(l) <= w {
		return 0
	}
	var straight, all int
	for i := 0; i+w < len(l); i++ {
		all++
		if maxDev(l[i:i+w+1]) < straightDevMM {
			straight++
		}
	}
	return float64(straight) / float64(all)
}

func maxDev(l geom.Polyline) float64 {
	a, b := l[0], l[len(l)-1]
	var m float64
	for _, p := range l[1 : len(l)-1] {
		m = math.Max(m, geom.SegmentDist(p, a, b))
	}
	return m
}

// straightPlaces marks the middle of the straight runs (at most three).
func (g *grader) straightPlaces(front geom.Polyline) []geom.Point {
	w := straightWindowMM
	var out []geom.Point
	for i := 0; i+w < len(front) && len(out) < 3; i += w {
		if maxDev(front[i:i+w+1]) < straightDevMM {
			out = append(out, front[i+w/2])
		}
	}
	return out
}

// undulation returns the RMS departure, in mm, of the front's heights
// v(u) from their least-squares quartic: the line's macro-irregularity
// about its smooth course.
func undulation(uv []geom.Point) float64 {
	const deg = 4
	if len(uv) < 2*(deg+1) {
		return 0
	}
	umax := 0.0
	for _, q := range uv {
		umax = math.Max(umax, math.Abs(q.X))
	}
	if umax == 0 {
		return 0
	}
	// Vandermonde in u scaled to [-1, 1], so the fit is well conditioned.
	a := mat.NewDense(len(uv), deg+1, nil)
	b := mat.NewVecDense(len(uv), nil)
	for i, q := range uv {
		x, xp := q.X/umax, 1.0
		for k := 0; k <= deg; k++ {
			a.Set(i, k, xp)
			xp *= x
		}
		b.SetVec(i, q.Y)
	}
	var coef, fit mat.VecDense
	if err := coef.SolveVec(a, b); err != nil {
		return 0
	}
	fit.MulVec(a, &coef)
	fit.SubVec(b, &fit)
	return mat.Norm(&fit, 2) / math.Sqrt(float64(len(uv)))
}
