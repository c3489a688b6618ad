package colour

import (
	"fmt"
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/palette"
)

func TestITAClass(t *testing.T) {
	for _, tc := range []struct {
		ita  float64
		want string
	}{
		{90, "very light"}, {55.01, "very light"}, {55, "light"}, {41.01, "light"}, {41, "intermediate"},
		{28.01, "intermediate"}, {28, "tan"}, {10.01, "tan"}, {10, "brown"}, {-29.99, "brown"},
		{-30, "dark"}, {-90, "dark"},
	} {
		if got := ITAClass(tc.ita); got != tc.want {
			t.Errorf("ITAClass(%v) = %q, want %q", tc.ita, got, tc.want)
		}
	}
}

func TestITAFormula(t *testing.T) {
	// L* 50 + b*·tan(θ): the formula must give θ back.
	for _, deg := range []float64{-60, -30, 0, 10, 45, 70} {
		b := 20.0
		l := 50 + b*math.Tan(deg*math.Pi/180)
		if got := ITALab(l, b); math.Abs(got-deg) > 1e-9 {
			t.Errorf("ITALab(%v, %v) = %v, want %v", l, b, got, deg)
		}
	}
}

// TestITAMonkOrder checks the Monk swatches run light to dark by ITA, as a
// scale of skin lightness must, apart from MST-02/03 which differ mostly
// in undertone.
func TestITAMonkOrder(t *testing.T) {
	p, err := palette.Default()
	if err != nil {
		t.Fatal(err)
	}
	var prev float64 = 1000
	for i := 3; i <= 10; i++ {
		sw, err := p.Skin(fmt.Sprintf("monk:%d", i))
		if err != nil {
			t.Fatal(err)
		}
		ita := ITA(sw.Colour)
		t.Logf("%s ITA %.1f° %s", sw.Name, ita, ITAClass(ita))
		if ita >= prev {
			t.Errorf("%s ITA %.1f not below the previous %.1f", sw.Name, ita, prev)
		}
		prev = ita
	}
}
