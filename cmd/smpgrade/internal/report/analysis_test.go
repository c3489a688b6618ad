package report

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
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

// TestHairlineProfilePlotted grades a hairline session through the
// report and holds the profile it plots, the work's and the expert's,
// equal to score.HairlineProfile's, band for band; the line drawn is each
// band's density at its centre, and the ramp is scaled to the full target
// the profile is measured against.
func TestHairlineProfilePlotted(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Skip(err)
	}
	const sessionNo = 1
	ims, err := pattern.Generate(tp, pattern.LowHairline, sessionNo, 5)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "low.json")
	if err := session.Save(path, &session.Session{Template: tp.ID, Trainee: "Low", Number: sessionNo, Impressions: ims}); err != nil {
		t.Fatal(err)
	}
	b := &builder{dir: dir, imgDir: dir, experts: map[expertKey]*expertRef{}, heats: map[string]func() *render.HeatmapGrid{}}
	tv, later, err := b.trainee(0, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := later(); err != nil {
		t.Fatal(err)
	}
	if tv.ProfileImg == "" || tv.ProfileNote != "" {
		t.Fatalf("no profile plot: %q", tv.ProfileNote)
	}
	s, err := session.Load(path) // the impressions as the report read them
	if err != nil {
		t.Fatal(err)
	}
	want := score.HairlineProfile(tp, s.Impressions, sessionNo, profileBinMM)
	if len(want) == 0 || !reflect.DeepEqual(tv.profile, want) {
		t.Errorf("work profile plotted:\n %+v\nscore.HairlineProfile:\n %+v", tv.profile, want)
	}
	ex := b.expert(score.NewGrader(tp), sessionNo, true)
	<-ex.done
	eims, err := pattern.Generate(tp, pattern.Expert, sessionNo, ExpertSeed)
	if err != nil {
		t.Fatal(err)
	}
	if ewant := score.HairlineProfile(tp, eims, sessionNo, profileBinMM); len(ewant) == 0 || !reflect.DeepEqual(ex.profile, ewant) {
		t.Errorf("expert profile plotted:\n %+v\nscore.HairlineProfile:\n %+v", ex.profile, ewant)
	}
	xy := profileSeries(want)
	dots := 0
	for k, w := range want {
		if xy[k].X != (w.FromMM+w.ToMM)/2 || xy[k].Y != w.PerCM2 {
			t.Errorf("band %d (%g–%g mm): drawn at %v, want its centre and %g/cm²", k, w.FromMM, w.ToMM, xy[k], w.PerCM2)
		}
		dots += w.Dots
	}
	if dots == 0 {
		t.Fatal("no dots in the profile: the comparison proves nothing")
	}
	for _, w := range want {
		if w.Relative > 0 {
			if full := profileFull(want); math.Abs(full*w.Relative-w.PerCM2) > 1e-9*w.PerCM2 {
				t.Errorf("full target %g does not give band %+v its relative density", full, w)
			}
			break
		}
	}
	if from, to := profileRange(want, nil); from != want[0].FromMM || to != want[len(want)-1].ToMM {
		t.Errorf("x range %g–%g, profile %g–%g", from, to, want[0].FromMM, want[len(want)-1].ToMM)
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
		want := render.DensityHeatmap(tp, ims, c.s, heatCellMM)
		g := render.NewHeatmapGrid(tp, c.s, heatCellMM)
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
