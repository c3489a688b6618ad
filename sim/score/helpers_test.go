package score

import (
	"math"
	"math/rand/v2"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// Session bands of domain.md §3, used by the synthetic templates.
var sessionBands = [3]scalp.DensityBand{{Min: 10, Max: 25}, {Min: 45, Max: 50}, {Min: 70, Max: 100}}

func rectPoly(x0, y0, x1, y1 float64) geom.Polygon {
	return geom.Polygon{geom.Pt(x0, y0), geom.Pt(x1, y0), geom.Pt(x1, y1), geom.Pt(x0, y1)}
}

// fieldTemplate is a synthetic practice field of side w mm, like square20.
func fieldTemplate(w float64) *scalp.Template {
	pg := rectPoly(-w/2, -w/2, w/2, w/2)
	return &scalp.Template{
		ID: "test-field", Name: "test field", Head: scalp.Head{Projection: scalp.Flat, RadiusMM: 91, Aspect: 1},
		Outline: pg,
		Zones:   []scalp.Zone{{ID: "field", Name: "field", Kind: scalp.Field, Polygon: pg, Targets: sessionBands}},
	}
}

// twoZoneTemplate has a treated field and a no-go strip ("forehead") in
// front of it, and an L-shaped treated zone, to exercise polygons that are
// not rectangles.
func twoZoneTemplate() *scalp.Template {
	field := geom.Polygon{geom.Pt(-30, 0), geom.Pt(30, 0), geom.Pt(30, 40), geom.Pt(0, 40), geom.Pt(0, 20), geom.Pt(-30, 20)}
	rest := geom.Polygon{geom.Pt(-30, 20), geom.Pt(0, 20), geom.Pt(0, 40), geom.Pt(-30, 40)}
	fore := rectPoly(-30, -20, 30, 0)
	return &scalp.Template{
		ID: "test-two", Head: scalp.Head{Projection: scalp.Flat, RadiusMM: 91, Aspect: 1},
		Outline: rectPoly(-30, -20, 30, 40),
		Zones: []scalp.Zone{
			{ID: "forehead", Name: "forehead", Kind: scalp.Forehead, Polygon: fore},
			{ID: "mid", Name: "mid-scalp", Kind: scalp.MidScalp, Polygon: field, Targets: sessionBands},
			{ID: "crown", Name: "crown", Kind: scalp.Crown, Polygon: rest, Targets: sessionBands},
		},
	}
}

func dots(pts []geom.Point) []impression.Impression {
	out := make([]impression.Impression, len(pts))
	for i, p := range pts {
		out[i] = impression.New(p, impression.DefaultNeedle, 1, float64(i))
	}
	return out
}

// uniformIn returns n uniform random points in pg (rejection sampling).
func uniformIn(pg geom.Polygon, n int, seed uint64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 11))
	b := pg.Bounds()
	out := make([]geom.Point, 0, n)
	for len(out) < n {
		p := geom.Pt(b.Min.X+r.Float64()*b.Dx(), b.Min.Y+r.Float64()*b.Dy())
		if pg.Contains(p) {
			out = append(out, p)
		}
	}
	return out
}

// poissonDisk is Bridson's algorithm: a maximal-ish blue-noise pattern with
// minimum spacing rmin inside pg, the model of even-but-random work
// (domain.md §4).
func poissonDisk(pg geom.Polygon, rmin float64, seed uint64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 23))
	b := pg.Bounds()
	cell := rmin / math.Sqrt2
	nx, ny := int(b.Dx()/cell)+1, int(b.Dy()/cell)+1
	grid := make([]int, nx*ny)
	for i := range grid {
		grid[i] = -1
	}
	var pts []geom.Point
	var active []int
	put := func(p geom.Point) {
		i := len(pts)
		pts = append(pts, p)
		active = append(active, i)
		grid[int((p.Y-b.Min.Y)/cell)*nx+int((p.X-b.Min.X)/cell)] = i
	}
	ok := func(p geom.Point) bool {
		if !pg.Contains(p) {
			return false
		}
		cx, cy := int((p.X-b.Min.X)/cell), int((p.Y-b.Min.Y)/cell)
		for y := max(cy-2, 0); y <= min(cy+2, ny-1); y++ {
			for x := max(cx-2, 0); x <= min(cx+2, nx-1); x++ {
				if j := grid[y*nx+x]; j >= 0 && pts[j].Dist2(p) < rmin*rmin {
					return false
				}
			}
		}
		return true
	}
	for len(pts) == 0 {
		p := geom.Pt(b.Min.X+r.Float64()*b.Dx(), b.Min.Y+r.Float64()*b.Dy())
		if pg.Contains(p) {
			put(p)
		}
	}
	for len(active) > 0 {
		k := r.IntN(len(active))
		c := pts[active[k]]
		found := false
		for range 30 {
			a := r.Float64() * 2 * math.Pi
			d := rmin * (1 + r.Float64())
			p := geom.Pt(c.X+d*math.Cos(a), c.Y+d*math.Sin(a))
			if ok(p) {
				put(p)
				found = true
				break
			}
		}
		if !found {
			active[k] = active[len(active)-1]
			active = active[:len(active)-1]
		}
	}
	return pts
}

// poissonDiskDensity returns a blue-noise pattern in pg at about dens per
// cm²: Bridson's maximal sampling reaches about 0.69/r² per mm² (measured
// here, model), so r is chosen from that.
func poissonDiskDensity(pg geom.Polygon, dens float64, seed uint64) []geom.Point {
	r := math.Sqrt(0.69 / (dens / 100))
	return poissonDisk(pg, r, seed)
}

// squareLattice fills pg with a square lattice of spacing s.
func squareLattice(pg geom.Polygon, s float64) []geom.Point {
	b := pg.Bounds()
	var out []geom.Point
	for y := b.Min.Y + s/2; y < b.Max.Y; y += s {
		for x := b.Min.X + s/2; x < b.Max.X; x += s {
			if p := geom.Pt(x, y); pg.Contains(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// hexLattice fills pg with a hexagonal lattice of spacing s.
func hexLattice(pg geom.Polygon, s float64) []geom.Point {
	b := pg.Bounds()
	var out []geom.Point
	h := s * math.Sqrt(3) / 2
	row := 0
	for y := b.Min.Y + h/2; y < b.Max.Y; y += h {
		off := 0.0
		if row%2 == 1 {
			off = s / 2
		}
		for x := b.Min.X + s/4 + off; x < b.Max.X; x += s {
			if p := geom.Pt(x, y); pg.Contains(p) {
				out = append(out, p)
			}
		}
		row++
	}
	return out
}

func jitter(pts []geom.Point, amp float64, seed uint64) []geom.Point {
	r := rand.New(rand.NewPCG(seed, 31))
	out := make([]geom.Point, len(pts))
	for i, p := range pts {
		out[i] = geom.Pt(p.X+(r.Float64()*2-1)*amp, p.Y+(r.Float64()*2-1)*amp)
	}
	return out
}

// vscale returns v scaled by k.
func vscale(v geom.Vec3, k float64) geom.Vec3 { return geom.Vec3{X: k * v.X, Y: k * v.Y, Z: k * v.Z} }
