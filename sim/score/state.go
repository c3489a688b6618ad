package score

import (
	"math"
	"slices"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/spatial"
)

// blowoutSpread is how much wider a too-deep dot heals than an on-target
// one, used only while the appearance model does not widen deep dots
// itself. domain.md §2 reports "up to 3×"; 2× is a middle value (model
// assumption).
const blowoutSpread = 2.0

// maxCandidates caps the candidate markers drawn from a large set (for
// example every merging dot of a random pattern), so a report stays fast;
// markers only need to show where to look.
const maxCandidates = 512

// state is a set of impressions measured against a prepared template. It
// keeps every measure as an aggregate that one impression changes only
// locally, so the same state serves a one-off Grade (built in bulk) and a
// Live grade (updated dot by dot); report reads only the aggregates.
//
// Dots are identified by their index in the caller's list (ids); a removed
// dot, or one with a non-finite position, stays in the arrays with
// alive = false.
type state struct {
	p *prep
	// old is, while measure runs, what the state held before: arrays to
	// reuse (nil once measured).
	old *state

	pts   []geom.Point
	zone  []int32 // zone index, -1 outside every zone
	diam  []float64
	depth []depthClass
	alive []bool

	n, ignored int

	grid *spatial.Grid   // every live dot, by id
	zg   []*spatial.Grid // per zone, by local index
	loc  []int32         // id → local index in its zone's grid
	glob [][]int32       // zone → local index → id
	nn   []float64       // distance to the nearest dot of the same zone
	nnj  []int32         // that dot's id, -1 when none
	zagg []zoneAgg
	// nnBound[z] bounds every NN distance in zone z from above (it only
	// grows), so the dots whose neighbour may change when a dot comes or
	// goes are all within it.
	nnBound []float64

	cells     [][]int32 // per zone, per density-map cell: the zone's dots within h
	cover     [][]int32 // per zone, per gap-raster cell: dots within the gap radius
	uncovered []int     // per zone: inside gap cells with no dot

	rmax float64 // largest healed radius so far
	// mw[i] sums dot i's merge weights with its neighbours; merged is
	// Σ min(1, mw), the merging dots counted softly (see mergeWeight).
	mw     []float64
	merged float64

	mergedSet, misplaced, deepSet, shallowSet idset

	// Hairline: each dot's station (-1: not a hairline dot) and position.
	hst      []int32
	hs, hu   []float64
	stations []idset

	hairCnt [][]float64 // per hair band, per sector
	ringCnt [][]float64 // per scar, per ring sector
	scarIn  []int       // per scar: dots inside

	col *colourAgg // nil: the template has no colour target

	ld *liveDensity // a Live's density-criterion counts (live.go); nil in a one-off grade

	// Working arrays kept only so that a state taken from the pool
	// reuses them: every dot's nearest neighbour in any zone (bulkNN) and
	// a gap raster's distance transform (coverage).
	gnn []float64
	dt  []float64

	// Filled in by density for consistency: the overworked part of the
	// local density map.
	overArea  float64
	overMarks []marker
	mapArea   float64
}

// zoneAgg sums what the per-zone measures need.
type zoneAgg struct {
	n           int
	nnM         int // dots with a neighbour in the zone
	nnSum       float64
	nnSum2      float64
	al          [6]float64 // Σcos 2θ, Σsin 2θ, Σcos 4θ, Σsin 4θ, Σcos 6θ, Σsin 6θ of NN bonds
	dSum, dSum2 float64    // healed diameters
}

// idset is a set of dot ids with O(1) add and remove; iteration follows
// insertion order except where a removal moved the last member. Callers
// never add a member twice (a dot joins a set once, and leaves it before
// it can join again), so add needs no lookup: a one-off grade only adds,
// and the index of places that remove needs is built on the first
// removal (or by index, as a Live does up front).
type idset struct {
	ids []int32
	pos map[int32]int32 // id → place in ids; nil until a removal needs it
}

// add puts i, which is not a member, in the set.
func (s *idset) add(i int32) {
	if s.pos != nil {
		s.pos[i] = int32(len(s.ids))
	}
	s.ids = append(s.ids, i)
}

func (s *idset) remove(i int32) {
	s.index()
	k, ok := s.pos[i]
	if !ok {
		return
	}
	last := s.ids[len(s.ids)-1]
	s.ids[k] = last
	s.pos[last] = k
	s.ids = s.ids[:len(s.ids)-1]
	delete(s.pos, i)
}

// index builds the set's index of places, if it has none.
func (s *idset) index() {
	if s.pos != nil {
		return
	}
	s.pos = make(map[int32]int32, len(s.ids))
	for k, i := range s.ids {
		s.pos[i] = int32(k)
	}
}

func (s *idset) len() int { return len(s.ids) }

// reuse empties the set, keeping the room ids had (buf: the ids of a set
// no longer used) and no index.
func (s *idset) reuse(buf []int32) { *s = idset{ids: buf[:0]} }

// diamCache computes healed diameters with the appearance model (any skin:
// only the size is used), remembering the previous answer since runs of
// impressions share a needle.
type diamCache struct {
	key  [2]float64
	deep bool
	val  float64
	ok   bool
}

// healed returns the healed diameter of a dot made as *pi (0 when its
// fresh diameter is not a positive finite number). It takes a pointer:
// an impression is a hundred bytes, which a copy per dot of a bulk pass
// would move for nothing while the answer is remembered.
func (c *diamCache) healed(pi *impression.Impression) float64 {
	d := pi.DiameterMM
	if !(d > 0 && d <= math.MaxFloat64) { // NaN, ≤ 0 or +Inf
		return 0
	}
	key := [2]float64{d, pi.Dilution}
	deep := depthClassOf(pi.Depth) == tooDeep
	if c.ok && c.key == key && c.deep == deep {
		return c.val
	}
	im := *pi
	skin := colorful.Color{R: 0.8, G: 0.7, B: 0.6}
	im.Depth = impression.Target
	v := appearance.Dot(im, skin, appearance.Healed).DiameterMM
	if deep {
		im.Depth = impression.Deep
		vd := appearance.Dot(im, skin, appearance.Healed).DiameterMM
		if vd == v {
			vd = v * blowoutSpread
		}
		v = vd
	}
	if !(v > 0) || math.IsInf(v, 0) {
		v = d
	}
	c.key, c.deep, c.val, c.ok = key, deep, v, true
	return v
}

// newState measures ims in bulk. full keeps every aggregate exact for
// later Add and Remove (Live); without it, sums that saturate stop early.
func newState(p *prep, ims []impression.Impression, full bool) *state {
	return new(state).measure(p, ims, full)
}

// measure measures ims in bulk into s, as newState does, reusing the
// arrays of whatever s measured before (a one-off grade's state, from
// prep.takeState): grading a file again then allocates almost nothing
// of its own, and no garbage collection has to clear up after it.
func (s *state) measure(p *prep, ims []impression.Impression, full bool) *state {
	prev := *s
	*s = state{p: p, old: &prev}
	n := len(ims)
	s.pts = reuse(prev.pts, n)
	s.zone = reuse(prev.zone, n)
	s.diam = reuse(prev.diam, n)
	s.depth = reuse(prev.depth, n)
	s.alive = reuse(prev.alive, n)
	s.zagg = cleared(prev.zagg, len(p.zones))
	s.glob = reuse(prev.glob, len(p.zones))
	for z := range s.glob {
		s.glob[z] = s.glob[z][:0]
	}
	s.loc = reuse(prev.loc, n)
	s.misplaced.reuse(prev.misplaced.ids)
	s.deepSet.reuse(prev.deepSet.ids)
	s.shallowSet.reuse(prev.shallowSet.ids)
	s.mergedSet.reuse(prev.mergedSet.ids)
	s.dt = prev.dt
	var dc diamCache
	cf := s.startColour(n)
	for i := range ims {
		im := &ims[i]
		s.pts[i] = im.Pos
		s.zone[i] = -1
		s.diam[i], s.depth[i], s.alive[i], s.loc[i] = 0, 0, false, 0
		if !im.Pos.IsFinite() {
			s.ignored++
			cf.skip(i)
			continue
		}
		s.alive[i] = true
		s.n++
		s.diam[i] = dc.healed(im)
		s.depth[i] = depthClassOf(im.Depth)
		s.rmax = max(s.rmax, s.diam[i]/2) // the builtin: math.Max is a call, the same answer (NaN and ±0 alike)
		cf.file(i, im)
	}
	cf.flush()
	s.grid = prev.grid // the last grade's, whose arrays Reset reuses
	if s.grid == nil {
		s.grid = new(spatial.Grid)
	}
	s.grid.Reset(s.pts, p.bounds, 0, p.surf)
	// Every live dot's zone, found in the grid's order: neighbouring dots
	// read neighbouring cells of the zone index, where in the file's order
	// (as good as random in a large file) each lookup missed the cache.
	zone := s.zone
	s.grid.InRect(wholeChart, func(i int, q geom.Point) { zone[i] = int32(p.locate(q)) })
	for i, z := range zone {
		if !s.alive[i] {
			continue
		}
		if z >= 0 {
			s.loc[i] = int32(len(s.glob[z]))
			s.glob[z] = append(s.glob[z], int32(i))
			a := &s.zagg[z]
			a.n++
			a.dSum += s.diam[i]
			a.dSum2 += s.diam[i] * s.diam[i]
		}
		s.classify(int32(i), true)
	}
	for z := range p.zones {
		if ref := p.zones[z].ref; ref != nil {
			ref.warm(s.zagg[z].n) // the report's Clark–Evans references
		}
	}
	s.zg = cleared(prev.zg, len(p.zones))
	gnn := s.bulkNN()
	s.bulkClumps(gnn, full)
	s.bulkCells()
	s.bulkCover()
	s.initHair()
	s.initBorder()
	for i := range s.pts {
		if s.alive[i] {
			s.hairAdd(int32(i))
			s.borderAdd(int32(i), 1)
		}
	}
	s.old = nil // its arrays are s's own now
	return s
}

// wholeChart is a rectangle holding every finite chart point: Grid.InRect
// over it visits every live dot, in the grid's order.
var wholeChart = geom.Rect{Min: geom.Pt(math.Inf(-1), math.Inf(-1)), Max: geom.Pt(math.Inf(1), math.Inf(1))}

// zoneGrid returns the index of zone z's dots by local index, building it
// on first use: a one-off Grade needs few of them, a Live needs them all.
func (s *state) zoneGrid(z int32) *spatial.Grid {
	if s.zg[z] == nil {
		buf := make([]geom.Point, len(s.glob[z]))
		for k, i := range s.glob[z] {
			buf[k] = s.pts[i]
		}
		g := spatial.NewGridOn(buf, s.p.zones[z].bp.bounds, 0, s.p.zones[z].surf)
		// Dots removed before the grid was built stay out of it.
		for k, i := range s.glob[z] {
			if !s.alive[i] {
				g.Remove(k)
			}
		}
		s.zg[z] = g
	}
	return s.zg[z]
}

// depthClass is what classify reads of a dot's depth (impression.Depth):
// a byte per dot, where the depth's string takes sixteen in an array a
// grade writes in full.
type depthClass uint8

const (
	atDepth    depthClass = iota // neither deep nor shallow (or no depth at all)
	tooDeep                      // impression.Deep
	tooShallow                   // impression.Shallow
)

// depthClassOf returns the class of depth d.
func depthClassOf(d impression.Depth) depthClass {
	switch d {
	case impression.Deep:
		return tooDeep
	case impression.Shallow:
		return tooShallow
	}
	return atDepth
}

// classify files dot i in the misplaced, deep and shallow sets (add) or
// takes it out of them.
func (s *state) classify(i int32, add bool) {
	op := func(set *idset, in bool) {
		if !in {
			return
		}
		if add {
			set.add(i)
		} else {
			set.remove(i)
		}
	}
	z := s.zone[i]
	op(&s.misplaced, z < 0 || !s.p.zones[z].treated)
	op(&s.deepSet, s.depth[i] == tooDeep)
	op(&s.shallowSet, s.depth[i] == tooShallow)
}

// addNN adds (sign +1) or removes (-1) one dot's NN terms: its NN
// distance d, and the six orientation terms of its bond d, a skin
// displacement to its neighbour in a local frame (prep.skinStep): cos and
// sin of 2θ, 4θ and 6θ, θ the bond's angle. A bond of no length (or of no
// finite length) has no angle and adds no orientation terms. sign is ±1,
// so the bulk pass (sign 1) and Live's adds give the same sums bit for
// bit.
func (a *zoneAgg) addNN(d float64, step geom.Point, sign float64) {
	a.nnM += int(sign)
	a.nnSum += sign * d
	a.nnSum2 += sign * d * d
	x, y := step.X, step.Y
	l2 := x*x + y*y
	if !(l2 > 0) || math.IsInf(l2, 0) {
		return
	}
	// e^{2iθ} = (x + iy)²/l², with no square root and one division; its
	// powers by complex multiplication, avoiding trigonometry in the hot
	// loop. (A bond so short or long that l² under- or overflows, beyond
	// 1e±154 mm, is taken as having no angle.)
	inv := 1 / l2
	a2, b2 := (x*x-y*y)*inv, 2*x*y*inv
	a4, b4 := a2*a2-b2*b2, 2*a2*b2
	a6, b6 := a4*a2-b4*b2, a4*b2+b4*a2
	a.al[0] += sign * a2
	a.al[1] += sign * b2
	a.al[2] += sign * a4
	a.al[3] += sign * b4
	a.al[4] += sign * a6
	a.al[5] += sign * b6
}

// nnContrib adds (sign +1) or removes (-1) dot i's NN terms from its zone.
func (s *state) nnContrib(i int32, sign float64) {
	if j := s.nnj[i]; j >= 0 {
		s.nnTerms(i, s.pts[j], sign)
	}
}

// nnTerms adds (sign +1) or removes (-1) the NN terms of dot i, whose
// nearest neighbour in its zone lies at q, from its zone.
func (s *state) nnTerms(i int32, q geom.Point, sign float64) {
	s.zagg[s.zone[i]].addNN(s.nn[i], s.p.skinStep(s.pts[i], q), sign)
}

// bulkNN finds every dot's nearest neighbour in its own zone and sums the
// zones' NN terms. The global grid answers most dots; a dot whose global
// neighbour lies in another zone asks it for its nearest in its own zone
// (NearestWhere). It returns the global NN distances, which the clump
// search uses as a filter.
//
// The search runs in the grid's order (NearestInto: much faster than by
// index) and leaves its answers in arrays by index; the zone checks and
// the sums follow by index, in one pass over those arrays, so their
// rounding is the same whatever the grid's layout (and the same as
// Live's, which adds and removes them one dot at a time with nnTerms).
func (s *state) bulkNN() []float64 {
	n := len(s.pts)
	s.nn = reuse(s.old.nn, n)
	s.nnj = reuse(s.old.nnj, n)
	s.nnBound = cleared(s.old.nnBound, len(s.p.zones))
	s.gnn = reuse(s.old.gnn, n)
	gnn, nn, nnj, zone, pts := s.gnn, s.nn[:n], s.nnj[:n], s.zone[:n], s.pts[:n]
	s.grid.NearestInto(nnj, gnn) // every dot's neighbour in any zone
	for i := range nn {
		z := zone[i]
		if z < 0 {
			nn[i], nnj[i] = math.Inf(1), -1
			continue
		}
		j, d := nnj[i], gnn[i]
		if j < 0 || zone[j] != z {
			jj, dd := s.grid.NearestWhere(i, func(j int) bool { return zone[j] == z })
			if jj < 0 {
				nn[i], nnj[i] = math.Inf(1), -1
				continue
			}
			j, d = int32(jj), dd
		}
		nn[i], nnj[i] = d, j
		// The neighbour's position is read here, beside its zone: the two
		// loads from anywhere in the arrays overlap.
		s.zagg[z].addNN(d, s.p.skinStep(pts[i], pts[j]), 1)
		// The builtin max inlines (math.Max is a call); the same answer
		// for a distance, never NaN.
		s.nnBound[z] = max(s.nnBound[z], d)
	}
	return gnn
}

// mergeSoft is the width, as a share of the two healed radii, over which a
// pair goes from just touching (weight 0) to fully merged (weight 1). A hard
// threshold would let a jitter far below a dot's size flip whole dots in
// and out of the count; the soft one moves the count smoothly (model
// assumption).
const mergeSoft = 0.25

// mergeWeight is how strongly two dots of healed radii ri and rj at
// distance d merge: 0 when they do not touch (d ≥ ri + rj), rising to 1 at
// an overlap of mergeSoft·(ri + rj) (domain.md §2: dots placed too close
// merge).
func mergeWeight(d, ri, rj float64) float64 {
	sum := ri + rj
	if !(d < sum) || !(sum > 0) {
		return 0
	}
	return math.Min(1, (sum-d)/(mergeSoft*sum))
}

// merges calls fn for every live dot that merges with dot i once healed,
// with the pair's merge weight.
func (s *state) merges(i int32, fn func(j int32, w float64)) {
	ri := s.diam[i] / 2
	p := s.pts[i]
	s.grid.WithinOnSurface(p, ri+s.rmax, func(j int) {
		if int32(j) == i {
			return
		}
		if w := mergeWeight(s.p.dist(p, s.pts[j]), ri, s.diam[j]/2); w > 0 {
			fn(int32(j), w)
		}
	})
}

// addMerge changes dot j's merge sum by dw, keeping merged and the set.
func (s *state) addMerge(j int32, dw float64) {
	old := s.mw[j]
	s.mw[j] += dw
	if s.mw[j] < 1e-9 {
		s.mw[j] = 0 // rounding left by a removal
	}
	s.merged += math.Min(1, s.mw[j]) - math.Min(1, old)
	switch {
	case old == 0 && s.mw[j] > 0:
		s.mergedSet.add(j)
	case old > 0 && s.mw[j] == 0:
		s.mergedSet.remove(j)
	}
}

// bulkClumps sums every dot's merge weights. With full false (a one-off
// Grade) a dot's sum stops once it reaches 1, where min(1, mw) no longer
// changes: the work per dot is then bounded however many dots crowd it, so
// a file of thousands of dots on one spot grades in linear time (issue 15).
// A Live needs the full sums, since Remove takes pair weights back out.
func (s *state) bulkClumps(gnn []float64, full bool) {
	s.mw = cleared(s.old.mw, len(s.pts))
	// The dots that may merge: at most these join mergedSet (on
	// overworked work, most of 100,000).
	may := func(i int) bool { return s.alive[i] && gnn[i] < s.diam[i]/2+s.rmax }
	n := 0
	for i := range s.pts {
		if may(i) {
			n++
		}
	}
	s.mergedSet.ids = slices.Grow(s.mergedSet.ids, n)
	for i := range s.pts {
		if !may(i) {
			continue
		}
		sum := 0.0
		ri := s.diam[i] / 2
		p := s.pts[i]
		s.grid.VisitOnSurface(p, ri+s.rmax, func(j int) bool {
			if j != i {
				sum += mergeWeight(s.p.dist(p, s.pts[j]), ri, s.diam[j]/2)
			}
			return !full && sum >= 1
		})
		if sum > 0 {
			s.addMerge(int32(i), sum)
		}
	}
}

// bulkCells counts, for every density-map cell, the zone's dots within the
// window's skin radius of its centre (sim/density).
func (s *state) bulkCells() {
	s.cells = reuse(s.old.cells, len(s.p.zones))
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		s.cells[zi] = reuse(s.cells[zi], len(pz.cells))
		z := int32(zi)
		for c, cell := range pz.cells {
			s.cells[zi][c] = int32(s.grid.CountWithinOnSurface(cell.q, pz.h, s.zone, z))
		}
	}
}

// bulkCover counts the dots covering each gap-raster cell: every dot
// stamps its disc on every zone's raster it reaches (pzone.stamp), the dots
// taken in the grid's order so that neighbouring dots stamp neighbouring
// cells.
func (s *state) bulkCover() {
	s.cover = reuse(s.old.cover, len(s.p.zones))
	s.uncovered = cleared(s.old.uncovered, len(s.p.zones))
	var buf [16]int
	gz := buf[:0] // the zones searched for gaps
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		if !pz.gapZone() {
			s.cover[zi] = nil
			continue
		}
		s.cover[zi] = cleared(s.cover[zi], pz.gnx*pz.gny)
		gz = append(gz, zi)
	}
	if s.p.surf == nil {
		// On a flat chart every dot's disc is the same: each zone reads
		// only the dots near enough to reach its raster.
		d := s.p.gapDiscAt(geom.Point{})
		for _, zi := range gz {
			pz := &s.p.zones[zi]
			cov := s.cover[zi]
			b := pz.bp.bounds
			mx, my := pz.rho*d.w, pz.rho*d.h
			near := geom.Rect{Min: geom.Pt(b.Min.X-mx, b.Min.Y-my), Max: geom.Pt(b.Max.X+mx, b.Max.Y+my)}
			s.grid.InRect(near, func(_ int, q geom.Point) { pz.stamp(cov, q, d) })
		}
	} else if len(gz) > 0 {
		// On the head each dot's disc is its own: worked out once per dot
		// (the skin metric is the costly part) for every zone.
		s.grid.InRect(wholeChart, func(_ int, q geom.Point) {
			d := s.p.gapDiscAt(q)
			for _, zi := range gz {
				s.p.zones[zi].stamp(s.cover[zi], q, d)
			}
		})
	}
	for _, zi := range gz {
		for k, in := range s.p.zones[zi].ginside {
			if in && s.cover[zi][k] == 0 {
				s.uncovered[zi]++
			}
		}
	}
}

// gapDisc is the chart image of a dot's gap disc, for any radius r: its
// skin metric and the chart half-extents of the unit skin disc (r × these
// are ellipse.halfWidth and halfHeight at r), worked out once per dot.
type gapDisc struct {
	e    ellipse
	w, h float64
}

// gapDiscAt returns the gap disc of a dot at chart point q.
func (p *prep) gapDiscAt(q geom.Point) gapDisc {
	e := p.metricAt(q)
	return gapDisc{e: e, w: e.halfWidth(1), h: e.halfHeight(1)}
}

// coverBlock returns a block of raster cells i0..i1 × j0..j1, clipped to
// the raster, that holds every cell a dot at p with gap disc d covers
// (ok is false when it is empty): the cells whose centres lie in the
// chart bounding box of the disc, and perhaps a few more on its edge,
// since the box is widened by far more than its rounding. Which cells of
// the block the dot covers is covers' to say, whatever the block.
func (z *pzone) coverBlock(p geom.Point, d gapDisc) (i0, i1, j0, j1 int, ok bool) {
	const slack = 1e-9 // cells
	inv := 1 / z.gcell
	rx, ry := z.rho*d.w*inv+slack, z.rho*d.h*inv+slack
	// Cell i's centre is at gorigin.X + (i+½)·gcell.
	fx, fy := (p.X-z.gorigin.X)*inv-0.5, (p.Y-z.gorigin.Y)*inv-0.5
	fx0, fx1, fy0, fy1 := fx-rx, fx+rx, fy-ry, fy+ry
	if !(fx1 >= 0 && fy1 >= 0 && fx0 <= float64(z.gnx-1) && fy0 <= float64(z.gny-1)) {
		return 0, -1, 0, -1, false // off the raster, or not a number
	}
	i0 = max(int(math.Ceil(fx0)), 0)
	i1 = min(int(fx1), z.gnx-1) // fx1 ≥ 0: the conversion floors
	j0 = max(int(math.Ceil(fy0)), 0)
	j1 = min(int(fy1), z.gny-1)
	return i0, i1, j0, j1, i0 <= i1 && j0 <= j1
}

// discRow is the question the gap disc of radius r of a dot puts to the
// cell centres of one raster row, cy from the dot in chart y: a centre cx
// from it in chart x lies in the disc when its skin length is at most r,
// dᵀGd ≤ r² for d = (cx, cy) and G the dot's skin metric, which is
// a·cx² + b·cx + c ≤ 0. With the centres' offsets from the dot worked
// out one way (pzone.gcentre's coordinates, gxs and gys, less the
// dot's), it is the one rule by which a dot covers a gap raster cell, for
// the bulk pass and Live's dot-by-dot updates alike, so that a dot
// removed uncovers exactly the cells it covered.
type discRow struct{ a, b, c float64 }

// row returns the test of raster row j of zone z for a dot at p.
func (d gapDisc) row(z *pzone, j int, p geom.Point) discRow {
	cy := z.gys[j] - p.Y
	return discRow{a: d.e.gxx, b: 2 * d.e.gxy * cy, c: d.e.gyy*cy*cy - z.rho*z.rho}
}

// covers reports whether the centre of raster column i of zone z lies in
// the disc of a dot at p.
func (t discRow) covers(z *pzone, i int, p geom.Point) bool {
	cx := z.gxs[i] - p.X
	return (t.a*cx+t.b)*cx+t.c <= 0
}

// stamp adds one to each cell of the zone's raster cov that a dot at p
// with gap disc d covers: the bulk pass's inner loop.
func (z *pzone) stamp(cov []int32, p geom.Point, d gapDisc) {
	i0, i1, j0, j1, ok := z.coverBlock(p, d)
	if !ok {
		return
	}
	for j := j0; j <= j1; j++ {
		t := d.row(z, j, p)
		row := cov[j*z.gnx : (j+1)*z.gnx]
		for i := i0; i <= i1; i++ {
			var inc int32 // no branch on the disc's edge
			if t.covers(z, i, p) {
				inc = 1
			}
			row[i] += inc
		}
	}
}

// coverDot adds delta to the raster cells of zone zi covered by a dot at
// p, and returns the change in the number of uncovered inside cells.
func (s *state) coverDot(zi int, p geom.Point, delta int32) int {
	pz := &s.p.zones[zi]
	d := s.p.gapDiscAt(p)
	i0, i1, j0, j1, ok := pz.coverBlock(p, d)
	if !ok {
		return 0
	}
	cov, change := s.cover[zi], 0
	for j := j0; j <= j1; j++ {
		t := d.row(pz, j, p)
		for i := i0; i <= i1; i++ {
			if !t.covers(pz, i, p) {
				continue
			}
			k := j*pz.gnx + i
			was := cov[k]
			cov[k] += delta
			if pz.ginside[k] {
				if was == 0 && cov[k] > 0 {
					change--
				} else if was > 0 && cov[k] == 0 {
					change++
				}
			}
		}
	}
	return change
}

// zoneStats measures every zone from the aggregates.
func (s *state) zoneStats() []ZoneStats {
	out := make([]ZoneStats, len(s.p.zones))
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		a := &s.zagg[zi]
		zs := ZoneStats{ID: pz.z.ID, AreaCM2: pz.area / 100, Impressions: a.n,
			TargetMin: pz.band.Min, TargetMax: pz.band.Max}
		if pz.area > 0 {
			zs.DensityPerCM2 = float64(a.n) / (pz.area / 100)
		}
		mean, cv := s.nnMoments(zi)
		if a.n >= 2 {
			zs.NNMeanMM = mean
			zs.NNCV = cv
			zs.ClarkEvansRNaive = NaiveR(mean, a.n, pz.area)
			if pz.ref != nil {
				if e := pz.ref.expected(a.n); e > 0 {
					zs.ClarkEvansR = mean / e
				}
			}
		}
		zs.AreaCM2 = clean(zs.AreaCM2)
		zs.DensityPerCM2 = clean(zs.DensityPerCM2)
		zs.NNMeanMM = clean(zs.NNMeanMM)
		zs.NNCV = clean(zs.NNCV)
		zs.ClarkEvansRNaive = clean(zs.ClarkEvansRNaive)
		zs.ClarkEvansR = clean(zs.ClarkEvansR)
		out[zi] = zs
	}
	return out
}

// nnMoments returns the mean NN distance of a zone's dots and its
// coefficient of variation.
func (s *state) nnMoments(zi int) (mean, cv float64) {
	a := &s.zagg[zi]
	if a.nnM <= 0 {
		return 0, 0
	}
	m := float64(a.nnM)
	mean = a.nnSum / m
	v := a.nnSum2/m - mean*mean
	if mean > 0 && v > 0 {
		cv = math.Sqrt(v) / mean
	}
	return mean, cv
}

// report grades the state.
func (s *state) report(w Weights) *Report {
	r := &Report{Impressions: s.n, Ignored: s.ignored}
	r.Zones = s.zoneStats()
	r.Criteria = append(r.Criteria, s.density(r.Zones))
	r.Criteria = append(r.Criteria, s.uniformity(r.Zones))
	r.Criteria = append(r.Criteria, s.gaps())
	r.Criteria = append(r.Criteria, s.consistency())
	if c, ok := s.hairline(); ok {
		r.Criteria = append(r.Criteria, c)
	}
	if c, ok := s.blending(); ok {
		r.Criteria = append(r.Criteria, c)
	}
	if c, ok := s.scars(); ok {
		r.Criteria = append(r.Criteria, c)
	}
	if c, ok := s.colour(); ok {
		r.Criteria = append(r.Criteria, c)
	}
	finish(r, w)
	return r
}

// candidates returns up to maxCandidates markers from a set, each with
// severity sev(id).
func (s *state) candidates(set *idset, sev func(int32) float64) []marker {
	var ms []marker
	for _, i := range set.ids {
		if len(ms) >= maxCandidates {
			break
		}
		ms = append(ms, marker{s.pts[i], sev(i)})
	}
	return ms
}
