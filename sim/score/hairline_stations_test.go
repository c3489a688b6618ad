package score

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// skinLine is a design line sampled every 0.05 chart mm with its skin arc
// length at each sample (scalp.Head.SurfaceDist between neighbours): an
// independent measure of where along the line a chart point lies on the
// skin.
type skinLine struct {
	pts []geom.Point
	arc []float64
	mid float64 // skin arc length where the line crosses x = 0
}

func newSkinLine(t *testing.T, tp *scalp.Template) skinLine {
	t.Helper()
	if l := tp.Landmarks; l == nil || len(l.Midline) < 2 {
		t.Fatalf("%s: no midline", tp.ID)
	} else {
		for _, p := range l.Midline {
			if math.Abs(p.X) > 1e-9 {
				t.Fatalf("%s: the test takes the midline at x = 0, it has a point at x = %g", tp.ID, p.X)
			}
		}
	}
	line := tp.DesignHairline
	var sl skinLine
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		n := int(math.Ceil(a.Dist(b) / 0.05))
		for j := range n {
			sl.pts = append(sl.pts, a.Add(b.Sub(a).Mul(float64(j)/float64(n))))
		}
	}
	sl.pts = append(sl.pts, line[len(line)-1])
	sl.arc = make([]float64, len(sl.pts))
	sl.mid = math.NaN()
	for i := 1; i < len(sl.pts); i++ {
		a, b := sl.pts[i-1], sl.pts[i]
		sl.arc[i] = sl.arc[i-1] + tp.Head.SurfaceDist(a, b)
		if math.IsNaN(sl.mid) && a.X*b.X <= 0 && a.X != b.X {
			sl.mid = sl.arc[i-1] + (sl.arc[i]-sl.arc[i-1])*a.X/(a.X-b.X)
		}
	}
	if math.IsNaN(sl.mid) {
		t.Fatalf("%s: the design line does not cross the midline", tp.ID)
	}
	return sl
}

// at returns the skin arc length, from the midline, of the sample nearest
// chart point p.
func (sl skinLine) at(p geom.Point) float64 {
	j, best := 0, math.Inf(1)
	for i, q := range sl.pts {
		if d := q.Dist2(p); d < best {
			j, best = i, d
		}
	}
	return sl.arc[j] - sl.mid
}

// TestStationsOnTheSkin: the hairline's stations are stationStep skin mm
// of the design line, laid out from the midline both ways: every station
// but the two at the ends is centred a half step plus whole steps from the
// midline on the skin, its neighbours 5 skin mm away, its mirror station
// on the other side at the same skin distance, and a dot is filed under
// the station whose 5 skin mm it lies behind. Skin arc lengths are
// measured independently (great-circle distances along the design line
// sampled every 0.05 chart mm). On the stretched chart (1.24 skin mm per
// chart mm along the line) the old stations, 5 chart mm apart from the
// line's first point, were 6.2 skin mm apart; on Norwood III 4.4–5.6.
func TestStationsOnTheSkin(t *testing.T) {
	nw3, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	const tol = 0.15 // skin mm: the samples' spacing and the fine resampling's chords
	for _, tp := range []*scalp.Template{stretchedHairTemplate(t), nw3} {
		p := NewGrader(tp).prep(3)
		hp := p.hair
		if hp == nil {
			t.Fatalf("%s: no hairline prepared", tp.ID)
		}
		sl := newSkinLine(t, tp)
		n := hp.stations
		a := make([]float64, n)
		for k := range n {
			a[k] = sl.at(hp.pointAt(hp.stationS(k)))
		}
		for k := 1; k < n-1; k++ {
			if k >= 2 {
				if d := a[k] - a[k-1]; math.Abs(d-stationStep) > tol {
					t.Errorf("%s: stations %d and %d are %.2f skin mm apart, want %g", tp.ID, k-1, k, d, stationStep)
				}
			}
			if r := math.Mod(math.Abs(a[k]), stationStep); math.Abs(r-stationStep/2) > tol {
				t.Errorf("%s: station %d's centre is %.2f skin mm from the midline, not a half step plus whole steps", tp.ID, k, a[k])
			}
			if math.Abs(a[k]) < stationStep {
				continue
			}
			mirrored := false
			for j := 1; j < n-1; j++ {
				mirrored = mirrored || math.Abs(a[j]+a[k]) <= tol
			}
			// The shorter side's end station may hold the mirror place.
			if !mirrored && math.Abs(a[k]) < math.Min(math.Abs(a[0]), math.Abs(a[n-1]))-stationStep/2 {
				t.Errorf("%s: station %d, %.2f skin mm from the midline, has no mirror station", tp.ID, k, a[k])
			}
		}
		// Dots 1 skin mm behind the line, every 0.7 chart mm along it.
		var pts []geom.Point
		var at []float64
		for s := 0.35; s < hp.length; s += 0.7 {
			q := hp.pointAt(s)
			pts = append(pts, q.Add(hp.normalAt(s).Mul(1/hp.acrossAt(s))))
			at = append(at, sl.at(q))
		}
		st := newState(p, dots(pts), true).hairStations()
		filed := 0
		for k := 1; k < n-1; k++ {
			for _, d := range st[k] {
				filed++
				if math.Abs(at[d.i]-a[k]) > stationStep/2+tol {
					t.Errorf("%s: a dot %.2f skin mm from the midline is filed under station %d, centred at %.2f", tp.ID, at[d.i], k, a[k])
				}
			}
		}
		if filed < len(pts)/2 {
			t.Errorf("%s: only %d of %d dots filed under the inner stations", tp.ID, filed, len(pts))
		}
	}
}

// TestMirrorWorkReadsSymmetric: work laid as its own mirror image on the
// skin reads symmetric, however far the design line runs on either side:
// the stations pair off at equal skin distances from the midline, so each
// station and its mirror hold mirror-image dots. The line is the stretched
// chart's, run 1.3 or 2.7 chart mm further on the left; the work has a
// temple-like notch 4 mm deep 24–32 skin mm out on both sides, its dots in
// columns every half skin mm along the line, a dot every skin mm in depth.
// The old stations, 5 chart mm from the line's left end, held different
// stretches of the notch on the two sides and read 0.06–0.08 mm apart.
func TestMirrorWorkReadsSymmetric(t *testing.T) {
	for _, left := range []float64{61.3, 62.7} {
		tp := stretchedHairTemplate(t)
		design := geom.Polyline{geom.Pt(-left, -70)}
		for x := -55.0; x <= 60+1e-9; x += 5 {
			design = append(design, geom.Pt(x, -70))
		}
		tp.DesignHairline = design
		hd := tp.Head
		var pts []geom.Point
		for _, side := range []float64{-1, 1} {
			x := 0.0
			for c := 0; x < 59; c++ {
				q := geom.Pt(x, -70)
				along := hd.SurfaceDist(q, q.Add(geom.Pt(0.01, 0))) / 0.01
				x += 0.25 / along // to the column's centre
				q = geom.Pt(x, -70)
				across := hd.SurfaceDist(q, q.Add(geom.Pt(0, 0.01))) / 0.01
				a := 0.5*float64(c) + 0.25 // skin mm from the midline
				d := 1 + 4*math.Max(0, math.Min(1, math.Min(a-24, 32-a)))
				phi := math.Mod(float64(c)*0.618034, 1)
				for j := range 10 {
					pts = append(pts, geom.Pt(side*x, -70+(d+phi+float64(j))/across))
				}
				along = hd.SurfaceDist(q, q.Add(geom.Pt(0.01, 0))) / 0.01
				x += 0.25 / along
			}
		}
		h := Grade(tp, dots(pts), 3, nil).Criterion(IDHairline)
		sym := h.Part("symmetry")
		if sym == nil || sym.Unmeasured {
			t.Fatalf("left end at %g: symmetry unmeasured", -left)
		}
		if sym.Value > 0.03 {
			t.Errorf("left end at %g: mirror-image work reads %.3f mm left against right, want under 0.03", -left, sym.Value)
		}
	}
}

// TestHairReachOnTheSkin: the hairline's dots are those within hairReach
// (25) skin mm of the design line. Where one chart mm across the line is
// 0.81 skin mm, a dot 28 chart mm behind or ahead of the line is 22–23
// skin mm from it (scalp.Head.SurfaceDist) and is a hairline dot, one 34
// chart mm away (27–28 skin mm) is not. The old reach, 25 chart mm, left
// out the first.
func TestHairReachOnTheSkin(t *testing.T) {
	tp := stretchedHairTemplate(t)
	p := NewGrader(tp).prep(3)
	foot := geom.Pt(10, -70)
	var pts []geom.Point
	var want []bool
	for _, c := range []float64{28, -28, 34, -34} {
		q := foot.Add(geom.Pt(0, c))
		d := tp.Head.SurfaceDist(foot, q)
		if math.Abs(d-hairReach) < 1.5 {
			t.Fatalf("a dot %g chart mm off the line is %.1f skin mm from it: too near the reach to tell", c, d)
		}
		pts = append(pts, q)
		want = append(want, d < hairReach)
	}
	filed := make([]bool, len(pts))
	for _, ds := range newState(p, dots(pts), true).hairStations() {
		for _, d := range ds {
			filed[d.i] = true
		}
	}
	for i, q := range pts {
		if filed[i] != want[i] {
			t.Errorf("a dot %.0f chart mm (%.1f skin mm) off the line: filed %v, want %v", q.Y+70, tp.Head.SurfaceDist(foot, q), filed[i], want[i])
		}
	}
}
