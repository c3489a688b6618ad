package spatial

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// CountWithinOnSurface counts what WithinOnSurface visits, among the
// labelled points or all of them: on a chart and on a surface, on a fresh
// grid and after Add and Remove, with duplicates and points on the disc's
// edge, checked against brute force.
func TestCountWithinOnSurface(t *testing.T) {
	sphere := &Surface{
		// A sphere of radius 60 mm seen from above: the lift keeps
		// chart distances near the pole and shrinks none.
		Lift: func(p geom.Point) geom.Vec3 {
			const R = 60
			rho := math.Hypot(p.X, p.Y)
			th := rho / R
			if rho == 0 {
				return geom.Vec3{Z: R}
			}
			s := R * math.Sin(th) / rho
			return geom.Vec3{X: p.X * s, Y: p.Y * s, Z: R * math.Cos(th)}
		},
		MinScale: 0.5,
	}
	for _, surf := range []*Surface{nil, sphere} {
		pts := randomSet(3, 2000, 80, 0.05)
		pts = append(pts, geom.Pt(0, 40), geom.Pt(3, 40)) // 3 mm apart on the chart
		labels := make([]int32, len(pts))
		for i := range labels {
			labels[i] = int32(i % 3)
		}
		g := NewGridOn(pts, geom.Rect{}, 0, surf)
		dist := func(a, b geom.Point) float64 {
			if surf == nil {
				return a.Dist(b)
			}
			return math.Sqrt(surf.Lift(a).Dist2(surf.Lift(b)))
		}
		check := func(stage string) {
			for qi, q := range []geom.Point{geom.Pt(0, 40), geom.Pt(-30, 5), geom.Pt(12.5, 70), pts[17], geom.Pt(100, 100)} {
				for _, r := range []float64{0, dist(geom.Pt(0, 40), geom.Pt(3, 40)), 2.7, 9} {
					for _, want := range []int32{-1, 0, 2} {
						var lb []int32
						if want >= 0 {
							lb = labels
						}
						exp := 0
						for i, p := range pts {
							if g.Alive(i) && dist(q, p) <= r && (lb == nil || lb[i] == want) {
								exp++
							}
						}
						visited := 0
						g.WithinOnSurface(q, r, func(j int) {
							if lb == nil || lb[j] == want {
								visited++
							}
						})
						if got := g.CountWithinOnSurface(q, r, lb, want); got != exp || got != visited {
							t.Fatalf("%s (surface %v) query %d r %.3f label %d: counted %d, WithinOnSurface visits %d, brute force %d", stage, surf != nil, qi, r, want, got, visited, exp)
						}
					}
				}
			}
		}
		check("fresh")
		for i := 0; i < 300; i++ {
			g.Remove(i * 5)
		}
		for i := 0; i < 200; i++ {
			p := pts[i].Add(geom.Pt(0.3, 0.3))
			pts = append(pts, p)
			labels = append(labels, int32(i%3))
			g.Add(p)
		}
		check("after Add and Remove")
		if got := g.CountWithinOnSurface(geom.Pt(math.NaN(), 0), 5, nil, 0); got != 0 {
			t.Errorf("a point that is not a number counts %d", got)
		}
	}
}

// BenchmarkCountWithin100k counts a density map's windows (radius 2.7 mm,
// on a lattice of that side) over 100,000 points at 0.86/mm², four labels.
func BenchmarkCountWithin100k(b *testing.B) {
	const w = 340.0
	pts := randomSet(9, 100_000, w, 0)
	labels := make([]int32, len(pts))
	for i, p := range pts {
		labels[i] = int32(0)
		if p.X > 0 {
			labels[i] = 1
		}
	}
	g := NewGrid(pts, 0)
	const h = 2.7
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for y := 0.0; y < w; y += h {
			for x := -w / 2; x < w/2; x += h {
				n += g.CountWithinOnSurface(geom.Pt(x, y), h, labels, 1)
			}
		}
		if n == 0 {
			b.Fatal("nothing counted")
		}
	}
}
