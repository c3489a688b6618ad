package score

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"sync"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/spatial"
)

// Clark–Evans aggregation index (domain.md §4).
//
// The naive index divides the observed mean nearest-neighbour (NN) distance
// by 0.5/√λ, the expectation for complete spatial randomness (CSR) in an
// unbounded plane. In a bounded zone the dots near the edge lose neighbours,
// so their NN distances are longer and the naive R is biased high; the bias
// grows with perimeter/√(area·n), which is large for the thin bands a scalp
// is cut into. Donnelly's correction only holds for rectangles, so the
// corrected index here uses a Monte-Carlo reference instead: the expected
// mean NN distance of n uniform random points in the same polygon,
// estimated by simulation with fixed seeds.
//
// To keep a 100,000-dot grade fast the simulation is not redone for every
// count. The edge effect is summarised by a coefficient
//
//	c(n) = (E_mc[mean NN](n) − 0.5·√(A/n)) · n / P
//
// (A area, P perimeter; Donnelly's rectangle formula has the same shape with
// c ≈ 0.0514 + 0.041/√n). c is simulated at the node counts mcNodes, lazily
// and cached per polygon, and interpolated linearly in log n between them;
// beyond the last node it is held constant, where Donnelly's form shows it
// changes by under 0.2%. E(n) is then 0.5·√(A/n) + c(n)·P/n.

// mcNodes are the counts at which the reference is simulated (model
// assumption: dense enough that interpolating c between them moves E by far
// less than the simulation noise).
var mcNodes = []int{2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 64, 80, 100, 128, 160, 200, 256, 320, 400, 512}

// mcPointBudget is the number of simulated points per node: K = budget/n
// runs, at least mcMinRuns. At n = 512 that is 32 runs, and the standard
// error of the estimated mean NN distance is about 0.26/√(K·n) ≈ 0.2%
// (the NN distance of CSR has a coefficient of variation of
// √(4/π − 1) ≈ 0.52). Model assumption, a speed/accuracy trade-off.
const (
	mcPointBudget = 16384
	mcMinRuns     = 16
	mcMaxRuns     = 512
)

// mcRuns returns K, the number of simulated patterns averaged at count n.
func mcRuns(n int) int {
	return min(max((mcPointBudget+n-1)/n, mcMinRuns), mcMaxRuns)
}

// csrRef is the Monte-Carlo CSR reference of one polygon.
type csrRef struct {
	bp        *bandedPoly
	surf      *spatial.Surface // where NN distances are measured; nil: the chart
	area, per float64

	mu    sync.Mutex
	nodes map[int]float64 // node count → c
}

// newCSRRef returns the reference of pg measured on surf (nil: the chart),
// with every node the embedded table (csrtable.go) holds for the same
// simulation already filled in.
func newCSRRef(pg geom.Polygon, surf *spatial.Surface) *csrRef {
	r := &csrRef{bp: newBandedPoly(pg), surf: surf, area: pg.Area(), per: pg.Perimeter(), nodes: map[int]float64{}}
	if cs, ok := csrTable[csrFingerprint(pg, surf)]; ok && len(cs) == len(mcNodes) {
		for k, n := range mcNodes {
			r.nodes[n] = cs[k]
		}
	}
	return r
}

// csrFingerprint identifies the simulation of pg's reference: an FNV-1a
// hash of the polygon's vertices, the nodes and their run counts, and, on a
// surface, its scale bound and where it lifts every vertex and the
// polygon's bounding-box centre (so a change to the head model or its
// parameters changes the fingerprint without a list of those parameters
// to keep in step). The embedded table holds the nodes of every zone of
// the embedded templates by fingerprint, so a one-file grade does not
// simulate them; a polygon or head it does not know is simulated as
// before, and TestCSRTable recomputes the table's entries.
func csrFingerprint(pg geom.Polygon, surf *spatial.Surface) uint64 {
	h := fnv.New64a()
	var b [8]byte
	put := func(v float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	for _, n := range mcNodes {
		put(float64(n))
		put(float64(mcRuns(n)))
	}
	for _, v := range pg {
		put(v.X)
		put(v.Y)
	}
	if surf != nil && surf.Lift != nil {
		put(surf.MinScale)
		lift := func(p geom.Point) {
			q := surf.Lift(p)
			put(q.X)
			put(q.Y)
			put(q.Z)
		}
		for _, v := range pg {
			lift(v)
		}
		if len(pg) > 0 {
			b := pg.Bounds()
			lift(geom.Pt((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2))
		}
	}
	return h.Sum64()
}

// ExpectedNN returns the expected mean nearest-neighbour distance, in mm, of
// n points placed uniformly at random (CSR) inside pg, estimated by
// Monte-Carlo with fixed seeds as described above. It returns 0 for n < 2
// or a degenerate polygon.
func ExpectedNN(pg geom.Polygon, n int) float64 {
	return newCSRRef(pg, nil).expected(n)
}

func (r *csrRef) expected(n int) float64 {
	if n < 2 || !(r.area > 0) {
		return 0
	}
	return 0.5*math.Sqrt(r.area/float64(n)) + r.coef(n)*r.per/float64(n)
}

// coef returns c(n), interpolated between simulated nodes.
func (r *csrRef) coef(n int) float64 {
	lo, hi := nodesFor(n)
	if lo == hi {
		return r.node(lo)
	}
	t := (math.Log(float64(n)) - math.Log(float64(lo))) / (math.Log(float64(hi)) - math.Log(float64(lo)))
	return (1-t)*r.node(lo) + t*r.node(hi)
}

// nodesFor returns the nodes c(n) is interpolated between (lo == hi when n
// is a node or beyond the last); n ≥ 2.
func nodesFor(n int) (lo, hi int) {
	last := mcNodes[len(mcNodes)-1]
	if n >= last {
		return last, last
	}
	k := sort.SearchInts(mcNodes, n)
	if mcNodes[k] == n {
		return n, n
	}
	return mcNodes[k-1], mcNodes[k]
}

// warm simulates, in the background, the nodes expected(n) will read that
// are not simulated yet, so that a grade can measure its dots meanwhile on
// a machine with a core to spare; expected(n) then waits only for what is
// still running. It changes no result: each node is simulated once, under
// the same lock, whoever asks first.
func (r *csrRef) warm(n int) {
	if n < 2 || !(r.area > 0) {
		return
	}
	lo, hi := nodesFor(n)
	r.mu.Lock()
	_, okLo := r.nodes[lo]
	_, okHi := r.nodes[hi]
	r.mu.Unlock()
	if !okLo {
		go r.node(lo)
	}
	if !okHi && hi != lo {
		go r.node(hi)
	}
}

func (r *csrRef) node(n int) float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.nodes[n]; ok {
		return c
	}
	e := r.simulate(n, mcRuns(n))
	c := (e - 0.5*math.Sqrt(r.area/float64(n))) * float64(n) / r.per
	r.nodes[n] = c
	return c
}

// simulate returns the mean NN distance of n uniform points in the polygon,
// averaged over runs patterns. Run k uses the seed (n, k), so the reference
// is the same on every machine and in every process.
func (r *csrRef) simulate(n, runs int) float64 {
	b := r.bp.bounds
	pts := make([]geom.Point, n)
	var nn []float64
	var total float64
	for k := range runs {
		rng := rand.New(rand.NewPCG(uint64(n), uint64(k)^0x5c0e))
		for i := range pts {
			for tries := 0; ; tries++ {
				p := geom.Pt(b.Min.X+rng.Float64()*b.Dx(), b.Min.Y+rng.Float64()*b.Dy())
				if r.bp.contains(p) || tries > 1000 {
					pts[i] = p
					break
				}
			}
		}
		g := spatial.NewGridOn(pts, geom.Rect{}, 0, r.surf)
		nn = g.NearestAll(nn)
		var s float64
		for _, d := range nn {
			s += d
		}
		total += s / float64(n)
	}
	return total / float64(runs)
}

// sdR returns the standard deviation of R = mean NN distance ÷ E(n) for n
// points placed uniformly at random in the polygon, from Donnelly's (1978)
// variance of the mean nearest-neighbour distance in a bounded region,
//
//	Var = 0.0703·A/n² + 0.037·P·√(A/n⁵),
//
// whose second term is the edge's: thin zones and few dots spread R wider
// than Clark & Evans' unbounded-plane 0.26136/√(nλ), by about a tenth at
// 40–70 dots. Donnelly fitted it on rectangles; brute-force simulations on
// the scalp's thin, curved zones agree within a few per cent (tested). It
// returns 0 for n < 2 or a degenerate polygon.
func (r *csrRef) sdR(n int) float64 {
	e := r.expected(n)
	if !(e > 0) {
		return 0
	}
	fn := float64(n)
	v := 0.0703*r.area/(fn*fn) + 0.037*r.per*math.Sqrt(r.area/math.Pow(fn, 5))
	return math.Sqrt(v) / e
}

// NaiveR returns the plain Clark–Evans index: the mean NN distance divided
// by 0.5/√(n/area), area in mm². It returns 0 when it is undefined.
func NaiveR(meanNN float64, n int, areaMM2 float64) float64 {
	if n < 2 || !(areaMM2 > 0) || !(meanNN >= 0) {
		return 0
	}
	return meanNN / (0.5 / math.Sqrt(float64(n)/areaMM2))
}

// GuardR is the guard-region (border method) alternative to the Monte-Carlo
// correction, kept for comparison in tests and for callers who prefer it:
// only dots at least guardMM inside the polygon are used as reference dots,
// while their neighbours may be any of pts (which should be every dot of the
// zone). The expected mean NN distance is then 0.5/√λ with λ = len(pts)/area,
// as in an unbounded plane. It discards the dots near the edge, which is why
// the Monte-Carlo reference, which keeps every dot, is the one reported.
// It returns 0 when no dot lies inside the guard.
func GuardR(pg geom.Polygon, pts []geom.Point, guardMM float64) float64 {
	area := pg.Area()
	if len(pts) < 2 || !(area > 0) {
		return 0
	}
	g := spatial.NewGrid(pts, 0)
	var s float64
	m := 0
	for i, p := range pts {
		if !pg.Contains(p) || pg.BoundaryDist(p) < guardMM {
			continue
		}
		_, d := g.Nearest(i)
		if math.IsInf(d, 0) {
			continue
		}
		s += d
		m++
	}
	if m == 0 {
		return 0
	}
	return (s / float64(m)) / (0.5 / math.Sqrt(float64(len(pts))/area))
}
