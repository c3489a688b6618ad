package examiner

import (
	"math"
	"math/rand/v2"
)

// Point processes on the skin. Candidates are drawn uniformly on the chart,
// which is uniform on the skin too (the chart keeps areas), and every
// spacing is measured between the skin points of the model head, so the
// work is laid on the skin, not on the chart.

// densityFn is the density the work aims at, per cm², at a chart point.
type densityFn func(p xy) float64

// field is a density sampled on the chart's raster cells, to draw
// candidates only where the density is positive and to know how many dots
// the density asks for.
type field struct {
	c      *chart
	cells  []xy // centres of the cells with a positive density
	maxLam float64
	count  float64 // ∫λ dA, dots
	lam    densityFn
}

func newField(c *chart, lam densityFn) *field {
	f := &field{c: c, lam: lam}
	a := c.cell * c.cell / 100 // cm² per cell
	pos := make([]bool, c.nx*c.ny)
	for j := 0; j < c.ny; j++ {
		for i := 0; i < c.nx; i++ {
			if l := lam(c.cellCentre(i, j)); l > 0 {
				pos[j*c.nx+i] = true
				f.count += l * a
				f.maxLam = math.Max(f.maxLam, l)
			}
		}
	}
	// Candidates come from the positive cells and their neighbours, so a
	// cell only partly inside the work (centre outside) gets its share.
	for j := 0; j < c.ny; j++ {
		for i := 0; i < c.nx; i++ {
			near := false
			for dj := -1; dj <= 1 && !near; dj++ {
				for di := -1; di <= 1 && !near; di++ {
					ii, jj := i+di, j+dj
					near = ii >= 0 && jj >= 0 && ii < c.nx && jj < c.ny && pos[jj*c.nx+ii]
				}
			}
			if near {
				f.cells = append(f.cells, c.cellCentre(i, j))
			}
		}
	}
	return f
}

// candidate draws a chart point from the density (uniform in a random
// positive cell, thinned by λ/λmax); ok is false when it was thinned out.
func (f *field) candidate(rng *rand.Rand) (p xy, l float64, ok bool) {
	q := f.cells[rng.IntN(len(f.cells))]
	p = xy{q[0] + (rng.Float64()-0.5)*f.c.cell, q[1] + (rng.Float64()-0.5)*f.c.cell}
	l = f.lam(p)
	return p, l, l > 0 && rng.Float64()*f.maxLam < l
}

// poisson is complete spatial randomness at density λ: "too random" work.
func poisson(rng *rand.Rand, f *field) []xy {
	if len(f.cells) == 0 {
		return nil
	}
	n := int(math.Round(f.count))
	out := make([]xy, 0, n)
	for len(out) < n {
		if p, _, ok := f.candidate(rng); ok {
			out = append(out, p)
		}
	}
	return out
}

// blueAlpha is the minimum spacing of the examiner's blue noise as a share
// of the mean spacing 10/√λ mm. Dart throwing saturates near 0.7/r² dots
// per mm², so at 0.75 the wanted count is reached at about 90% of
// saturation, where Poisson-disk work has a Clark–Evans R near 1.7 (§4).
// Model assumption of this examiner, tuned by looking at R, not at scores.
const blueAlpha = 0.75

// skinHash is a 3-D grid over skin points for neighbour queries.
type skinHash struct {
	cell float64
	m    map[[3]int32][]int32
}

func (h *skinHash) key(p vec3) [3]int32 {
	return [3]int32{int32(math.Floor(p[0] / h.cell)), int32(math.Floor(p[1] / h.cell)), int32(math.Floor(p[2] / h.cell))}
}

// blueNoise is Poisson-disk dart throwing on the skin at density λ: a
// candidate is kept when no kept dot lies within the pair's smaller minimum
// spacing (blueAlpha·10/√λ at each), measured between skin points. fixed
// dots are placed first (a dot on each FUE scar, for instance).
func blueNoise(rng *rand.Rand, f *field, fixed []xy) []xy {
	if len(f.cells) == 0 {
		return fixed
	}
	n := int(math.Round(f.count))
	h := &skinHash{cell: blueAlpha * 10 / math.Sqrt(f.maxLam), m: map[[3]int32][]int32{}}
	var (
		out []xy
		sk  []vec3
		rad []float64
	)
	add := func(p xy, pp vec3, r float64) {
		k := h.key(pp)
		h.m[k] = append(h.m[k], int32(len(out)))
		out, sk, rad = append(out, p), append(sk, pp), append(rad, r)
	}
	for _, p := range fixed {
		l := f.lam(p)
		if l <= 0 {
			l = f.maxLam
		}
		add(p, f.c.proj.skin(p), blueAlpha*10/math.Sqrt(l))
	}
	for tries := 0; len(out) < n && tries < 80*n+1000; tries++ {
		p, l, ok := f.candidate(rng)
		if !ok {
			continue
		}
		pp := f.c.proj.skin(p)
		r := blueAlpha * 10 / math.Sqrt(l)
		if h.free(pp, r, sk, rad) {
			add(p, pp, r)
		}
	}
	return out
}

// free reports whether no point q lies closer to p than min(r, rad[q]):
// in a ramp, a sparse dot keeps its own wide spacing from sparse dots and
// the dense dots' spacing from dense ones.
func (h *skinHash) free(p vec3, r float64, sk []vec3, rad []float64) bool {
	k := h.key(p)
	n := int32(math.Ceil(r / h.cell))
	for dx := -n; dx <= n; dx++ {
		for dy := -n; dy <= n; dy++ {
			for dz := -n; dz <= n; dz++ {
				for _, q := range h.m[[3]int32{k[0] + dx, k[1] + dy, k[2] + dz}] {
					if sk[q].dist(p) < math.Min(r, rad[q]) {
						return false
					}
				}
			}
		}
	}
	return true
}

// lattice lays dots on a square lattice of the chart (spacing 10/√λ for
// the zone's own band, so the count is right), a row of the lattice every
// rowGap spacings and dots every 1/rowGap spacings along it, each moved at
// random by jitter of the spacing, kept with probability λ(p)/λzone (so a
// ramp thins it). rowGap 1 is a grid; above 1, rows.
func lattice(rng *rand.Rand, c *chart, s int, lam densityFn, rowGap, jitter float64) []xy {
	var out []xy
	for zi := range c.zones {
		z := &c.zones[zi]
		m := z.mid(s)
		if !z.treated || m <= 0 {
			continue
		}
		a := 10 / math.Sqrt(m)
		ay, ax := a*rowGap, a/rowGap
		lo, hi := xy{math.Inf(1), math.Inf(1)}, xy{math.Inf(-1), math.Inf(-1)}
		for _, p := range z.poly {
			lo = xy{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
			hi = xy{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
		}
		ox, oy := rng.Float64()*ax, rng.Float64()*ay
		for y := lo[1] + oy; y <= hi[1]; y += ay {
			for x := lo[0] + ox; x <= hi[0]; x += ax {
				p := xy{x + jitter*a*(rng.Float64()-0.5), y + jitter*a*(rng.Float64()-0.5)}
				if c.zone(p) != z {
					continue
				}
				if l := lam(p); l > 0 && rng.Float64()*m < l {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// clumped lays tight clusters of k dots (within radius mm of a parent on
// the chart) whose parents are blue noise at λ/k: clumps and gaps.
func clumped(rng *rand.Rand, c *chart, lam densityFn, k int, radius float64) []xy {
	parents := blueNoise(rng, newField(c, func(p xy) float64 { return lam(p) / float64(k) }), nil)
	var out []xy
	for _, p := range parents {
		for range k {
			r, t := radius*math.Sqrt(rng.Float64()), 2*math.Pi*rng.Float64()
			q := xy{p[0] + r*math.Cos(t), p[1] + r*math.Sin(t)}
			if lam(q) > 0 {
				out = append(out, q)
			}
		}
	}
	return out
}
