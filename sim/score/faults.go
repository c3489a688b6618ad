package score

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/smptrainer/smp/sim/geom"
)

// Fault codes of the dot criteria. Each is one classic fault (domain.md
// §1, §4–§6); the table below gives its marker kind, its short title and
// the feedback sentence written from it. Codes are stable: tools read them.
const (
	// Any criterion.
	FaultNoDots FaultCode = "no-dots" // nothing placed yet

	// density
	FaultMisplaced FaultCode = "misplaced"  // dots where none belong (forehead, temples, off the zones)
	FaultTooSparse FaultCode = "too-sparse" // a zone below its session band
	FaultTooDense  FaultCode = "too-dense"  // a zone above its session band
	FaultPatchy    FaultCode = "patchy"     // thin and crowded spots side by side (§4: local density map)

	// uniformity (§4: even but random)
	FaultTooFewToJudge FaultCode = "too-few-dots" // not enough dots in any zone to judge the pattern
	FaultClumps        FaultCode = "clumps"       // R below 1: dots bunch together
	FaultRandom        FaultCode = "random"       // R between 1 and blue noise: thrown at random
	FaultGrid          FaultCode = "grid"         // R near a lattice
	FaultRows          FaultCode = "rows"         // NN bonds share a direction
	FaultEvenSpacing   FaultCode = "even-spacing" // every gap the same: a grid in disguise

	// gaps
	FaultGaps   FaultCode = "gaps"   // empty patches
	FaultMerged FaultCode = "merged" // dots closer than their healed size (§2)

	// consistency (§2)
	FaultBlowouts   FaultCode = "blowouts"
	FaultOverworked FaultCode = "overworked"
	FaultShallow    FaultCode = "shallow"
	FaultUnevenSize FaultCode = "uneven-size"

	// hairline (§5)
	FaultNoHairline    FaultCode = "no-hairline"        // too few dots along the line to judge it
	FaultLowHairline   FaultCode = "low-hairline"       // "the cardinal sin"
	FaultHighHairline  FaultCode = "high-hairline"      // behind the design
	FaultHardEdge      FaultCode = "hard-edge"          // dense right at the front, no gradient
	FaultNoRamp        FaultCode = "no-ramp"            // the front is no lighter than just behind it
	FaultFaintEdge     FaultCode = "faint-edge"         // the front too sparse to read as a line
	FaultLongRamp      FaultCode = "long-ramp"          // full density not reached 5–10 mm behind
	FaultStraightFront FaultCode = "straight-front"     // ruler-drawn
	FaultOffDesign     FaultCode = "off-design"         // the front's course leaves the design's curve
	FaultChaoticFront  FaultCode = "chaotic-front"      // the front jumps about
	FaultEvenEdge      FaultCode = "even-edge"          // no micro-irregularity
	FaultPatchyEdge    FaultCode = "patchy-edge"        // bare and crowded stretches along the front
	FaultAsymmetric    FaultCode = "asymmetric-temples" // temple points not mirrored
	FaultOneSided      FaultCode = "one-sided"          // only one side of the line laid
	FaultFilledTemples FaultCode = "filled-temples"     // the frontotemporal angle filled in

	// blending (§6)
	FaultVisibleBorder FaultCode = "visible-border" // too sparse next to the hair
	FaultDarkRim       FaultCode = "dark-rim"       // too dense next to the hair

	// scars (§6)
	FaultScarShows      FaultCode = "scar-shows"
	FaultScarOverloaded FaultCode = "scar-overloaded"
	FaultBarcode        FaultCode = "barcode-edge" // dots stop at the scar's edge
	FaultFUEUncovered   FaultCode = "fue-uncovered"
)

// faultSpec is what the table knows of a code.
type faultSpec struct {
	marker MarkerKind
	// title names the fault in a few words, for tables and the class
	// page's common faults.
	title string
	// say is the feedback sentence, a fmt format filled with the
	// criterion's numbers (documented at each use).
	say string
}

// faultTable is the one home of every dot criterion's fault words: a
// criterion finds a code, and its feedback is written from here.
var faultTable = map[FaultCode]faultSpec{
	FaultNoDots: {MarkerGap, "No impressions", "No impressions yet: %s."},

	FaultMisplaced: {MarkerNoGo, "Dots where none belong",
		"%d dots sit where none belong (%d in %s); remove them and keep the work inside the treated zones."},
	FaultTooSparse: {MarkerGap, "Too sparse",
		"Too sparse: the %s is at %.1f/cm², below %s; add about %d dots there."},
	FaultTooDense: {MarkerClump, "Too dense",
		"Too dense: the %s is at %.1f/cm², above %s; about %d dots too many, so stop earlier or space them wider."},
	FaultPatchy: {MarkerSpot, "Patchy",
		"Patchy: only %.0f%% of the %s is within ±%.0f%% of %s; fill the thin spots marked and spread out the dense ones."},

	FaultTooFewToJudge: {MarkerSpot, "Too few dots to judge",
		"Too few dots to judge the pattern: place at least %d in a treated zone."},
	FaultClumps: {MarkerClump, "Clumps",
		"Clumped: R = %.2f in the %s, dots bunch together; spread them toward about %.1f mm apart."},
	FaultRandom: {MarkerClump, "Random",
		"Random: R = %.2f in the %s, as if thrown at random (1.0), with clusters and holes; space them evenly, about %.1f mm apart."},
	FaultGrid: {MarkerRow, "Grid",
		"Too regular: R = %.2f in the %s reads as a grid; offset each dot a little at random from its neighbours."},
	FaultRows: {MarkerRow, "Rows",
		"Rows: neighbouring dots in the %s line up in one direction (order %.2f); break the lines by varying each step's angle."},
	FaultEvenSpacing: {MarkerRow, "Spacing too even",
		"Too regular: every gap in the %s is nearly the same (spread %.0f%%); vary the spacing a little around %.1f mm."},

	FaultGaps: {MarkerGap, "Gaps",
		"Gaps: %.1f%% of the treated area lies in empty patches, the largest %.1f mm across; fill the marked spots."},
	FaultMerged: {MarkerClump, "Merging dots",
		"Clumps: %.1f%% of the dots sit closer than their healed size and will merge; keep each dot at least a dot-width from the next."},

	FaultBlowouts: {MarkerSpot, "Blowouts",
		"Blowouts: %d dots (%.1f%%) went too deep and will spread and turn blue; ease the pressure to stay in the upper dermis."},
	FaultOverworked: {MarkerClump, "Overworked",
		"Overworked: %s of the area is over %.1f× its band's top, where dots will merge; move on instead of going back over a spot."},
	FaultShallow: {MarkerSpot, "Too shallow",
		"Too shallow: %d dots (%s) sit in the epidermis and will fade within weeks; go a little deeper."},
	FaultUnevenSize: {MarkerSpot, "Uneven sizes",
		"Uneven sizes: healed dot size varies by %.0f%% within a zone; keep one needle and pressure per zone."},

	FaultNoHairline: {MarkerEdge, "No hairline yet",
		"No hairline yet: lay the front edge along the design line, soft and sparse at the very front."},
	FaultLowHairline: {MarkerEdge, "Hairline too low",
		"Too low: the mid-frontal point is %s above the glabella, %.0f mm below the design; raise it to %g–%g mm, never lower."},
	FaultHighHairline: {MarkerEdge, "Hairline too high",
		"Too high: the mid-frontal point is %s above the glabella, %.0f mm behind the design; bring the edge forward to the design line."},
	FaultHardEdge: {MarkerEdge, "Hard edge",
		"Hard edge: the front %g mm is at %.0f%% of full density, %s; thin it to about 25%% and let it build up over 5–10 mm."},
	FaultNoRamp: {MarkerEdge, "No ramp behind the edge",
		"No ramp: the front %g mm is as dense as the band behind it (%.0f%%); keep the front lighter and build up behind it."},
	FaultFaintEdge: {MarkerEdge, "Edge too faint",
		"Edge too faint: the front %g mm is at only %.0f%% of full density; add dots up to about 25%% so the line reads."},
	FaultLongRamp: {MarkerEdge, "Ramp too long",
		"Ramp too long: 6–10 mm behind the edge density is only %.0f%% of full; reach full density within 5–10 mm."},
	FaultStraightFront: {MarkerEdge, "Straight front",
		"Straight, ruler-drawn front: the edge strays only %s RMS from a %s line; follow the design's curve and let the edge undulate by 1–3 mm."},
	FaultOffDesign: {MarkerEdge, "Front off the design's curve",
		"The front leaves the design's curve by %.1f mm RMS; follow the design line's bell shape."},
	FaultChaoticFront: {MarkerEdge, "Chaotic front",
		"Chaotic line: the edge jumps by %.1f mm RMS about a smooth curve; keep its undulation within about 1–3 mm."},
	FaultEvenEdge: {MarkerEdge, "Edge too even",
		"Too even along the edge: density varies by only %.0f%% from spot to spot; alternate denser and sparser clusters."},
	FaultPatchyEdge: {MarkerEdge, "Patchy edge",
		"Patchy edge: density along the front varies by %.0f%%; even out the bare and crowded spots."},
	FaultAsymmetric: {MarkerTemple, "Asymmetric temples",
		"Asymmetric temples: the %s temple point sits %.0f mm further back than the %s one; mirror the two sides."},
	FaultOneSided: {MarkerEdge, "One side missing",
		"One-sided: only the %s half of the hairline is laid; mirror it on the other side."},
	FaultFilledTemples: {MarkerTemple, "Filled temples",
		"Filled temples: %d dots sit in the temple points; keep the frontotemporal angle open and remove them."},

	FaultVisibleBorder: {MarkerGap, "Visible border",
		"Visible border: next to the existing hair the density is only %.2f× its target; add dots right up to the hair."},
	FaultDarkRim: {MarkerClump, "Dark rim",
		"Dark rim: next to the existing hair the density is %.2f× its target; thin the dots along the border."},

	FaultScarShows: {MarkerGap, "Scar shows",
		"Scar still shows: inside the strip scar the density is %.2f× the zone's; place dots inside the scar as in the skin around it."},
	FaultScarOverloaded: {MarkerClump, "Scar overloaded",
		"Scar overloaded: inside the strip scar the density is %.2f× the zone's; scar tissue takes pigment unpredictably, so stay near the surrounding density."},
	FaultBarcode: {MarkerSpot, "Barcode edge",
		"Barcode edge: in the %g mm around the scar the density is %.2f× the target; carry the dots past the scar's edges at the same density."},
	FaultFUEUncovered: {MarkerGap, "FUE scars uncovered",
		"FUE scars uncovered: only %d of %d dot scars have a dot on or beside them; put one on each marked scar."},
}

// fullMarksSay is the feedback of a criterion at full marks whose measures
// still ranked something worst (finish drops its faults): the number
// prints 100, so the words must not name a fault beside it.
const fullMarksSay = "Full marks for %s: nothing here needs correcting; keep it this way."

// shareText prints a share given in per cent for a sentence beside a
// score: one decimal, but never "0.0%" for a share that is not zero (a
// score of 99.6 beside "0.0% of the area" reads as a contradiction).
func shareText(pct float64) string {
	switch {
	case pct <= 0:
		return "0%"
	case pct < 0.05:
		return "under 0.1%"
	}
	return strconv.FormatFloat(pct, 'f', 1, 64) + "%"
}

// Title names the fault in a few words ("Hard edge"), for tables and the
// class page's common faults; the code itself for a code the table lacks
// (another criterion's, or a newer version's).
func (f FaultCode) Title() string {
	if sp, ok := faultTable[f]; ok {
		return sp.title
	}
	if n, ok := registered[f]; ok {
		return n.Title
	}
	return string(f)
}

// Marker returns how the fault's places are drawn (MarkerSpot for a code
// the table lacks).
func (f FaultCode) Marker() MarkerKind {
	if sp, ok := faultTable[f]; ok {
		return sp.marker
	}
	if n, ok := registered[f]; ok {
		return n.Marker
	}
	return MarkerSpot
}

// FaultCodes returns every code the dot criteria can report, for tools that
// list them (and for the tests that keep the table complete).
func FaultCodes() []FaultCode {
	out := make([]FaultCode, 0, len(faultTable))
	for k := range faultTable {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// fault records fault code at places on c. Criteria record their faults
// worst first; the first one writes the feedback, from the code's sentence
// filled with args. places may be nil (a fault of the whole work).
func (c *Criterion) fault(code FaultCode, places []geom.Point, args ...any) {
	sp, ok := faultTable[code]
	if !ok {
		// A code without words is a programming error the tests catch;
		// the code itself is still better than no feedback.
		sp = faultSpec{marker: MarkerSpot, title: string(code), say: string(code)}
		args = nil
	}
	if places == nil {
		places = []geom.Point{}
	}
	c.Faults = append(c.Faults, Fault{Code: code, Marker: sp.marker, Places: places})
	if len(c.Faults) == 1 {
		c.Feedback = fmt.Sprintf(sp.say, args...)
	}
}

// HasFault reports whether c found fault code.
func (c *Criterion) HasFault(code FaultCode) bool {
	for _, f := range c.Faults {
		if f.Code == code {
			return true
		}
	}
	return false
}
