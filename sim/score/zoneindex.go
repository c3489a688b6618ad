package score

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// zoneIndexCell is the side of a zoneIndex cell in chart mm: small enough
// that few dots fall in a cell a zone edge crosses, large enough that the
// raster of a whole chart stays under a few hundred kB (model assumption,
// a speed/memory trade-off; it changes no answer).
const zoneIndexCell = 1.0

// zoneIndexSlack is how near, in chart mm, a zone edge may come to a cell
// for the cell still to count as crossed. It is far above the rounding of
// chart coordinates (about 1e-13 mm) and of the polygon test's crossing
// points, so that in a cell no edge comes near every point gets the same
// answer from the polygons, exactly.
const zoneIndexSlack = 1e-6

// zoneIndex answers prep.locate for most points with one lookup. It is a
// raster over the zones' bounds: a cell that no zone edge comes near lies
// wholly inside or outside each zone, so it holds the zone locate finds at
// its centre (-1: none); a cell an edge crosses holds crossedCell and the
// polygons are asked. It depends only on the template.
type zoneIndex struct {
	origin geom.Point
	nx, ny int
	zone   []int16
}

// crossedCell marks a zoneIndex cell a zone edge crosses.
const crossedCell = -2

func newZoneIndex(zones []scalp.Zone, locate func(geom.Point) int) *zoneIndex {
	if len(zones) == 0 || len(zones) > math.MaxInt16 {
		return nil
	}
	b := zones[0].Polygon.Bounds()
	for i := range zones {
		b = b.Union(zones[i].Polygon.Bounds())
	}
	if !b.Min.IsFinite() || !b.Max.IsFinite() || !(b.Dx() > 0) || !(b.Dy() > 0) {
		return nil
	}
	x := &zoneIndex{origin: b.Min, nx: int(b.Dx()/zoneIndexCell) + 1, ny: int(b.Dy()/zoneIndexCell) + 1}
	if x.nx*x.ny > 1<<22 {
		return nil
	}
	x.zone = make([]int16, x.nx*x.ny)
	// Mark the cells each edge comes near, piece by piece so a long
	// slanted edge marks only the cells along it.
	mark := func(a, c geom.Point) {
		lo := geom.Pt(math.Min(a.X, c.X)-zoneIndexSlack, math.Min(a.Y, c.Y)-zoneIndexSlack)
		hi := geom.Pt(math.Max(a.X, c.X)+zoneIndexSlack, math.Max(a.Y, c.Y)+zoneIndexSlack)
		// cellOf is monotone, so every point inside [lo, hi] has its
		// cell among these.
		i0, j0 := x.cellOf(lo)
		i1, j1 := x.cellOf(hi)
		for j := max(j0, 0); j <= min(j1, x.ny-1); j++ {
			for i := max(i0, 0); i <= min(i1, x.nx-1); i++ {
				x.zone[j*x.nx+i] = crossedCell
			}
		}
	}
	for zi := range zones {
		pg := zones[zi].Polygon
		for k, a := range pg {
			c := pg[(k+1)%len(pg)]
			steps := max(1, int(math.Ceil(a.Dist(c)/zoneIndexCell)))
			for s := range steps {
				mark(a.Add(c.Sub(a).Mul(float64(s)/float64(steps))), a.Add(c.Sub(a).Mul(float64(s+1)/float64(steps))))
			}
		}
	}
	for j := range x.ny {
		for i := range x.nx {
			if k := j*x.nx + i; x.zone[k] != crossedCell {
				x.zone[k] = int16(locate(geom.Pt(x.origin.X+(float64(i)+0.5)*zoneIndexCell, x.origin.Y+(float64(j)+0.5)*zoneIndexCell)))
			}
		}
	}
	return x
}

// cellOf returns the column and row of p's cell, which may lie outside the
// raster.
func (x *zoneIndex) cellOf(p geom.Point) (int, int) {
	return int(math.Floor((p.X - x.origin.X) / zoneIndexCell)), int(math.Floor((p.Y - x.origin.Y) / zoneIndexCell))
}

// lookup returns the zone holding p and true, or false when the polygons
// must be asked (p in a crossed cell or off the raster).
func (x *zoneIndex) lookup(p geom.Point) (int, bool) {
	if x == nil {
		return 0, false
	}
	i, j := x.cellOf(p)
	if i < 0 || j < 0 || i >= x.nx || j >= x.ny {
		return 0, false
	}
	z := x.zone[j*x.nx+i]
	return int(z), z != crossedCell
}
