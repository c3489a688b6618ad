package score

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// stretchedHairTemplate is a head whose chart departs from true scale by
// more than 10% at the hairline: with an oval stretch of 1.3, one chart
// mm along the line (x) is 1.24 skin mm and one across it (y) 0.81. The
// design line H is ruled straight across the chart at y = −70, transition
// and frontal zones behind it, the forehead in front.
func stretchedHairTemplate(t *testing.T) *scalp.Template {
	head := scalp.Head{Projection: scalp.Azimuthal, RadiusMM: 91, Aspect: 1.3}
	const y0, half = -70.0, 60.0
	along, _ := head.Jacobian(geom.Pt(0, y0)).Scales()
	if lo, hi := head.LocalScale(geom.Pt(0, y0)); lo > 0.9 || hi < 1.1 {
		t.Fatalf("the chart is too true to scale at the line: %.2f–%.2f (along %.2f)", lo, hi, along)
	}
	var design geom.Polyline
	for x := -half; x <= half+1e-9; x += 5 {
		design = append(design, geom.Pt(x, y0))
	}
	band := [3]scalp.DensityBand{{Min: 15, Max: 20}, {Min: 40, Max: 50}, {Min: 70, Max: 100}}
	return &scalp.Template{
		ID: "stretched", Head: head,
		Outline: rectPoly(-half-10, y0-40, half+10, -10),
		Zones: []scalp.Zone{
			{ID: "forehead", Kind: scalp.Forehead, Polygon: rectPoly(-half, y0-40, half, y0)},
			{ID: "transition", Kind: scalp.Transition, Polygon: rectPoly(-half, y0, half, y0+8), Targets: band},
			{ID: "frontal", Kind: scalp.Frontal, Polygon: rectPoly(-half, y0+8, half, -10), Targets: band},
		},
		Landmarks:      &scalp.Landmarks{Midline: geom.Polyline{geom.Pt(0, y0-40), geom.Pt(0, 0)}},
		DesignHairline: design,
	}
}

// lsQuadAt0 is an independent least-squares quadratic (gonum's QR) at 0.
func lsQuadAt0(t *testing.T, ts, vs []float64) float64 {
	a := mat.NewDense(len(ts), 3, nil)
	for i, x := range ts {
		a.Set(i, 0, 1)
		a.Set(i, 1, x)
		a.Set(i, 2, x*x)
	}
	var c mat.VecDense
	if err := c.SolveVec(a, mat.NewVecDense(len(vs), append([]float64(nil), vs...))); err != nil {
		t.Fatal(err)
	}
	return c.AtVec(0)
}

// TestMacroWindowOnTheSkin: the macro part's smooth fit spans 35 mm of
// line on the skin, whatever the chart's scale. A front that undulates by
// 1.5 mm with a 25 mm wavelength on the skin, behind a line where the
// chart's scale along the line is 1.24, reads the RMS about a quadratic
// fit over ±15 skin mm, computed independently on the skin (skin arc
// length from scalp.Head.SurfaceDist, gonum's least squares): 0.39 mm.
// Fitting over seven chart stations, as before, spans 43 skin mm there
// and read 1.05 mm.
func TestMacroWindowOnTheSkin(t *testing.T) {
	tp := stretchedHairTemplate(t)
	hp := NewGrader(tp).prep(3).hair
	if hp == nil {
		t.Fatal("no hairline prepared")
	}
	const amp, wave = 1.5, 25.0
	n := hp.stations
	f := hairFrontSet{u: make([]float64, n), has: make([]bool, n), lead: make([]float64, n)}
	// Skin arc length of each station's centre, measured independently.
	arc := make([]float64, n)
	for k := range n {
		s0 := hp.stationS(0)
		arc[k] = tp.Head.SurfaceDist(hp.pointAt(s0), hp.pointAt(hp.stationS(k)))
		if hp.pointAt(hp.stationS(k)).X < hp.pointAt(s0).X {
			arc[k] = -arc[k]
		}
	}
	for k := range n {
		f.has[k] = true
		f.lead[k] = 4 + amp*math.Sin(2*math.Pi*arc[k]/wave)
		f.u[k] = f.lead[k]
		f.n++
	}
	got, measured := f.macro(hp)
	var res []float64
	for j := range n {
		var ts, vs []float64
		lo, hi := 0.0, 0.0
		for i := range n {
			if d := arc[i] - arc[j]; math.Abs(d) <= 15+1e-6 {
				ts, vs = append(ts, d), append(vs, f.lead[i])
				lo, hi = math.Min(lo, d), math.Max(hi, d)
			}
		}
		gap := math.Abs(arc[min(j+1, n-1)]-arc[max(j-1, 0)]) / 2
		if -lo <= 15-gap || hi <= 15-gap {
			continue // an incomplete window at an end
		}
		res = append(res, f.lead[j]-lsQuadAt0(t, ts, vs))
	}
	want := rms(res)
	if measured != len(res) || measured < 10 {
		t.Fatalf("measured at %d stations, the skin windows are complete at %d", measured, len(res))
	}
	if math.Abs(got/want-1) > 0.05 {
		t.Errorf("macro %.3f mm, want %.3f mm ±5%% (about a fit over ±15 skin mm)", got, want)
	}
	t.Logf("macro %.3f mm, skin %.3f mm, at %d stations", got, want, measured)
}

// TestStraightnessOnTheSkin: the straightness part measures the front's
// departure from a straight line on the skin, in skin mm, over ±30 skin mm
// of the midline. Fronts are built on the model sphere itself, from H's
// midline point M: a ruler laid across the head through M (the great
// circle there, along the chart's x) reads straight, though on the chart,
// where the part measured before, it bows by about a millimetre RMS; and a
// front bowed off that great circle by b·x² skin mm reads the RMS of
// (x, R·sin(b·x²/R)) about its best line (the tangent-plane picture of
// those points, worked out by hand), which the chart, 0.81 skin mm per mm
// across the line there, read a fifth low.
func TestStraightnessOnTheSkin(t *testing.T) {
	tp := stretchedHairTemplate(t)
	hd := tp.Head
	p := NewGrader(tp).prep(3)
	hp := p.hair
	R := hd.RadiusMM
	m := geom.Pt(hp.midX, -70) // H's midline point
	o := hd.ToSkin(m)
	norm := func(v geom.Vec3) geom.Vec3 { return vscale(v, 1/v.Norm()) }
	e1 := norm(hd.ToSkin(geom.Pt(0.01, -70)).Sub(hd.ToSkin(geom.Pt(-0.01, -70))))
	n := norm(o)
	e2 := geom.Vec3{X: n.Y*e1.Z - n.Z*e1.Y, Y: n.Z*e1.X - n.X*e1.Z, Z: n.X*e1.Y - n.Y*e1.X}
	if e2.Dot(hd.ToSkin(geom.Pt(0, -69.99)).Sub(o)) < 0 {
		e2 = vscale(e2, -1) // toward the apex: behind the line
	}
	add := func(a, b geom.Vec3) geom.Vec3 { return geom.Vec3{X: a.X + b.X, Y: a.Y + b.Y, Z: a.Z + b.Z} }
	// front returns the chart point x along the great circle from M in
	// direction e1 (tangent-plane abscissa x), then d off it along e2.
	front := func(x, d float64) geom.Point {
		a := math.Asin(x / (R * math.Cos(d/R))) // arc along the circle, radians
		g := add(vscale(n, R*math.Cos(a)), vscale(e1, R*math.Sin(a)))
		q := add(vscale(norm(g), R*math.Cos(d/R)), vscale(e2, R*math.Sin(d/R)))
		return hd.FromSkin(q)
	}
	// One tight cluster at the centre of each 5 mm column, 2 mm behind H
	// at the midline, bowed by b.
	lay := func(b float64) ([]geom.Point, []geom.Point) {
		var pts, view []geom.Point
		for c := range 12 {
			x := -27.5 + 5*float64(c)
			d := 2 - b*x*x
			q := front(x, d)
			view = append(view, geom.Pt(x, R*math.Sin(d/R)))
			for i := range 4 {
				pts = append(pts, q.Add(geom.Pt(0.01*float64(i), 0.002*float64(i))))
			}
		}
		return pts, view
	}
	ruled, _ := lay(0)
	s := newState(p, dots(ruled), true)
	if got, _ := s.straightness(s.hairStations()); got > 0.05 {
		t.Errorf("a front along the great circle: straightness %.3f mm, want 0", got)
	}
	var chart []geom.Point
	for i := 0; i < len(ruled); i += 4 {
		chart = append(chart, ruled[i])
	}
	if r := lineRMS(chart); r < 0.3 {
		t.Fatalf("the great circle is nearly straight on the chart too (%.2f mm): the test cannot tell", r)
	}
	for _, b := range []float64{0.004, -0.008} {
		pts, view := lay(b)
		want := lineRMS(view)
		s := newState(p, dots(pts), true)
		got, _ := s.straightness(s.hairStations())
		if math.IsInf(got, 0) || math.Abs(got/want-1) > 0.03 {
			t.Errorf("bowed by %g·x²: straightness %.3f mm, want %.3f mm ±3%%", b, got, want)
		}
	}
}

// TestTempleAsymmetryOnTheSkin: a temple point set back on one side is
// measured at its depth on the skin. The work is placed by hand on
// Norwood III's model head, independently of the scorer's stations: rows
// of dots 1 mm apart, laid along the design line's skin normals (great
// circles leaving the line at right angles on the sphere), the front 1 mm
// behind the line; on one side the outer 18 skin mm of line (the temple
// point and the stretch to it) are set 6 mm further back, ramping over the
// 10 mm before, as the outside examiner lays the fault. The symmetry part
// must read 6 mm ±0.5, name the asymmetry and mark the set-back side. The
// old part (the mean of 15 mm stretches, mirrored by chart x) read 4.9
// and 5.3 mm.
func TestTempleAsymmetryOnTheSkin(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	hd, line := tp.Head, tp.DesignHairline
	R := hd.RadiusMM
	norm := func(v geom.Vec3) geom.Vec3 { return vscale(v, 1/v.Norm()) }
	add := func(a, b geom.Vec3) geom.Vec3 { return geom.Vec3{X: a.X + b.X, Y: a.Y + b.Y, Z: a.Z + b.Z} }
	cross := func(a, b geom.Vec3) geom.Vec3 {
		return geom.Vec3{X: a.Y*b.Z - a.Z*b.Y, Y: a.Z*b.X - a.X*b.Z, Z: a.X*b.Y - a.Y*b.X}
	}
	// The line on the skin, resampled every 0.5 skin mm by its own chords.
	sk := make([]geom.Vec3, len(line))
	arc := make([]float64, len(line))
	for i, p := range line {
		sk[i] = hd.ToSkin(p)
		if i > 0 {
			arc[i] = arc[i-1] + sk[i].Sub(sk[i-1]).Norm()
		}
	}
	length := arc[len(arc)-1]
	at := func(s float64) (geom.Vec3, geom.Vec3) { // the point and the unit tangent
		i := 1
		for i < len(arc)-1 && arc[i] < s {
			i++
		}
		f := (s - arc[i-1]) / (arc[i] - arc[i-1])
		d := sk[i].Sub(sk[i-1])
		return add(sk[i-1], vscale(d, f)), norm(d)
	}
	apex := hd.ToSkin(geom.Pt(0, 0))
	lay := func(back func(s float64) float64) []geom.Point {
		var pts []geom.Point
		for s := 0.25; s < length; s += 0.5 {
			p, tan := at(s)
			n := norm(p)
			m := norm(cross(n, tan)) // the skin normal of the line
			if m.Dot(apex.Sub(p)) < 0 {
				m = vscale(m, -1) // behind: toward the apex
			}
			for j := range 8 {
				if (int(2*s)+j)%2 == 1 {
					continue // rows staggered: 2 dots per mm² at most
				}
				d := back(s) + float64(j)
				q := add(vscale(norm(p), R*math.Cos(d/R)), vscale(m, R*math.Sin(d/R)))
				pts = append(pts, hd.FromSkin(q))
			}
		}
		return pts
	}
	for _, end := range []int{0, 1} {
		from := func(s float64) float64 { // skin mm from the set-back end
			if end == 0 {
				return s
			}
			return length - s
		}
		pts := lay(func(s float64) float64 {
			return 1 + 6*math.Max(0, math.Min(1, (28-from(s))/10))
		})
		want := "left"
		if e := line[0]; end == 1 {
			e = line[len(line)-1]
			if e.X > 0 {
				want = "right"
			}
		} else if e.X > 0 {
			want = "right"
		}
		h := Grade(tp, dots(pts), 3, nil).Criterion(IDHairline)
		sym := h.Part("symmetry")
		if sym == nil || sym.Unmeasured {
			t.Fatalf("%s end set back: symmetry not measured: %+v", want, h.Parts)
		}
		if math.Abs(sym.Value-6) > 0.5 {
			t.Errorf("%s temple point set back 6 skin mm: measured %.2f mm", want, sym.Value)
		}
		var f *Fault
		for i := range h.Faults {
			if h.Faults[i].Code == FaultAsymmetric {
				f = &h.Faults[i]
			}
		}
		if f == nil || len(f.Places) == 0 {
			t.Fatalf("%s temple point set back 6 mm: not named, or not marked: %+v", want, h.Faults)
		}
		for _, p := range f.Places {
			if (p.X > 0) != (want == "right") {
				t.Errorf("the %s side is set back, a mark is at x = %.1f", want, p.X)
			}
		}
		t.Logf("%s end set back 6 mm: symmetry %.2f mm, score %.0f", want, sym.Value, sym.Score)
	}
}

// TestSmoothFrontOnTheSkin: the front's course (smoothFront, which the ramp
// bands are counted from and the shape part judges) is a quadratic fit over
// 20 skin mm of line either side, whatever the chart's scale. On a line
// where one chart mm along it is 1.24 skin mm, a front undulating by 1.5 mm
// with a 25 mm wavelength on the skin must read, at every station whose
// window is complete, the fit computed independently on the skin (skin arc
// length and the skin depth of a chart step across the line from
// scalp.Head.SurfaceDist, gonum's least squares) within 0.05 mm. The old
// fit over nine chart stations spanned 50 skin mm there.
func TestSmoothFrontOnTheSkin(t *testing.T) {
	tp := stretchedHairTemplate(t)
	hd := tp.Head
	hp := NewGrader(tp).prep(3).hair
	if hp == nil {
		t.Fatal("no hairline prepared")
	}
	n := hp.stations
	f := hairFrontSet{u: make([]float64, n), has: make([]bool, n), lead: make([]float64, n)}
	arc := make([]float64, n)
	across := make([]float64, n) // skin mm per chart mm straight back (+y)
	for k := range n {
		p := hp.pointAt(hp.stationS(k))
		s0 := hp.pointAt(hp.stationS(0))
		arc[k] = hd.SurfaceDist(s0, p)
		across[k] = hd.SurfaceDist(p, p.Add(geom.Pt(0, 0.01))) / 0.01
		f.has[k] = true
		f.u[k] = 4 + 1.5*math.Sin(2*math.Pi*arc[k]/25)
		f.lead[k] = f.u[k]
		f.n++
	}
	f.smoothFront(hp)
	checked := 0
	for j := range n {
		var ts, ys []float64
		lo, hi := 0.0, 0.0
		for i := range n {
			if d := arc[i] - arc[j]; math.Abs(d) <= 20+1e-6 {
				ts, ys = append(ts, d), append(ys, f.u[i]/across[i]) // chart mm behind the line
				lo, hi = math.Min(lo, d), math.Max(hi, d)
			}
		}
		gap := math.Abs(arc[min(j+1, n-1)]-arc[max(j-1, 0)]) / 2
		if -lo <= 20-gap || hi <= 20-gap {
			continue // an incomplete window at an end
		}
		want := lsQuadAt0(t, ts, ys) * across[j]
		if got := f.smooth[j]; math.Abs(got-want) > 0.05 {
			t.Errorf("station %d: smoothed front %.3f mm, want %.3f mm (a fit over ±20 skin mm)", j, got, want)
		}
		checked++
	}
	if checked < 8 {
		t.Fatalf("only %d stations with a complete window", checked)
	}
}

// TestMidFrontStripOnTheSkin: the mid-frontal point is read from the dots
// within 5 skin mm of the midline. Where one chart mm across is 1.24 skin
// mm, rows 2 mm behind the line within 4.5 skin mm of the midline and a
// low cluster 5.3–6.3 skin mm out (4.3–5.1 chart mm: inside the old
// 5 chart mm strip) read the rows' front, 2 mm behind; the old strip
// read the cluster, 5 mm ahead.
func TestMidFrontStripOnTheSkin(t *testing.T) {
	tp := stretchedHairTemplate(t)
	hd := tp.Head
	p := NewGrader(tp).prep(3)
	const y0 = -70.0
	along := hd.SurfaceDist(geom.Pt(0, y0), geom.Pt(1, y0))              // skin mm per chart mm along x
	across := hd.SurfaceDist(geom.Pt(0, y0), geom.Pt(0, y0+0.01)) / 0.01 // and straight back
	var pts []geom.Point
	for xs := -4.5; xs <= 4.5+1e-9; xs += 0.5 { // skin mm from the midline
		for u := 2.0; u <= 10; u += 0.5 {
			pts = append(pts, geom.Pt(xs/along, y0+u/across))
		}
	}
	for _, side := range []float64{-1, 1} {
		for xs := 5.3; xs <= 6.3+1e-9; xs += 0.25 {
			for u := -5.0; u <= -3; u += 0.5 {
				pts = append(pts, geom.Pt(side*xs/along, y0+u/across))
			}
		}
	}
	s := newState(p, dots(pts), true)
	u, _, ok := s.midFront(s.hairStations())
	if !ok || math.Abs(u-2) > 0.3 {
		t.Errorf("mid-frontal front %.2f mm behind the line (ok %v), want 2 ±0.3 (the cluster 5.3 skin mm out is outside the strip)", u, ok)
	}
}

// TestWhereOnTheSkin: where() names the third of the line by skin arc
// length from the midline point. On Norwood III's bell-shaped line,
// stations more than a sixth of the line's skin length (measured
// independently, great-circle distances between the design line's
// vertices) to the right of the midline lie in the right third, including
// those still within a sixth of the line's chart length of the midline in
// chart x, where the line turns back toward the temple (which the old
// split, chart x against chart arc length, called "in the middle").
func TestWhereOnTheSkin(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	hp := NewGrader(tp).prep(3).hair
	line := tp.DesignHairline
	// Skin arc length along the design line up to each vertex, and at
	// the vertex nearest the midline.
	arc := make([]float64, len(line))
	mid, best := 0.0, math.Inf(1)
	for i := range line {
		if i > 0 {
			arc[i] = arc[i-1] + tp.Head.SurfaceDist(line[i-1], line[i])
		}
		if d := math.Abs(line[i].X - hp.midX); d < best {
			best, mid = d, arc[i]
		}
	}
	total := arc[len(arc)-1]
	// skinAt: the skin arc of the design vertex nearest chart point p.
	skinAt := func(p geom.Point) float64 {
		j, d := 0, math.Inf(1)
		for i, q := range line {
			if e := q.Dist(p); e < d {
				j, d = i, e
			}
		}
		return arc[j]
	}
	var outer []float64
	for k := range hp.stations {
		s := hp.stationS(k)
		p := hp.pointAt(s)
		a := skinAt(p) - mid
		if p.X > hp.midX && a > total/6+2 && p.X-hp.midX < hp.length/6 {
			outer = append(outer, s)
		}
	}
	if len(outer) == 0 {
		t.Fatal("no station in the right third on the skin but within the old middle in chart x: the test cannot tell")
	}
	if got := hp.where(outer); got != "on the right" {
		t.Errorf("%d stations in the right third of the line on the skin: where says %q", len(outer), got)
	}
}
