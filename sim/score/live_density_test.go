package score

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// A Live keeps its fine windows' counts and its nearest-neighbour ratio's
// samples dot by dot (liveDensity): after any run of additions and
// removals, with reports between them, the counts equal a one-off
// grade's of the dots left, and the ratio equals, to the last bit, the
// ratio measured afresh on the Live's own dots (a one-off grade samples
// its own list of dots, which holds no removed ones). Sparse random work
// in session 1, on a flat field and on a head (skin distances), so the
// fine windows exist and the ratio is measured.
func TestLiveDensityKept(t *testing.T) {
	nw, err := scalp.Lookup("norwood7")
	if err != nil {
		t.Fatal(err)
	}
	field := fieldTemplate(60)
	cases := []struct {
		name string
		tp   *scalp.Template
		pool []geom.Point
	}{
		{"field", field, uniformIn(field.Outline, 700, 3)},
		{"norwood7", nw, uniformIn(nw.Outline, 4000, 4)},
	}
	for _, tc := range cases {
		r := rand.New(rand.NewPCG(7, uint64(len(tc.pool))))
		pool := dots(tc.pool)
		start := len(pool) / 2
		l := NewGrader(tc.tp).NewLive(pool[:start], 1, nil)
		kept := map[int]impression.Impression{}
		ids := []int{}
		for i := range start {
			kept[i] = pool[i]
			ids = append(ids, i)
		}
		fineSeen, ratioSeen := false, false
		check := func(when string) {
			t.Helper()
			s := l.s
			var left []impression.Impression
			for id := range len(s.pts) {
				if im, ok := kept[id]; ok {
					left = append(left, im)
				}
			}
			fresh := newState(s.p, left, false)
			for zi := range s.p.zones {
				if got, want := s.ld.fine[zi], fresh.fineCounts(zi); !slices.Equal(got, want) {
					t.Fatalf("%s %s zone %d: fine counts %v, a grade's %v", tc.name, when, zi, got, want)
				}
				fineSeen = fineSeen || len(s.ld.fine[zi]) > 0
				got := s.nnRatio(zi)
				ld := s.ld
				s.ld = nil
				want := s.nnRatio(zi)
				s.ld = ld
				if got != want {
					t.Fatalf("%s %s zone %d: kept ratio %v, measured afresh %v", tc.name, when, zi, got, want)
				}
				ratioSeen = ratioSeen || got > 0
			}
		}
		check("at start")
		for k, im := range pool[start:] {
			id := l.Add(im)
			kept[id] = im
			ids = append(ids, id)
			if r.Float64() < 0.4 {
				j := r.IntN(len(ids))
				l.Remove(ids[j])
				delete(kept, ids[j])
				ids = slices.Delete(ids, j, j+1)
			}
			switch {
			case k%5 == 0:
				check("after a change")
			case k%17 == 0:
				l.Report()
			}
		}
		// More changes than a zone remembers between reports.
		for _, id := range ids[:len(ids)/3] {
			l.Remove(id)
			delete(kept, id)
		}
		check("after many removals")
		if !fineSeen || !ratioSeen {
			t.Fatalf("%s: the test saw no fine windows (%v) or no ratio (%v)", tc.name, fineSeen, ratioSeen)
		}
	}
}
