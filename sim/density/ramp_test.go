package density

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// TestWindowMean against geometry: the mean of y over a whole disc is its
// centre's; over the half of a disc beyond a straight edge through its
// centre it is 4R/(3π) past the edge; NaN samples are left out, and a
// disc outside the region has no mean.
func TestWindowMean(t *testing.T) {
	sq := geom.Polygon{{X: -20, Y: -20}, {X: 20, Y: -20}, {X: 20, Y: 20}, {X: -20, Y: 20}}
	flat := scalp.Head{Projection: scalp.Flat}
	const r = 5.0
	y := func(p geom.Point) float64 { return p.Y }
	if m := WindowMean(flat, sq, geom.Pt(3, 4), r, y); math.Abs(m-4) > 0.05 {
		t.Errorf("whole disc: mean y %.3f, want 4", m)
	}
	// The disc at the square's top edge: its half inside, y < 20.
	if m, want := WindowMean(flat, sq, geom.Pt(0, 20), r, y), 20-4*r/(3*math.Pi); math.Abs(m-want) > 0.2 {
		t.Errorf("half disc: mean y %.3f, want %.3f", m, want)
	}
	upper := func(p geom.Point) float64 {
		if p.Y < 0 {
			return math.NaN()
		}
		return p.Y
	}
	if m, want := WindowMean(flat, sq, geom.Pt(0, 0), r, upper), 4*r/(3*math.Pi); math.Abs(m-want) > 0.2 {
		t.Errorf("NaN below the centre: mean y %.3f, want %.3f", m, want)
	}
	if m := WindowMean(flat, sq, geom.Pt(40, 40), r, y); !math.IsNaN(m) {
		t.Errorf("disc outside the region: mean %v, want NaN", m)
	}
}

// TestRampFit: windows laid along a straight ramp (a density rising with
// depth, each count Poisson about it, drawn here) give back the ramp's
// expected counts within a few per cent; windows all at one depth give
// their mean level; the line never expects fewer than no dots.
func TestRampFit(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	poisson := func(mu float64) int {
		k, p, u := 0, math.Exp(-mu), rnd.Float64()
		for s := p; u > s; s += p {
			k++
			p *= mu / float64(k)
		}
		return k
	}
	lam := func(depth float64) float64 { return 0.05 + 0.02*depth } // per mm²
	const area = 60.0
	var r Ramp
	for i := range 2000 {
		d := 1 + 4*float64(i%41)/40
		r.Add(poisson(lam(d)*area), area, d, 20)
	}
	for _, d := range []float64{1, 3, 5} {
		if got, want := r.Expected(area, d), lam(d)*area; math.Abs(got-want) > 0.03*want {
			t.Errorf("depth %g: expected %.2f dots, want %.2f", d, got, want)
		}
	}
	var flat Ramp
	for i := range 21 {
		flat.Add(4+i%3, area, 2.5, 20)
	}
	if got := flat.Expected(area, 6); math.Abs(got-5) > 1e-9 {
		t.Errorf("one depth: expected %.3f, want the mean count 5", got)
	}
	var down Ramp
	down.Add(30, area, 1, 20)
	down.Add(0, area, 2, 20)
	if got := down.Expected(area, 4); got != 0 {
		t.Errorf("a falling line past zero: expected %.3f, want 0", got)
	}
	if got := (Ramp{}).Expected(area, 1); got != 0 {
		t.Errorf("no windows: expected %.3f, want 0", got)
	}
}
