package scalp

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

func TestProjectRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, h := range []Head{{RadiusMM: 92, Aspect: 1.1}, {RadiusMM: 85, Aspect: 1}, {RadiusMM: 100, Aspect: 1.25}} {
		for range 10000 {
			theta := r.Float64() * 0.8 * math.Pi // the chart reaches about 0.75π at the nape
			phi := (2*r.Float64() - 1) * math.Pi
			p := h.Project(theta, phi)
			th2, ph2 := h.Unproject(p)
			q := h.Project(th2, ph2)
			if math.Abs(th2-theta) > 1e-9 || (theta > 1e-6 && math.Abs(wrapAngle(ph2-phi)) > 1e-9) || p.Dist(q) > 1e-9 {
				t.Fatalf("%+v: (%g, %g) → %v → (%g, %g)", h, theta, phi, p, th2, ph2)
			}
		}
	}
}

// TestProjectPreservesArea integrates small patches of the head: a patch
// θ1..θ2 × φ1..φ2 of the sphere has area R²(cos θ1 − cos θ2)(φ2 − φ1); its
// chart image, traced finely, must have the same area.
func TestProjectPreservesArea(t *testing.T) {
	h := Head{RadiusMM: 92, Aspect: 1.1}
	r := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		t1 := r.Float64() * 2.3
		t2 := t1 + 0.02 + 0.1*r.Float64()
		p1 := (2*r.Float64() - 1) * math.Pi
		p2 := p1 + 0.02 + 0.2*r.Float64()
		want := h.RadiusMM * h.RadiusMM * (math.Cos(t1) - math.Cos(t2)) * (p2 - p1)
		const n = 200
		var pg geom.Polygon
		for i := range n {
			pg = append(pg, h.Project(t1, p1+(p2-p1)*float64(i)/n))
		}
		for i := range n {
			pg = append(pg, h.Project(t1+(t2-t1)*float64(i)/n, p2))
		}
		for i := range n {
			pg = append(pg, h.Project(t2, p2-(p2-p1)*float64(i)/n))
		}
		for i := range n {
			pg = append(pg, h.Project(t2-(t2-t1)*float64(i)/n, p1))
		}
		if got := pg.Area(); math.Abs(got-want) > 1e-3*want {
			t.Fatalf("patch θ %.3f–%.3f φ %.3f–%.3f: chart %.4f mm², skin %.4f mm²", t1, t2, p1, p2, got, want)
		}
	}
}

// TestSurfaceDist checks the tape-measure distance against known arcs.
func TestSurfaceDist(t *testing.T) {
	h := Head{RadiusMM: 92, Aspect: 1.1}
	apex := geom.Point{}
	// Along a meridian the distance is R·Δθ.
	for _, th := range []float64{0.1, 0.7, 1.5, 2.2} {
		p := h.Project(th, 0.3)
		if d := h.SurfaceDist(apex, p); math.Abs(d-h.RadiusMM*th) > 1e-6 {
			t.Errorf("θ=%g: %g mm, want %g", th, d, h.RadiusMM*th)
		}
	}
	// A quarter of the equator.
	a, b := h.Project(math.Pi/2, 0), h.Project(math.Pi/2, math.Pi/2)
	if d := h.SurfaceDist(a, b); math.Abs(d-h.RadiusMM*math.Pi/2) > 1e-6 {
		t.Errorf("quarter equator %g mm", d)
	}
}
