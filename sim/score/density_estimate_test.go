package score

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/density"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// TestLocalDensityIsTheEstimate: every density-map cell the density
// criterion judges holds exactly sim/density's estimate at its centre, the
// one the trainer's density map and the report's heatmap draw (their side:
// sim/render's TestHeatmapIsTheScoresEstimate), after a full grade and
// after live additions and removals, on a head template (skin windows) in
// a sparse and a dense session.
func TestLocalDensityIsTheEstimate(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	pts := uniformIn(tp.Outline, 3000, 11)
	for _, session := range []int{1, 3} {
		est := density.New(tp, session)
		check := func(name string, s *state, pts []geom.Point) {
			t.Helper()
			cells := 0
			for zi := range s.p.zones {
				for c, cell := range s.p.zones[zi].cells {
					if c%2 != 0 {
						continue // half the cells: At looks at every dot
					}
					got, want := s.localDensity(zi, c), est.At(cell.q, pts)
					if got != want {
						t.Fatalf("session %d, %s: zone %s cell at %v: score %.4f/cm², estimate %.4f/cm²",
							session, name, s.p.zones[zi].z.ID, cell.q, got, want)
					}
					cells++
				}
			}
			if cells < 20 {
				t.Fatalf("session %d, %s: only %d cells", session, name, cells)
			}
		}
		check("graded", newState(NewGrader(tp).prep(session), dots(pts), true), pts)

		l := NewGrader(tp).NewLive(dots(pts[:2000]), session, nil)
		for _, p := range pts[2000:] {
			l.Add(impression.New(p, impression.DefaultNeedle, session, 0))
		}
		for id := 0; id < 1000; id++ {
			l.Remove(id)
		}
		check("live", l.s, pts[1000:])
	}
}

// TestEvenWorkOnTheSkinReadsOnTarget: work laid evenly at the band's
// middle reads on target (within ±20%, density.Tol) in every
// density-map cell whose window lies mostly in its zone, and within half
// the window's tolerance (10% at 30 dots) in nine cells in ten, on a head template whose chart stretches distances
// by up to 1.4: an independent check, the pattern being a lattice laid on
// the chart (which keeps areas), not the scorer's own generator.
func TestEvenWorkOnTheSkinReadsOnTarget(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	const session = 3
	p := NewGrader(tp).prep(session)
	var pts []geom.Point
	for zi := range p.zones {
		if pz := &p.zones[zi]; pz.treated {
			pts = append(pts, hexLatticeDensity(pz.z.Polygon, pz.band.Mid())...)
		}
	}
	s := newState(p, dots(pts), true)
	zones := 0
	for zi := range s.p.zones {
		pz := &s.p.zones[zi]
		if !pz.treated {
			continue
		}
		zones++
		var close, all float64
		for c, cell := range pz.cells {
			if cell.disc < 0.5*math.Pi*pz.h*pz.h {
				continue // an edge cell: a lattice's count in a sliver is coarse
			}
			all += cell.w
			rel := s.localDensity(zi, c)/pz.band.Mid() - 1
			if math.Abs(rel) > density.Tol {
				t.Errorf("zone %s, cell at %v: %.1f/cm², %+.0f%% off the lattice's %.1f/cm²",
					pz.z.ID, cell.q, s.localDensity(zi, c), 100*rel, pz.band.Mid())
			}
			// Half the window's tolerance: 10% where it holds 30 dots,
			// more in a reduced band's window capped at PatchRadiusMM.
			if math.Abs(rel) <= density.Tolerance(pz.band.Mid()*cell.disc/100)/2 {
				close += cell.w
			}
		}
		if all == 0 || close/all < 0.9 {
			t.Errorf("zone %s: %.0f%% of the area within half the tolerance of %.1f/cm², want 90%%", pz.z.ID, 100*close/max(all, 1), pz.band.Mid())
		}
	}
	if zones < 3 {
		t.Fatalf("only %d treated zones", zones)
	}
}

// hexLatticeDensity is a hexagonal lattice at perCM2 inside pg.
func hexLatticeDensity(pg geom.Polygon, perCM2 float64) []geom.Point {
	return hexLattice(pg, math.Sqrt(2/(math.Sqrt(3)*perCM2/100)))
}
