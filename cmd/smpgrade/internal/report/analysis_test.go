package report

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
)

func rect(x0, y0, x1, y1 float64) geom.Polygon {
	return geom.Polygon{geom.Pt(x0, y0), geom.Pt(x1, y0), geom.Pt(x1, y1), geom.Pt(x0, y1)}
}

// uniform returns n impressions uniformly at random in r.
func uniform(r *rand.Rand, n int, x0, y0, x1, y1 float64) []impression.Impression {
	out := make([]impression.Impression, n)
	for i := range out {
		p := geom.Pt(x0+r.Float64()*(x1-x0), y0+r.Float64()*(y1-y0))
		out[i] = impression.New(p, impression.DefaultNeedle, 1, float64(i))
	}
	return out
}

// TestCSRCurveMatchesPoisson checks the analytic G(r) against the
// nearest-neighbour distances of a simulated Poisson process.
func TestCSRCurveMatchesPoisson(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const side, lambda = 100.0, 1.0 // mm, per mm²
	ims := uniform(r, int(side*side*lambda), 0, 0, side, side)
	d := nnDistances(ims, side*side)
	if len(d) != len(ims) {
		t.Fatalf("%d distances for %d dots", len(d), len(ims))
	}
	for _, x := range []float64{0.1, 0.2, 0.3, 0.5, 0.8, 1.2} {
		// Dots near the square's edge lose neighbours, so the simulated
		// curve sits slightly under the analytic one.
		if got, want := ecdf(d, x), csrG(lambda, x); math.Abs(got-want) > 0.03 {
			t.Errorf("G(%g): simulated %.3f, analytic %.3f", x, got, want)
		}
	}
}

// TestBlueNoiseHasNoCloseNeighbours checks the expert curve on the
// practice field: blue noise keeps dots apart, so its G(r) stays far under
// randomness at short range (domain.md §4).
func TestBlueNoiseHasNoCloseNeighbours(t *testing.T) {
	tp, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	ims, err := pattern.Generate(tp, pattern.Expert, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	area := tp.TreatedAreaCM2() * 100
	d := nnDistances(ims, area)
	lambda := float64(len(ims)) / area
	r := 0.5 / math.Sqrt(lambda) // half the mean spacing
	if g, csr := ecdf(d, r), csrG(lambda, r); g > csr/3 {
		t.Errorf("expert G(%.2f) = %.3f, not well under random's %.3f", r, g, csr)
	}
}

// headLike is a synthetic template: a forehead in front of a straight
// design hairline at y = -20 mm, hair zone behind it (toward the apex at
// the origin, +y), and a temple on the right.
func headLike() *scalp.Template {
	band := func(lo, hi float64) [3]scalp.DensityBand {
		return [3]scalp.DensityBand{{Min: lo, Max: hi}, {Min: lo, Max: hi}, {Min: lo, Max: hi}}
	}
	return &scalp.Template{
		ID:      "synthetic",
		Outline: rect(-60, -60, 60, 60),
		Zones: []scalp.Zone{
			{ID: "forehead", Kind: scalp.Forehead, Polygon: rect(-60, -60, 60, -20)},
			{ID: "temple", Kind: scalp.Temple, Polygon: rect(45, -20, 60, 60)},
			{ID: "frontal", Kind: scalp.Frontal, Polygon: rect(-60, -20, 45, 60), Targets: band(40, 60)},
		},
		DesignHairline: geom.Polyline{geom.Pt(-50, -20), geom.Pt(0, -20), geom.Pt(50, -20)},
	}
}

// TestHairlineProfileTruth lays a known density on each side of the line
// and reads it back: 50/cm² behind, 5/cm² in front, none from the temple.
func TestHairlineProfileTruth(t *testing.T) {
	tp := headLike()
	hg := newHairGeom(tp, 1)
	if hg == nil {
		t.Fatal("no hairline geometry")
	}
	if hg.full != 50 {
		t.Errorf("full target %v, want the frontal band's middle, 50", hg.full)
	}
	r := rand.New(rand.NewPCG(3, 4))
	var ims []impression.Impression
	ims = append(ims, uniform(r, 120*40*50/100, -60, -20, 60, 20)...) // 50/cm² behind (temple part too)
	ims = append(ims, uniform(r, 120*40*5/100, -60, -60, 60, -20)...) // 5/cm² in front
	ims = append(ims, uniform(r, 15*40*200/100, 45, -20, 60, 20)...)  // a filled temple: must not count
	p := hg.profile(tp, ims)
	var front, back []float64
	for k, v := range p {
		if math.IsNaN(v) {
			t.Errorf("bin %d (%.0f mm) has no area", k, binCentre(k))
			continue
		}
		u := binCentre(k)
		switch {
		case u < 0:
			front = append(front, v)
		case u > 0 && u < 40-20:
			back = append(back, v)
		}
	}
	mean := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	if m := mean(back); math.Abs(m-50) > 2.5 {
		t.Errorf("density behind the line %.1f/cm², want 50", m)
	}
	if m := mean(front); math.Abs(m-5) > 1.5 {
		t.Errorf("density in front of the line %.1f/cm², want 5", m)
	}
}

func TestRampBand(t *testing.T) {
	for _, c := range []struct{ u, lo, hi float64 }{
		{-1, 0, 0}, {0, 0.2, 0.3}, {5, 0.6, 1}, {10, 1, 1}, {20, 1, 1},
	} {
		lo, hi := rampBand(c.u)
		if math.Abs(lo-c.lo) > 1e-9 || math.Abs(hi-c.hi) > 1e-9 {
			t.Errorf("rampBand(%g) = %g, %g; want %g, %g", c.u, lo, hi, c.lo, c.hi)
		}
	}
}

// TestHeatmapMatchesRender holds the maps measured on a shared grid, as
// the report draws them, equal to the renderer's own, cell for cell.
func TestHeatmapMatchesRender(t *testing.T) {
	for _, c := range []struct {
		id    string
		style string
		s     int
	}{{"square20", pattern.Clumped, 2}, {"norwood3", pattern.Random, 1}} {
		tp, err := scalp.Lookup(c.id)
		if err != nil {
			t.Skipf("%s: %v", c.id, err)
		}
		ims, err := pattern.Generate(tp, c.style, c.s, 7)
		if err != nil {
			t.Fatal(err)
		}
		want := render.DensityHeatmap(tp, ims, c.s, heatCellMM, heatRadiusMM)
		g := render.NewHeatmapGrid(tp, c.s, heatCellMM, heatRadiusMM)
		for range 2 { // the second call reuses the geometry
			got := g.Measure(ims)
			if got.Cols != want.Cols || got.Rows != want.Rows || got.Origin != want.Origin || got.CellMM != want.CellMM {
				t.Fatalf("%s: grid %dx%d at %v, want %dx%d at %v", c.id, got.Cols, got.Rows, got.Origin, want.Cols, want.Rows, want.Origin)
			}
			bad := 0
			for k := range want.Density {
				a, b := got.Density[k], want.Density[k]
				if !(a == b || math.IsNaN(a) && math.IsNaN(b)) || got.Target[k] != want.Target[k] ||
					(want.Zone != nil && got.Zone[k] != want.Zone[k]) {
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%s: %d of %d cells differ from render.DensityHeatmap", c.id, bad, len(want.Density))
			}
		}
	}
}

// TestFocus checks the pictures' area: the whole practice field, and on a
// head the session's zones and hairline but not the whole head.
func TestFocus(t *testing.T) {
	sq, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	f := focus(sq, 1, nil)
	b := sq.Bounds()
	if f.Min.X > b.Min.X || f.Min.Y > b.Min.Y || f.Max.X < b.Max.X || f.Max.Y < b.Max.Y {
		t.Errorf("focus %v does not hold the field %v", f, b)
	}
	hd, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Skip(err)
	}
	f = focus(hd, 1, nil)
	hb := hd.Bounds()
	if f.Dx()*f.Dy() >= hb.Dx()*hb.Dy() {
		t.Errorf("focus %v is the whole head %v", f, hb)
	}
	for _, p := range hd.DesignHairline {
		if !f.Contains(p) {
			t.Errorf("focus %v misses the hairline point %v", f, p)
			break
		}
	}
	// A stray dot far off in the focus area's corner widens it.
	stray := impression.New(geom.Pt(hb.Max.X-1, hb.Max.Y-1), impression.DefaultNeedle, 1, 0)
	if g := focus(hd, 1, []impression.Impression{stray}); !g.Contains(stray.Pos) {
		t.Errorf("focus %v misses a stray dot at %v", g, stray.Pos)
	}
}
