package mapping

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/score"
)

func mustClient(t *testing.T, id string) *client.Client {
	t.Helper()
	c, err := client.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func grade(t *testing.T, c *client.Client, d design.Design) score.Criterion {
	t.Helper()
	if f, p := d.Check(c.Head()); f != "" {
		t.Fatalf("%s: test design invalid: %s: %s", c.ID, f, p)
	}
	cr := Grade(c, &d)
	t.Logf("%s: %.1f %v %s| %s", c.ID, cr.Score, codes(cr), partsText(cr), cr.Feedback)
	return cr
}

func codes(cr score.Criterion) []score.FaultCode {
	var s []score.FaultCode
	for _, f := range cr.Faults {
		s = append(s, f.Code)
	}
	return s
}

func partsText(cr score.Criterion) string {
	var b strings.Builder
	for _, p := range cr.Parts {
		fmt.Fprintf(&b, "%s=%.0f(%.2f%s) ", p.ID, p.Score, p.Value, p.Unit)
	}
	return b.String()
}

func TestReferenceDesignsScoreWell(t *testing.T) {
	for _, c := range client.All() {
		cr := grade(t, c, c.Design())
		if cr.Score < 85 || len(cr.Faults) > 0 {
			t.Errorf("%s: the instructor's reference scores %.1f with faults %v: %s", c.ID, cr.Score, codes(cr), cr.Feedback)
		}
	}
}

// gargDesign builds Garg's 8-8-8 design [82] on the client's own
// landmarks, by tape on the model head, without the face frame the grader
// uses: B is 8 cm above the glabella A along the midline; E is the
// lateral-canthus point on the brow line; C is 8 cm up the canthus line
// from E; D lies on that line 5 cm below C. The front is a Catmull–Rom
// curve through C, B, C' on the chart, the temporal sides straight C→D.
func gargDesign(t *testing.T, c *client.Client) design.Design {
	h := c.Head().Head
	lm := c.Landmarks()
	a := lm.Glabella
	// B: bisection up the midline (chart y grows toward the nape).
	lo, hi := a.Y, 0.0
	for range 60 {
		m := (lo + hi) / 2
		if h.SurfaceDist(a, geom.Pt(0, m)) < 80 {
			lo = m
		} else {
			hi = m
		}
	}
	b := geom.Pt(0, lo)
	// Along a canthus landmark line, the point s mm of tape from its foot.
	at := func(line geom.Polyline, s float64) geom.Point {
		var run float64
		for i := 1; i < len(line); i++ {
			seg := h.SurfaceDist(line[i-1], line[i])
			if run+seg >= s {
				f := (s - run) / seg
				return line[i-1].Add(line[i].Sub(line[i-1]).Mul(f))
			}
			run += seg
		}
		t.Fatalf("canthus line shorter than %g mm", s)
		return geom.Point{}
	}
	cl, cr := at(lm.CanthusLeft, 80), at(lm.CanthusRight, 80)
	dl, dr := at(lm.CanthusLeft, 30), at(lm.CanthusRight, 30)
	front := catmullRom([]geom.Point{cl, b, cr}, 40)
	var line geom.Polyline
	for i := 0; i < 10; i++ {
		line = append(line, dl.Add(cl.Sub(dl).Mul(float64(i)/10)))
	}
	line = append(line, front...)
	for i := 1; i <= 10; i++ {
		line = append(line, cr.Add(dr.Sub(cr).Mul(float64(i)/10)))
	}
	return design.Design{MFP: b, FTPLeft: cl, FTPRight: cr, TPLeft: dl, TPRight: dr, Line: line}
}

// catmullRom samples a centripetal-free (uniform) Catmull–Rom spline
// through ps, with each end extended by reflection, n samples per span.
func catmullRom(ps []geom.Point, n int) geom.Polyline {
	ext := append([]geom.Point{ps[0].Mul(2).Sub(ps[1])}, ps...)
	ext = append(ext, ps[len(ps)-1].Mul(2).Sub(ps[len(ps)-2]))
	var out geom.Polyline
	for i := 1; i+2 < len(ext); i++ {
		p0, p1, p2, p3 := ext[i-1], ext[i], ext[i+1], ext[i+2]
		for k := 0; k < n; k++ {
			s := float64(k) / float64(n)
			s2, s3 := s*s, s*s*s
			out = append(out, p1.Mul(2).Add(p2.Sub(p0).Mul(s)).Add(p0.Mul(2).Sub(p1.Mul(5)).Add(p2.Mul(4)).Sub(p3).Mul(s2)).
				Add(p1.Mul(3).Sub(p0).Sub(p2.Mul(3)).Add(p3).Mul(s3)).Mul(0.5))
		}
	}
	return append(out, ps[len(ps)-1])
}

func TestGargDesignScoresWell(t *testing.T) {
	for _, id := range []string{"c03", "c05", "c06", "c08"} {
		c := mustClient(t, id)
		cr := grade(t, c, gargDesign(t, c))
		if cr.Score < 85 {
			t.Errorf("%s: Garg's 8-8-8 design scores %.1f (%v): %s", id, cr.Score, codes(cr), cr.Feedback)
		}
	}
}

// withRef builds the client's reference design with its parameters
// changed by edit.
func withRef(c *client.Client, edit func(*client.Reference)) design.Design {
	r := c.Reference
	edit(&r)
	return r.Build(c.Head().Head, c.Face, c.ID)
}

func TestSixCentimetresIsTooLowForAManOnly(t *testing.T) {
	man := mustClient(t, "c03")
	cr := grade(t, man, withRef(man, func(r *client.Reference) { r.MFPMM = 60 }))
	if !cr.HasFault(FaultTooLow) || !strings.Contains(strings.ToLower(cr.Feedback), "too low") || cr.Score > tooLowCap {
		t.Errorf("man at 6 cm: %.1f %v %q, want too-low named and the score capped", cr.Score, codes(cr), cr.Feedback)
	}
	if got := cr.Value; math.Abs(got-6) > 0.05 {
		t.Errorf("value %.2f cm, want 6", got)
	}
	woman := mustClient(t, "c10")
	cr = grade(t, woman, withRef(woman, func(r *client.Reference) { r.MFPMM = 60 }))
	if cr.HasFault(FaultTooLow) {
		t.Errorf("woman at 6 cm named too low: %v %q (women's norms are lower)", codes(cr), cr.Feedback)
	}
}

func TestYoungProgressiveNeedsRoom(t *testing.T) {
	c := mustClient(t, "c04") // 28, progressive: conservative only
	cr := grade(t, c, withRef(c, func(r *client.Reference) { r.MFPMM = 76 }))
	if !cr.HasFault(FaultNoRoom) {
		t.Errorf("7.6 cm on a young progressive client: %v, want %s", codes(cr), FaultNoRoom)
	}
}

func TestAsymmetricTemplesNamedWithTheSide(t *testing.T) {
	c := mustClient(t, "c03")
	d := c.Design()
	h := c.Head().Head
	u, v := h.Face(d.FTPLeft)
	d.FTPLeft = h.FromFace(u, v+8)
	cr := grade(t, c, d)
	f := cr.Faults
	if !cr.HasFault(score.FaultAsymmetric) {
		t.Fatalf("left corner 8 mm higher: %v", codes(cr))
	}
	for _, x := range f {
		if x.Code == score.FaultAsymmetric && (len(x.Places) != 2 || x.Places[0] != d.FTPLeft) {
			t.Errorf("places %v, want both corners, left first", x.Places)
		}
	}
	if !strings.Contains(feedbackFor(cr, score.FaultAsymmetric, c, &d), "left frontotemporal point sits 8 mm higher") {
		t.Errorf("feedback does not name the side: %q", feedbackFor(cr, score.FaultAsymmetric, c, &d))
	}
	// The temporal peaks 8 mm apart outward, on the right.
	d = c.Design()
	u, v = h.Face(d.TPRight)
	d.TPRight = h.FromFace(u+8, v)
	cr = grade(t, c, d)
	if s := feedbackFor(cr, score.FaultAsymmetric, c, &d); !strings.Contains(s, "right temporal peak sits 8 mm further out") {
		t.Errorf("right peak 8 mm out: %q", s)
	}
}

// feedbackFor returns the sentence the grader wrote for code.
func feedbackFor(cr score.Criterion, code score.FaultCode, c *client.Client, d *design.Design) string {
	g := &grader{c: c, h: c.Head().Head, d: d, parts: map[string]score.Part{}}
	g.line = resample(orient(d.Line), 1)
	for _, p := range g.line {
		u, v := g.h.Face(p)
		g.uv = append(g.uv, geom.Pt(u, v))
	}
	g.height()
	g.temples()
	g.peaks()
	g.shape()
	g.symmetry()
	g.points()
	for _, f := range g.found {
		if f.code == code {
			return f.say
		}
	}
	return ""
}

func TestStraightAndRoundLinesNamed(t *testing.T) {
	c := mustClient(t, "c03")
	ref := c.Design()
	// A ruler line: straight segments through the marked points, like the
	// issue's example.
	d := ref
	d.LAPLeft, d.LAPRight = nil, nil
	d.Line = geom.Polyline{d.TPLeft, d.FTPLeft, d.MFP, d.FTPRight, d.TPRight}
	cr := grade(t, c, d)
	if !cr.HasFault(FaultStraight) {
		t.Errorf("ruler line: %v, want %s", codes(cr), FaultStraight)
	}
	// A perfect arc: seen from the front, a circle through both temporal
	// peaks and the mid-frontal point, with no frontotemporal angles; the
	// corners marked where it crosses the canthus lines.
	d = ref
	d.LAPLeft, d.LAPRight, d.Line = nil, nil, nil
	h := c.Head().Head
	face := func(p geom.Point) geom.Point { u, v := h.Face(p); return geom.Pt(u, v) }
	for _, q := range arc(face(d.TPLeft), face(d.MFP), face(d.TPRight), 200) {
		d.Line = append(d.Line, h.FromFace(q.X, q.Y))
	}
	d.FTPLeft, d.FTPRight = nearestTo(d.Line, ref.FTPLeft), nearestTo(d.Line, ref.FTPRight)
	cr = grade(t, c, d)
	if !cr.HasFault(FaultRound) {
		t.Errorf("circular arc: %v, want %s", codes(cr), FaultRound)
	}
}

// arc samples the circle through a, b, c from a to c.
func arc(a, b, c geom.Point, n int) geom.Polyline {
	d := 2 * (a.X*(b.Y-c.Y) + b.X*(c.Y-a.Y) + c.X*(a.Y-b.Y))
	sq := func(p geom.Point) float64 { return p.X*p.X + p.Y*p.Y }
	o := geom.Pt((sq(a)*(b.Y-c.Y)+sq(b)*(c.Y-a.Y)+sq(c)*(a.Y-b.Y))/d, (sq(a)*(c.X-b.X)+sq(b)*(a.X-c.X)+sq(c)*(b.X-a.X))/d)
	r := a.Dist(o)
	t0, tb, t1 := math.Atan2(a.Y-o.Y, a.X-o.X), math.Atan2(b.Y-o.Y, b.X-o.X), math.Atan2(c.Y-o.Y, c.X-o.X)
	// Go from t0 to t1 the way that passes tb.
	norm := func(x float64) float64 { return math.Mod(x-t0+4*math.Pi, 2*math.Pi) }
	span := norm(t1)
	if norm(tb) > span {
		span -= 2 * math.Pi
	}
	var out geom.Polyline
	for i := 0; i <= n; i++ {
		th := t0 + span*float64(i)/float64(n)
		out = append(out, geom.Pt(o.X+r*math.Cos(th), o.Y+r*math.Sin(th)))
	}
	return out
}

func nearestTo(l geom.Polyline, p geom.Point) geom.Point {
	best := l[0]
	for _, q := range l {
		if q.Dist(p) < best.Dist(p) {
			best = q
		}
	}
	return best
}

func TestFilledAngleNamed(t *testing.T) {
	c := mustClient(t, "c03")
	// The corners 10 mm below the mid-frontal height: the angle filled in.
	d := c.Design()
	h := c.Head().Head
	_, vM := h.Face(d.MFP)
	for _, p := range []*geom.Point{&d.FTPLeft, &d.FTPRight} {
		u, _ := h.Face(*p)
		*p = h.FromFace(u, vM-10)
	}
	d.LAPLeft, d.LAPRight = nil, nil
	front := catmullRom([]geom.Point{d.FTPLeft, d.MFP, d.FTPRight}, 30)
	d.Line = append(append(geom.Polyline{d.TPLeft}, front...), d.TPRight)
	cr := grade(t, c, d)
	if !cr.HasFault(FaultFilledFTA) {
		t.Errorf("corners 1 cm below the MFP: %v, want %s", codes(cr), FaultFilledFTA)
	}
}

func TestMaleRecessionOnAWomanNamed(t *testing.T) {
	c := mustClient(t, "c10")
	cr := grade(t, c, withRef(c, func(r *client.Reference) { r.FTPRiseMM = 25 }))
	if !cr.HasFault(FaultMaleOnFemale) {
		t.Errorf("2.5 cm recession on a woman: %v, want %s", codes(cr), FaultMaleOnFemale)
	}
	man := mustClient(t, "c03")
	cr = grade(t, man, withRef(man, func(r *client.Reference) { r.FTPRiseMM = 22 }))
	if cr.HasFault(FaultMaleOnFemale) || len(cr.Faults) > 0 {
		t.Errorf("2.5 cm recession on a man: %v", codes(cr))
	}
}

func TestEveryCodeHasATitle(t *testing.T) {
	for _, c := range Codes() {
		if c.Title() == string(c) {
			t.Errorf("%s has no title", c)
		}
	}
}
