package score

import (
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// The gap raster counts, for each cell, the dots whose gap disc holds the
// cell's centre: checked against every dot put to every cell by brute force
// (the skin metric's quadratic form at the dot, dᵀGd ≤ ρ²), on the head and
// on a flat chart, after a bulk grade and after Live has added and removed
// dots one by one.
func TestCoverMatchesBruteForce(t *testing.T) {
	nw7, err := scalp.Lookup("norwood7")
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range []*scalp.Template{nw7, fieldTemplate(30)} {
		pts := uniformIn(tp.Outline, 1500, 7)
		ims := dots(pts)
		l := NewGrader(tp).NewLive(ims[:1000], 2, nil)
		for _, im := range ims[1000:] {
			l.Add(im)
		}
		for id := 0; id < 500; id++ {
			l.Remove(id) // the first 500, laid in bulk
		}
		left := pts[500:]
		s := l.s
		metric := make([]ellipse, len(left))
		for k, p := range left {
			metric[k] = s.p.metricAt(p)
		}
		checked := 0
		for zi := range s.p.zones {
			pz := &s.p.zones[zi]
			if s.cover[zi] == nil {
				continue
			}
			uncovered := 0
			for j := range pz.gny {
				for i := range pz.gnx {
					c := geom.Pt(pz.gorigin.X+(float64(i)+0.5)*pz.gcell, pz.gorigin.Y+(float64(j)+0.5)*pz.gcell) // the centre, worked out here
					want := int32(0)
					for k, p := range left {
						e := metric[k]
						dx, dy := c.X-p.X, c.Y-p.Y
						if e.gxx*dx*dx+2*e.gxy*dx*dy+e.gyy*dy*dy <= pz.rho*pz.rho {
							want++
						}
					}
					k := j*pz.gnx + i
					if got := s.cover[zi][k]; got != want {
						t.Fatalf("%s zone %s cell (%d,%d): %d dots cover it, brute force finds %d", tp.ID, pz.z.ID, i, j, got, want)
					}
					if pz.ginside[k] && want == 0 {
						uncovered++
					}
					checked++
				}
			}
			if s.uncovered[zi] != uncovered {
				t.Errorf("%s zone %s: %d uncovered cells counted, brute force finds %d", tp.ID, pz.z.ID, s.uncovered[zi], uncovered)
			}
		}
		if checked == 0 {
			t.Errorf("%s: no gap raster checked", tp.ID)
		}
	}
}
