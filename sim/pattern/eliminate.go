package pattern

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// Weighted sample elimination (Yuksel 2015, "Sample Elimination for
// Generating Poisson Disk Sample Sets", Computer Graphics Forum 34(2)) turns
// a dense random candidate set into a Poisson-disk ("blue noise") set of an
// exact size: each candidate is weighed by how crowded its neighbourhood is,
// and the most crowded is removed until the target count remains. Unlike
// dart throwing it hits a target count exactly, so density follows the
// target without any fitting, and it handles a varying density by giving
// each point its own radius.
//
// The radius is analytic. A hexagonal packing of discs of radius r has
// 1/(2√3 r²) centres per unit area; with spacing s = 2r that is the
// 2/(√3 s²) ≈ 115/s² per cm² of domain.md §3. So the radius for a target
// density λ is r = 1/√(2√3 λ): the candidates are thinned until each holds
// about one hexagon's worth of area.
//
// The thinning happens on the skin, not on the chart. The chart keeps
// areas, so candidates drawn at density λ per chart mm² are at λ per skin
// mm², and the hexagonal radius is a skin radius; but it stretches
// distances (domain.md §9): up to 1.4× across the frontal zones, 1.9× at the
// crown and 3× on the donor area. Thinned with chart distances, the
// output is blue noise on the chart and reads as rows on the skin. So every
// candidate is lifted onto the template's model head (scalp.Head.ToSkin) and
// neighbours are weighed by the chord between the lifted points, which
// falls short of the tape-measure distance by under 0.06% at these radii.

// Constants of the method. The form is Yuksel 2015's (§3–4); the values
// are ours. With his recommended α = 8 and 5 candidates per point the output
// has a Clark–Evans R of about 1.61, more irregular than the 1.70–1.71
// domain.md §4 gives for Poisson-disk patterns; a gentler falloff (α = 2)
// and 8 candidates per point give R ≈ 1.69, in the middle of the
// even-but-random band. Measured with this package's own tests, not with
// the scorer.
const (
	// candidateRatio is how many candidates are drawn per output point.
	candidateRatio = 8.0
	// weightAlpha sets how fast a neighbour's weight falls off with
	// distance.
	weightAlpha = 2.0
	// rMinBeta and rMinGamma set the distance below which a neighbour
	// counts as if it were at rMin (Yuksel's weight limiting, his values),
	// which keeps the thinning from chasing pairs that are merely close.
	rMinBeta  = 0.65
	rMinGamma = 1.5
)

// hexRadius returns the elimination radius r for a density of lam points
// per mm² (domain.md §3's hexagonal relation, see above).
func hexRadius(lam float64) float64 { return 1 / math.Sqrt(2*math.Sqrt(3)*lam) }

// eliminator runs sample elimination on a fixed candidate set, in stages:
// each stage thins the survivors of the previous one to a smaller count with
// its own radii. The removal order is kept, so nested sessions come out as
// prefixes: the survivors of a later stage are a blue-noise subset of the
// earlier ones.
type eliminator struct {
	pts  []geom.Point
	sk   []geom.Vec3   // pts lifted onto the skin (chart mm on a flat chart)
	grid *spatial.Grid // searches in skin mm
	r    []float64     // per-point radius for the current stage
	w    []float64     // weight
	heap []int32       // max-heap of live point indices by weight
	pos  []int32       // position of each point in heap, -1 when not in it
	rMin float64       // the stage's rMin factor (times r_ij)
	// The weighted neighbour lists of the current stage, in compressed
	// rows: point i's neighbours are nbr[start[i]:start[i+1]] with the
	// weight each adds to the other in nw.
	start []int32
	nbr   []int32
	nw    []float64
}

// skinMargin widens the least local scale found over the candidates into
// the bound the skin grid's ring searches rely on (spatial.Surface
// MinScale): the scale changes little over a search radius of a few mm, and
// the chord's shortfall against the arc is far below this (model
// assumption; a wider margin only makes searches look a little farther).
const skinMargin = 0.9

// newEliminator indexes the candidates pts on the skin of head h. A head
// without a usable radius or aspect (a hand-built template) is read as a
// flat chart.
func newEliminator(pts []geom.Point, h scalp.Head) *eliminator {
	if !(h.RadiusMM > 0) || !(h.Aspect > 0) {
		h = scalp.Head{Projection: scalp.Flat}
	}
	sk := make([]geom.Vec3, len(pts))
	lo := math.Inf(1)
	for i, p := range pts {
		sk[i] = h.ToSkin(p)
		l, _ := h.LocalScale(p)
		lo = math.Min(lo, l)
	}
	var surf *spatial.Surface
	if h.Projection != scalp.Flat && lo > 0 && !math.IsInf(lo, 0) {
		surf = &spatial.Surface{Lift: h.ToSkin, MinScale: skinMargin * math.Min(lo, 1)}
	}
	return &eliminator{
		pts:   pts,
		sk:    sk,
		grid:  spatial.NewGridOn(pts, geom.Rect{}, 0, surf),
		r:     make([]float64, len(pts)),
		w:     make([]float64, len(pts)),
		pos:   make([]int32, len(pts)),
		start: make([]int32, len(pts)+1),
	}
}

// term is the weight one neighbour at squared distance d2 contributes to
// the other, symmetric in the two points so a removal subtracts exactly
// what it added.
func (e *eliminator) term(i, j int, d2 float64) float64 {
	rij := (e.r[i] + e.r[j]) / 2
	if d2 >= 4*rij*rij {
		return 0
	}
	d := math.Max(math.Sqrt(d2), e.rMin*rij)
	return math.Pow(1-d/(2*rij), weightAlpha)
}

// stage thins the live points to n, with radius radius(p) at each point,
// and returns the indices removed, in removal order. Points whose radius is
// +Inf (zero target density) go first, unconditionally.
func (e *eliminator) stage(n int, radius func(p geom.Point) float64) []int {
	var removed []int
	if n >= e.grid.Live() {
		return nil
	}
	rMax := 0.0
	for i := range e.pts {
		if !e.grid.Alive(i) {
			continue
		}
		r := radius(e.pts[i])
		if math.IsInf(r, 1) || math.IsNaN(r) {
			e.grid.Remove(i)
			removed = append(removed, i)
			continue
		}
		e.r[i] = r
		rMax = math.Max(rMax, r)
	}
	live := e.grid.Live()
	if n >= live {
		return removed
	}
	e.rMin = rMinBeta * (1 - math.Pow(float64(n)/float64(live), rMinGamma))

	// Weights and neighbour lists.
	e.heap, e.nbr, e.nw = e.heap[:0], e.nbr[:0], e.nw[:0]
	for i := range e.pts {
		e.pos[i] = -1
		e.start[i] = int32(len(e.nbr))
		if !e.grid.Alive(i) {
			continue
		}
		var w float64
		p := e.pts[i]
		v := e.sk[i]
		e.grid.WithinOnSurface(p, e.r[i]+rMax, func(j int) {
			if j == i {
				return
			}
			if t := e.term(i, j, v.Dist2(e.sk[j])); t > 0 {
				w += t
				e.nbr = append(e.nbr, int32(j))
				e.nw = append(e.nw, t)
			}
		})
		e.w[i] = w
		e.pos[i] = int32(len(e.heap))
		e.heap = append(e.heap, int32(i))
	}
	e.start[len(e.pts)] = int32(len(e.nbr))
	for k := len(e.heap)/2 - 1; k >= 0; k-- {
		e.down(k)
	}
	for e.grid.Live() > n {
		i := int(e.heap[0])
		e.pop()
		e.grid.Remove(i)
		removed = append(removed, i)
		for k := e.start[i]; k < e.start[i+1]; k++ {
			j := e.nbr[k]
			if e.pos[j] < 0 {
				continue // already removed
			}
			e.w[j] -= e.nw[k]
			e.down(int(e.pos[j]))
		}
	}
	return removed
}

// less orders the heap: heavier first, ties to the lower index so the
// result is a pure function of the candidates.
func (e *eliminator) less(a, b int32) bool {
	wa, wb := e.w[a], e.w[b]
	if wa != wb {
		return wa > wb
	}
	return a < b
}

func (e *eliminator) swap(x, y int) {
	e.heap[x], e.heap[y] = e.heap[y], e.heap[x]
	e.pos[e.heap[x]] = int32(x)
	e.pos[e.heap[y]] = int32(y)
}

func (e *eliminator) down(k int) {
	n := len(e.heap)
	for {
		l := 2*k + 1
		if l >= n {
			return
		}
		best := l
		if r := l + 1; r < n && e.less(e.heap[r], e.heap[l]) {
			best = r
		}
		if !e.less(e.heap[best], e.heap[k]) {
			return
		}
		e.swap(k, best)
		k = best
	}
}

func (e *eliminator) pop() {
	last := len(e.heap) - 1
	e.swap(0, last)
	e.pos[e.heap[last]] = -1
	e.heap = e.heap[:last]
	if last > 0 {
		e.down(0)
	}
}
