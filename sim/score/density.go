package score

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/smptrainer/smp/sim/density"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// maxMarkers caps the markers of one criterion: enough to show a trainee
// where to look, few enough to read.
const maxMarkers = 30

// bandText prints a density band for people: to one decimal, without a
// trailing ".0" (a band scaled by an area share would otherwise print as
// 2.7272727272727–25/cm²); a tenth of a dot per cm² is below anything a
// trainee can place.
func bandText(lo, hi float64) string {
	if roundDensity(lo) == roundDensity(hi) {
		return roundDensity(lo) + "/cm²"
	}
	return roundDensity(lo) + "–" + roundDensity(hi) + "/cm²"
}

func roundDensity(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

func (z *pzone) name() string {
	if z.z.Name != "" {
		return z.z.Name
	}
	return z.z.ID
}

// patchOneWay: a zone whose off-target area lies (all but this share) on
// one side of its band is uniformly too sparse or too dense, and is named
// so, never "patchy" (model assumption: the kernel estimate's own noise
// puts a few cells on the other side of even work).
const patchOneWay = 0.05

// localDensity is the local density estimate (sim/density) at
// density-map cell c of zone zi, per cm²: the zone's dots within the
// window's skin radius of the cell's centre over the window's area inside
// the zone.
func (s *state) localDensity(zi, c int) float64 {
	return density.PerCM2(int(s.cells[zi][c]), s.p.zones[zi].cells[c].disc)
}

// needsFine reports whether the dispersion test also looks through
// finer windows in the zone (density.NeedsFine).
func (z *pzone) needsFine() bool { return density.NeedsFine(z.band, z.z.Kind, z.h) }

// rampDepths measures each density-map window of a treated transition
// zone at its mean depth behind the hairline (dcell.depth), so the
// dispersion test judges the zone around its own ramp (density.Ramp). A
// template without a hairline this session leaves them NaN.
func (p *prep) rampDepths() {
	hp := p.hair
	if hp == nil {
		return
	}
	for zi := range p.zones {
		pz := &p.zones[zi]
		if !pz.treated || pz.z.Kind != scalp.Transition {
			continue
		}
		for ci := range pz.cells {
			c := &pz.cells[ci]
			c.depth = density.WindowMean(p.t.Head, zoneRegion{pz}, c.q, pz.h, hp.depth)
		}
	}
}

// depth returns how far chart point q lies behind H on the skin (u in
// skin mm, as the hairline criterion measures), NaN beyond H's ends.
func (hp *hairPrep) depth(q geom.Point) float64 {
	s, u, ok := hp.project(q)
	if !ok {
		return math.NaN()
	}
	return u * hp.acrossAt(s)
}

// DepthBehindLine returns how far chart point q lies behind the hairline
// on the skin in session sessionNo, in mm: the distance the hairline
// criterion measures from the design line (or the forehead's border
// without one), and that a transition zone's ramp rises with (its
// windows' density.WindowMean of it). NaN where the template has no
// hairline treated in that session, or q lies beyond the line's ends.
// The density map asks it for its transition zone's windows, so it
// judges them about the ramp as the score does.
func (g *Grader) DepthBehindLine(sessionNo int, q geom.Point) float64 {
	if g.empty() {
		return math.NaN()
	}
	hp := g.prep(sessionNo).hair
	if hp == nil || !q.IsFinite() {
		return math.NaN()
	}
	return hp.depth(q)
}

// overworkAt returns the local density, per cm², above which a window of
// the zone whose area inside it is disc mm² is overworked:
// overworkFactor × the band's top, widened as the window's tolerance is
// for the noise of few dots (Tolerated's top over 1+Tol is the band's top
// itself where the count is steady). The density map's cells hold it
// (dcell.over).
func (z *pzone) overworkAt(disc float64) float64 {
	return overworkFactor * density.Tolerated(z.band, disc).Max / (1 + density.Tol)
}

// toleratedMemo is density.Tolerated of one reference, ref, remembered
// for the last window area: a zone's windows wholly inside it share one
// area (π·h²), so a zone judged around its own level works the tolerance
// out for its edge windows and once for the rest.
type toleratedMemo struct {
	ref      scalp.DensityBand
	disc     float64
	tb       scalp.DensityBand
	measured bool
}

// at returns density.Tolerated(m.ref, disc).
func (m *toleratedMemo) at(disc float64) scalp.DensityBand {
	if m.measured && disc == m.disc {
		return m.tb // small enough to inline: most windows stop here
	}
	return m.set(disc)
}

// set works density.Tolerated(m.ref, disc) out and remembers it.
//
//go:noinline
func (m *toleratedMemo) set(disc float64) scalp.DensityBand {
	m.disc, m.tb, m.measured = disc, density.Tolerated(m.ref, disc), true
	return m.tb
}

// rampJudged reports whether zone zi's windows are judged for spread
// around its own ramp (density.Ramp) rather than one level: a transition
// zone whose windows have depths (rampDepths).
func (z *pzone) rampJudged() bool {
	return z.z.Kind == scalp.Transition && len(z.cells) > 0 && !math.IsNaN(z.cells[0].depth)
}

// spreadShare returns the share of zone zi's area within ±density.Tol of
// its level, d per cm², by how its windows together vary beyond even
// work's counting noise (density.Dispersion): in sparse work a window
// holds too few dots to tell a thin spot from chance, and the zone's
// windows together can. It looks through the density map's windows and,
// where those hold few dots, finer ones (pzone.fine), and keeps the lower
// share; a transition zone's windows about its own ramp (density.Ramp)
// instead of one level. found marks the windows of the kept set that the
// spread finds beyond ±density.Tol (density.Found), by how far: the thin
// and crowded spots the share counts off, which a single window's
// tolerance may not show.
func (s *state) spreadShare(zi int, d float64) (share float64, found []marker) {
	pz := &s.p.zones[zi]
	counts := s.cells[zi]
	lam := d / 100
	expect := func(c dcell) float64 { return lam * c.disc }
	if pz.rampJudged() {
		var r density.Ramp
		for ci, cell := range pz.cells {
			r.Add(int(counts[ci]), cell.disc, cell.depth, cell.w)
		}
		expect = func(c dcell) float64 { return r.Expected(c.disc, c.depth) }
	}
	var buf [2]windowSet
	sets := append(buf[:0], windowSet{pz.cells, counts, pz.h})
	if fc := s.fineCounts(zi); fc != nil {
		sets = append(sets, windowSet{pz.fine, fc, pz.fineH})
	}
	// The work's own counting noise is never below even work's
	// (density.PatternFano), so where even work's finds no spread the
	// ratio is not measured: most work pays nothing for it; and work as
	// regular as blue noise finds what even work's noise found.
	ratio := 0.0
	share, set, spread := keptSpread(sets, expect, ratio)
	if share < 1 {
		if r := s.nnRatio(zi); r != 0 {
			ratio = r
			if !density.EvenNoise(r) {
				share, set, spread = keptSpread(sets, expect, ratio)
			}
		}
	}
	return share, set.found(expect, spread, ratio)
}

// windowSet is one set of a zone's windows of radius r: the density
// map's (pzone.cells) or the finer ones (pzone.fine), with their counts.
type windowSet struct {
	cells  []dcell
	counts []int32
	r      float64
}

// keptSpread returns the share of the zone's area within ±density.Tol of
// its level (density.WithinShare) by the set of windows that finds the
// lower one (the first on a tie), that set, and its spread, each window
// expected to hold expect(cell) in work whose nearest-neighbour ratio is
// ratio (density.PatternFano).
func keptSpread(sets []windowSet, expect func(dcell) float64, ratio float64) (share float64, set windowSet, spread float64) {
	for k, ws := range sets {
		sp := ws.spread(expect, ratio)
		if sh := density.WithinShare(sp); k == 0 || sh < share {
			share, set, spread = sh, ws, sp
		}
	}
	return share, set, spread
}

// spread returns the set's spread (density.Dispersion).
func (ws windowSet) spread(expect func(dcell) float64, ratio float64) float64 {
	disp := density.Dispersion{NNRatio: ratio}
	for ci, cell := range ws.cells {
		disp.Add(int(ws.counts[ci]), expect(cell), cell.w, ws.r)
	}
	return disp.Spread()
}

// found marks the set's windows that its spread finds beyond
// ±density.Tol (density.Found), by how far; none without spread.
func (ws windowSet) found(expect func(dcell) float64, spread, ratio float64) []marker {
	if !(spread > 0) {
		return nil
	}
	disp := density.Dispersion{NNRatio: ratio}
	var found []marker
	for ci, cell := range ws.cells {
		if f := disp.Found(int(ws.counts[ci]), expect(cell), spread); math.Abs(f) > density.Tol {
			found = append(found, marker{cell.q, math.Abs(math.Log1p(f))})
		}
	}
	return found
}

// fineCounts returns the counts of zone zi's fine windows (pzone.fine):
// the zone's dots within fineH of each window's centre; nil for a zone
// without them. A Live keeps them dot by dot (liveDensity); a one-off
// grade counts them here, for the zones whose spread is judged.
func (s *state) fineCounts(zi int) []int32 {
	pz := &s.p.zones[zi]
	if len(pz.fine) == 0 {
		return nil
	}
	if s.ld != nil {
		return s.ld.fine[zi]
	}
	fc := make([]int32, len(pz.fine))
	for ci, cell := range pz.fine {
		fc[ci] = int32(s.grid.CountWithinOnSurface(cell.q, pz.fineH, s.zone, int32(zi)))
	}
	return fc
}

// nnRatio returns zone zi's mean ratio of each dot's nearest-neighbour
// distance to its second-nearest on the skin (density.NNRatio), the
// pattern's regularity whatever its level: the counting noise the
// dispersion test allows (density.PatternFano). It measures every
// density.NNRatioStep-th dot of the zone's list (a Live keeps the samples
// between reports, liveDensity.nnRatio, and measures again only those a
// change since may have altered).
func (s *state) nnRatio(zi int) float64 {
	if s.ld != nil {
		return s.ld.nnRatio(s, zi)
	}
	ids := s.glob[zi]
	if len(ids) < 3 {
		return 0
	}
	step := density.NNRatioStep(len(ids))
	var r density.NNRatio
	for k := 0; k < len(ids); k += step {
		if d1, d2, clear, ok := s.ratioSample(zi, ids[k]); ok {
			r.Add(d1, d2, clear)
		}
	}
	return r.Mean()
}

// ratioSample measures dot i of zone zi for nnRatio: its nearest and
// second-nearest neighbours' distances in the zone, d1 and d2 (+Inf where
// no second lies within 4·density.PatchRadiusMM), and whether the disc
// out to the second lies in the zone (pzone.clearOf). ok is false for a
// dot left out: removed, or without a neighbour in the zone.
func (s *state) ratioSample(zi int, i int32) (d1, d2 float64, clear, ok bool) {
	if !s.alive[i] || s.nnj[i] < 0 {
		return 0, 0, false, false
	}
	pz := &s.p.zones[zi]
	z := int32(zi)
	p := s.pts[i]
	d1, d2 = s.nn[i], math.Inf(1)
	for reach := 2 * math.Max(d1, 0.1); math.IsInf(d2, 1) && reach < 4*density.PatchRadiusMM; reach *= 2 {
		s.grid.WithinOnSurface(p, reach, func(j int) {
			if q := int32(j); q != i && q != s.nnj[i] && s.zone[q] == z {
				d2 = math.Min(d2, s.p.dist(p, s.pts[q]))
			}
		})
	}
	return d1, d2, !math.IsInf(d2, 1) && pz.clearOf(p, density.Reach(s.p.t.Head, p, d2)), true
}

// skinAt returns where chart point q lies on the skin distances are
// measured on (prep.dist): the model head's, or the chart itself (z 0) on
// a flat one.
func (p *prep) skinAt(q geom.Point) geom.Vec3 {
	if p.surf == nil {
		return geom.Vec3{X: q.X, Y: q.Y}
	}
	return p.t.Head.ToSkin(q)
}

// clearOf reports whether the chart disc of radius r around p lies in
// the zone, to the eight points of its rim a quick test looks at (the
// zone's banded polygon; a concave notch between two of them is missed).
func (z *pzone) clearOf(p geom.Point, r float64) bool {
	for _, u := range rimDirs {
		if !z.bp.contains(geom.Pt(p.X+r*u.X, p.Y+r*u.Y)) {
			return false
		}
	}
	return true
}

// rimDirs are the unit directions to clearOf's eight rim points, every
// 45°.
var rimDirs = func() (d [8]geom.Point) {
	for k := range d {
		a := float64(k) * math.Pi / 4
		d[k] = geom.Pt(math.Cos(a), math.Sin(a))
	}
	return d
}()

// density scores the dots per cm² of each treated zone against the band and
// the share of its area on target in the local density map; dots where no
// dot belongs (zero-target zones such as forehead and temples, or outside
// every zone) reduce the score.
func (s *state) density(zs []ZoneStats) Criterion {
	c := Criterion{ID: IDDensity, Name: "Density", Unit: "/cm²"}
	var areaT, dotsT float64
	var lo, hi float64 = math.Inf(1), 0
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		if pz.treated {
			areaT += pz.area / 100
			dotsT += float64(s.zagg[zi].n)
			lo = math.Min(lo, pz.band.Min)
			hi = math.Max(hi, pz.band.Max)
		}
	}
	if areaT == 0 {
		c.Target = "no zone takes dots this session"
		c.Unmeasured = true
		c.Feedback = "No zone of this template takes dots in this session; choose another session or template."
		return c
	}
	c.Value = dotsT / areaT
	c.Target = bandText(lo, hi) + " per zone, even to ±20% everywhere"

	// Overworked means far denser than the zone's own band allows, where
	// dots merge and skin is traumatised: judged on each zone's band, so a
	// zone kept light because hair remains there is overworked at its own
	// top, not at a fuller neighbour's.
	var marks []marker
	var sumS, sumW, onArea, mapArea float64
	worstMean, worstZone := 101.0, -1
	worstPatch, worstPatchZone := 2.0, -1
	var worstRef scalp.DensityBand // what the worst-patch zone's windows are judged around
	patchLevel := 0                // -1: the worst-patch zone is off target only below its level; 1: only above
	worstBySpread := false         // the worst-patch zone's share is its dispersion's (density.Dispersion)
	s.overArea, s.overMarks = 0, nil
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		if !pz.treated {
			continue
		}
		d := zs[zi].DensityPerCM2
		meanS := bandScore(d, pz.band.Min, pz.band.Max)
		var on, tot, below, above float64
		mid := pz.band.Mid()
		ref := density.Reference(pz.band, pz.z.Kind, d)
		// A zone judged around its own level is also judged on how its
		// windows together vary (spreadShare); a transition zone whose
		// work lies in its band, around its own ramp.
		bySpread := density.SpreadJudged(pz.band, pz.z.Kind, d, pz.rampJudged())
		tm := toleratedMemo{ref: ref}
		for ci, cell := range pz.cells {
			l := s.localDensity(zi, ci)
			tb := cell.tol // judged against the band
			if ref != pz.band {
				tb = tm.at(cell.disc)
			}
			tot += cell.w
			switch {
			case l < tb.Min:
				below += cell.w
			case l > tb.Max:
				above += cell.w
			default:
				on += cell.w
			}
			if l < tb.Min || l > tb.Max {
				marks = append(marks, marker{cell.q, math.Abs(math.Log((l + 1) / (mid + 1)))})
			}
			if l > cell.over {
				s.overArea += cell.w
				s.overMarks = append(s.overMarks, marker{cell.q, l / pz.band.Max})
			}
		}
		share := 1.0
		if tot > 0 {
			share = on / tot
		}
		spreadBinds := false
		if bySpread {
			ss, found := s.spreadShare(zi, d)
			if ss < share {
				share, spreadBinds = ss, true
			}
			marks = append(marks, found...)
		}
		onArea += share * tot
		mapArea += tot
		patchS := ramp(share, patchShareZero, patchShareFull)
		w := pz.area
		sumS += w * math.Min(meanS, patchS)
		sumW += w
		if meanS < worstMean {
			worstMean, worstZone = meanS, zi
		}
		if share < worstPatch {
			worstPatch, worstPatchZone, worstRef, worstBySpread = share, zi, ref, spreadBinds
			// Off target all one way is a zone too sparse (or dense)
			// throughout, not patchy: patchy is thin and crowded spots
			// side by side (see patchOneWay). A spread about the zone's
			// own level is both ways by its nature.
			switch {
			case spreadBinds || tot == 0:
				patchLevel = 0
			case above < patchOneWay*tot:
				patchLevel = -1
			case below < patchOneWay*tot:
				patchLevel = 1
			default:
				patchLevel = 0
			}
		}
	}
	s.mapArea = mapArea
	score := sumS / sumW

	// Dots where none belong: in zones with no target this session, or
	// outside every zone; but not the carry-past band around an areata
	// patch (scalp.CarryPastMM), which belongs to blending: the brief asks
	// for dots there.
	carried := s.carriedPast()
	badNames := map[string]int{}
	inZones := 0
	for zi := range s.p.zones {
		if pz := &s.p.zones[zi]; !pz.treated && s.zagg[zi].n-carried[zi] > 0 {
			badNames["the "+pz.name()] += s.zagg[zi].n - carried[zi]
			inZones += s.zagg[zi].n - carried[zi]
		}
	}
	nBad := s.misplaced.len() - carried[len(s.p.zones)]
	if out := nBad - inZones; out > 0 {
		badNames["outside the chart's zones"] = out
	}
	var bad []marker
	if carried[len(s.p.zones)] == 0 {
		bad = s.candidates(&s.misplaced, func(int32) float64 { return 10 })
	} else {
		for _, i := range s.misplaced.ids {
			if len(bad) >= maxCandidates {
				break
			}
			if _, _, ok := s.p.t.InCarryPast(s.pts[i]); !ok {
				bad = append(bad, marker{s.pts[i], 10})
			}
		}
	}
	n := s.n
	fBad := 0.0
	if n > 0 {
		fBad = float64(nBad) / float64(n)
	}
	score *= 1 - math.Min(1, fBad/misplacedZero)
	mapShare := 1.0
	if mapArea > 0 {
		mapShare = onArea / mapArea
	}
	c.Parts = []Part{
		{ID: "mean", Score: worstMean, Value: c.Value, Unit: "/cm²"},
		{ID: "even", Score: ramp(mapShare, patchShareZero, patchShareFull), Value: 100 * mapShare, Unit: "% of area within the local tolerance"},
		{ID: "misplaced", Score: 100 * (1 - math.Min(1, fBad/misplacedZero)), Value: float64(nBad), Unit: "dots"},
	}
	if n == 0 {
		c.Score = 0
		c.fault(FaultNoDots, nil, "place dots across the treated zones at "+bandText(lo, hi))
		return c
	}
	c.Score = score
	c.Markers = pickMarkers(append(bad, marks...), maxMarkers, 2)
	// level names a zone off its band: too sparse or too dense.
	level := func(zi int) {
		pz := &s.p.zones[zi]
		d := zs[zi].DensityPerCM2
		if d < pz.band.Min {
			need := int(math.Ceil(pz.band.Min*pz.area/100)) - s.zagg[zi].n
			c.fault(FaultTooSparse, c.Markers, pz.name(), d, bandText(pz.band.Min, pz.band.Max), need)
		} else {
			extra := s.zagg[zi].n - int(math.Floor(pz.band.Max*pz.area/100))
			c.fault(FaultTooDense, c.Markers, pz.name(), d, bandText(pz.band.Min, pz.band.Max), extra)
		}
	}
	patchy := func() {
		pz := &s.p.zones[worstPatchZone]
		d := zs[worstPatchZone].DensityPerCM2
		if (patchLevel < 0 && d < pz.band.Min) || (patchLevel > 0 && d > pz.band.Max) {
			level(worstPatchZone)
			return
		}
		// The tolerance a full window in the zone allows (±20%, more
		// where it holds few dots), around the zone's own level or, on a
		// transition zone's ramp, its band (density.Reference).
		tol := density.Tolerance(worstRef.Mid() * math.Pi * pz.h * pz.h / 100)
		if worstBySpread {
			// The share is of the density itself, counting noise
			// taken off: judged to the plain tolerance.
			tol = density.Tol
		}
		around := "its own level, " + bandText(worstRef.Min, worstRef.Max)
		switch {
		case worstBySpread && pz.rampJudged():
			around = "its own ramp from the front (band " + bandText(pz.band.Min, pz.band.Max) + ")"
		case worstRef != pz.band:
			around += " (band " + bandText(pz.band.Min, pz.band.Max) + ")"
		default:
			around = bandText(pz.band.Min, pz.band.Max)
		}
		c.fault(FaultPatchy, c.Markers, 100*worstPatch, pz.name(), 100*tol, around)
	}

	// One sentence on the worst fault.
	switch {
	case fBad >= 0.01 || (nBad > 0 && worstMean >= 80 && worstPatch >= patchShareFull):
		where, most := "", 0
		for k, v := range badNames {
			if v > most || (v == most && k < where) {
				where, most = k, v
			}
		}
		c.fault(FaultMisplaced, pickMarkers(bad, maxMarkers, 2), nBad, most, where)
	case ramp(worstPatch, patchShareZero, patchShareFull) < math.Min(worstMean, 80):
		patchy()
	case worstMean < 80:
		level(worstZone)
	case worstPatch < patchShareFull && score < fullMarks:
		// A small zone's patchiness can cost less than prints: then the
		// criterion shows full marks, and a fault beside it would be words
		// that disagree with the number.
		patchy()
	default:
		c.Feedback = fmt.Sprintf("Density on target: %.1f/cm², and %.0f%% of the area is within ±20%% of its zone's level (more where few dots are counted); keep it this even.",
			c.Value, 100*mapShare)
	}
	return c
}

// carriedPast counts the misplaced dots that lie in the carry-past band
// around an areata patch (scalp.Template.InCarryPast): per zone index, and
// in all at index len(zones). Only templates with patches pay for the look.
func (s *state) carriedPast() []int {
	n := make([]int, len(s.p.zones)+1)
	if s.misplaced.len() == 0 || !slices.ContainsFunc(s.p.t.Zones, func(z scalp.Zone) bool { return z.Kind == scalp.Patch }) {
		return n
	}
	for _, i := range s.misplaced.ids {
		if _, _, ok := s.p.t.InCarryPast(s.pts[i]); ok {
			if z := s.zone[i]; z >= 0 {
				n[z]++
			}
			n[len(s.p.zones)]++
		}
	}
	return n
}
