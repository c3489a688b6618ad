package density

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// hexLattice lays a hexagonal lattice of the given density per cm² over
// the box [x0, x1]×[y0, y1] (chart mm). A hexagonal lattice of spacing s
// has 2/(√3·s²) points per mm². It starts a quarter step in, so the
// points' own cells tile the box's edges rather than poke out of them.
func hexLattice(perCM2, x0, y0, x1, y1 float64) []geom.Point {
	s := math.Sqrt(2 / (math.Sqrt(3) * perCM2 / 100))
	var pts []geom.Point
	row := 0
	for y := y0 + s*math.Sqrt(3)/4; y < y1; y += s * math.Sqrt(3) / 2 {
		for x := x0 + s/4 + float64(row%2)*s/2; x < x1; x += s {
			pts = append(pts, geom.Pt(x, y))
		}
		row++
	}
	return pts
}

func square(half float64, band scalp.DensityBand) *scalp.Template {
	sq := geom.Polygon{{X: -half, Y: -half}, {X: half, Y: -half}, {X: half, Y: half}, {X: -half, Y: half}}
	return &scalp.Template{ID: "sq", Outline: sq, Head: scalp.Head{Projection: scalp.Flat},
		Zones: []scalp.Zone{{ID: "field", Kind: scalp.Field, Polygon: sq, Targets: [3]scalp.DensityBand{band, band, band}}}}
}

// TestRadius: the window holds Expected dots at the band's middle (the
// figures the package's godoc quotes) but is never wider than
// PatchRadiusMM (session 1's band, a zone with no target).
func TestRadius(t *testing.T) {
	for _, c := range []struct {
		band scalp.DensityBand
		want float64
	}{
		{scalp.DensityBand{Min: 70, Max: 100}, 3.35},
		{scalp.DensityBand{Min: 45, Max: 50}, 4.48},
		{scalp.DensityBand{Min: 10, Max: 25}, 4.5},
		{scalp.DensityBand{}, 4.5},
	} {
		if r := Radius(c.band); math.Abs(r-c.want) > 0.01 {
			t.Errorf("Radius(%v) = %.3f mm, want %.2f", c.band, r, c.want)
		}
	}
}

// TestUniformFlat: a hexagonal lattice of known density on a flat field
// reads that density, away from the edges and at them (the window's area
// inside the zone corrects for the part outside). Tolerances: a window
// holds about 30 lattice points, whose count in a disc strays by two or
// three (each window within 15%); at the edge as few as 15, straying as
// much (20%); averaged over many windows within 2% either way.
func TestUniformFlat(t *testing.T) {
	const want = 85.0
	tp := square(30, scalp.DensityBand{Min: 70, Max: 100})
	pts := hexLattice(want, -30, -30, 30, 30)
	e := New(tp, 3)
	r := e.Radius(0)
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, edge := range []bool{false, true} {
		sum, n := 0.0, 0
		for range 200 {
			var q geom.Point
			if edge {
				// Within r of the left edge: up to half the window outside.
				q = geom.Pt(-30+rnd.Float64()*r, -20+40*rnd.Float64())
			} else {
				q = geom.Pt(-25+50*rnd.Float64(), -25+50*rnd.Float64())
				if math.Abs(q.X) > 30-r || math.Abs(q.Y) > 30-r {
					continue
				}
			}
			d := e.At(q, pts)
			tol := 0.15
			if edge {
				tol = 0.2
			}
			if math.Abs(d/want-1) > tol {
				t.Errorf("edge=%v: density at %v = %.1f/cm², want %.0f ±%.0f%%", edge, q, d, want, 100*tol)
			}
			sum += d
			n++
		}
		if mean := sum / float64(n); math.Abs(mean/want-1) > 0.02 {
			t.Errorf("edge=%v: mean density %.2f/cm² over %d windows, want %.0f ±2%%", edge, mean, n, want)
		}
	}
}

// TestUniformOnHead: on the model head, where the chart stretches
// distances by up to 1.4 across and shrinks them to 0.7 along the radius
// in the frontal region, a lattice of known density on the chart is the
// same density on the skin (the chart keeps areas). The skin windows must
// read it: a search that stopped at the chart circle of radius R would
// miss the skin disc's dots where it stretches beyond that circle.
func TestUniformOnHead(t *testing.T) {
	const want = 50.0
	head := scalp.Head{Projection: scalp.Azimuthal, RadiusMM: 91, Aspect: 1.1}
	pg := geom.Polygon{{X: -50, Y: -140}, {X: 50, Y: -140}, {X: 50, Y: -80}, {X: -50, Y: -80}}
	tp := &scalp.Template{ID: "front", Outline: pg, Head: head,
		Zones: []scalp.Zone{{ID: "frontal", Kind: scalp.Frontal, Polygon: pg,
			Targets: [3]scalp.DensityBand{{Min: 40, Max: 60}, {Min: 40, Max: 60}, {Min: 40, Max: 60}}}}}
	if _, hi := head.LocalScale(geom.Pt(35, -130)); hi < 1.25 {
		t.Fatalf("the test wants a stretched chart: scale %.2f", hi)
	}
	pts := hexLattice(want, -50, -140, 50, -80)
	e := New(tp, 3)
	sum, n := 0.0, 0
	for x := -35.0; x <= 35; x += 5 {
		for y := -130.0; y <= -90; y += 5 {
			w := e.Window(geom.Pt(x, y))
			if w.Share() < 0.999 {
				t.Errorf("window at (%g, %g) is %.0f%% inside, want whole", x, y, 100*w.Share())
			}
			d := e.At(geom.Pt(x, y), pts)
			if math.Abs(d/want-1) > 0.15 {
				t.Errorf("density at (%g, %g) = %.1f/cm², want %.0f ±15%%", x, y, d, want)
			}
			sum += d
			n++
		}
	}
	if mean := sum / float64(n); math.Abs(mean/want-1) > 0.02 {
		t.Errorf("mean density %.2f/cm² over %d windows, want %.0f ±2%%", mean, n, want)
	}
	// Independent check of the window itself: the points the window holds
	// are exactly those within R of the centre by the tape on the model
	// sphere (great-circle distance, scalp.Head.SurfaceDist), up to the
	// chord's shortfall.
	q := geom.Pt(35, -130)
	w := e.Window(q)
	for _, p := range pts {
		arc := head.SurfaceDist(q, p)
		if math.Abs(arc-w.RadiusMM) < 0.01 {
			continue
		}
		if got := w.Holds(e.Skin(p)); got != (arc < w.RadiusMM) {
			t.Errorf("point %v at %.3f mm on the skin: held %v, radius %.3f", p, arc, got, w.RadiusMM)
		}
	}
}

// TestWindowArea: the area inside a zone against geometry: the whole disc,
// half a disc at a straight edge, a quarter at a corner (flat), and on the
// head a whole disc is π·R² (Archimedes) and a disc cut by a chart line
// through its centre about half of it.
func TestWindowArea(t *testing.T) {
	sq := geom.Polygon{{X: -20, Y: -20}, {X: 20, Y: -20}, {X: 20, Y: 20}, {X: -20, Y: 20}}
	flat := scalp.Head{Projection: scalp.Flat}
	const r = 5.0
	full := math.Pi * r * r
	for _, c := range []struct {
		q    geom.Point
		want float64
	}{
		{geom.Pt(0, 0), full},
		{geom.Pt(-20, 0), full / 2},
		{geom.Pt(20, 20), full / 4},
		{geom.Pt(40, 40), 0},
	} {
		if a := WindowArea(flat, sq, c.q, r); math.Abs(a-c.want) > 0.04*full {
			t.Errorf("flat, at %v: area %.2f mm², want %.2f", c.q, a, c.want)
		}
	}
	head := scalp.Head{Projection: scalp.Azimuthal, RadiusMM: 91, Aspect: 1.1}
	big := geom.Polygon{{X: -60, Y: -110}, {X: 60, Y: -110}, {X: 60, Y: -40}, {X: -60, Y: -40}}
	if a := WindowArea(head, big, geom.Pt(0, -80), r); math.Abs(a-full) > 1e-9 {
		t.Errorf("head, whole disc: %.3f mm², want π·R² = %.3f", a, full)
	}
	// The chart's x axis through the centre is a symmetry line of the
	// local metric there only at x = 0; cut along y = −80 the disc on the
	// skin is split into two halves to within the lattice's precision.
	half := geom.Polygon{{X: -60, Y: -110}, {X: 60, Y: -110}, {X: 60, Y: -80}, {X: -60, Y: -80}}
	if a := WindowArea(head, half, geom.Pt(0, -80), r); math.Abs(a-full/2) > 0.04*full {
		t.Errorf("head, half disc: %.2f mm², want %.2f", a, full/2)
	}
	if a := WindowArea(flat, sq, geom.Pt(0, 0), 0); a != 0 {
		t.Errorf("zero radius: area %v", a)
	}
}

// TestZones: a window counts only its own zone's dots, and a point in no
// zone has no estimate.
func TestZones(t *testing.T) {
	left := geom.Polygon{{X: -20, Y: -10}, {X: 0, Y: -10}, {X: 0, Y: 10}, {X: -20, Y: 10}}
	right := geom.Polygon{{X: 0, Y: -10}, {X: 20, Y: -10}, {X: 20, Y: 10}, {X: 0, Y: 10}}
	band := scalp.DensityBand{Min: 70, Max: 100}
	tp := &scalp.Template{Outline: geom.Polygon{{X: -20, Y: -10}, {X: 20, Y: -10}, {X: 20, Y: 10}, {X: -20, Y: 10}},
		Head: scalp.Head{Projection: scalp.Flat},
		Zones: []scalp.Zone{{ID: "l", Polygon: left, Targets: [3]scalp.DensityBand{band, band, band}},
			{ID: "r", Polygon: right}}}
	pts := hexLattice(85, 0, -10, 20, 10) // the right zone only
	e := New(tp, 2)
	if d := e.At(geom.Pt(-1, 0), pts); d != 0 {
		t.Errorf("left zone next to a dense right one reads %.1f/cm², want 0", d)
	}
	if d := e.At(geom.Pt(10, 0), pts); math.Abs(d/85-1) > 0.15 {
		t.Errorf("right zone reads %.1f/cm², want about 85", d)
	}
	if e.Radius(1) != Radius(scalp.DensityBand{}) {
		t.Errorf("a zone with no target: radius %.2f", e.Radius(1))
	}
	if d := e.At(geom.Pt(50, 0), pts); !math.IsNaN(d) {
		t.Errorf("outside every zone: %v, want NaN", d)
	}
}

// dartThrow lays blue noise by dart throwing (independent of the
// project's generator): points at least d apart over [-half, half]², up
// to n of them.
func dartThrow(rnd *rand.Rand, half, d float64, n int) []geom.Point {
	var pts []geom.Point
	for tries := 0; len(pts) < n && tries < 100*n; tries++ {
		p := geom.Pt(-half+2*half*rnd.Float64(), -half+2*half*rnd.Float64())
		ok := true
		for _, q := range pts {
			if p.Dist2(q) < d*d {
				ok = false
				break
			}
		}
		if ok {
			pts = append(pts, p)
		}
	}
	return pts
}

// TestToleratedHoldsEvenWork: blue noise thrown at the middle of a
// session-1 band (a window of 4.5 mm holds about 11 dots) and of a light
// band between existing hair (about 3) reads on target in at least 95% of
// its windows: the tolerance covers even work's counting noise, however
// few dots a window holds. And the widening is honest: at 30 dots it is
// ±Tol exactly.
func TestToleratedHoldsEvenWork(t *testing.T) {
	if got := Tolerance(30); got != Tol {
		t.Errorf("Tolerance(30) = %.3f, want Tol", got)
	}
	if Tolerance(3) <= Tol || Tolerance(3) >= 1 {
		t.Errorf("Tolerance(3) = %.3f: want wider than Tol, under 1", Tolerance(3))
	}
	for _, band := range []scalp.DensityBand{{Min: 10, Max: 25}, {Min: 2.7, Max: 6.8}} {
		tp := square(40, band)
		lam := band.Mid() / 100
		// Dart throwing saturates near R ≈ 1.7 (domain.md §4) with this
		// minimum distance.
		pts := dartThrow(rand.New(rand.NewPCG(3, 4)), 40, math.Sqrt(0.68/lam), int(lam*80*80))
		e := New(tp, 1)
		mean := float64(len(pts)) / (80 * 80) * 100
		ref := Reference(band, scalp.Field, mean)
		off, n := 0, 0
		for y := -30.0; y <= 30; y += 3 {
			for x := -30.0; x <= 30; x += 3 {
				w := e.Window(geom.Pt(x, y))
				tb := Tolerated(ref, w.AreaMM2)
				if d := e.At(w.Centre, pts); d < tb.Min || d > tb.Max {
					off++
				}
				n++
			}
		}
		if float64(off) > 0.05*float64(n) {
			t.Errorf("band %v: blue noise at %.1f/cm²: %d of %d windows off target", band, mean, off, n)
		}
	}
}

// TestReference: a zone's windows are judged around its own mean where
// that lies in the band, else against the band; a transition zone keeps
// its band (its ramp is meant to vary); no target stays no target.
func TestReference(t *testing.T) {
	b := scalp.DensityBand{Min: 10, Max: 25}
	for _, c := range []struct {
		kind scalp.ZoneKind
		mean float64
		want scalp.DensityBand
	}{
		{scalp.Field, 17, scalp.DensityBand{Min: 17, Max: 17}},
		{scalp.Field, 10, scalp.DensityBand{Min: 10, Max: 10}},
		{scalp.Field, 4, b},
		{scalp.MidScalp, 40, b},
		{scalp.Transition, 17, b},
	} {
		if got := Reference(b, c.kind, c.mean); got != c.want {
			t.Errorf("Reference(%v, %s, %g) = %v, want %v", b, c.kind, c.mean, got, c.want)
		}
	}
	if got := Reference(scalp.DensityBand{}, scalp.Field, 5); got != (scalp.DensityBand{}) {
		t.Errorf("no target: %v", got)
	}
}
