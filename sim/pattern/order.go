package pattern

import (
	"math"
	"sort"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/shade"
)

// Timing model (a model assumption: no source times SMP work). An artist
// places about 1–2 impressions a second; every so often
// they stop to wipe the skin and re-dip the needle, and they change needle
// between the hairline and the fill.
const (
	// intervalMinS and intervalMaxS bound the time between two impressions:
	// 1–2 per second.
	intervalMinS = 0.5
	intervalMaxS = 1.0
	// pauseEvery is the mean number of impressions between wipe-and-dip
	// pauses, and pauseMinS–pauseMaxS their length.
	pauseEvery = 60
	pauseMinS  = 4.0
	pauseMaxS  = 10.0
	// needleChangeS is the pause to change from the hairline needle to the
	// fill needle.
	needleChangeS = 30.0
	// stripMM is the width of the strips an artist fills back and forth.
	stripMM = 10.0
)

// finish turns placed points into impressions: each session's dots in
// working order (hairline and scars first with the single needle, then the
// fill in strips from front to back, back and forth), with timestamps from
// the start of their session.
func (g *gen) finish(pts []geom.Point, sess []int) []impression.Impression {
	type dot struct {
		p     geom.Point
		s     int
		fine  bool
		strip int
	}
	dots := make([]dot, len(pts))
	for i, p := range pts {
		dots[i] = dot{p: p, s: sess[i], fine: g.fineWork(p)}
		dots[i].strip = int(math.Floor((p.Y - g.m.bounds.Min.Y) / stripMM))
	}
	sort.SliceStable(dots, func(i, j int) bool {
		a, b := dots[i], dots[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.fine != b.fine {
			return a.fine
		}
		if a.strip != b.strip {
			return a.strip < b.strip
		}
		if a.p.X != b.p.X {
			// Serpentine: odd strips run right to left.
			return (a.p.X < b.p.X) == (a.strip%2 == 0)
		}
		return a.p.Y < b.p.Y
	})
	rng := g.rng(streamTiming)
	// Each needle gets the advisor's mix for that needle: a 3RL dot is
	// larger than a 1RL dot, so the same ink reads darker from a distance
	// (domain.md §9), and an expert dilutes the fill needle's ink further.
	fillMix, fineMix := g.mix(fillNeedle), g.mix(hairlineNeedle)
	out := make([]impression.Impression, len(dots))
	var t float64
	for i, d := range dots {
		switch {
		case i == 0 || dots[i-1].s != d.s:
			t = 0
		case dots[i-1].fine != d.fine:
			t += needleChangeS
		case rng.IntN(pauseEvery) == 0:
			t += pauseMinS + rng.Float64()*(pauseMaxS-pauseMinS)
		}
		t += intervalMinS + rng.Float64()*(intervalMaxS-intervalMinS)
		n, m := fillNeedle, fillMix
		if d.fine {
			n, m = hairlineNeedle, fineMix
		}
		out[i] = impression.New(d.p, n, d.s, t)
		out[i].Pigment, out[i].Dilution = m.pigment, m.dilution
	}
	return out
}

// inkMix is a pigment and its dilution.
type inkMix struct {
	pigment  string
	dilution float64
}

// mix returns the ink every style uses with needle n: the shade advisor's
// first pick for the client's skin and hair with that needle (domain.md §7,
// §9), as an expert would choose it; the faulty styles break only their own
// fault. Without a skin and hair target it is the default.
func (g *gen) mix(n impression.Needle) inkMix {
	def := inkMix{impression.DefaultPigment, impression.DefaultDilution}
	if g.t.Skin == "" || g.t.HairColour == "" {
		return def
	}
	c, err := shade.ClientOf(g.t, 3)
	if err != nil {
		return def
	}
	if opts := shade.AdviseFor(c.Skin, c.Hair, shade.Viewing{Needle: n, PerCM2: c.PerCM2}); len(opts) > 0 {
		return inkMix{opts[0].PigmentID, opts[0].Dilution}
	}
	return def
}

// fineWork reports whether p gets the single needle (domain.md §2: 1RL at
// the hairline and for soft work): the transition zone at the front of the
// hairline, scar tissue, which takes pigment unpredictably (§6), and a
// fault's dots on bare skin. The choice is made per zone so a
// zone's dots share one size, as an artist keeps one needle per area.
func (g *gen) fineWork(p geom.Point) bool {
	zi := g.m.zone(p)
	if zi < 0 {
		return true
	}
	z := &g.t.Zones[zi]
	return z.Kind == scalp.Transition || z.Kind == scalp.ScarArea || !z.Treated()
}
