package score

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// Work thrown at random measures R = 1 only on average: a zone of it falls
// below 1 by chance half the time. It is named random, never clumped, over
// many seeds and every session's density; work in real clumps still is
// clumped. (Found by the outside examiner, cmd/smpgrade/internal/examiner:
// random work on the areata patches was called clumped at R = 0.98.)
func TestRandomIsNotClumps(t *testing.T) {
	tp := fieldTemplate(30)
	pg := tp.Zones[0].Polygon
	below1 := 0
	for sess := 1; sess <= 3; sess++ {
		n := int(math.Round(sessionBands[sess-1].Mid() * pg.AreaCM2()))
		for seed := uint64(1); seed <= 12; seed++ {
			r := Grade(tp, dots(uniformIn(pg, n, seed*31+uint64(sess))), sess, nil)
			u := r.Criterion(IDUniformity)
			if r.Zones[0].ClarkEvansR < 1 {
				below1++
			}
			if !u.HasFault(FaultRandom) || u.HasFault(FaultClumps) {
				t.Errorf("s%d seed %d: random work (R = %.3f, %d dots) named %v: %s", sess, seed, r.Zones[0].ClarkEvansR, n, u.Faults, u.Feedback)
			}
			// The same count in clumps of four dots 0.3 mm across.
			parents := uniformIn(pg, n/4, seed)
			var cl []geom.Point
			for _, p := range parents {
				for k := range 4 {
					a := float64(k) * math.Pi / 2
					cl = append(cl, geom.Pt(p.X+0.15*math.Cos(a+float64(seed)), p.Y+0.15*math.Sin(a+float64(seed))))
				}
			}
			if c := Grade(tp, dots(cl), sess, nil).Criterion(IDUniformity); !c.HasFault(FaultClumps) {
				t.Errorf("s%d seed %d: clumped work named %v: %s", sess, seed, c.Faults, c.Feedback)
			}
		}
	}
	if below1 == 0 {
		t.Errorf("no random zone measured R below 1: the test does not exercise the case it is for")
	}
}
