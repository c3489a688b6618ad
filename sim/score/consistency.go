package score

import (
	"fmt"
	"math"
)

// consistency grades the dots themselves: the spread of healed diameters
// within each zone, blowouts (too deep: they spread and turn blue,
// domain.md §2), shallow dots (they fade within weeks) and overworked spots
// (local density far above the band, where dots merge, §2).
func (s *state) consistency() Criterion {
	c := Criterion{ID: IDConsistency, Name: "Consistency", Unit: "% CV of healed size",
		Target: fmt.Sprintf("size spread ≤ %.0f%%, no blowouts, no overworked spots", 100*diamCVFull)}
	n := s.n
	if n == 0 {
		c.Unmeasured = true
		c.fault(FaultNoDots, nil, "place dots with one needle at the target depth")
		return c
	}
	// Diameter spread per zone (dot-weighted).
	var cvSum float64
	var cvN int
	for zi := range s.p.zones {
		a := &s.zagg[zi]
		if a.n < 5 {
			continue
		}
		m := a.dSum / float64(a.n)
		v := a.dSum2/float64(a.n) - m*m
		cv := 0.0
		// Relative variance below 1e-12 is rounding in the sums, not spread.
		if m > 0 && v > 1e-12*m*m {
			cv = math.Sqrt(v) / m
		}
		cvSum += cv * float64(a.n)
		cvN += a.n
	}
	cv := 0.0
	if cvN > 0 {
		cv = cvSum / float64(cvN)
	}
	deep := s.candidates(&s.deepSet, func(int32) float64 { return 3 })
	shallow := s.candidates(&s.shallowSet, func(int32) float64 { return 1 })
	nDeep, nShallow := s.deepSet.len(), s.shallowSet.len()
	fd := float64(nDeep) / float64(n)
	fs := float64(nShallow) / float64(n)
	fo := 0.0
	if s.mapArea > 0 {
		fo = s.overArea / s.mapArea
	}
	sSize := ramp(cv, diamCVZero, diamCVFull)
	sDeep := 100 * (1 - math.Min(1, fd/deepShareZero))
	sShallow := 100 * (1 - math.Min(1, fs/shallowShareZer))
	sOver := 100 * (1 - math.Min(1, fo/overworkZero))
	c.Parts = []Part{
		{ID: "size-spread", Score: sSize, Value: 100 * cv, Unit: "% CV"},
		{ID: "blowouts", Score: sDeep, Value: 100 * fd, Unit: "% of dots"},
		{ID: "shallow", Score: sShallow, Value: 100 * fs, Unit: "% of dots"},
		{ID: "overworked", Score: sOver, Value: 100 * fo, Unit: "% of area"},
	}
	c.Value = 100 * cv
	c.Score = math.Min(math.Min(sSize, sDeep), math.Min(sShallow, sOver))
	var ms []marker
	ms = append(ms, deep...)
	for _, m := range s.overMarks {
		ms = append(ms, marker{m.p, 2 + m.sev/100})
	}
	ms = append(ms, shallow...)
	c.Markers = pickMarkers(ms, maxMarkers, 1)
	switch c.Score {
	case sDeep:
		if nDeep == 0 {
			c.Feedback = fmt.Sprintf("Consistent: healed sizes vary by %.0f%%, with no blowouts, fading or overworked spots; keep your depth and needle steady.", 100*cv)
			break
		}
		c.fault(FaultBlowouts, pickMarkers(deep, maxMarkers, 1), nDeep, 100*fd)
	case sOver:
		c.fault(FaultOverworked, c.Markers, shareText(100*fo), overworkFactor)
	case sShallow:
		c.fault(FaultShallow, pickMarkers(shallow, maxMarkers, 1), nShallow, shareText(100*fs))
	default:
		c.fault(FaultUnevenSize, c.Markers, 100*cv)
	}
	return c
}
