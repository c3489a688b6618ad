package score

import (
	"fmt"
	"math"

	"github.com/smptrainer/smp/sim/scalp"
)

// gapZones reports whether zone z is searched for gaps: treated this
// session and not a transition zone, whose leading edge is meant to be
// sparse (domain.md §5) and is judged by the hairline ramp instead.
func (z *pzone) gapZone() bool { return z.treated && z.z.Kind != scalp.Transition && z.gn > 0 }

// gaps finds empty circles wider than the band allows, on a coverage
// raster per zone (a cell is covered when a dot lies within the gap radius
// of its centre), and clumps: dots closer than their combined healed radii,
// which merge once healed (domain.md §2).
func (s *state) gaps() Criterion {
	c := Criterion{ID: IDGaps, Name: "Gaps and clumps"}
	var gapArea, area float64
	var gmarks []marker
	largest := 0.0
	rhoMin := math.Inf(1)
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		if !pz.gapZone() {
			continue
		}
		rhoMin = math.Min(rhoMin, pz.rho)
		area += pz.area
		if s.uncovered[zi] == 0 {
			continue // no gap: skip the distance transform
		}
		uncovered, dt := s.coverage(zi)
		gapArea += float64(uncovered) * pz.gcell * pz.gcell
		// Candidates: local maxima of the distance transform inside the zone.
		for j := range pz.gny {
			for i := range pz.gnx {
				k := j*pz.gnx + i
				if !pz.ginside[k] || dt[k] == 0 {
					continue
				}
				if !isLocalMax(dt, pz.ginside, pz.gnx, pz.gny, i, j) {
					continue
				}
				gmarks = append(gmarks, marker{pz.gcentre(i, j), dt[k]})
			}
		}
	}
	// Measure the worst candidates exactly: distance to the nearest dot.
	gm := pickMarkers(gmarks, maxMarkers, 0)
	var exact []marker
	for _, p := range gm {
		_, d := s.grid.NearestTo(p)
		if math.IsInf(d, 0) {
			d = 0
		}
		largest = math.Max(largest, 2*d)
		exact = append(exact, marker{p, d})
	}
	gapMarkers := pickMarkers(exact, maxMarkers/2, rhoMin)
	gapShare := 0.0
	if area > 0 {
		gapShare = gapArea / area
	}
	gapS := 100 * (1 - math.Min(1, gapShare/gapShareZero))

	// Clumps.
	groups := pickMarkers(s.candidates(&s.mergedSet, func(i int32) float64 { return s.mw[i] }), maxMarkers/2, 1)
	n := s.n
	fm := 0.0
	if n > 0 {
		fm = math.Max(0, s.merged) / float64(n)
	}
	clumpS := 100 * (1 - math.Min(1, fm/clumpShareZero))
	c.Parts = []Part{
		{ID: "gaps", Score: gapS, Value: 100 * gapShare, Unit: "% of area"},
		{ID: "largest-gap", Score: gapS, Value: largest, Unit: "mm"},
		{ID: "clumps", Score: clumpS, Value: 100 * fm, Unit: "% of dots merging"},
	}
	if area == 0 {
		c.Unit = "% of dots merging"
		c.Value = 100 * fm
		c.Target = "no merging dots"
		c.Score = clumpS
		c.Markers = groups
		c.Feedback = "No treated zone to search for gaps."
		if n == 0 {
			c.Score = 0
		}
		return c
	}
	if n == 0 {
		c.Unit, c.Value, c.Target = "% of area", 100, "no empty circle wider than the band allows"
		c.fault(FaultNoDots, nil, "the whole treated area is one gap; start filling it evenly")
		return c
	}
	c.Score = math.Min(gapS, clumpS)
	if gapS <= clumpS {
		c.Unit, c.Value = "% of area", 100*gapShare
		c.Target = fmt.Sprintf("no empty patch wider than %.1f mm (%.0f%% of the area in gaps scores 0)", 2*rhoMin, 100*gapShareZero)
		c.Markers = append(gapMarkers, groups...)
	} else {
		c.Unit, c.Value = "% of dots merging", 100*fm
		c.Target = "no dots closer than their healed size"
		c.Markers = append(groups, gapMarkers...)
	}
	if len(c.Markers) > maxMarkers {
		c.Markers = c.Markers[:maxMarkers]
	}
	// The worse part's fault first; the other's too when it costs marks,
	// so every marker carries its own kind (a gap is not a clump).
	switch {
	case c.Score >= gapsNoFault:
		c.Feedback = "No gaps or clumps: every part of the treated area is covered and no dots touch; keep it up."
	case gapS <= clumpS:
		c.fault(FaultGaps, gapMarkers, 100*gapShare, largest)
		if clumpS < gapsNoFault {
			c.fault(FaultMerged, groups, 100*fm)
		}
	default:
		c.fault(FaultMerged, groups, 100*fm)
		if gapS < gapsNoFault {
			c.fault(FaultGaps, gapMarkers, 100*gapShare, largest)
		}
	}
	return c
}

// isLocalMax reports whether cell (i, j) is a maximum of dt among its
// neighbours inside the zone.
func isLocalMax(dt []float64, inside []bool, nx, ny, i, j int) bool {
	v := dt[j*nx+i]
	for dj := -1; dj <= 1; dj++ {
		for di := -1; di <= 1; di++ {
			x, y := i+di, j+dj
			if (di == 0 && dj == 0) || x < 0 || y < 0 || x >= nx || y >= ny || !inside[y*nx+x] {
				continue
			}
			w := dt[y*nx+x]
			// Ties break toward the lower cell so a plateau yields one
			// candidate.
			if w > v || (w == v && (dj < 0 || (dj == 0 && di < 0))) {
				return false
			}
		}
	}
	return true
}

// coverage returns the number of uncovered inside cells of zone zi and a
// chamfer distance transform (in mm) from the covered cells, 0 on them.
func (s *state) coverage(zi int) (int, []float64) {
	pz := &s.p.zones[zi]
	nx, ny := pz.gnx, pz.gny
	s.dt = reuse(s.dt, nx*ny)
	dt := s.dt
	const far = 1e18
	for k, c := range s.cover[zi] {
		if c == 0 {
			dt[k] = far
		} else {
			dt[k] = 0
		}
	}
	chamfer(dt, nx, ny, pz.gcell)
	b := pz.bp.bounds
	for k := range dt {
		if dt[k] >= far/2 {
			dt[k] = math.Max(b.Dx(), b.Dy()) // no dot near at all
		}
	}
	return s.uncovered[zi], dt
}

// chamfer runs the two-pass (1, √2) chamfer distance transform in place:
// every cell gets the approximate distance, in mm, to the nearest cell that
// holds 0.
func chamfer(dt []float64, nx, ny int, cell float64) {
	d1, d2 := cell, cell*math.Sqrt2
	lo := func(v, w float64) float64 {
		if w < v {
			return w
		}
		return v
	}
	for j := range ny {
		row := j * nx
		for i := range nx {
			k := row + i
			v := dt[k]
			if v == 0 {
				continue
			}
			if i > 0 {
				v = lo(v, dt[k-1]+d1)
			}
			if j > 0 {
				v = lo(v, dt[k-nx]+d1)
				if i > 0 {
					v = lo(v, dt[k-nx-1]+d2)
				}
				if i < nx-1 {
					v = lo(v, dt[k-nx+1]+d2)
				}
			}
			dt[k] = v
		}
	}
	for j := ny - 1; j >= 0; j-- {
		row := j * nx
		for i := nx - 1; i >= 0; i-- {
			k := row + i
			v := dt[k]
			if v == 0 {
				continue
			}
			if i < nx-1 {
				v = lo(v, dt[k+1]+d1)
			}
			if j < ny-1 {
				v = lo(v, dt[k+nx]+d1)
				if i < nx-1 {
					v = lo(v, dt[k+nx+1]+d2)
				}
				if i > 0 {
					v = lo(v, dt[k+nx-1]+d2)
				}
			}
			dt[k] = v
		}
	}
}
