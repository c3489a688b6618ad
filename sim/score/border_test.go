package score

import (
	"math"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// blendTemplate: a treated zone meeting a zone of existing hair at x = 10.
func blendTemplate() *scalp.Template {
	work := rectPoly(-30, -20, 10, 20)
	hair := rectPoly(10, -20, 30, 20)
	return &scalp.Template{
		ID: "test-blend", Head: scalp.Head{RadiusMM: 91, Aspect: 1}, Outline: rectPoly(-30, -20, 30, 20),
		Zones: []scalp.Zone{
			{ID: "mid", Name: "thinning area", Kind: scalp.MidScalp, Polygon: work, Targets: sessionBands},
			{ID: "sides", Name: "sides", Kind: scalp.SidesBack, Polygon: hair},
		},
		Hair: []scalp.HairRegion{{ID: "sides", Polygon: hair, DensityPerCM2: 80, Colour: "#202020"}},
	}
}

func without(pts []geom.Point, drop func(geom.Point) bool) []geom.Point {
	var out []geom.Point
	for _, p := range pts {
		if !drop(p) {
			out = append(out, p)
		}
	}
	return out
}

func TestBlendingTruth(t *testing.T) {
	tp := blendTemplate()
	work := tp.Zones[0].Polygon
	good := poissonDiskDensity(work, 80, 1)
	rg := Grade(tp, dots(good), 3, nil)
	g := rg.Criterion(IDBlending)
	if g == nil {
		t.Fatal("no blending criterion with existing hair")
	}
	t.Logf("good: %.1f value %.2f: %s", g.Score, g.Value, g.Feedback)
	if g.Score < 85 {
		t.Errorf("even work up to the hair scores %.1f on blending, want ≥ 85", g.Score)
	}
	gap := without(good, func(p geom.Point) bool { return p.X > 5 })
	rim := append(append([]geom.Point(nil), good...), poissonDiskDensity(rectPoly(5, -20, 10, 20), 80, 7)...)
	for _, tc := range []struct {
		name, word string
		pts        []geom.Point
	}{{"gap", "Visible border", gap}, {"rim", "Dark rim", rim}} {
		b := Grade(tp, dots(tc.pts), 3, nil).Criterion(IDBlending)
		t.Logf("%s: %.1f value %.2f: %s", tc.name, b.Score, b.Value, b.Feedback)
		if b.Score > g.Score-20 || !strings.Contains(b.Feedback, tc.word) || len(b.Markers) == 0 {
			t.Errorf("%s: blending %.1f (good %.1f), feedback %q, %d markers", tc.name, b.Score, g.Score, b.Feedback, len(b.Markers))
		}
		for _, m := range b.Markers {
			if math.Abs(m.X-10) > blendBand+1 {
				t.Errorf("%s: marker %v is not at the border x = 10", tc.name, m)
			}
		}
	}
	if Grade(fieldTemplate(20), nil, 1, nil).Criterion(IDBlending) != nil {
		t.Error("blending criterion without existing hair")
	}
}

func circle(c geom.Point, r float64, n int) geom.Polygon {
	pg := make(geom.Polygon, n)
	for i := range pg {
		a := 2 * math.Pi * float64(i) / float64(n)
		pg[i] = geom.Pt(c.X+r*math.Cos(a), c.Y+r*math.Sin(a))
	}
	return pg
}

func scarTemplate() *scalp.Template {
	tp := fieldTemplate(60)
	tp.Scars = []scalp.Scar{{ID: "strip", Kind: scalp.ScarFUT, Polygon: rectPoly(-20, -12, 20, -8)}}
	for i := range 6 {
		tp.Scars = append(tp.Scars, scalp.Scar{ID: "fue", Kind: scalp.ScarFUE, Polygon: circle(geom.Pt(-15+6*float64(i), 12), 0.5, 10)})
	}
	return tp
}

func TestScarsTruth(t *testing.T) {
	tp := scarTemplate()
	pg := tp.Zones[0].Polygon
	good := poissonDiskDensity(pg, 85, 2)
	g := Grade(tp, dots(good), 3, nil).Criterion(IDScars)
	if g == nil {
		t.Fatal("no scars criterion")
	}
	t.Logf("good: %.1f value %.2f: %s", g.Score, g.Value, g.Feedback)
	if g.Score < 85 {
		t.Errorf("even work over the scars scores %.1f, want ≥ 85", g.Score)
	}
	strip := tp.Scars[0].Polygon
	avoid := without(good, func(p geom.Point) bool { return strip.Contains(p) })
	barcode := without(good, func(p geom.Point) bool { return !strip.Contains(p) && strip.BoundaryDist(p) < scarRing })
	noFUE := without(good, func(p geom.Point) bool { return math.Abs(p.Y-12) < 2.5 && p.X > -18 && p.X < 18 })
	for _, tc := range []struct {
		name, word string
		pts        []geom.Point
	}{{"avoided", "Scar still shows", avoid}, {"barcode", "Barcode", barcode}, {"fue", "FUE", noFUE}} {
		b := Grade(tp, dots(tc.pts), 3, nil).Criterion(IDScars)
		t.Logf("%s: %.1f: %s", tc.name, b.Score, b.Feedback)
		if b.Score > g.Score-20 || !strings.Contains(b.Feedback, tc.word) || len(b.Markers) == 0 {
			t.Errorf("%s: scars %.1f (good %.1f), feedback %q, %d markers", tc.name, b.Score, g.Score, b.Feedback, len(b.Markers))
		}
	}
}
