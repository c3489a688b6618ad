package scalp

// Density figures from domain.md. The per-session bands are a *model* of
// ours (domain.md §3: no source publishes them); the natural density is
// published (§3).
const (
	// NaturalFUMinPerCM2 and NaturalFUMaxPerCM2 bound natural follicular
	// unit density (domain.md §3: 65–100 FU/cm²).
	NaturalFUMinPerCM2 = 65.0
	NaturalFUMaxPerCM2 = 100.0

	// ReadsFullFraction is the share of natural density that already
	// reads as a full head of hair (domain.md §3: "about half").
	ReadsFullFraction = 0.5
)

// sessionBands are the per-session density targets (domain.md §3, model):
// 10–25/cm² after session 1, 45–50 after session 2, 70–100 finished.
var sessionBands = [3]DensityBand{{10, 25}, {45, 50}, {70, 100}}

// SessionBands returns the per-session target densities for open, bald
// skin (domain.md §3, a *model*): index s-1 is session s.
func SessionBands() [3]DensityBand { return sessionBands }

// ReadsFullPerCM2 is the existing-hair density above which skin already
// reads as full and needs no impressions: half the middle of the natural
// range (domain.md §3), about 41 FU/cm².
func ReadsFullPerCM2() float64 {
	return ReadsFullFraction * (NaturalFUMinPerCM2 + NaturalFUMaxPerCM2) / 2
}

// HairDeficit is the share of the open-skin target that a zone with
// existing hair of density d (per cm²) still needs: 1 on bald skin, falling
// linearly to 0 where the hair already reads full (ReadsFullPerCM2). It is
// a *model*: impressions go between the hairs (domain.md §6, Ludwig) and
// together they should read like a full head, so the thinner the hair, the
// more dots.
func HairDeficit(d float64) float64 {
	f := 1 - d/ReadsFullPerCM2()
	return min(max(f, 0), 1)
}

// BlendTarget returns the density (per cm²) that work in a zone with
// session band b should reach where it meets existing hair of density hair
// (per cm²): the hair's density as far as the session allows, no more than
// the band's middle (an early session is meant to be lighter, domain.md §1)
// and no less than its bottom (domain.md §6, blending; the clamp is a
// *model*). The blending criterion judges against it and the expert
// example eases toward it.
func (b DensityBand) BlendTarget(hair float64) float64 {
	return max(min(hair, b.Mid()), b.Min)
}

// scaled returns the bands multiplied by lo (minimum) and hi (maximum).
func scaled(b [3]DensityBand, lo, hi float64) [3]DensityBand {
	for i := range b {
		b[i] = DensityBand{Min: b[i].Min * lo, Max: b[i].Max * hi}
	}
	return b
}

// Transition ramp, domain.md §5 (model): at the leading edge density is
// 20–30% of the target, rising to the full target 5–10 mm behind it.
const (
	rampEdgeLo  = 0.20 // edge share, sparse end of §5's 20–30%
	rampEdgeHi  = 0.30 // edge share, dense end
	rampLongMM  = 10.0 // slow ramp: full density 10 mm behind the edge (§5)
	rampShortMM = 5.0  // quick ramp: full density 5 mm behind the edge (§5)
)

// rampMean returns the mean of a linear ramp that starts at edge (a share of
// the target) and reaches 1 after length mm, averaged over a band width mm
// deep.
func rampMean(edge, length, width float64) float64 {
	if width <= 0 {
		return 1
	}
	if width <= length {
		end := edge + (1-edge)*width/length
		return (edge + end) / 2
	}
	return ((edge+1)/2*length + (width - length)) / width
}

// TransitionFactors returns the share of the full target that a transition
// band widthMM deep should average: lo for the sparsest ramp of domain.md
// §5 (20% at the edge, full after 10 mm), hi for the densest (30%, full
// after 5 mm). For a 7 mm band that is about 0.48–0.76.
func TransitionFactors(widthMM float64) (lo, hi float64) {
	return rampMean(rampEdgeLo, rampLongMM, widthMM), rampMean(rampEdgeHi, rampShortMM, widthMM)
}

// RampBand returns the model transition ramp's band at u mm behind the
// line, as a share of the full target (domain.md §5, model): nothing in
// front of the line, 20–30% at the edge, full between 5 and 10 mm behind.
// The slow end is the 20% edge reaching full at 10 mm, the fast end the
// 30% edge at 5 mm: the same two ramps TransitionFactors averages.
func RampBand(u float64) (lo, hi float64) {
	if u < 0 {
		return 0, 0
	}
	lo = min(1, rampEdgeLo+(1-rampEdgeLo)*u/rampLongMM)
	hi = min(1, rampEdgeHi+(1-rampEdgeHi)*u/rampShortMM)
	return lo, hi
}
