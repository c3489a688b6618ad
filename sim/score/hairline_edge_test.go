package score

import (
	"math"
	"testing"
)

// TestEdgeBandReadsWhatWasLaid: the ramp part's edge band (the first
// rampEdge mm behind the work's front, over the session's full density)
// reads the density laid there, in every session, on hand-ruled work
// (hairWork: dart throwing behind a mirrored undulating edge, not
// sim/pattern), six seeds. A faint edge laid at 8% of full for 5 mm (the
// outside examiner's session-1 faint edge: a dot every 15 mm of line)
// must read under 12% on average and a soft ramp (25% rising to full 8 mm
// behind: 39% over the first 3 mm) between 30% and 50%.
func TestEdgeBandReadsWhatWasLaid(t *testing.T) {
	f := newHeadFix()
	g := NewGrader(f.t)
	for sess := 1; sess <= 3; sess++ {
		for _, c := range []struct {
			name   string
			ramp   func(u, x float64) float64
			lo, hi float64
		}{{"faint edge (8%)", faintRamp, 0, 0.12}, {"soft ramp (39%)", softRamp, 0.30, 0.50}} {
			sum, n := 0.0, 0
			var reads []float64
			for seed := uint64(1); seed <= 6; seed++ {
				h := g.Grade(dots(f.hairWork(sess, seed, f.undulating(seed), c.ramp)), sess, nil).Criterion(IDHairline)
				r := h.Part("ramp")
				if r == nil || r.Unmeasured {
					t.Fatalf("s%d seed %d %s: ramp unmeasured", sess, seed, c.name)
				}
				sum += r.Value
				n++
				reads = append(reads, math.Round(100*r.Value))
			}
			mean := sum / float64(n)
			t.Logf("s%d %s: edge band %.2f of full on average (%v %%)", sess, c.name, mean, reads)
			if mean < c.lo || mean > c.hi {
				t.Errorf("s%d %s: edge band %.2f of full on average, want %.2f–%.2f", sess, c.name, mean, c.lo, c.hi)
			}
		}
	}
}
