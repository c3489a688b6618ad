// Package spatial is a uniform-grid spatial index over chart points.
//
// Impressions are spread fairly evenly over a scalp chart, which is the case
// a plain grid handles best: bucketing is a counting sort, and a
// nearest-neighbour query looks at a handful of cells. Issue 4 measured it
// several times faster than a generic kd-tree for all-nearest-neighbour
// queries on 100,000 points, so nothing fancier is used.
//
// Indices are stable: the i-th point passed to NewGrid, or the index Add
// returns, names the same point for the life of the grid, even after other
// points are removed. Points with a NaN or infinite coordinate are kept (so
// indices stay aligned with the caller's slice) but never indexed: queries
// never return them, and Nearest of such a point reports -1.
//
// A grid built with a Surface (NewGridOn) measures distances on the curved
// skin the chart flattens rather than on the chart: cells stay square on
// the chart, and the surface's lower bound on skin length per chart length
// keeps every ring search exact.
package spatial

import (
	"math"
	"slices"

	"github.com/smptrainer/smp/sim/geom"
)

// targetPerCell is the mean number of points per cell NewGrid aims at when
// the caller passes cellMM <= 0. Two keeps the 3×3 neighbourhood of a query
// small while leaving few cells empty (model assumption, tuned by the
// benchmarks in grid_test.go).
const targetPerCell = 2.0

// maxCellsPerPoint caps the number of cells relative to the number of
// points, so that a few far outliers cannot make the grid allocate a huge
// mostly empty array: the cell size grows instead.
const maxCellsPerPoint = 4

// minCells is the cell budget for tiny inputs, so that an incremental grid
// started from a handful of points still has room to spread.
const minCells = 1024

// Grid is a uniform grid over a set of points. The zero value is not usable
// until Reset; call NewGrid. A Grid is not safe for concurrent mutation; concurrent
// queries without mutation are fine.
type Grid struct {
	pts   []geom.Point
	alive []bool
	live  int

	origin geom.Point
	cell   float64 // cell side in mm
	inv    float64 // 1/cell
	nx, ny int
	// cells[c] holds the indices of the live, finite points in cell c once
	// the grid has been changed by Add or Remove (unpack); a grid as build
	// left it keeps them only in the packed arrays below (cellPts reads
	// them wherever it is), which spares a fresh grid three slice headers
	// per cell. The slices share the packed backing array, capped so that
	// an append in one cell reallocates only that cell.
	cells [][]int32
	// cpts[c] holds the positions of cells[c], in the same order: the scans
	// read positions contiguously instead of chasing indices.
	cpts [][]geom.Point
	// hint is the area NewGridIn was told the points will fill.
	hint geom.Rect
	// rebuildAt is the live count at which Add rebuilds with finer cells.
	rebuildAt int
	// where[i] is the position of point i inside its cell's slice, so Remove
	// is O(1). A packed grid leaves it unwritten but for overfull cells'
	// points (placeIn); unpack writes it.
	where []int32

	// surf is the surface distances are measured on; nil: the chart.
	surf *Surface
	// sk[i] is point i lifted onto the surface; csk[c] holds the lifted
	// positions of cells[c] in the same order. Both nil without a surface.
	sk  []geom.Vec3
	csk [][]geom.Vec3

	// sub[c], when set, indexes an overfull cell c's points (local index k
	// is cells[c][k]) on a finer grid of its own, so nearest-neighbour
	// queries stay fast however tightly points crowd one spot. Built with
	// the grid; dropped by the first Add or Remove (nil: none).
	sub   []*Grid
	depth int // nesting depth of this grid inside another's cell
	// spill is set once Add has put a point outside the rectangle the
	// cells cover (it went to an edge cell), which voids outside2's bound.
	spill bool

	// packed is set while the grid is as build left it (no Add or Remove
	// since). The cells then lie in row-major order in one backing array
	// (bidx, bpts and bsk hold what cells, cpts and csk slice), cell c
	// from start[c] to start[c+1], so the cells of a run of columns in one
	// row are one contiguous stretch: the bulk queries (NearestInto, the
	// radius searches) read stretches instead of going cell by cell.
	packed bool
	start  []int32
	bidx   []int32
	bpts   []geom.Point
	bsk    []geom.Vec3
	// tmp is build's scratch (each point's cell), kept for the next build.
	tmp []int32
}

// Sub-grids of overfull cells (model assumptions, issue 15): a cell holding
// more than subCap points gets its own finer grid, nested at most maxDepth
// deep, so clustered input costs about what spread input costs.
const (
	subCap   = 64
	maxDepth = 4
)

// Surface is a curved skin that the chart flattens, such as the model head
// of a scalp template (scalp.Head.ToSkin).
type Surface struct {
	// Lift maps a chart point to its position on the surface, in mm.
	Lift func(geom.Point) geom.Vec3
	// MinScale is a lower bound on surface distance per chart distance
	// over the chart's area (the least local scale, with a margin): the
	// ring searches stop only once every unvisited point is certainly
	// farther on the surface. Distances are straight-line (chord)
	// distances between lifted points.
	MinScale float64
}

// NewGrid indexes pts with square cells of side cellMM millimetres. With
// cellMM <= 0 (or NaN) the size is chosen from the points' bounding box so
// that a cell holds about two points. The grid keeps its own copy of pts.
func NewGrid(pts []geom.Point, cellMM float64) *Grid {
	return NewGridIn(pts, geom.Rect{}, cellMM)
}

// NewGridIn is NewGrid for a grid that will grow by Add: the cells cover at
// least bounds (an empty Rect adds nothing), so points added inside it
// spread over many cells even when pts is empty. With cellMM <= 0 and no
// points, the cell is sized for 1024 cells over bounds. Whichever way it
// starts, the grid rebuilds itself with smaller cells once Add has packed
// more than rebuildPerCell points per cell on average.
func NewGridIn(pts []geom.Point, bounds geom.Rect, cellMM float64) *Grid {
	return NewGridOn(pts, bounds, cellMM, nil)
}

// NewGridOn is NewGridIn measuring distances on surf instead of the chart
// (nil: the chart). Nearest, NearestTo, NearestWhere, NearestAll and
// WithinOnSurface then answer in surface mm; Within still takes a chart
// radius.
func NewGridOn(pts []geom.Point, bounds geom.Rect, cellMM float64, surf *Surface) *Grid {
	g := new(Grid)
	g.Reset(pts, bounds, cellMM, surf)
	return g
}

// Reset indexes pts afresh, as NewGridOn(pts, bounds, cellMM, surf) would,
// on the arrays g already holds wherever they are large enough: a caller
// that indexes one set of points after another (a grader grading file
// after file) then allocates almost nothing, and leaves nothing for the
// garbage collector. Whatever g indexed before is gone.
func (g *Grid) Reset(pts []geom.Point, bounds geom.Rect, cellMM float64, surf *Surface) {
	n := len(pts)
	old := g.spare()
	*g = Grid{
		pts:   slices.Grow(old.pts[:0], n)[:n],
		alive: slices.Grow(old.alive[:0], n)[:n],
		where: slices.Grow(old.where[:0], n)[:n],
		// For build to reuse (nil when g had been changed by Add or
		// Remove: unpack let them go).
		start: old.start, bidx: old.bidx, bpts: old.bpts, bsk: old.bsk, tmp: old.tmp,
	}
	// The copy, the alive flags and the live points' box in one pass.
	box := emptyBox
	for i, p := range pts {
		g.pts[i] = p
		fin := p.IsFinite()
		g.alive[i] = fin
		if fin {
			g.live++
			box.add(p)
		}
	}
	if bounds.Min.IsFinite() && bounds.Max.IsFinite() && bounds.Dx() > 0 && bounds.Dy() > 0 {
		g.hint = bounds
	}
	if surf != nil && surf.Lift != nil && surf.MinScale > 0 {
		g.surf = surf
		g.sk = slices.Grow(old.sk[:0], n)[:n]
		for i, p := range pts {
			if g.alive[i] {
				g.sk[i] = surf.Lift(p)
			}
		}
	}
	g.buildIn(box, bounds, cellMM)
}

// box is the bounding box of a set of points, kept as four numbers so the
// loops that grow it keep them in registers.
type box struct{ minX, minY, maxX, maxY float64 }

// emptyBox is the box of no points.
var emptyBox = box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

// add grows b to hold p, a finite point. Plain comparisons rather than
// the builtin min and max, whose care for NaN and the sign of zero costs
// a third of a build and is not needed here (a zero's sign moves no
// point to another cell).
func (b *box) add(p geom.Point) {
	if p.X < b.minX {
		b.minX = p.X
	}
	if p.X > b.maxX {
		b.maxX = p.X
	}
	if p.Y < b.minY {
		b.minY = p.Y
	}
	if p.Y > b.maxY {
		b.maxY = p.Y
	}
}

// spare returns g's arrays that Reset may fill again: all of them, except
// that the packed ones are left out once unpack has handed them to cells.
func (g *Grid) spare() Grid {
	return Grid{pts: g.pts, alive: g.alive, where: g.where, sk: g.sk,
		start: g.start, bidx: g.bidx, bpts: g.bpts, bsk: g.bsk, tmp: g.tmp}
}

// rebuildPerCell is the mean number of points per cell at which Add
// rebuilds the grid with cells sized for the current count (model
// assumption: four times the target, so rebuilds are rare and their cost,
// linear in the count, amortises to a constant per Add).
const rebuildPerCell = 4 * targetPerCell

// build sizes the cells for the live points and bounds, and buckets the
// points. Indices and the alive flags are kept.
func (g *Grid) build(bounds geom.Rect, cellMM float64) {
	b := emptyBox
	for i, p := range g.pts {
		if g.alive[i] {
			b.add(p)
		}
	}
	g.buildIn(b, bounds, cellMM)
}

// buildIn is build given the box of the live points (emptyBox: none).
func (g *Grid) buildIn(b box, bounds geom.Rect, cellMM float64) {
	minX, minY, maxX, maxY := b.minX, b.minY, b.maxX, b.maxY
	n := g.live
	hasBounds := bounds.Min.IsFinite() && bounds.Max.IsFinite() && bounds.Dx() > 0 && bounds.Dy() > 0
	if hasBounds {
		minX, minY = math.Min(minX, bounds.Min.X), math.Min(minY, bounds.Min.Y)
		maxX, maxY = math.Max(maxX, bounds.Max.X), math.Max(maxY, bounds.Max.Y)
	}
	if n == 0 && !hasBounds {
		minX, minY, maxX, maxY = 0, 0, 0, 0
	}
	w, h := maxX-minX, maxY-minY
	if !(cellMM > 0) || math.IsInf(cellMM, 0) {
		area := w * h
		if g.hint.Dx() > 0 {
			// The area the caller expects the points to fill: a few
			// outliers must not coarsen every cell.
			area = math.Min(area, g.hint.Dx()*g.hint.Dy())
		}
		cellMM = math.Sqrt(area * targetPerCell / float64(max(n, 1)))
		if n == 0 {
			cellMM = math.Sqrt(w * h / minCells)
		}
		if !(cellMM > 0) {
			// Degenerate box (a line or a single point): size by its length.
			cellMM = math.Max(w, h) * targetPerCell / float64(max(n, 1))
		}
		if !(cellMM > 0) {
			cellMM = 1
		}
	}
	budget := float64(max(maxCellsPerPoint*n, minCells))
	for (math.Floor(w/cellMM)+1)*(math.Floor(h/cellMM)+1) > budget && !math.IsInf(cellMM, 0) {
		cellMM *= 1.5
	}
	g.origin = geom.Point{X: minX, Y: minY}
	g.nx, g.ny = 1, 1
	if fx, fy := w/cellMM, h/cellMM; fx < budget && fy < budget {
		g.nx = int(fx) + 1
		g.ny = int(fy) + 1
	} else {
		// Extents near the float64 limit (w or h infinite): one cell, which
		// degrades to brute force but stays correct.
		cellMM = math.Inf(1)
	}
	g.cell = cellMM
	g.inv = 1 / cellMM
	ncell := g.nx * g.ny
	g.rebuildAt = int(math.Min(rebuildPerCell*float64(ncell), math.MaxInt32))
	pts := g.pts

	// Counting sort of the points into cells, on the arrays of the last
	// build where Reset kept them. counts[c+2] counts cell c; summed, it
	// makes counts[c+1] cell c's first place, the cursor the points of
	// cell c are put at, which leaves it at cell c+1's first place: so
	// counts[:ncell+1] ends up as the cells' bounds (start).
	cellOf := slices.Grow(g.tmp[:0], len(pts))[:len(pts)]
	g.tmp = cellOf
	counts := slices.Grow(g.start[:0], ncell+2)[:ncell+2]
	clear(counts)
	for i, p := range pts {
		if !g.alive[i] {
			continue
		}
		c := int32(g.cellIndex(p))
		cellOf[i] = c
		counts[c+2]++
	}
	sum := int32(0)
	for c, k := range counts {
		sum += k
		counts[c] = sum
	}
	cursor := counts[1:]
	backing := slices.Grow(g.bidx[:0], n)[:n]
	pbacking := slices.Grow(g.bpts[:0], n)[:n]
	if g.surf != nil {
		// Never nil on a surface, even empty: a non-nil bsk (csk once
		// unpacked) is how the cells say they hold lifted positions.
		sbacking := slices.Grow(g.bsk[:0], n)[:n]
		if sbacking == nil {
			sbacking = []geom.Vec3{}
		}
		for i, p := range pts {
			if g.alive[i] {
				c := cellOf[i]
				k := cursor[c]
				cursor[c] = k + 1
				backing[k] = int32(i)
				pbacking[k] = p
				sbacking[k] = g.sk[i]
			}
		}
		g.bsk = sbacking
	} else {
		for i, p := range pts {
			if g.alive[i] {
				c := cellOf[i]
				k := cursor[c]
				cursor[c] = k + 1
				backing[k] = int32(i)
				pbacking[k] = p
			}
		}
		g.bsk = nil
	}
	g.cells, g.cpts, g.csk = nil, nil, nil
	g.packed, g.start, g.bidx, g.bpts = true, counts[:ncell+1], backing, pbacking
	g.sub = nil
	g.spill = false
	if g.depth < maxDepth {
		for c := range ncell {
			if counts[c+1]-counts[c] <= subCap {
				continue
			}
			if g.sub == nil {
				g.sub = make([]*Grid, ncell)
			}
			g.sub[c] = g.subGrid(c)
			g.placeIn(c) // scanSub reads where for the cell's points
		}
	}
}

// placeIn records in where the place of each of cell c's points in the
// cell, which a packed grid otherwise leaves unwritten: only Remove (once
// unpack has made them all) and scanSub (an overfull cell's) need them.
func (g *Grid) placeIn(c int) {
	idx, _, _ := g.cellPts(c)
	for k, i := range idx {
		g.where[i] = int32(k)
	}
}

// cellPts returns the indices, positions and lifted positions (nil without
// a surface) of the live points in cell c, in the same order.
func (g *Grid) cellPts(c int) ([]int32, []geom.Point, []geom.Vec3) {
	if g.packed {
		a, b := g.start[c], g.start[c+1]
		var sk []geom.Vec3
		if g.bsk != nil {
			sk = g.bsk[a:b:b]
		}
		return g.bidx[a:b:b], g.bpts[a:b:b], sk
	}
	var sk []geom.Vec3
	if g.csk != nil {
		sk = g.csk[c]
	}
	return g.cells[c], g.cpts[c], sk
}

// unpack gives every cell its own slices (sharing the packed arrays), so
// that Add and Remove can change one cell at a time. The grid is no longer
// packed afterwards.
func (g *Grid) unpack() {
	if !g.packed {
		return
	}
	ncell := len(g.start) - 1
	g.cells = make([][]int32, ncell)
	g.cpts = make([][]geom.Point, ncell)
	if g.bsk != nil {
		g.csk = make([][]geom.Vec3, ncell)
	}
	for c := range ncell {
		g.placeIn(c)
		g.cells[c], g.cpts[c], _ = g.cellPts(c)
		if g.csk != nil {
			a, b := g.start[c], g.start[c+1]
			g.csk[c] = g.bsk[a:b:b]
		}
	}
	g.packed, g.start, g.bidx, g.bpts, g.bsk = false, nil, nil, nil, nil
}

// outside2 returns the squared chart distance from p to the rectangle the
// cells cover (0 inside). Every point of the grid is at least that far, and
// a point k or more rings out from p's clamped cell is at least
// √((k·cell)² + outside2) away, which bounds ring searches from outside.
func (g *Grid) outside2(p geom.Point) float64 {
	if g.spill {
		return 0
	}
	x0, y0 := g.origin.X, g.origin.Y
	x1, y1 := x0+g.cell*float64(g.nx), y0+g.cell*float64(g.ny)
	dx := math.Max(0, math.Max(x0-p.X, p.X-x1))
	dy := math.Max(0, math.Max(y0-p.Y, p.Y-y1))
	if math.IsInf(g.cell, 0) || math.IsNaN(dx+dy) {
		return 0
	}
	return dx*dx + dy*dy
}

// subGrid indexes cell c's points on a finer grid, or returns nil when they
// cannot be spread (all at one position).
func (g *Grid) subGrid(c int) *Grid {
	_, pts, sk := g.cellPts(c)
	b := geom.Rect{Min: pts[0], Max: pts[0]}
	for _, q := range pts {
		b.Min.X, b.Min.Y = math.Min(b.Min.X, q.X), math.Min(b.Min.Y, q.Y)
		b.Max.X, b.Max.Y = math.Max(b.Max.X, q.X), math.Max(b.Max.Y, q.Y)
	}
	if !(b.Dx() > 0 || b.Dy() > 0) {
		return nil
	}
	s := &Grid{
		pts:   append([]geom.Point(nil), pts...),
		alive: make([]bool, len(pts)),
		where: make([]int32, len(pts)),
		live:  len(pts),
		surf:  g.surf,
		depth: g.depth + 1,
	}
	for i := range s.alive {
		s.alive[i] = true
	}
	if g.surf != nil {
		s.sk = append([]geom.Vec3(nil), sk...)
	}
	s.build(geom.Rect{}, 0)
	return s
}

// cellXY returns the cell column and row of p, clamped to the grid: points
// outside the built bounds (added later) go to the edge cells, which keeps
// every ring-search bound valid because clamping preserves the order of
// columns and rows.
func (g *Grid) cellXY(p geom.Point) (int, int) {
	fx := (p.X - g.origin.X) * g.inv
	fy := (p.Y - g.origin.Y) * g.inv
	// Plain comparisons rather than math.Min: this is the hottest line of
	// every query, and NaN (from 0·Inf) falls through to cell 0.
	cx, cy := 0, 0
	if fx > 0 {
		if m := float64(g.nx - 1); fx < m {
			cx = int(fx)
		} else {
			cx = g.nx - 1
		}
	}
	if fy > 0 {
		if m := float64(g.ny - 1); fy < m {
			cy = int(fy)
		} else {
			cy = g.ny - 1
		}
	}
	return cx, cy
}

func (g *Grid) cellIndex(p geom.Point) int {
	cx, cy := g.cellXY(p)
	return cy*g.nx + cx
}

// Len returns the number of indices ever issued, live or removed: the next
// Add returns Len().
func (g *Grid) Len() int { return len(g.pts) }

// Live returns the number of live, finite points.
func (g *Grid) Live() int { return g.live }

// Point returns point i as given.
func (g *Grid) Point(i int) geom.Point { return g.pts[i] }

// Alive reports whether point i is indexed: finite and not removed.
func (g *Grid) Alive(i int) bool { return i >= 0 && i < len(g.pts) && g.alive[i] }

// CellMM returns the cell side in millimetres.
func (g *Grid) CellMM() float64 { return g.cell }

// Add indexes p and returns its index. A non-finite p gets an index but is
// never indexed.
func (g *Grid) Add(p geom.Point) int {
	i := len(g.pts)
	g.pts = append(g.pts, p)
	g.alive = append(g.alive, p.IsFinite())
	g.where = append(g.where, 0)
	if g.surf != nil {
		var v geom.Vec3
		if p.IsFinite() {
			v = g.surf.Lift(p)
		}
		g.sk = append(g.sk, v)
	}
	g.sub = nil // its local indices would go stale
	g.unpack()
	if p.IsFinite() {
		if g.live+1 > g.rebuildAt {
			g.alive[i] = true
			g.live++
			g.build(geom.Rect{Min: g.origin, Max: geom.Pt(g.origin.X+g.cell*float64(g.nx), g.origin.Y+g.cell*float64(g.ny))}, 0)
			return i
		}
		if g.outside2(p) > 0 {
			g.spill = true
		}
		c := g.cellIndex(p)
		g.where[i] = int32(len(g.cells[c]))
		g.cells[c] = append(g.cells[c], int32(i))
		g.cpts[c] = append(g.cpts[c], p)
		if g.surf != nil {
			g.csk[c] = append(g.csk[c], g.sk[i])
		}
		g.live++
	}
	return i
}

// Remove takes point i out of the index. Removing an index twice, or one
// that does not exist, does nothing.
func (g *Grid) Remove(i int) {
	if !g.Alive(i) {
		return
	}
	g.sub = nil
	g.unpack()
	c := g.cellIndex(g.pts[i])
	s, ps := g.cells[c], g.cpts[c]
	k := g.where[i]
	last := s[len(s)-1]
	s[k] = last
	ps[k] = ps[len(ps)-1]
	g.where[last] = k
	g.cells[c] = s[:len(s)-1]
	g.cpts[c] = ps[:len(ps)-1]
	if g.surf != nil {
		sk := g.csk[c]
		sk[k] = sk[len(sk)-1]
		g.csk[c] = sk[:len(sk)-1]
	}
	g.alive[i] = false
	g.live--
}

// Nearest returns the nearest other live point to point i and its distance
// in mm. Ties go to the lowest index, so the answer does not depend on the
// grid's internal order. It returns (-1, +Inf) when i has no other live
// point, or i is not live.
func (g *Grid) Nearest(i int) (int, float64) {
	if !g.Alive(i) {
		return -1, math.Inf(1)
	}
	return g.nearest(g.pts[i], i)
}

// lift returns p on the surface (zero without one).
func (g *Grid) lift(p geom.Point) geom.Vec3 {
	if g.surf == nil {
		return geom.Vec3{}
	}
	return g.surf.Lift(p)
}

// ringScale converts a chart distance to a lower bound on the distance the
// grid measures: MinScale on a surface, 1 on the chart.
func (g *Grid) ringScale() float64 {
	if g.surf != nil {
		return g.surf.MinScale
	}
	return 1
}

// d2 returns the squared distance the grid measures between the m-th point
// of cell c and the query (chart point p, surface point v).
func (g *Grid) d2(c, m int, p geom.Point, v geom.Vec3) float64 {
	_, pts, sk := g.cellPts(c)
	if sk != nil {
		return sk[m].Dist2(v)
	}
	q := pts[m]
	dx, dy := q.X-p.X, q.Y-p.Y
	return dx*dx + dy*dy
}

// NearestTo returns the live point nearest to p and its distance, or
// (-1, +Inf) when the grid holds no live point or p is not finite.
func (g *Grid) NearestTo(p geom.Point) (int, float64) {
	if !p.IsFinite() {
		return -1, math.Inf(1)
	}
	return g.nearest(p, -1)
}

// NearestWhere returns the live point nearest to point i among those for
// which ok returns true (i itself excluded), and its distance; (-1, +Inf)
// when there is none. It searches outward ring by ring like Nearest, so a
// filter that accepts most near points costs little more.
func (g *Grid) NearestWhere(i int, ok func(j int) bool) (int, float64) {
	if !g.Alive(i) {
		return -1, math.Inf(1)
	}
	p := g.pts[i]
	v := g.lift(p)
	scale := g.ringScale()
	cx, cy := g.cellXY(p)
	best, bestD2 := -1, math.Inf(1)
	maxRing := max(g.nx, g.ny)
	for k := 0; k <= maxRing; k++ {
		for y := max(cy-k, 0); y <= min(cy+k, g.ny-1); y++ {
			for x := max(cx-k, 0); x <= min(cx+k, g.nx-1); x++ {
				if y != cy-k && y != cy+k && x != cx-k && x != cx+k {
					continue // interior: an earlier ring
				}
				c := y*g.nx + x
				idx, _, _ := g.cellPts(c)
				for m := range idx {
					d2 := g.d2(c, m, p, v)
					j := int(idx[m])
					if j == i || (best >= 0 && (d2 > bestD2 || (d2 == bestD2 && j > best))) || !ok(j) {
						continue
					}
					best, bestD2 = j, d2
				}
			}
		}
		if best >= 0 {
			r := float64(k) * g.cell * scale
			if bestD2 < r*r {
				break
			}
		}
	}
	if best < 0 {
		return -1, math.Inf(1)
	}
	return best, math.Sqrt(bestD2)
}

// nearest is a ring search around p's cell, skipping index skip. After ring
// k every unvisited point is at least k cells away, so the search stops as
// soon as the best distance is within k·cell.
func (g *Grid) nearest(p geom.Point, skip int) (int, float64) {
	if g.live == 0 || (g.live == 1 && skip >= 0) {
		return -1, math.Inf(1)
	}
	if g.surf != nil {
		return g.nearestOn(p, g.surf.Lift(p), skip, -1, math.Inf(1), 0)
	}
	cx, cy := g.cellXY(p)
	best, bestD2 := -1, math.Inf(1)
	k0 := 0
	// Fast path for the common case, an interior cell: scan the 3×3 block
	// without the ring bookkeeping; it settles the query when the best
	// distance is under one cell.
	if cx > 0 && cy > 0 && cx < g.nx-1 && cy < g.ny-1 {
		for y := cy - 1; y <= cy+1; y++ {
			best, bestD2 = g.scanRow(y, cx-1, cx+1, p, skip, best, bestD2)
		}
		if best >= 0 && bestD2 < g.cell*g.cell {
			return best, math.Sqrt(bestD2)
		}
		k0 = 2
	}
	return g.rings(p, skip, best, bestD2, k0)
}

// rings is nearest's ring search from ring k0 on, best and bestD2 being
// the lowest (squared distance, index) pair in the rings before it (-1
// and +Inf: none).
func (g *Grid) rings(p geom.Point, skip, best int, bestD2 float64, k0 int) (int, float64) {
	cx, cy := g.cellXY(p)
	maxRing := max(g.nx, g.ny)
	out2 := g.outside2(p)
	for k := k0; k <= maxRing; k++ {
		y0, y1 := cy-k, cy+k
		x0, x1 := cx-k, cx+k
		for y := max(y0, 0); y <= min(y1, g.ny-1); y++ {
			row := y * g.nx
			if y == y0 || y == y1 {
				best, bestD2 = g.scanRow(y, max(x0, 0), min(x1, g.nx-1), p, skip, best, bestD2)
				continue
			}
			if x0 >= 0 {
				best, bestD2 = g.scan(row+x0, p, skip, best, bestD2)
			}
			if x1 < g.nx && x1 != x0 {
				best, bestD2 = g.scan(row+x1, p, skip, best, bestD2)
			}
		}
		if best >= 0 {
			// Strict, so an unvisited point at exactly the bound that
			// ties on distance with a lower index is still seen.
			r := float64(k) * g.cell
			if bestD2 < r*r+out2 {
				break
			}
		}
	}
	if best < 0 {
		return -1, math.Inf(1)
	}
	return best, math.Sqrt(bestD2)
}

// nearestOn is nearest measured on the surface, v being p lifted: the same
// ring search, stopped by the surface's lower bound on distance. Like
// rings, it starts from ring k0 with the best of the rings before it.
func (g *Grid) nearestOn(p geom.Point, v geom.Vec3, skip, best int, bestD2 float64, k0 int) (int, float64) {
	cx, cy := g.cellXY(p)
	maxRing := max(g.nx, g.ny)
	scale2 := g.surf.MinScale * g.surf.MinScale
	out2 := g.outside2(p)
	for k := k0; k <= maxRing; k++ {
		y0, y1 := cy-k, cy+k
		x0, x1 := cx-k, cx+k
		for y := max(y0, 0); y <= min(y1, g.ny-1); y++ {
			row := y * g.nx
			if y == y0 || y == y1 {
				best, bestD2 = g.scanRowOn(y, max(x0, 0), min(x1, g.nx-1), p, v, skip, best, bestD2)
				continue
			}
			if x0 >= 0 {
				best, bestD2 = g.scanOn(row+x0, p, v, skip, best, bestD2)
			}
			if x1 < g.nx && x1 != x0 {
				best, bestD2 = g.scanOn(row+x1, p, v, skip, best, bestD2)
			}
		}
		if best >= 0 {
			r := float64(k) * g.cell
			if bestD2 < scale2*(r*r+out2) {
				break
			}
		}
	}
	if best < 0 {
		return -1, math.Inf(1)
	}
	return best, math.Sqrt(bestD2)
}

// scanOn is scan on the surface.
func (g *Grid) scanOn(c int, p geom.Point, v geom.Vec3, skip, best int, bestD2 float64) (int, float64) {
	if g.sub != nil && g.sub[c] != nil {
		return g.scanSub(c, p, v, skip, best, bestD2, true)
	}
	idx, _, sk := g.cellPts(c)
	return scanPtsOn(idx, sk, v, skip, best, bestD2)
}

// scanRowOn is scanRow on the surface.
func (g *Grid) scanRowOn(y, x0, x1 int, p geom.Point, v geom.Vec3, skip, best int, bestD2 float64) (int, float64) {
	row := y * g.nx
	if g.packed && g.sub == nil {
		a, b := g.start[row+x0], g.start[row+x1+1]
		return scanPtsOn(g.bidx[a:b], g.bsk[a:b], v, skip, best, bestD2)
	}
	for c := row + x0; c <= row+x1; c++ {
		best, bestD2 = g.scanOn(c, p, v, skip, best, bestD2)
	}
	return best, bestD2
}

// scanPtsOn is scanPts on the surface: sk holds the lifted positions.
func scanPtsOn(idx []int32, sk []geom.Vec3, v geom.Vec3, skip, best int, bestD2 float64) (int, float64) {
	for k, q := range sk {
		if d2 := q.Dist2(v); d2 <= bestD2 {
			if j := int(idx[k]); j != skip && (d2 < bestD2 || uint(j) < uint(best)) {
				best, bestD2 = j, d2
			}
		}
	}
	return best, bestD2
}

// scanSub is scan of an overfull cell through its sub-grid: the cell's
// nearest point to the query (chart p, or surface v when onSurf), compared
// with best.
func (g *Grid) scanSub(c int, p geom.Point, v geom.Vec3, skip, best int, bestD2 float64, onSurf bool) (int, float64) {
	sg := g.sub[c]
	scale := 1.0
	if onSurf {
		scale = g.surf.MinScale
	}
	if best >= 0 && scale*scale*sg.outside2(p) > bestD2 {
		return best, bestD2 // the whole cell is farther than the best so far
	}
	local := -1
	if skip >= 0 && g.alive[skip] && g.cellIndex(g.pts[skip]) == c {
		local = int(g.where[skip])
	}
	var k int
	var d float64
	if onSurf {
		k, d = sg.nearestOn(p, v, local, -1, math.Inf(1), 0)
	} else {
		k, d = sg.nearest(p, local)
	}
	if k < 0 {
		return best, bestD2
	}
	idx, _, _ := g.cellPts(c)
	j, d2 := int(idx[k]), d*d
	if best < 0 || d2 < bestD2 || (d2 == bestD2 && j < best) {
		return j, d2
	}
	return best, bestD2
}

func (g *Grid) scan(c int, p geom.Point, skip, best int, bestD2 float64) (int, float64) {
	if g.sub != nil && g.sub[c] != nil {
		return g.scanSub(c, p, geom.Vec3{}, skip, best, bestD2, false)
	}
	idx, pts, _ := g.cellPts(c)
	return scanPts(idx, pts, p, skip, best, bestD2)
}

// scanRow is scan over the cells x0..x1 of row y: one contiguous run of
// the packed arrays on a packed grid without sub-grids, which spares the
// ring searches a call per cell (most of them empty when the points are
// sparse, as the hairline's are).
func (g *Grid) scanRow(y, x0, x1 int, p geom.Point, skip, best int, bestD2 float64) (int, float64) {
	row := y * g.nx
	if g.packed && g.sub == nil {
		a, b := g.start[row+x0], g.start[row+x1+1]
		return scanPts(g.bidx[a:b], g.bpts[a:b], p, skip, best, bestD2)
	}
	for c := row + x0; c <= row+x1; c++ {
		best, bestD2 = g.scan(c, p, skip, best, bestD2)
	}
	return best, bestD2
}

// scanPts offers the points pts, with indices idx, to the search for the
// nearest to p other than skip: the lowest (squared distance, index) pair
// of them and (best, bestD2), best being -1 and bestD2 +Inf when there is
// none yet (as unsigned, -1 is above every index, so a tie always goes
// to a point against none).
func scanPts(idx []int32, pts []geom.Point, p geom.Point, skip, best int, bestD2 float64) (int, float64) {
	for k, q := range pts {
		dx, dy := q.X-p.X, q.Y-p.Y
		if d2 := dx*dx + dy*dy; d2 <= bestD2 {
			if j := int(idx[k]); j != skip && (d2 < bestD2 || uint(j) < uint(best)) {
				best, bestD2 = j, d2
			}
		}
	}
	return best, bestD2
}

// Within calls fn for every live point at distance <= r from p, in no
// particular order. fn must not Add to or Remove from the grid.
func (g *Grid) Within(p geom.Point, r float64, fn func(j int)) {
	if g.live == 0 || !p.IsFinite() || !(r >= 0) {
		return
	}
	r2 := r * r
	x0, y0, x1, y1 := g.around(p, r)
	g.rect(x0, y0, x1, y1, func(idx []int32, pts []geom.Point, _ []geom.Vec3) bool {
		for k, q := range pts {
			dx, dy := q.X-p.X, q.Y-p.Y
			if dx*dx+dy*dy <= r2 {
				fn(int(idx[k]))
			}
		}
		return false
	})
}

// InRect calls fn for every live point inside r (bounds included), with
// its index and position, in no particular order: a bulk pass over the
// points near a region reads only the cells under it, and the positions
// in cell order. fn must not Add to or Remove from the grid.
func (g *Grid) InRect(r geom.Rect, fn func(j int, q geom.Point)) {
	if g.live == 0 || !(r.Min.X <= r.Max.X) || !(r.Min.Y <= r.Max.Y) {
		return
	}
	x0, y0 := g.cellXY(r.Min)
	x1, y1 := g.cellXY(r.Max)
	g.rect(x0, y0, x1, y1, func(idx []int32, pts []geom.Point, _ []geom.Vec3) bool {
		for k, q := range pts {
			if q.X >= r.Min.X && q.X <= r.Max.X && q.Y >= r.Min.Y && q.Y <= r.Max.Y {
				fn(int(idx[k]), q)
			}
		}
		return false
	})
}

// around returns the columns and rows of the cells a chart disc of radius
// r around p overlaps.
func (g *Grid) around(p geom.Point, r float64) (x0, y0, x1, y1 int) {
	if math.IsInf(r, 1) {
		r = math.MaxFloat64 / 4
	}
	x0, y0 = g.cellXY(geom.Point{X: p.X - r, Y: p.Y - r})
	x1, y1 = g.cellXY(geom.Point{X: p.X + r, Y: p.Y + r})
	return x0, y0, x1, y1
}

// rect calls fn with the points of the cells in columns x0..x1 of rows
// y0..y1, row by row and in cell order within a row (so callers that sum
// get the same rounding whichever way the cells are read): one stretch per
// row on a packed grid, one cell at a time otherwise. sk holds the points'
// lifted positions (nil without a surface). It stops as soon as fn returns
// true.
func (g *Grid) rect(x0, y0, x1, y1 int, fn func(idx []int32, pts []geom.Point, sk []geom.Vec3) (stop bool)) {
	for y := y0; y <= y1; y++ {
		row := y * g.nx
		if g.packed {
			a, b := g.start[row+x0], g.start[row+x1+1]
			var sk []geom.Vec3
			if g.bsk != nil {
				sk = g.bsk[a:b]
			}
			if fn(g.bidx[a:b], g.bpts[a:b], sk) {
				return
			}
			continue
		}
		for c := row + x0; c <= row+x1; c++ {
			var sk []geom.Vec3
			if g.csk != nil {
				sk = g.csk[c]
			}
			if fn(g.cells[c], g.cpts[c], sk) {
				return
			}
		}
	}
}

// WithinOnSurface calls fn for every live point at surface distance <= r
// from p (chart distance on a grid without a surface), in no particular
// order. fn must not Add to or Remove from the grid.
func (g *Grid) WithinOnSurface(p geom.Point, r float64, fn func(j int)) {
	g.VisitOnSurface(p, r, func(j int) bool { fn(j); return false })
}

// VisitOnSurface is WithinOnSurface that stops as soon as fn returns true,
// so a caller that needs only the first few points within r does work
// bounded by those, however many points crowd the disc.
func (g *Grid) VisitOnSurface(p geom.Point, r float64, fn func(j int) (stop bool)) {
	if g.live == 0 || !p.IsFinite() || !(r >= 0) {
		return
	}
	r2 := r * r
	if g.surf == nil {
		x0, y0, x1, y1 := g.around(p, r)
		g.rect(x0, y0, x1, y1, func(idx []int32, pts []geom.Point, _ []geom.Vec3) bool {
			for k, q := range pts {
				dx, dy := q.X-p.X, q.Y-p.Y
				if dx*dx+dy*dy <= r2 && fn(int(idx[k])) {
					return true
				}
			}
			return false
		})
		return
	}
	v := g.surf.Lift(p)
	x0, y0, x1, y1 := g.around(p, g.surfaceReach(r))
	g.rect(x0, y0, x1, y1, func(idx []int32, _ []geom.Point, sk []geom.Vec3) bool {
		for k, q := range sk {
			if q.Dist2(v) <= r2 && fn(int(idx[k])) {
				return true
			}
		}
		return false
	})
}

// surfaceReach returns a chart radius that holds every point within
// surface distance r.
func (g *Grid) surfaceReach(r float64) float64 {
	return min(r/g.surf.MinScale, math.MaxFloat64/4)
}

// NearestAll returns, for every index, the distance to its nearest other
// live point (+Inf when there is none or the point is not live), writing
// into dst when it is long enough. It is the all-nearest-neighbour pass the
// uniformity measures are built on.
func (g *Grid) NearestAll(dst []float64) []float64 {
	if cap(dst) < len(g.pts) {
		dst = make([]float64, len(g.pts))
	}
	dst = dst[:len(g.pts)]
	g.NearestInto(nil, dst)
	return dst
}

// NearestInto is the all-nearest-neighbour pass: for every index i it
// writes the nearest other live point to point i, as Nearest(i) answers,
// into nj[i] and their distance into nd[i]; for a point with no other
// live point, or not live, nj[i] = -1 and nd[i] = +Inf. Either may be nil
// (not wanted); the other must hold Len() elements.
//
// The points are searched cell by cell rather than by index, so that
// neighbouring queries read neighbouring memory: on 100,000 points in no
// spatial order that is several times faster than calling Nearest for
// each index. The answers do not depend on that order; a caller that sums
// them should sum by index, so its rounding does not depend on the grid's
// layout. The answers come out in arrays rather than through a call per
// point: a caller's call per point, reading its own arrays at the point's
// index (in no order), cost as much as the search.
func (g *Grid) NearestInto(nj []int32, nd []float64) {
	n := len(g.pts)
	if nj != nil {
		nj = nj[:n]
		for i := range nj {
			nj[i] = -1
		}
	}
	if nd != nil {
		nd = nd[:n]
		for i := range nd {
			nd[i] = math.Inf(1)
		}
	}
	if g.packed && g.sub == nil {
		g.nearestPacked(nj, nd)
		return
	}
	for c := range g.nx * g.ny {
		idx, pts, _ := g.cellPts(c)
		for m, i := range idx {
			if j, d := g.nearest(pts[m], int(i)); j >= 0 {
				answer(nj, nd, i, j, d)
			}
		}
	}
}

// answer writes point i's nearest, point j at distance d, into those of
// NearestInto's arrays the caller asked for (nil: not wanted).
func answer(nj []int32, nd []float64, i int32, j int, d float64) {
	if nj != nil {
		nj[i] = int32(j)
	}
	if nd != nil {
		nd[i] = d
	}
}

// nearestPacked is NearestInto on a packed grid without sub-grids. Cell
// by cell, it copies the points of the 3×3 cells around the cell into one
// short list (three contiguous stretches), then finds each of the cell's
// points' nearest in it with one pass of integer comparisons (nearestIn2,
// nearestIn3), its own entry moved out of reach meanwhile. That settles
// the point when the best is nearer than anything outside those cells can
// be (the bound nearest and nearestOn stop at after their first ring); the
// rest, and lone points, get the full ring search. The answers are the
// ring searches' own: the lowest (distance, index) pair.
func (g *Grid) nearestPacked(nj []int32, nd []float64) {
	lim := g.cell * g.cell
	onSurf := g.bsk != nil
	if onSurf {
		lim = g.surf.MinScale * g.surf.MinScale * lim
	}
	nx, ny := g.nx, g.ny
	var jb []int32
	var pb []geom.Point
	var vb []geom.Vec3
	far := math.Inf(1)
	for cy := range ny {
		y0, y1 := max(cy-1, 0), min(cy+1, ny-1)
		for cx := range nx {
			c := cy*nx + cx
			c0, c1 := g.start[c], g.start[c+1]
			if c0 == c1 {
				continue
			}
			x0, x1 := max(cx-1, 0), min(cx+1, nx-1)
			jb, pb, vb = jb[:0], pb[:0], vb[:0]
			own := 0
			for y := y0; y <= y1; y++ {
				a, b := g.start[y*nx+x0], g.start[y*nx+x1+1]
				if y == cy {
					own = len(jb) + int(c0-a)
				}
				jb = append(jb, g.bidx[a:b]...)
				if onSurf {
					vb = append(vb, g.bsk[a:b]...)
				} else {
					pb = append(pb, g.bpts[a:b]...)
				}
			}
			// Two of the cell's points at a time where it has two: their
			// searches share one pass over the list (each is out of the
			// other's reach in it, so their own distance is offered to
			// both afterwards).
			for k := c0; k < c1; k += 2 {
				self := own + int(k-c0)
				i := g.bidx[k]
				if k+1 == c1 {
					var mb uint64
					var bj int32
					if onSurf {
						v := g.bsk[k]
						vb[self] = geom.Vec3{X: far, Y: far, Z: far}
						mb, bj = nearestIn3(v, vb, jb)
						vb[self] = v
					} else {
						p := g.bpts[k]
						pb[self] = geom.Point{X: far, Y: far}
						mb, bj = nearestIn2(p, pb, jb)
						pb[self] = p
					}
					g.settle(nj, nd, k, i, mb, bj, lim)
					continue
				}
				i2 := g.bidx[k+1]
				var mb, mb2, u uint64
				var bj, bj2 int32
				// The points are read from the grid's arrays, not from the
				// list just written (a load from a fresh store of another
				// width waits for it).
				if onSurf {
					v, v2 := g.bsk[k], g.bsk[k+1]
					vb[self] = geom.Vec3{X: far, Y: far, Z: far}
					vb[self+1] = vb[self]
					mb, bj, mb2, bj2 = nearestIn3Pair(v, v2, vb, jb)
					vb[self], vb[self+1] = v, v2
					u = math.Float64bits(v2.Dist2(v))
				} else {
					p, p2 := g.bpts[k], g.bpts[k+1]
					pb[self] = geom.Point{X: far, Y: far}
					pb[self+1] = pb[self]
					mb, bj, mb2, bj2 = nearestIn2Pair(p, p2, pb, jb)
					pb[self], pb[self+1] = p, p2
					u = math.Float64bits(p2.Dist2(p))
				}
				if u < mb || (u == mb && i2 < bj) {
					mb, bj = u, i2
				}
				if u < mb2 || (u == mb2 && i < bj2) {
					mb2, bj2 = u, i
				}
				g.settle(nj, nd, k, i, mb, bj, lim)
				g.settle(nj, nd, k+1, i2, mb2, bj2, lim)
			}
		}
	}
}

// settle answers the point at place k of the packed arrays, index i, from
// the best of the 3×3 block around its cell (squared distance bits mb,
// index bj): that is its nearest when nearer than lim, the bound beyond
// which a point outside the block could be nearer; otherwise the ring
// search goes on from ring 2 with it (the block is rings 0 and 1, clipped
// at the grid's edges as the rings are).
func (g *Grid) settle(nj []int32, nd []float64, k int32, i int32, mb uint64, bj int32, lim float64) {
	j, bd := int(bj), math.Float64frombits(mb)
	var d float64
	if bd < lim {
		d = math.Sqrt(bd)
	} else {
		if g.bsk != nil {
			j, d = g.nearestOn(g.bpts[k], g.bsk[k], int(i), j, bd, 2)
		} else {
			j, d = g.rings(g.bpts[k], int(i), j, bd, 2)
		}
		if j < 0 {
			return
		}
	}
	answer(nj, nd, i, j, d)
}

// nearestIn2 returns the lowest (squared distance, index) pair from p to
// the points pts with indices idx, the distance as its float bits (which
// order as the floats do, for non-negative numbers: the comparisons are
// integer ones, which compile without branches); the index is -1 when no
// point is nearer than +Inf.
func nearestIn2(p geom.Point, pts []geom.Point, idx []int32) (uint64, int32) {
	mb, bj := math.Float64bits(math.Inf(1)), int32(-1)
	idx = idx[:len(pts)]
	for m, q := range pts {
		dx, dy := q.X-p.X, q.Y-p.Y
		u := math.Float64bits(dx*dx + dy*dy)
		j := idx[m]
		if u == mb && j < bj {
			bj = j
		}
		if u < mb {
			mb, bj = u, j
		}
	}
	return mb, bj
}

// nearestIn3 is nearestIn2 in space. (A copy, as nearestIn3Pair is of
// nearestIn2Pair, rather than one generic function: Go calls a type
// parameter's method, here Dist2, through a dictionary, a call per entry
// that would cost more than the search.)
func nearestIn3(v geom.Vec3, pts []geom.Vec3, idx []int32) (uint64, int32) {
	mb, bj := math.Float64bits(math.Inf(1)), int32(-1)
	idx = idx[:len(pts)]
	for m, q := range pts {
		u := math.Float64bits(q.Dist2(v))
		j := idx[m]
		if u == mb && j < bj {
			bj = j
		}
		if u < mb {
			mb, bj = u, j
		}
	}
	return mb, bj
}

// nearestIn2Pair is nearestIn2 for two points at once over one list: the
// list is read once, and the two searches' chains of comparisons run side
// by side.
func nearestIn2Pair(p, p2 geom.Point, pts []geom.Point, idx []int32) (uint64, int32, uint64, int32) {
	mb, bj := math.Float64bits(math.Inf(1)), int32(-1)
	mb2, bj2 := mb, bj
	idx = idx[:len(pts)]
	for m, q := range pts {
		j := idx[m]
		dx, dy := q.X-p.X, q.Y-p.Y
		u := math.Float64bits(dx*dx + dy*dy)
		dx2, dy2 := q.X-p2.X, q.Y-p2.Y
		u2 := math.Float64bits(dx2*dx2 + dy2*dy2)
		if u == mb && j < bj {
			bj = j
		}
		if u < mb {
			mb, bj = u, j
		}
		if u2 == mb2 && j < bj2 {
			bj2 = j
		}
		if u2 < mb2 {
			mb2, bj2 = u2, j
		}
	}
	return mb, bj, mb2, bj2
}

// nearestIn3Pair is nearestIn2Pair in space.
func nearestIn3Pair(v, v2 geom.Vec3, pts []geom.Vec3, idx []int32) (uint64, int32, uint64, int32) {
	mb, bj := math.Float64bits(math.Inf(1)), int32(-1)
	mb2, bj2 := mb, bj
	idx = idx[:len(pts)]
	for m, q := range pts {
		j := idx[m]
		u := math.Float64bits(q.Dist2(v))
		u2 := math.Float64bits(q.Dist2(v2))
		if u == mb && j < bj {
			bj = j
		}
		if u < mb {
			mb, bj = u, j
		}
		if u2 == mb2 && j < bj2 {
			bj2 = j
		}
		if u2 < mb2 {
			mb2, bj2 = u2, j
		}
	}
	return mb, bj, mb2, bj2
}
