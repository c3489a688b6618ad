package score

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// Live, after any sequence of additions and removals, reports what Grade
// reports for the impressions left.
func TestLiveMatchesGrade(t *testing.T) {
	f := newHeadFix()
	cases := []struct {
		name string
		tp   *scalp.Template
		pool []geom.Point
	}{
		{"head", f.t, f.expertHairline(2, 0, 4)},
		{"two-zone", twoZoneTemplate(), append(poissonDiskDensity(twoZoneTemplate().Zone("mid").Polygon, 40, 3), uniformIn(rectPoly(-30, -20, 30, 40), 300, 9)...)},
		{"blend", blendTemplate(), poissonDiskDensity(rectPoly(-30, -20, 30, 20), 60, 5)},
		{"scars", scarTemplate(), poissonDiskDensity(rectPoly(-30, -30, 30, 30), 50, 6)},
	}
	for _, tc := range cases {
		tp := tc.tp
		r := rand.New(rand.NewPCG(uint64(len(tc.name)), 8))
		pool := dots(tc.pool)
		for i := range pool {
			if i%13 == 0 {
				pool[i].Depth = impression.Deep
			}
			if i%29 == 0 {
				pool[i].Pos = pool[i].Pos.Add(geom.Pt(0.05, 0)) // near-duplicates merge
			}
		}
		// Start from a third, then add the rest one by one while removing
		// some at random.
		start := len(pool) / 3
		l := NewGrader(tp).NewLive(pool[:start], 2, nil)
		ids := make([]int, 0, len(pool))
		kept := map[int]impression.Impression{}
		for i := range start {
			ids = append(ids, i)
			kept[i] = pool[i]
		}
		for _, im := range pool[start:] {
			id := l.Add(im)
			kept[id] = im
			ids = append(ids, id)
			if r.Float64() < 0.3 {
				k := ids[r.IntN(len(ids))]
				l.Remove(k)
				delete(kept, k)
			}
		}
		l.Add(impression.Impression{Pos: geom.Pt(math.NaN(), 0)})
		var left []impression.Impression
		for id := range len(pool) + 1 {
			if im, ok := kept[id]; ok {
				left = append(left, im)
			}
		}
		left = append(left, impression.Impression{Pos: geom.Pt(math.NaN(), 0)})
		if l.Len() != len(left)-1 {
			t.Fatalf("%s: Live holds %d dots, want %d", tc.name, l.Len(), len(left)-1)
		}
		want := Grade(tp, left, 2, nil)
		got := l.Report()
		sameScores(t, tc.name, want, got, 1e-6)
		for i := range want.Criteria {
			wc, gc := want.Criteria[i], got.Criteria[i]
			if math.Abs(wc.Value-gc.Value) > 1e-6 || wc.Feedback != gc.Feedback {
				t.Errorf("%s %s: value %v vs %v, feedback %q vs %q", tc.name, wc.ID, wc.Value, gc.Value, wc.Feedback, gc.Feedback)
			}
		}
		for i := range want.Zones {
			if want.Zones[i] != got.Zones[i] && !closeZones(want.Zones[i], got.Zones[i]) {
				t.Errorf("%s zone %s: %+v vs %+v", tc.name, want.Zones[i].ID, want.Zones[i], got.Zones[i])
			}
		}
	}
}

func closeZones(a, b ZoneStats) bool {
	c := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(x)) }
	return a.ID == b.ID && a.Impressions == b.Impressions && c(a.DensityPerCM2, b.DensityPerCM2) &&
		c(a.NNMeanMM, b.NNMeanMM) && c(a.ClarkEvansR, b.ClarkEvansR) && c(a.ClarkEvansRNaive, b.ClarkEvansRNaive) && math.Abs(a.NNCV-b.NNCV) < 1e-6
}

// A live grade can start empty and be built up dot by dot.
func TestLiveFromEmpty(t *testing.T) {
	tp := fieldTemplate(30)
	pts := poissonDiskDensity(tp.Zones[0].Polygon, 85, 3)
	l := NewGrader(tp).NewLive(nil, 3, nil)
	if r := l.Report(); r.Overall != 0 {
		t.Fatalf("empty live overall %.1f", r.Overall)
	}
	for _, im := range dots(pts) {
		l.Add(im)
	}
	sameScores(t, "from empty", Grade(tp, dots(pts), 3, nil), l.Report(), 1e-6)
	if l := NewGrader(nil).NewLive(nil, 1, nil); l.Report() == nil || l.Add(impression.Impression{}) != -1 {
		t.Fatal("nil-template Live misbehaves")
	}
}
