package doc

import (
	"math"
	"slices"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// gridCellMM is the side of a grid cell. Two millimetres holds a handful of
// impressions at finished density (70–100/cm², domain.md §3: about 3–4 per
// cell), so a neighbourhood query touches few cells and few points.
const gridCellMM = 2.0

// gridMarginMM extends the grid past the template's bounds to cover the
// strays a session file may hold (session.OutsideToleranceMM is 20 mm).
// Points beyond it still work: they are clamped into the edge cells.
const gridMarginMM = 25.0

// grid is a dense uniform bucket grid of impression indices over the
// template. It answers "which impressions lie in this rectangle" for
// redrawing a dirty neighbourhood.
type grid struct {
	min   geom.Point
	nx    int
	ny    int
	cells [][]int32
}

func newGrid(b geom.Rect, ims []impression.Impression) *grid {
	b = b.Inset(-gridMarginMM)
	g := &grid{
		min: b.Min,
		nx:  max(1, int(math.Ceil(b.Dx()/gridCellMM))),
		ny:  max(1, int(math.Ceil(b.Dy()/gridCellMM))),
	}
	g.cells = make([][]int32, g.nx*g.ny)
	for i, im := range ims {
		g.add(i, im.Pos)
	}
	return g
}

func (g *grid) cellXY(p geom.Point) (int, int) {
	cx := (p.X - g.min.X) / gridCellMM
	cy := (p.Y - g.min.Y) / gridCellMM
	// NaN and ±Inf never reach here from a validated file, but clamp
	// anyway so a bad point cannot index out of range.
	ix, iy := 0, 0
	if cx > 0 {
		ix = int(math.Min(cx, float64(g.nx-1)))
	}
	if cy > 0 {
		iy = int(math.Min(cy, float64(g.ny-1)))
	}
	return ix, iy
}

func (g *grid) add(i int, p geom.Point) {
	x, y := g.cellXY(p)
	c := &g.cells[y*g.nx+x]
	*c = append(*c, int32(i))
}

func (g *grid) remove(i int, p geom.Point) {
	x, y := g.cellXY(p)
	c := &g.cells[y*g.nx+x]
	if k := slices.Index(*c, int32(i)); k >= 0 {
		*c = slices.Delete(*c, k, k+1)
	}
}

func (g *grid) query(ims []impression.Impression, r geom.Rect, fn func(i int)) {
	x0, y0 := g.cellXY(r.Min)
	x1, y1 := g.cellXY(r.Max)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range g.cells[y*g.nx+x] {
				p := ims[i].Pos
				if p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y {
					fn(int(i))
				}
			}
		}
	}
}

// removeShift drops the sorted indices idx (at positions pos) from the grid
// and renumbers the rest as the list closes up: in place, without the
// allocations of a rebuild, so an eraser drag stays cheap at 100,000
// impressions.
func (g *grid) removeShift(idx []int, pos []geom.Point) {
	for k, i := range idx {
		g.remove(i, pos[k])
	}
	for c := range g.cells {
		for j, e := range g.cells[c] {
			n, _ := slices.BinarySearch(idx, int(e))
			g.cells[c][j] = e - int32(n)
		}
	}
}
