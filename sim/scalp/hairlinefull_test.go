package scalp

import (
	"math"
	"testing"
)

// TestHairlineFull: the ramp's full target is the session's open-skin
// band middle (domain.md §3) on every head whose hairline is treated,
// Norwood II included, whose frontal band is lowered for its thinning hair
// and whose transition band is the ramp's average; none where the
// hairline is kept (Ludwig II).
func TestHairlineFull(t *testing.T) {
	for _, id := range []string{"norwood2", "norwood3", "norwood7", "ludwig2"} {
		tp, err := Lookup(id)
		if err != nil {
			t.Fatal(err)
		}
		for s := 1; s <= 3; s++ {
			want := SessionBands()[s-1].Mid()
			if id == "ludwig2" {
				want = 0
			}
			if got := tp.HairlineFull(s); math.Abs(got-want) > 1e-9*max(want, 1) {
				t.Errorf("%s s%d: HairlineFull %.4f, want %.4f", id, s, got, want)
			}
		}
	}
}

// TestRampBandAveragesToTransitionFactors: the ramp band's two ends,
// averaged over a transition zone's depth, are the factors the zone's
// target is scaled by (one ramp, domain.md §5, for the template and the
// score).
func TestRampBandAveragesToTransitionFactors(t *testing.T) {
	for _, w := range []float64{5, 7, 10, 12} {
		var lo, hi float64
		const n = 10000
		for i := range n {
			l, h := RampBand((float64(i) + 0.5) * w / n)
			lo += l / n
			hi += h / n
		}
		wlo, whi := TransitionFactors(w)
		if math.Abs(lo-wlo) > 1e-6 || math.Abs(hi-whi) > 1e-6 {
			t.Errorf("%g mm: RampBand averages %.4f–%.4f, TransitionFactors %.4f–%.4f", w, lo, hi, wlo, whi)
		}
	}
}
