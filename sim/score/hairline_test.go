package score

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// headTemplate is a synthetic frontal scalp: forehead, two temples, a
// transition band 8 mm deep behind a bell-ish design hairline whose
// mid-frontal point is exactly 80 mm (on the model head) above the
// glabella, and a frontal zone behind it.
type headFix struct {
	t        *scalp.Template
	h0       float64 // chart Y of the design line on the midline
	halfW    float64
	curve    float64
	backY    float64
	glabella geom.Point
}

func (f headFix) designY(x float64) float64 { return f.h0 + f.curve*x*x }

func newHeadFix() headFix {
	head := scalp.Head{RadiusMM: 91, Aspect: 1}
	const thetaG = 1.75
	g := head.Project(thetaG, 0)
	h := head.Project(thetaG-80/head.RadiusMM, 0)
	f := headFix{h0: h.Y, halfW: 45, curve: 0.008, backY: -20, glabella: g}
	var design, back geom.Polyline
	for x := -f.halfW; x <= f.halfW+1e-9; x += 3 {
		design = append(design, geom.Pt(x, f.designY(x)))
		back = append(back, geom.Pt(x, f.designY(x)+8))
	}
	rev := func(l geom.Polyline) []geom.Point {
		out := make([]geom.Point, len(l))
		for i := range l {
			out[i] = l[len(l)-1-i]
		}
		return out
	}
	trans := append(geom.Polygon(nil), design...)
	trans = append(trans, rev(back)...)
	frontal := append(geom.Polygon(nil), back...)
	frontal = append(frontal, geom.Pt(f.halfW, f.backY), geom.Pt(-f.halfW, f.backY))
	bottom := g.Y - 10
	fore := geom.Polygon{geom.Pt(-f.halfW, bottom), geom.Pt(f.halfW, bottom)}
	fore = append(fore, rev(design)...)
	yl := f.designY(f.halfW)
	templeL := geom.Polygon{geom.Pt(-f.halfW-20, bottom), geom.Pt(-f.halfW, bottom), geom.Pt(-f.halfW, yl), geom.Pt(-f.halfW, f.backY), geom.Pt(-f.halfW-20, f.backY)}
	templeR := geom.Polygon{geom.Pt(f.halfW, bottom), geom.Pt(f.halfW+20, bottom), geom.Pt(f.halfW+20, f.backY), geom.Pt(f.halfW, f.backY), geom.Pt(f.halfW, yl)}
	var transBands [3]scalp.DensityBand
	for i, b := range sessionBands {
		transBands[i] = scalp.DensityBand{Min: 0.6 * b.Min, Max: 0.6 * b.Max}
	}
	f.t = &scalp.Template{
		ID: "test-head", Head: head,
		Outline: rectPoly(-f.halfW-20, bottom, f.halfW+20, f.backY),
		Zones: []scalp.Zone{
			{ID: "forehead", Name: "forehead", Kind: scalp.Forehead, Polygon: fore},
			{ID: "temple-left", Name: "left temple", Kind: scalp.Temple, Polygon: templeL},
			{ID: "temple-right", Name: "right temple", Kind: scalp.Temple, Polygon: templeR},
			{ID: "transition", Name: "transition", Kind: scalp.Transition, Polygon: trans, Targets: transBands},
			{ID: "frontal", Name: "frontal", Kind: scalp.Frontal, Polygon: frontal, Targets: sessionBands},
		},
		Landmarks: &scalp.Landmarks{
			Glabella: g,
			Midline:  geom.Polyline{geom.Pt(0, g.Y), geom.Pt(0, 0), geom.Pt(0, 100)},
		},
		DesignHairline: design,
	}
	return f
}

// variableBlueNoise is dart throwing with a radius that follows a density
// function (dots per mm² relative to full): a blue-noise pattern whose
// density ramps, as an expert lays a hairline (domain.md §4–5).
func variableBlueNoise(b geom.Rect, full float64, rel func(geom.Point) float64, seed uint64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 99))
	rFull := math.Sqrt(0.69 / (full / 100))
	g := spatial.NewGrid(nil, rFull)
	var pts []geom.Point
	rad := func(p geom.Point) float64 { return rFull / math.Sqrt(math.Max(rel(p), 1e-3)) }
	attempts := int(b.Dx() * b.Dy() * full / 100 * 40)
	for range attempts {
		p := geom.Pt(b.Min.X+r.Float64()*b.Dx(), b.Min.Y+r.Float64()*b.Dy())
		if rel(p) <= 0 {
			continue
		}
		rp := rad(p)
		ok := true
		g.Within(p, 2*rp, func(j int) {
			q := pts[j]
			if p.Dist(q) < (rp+rad(q))/2 {
				ok = false
			}
		})
		if ok {
			g.Add(p)
			pts = append(pts, p)
		}
	}
	return pts
}

// expertHairline lays the hairline as domain.md §5 describes: an undulating
// leading edge, about 25% density at the edge rising to full over 8 mm,
// denser and sparser spots alternating along the edge.
func (f headFix) expertHairline(sess int, shift float64, seed uint64) []geom.Point {
	full := sessionBands[sess-1].Mid()
	edge := func(x float64) float64 {
		return f.designY(x) + shift + 1.5*math.Sin(x/9+float64(seed)) + 0.8*math.Sin(x/4.3+1)
	}
	rel := func(p geom.Point) float64 {
		if math.Abs(p.X) > f.halfW {
			return 0
		}
		u := p.Y - edge(p.X)
		if u < 0 {
			return 0
		}
		micro := 1.0
		if u < 5 {
			micro = 1 + 0.5*math.Sin(p.X/2.2)
		}
		return (0.25 + 0.75*math.Min(1, u/8)) * micro
	}
	return variableBlueNoise(geom.Rect{Min: geom.Pt(-f.halfW, f.h0-25), Max: geom.Pt(f.halfW, f.backY)}, full, rel, seed)
}

// hardline: a ruler-straight, dense row at the design height with full
// density directly behind it.
func (f headFix) hardline(sess int, seed uint64) []geom.Point {
	full := sessionBands[sess-1].Mid()
	var pts []geom.Point
	for x := -f.halfW; x <= f.halfW; x += 0.9 {
		pts = append(pts, geom.Pt(x, f.h0+3))
	}
	rel := func(p geom.Point) float64 {
		if p.Y < f.h0+4 {
			return 0
		}
		return 1
	}
	return append(pts, variableBlueNoise(geom.Rect{Min: geom.Pt(-f.halfW, f.h0), Max: geom.Pt(f.halfW, f.backY)}, full, rel, seed)...)
}

func TestHairlineTruth(t *testing.T) {
	f := newHeadFix()
	for _, sess := range []int{1, 3} {
		expert := f.expertHairline(sess, 0, 1)
		good := Grade(f.t, dots(expert), sess, nil)
		gh := good.Criterion(IDHairline)
		if gh == nil {
			t.Fatal("no hairline criterion on a template with a design hairline")
		}
		t.Logf("session %d expert: overall %.1f hairline %.1f %+v: %s", sess, good.Overall, gh.Score, gh.Parts, gh.Feedback)
		if gh.Score < 80 {
			t.Errorf("session %d: expert hairline scores %.1f, want ≥ 80: %s", sess, gh.Score, gh.Feedback)
		}
		if math.Abs(gh.Value-80) > 6 {
			t.Errorf("session %d: expert hairline height %.1f mm, want ≈ 80", sess, gh.Value)
		}
		temples := append([]geom.Point(nil), expert...)
		temples = append(temples, poissonDiskDensity(f.t.Zone("temple-left").Polygon, sessionBands[sess-1].Mid(), 5)...)
		temples = append(temples, poissonDiskDensity(f.t.Zone("temple-right").Polygon, sessionBands[sess-1].Mid(), 6)...)
		for _, tc := range []struct {
			name, word string
			pts        []geom.Point
		}{
			{"low", "Too low", f.expertHairline(sess, -15, 2)},
			{"hardline", "", f.hardline(sess, 3)},
			{"filled temples", "temples", temples},
		} {
			bad := Grade(f.t, dots(tc.pts), sess, nil)
			bh := bad.Criterion(IDHairline)
			t.Logf("session %d %s: hairline %.1f %+v: %s", sess, tc.name, bh.Score, bh.Parts, bh.Feedback)
			if bh.Score > gh.Score-10 {
				t.Errorf("session %d %s: hairline %.1f vs expert %.1f, want clearly worse", sess, tc.name, bh.Score, gh.Score)
			}
			if tc.word != "" && !strings.Contains(bh.Feedback, tc.word) {
				t.Errorf("session %d %s: feedback %q does not say %q", sess, tc.name, bh.Feedback, tc.word)
			}
			if len(bh.Markers) == 0 {
				t.Errorf("session %d %s: no markers", sess, tc.name)
			}
		}
	}
}

// A template without a hairline (a practice field) has no hairline
// criterion.
func TestHairlineNotApplicable(t *testing.T) {
	r := Grade(fieldTemplate(20), dots(uniformIn(rectPoly(-10, -10, 10, 10), 50, 1)), 1, nil)
	if r.Criterion(IDHairline) != nil {
		t.Fatal("hairline criterion on a practice field")
	}
}

// TestHairlineProfile: the exported profile of the synthetic expert is
// empty well in front of the line, soft just behind it and near full
// 10–20 mm behind; a template without a hairline has none.
func TestHairlineProfile(t *testing.T) {
	f := newHeadFix()
	pr := HairlineProfile(f.t, dots(f.expertHairline(3, 0, 1)), 3, 2)
	if len(pr) != 18 || pr[0].FromMM != -10 || pr[len(pr)-1].ToMM != 25 {
		t.Fatalf("bins %+v", pr)
	}
	var front, edge, back float64
	for _, b := range pr {
		switch {
		case b.ToMM <= -4:
			front += b.Relative
		case b.FromMM >= 0 && b.ToMM <= 2:
			edge = b.Relative
		case b.FromMM >= 12 && b.ToMM <= 20:
			back += b.Relative / 4
		}
	}
	if front > 0.05 || !(edge > 0.1 && edge < 0.7) || !(back > 0.7 && back < 1.3) {
		t.Errorf("front %.2f, edge %.2f, back %.2f: %+v", front, edge, back, pr)
	}
	if HairlineProfile(fieldTemplate(20), nil, 1, 2) != nil {
		t.Error("profile on a template without a hairline")
	}
}

// TestHairlineProfileTruth lays a known density on each side of a
// straight design line and reads it back: 50/cm² behind, 5/cm² in front,
// none from a filled temple; 50/cm² is the full target (the frontal band's
// middle), so the bands behind read about 1 relative. (Moved here from the
// class report, which now plots this profile.)
func TestHairlineProfileTruth(t *testing.T) {
	band := func(lo, hi float64) [3]scalp.DensityBand {
		return [3]scalp.DensityBand{{Min: lo, Max: hi}, {Min: lo, Max: hi}, {Min: lo, Max: hi}}
	}
	// The forehead is in front of the line at y = -20 mm, the hair behind
	// it toward the apex at the origin (+y); the temple takes the line's
	// last 5 mm on the right, as on a head.
	tp := &scalp.Template{
		ID: "synthetic", Outline: rectPoly(-60, -60, 60, 60),
		Zones: []scalp.Zone{
			{ID: "forehead", Name: "forehead", Kind: scalp.Forehead, Polygon: rectPoly(-60, -60, 60, -20)},
			{ID: "temple", Name: "temple", Kind: scalp.Temple, Polygon: rectPoly(45, -20, 60, 60), Targets: band(10, 20)},
			{ID: "frontal", Name: "frontal", Kind: scalp.Frontal, Polygon: rectPoly(-60, -20, 45, 60), Targets: band(40, 60)},
		},
		DesignHairline: geom.Polyline{geom.Pt(-50, -20), geom.Pt(0, -20), geom.Pt(50, -20)},
	}
	var pts []geom.Point
	pts = append(pts, uniformIn(rectPoly(-60, -20, 60, 20), 120*40*50/100, 3)...) // 50/cm² behind (temple part too)
	pts = append(pts, uniformIn(rectPoly(-60, -60, 60, -20), 120*40*5/100, 4)...) // 5/cm² in front
	pts = append(pts, uniformIn(rectPoly(50, -20, 60, 20), 10*40*200/100, 5)...)  // a filled temple: must not count
	pr := HairlineProfile(tp, dots(pts), 1, 2)
	if len(pr) == 0 {
		t.Fatal("no profile")
	}
	var front, back, rel []float64
	for _, b := range pr {
		switch {
		case b.ToMM <= 0:
			front = append(front, b.PerCM2)
		case b.FromMM >= 0 && b.ToMM <= 20:
			back = append(back, b.PerCM2)
			rel = append(rel, b.Relative)
		}
	}
	mean := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	if m := mean(back); math.Abs(m-50) > 2.5 {
		t.Errorf("density behind the line %.1f/cm², want 50", m)
	}
	if m := mean(rel); math.Abs(m-1) > 0.05 {
		t.Errorf("relative density behind the line %.2f, want 1 (full target 50/cm²)", m)
	}
	if m := mean(front); math.Abs(m-5) > 1.5 {
		t.Errorf("density in front of the line %.1f/cm², want 5", m)
	}
}

// TestHairlineProfileCurved lays an even density over a hairline bent in
// a quarter circle of radius 60 mm about the apex and reads it back flat:
// behind the line the bands narrow toward the apex (at 23 mm behind to
// 62% of their length on the line), and the profile must allow for it.
func TestHairlineProfileCurved(t *testing.T) {
	const r, lambda = 60.0, 300.0 // mm; dots per cm²
	var line geom.Polyline
	for a := 45.0; a <= 135.0; a += 2.5 {
		th := a * math.Pi / 180
		line = append(line, geom.Pt(r*math.Cos(th), -r*math.Sin(th)))
	}
	tp := &scalp.Template{
		ID: "arc", Outline: rectPoly(-70, -80, 70, 10),
		Zones: []scalp.Zone{{ID: "frontal", Name: "frontal", Kind: scalp.Frontal, Polygon: rectPoly(-70, -80, 70, 10),
			Targets: [3]scalp.DensityBand{{Min: 20, Max: 40}, {Min: 20, Max: 40}, {Min: 20, Max: 40}}}},
		DesignHairline: line,
	}
	pr := HairlineProfile(tp, dots(uniformIn(tp.Outline, int(140*90*lambda/100), 9)), 1, 2)
	if len(pr) == 0 {
		t.Fatal("no profile")
	}
	// All bands behind together hold thousands of dots: their mean is
	// within 4% (over 3 standard errors), where ignoring the narrowing
	// would read 20% low.
	var sum float64
	var n int
	for _, b := range pr {
		if b.FromMM >= 0 {
			sum += b.PerCM2 / lambda
			n++
		}
	}
	if m := sum / float64(n); math.Abs(m-1) > 0.04 {
		t.Errorf("mean density behind the line %.3f of the laid density", m)
	}
	for _, b := range pr {
		// Poisson noise: a band holds some hundreds of dots (the last, 1 mm
		// wide and shortest, the fewest).
		tol := 4 * math.Sqrt(float64(max(b.Dots, 1))) / float64(max(b.Dots, 1))
		if math.Abs(b.PerCM2/lambda-1) > tol {
			t.Errorf("band %g–%g mm: %.0f/cm² from %d dots, want %.0f (±%.0f%%)", b.FromMM, b.ToMM, b.PerCM2, b.Dots, lambda, 100*tol)
		}
	}
}
