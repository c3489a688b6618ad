package score

import (
	"math"

	"github.com/smptrainer/smp/sim/impression"
)

// Live keeps a grade up to date while impressions are added and removed,
// for the trainer's score panel. Each change touches only the neighbourhood
// of the dot (its nearest-neighbour links, the density-map cells and gap
// cells within a few millimetres, the dots it merges with, its hairline
// station and border sectors); Report then reads aggregates. Live.Report
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
	return &Live{s: s, w: w}
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
	s.depth = append(s.depth, im.Depth)
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
	s.diam[i] = dc.healed(im)
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
