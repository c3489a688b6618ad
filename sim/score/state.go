package score

import (
	"math"

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

// state is one set of impressions measured against a prepared template.
type state struct {
	p     *prep
	pts   []geom.Point
	zone  []int32 // zone index, -1 outside every zone
	diam  []float64
	depth []impression.Depth

	ignored int
	byZone  [][]int32
	nn      []float64 // distance to the nearest dot of the same zone
	nnj     []int32   // that dot, -1 when none
	gnn     []float64 // distance to the nearest dot of any zone
	grid    *spatial.Grid

	// Filled in by density for consistency: the overworked part of the
	// local density map.
	overArea  float64
	overMarks []marker
	mapArea   float64
}

// healedDiameter returns the healed diameter of im, using the appearance
// model (any skin: only the size is used). last caches the previous answer,
// since runs of impressions share a needle.
type diamCache struct {
	key  [3]float64
	deep bool
	val  float64
	ok   bool
}

func (c *diamCache) healed(im impression.Impression) float64 {
	d := im.DiameterMM
	if !(d > 0) || math.IsInf(d, 0) {
		return 0
	}
	key := [3]float64{d, im.Dilution, 0}
	deep := im.Depth == impression.Deep
	if c.ok && c.key == key && c.deep == deep {
		return c.val
	}
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

func newState(p *prep, ims []impression.Impression) *state {
	s := &state{p: p}
	s.pts = make([]geom.Point, 0, len(ims))
	s.zone = make([]int32, 0, len(ims))
	s.diam = make([]float64, 0, len(ims))
	s.depth = make([]impression.Depth, 0, len(ims))
	s.byZone = make([][]int32, len(p.zones))
	var dc diamCache
	for _, im := range ims {
		if !im.Pos.IsFinite() {
			s.ignored++
			continue
		}
		i := int32(len(s.pts))
		z := p.locate(im.Pos)
		s.pts = append(s.pts, im.Pos)
		s.zone = append(s.zone, int32(z))
		s.diam = append(s.diam, dc.healed(im))
		s.depth = append(s.depth, im.Depth)
		if z >= 0 {
			s.byZone[z] = append(s.byZone[z], i)
		}
	}
	s.grid = spatial.NewGrid(s.pts, 0)
	s.computeNN()
	return s
}

// computeNN finds, for every dot, its nearest neighbour within its own zone.
// The global grid answers most dots; a dot whose global neighbour lies in
// another zone is asked again of its zone's own grid.
func (s *state) computeNN() {
	n := len(s.pts)
	s.nn = make([]float64, n)
	s.nnj = make([]int32, n)
	s.gnn = make([]float64, n)
	var redo []int32
	for i := range n {
		j, d := s.grid.Nearest(i)
		s.gnn[i] = d
		if j >= 0 && s.zone[j] == s.zone[i] {
			s.nn[i], s.nnj[i] = d, int32(j)
			continue
		}
		s.nn[i], s.nnj[i] = math.Inf(1), -1
		if s.zone[i] >= 0 && j >= 0 {
			redo = append(redo, int32(i))
		}
	}
	if len(redo) == 0 {
		return
	}
	grids := make([]*spatial.Grid, len(s.p.zones))
	buf := []geom.Point{}
	for _, i := range redo {
		z := s.zone[i]
		if grids[z] == nil {
			buf = buf[:0]
			for _, k := range s.byZone[z] {
				buf = append(buf, s.pts[k])
			}
			grids[z] = spatial.NewGrid(buf, 0)
		}
		if k := s.localIndex(z, i); k >= 0 {
			if jj, dd := grids[z].Nearest(k); jj >= 0 {
				s.nn[i], s.nnj[i] = dd, s.byZone[z][jj]
			}
		}
	}
}

// localIndex returns the position of dot i in its zone's list (binary
// search: the lists are built in increasing order).
func (s *state) localIndex(z, i int32) int {
	l := s.byZone[z]
	lo, hi := 0, len(l)
	for lo < hi {
		m := (lo + hi) / 2
		if l[m] < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(l) && l[lo] == i {
		return lo
	}
	return -1
}

// zoneStats measures every zone.
func (s *state) zoneStats() []ZoneStats {
	out := make([]ZoneStats, len(s.p.zones))
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		n := len(s.byZone[zi])
		zs := ZoneStats{ID: pz.z.ID, AreaCM2: pz.area / 100, Impressions: n,
			TargetMin: pz.band.Min, TargetMax: pz.band.Max}
		if pz.area > 0 {
			zs.DensityPerCM2 = float64(n) / (pz.area / 100)
		}
		mean, cv := s.nnMoments(zi)
		if n >= 2 {
			zs.NNMeanMM = mean
			zs.NNCV = cv
			zs.ClarkEvansRNaive = NaiveR(mean, n, pz.area)
			if pz.ref != nil {
				if e := pz.ref.expected(n); e > 0 {
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
	var sum, sum2 float64
	m := 0
	for _, i := range s.byZone[zi] {
		d := s.nn[i]
		if math.IsInf(d, 0) {
			continue
		}
		sum += d
		sum2 += d * d
		m++
	}
	if m == 0 {
		return 0, 0
	}
	mean = sum / float64(m)
	v := sum2/float64(m) - mean*mean
	if mean > 0 && v > 0 {
		cv = math.Sqrt(v) / mean
	}
	return mean, cv
}

// report grades the state.
func (s *state) report(w Weights) *Report {
	r := &Report{Impressions: len(s.pts), Ignored: s.ignored}
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
	finish(r, w)
	return r
}
