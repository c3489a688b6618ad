package mapping

import (
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/score"
)

// The norms a design is judged by. Each cites domain-clients.md §4 (and
// domain.md §5) or is named a model assumption; where sources give a
// range, any answer inside it scores full marks.

// band is a closed range in mm.
type band struct{ lo, hi float64 }

func (b band) in(v float64) bool { return v >= b.lo && v <= b.hi }

// sexRange is where a mid-frontal point may sit at all, in mm above the
// glabella by tape. Men: 7 cm (aggressive) to 10 cm (conservative) [85].
// Women: the published means are 6.2 cm (Japanese, n = 456 [97]) and
// 6.38 cm (Korean [96]); 5.5–7.5 cm round them is a model assumption.
var sexRange = map[client.Sex]band{
	client.Male:   {70, 100},
	client.Female: {55, 75},
}

// styleBands splits each sex's range by style (model assumption built on
// §4: the juvenile line is the lowest; the mature line about ½–¾ inch
// (13–19 mm) higher in the middle [91]; a conservative line starts high,
// to be lowered later as loss allows [87][66]). Bands overlap so that a
// height between two styles suits both.
var styleBands = map[client.Sex]map[design.Style]band{
	client.Male: {
		design.Juvenile:     {70, 78},
		design.Mature:       {76, 90},
		design.Conservative: {85, 100},
	},
	client.Female: {
		design.Juvenile:     {55, 63},
		design.Mature:       {58, 68},
		design.Conservative: {64, 75},
	},
}

// clientBand is the union of the client's styles' bands.
func clientBand(c *client.Client) band {
	b := band{lo: 1e9, hi: -1e9}
	for _, s := range c.Styles {
		sb := styleBands[c.Sex][s]
		b.lo, b.hi = min(b.lo, sb.lo), max(b.hi, sb.hi)
	}
	return b
}

// faultCaps caps the criterion's score when a classic fault is found
// (model assumption: a design with one of these must be redrawn, whatever
// else is right; domain.md §5 lists them as the classic faults: filled
// temples, a ruler-straight line, and the female pattern of §4).
var faultCaps = map[score.FaultCode]float64{
	FaultFilledFTA:    70,
	FaultMaleOnFemale: 70,
	FaultStraight:     75,
	FaultRound:        75,
}

// Model tolerances and ranges (assumptions unless cited).
const (
	// heightFalloffMM: the height part falls from full marks at the band's
	// edge to zero this far outside it.
	heightFalloffMM = 15.0
	// belowNaturalMM: a mid-frontal point this much below the client's own
	// natural hairline is lower than the face ever had (§4: use old
	// photos and leftover hairs as a guide [57][67]).
	belowNaturalMM = 5.0
	// tooLowCap caps the criterion's score when the mid-frontal point is
	// below the sex's range: too low is "the cardinal sin" (domain.md §5).
	tooLowCap = 50.0

	// ftpOnCanthusMM: a man's frontotemporal point within this of the
	// canthus line counts as on it (§4: the FTA sits on the lateral-canthus
	// line [84]). ftpOnCanthusFemaleMM: a woman's temple point sits about
	// 1 cm from the canthus perpendicular [96].
	ftpOnCanthusMM       = 4.0
	ftpOnCanthusFemaleMM = 12.0
	// riseMaleMaxMM and riseFemaleMaxMM are how much higher than the
	// mid-frontal point the corners may sit, by tape up the canthus line:
	// level with it (Garg's C and B are both 8 cm up [82]) to well over an
	// inch higher on a mature line [91] (model: 45 mm, a deep Norwood III);
	// for women little or no recession [94][86] (model: up to 12 mm).
	// Below the mid-frontal height (by more than filledToleranceMM) the
	// angle is filled: "never below the MFP height", the lid effect [101].
	filledToleranceMM = 2.0
	riseMaleMaxMM     = 45.0
	riseFemaleMaxMM   = 12.0
	// temple falloff: part scores reach zero this far outside.
	templeFalloffMM = 10.0

	// Garg's D lies on the C–E line, "slightly more than halfway toward
	// the lateral canthus, usually 5 cm from C" (5/8 of 8 cm) [82]. Model
	// tolerance: 45–80% of the way, within 10 mm of the line.
	tpFracLo, tpFracHi = 0.45, 0.80
	tpOffLineMM        = 10.0
	tpFalloffMM        = 15.0

	// symmetryMM: every left–right pair mirrored within about 2 mm
	// (issue 11; §4 checklist 5); a fault is named past asymmetryFaultMM;
	// the part reaches zero at symmetryZeroMM.
	symmetryMM       = 2.0
	asymmetryFaultMM = 3.0
	symmetryZeroMM   = 10.0

	// onLineMM: a marked point this close to the drawn line is on it.
	onLineMM     = 2.0
	onLineZeroMM = 10.0

	// slopeDownMM: from the side the line runs flat or rises from the
	// mid-frontal point, never slopes down [104]; past this much below
	// the MFP height it does (model: the lid effect is centimetres, a
	// hand-drawn line wavers by millimetres).
	slopeDownMM = 5.0

	// Shape (model): the line's centre, between the mid-pupil lines, must
	// turn convex by at least bellCentreDeg; each side must turn concave
	// by at least ftaCornerDeg between the mid-pupil line and the temporal
	// peak (the bell's concave flank and the frontotemporal angle, §5).
	// A stretch is ruler-straight where a straightWindowMM window strays
	// under straightDevMM from its chord; over straightShare of the front
	// so is a straight line.
	// roundRMSMM: a whole line, seen from the front (face frame), this
	// close to one circle is a perfect arc with no corners.
	roundRMSMM       = 1.0
	bellCentreDeg    = 5.0
	ftaCornerDeg     = 20.0
	straightWindowMM = 20
	straightDevMM    = 0.2
	straightShare    = 0.5
	// irregularFullMM: the front's undulation about a smooth quartic,
	// RMS, that earns full marks for macro-irregularity (§5: "regular
	// irregularity"); a perfectly smooth line keeps smoothFloor.
	irregularFullMM = 0.3
	smoothFloor     = 40.0
)
