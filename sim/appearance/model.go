package appearance

import (
	"math"

	"github.com/smptrainer/smp/sim/impression"
)

// Optical model. All values are model assumptions unless they cite
// domain.md. Carbon is treated as neutral (absorbance 1, 1, 1): real black
// carbon absorbs a little more blue than red (absorption Ångström exponent
// about 1, domain.md §9), a simplification this model names and keeps,
// since the blue-grey drift below dominates any warm cast it would give.
const (
	// DensityPerDecade is the optical density a deposit gains for every
	// tenfold increase of its carbon concentration above DensityKnee.
	// With the knee below, a healed neat carbon dot has density about 1.8
	// (it passes 1/60 of the light: the colour of black hair on that skin)
	// and each step of the carbon-black ladder takes out a similar share
	// of what is left, so healed steps are roughly even in ΔE00.
	DensityPerDecade = 1.0
	// DensityKnee is the concentration (relative to neat carbon black)
	// below which density is proportional to concentration, as for any
	// thin filter (Beer–Lambert), and above which the carbon particles
	// shade each other.
	DensityKnee = 0.008
	// SurfaceShare is the share of a skin's light reflected at its surface
	// before any reaches pigment or hair (ThroughSkin). Fresnel reflection
	// at normal incidence for skin (n ≈ 1.55) is ((n−1)/(n+1))² ≈ 4.6%;
	// the model keeps under half of it, taking the rest as glare a viewer
	// discounts. A share of the skin's light, not a fixed amount: see
	// ThroughSkin.
	SurfaceShare = 0.02
	// DensityBlackHair is the density of measured black hair (L* 18,
	// domain.md §9): a tress reflecting 2.5% of the light, as a filter.
	DensityBlackHair = 1.6
)

// Healing. domain.md §7: healed dots are 2–3 shades lighter than fresh ones
// and may grow slightly. One "shade" is taken to be one step of the carbon
// black dilution ladder.
const (
	// HealedRetention is the fraction of deposited pigment left once
	// healed at the right depth: half, which moves a 1:10 dot to about
	// where a fresh 1:20 dot sits, 2–3 ladder steps lighter.
	HealedRetention = 0.5
	// ShallowRetention is the further fraction kept by a too-shallow dot:
	// most of it sits in epidermis that is shed within weeks (domain.md
	// §2 says it "fades within weeks").
	ShallowRetention = 0.35
	// ShallowPatchiness is the spread of ShallowRetention from dot to dot,
	// ± this fraction of it: shallow work heals patchy.
	ShallowPatchiness = 0.6
	// DeepRetention is the further fraction kept by a too-deep dot: more
	// than 1, because none of it is in epidermis that is shed.
	DeepRetention = 1.4
	// HealedGrowth is how much wider an on-target healed dot is than the
	// fresh mark: the ink spreads a little in the dermis ("may grow
	// slightly", domain.md §7). With the needle's mark (impression's
	// DotDiameterMM) it puts a healed 1RL 0.20–0.30 dot at 0.11–0.16 mm,
	// inside the 90–170 µm clinics quote (domain.md §2, §9).
	HealedGrowth = 1.2
	// ShallowEntryMM and DeepEntryMM are how far the needle's tip enters on
	// a too-shallow and a too-deep stroke, against impression.TargetEntryMM
	// on target: the mark's width grows with the entry (domain.md §9).
	ShallowEntryMM = 0.5
	DeepEntryMM    = 1.5
	// DeepHealedGrowth is the healed diameter of a too-deep dot over its
	// fresh mark: a blow-out, bigger and softer. domain.md §2 reports up to
	// 3× in the end.
	DeepHealedGrowth = 1.6
	// DeepSpreadCap is the most a too-deep dot ever spreads: 3× its fresh
	// mark (domain.md §2, a PMU source).
	DeepSpreadCap = 3.0
	// TargetSpreadCap is the most an on-target dot spreads over the years,
	// over its fresh mark.
	TargetSpreadCap = 1.5
	// ShallowSpreadCap is the most a shallow dot spreads: little, since it
	// barely stays.
	ShallowSpreadCap = 1.15
)

// Ageing. domain.md §7: touch-ups come every 2–6 years.
const (
	// FadeTauYears is the e-folding time of pigment loss at target depth:
	// after 4 years a third is gone, about when a touch-up is due.
	FadeTauYears = 10.0
	// ShallowFadeTauYears is the faster loss from shallow dots.
	ShallowFadeTauYears = 3.0
	// DeepFadeTauYears is the slower loss from deep dots: deep pigment is
	// stable; its trouble is spread and blue, not fading.
	DeepFadeTauYears = 25.0
	// TargetSpreadPerYear and DeepSpreadPerYear are how much a healed
	// dot's diameter grows per year, as a fraction, until the caps above.
	TargetSpreadPerYear = 0.03
	DeepSpreadPerYear   = 0.15
)

// Blue-grey shift (domain.md §1, §7: too dark a shade turns blue-grey as it
// ages, more on fair skin; too deep turns blue).
const (
	// BlueCastA and BlueCastB are the a*, b* a full blue cast adds: toward
	// a slate blue-grey, hue about 260°. Sized so that a neat carbon dot on
	// MST-01 skin drifts about 3 ΔE00 (3 JND) in 5 years and a 1:20 one
	// about 2: too dark a shade is the one that turns (domain.md §7).
	BlueCastA = -2.5
	BlueCastB = -14.0
	// AgedBlueMax is the fraction of the full blue cast that a dark,
	// on-target dot on the fairest skin reaches after many years.
	AgedBlueMax = 0.5
	// BlueTauYears is the e-folding time of that shift.
	BlueTauYears = 6.0
	// DeepHealedBlue is the shift a too-deep dot already has once healed.
	DeepHealedBlue = 0.4
	// DeepBlueFactor and ShallowBlueFactor scale the ageing shift by depth:
	// more dermis above the pigment scatters more blue back.
	DeepBlueFactor    = 1.5
	ShallowBlueFactor = 0.5
	// MaxBlueShift caps the shift so a dot keeps a trace of its own hue.
	MaxBlueShift = 0.9
	// FairSkinL and DarkSkinL are the skin L* between which the blue shift
	// scales from full down to FairnessFloor: melanin above the pigment
	// absorbs the scattered blue. MST-01 is about L* 94, MST-10 about 15.
	FairSkinL     = 90.0
	DarkSkinL     = 25.0
	FairnessFloor = 0.2
)

// depthParams are the model constants that change with where the pigment
// landed, gathered so each depth reads as one row instead of one switch
// per constant.
type depthParams struct {
	freshSpread   float64 // fresh diameter ÷ placed diameter
	healedGrowth  float64 // healed diameter ÷ placed diameter
	spreadPerYear float64 // further growth per year after healing
	spreadCap     float64 // largest aged diameter ÷ placed diameter
	fadeTauYears  float64 // time constant of the fade
	blueFactor    float64 // scales the ageing blue shift
	healedBlue    float64 // blue shift already there once healed
	retention     float64 // share of HealedRetention kept
	patchy        bool    // retention varies from dot to dot
}

// The entry depths relative to target: a shallow stroke's mark is narrower,
// a deep one's wider (domain.md §9).
const (
	shallowEntry = ShallowEntryMM / impression.TargetEntryMM
	deepEntry    = DeepEntryMM / impression.TargetEntryMM
)

var (
	shallowParams = depthParams{
		freshSpread: shallowEntry, healedGrowth: shallowEntry, spreadPerYear: 0, spreadCap: shallowEntry * ShallowSpreadCap,
		fadeTauYears: ShallowFadeTauYears, blueFactor: ShallowBlueFactor,
		retention: ShallowRetention, patchy: true,
	}
	targetParams = depthParams{
		freshSpread: 1, healedGrowth: HealedGrowth, spreadPerYear: TargetSpreadPerYear, spreadCap: TargetSpreadCap,
		fadeTauYears: FadeTauYears, blueFactor: 1, retention: 1,
	}
	deepParams = depthParams{
		freshSpread: deepEntry, healedGrowth: deepEntry * DeepHealedGrowth, spreadPerYear: DeepSpreadPerYear, spreadCap: deepEntry * DeepSpreadCap,
		fadeTauYears: DeepFadeTauYears, blueFactor: DeepBlueFactor, healedBlue: DeepHealedBlue,
		retention: DeepRetention,
	}
)

// paramsFor returns the constants for depth d; an unknown depth reads as
// on target, as a file's default does.
func paramsFor(d impression.Depth) *depthParams {
	switch d {
	case impression.Shallow:
		return &shallowParams
	case impression.Deep:
		return &deepParams
	}
	return &targetParams
}

// healedRetention is the fraction of deposited pigment a dot keeps once
// healed. Shallow dots keep a patchy amount that depends on the dot, by a
// hash of its position and time, so a preview is the same every time.
func healedRetention(d impression.Depth, im impression.Impression) float64 {
	p := paramsFor(d)
	r := HealedRetention * p.retention
	if p.patchy {
		r *= 1 - ShallowPatchiness + 2*ShallowPatchiness*unitHash(im)
	}
	return r
}

// unitHash maps an impression's position and time to [0, 1), the same way
// every run (SplitMix64 finaliser over the float bits).
func unitHash(im impression.Impression) float64 {
	h := math.Float64bits(im.Pos.X)*0x9E3779B97F4A7C15 ^ math.Float64bits(im.Pos.Y) ^ math.Float64bits(im.TimeS)<<1
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return float64(h>>11) / (1 << 53)
}
