package score

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// The density of a zone is exactly its count over its area.
func TestDensityExact(t *testing.T) {
	tp := fieldTemplate(20)
	pts := uniformIn(tp.Zones[0].Polygon, 137, 5)
	r := Grade(tp, dots(pts), 1, nil)
	want := 137 / tp.Zones[0].Polygon.AreaCM2()
	if z := r.Zones[0]; z.Impressions != 137 || z.DensityPerCM2 != want {
		t.Fatalf("zone: %d dots at %v/cm², want 137 at %v", z.Impressions, z.DensityPerCM2, want)
	}
	if c := r.Criterion(IDDensity); c.Value != want {
		t.Fatalf("density criterion value %v, want %v", c.Value, want)
	}
}

// Blue noise at the session's target is good work: every criterion high.
// Faulty patterns at the same density score worse on the criterion they
// break, and the feedback names the fault.
func TestTruthSyntheticField(t *testing.T) {
	tp := fieldTemplate(40)
	pg := tp.Zones[0].Polygon
	for sess := 1; sess <= 3; sess++ {
		mid := sessionBands[sess-1].Mid()
		good := Grade(tp, dots(poissonDiskDensity(pg, mid, uint64(sess))), sess, nil)
		if good.Overall < 85 {
			t.Errorf("session %d: blue noise overall %.1f, want ≥ 85: %+v", sess, good.Overall, good.Criteria)
		}
		n := good.Impressions
		sq := squareLattice(pg, math.Sqrt(100/mid))
		sparse := poissonDiskDensity(pg, sessionBands[sess-1].Min*0.5, 9)
		// Patchy: about the same count, but packed into the left half.
		patchy := poissonDiskDensity(rectPoly(-20, -20, 0, 20), mid*2, 4)
		for _, tc := range []struct {
			name, crit string
			codes      []FaultCode // any of these names the fault
			pts        []geom.Point
		}{
			{"random", IDUniformity, []FaultCode{FaultRandom, FaultClumps}, uniformIn(pg, n, 3)},
			{"grid", IDUniformity, []FaultCode{FaultGrid, FaultRows, FaultEvenSpacing}, sq},
			{"sparse", IDDensity, []FaultCode{FaultTooSparse}, sparse},
			{"patchy", IDDensity, []FaultCode{FaultPatchy}, patchy},
			{"patchy", IDGaps, []FaultCode{FaultGaps}, patchy},
		} {
			bad := Grade(tp, dots(tc.pts), sess, nil)
			gc, bc := good.Criterion(tc.crit), bad.Criterion(tc.crit)
			if bc.Score > gc.Score-20 {
				t.Errorf("session %d %s: %s scores %.1f vs blue noise %.1f; want clearly worse", sess, tc.name, tc.crit, bc.Score, gc.Score)
			}
			if tc.name == "sparse" && bc.HasFault(FaultPatchy) {
				t.Errorf("session %d: uniformly sparse work called patchy: %+v", sess, bc.Faults)
			}
			if len(bc.Faults) == 0 || !slices.Contains(tc.codes, bc.Faults[0].Code) {
				t.Errorf("session %d %s: %s faults %+v, want the first one of %v", sess, tc.name, tc.crit, bc.Faults, tc.codes)
			} else if !strings.HasPrefix(bc.Feedback, strings.SplitN(faultTable[bc.Faults[0].Code].say, ":", 2)[0]) {
				t.Errorf("session %d %s: feedback %q is not the words of %s", sess, tc.name, bc.Feedback, bc.Faults[0].Code)
			}
			if len(bc.Markers) == 0 {
				t.Errorf("session %d %s: %s has no markers", sess, tc.name, tc.crit)
			}
		}
	}
}

// Clumps are found where they were put.
func TestClumpsLocated(t *testing.T) {
	tp := fieldTemplate(40)
	pg := tp.Zones[0].Polygon
	pts := poissonDiskDensity(pg, 20, 2)
	centres := []geom.Point{geom.Pt(-12, -12), geom.Pt(10, -5), geom.Pt(0, 14)}
	for _, c := range centres {
		for k := range 4 {
			a := float64(k) * math.Pi / 2
			pts = append(pts, geom.Pt(c.X+0.08*math.Cos(a), c.Y+0.08*math.Sin(a)))
		}
	}
	r := Grade(tp, dots(pts), 1, nil)
	g := r.Criterion(IDGaps)
	if p := g.Part("clumps"); p == nil || p.Score >= 100 {
		t.Fatalf("clumps not detected: %+v", g.Parts)
	}
	for _, c := range centres {
		found := false
		for _, m := range g.Markers {
			if m.Dist(c) < 1 {
				found = true
			}
		}
		if !found {
			t.Errorf("no marker within 1 mm of the clump at %v: %v", c, g.Markers)
		}
	}
}

// Dots in a zero-target zone (forehead) are a density fault with markers.
func TestMisplacedDots(t *testing.T) {
	tp := twoZoneTemplate()
	mid := tp.Zone("mid").Polygon
	pts := poissonDiskDensity(mid, 17, 1)
	clean := Grade(tp, dots(pts), 1, nil)
	stray := []geom.Point{geom.Pt(-10, -5), geom.Pt(12, -8), geom.Pt(0, -15)}
	for k := range 30 {
		stray = append(stray, geom.Pt(-25+float64(k)*1.7, -3))
	}
	bad := Grade(tp, dots(append(pts, stray...)), 1, nil)
	cd, bd := clean.Criterion(IDDensity), bad.Criterion(IDDensity)
	if bd.Score >= cd.Score-10 || !strings.Contains(bd.Feedback, "forehead") {
		t.Fatalf("stray forehead dots: density %.1f (clean %.1f), feedback %q", bd.Score, cd.Score, bd.Feedback)
	}
	for _, s := range stray[:3] {
		found := false
		for _, m := range bd.Markers {
			if m.Dist(s) < 2.5 {
				found = true
			}
		}
		if !found {
			t.Errorf("no marker near stray dot %v", s)
		}
	}
}

func shuffled(ims []impression.Impression, seed uint64) []impression.Impression {
	out := append([]impression.Impression(nil), ims...)
	r := rand.New(rand.NewPCG(seed, 3))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func sameScores(t *testing.T, what string, a, b *Report, tol float64) {
	t.Helper()
	if math.Abs(a.Overall-b.Overall) > tol {
		t.Errorf("%s: overall %.9f vs %.9f", what, a.Overall, b.Overall)
	}
	if len(a.Criteria) != len(b.Criteria) {
		t.Fatalf("%s: %d vs %d criteria", what, len(a.Criteria), len(b.Criteria))
	}
	for i := range a.Criteria {
		ca, cb := a.Criteria[i], b.Criteria[i]
		if ca.ID != cb.ID || math.Abs(ca.Score-cb.Score) > tol {
			t.Errorf("%s: %s %.9f vs %s %.9f", what, ca.ID, ca.Score, cb.ID, cb.Score)
		}
	}
	for i := range a.Zones {
		za, zb := a.Zones[i], b.Zones[i]
		if za.Impressions != zb.Impressions || math.Abs(za.ClarkEvansR-zb.ClarkEvansR) > tol {
			t.Errorf("%s: zone %s R %.9f vs %.9f", what, za.ID, za.ClarkEvansR, zb.ClarkEvansR)
		}
	}
}

func mixedWork(seed uint64) []impression.Impression {
	tp := twoZoneTemplate()
	pts := poissonDiskDensity(tp.Zone("mid").Polygon, 40, seed)
	pts = append(pts, uniformIn(tp.Zone("crown").Polygon, 150, seed)...)
	pts = append(pts, geom.Pt(3, -4), geom.Pt(3.05, -4))
	ims := dots(pts)
	for i := range ims {
		if i%17 == 0 {
			ims[i].Depth = impression.Deep
		}
		if i%5 == 0 {
			ims[i].Needle = impression.Needle{Grouping: impression.RL3, GaugeMM: 0.25}
			ims[i].DiameterMM = ims[i].Needle.DotDiameterMM()
		}
	}
	return ims
}

func TestDeterministicAndOrderInvariant(t *testing.T) {
	tp := twoZoneTemplate()
	ims := mixedWork(1)
	a := Grade(tp, ims, 2, nil)
	b := Grade(tp, ims, 2, nil)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("two grades of the same work differ")
	}
	for seed := range uint64(3) {
		sameScores(t, "shuffled", a, Grade(tp, shuffled(ims, seed), 2, nil), 1e-9)
	}
}

// A jitter of 1e-6 mm, far below anything a hand can do, must not move any
// score by more than a hair.
func TestStableUnderJitter(t *testing.T) {
	tp := twoZoneTemplate()
	ims := mixedWork(2)
	a := Grade(tp, ims, 2, nil)
	r := rand.New(rand.NewPCG(4, 4))
	for range 3 {
		j := append([]impression.Impression(nil), ims...)
		for i := range j {
			j[i].Pos = geom.Pt(j[i].Pos.X+(r.Float64()*2-1)*1e-6, j[i].Pos.Y+(r.Float64()*2-1)*1e-6)
		}
		sameScores(t, "jittered", a, Grade(tp, j, 2, nil), 0.5)
	}
}

func TestEmptyInput(t *testing.T) {
	for _, tp := range []*struct{ name string }{{"field"}} {
		_ = tp
	}
	r := Grade(fieldTemplate(20), nil, 1, nil)
	if r.Overall != 0 {
		t.Errorf("empty work overall %.1f, want 0", r.Overall)
	}
	for _, c := range r.Criteria {
		if c.Score != 0 {
			t.Errorf("empty work: %s scores %.1f, want 0", c.ID, c.Score)
		}
		if !strings.HasSuffix(c.Feedback, ".") || len(c.Feedback) < 20 {
			t.Errorf("empty work: %s feedback %q is not a sentence", c.ID, c.Feedback)
		}
	}
	if Grade(nil, nil, 1, nil).Overall != 0 {
		t.Error("nil template should grade 0")
	}
}

// No report ever holds a NaN or an infinity (JSON would refuse it), and all
// scores stay within 0–100, whatever the input.
func TestNoNaNProperty(t *testing.T) {
	tps := []*struct{}{}
	_ = tps
	r := rand.New(rand.NewPCG(77, 1))
	gen := []func() []impression.Impression{
		func() []impression.Impression { return nil },
		func() []impression.Impression { return dots([]geom.Point{geom.Pt(1, 1)}) },
		func() []impression.Impression { // all identical
			p := make([]geom.Point, 50)
			for i := range p {
				p[i] = geom.Pt(2, 3)
			}
			return dots(p)
		},
		func() []impression.Impression { // outside every zone
			return dots(uniformIn(rectPoly(500, 500, 600, 600), 40, 2))
		},
		func() []impression.Impression { // odd values everywhere
			ims := dots(uniformIn(rectPoly(-20, -20, 20, 20), 200, r.Uint64()))
			bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 0, 1e300, -1e300}
			for i := range ims {
				switch r.IntN(6) {
				case 0:
					ims[i].Pos.X = bad[r.IntN(len(bad))]
				case 1:
					ims[i].DiameterMM = bad[r.IntN(len(bad))]
				case 2:
					ims[i].Dilution = bad[r.IntN(len(bad))]
				case 3:
					ims[i].Depth = impression.Depth("weird")
				}
			}
			return ims
		},
		func() []impression.Impression { // a line
			p := make([]geom.Point, 100)
			for i := range p {
				p[i] = geom.Pt(float64(i)*0.1-5, 0)
			}
			return dots(p)
		},
	}
	for _, tp := range []func() any{} {
		_ = tp
	}
	templates := []func() *Report{}
	_ = templates
	for gi, g := range gen {
		for _, tp := range [](func() *Report){
			func() *Report { return Grade(fieldTemplate(20), g(), 1, nil) },
			func() *Report { return Grade(twoZoneTemplate(), g(), 3, Weights{"density": 1}) },
			func() *Report { return Grade(fieldTemplate(20), g(), 7, Weights{"nope": math.NaN()}) },
		} {
			rep := tp()
			if _, err := json.Marshal(rep); err != nil {
				t.Errorf("case %d: report does not encode: %v", gi, err)
			}
			if rep.Overall < 0 || rep.Overall > 100 {
				t.Errorf("case %d: overall %v", gi, rep.Overall)
			}
			for _, c := range rep.Criteria {
				if c.Score < 0 || c.Score > 100 || c.Feedback == "" {
					t.Errorf("case %d: %s score %v feedback %q", gi, c.ID, c.Score, c.Feedback)
				}
			}
		}
	}
}

// Overall is the weighted mean of the criteria, with the weights shown.
func TestWeights(t *testing.T) {
	tp := fieldTemplate(20)
	ims := dots(uniformIn(tp.Zones[0].Polygon, 60, 1))
	r := Grade(tp, ims, 1, Weights{IDDensity: 3, IDUniformity: 1})
	var s, w float64
	for _, c := range r.Criteria {
		s += c.Weight * c.Score
		w += c.Weight
	}
	if w != 4 || math.Abs(r.Overall-s/w) > 1e-9 {
		t.Fatalf("overall %.6f, weighted mean %.6f (total weight %v)", r.Overall, s/w, w)
	}
	if c := r.Criterion(IDGaps); c.Weight != 0 {
		t.Fatalf("unweighted criterion shows weight %v", c.Weight)
	}
	d := Grade(tp, ims, 1, nil)
	if c := d.Criterion(IDDensity); c.Weight != DefaultWeights[IDDensity] {
		t.Fatalf("default weight %v", c.Weight)
	}
}

// Grades may run in parallel: the template preparation and the Monte-Carlo
// references are shared caches.
func TestConcurrentGrades(t *testing.T) {
	tp := twoZoneTemplate()
	ims := mixedWork(3)
	want := Grade(tp, ims, 1, nil)
	done := make(chan *Report)
	for s := range 4 {
		go func() {
			t2 := twoZoneTemplate()
			t2.ID = "concurrent" // not yet prepared: the four race to build it
			done <- Grade(t2, shuffled(ims, uint64(s)), 1, nil)
		}()
	}
	for range 4 {
		sameScores(t, "concurrent", want, <-done, 1e-9)
	}
}

// TestBandTextRounded: target texts print densities to one decimal at most.
func TestBandTextRounded(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{2.7272727272727, 25, "2.7–25/cm²"},
		{21.599999999999998, 50, "21.6–50/cm²"},
		{10, 10.04, "10/cm²"},
		{45, 50, "45–50/cm²"},
	} {
		if got := bandText(c.lo, c.hi); got != c.want {
			t.Errorf("bandText(%v, %v) = %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}
