package score

import (
	"math"

	"github.com/smptrainer/smp/sim/density"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// Live keeps a grade up to date while impressions are added and removed,
// for the trainer's score panel. Each change touches only the neighbourhood
// of the dot (its nearest-neighbour links, the density-map cells, the
// dispersion test's fine windows and gap cells within a few millimetres,
// the dots it merges with, its hairline station and border sectors);
// Report then reads aggregates, and measures again only the samples of a
// zone's nearest-neighbour ratio a change may have altered. Live.Report
// agrees with Grade on the same impressions, up to rounding in sums and
// the choice among equally near neighbours.
//
// A Live is not safe for concurrent use.
type Live struct {
	s *state
	w Weights
}

// NewLive starts a live grade of ims on g's template for session
// sessionNo with weights w (nil: defaults). The impressions get ids
// 0..len(ims)-1. A nil or zone-less template gives a Live whose reports
// explain that.
func (g *Grader) NewLive(ims []impression.Impression, sessionNo int, w Weights) *Live {
	if g.empty() {
		return &Live{w: w}
	}
	s := newState(g.prep(sessionNo), ims, true)
	for z := range s.zg {
		s.zoneGrid(int32(z))
	}
	// Index the sets now, so that the first Remove (the trainer's first
	// undo) costs what every other does.
	for _, set := range []*idset{&s.misplaced, &s.deepSet, &s.shallowSet, &s.mergedSet} {
		set.index()
	}
	for k := range s.stations {
		s.stations[k].index()
	}
	s.ld = newLiveDensity(s)
	return &Live{s: s, w: w}
}

// liveDensity is what a Live keeps of the density criterion's dispersion
// test (spreadShare) dot by dot, so that a report searches the grid of
// every dot only for what a change may have altered: the fine windows'
// counts, and the samples of each zone's nearest-neighbour ratio.
type liveDensity struct {
	fine  [][]int32      // per zone, per fine window (pzone.fine): as state.fineCounts counts
	ratio []ratioSamples // per zone
}

// ratioSamples are one zone's nnRatio samples, kept between reports:
// sample k is the zone's dot glob[z][k·step], measured by ratioSample.
type ratioSamples struct {
	step  int
	ent   []ratioEntry
	moved []geom.Point // where the zone's dots were added or removed since the last report
	stale bool         // more than maxRatioMoved of them: every sample is measured again
}

// ratioEntry is one sample's ratioSample and where it is.
type ratioEntry struct {
	d1, d2    float64
	clear, ok bool
	measured  bool
	at        geom.Vec3 // the dot's skin position (prep.skinAt)
	// r2 is the squared skin distance within which an added or removed
	// dot may change the sample: d2's, a little widened so rounding
	// never leaves one out; +Inf where any may (a dot without a
	// neighbour, or without a second within ratioSample's reach); -1 for
	// a removed dot, which no change brings back.
	r2 float64
}

// maxRatioMoved bounds the changes a zone remembers between reports;
// beyond it the next report measures every sample again, as a one-off
// grade does.
const maxRatioMoved = 32

// newLiveDensity counts s's fine windows as a one-off grade does.
func newLiveDensity(s *state) *liveDensity {
	ld := &liveDensity{fine: make([][]int32, len(s.p.zones)), ratio: make([]ratioSamples, len(s.p.zones))}
	for zi := range s.p.zones {
		ld.fine[zi] = s.fineCounts(zi)
	}
	return ld
}

// change counts a dot of zone z at p in (delta 1) or out (-1) of the
// zone's fine windows, and notes where the zone changed for its ratio's
// samples.
func (ld *liveDensity) change(s *state, z int, p geom.Point, delta int32) {
	pz := &s.p.zones[z]
	if len(pz.fine) > 0 {
		fc := ld.fine[z]
		s.p.fineGrid(z).WithinOnSurface(p, pz.fineH, func(c int) { fc[c] += delta })
	}
	rs := &ld.ratio[z]
	switch {
	case rs.stale:
	case len(rs.moved) >= maxRatioMoved:
		rs.stale, rs.moved = true, rs.moved[:0]
	default:
		rs.moved = append(rs.moved, p)
	}
}

// nnRatio is state.nnRatio from the kept samples: a sample is measured
// again where a dot was added or removed within its second neighbour's
// distance since the last report, and the samples are summed in the same
// order as a fresh measure's, so the ratio is the same to the last bit.
func (ld *liveDensity) nnRatio(s *state, zi int) float64 {
	ids := s.glob[zi]
	if len(ids) < 3 {
		return 0
	}
	step := density.NNRatioStep(len(ids))
	rs := &ld.ratio[zi]
	if rs.step != step || rs.stale {
		rs.step, rs.ent = step, rs.ent[:0]
	} else {
		for _, p := range rs.moved {
			v := s.p.skinAt(p)
			for k := range rs.ent {
				if e := &rs.ent[k]; e.measured && e.at.Dist2(v) <= e.r2 {
					e.measured = false
				}
			}
		}
	}
	rs.moved, rs.stale = rs.moved[:0], false
	n := (len(ids) + step - 1) / step
	for len(rs.ent) < n {
		rs.ent = append(rs.ent, ratioEntry{})
	}
	var r density.NNRatio
	for k := range rs.ent[:n] {
		e := &rs.ent[k]
		if !e.measured {
			i := ids[k*step]
			e.d1, e.d2, e.clear, e.ok = s.ratioSample(zi, i)
			e.at, e.measured = s.p.skinAt(s.pts[i]), true
			switch {
			case !s.alive[i]:
				e.r2 = -1
			case !e.ok || math.IsInf(e.d2, 1):
				e.r2 = math.Inf(1)
			default:
				r := e.d2 * (1 + 1e-9)
				e.r2 = r * r
			}
		}
		if e.ok {
			r.Add(e.d1, e.d2, e.clear)
		}
	}
	return r.Mean()
}

// Len returns the number of live impressions graded (finite positions).
func (l *Live) Len() int {
	if l.s == nil {
		return 0
	}
	return l.s.n
}

// Report grades the current impressions.
func (l *Live) Report() *Report {
	if l.s == nil {
		return noZonesReport()
	}
	return l.s.report(l.w)
}

// Add grades one more impression and returns its id. An impression with a
// non-finite position gets an id but is ignored, as Grade ignores it.
func (l *Live) Add(im impression.Impression) int {
	s := l.s
	if s == nil {
		return -1
	}
	i := int32(len(s.pts))
	p := im.Pos
	s.pts = append(s.pts, p)
	s.zone = append(s.zone, -1)
	s.diam = append(s.diam, 0)
	s.depth = append(s.depth, depthClassOf(im.Depth))
	s.alive = append(s.alive, false)
	s.loc = append(s.loc, -1)
	s.nn = append(s.nn, math.Inf(1))
	s.nnj = append(s.nnj, -1)
	s.mw = append(s.mw, 0)
	s.hst = append(s.hst, -1)
	s.hs = append(s.hs, 0)
	s.hu = append(s.hu, 0)
	s.grid.Add(p)
	if s.col != nil {
		s.col.grow(i)
	}
	if !p.IsFinite() {
		s.ignored++
		return int(i)
	}
	s.alive[i] = true
	s.n++
	var dc diamCache
	s.diam[i] = dc.healed(&im)
	s.rmax = math.Max(s.rmax, s.diam[i]/2)
	z := s.p.locate(p)
	s.zone[i] = int32(z)
	s.classify(i, true)
	if z >= 0 {
		a := &s.zagg[z]
		a.n++
		a.dSum += s.diam[i]
		a.dSum2 += s.diam[i] * s.diam[i]
		k := s.zg[z].Add(p)
		s.loc[i] = int32(k)
		s.glob[z] = append(s.glob[z], i)
		if jj, d := s.zg[z].Nearest(k); jj >= 0 {
			s.nn[i], s.nnj[i] = d, s.glob[z][jj]
			s.nnContrib(i, 1)
			s.nnBound[z] = math.Max(s.nnBound[z], d)
		}
		// Dots for which the newcomer is now the nearest.
		s.zg[z].WithinOnSurface(p, s.nnBound[z], func(jl int) {
			q := s.glob[z][jl]
			if q == i {
				return
			}
			if d := s.p.dist(p, s.pts[q]); d < s.nn[q] {
				s.nnContrib(q, -1)
				s.nn[q], s.nnj[q] = d, i
				s.nnContrib(q, 1)
			}
		})
		pz := &s.p.zones[z]
		if len(pz.cells) > 0 {
			s.p.cellGrid(z).WithinOnSurface(p, pz.h, func(c int) { s.cells[z][c]++ })
		}
		s.ld.change(s, z, p, 1)
	}
	for zi := range s.p.zones {
		if s.cover[zi] != nil {
			s.uncovered[zi] += s.coverDot(zi, p, 1)
		}
	}
	sum := 0.0
	s.merges(i, func(j int32, w float64) {
		s.addMerge(j, w)
		sum += w
	})
	if sum > 0 {
		s.addMerge(i, sum)
	}
	s.hairAdd(i)
	s.borderAdd(i, 1)
	if s.col != nil {
		s.col.add(i, im, s.p.colour.client.Skin)
	}
	return int(i)
}

// Remove takes impression id out of the grade. Unknown or already removed
// ids are ignored.
func (l *Live) Remove(id int) {
	s := l.s
	if s == nil || id < 0 || id >= len(s.pts) || !s.alive[id] {
		return
	}
	i := int32(id)
	p := s.pts[i]
	s.hairRemove(i)
	s.borderAdd(i, -1)
	if s.col != nil {
		s.col.remove(i)
	}
	s.merges(i, func(j int32, w float64) { s.addMerge(j, -w) })
	if s.mw[i] > 0 {
		s.addMerge(i, -s.mw[i])
	}
	for zi := range s.p.zones {
		if s.cover[zi] != nil {
			s.uncovered[zi] += s.coverDot(zi, p, -1)
		}
	}
	if z := s.zone[i]; z >= 0 {
		pz := &s.p.zones[z]
		if len(pz.cells) > 0 {
			s.p.cellGrid(int(z)).WithinOnSurface(p, pz.h, func(c int) { s.cells[z][c]-- })
		}
		s.ld.change(s, int(z), p, -1)
		s.nnContrib(i, -1)
		s.zg[z].Remove(int(s.loc[i]))
		a := &s.zagg[z]
		a.n--
		a.dSum -= s.diam[i]
		a.dSum2 -= s.diam[i] * s.diam[i]
		// Dots whose nearest neighbour was the one removed look again.
		var orphans []int32
		s.zg[z].WithinOnSurface(p, s.nnBound[z], func(jl int) {
			if q := s.glob[z][jl]; s.nnj[q] == i {
				orphans = append(orphans, q)
			}
		})
		for _, q := range orphans {
			s.nnContrib(q, -1)
			s.nn[q], s.nnj[q] = math.Inf(1), -1
			if jj, d := s.zg[z].Nearest(int(s.loc[q])); jj >= 0 {
				s.nn[q], s.nnj[q] = d, s.glob[z][jj]
				s.nnContrib(q, 1)
				s.nnBound[z] = math.Max(s.nnBound[z], d)
			}
		}
		s.nn[i], s.nnj[i] = math.Inf(1), -1
	}
	s.classify(i, false)
	s.alive[i] = false
	s.n--
	s.grid.Remove(id)
}
