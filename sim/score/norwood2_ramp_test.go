package score

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// norwood2Work lays work on Norwood II by hand-written rules (dart
// throwing in this package's test helpers, not sim/pattern): in the bare
// transition strip, rel(u) of the session's full target at u mm (on the
// skin) behind the forehead's border; among the thinning frontal hair,
// the frontal zone's own band.
func norwood2Work(t *testing.T, s int, seed uint64, rel func(u float64) float64) (*scalp.Template, []geom.Point) {
	t.Helper()
	tp, err := scalp.Lookup("norwood2")
	if err != nil {
		t.Fatal(err)
	}
	trans, front, forehead := tp.Zone("transition"), tp.Zone("frontal"), tp.Zone("forehead")
	if trans == nil || front == nil || forehead == nil {
		t.Fatal("norwood2: no transition, frontal or forehead zone")
	}
	// u: the skin distance to the forehead's border, sampled every
	// quarter mm.
	var border []geom.Point
	pg := forehead.Polygon
	for i := range pg {
		a, b := pg[i], pg[(i+1)%len(pg)]
		n := int(math.Ceil(a.Dist(b)/0.25)) + 1
		for j := range n {
			border = append(border, a.Add(b.Sub(a).Mul(float64(j)/float64(n))))
		}
	}
	g := spatial.NewGrid(border, 2)
	behind := func(p geom.Point) float64 {
		k, _ := g.NearestTo(p)
		return tp.Head.SurfaceDist(p, border[k])
	}
	full := sessionBands[s-1].Mid()
	ramp := variableBlueNoise(trans.Polygon.Bounds(), full, func(p geom.Point) float64 {
		if !trans.Polygon.Contains(p) {
			return 0
		}
		return rel(behind(p))
	}, seed)
	among := poissonDiskDensity(front.Polygon, front.Target(s).Mid(), 10+seed)
	return tp, append(ramp, among...)
}

// TestNorwood2EdgeJudged: on Norwood II existing hair stands where the
// ramp should have reached full (6–10 mm behind the front), but the front
// few mm are the trainee's. A front laid at full density (no gradient) and
// a front at 8% of full (a faint edge) are caught there and named, the
// hard edge with where it is, each at least 10 points lower on the
// hairline and 5 lower overall than the soft ramp §5 describes (before,
// the ramp went unmeasured and both read "Natural hairline").
func TestNorwood2EdgeJudged(t *testing.T) {
	soft := func(u float64) float64 { return 0.25 + 0.75*math.Min(1, u/6) }
	hard := func(float64) float64 { return 1 }
	// The faint front: 8% of full for 5 mm, then a late ramp (session 1's
	// faint front, a dot every 15 mm along the line, is a gap of its own).
	faint := func(u float64) float64 {
		if u < 5 {
			return 0.08
		}
		return 0.3 + 0.7*math.Min(1, (u-5)/7)
	}
	for s := 1; s <= 3; s++ {
		seed := uint64(s)
		tp, pts := norwood2Work(t, s, seed, soft)
		exp := Grade(tp, dots(pts), s, nil)
		eh := exp.Criterion(IDHairline)
		if eh == nil {
			t.Fatalf("s%d: no hairline criterion", s)
		}
		if s == 1 {
			sparseSoftRamp(t, soft)
		} else if eh.Score < 85 || eh.HasFault(FaultHardEdge) || eh.HasFault(FaultFaintEdge) {
			t.Fatalf("s%d: the soft ramp reads %+v", s, eh)
		}
		for _, fc := range []struct {
			name string
			rel  func(float64) float64
			code FaultCode
		}{{"hard edge", hard, FaultHardEdge}, {"faint edge", faint, FaultFaintEdge}} {
			if s == 1 && fc.code == FaultFaintEdge {
				continue
			}
			tp, pts := norwood2Work(t, s, seed, fc.rel)
			r := Grade(tp, dots(pts), s, nil)
			h := r.Criterion(IDHairline)
			if !h.HasFault(fc.code) {
				t.Errorf("s%d %s: hairline %.1f faults %v, want %s: %s", s, fc.name, h.Score, h.Faults, fc.code, h.Feedback)
				continue
			}
			if h.Score > eh.Score-10 || r.Overall > exp.Overall-5 {
				t.Errorf("s%d %s: hairline %.1f overall %.1f vs the soft ramp's %.1f / %.1f, want ≥ 10 / 5 lower",
					s, fc.name, h.Score, r.Overall, eh.Score, exp.Overall)
			}
			for _, f := range h.Faults {
				if f.Code == fc.code && len(f.Places) == 0 {
					t.Errorf("s%d %s: named without a place", s, fc.name)
				}
			}
		}
	}
}

// sparseSoftRampSeeds and sparseSoftRampMisses: session 1's soft ramp on
// Norwood II puts about 40 dots in the edge band along the whole line, and
// their counting noise (±16%) carries the edge's density over the hard
// edge's threshold (0.6 of full, from a mean near 0.57) on some seeds: on
// 7 of seeds 1–60 with the stations 5 chart mm apart, 9 of 60 with them
// 5 skin mm apart (the work's front, found from few dots, lies behind the
// edge on sparse work). So session 1 is judged over ten seeds, at most two
// of which may read a hard edge (model: a soft ramp must read as one on
// most work, while every seed of the outside examiner's experts must).
const (
	sparseSoftRampSeeds  = 10
	sparseSoftRampMisses = 2
)

// sparseSoftRamp grades the soft ramp rel laid on Norwood II in session 1
// over sparseSoftRampSeeds seeds and fails when more than
// sparseSoftRampMisses read under 85 on the hairline or name a hard, faint
// or missing ramp.
func sparseSoftRamp(t *testing.T, rel func(u float64) float64) {
	t.Helper()
	var misses []string
	for seed := uint64(1); seed <= sparseSoftRampSeeds; seed++ {
		tp, pts := norwood2Work(t, 1, seed, rel)
		h := Grade(tp, dots(pts), 1, nil).Criterion(IDHairline)
		if h == nil {
			t.Fatalf("seed %d: no hairline criterion", seed)
		}
		if h.Score < 85 || h.HasFault(FaultHardEdge) || h.HasFault(FaultFaintEdge) || h.HasFault(FaultNoRamp) {
			misses = append(misses, fmt.Sprintf("seed %d: %.1f %q", seed, h.Score, h.Feedback))
		}
	}
	if len(misses) > sparseSoftRampMisses {
		t.Errorf("session 1: the soft ramp misread on %d of %d seeds:\n%s", len(misses), sparseSoftRampSeeds, strings.Join(misses, "\n"))
	}
}
