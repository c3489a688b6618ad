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

// onSphere is the skin point at polar angle theta and azimuth phi, computed
// straight from the angles: the independent reference the metric tests use.
func onSphere(r, theta, phi float64) [3]float64 {
	return [3]float64{r * math.Sin(theta) * math.Sin(phi), -r * math.Sin(theta) * math.Cos(phi), r * math.Cos(theta)}
}

// greatCircle is the arc between two sphere points from their dot product.
func greatCircle(r float64, a, b [3]float64) float64 {
	c := (a[0]*b[0] + a[1]*b[1] + a[2]*b[2]) / (r * r)
	return r * math.Acos(math.Max(-1, math.Min(1, c)))
}

// TestSkinMetric checks ToSkin, FromSkin, SurfaceDist, LocalDist and the
// Jacobian against points placed on the sphere by their angles.
func TestSkinMetric(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, h := range []Head{{RadiusMM: 92, Aspect: 1.1}, {RadiusMM: 85, Aspect: 1}, {Projection: Azimuthal, RadiusMM: 100, Aspect: 1.25}} {
		for range 20000 {
			t1 := r.Float64() * 0.8 * math.Pi
			p1 := (2*r.Float64() - 1) * math.Pi
			a3 := onSphere(h.RadiusMM, t1, p1)
			a := h.Project(t1, p1)
			v := h.ToSkin(a)
			if d := math.Hypot(math.Hypot(v.X-a3[0], v.Y-a3[1]), v.Z-a3[2]); d > 1e-9 {
				t.Fatalf("%+v: ToSkin(θ=%g φ=%g) off by %g mm", h, t1, p1, d)
			}
			if q := h.FromSkin(v); q.Dist(a) > 1e-9 {
				t.Fatalf("%+v: FromSkin(ToSkin(%v)) = %v", h, a, q)
			}
			// A second point a chart step of up to 10 mm away.
			step := geom.Pt((2*r.Float64()-1)*10, (2*r.Float64()-1)*10)
			b := a.Add(step)
			t2, p2 := h.Unproject(b)
			if t2 > 0.8*math.Pi {
				continue
			}
			want := greatCircle(h.RadiusMM, a3, onSphere(h.RadiusMM, t2, p2))
			if got := h.SurfaceDist(a, b); math.Abs(got-want) > 1e-6*math.Max(1, want) {
				t.Fatalf("%+v: SurfaceDist %v–%v = %g, great circle %g", h, a, b, got, want)
			}
			// The chord bound ToSkin's godoc states for skin steps up to 10 mm.
			if chord := math.Sqrt(h.ToSkin(a).Dist2(h.ToSkin(b))); want > 0.01 && want <= 10 && (want-chord)/want > 6e-4 {
				t.Fatalf("%+v: chord %g mm for an arc of %g mm", h, chord, want)
			}
			// The Jacobian against a finite difference on the sphere: a
			// tiny chart step's skin length is |J·step|.
			e := step.Mul(1e-5 / math.Hypot(step.X, step.Y))
			te, pe := h.Unproject(a.Add(e))
			e3 := onSphere(h.RadiusMM, te, pe)
			fd := math.Hypot(math.Hypot(e3[0]-a3[0], e3[1]-a3[1]), e3[2]-a3[2]) // chord = arc at this size
			js := h.Jacobian(a).Apply(e)
			if got := math.Hypot(js.X, js.Y); fd > 0 && math.Abs(got-fd) > 1e-4*fd {
				t.Fatalf("%+v at %v: Jacobian gives %g, sphere %g", h, a, got, fd)
			}
			j := h.Jacobian(a)
			if det := j.XX*j.YY - j.XY*j.YX; math.Abs(det-1) > 1e-9 {
				t.Fatalf("%+v at %v: det %g, want 1 (equal-area)", h, a, det)
			}
		}
	}
}

// TestLocalScaleSnyder checks the scale factors against Snyder (1987): on a
// round head the chart shrinks radial distances by cos(θ/2) and stretches
// them across by 1/cos(θ/2), so one chart mm is 1/cos(θ/2) skin mm radially
// and cos(θ/2) across.
func TestLocalScaleSnyder(t *testing.T) {
	h := Head{RadiusMM: 90, Aspect: 1}
	for _, th := range []float64{0, 0.3, 0.9, 1.6, 2.2} {
		lo, hi := h.LocalScale(h.Project(th, 0.7))
		c := math.Cos(th / 2)
		if math.Abs(lo-c) > 1e-9 || math.Abs(hi-1/c) > 1e-9 {
			t.Errorf("θ=%g: scales %g–%g, want %g–%g", th, lo, hi, c, 1/c)
		}
	}
	// The oval stretch alone at the apex: Aspect and 1/Aspect.
	lo, hi := Head{RadiusMM: 90, Aspect: 1.2}.LocalScale(geom.Point{})
	if math.Abs(lo-1/1.2) > 1e-9 || math.Abs(hi-1.2) > 1e-9 {
		t.Errorf("apex of an oval chart: %g–%g", lo, hi)
	}
	// A flat field is true to scale everywhere.
	f := Head{Projection: Flat, RadiusMM: 90, Aspect: 1}
	if lo, hi := f.LocalScale(geom.Pt(80, -60)); lo != 1 || hi != 1 {
		t.Errorf("flat: %g–%g", lo, hi)
	}
	if d := f.SurfaceDist(geom.Pt(0, 0), geom.Pt(30, 40)); d != 50 {
		t.Errorf("flat SurfaceDist %g", d)
	}
}
