package score

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

// These truth tests lay hairlines by hand-written rules (an edge curve and
// a density profile behind it, filled by dart throwing in this file's
// helpers), not with sim/pattern, so the scorer is checked against work it
// was not built from.

// hairWork lays a hairline whose front follows edge(x) and whose density
// behind it, relative to the session's full target, is rel(u, x) at u mm
// behind the front.
func (f headFix) hairWork(sess int, seed uint64, edge func(x float64) float64, rel func(u, x float64) float64) []geom.Point {
	full := sessionBands[sess-1].Mid()
	r := func(p geom.Point) float64 {
		if math.Abs(p.X) > f.halfW {
			return 0
		}
		u := p.Y - edge(p.X)
		if u < 0 {
			return 0
		}
		return rel(u, p.X)
	}
	return variableBlueNoise(geom.Rect{Min: geom.Pt(-f.halfW, f.h0-25), Max: geom.Pt(f.halfW, f.backY)}, full, r, seed)
}

// softRamp is the model ramp (§5): 25% at the front, full 8 mm behind,
// with denser and sparser spots along the first 5 mm.
func softRamp(u, x float64) float64 {
	micro := 1.0
	if u < 5 {
		micro = 1 + 0.5*math.Sin(x/2.2)
	}
	return (0.25 + 0.75*math.Min(1, u/8)) * micro
}

// undulating is the design line with a 1–3 mm undulation
// (macro-irregularity). The broad wave is mirrored about the midline, as an
// expert mirrors the temple points (§5: symmetric seen from above); the
// short one is not, so the two sides differ by up to 1.6 mm point by point
// (faces are only roughly symmetric). Before, the broad wave was not
// mirrored either, and the expert's fronts stood up to 3.8 mm apart at
// mirrored places: nearly the 4 mm the symmetry part names (issue 10).
func (f headFix) undulating(seed uint64) func(x float64) float64 {
	return func(x float64) float64 {
		return f.designY(x) + 1.5*math.Cos(x/(8+float64(seed))) + 0.8*math.Sin(x/4.3+1)
	}
}

// hairCase is one classic hairline fault: how to lay it, the codes that
// name it (the first listed must be among the criterion's faults, from
// session minNamed on), and whether it must be the first fault named.
type hairCase struct {
	name     string
	lay      func(f headFix, sess int, seed uint64) []geom.Point
	codes    []FaultCode
	first    bool
	minNamed int
}

var hairCases = []hairCase{
	{"hard edge on the design line", func(f headFix, sess int, seed uint64) []geom.Point {
		return f.hairWork(sess, seed, f.undulating(seed), func(u, x float64) float64 { return 1 })
	}, []FaultCode{FaultHardEdge}, false, 1},
	// The same hard edge on another mirrored undulation: at session 2 seed
	// 2 its front is located 0.8–1.9 mm ahead of the design line all along, so
	// its edge band lay partly on the forehead, was read as closed and
	// the ramp as unmeasured: the hard edge passed as "Natural hairline".
	{"hard edge on a line undulating as sin(|x|/9+seed)", func(f headFix, sess int, seed uint64) []geom.Point {
		edge := func(x float64) float64 {
			return f.designY(x) + 1.5*math.Sin(math.Abs(x)/9+float64(seed)) + 0.8*math.Sin(x/4.3+1)
		}
		return f.hairWork(sess, seed, edge, func(u, x float64) float64 { return 1 })
	}, []FaultCode{FaultHardEdge}, false, 1},
	{"asymmetric temple", func(f headFix, sess int, seed uint64) []geom.Point {
		e := f.undulating(seed)
		return f.hairWork(sess, seed, func(x float64) float64 {
			if x > 25 { // the right temple point set 8 mm back
				return e(x) + 8*math.Min(1, (x-25)/8)
			}
			return e(x)
		}, softRamp)
	}, []FaultCode{FaultAsymmetric}, true, 1},
	{"straight front across the bell", func(f headFix, sess int, seed uint64) []geom.Point {
		return f.hairWork(sess, seed, func(x float64) float64 { return f.h0 + 6 }, softRamp)
	}, []FaultCode{FaultStraightFront, FaultOffDesign}, false, 2},
	{"faint edge on the bell", func(f headFix, sess int, seed uint64) []geom.Point {
		return f.hairWork(sess, seed, f.undulating(seed), func(u, x float64) float64 {
			if u < 5 {
				return 0.1
			}
			return 0.3 + 0.7*math.Min(1, (u-5)/7)
		})
	}, []FaultCode{FaultLongRamp, FaultFaintEdge}, false, 1},
	{"too low", func(f headFix, sess int, seed uint64) []geom.Point {
		e := f.undulating(seed)
		return f.hairWork(sess, seed, func(x float64) float64 { return e(x) - 15 }, softRamp)
	}, []FaultCode{FaultLowHairline}, true, 1},
}

// TestHairlineFaultsTruth: over three seeds and every session, expert
// work scores ≥ 85 overall and on the hairline; each classic fault scores
// ≥ 5 lower overall and ≥ 10 lower on the hairline, is named by its code
// (feedback written from it), and never outranks the expert. No skips.
func TestHairlineFaultsTruth(t *testing.T) {
	f := newHeadFix()
	for sess := 1; sess <= 3; sess++ {
		for seed := uint64(1); seed <= 3; seed++ {
			exp := Grade(f.t, dots(f.hairWork(sess, seed, f.undulating(seed), softRamp)), sess, nil)
			eh := exp.Criterion(IDHairline)
			if exp.Overall < 85 || eh.Score < 85 {
				t.Errorf("s%d seed %d: expert overall %.1f hairline %.1f, want ≥ 85: %s", sess, seed, exp.Overall, eh.Score, eh.Feedback)
			}
			checkFaults(t, "expert", exp)
			for _, hc := range hairCases {
				r := Grade(f.t, dots(hc.lay(f, sess, seed)), sess, nil)
				h := r.Criterion(IDHairline)
				checkFaults(t, hc.name, r)
				if r.Overall > exp.Overall-5 || h.Score > eh.Score-10 {
					t.Errorf("s%d seed %d %s: overall %.1f hairline %.1f vs expert %.1f / %.1f; want ≥ 5 / 10 lower: %s",
						sess, seed, hc.name, r.Overall, h.Score, exp.Overall, eh.Score, h.Feedback)
				}
				var codes []FaultCode
				for _, fl := range h.Faults {
					codes = append(codes, fl.Code)
				}
				if sess < hc.minNamed {
					if len(codes) == 0 {
						t.Errorf("s%d seed %d %s: no fault named", sess, seed, hc.name)
					}
					continue
				}
				named := slices.ContainsFunc(hc.codes, func(c FaultCode) bool { return slices.Contains(codes, c) })
				if hc.first {
					named = len(codes) > 0 && slices.Contains(hc.codes, codes[0])
				}
				if !named {
					t.Errorf("s%d seed %d %s: faults %v, want %v%s: %s", sess, seed, hc.name, codes, hc.codes,
						map[bool]string{true: " first", false: ""}[hc.first], h.Feedback)
				}
				if slices.Contains(codes, FaultHardEdge) != slices.Contains(hc.codes, FaultHardEdge) {
					t.Errorf("s%d seed %d %s: hard-edge named wrongly: %v", sess, seed, hc.name, codes)
				}
			}
		}
	}
}

// A trainee laying the line as the brief says: a dozen dots along the
// design line with two behind is a hairline already, measured (its height
// is known, not 0.00 mm) and not a hard edge.
func TestHairlineFirstDozenDots(t *testing.T) {
	f := newHeadFix()
	var pts []geom.Point
	for x := -40.0; x <= 40; x += 80.0 / 11 {
		pts = append(pts, geom.Pt(x, f.designY(x)+0.5))
	}
	pts = append(pts, geom.Pt(-5, f.designY(-5)+5), geom.Pt(6, f.designY(6)+6))
	h := Grade(f.t, dots(pts), 1, nil).Criterion(IDHairline)
	if h.Unmeasured || h.HasFault(FaultNoHairline) || math.Abs(h.Value-80) > 3 {
		t.Fatalf("12 dots on the design line: %+v", h)
	}
	if h.HasFault(FaultHardEdge) || h.HasFault(FaultNoRamp) {
		t.Errorf("12 dots on the design line read as a hard edge: %s", h.Feedback)
	}
	few := Grade(f.t, dots(pts[:3]), 1, nil).Criterion(IDHairline)
	if !few.Unmeasured || !few.HasFault(FaultNoHairline) {
		t.Errorf("3 dots: want no hairline yet, unmeasured: %+v", few)
	}
}

// TestStraightFrontNeverStraysZero: a front ruled dot by dot along the
// design line strays from a smooth line by less than a tenth of a mm, and
// the straight-front sentence says so instead of "strays only 0.0 mm"
// beside the points it costs. The work: a dot every half mm exactly on the
// design line (a helmet line: no undulation at all), with the §5 soft ramp
// dart-thrown behind it, sessions 2 and 3 (in session 1 such a row is
// a hard edge first: it is denser than the session's full density).
func TestStraightFrontNeverStraysZero(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{0, "under 0.1 mm"}, {0.049, "under 0.1 mm"}, {0.05, "0.1 mm"}, {1.26, "1.3 mm"}} {
		if got := strayText(c.v); got != c.want {
			t.Errorf("strayText(%g) = %q, want %q", c.v, got, c.want)
		}
	}
	f := newHeadFix()
	for sess := 2; sess <= 3; sess++ {
		pts := f.hairWork(sess, 1, func(x float64) float64 { return f.designY(x) + 0.5 }, softRamp)
		for x := -f.halfW; x <= f.halfW; x += 0.5 {
			pts = append(pts, geom.Pt(x, f.designY(x)))
		}
		h := Grade(f.t, dots(pts), sess, nil).Criterion(IDHairline)
		if len(h.Faults) == 0 || h.Faults[0].Code != FaultStraightFront {
			t.Errorf("s%d: a front ruled along the design line: faults %v, want straight-front first: %s", sess, h.Faults, h.Feedback)
			continue
		}
		t.Logf("s%d: macro %.3f mm: %s", sess, h.Part("macro").Value, h.Feedback)
		if strings.Contains(h.Feedback, " 0.0 mm") {
			t.Errorf("s%d: %q", sess, h.Feedback)
		}
	}
}
