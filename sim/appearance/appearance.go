// Package appearance predicts how an SMP impression looks on a given skin:
// fresh (just done), healed (a month or so later) and aged (years later).
//
// The model, in three steps:
//
//  1. Pigment is a filter over the skin. A deposit of concentration c
//     (pigment strength ÷ (1 + parts water)) has an optical density that
//     rises with c and saturates, as a packed layer of carbon particles
//     cannot get blacker than black. The dot seen on the skin is the skin's
//     linear-light reflectance times 10^−density, per channel: the mix
//     happens in linear light, never in gamma-encoded sRGB, and the dot
//     takes the skin's undertone as real dots do.
//  2. Healing and ageing remove pigment: the healed dot keeps a fraction of
//     what was deposited (less when placed too shallow, patchily so), and
//     the rest fades exponentially over the years. Less pigment means a
//     lighter dot, so healing and ageing never darken.
//  3. The blue-grey cast of old or deep carbon (light scattered back by the
//     dermis above the pigment) is added to the dot's a*, b* at constant
//     L*, in CIELAB. It grows with the years, with depth, with
//     the darkness of the deposit and with the fairness of the skin, whose
//     melanin would otherwise absorb the scattered blue (domain.md §1, §7).
//
// No published optical model of SMP exists: every constant below is a
// *model assumption* unless it cites domain.md, and must never be shown to
// a user as a clinical fact.
package appearance

import (
	"fmt"
	"math"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
)

// StageKind is the point in the life of a dot that is being previewed.
type StageKind int

// The stages of a dot's life (domain.md §7).
const (
	// KindFresh is the dot just after the session: darker and sharp for
	// about 7 days.
	KindFresh StageKind = iota
	// KindHealed is the dot once the skin has healed: 2–3 shades lighter
	// and slightly larger.
	KindHealed
	// KindAged is the healed dot some years later: faded, spread and
	// shifted toward blue-grey.
	KindAged
)

// Stage is a preview stage; Years counts only for KindAged.
type Stage struct {
	Kind StageKind
	// Years since healing, for KindAged.
	Years float64
}

// Fresh and Healed are the two stages without a duration.
var (
	Fresh  = Stage{Kind: KindFresh}
	Healed = Stage{Kind: KindHealed}
)

// PreviewYears is the age of the trainer's "aged" preview and of the shade
// advice's drift warning: 5 years, inside the 2–6 years after which
// touch-ups come (domain.md §7).
const PreviewYears = 5.0

// Aged returns the stage years after healing. Negative or NaN years count
// as 0, which looks the same as Healed.
func Aged(years float64) Stage {
	if !(years > 0) {
		years = 0
	}
	return Stage{Kind: KindAged, Years: years}
}

// String names the stage for the trainer's preview switch and for reports:
// "fresh", "healed" or "aged 5 y".
func (s Stage) String() string {
	switch s.Kind {
	case KindFresh:
		return "fresh"
	case KindHealed:
		return "healed"
	case KindAged:
		return fmt.Sprintf("aged %g y", s.Years)
	}
	return fmt.Sprintf("stage(%d)", int(s.Kind))
}

// Look is what a dot looks like at one stage.
type Look struct {
	// Colour is the dot as seen on the skin: the pigment already mixed
	// with the skin beneath it, inside the sRGB gamut. Draw it opaque.
	Colour colorful.Color
	// DiameterMM is the visible diameter of the dot.
	DiameterMM float64
}

// Dot returns what impression im looks like on skin at stage st. The
// pigment is looked up in the embedded palette; an unknown id (which a
// validated session file cannot hold) is drawn as carbon black.
func Dot(im impression.Impression, skin colorful.Color, st Stage) Look {
	return DotWith(pigmentOf(im.Pigment), im, skin, st)
}

// carbonBlack is the fallback pigment, equal to the palette's carbon-black.
var carbonBlack = palette.Pigment{ID: impression.DefaultPigment, Name: "Carbon black",
	Strength: 1, Absorbance: [3]float64{1, 1, 1}}

func pigmentOf(id string) palette.Pigment {
	if p, err := palette.Default(); err == nil {
		if pg, err := p.Pigment(id); err == nil {
			return pg
		}
	}
	return carbonBlack
}

// VariesPerDot reports whether im's look depends on its position and time
// as well as on its diameter, needle, depth, pigment and dilution: true for
// too-shallow dots, which heal patchily, one dot lighter than the next.
// A renderer that caches looks by those fields must not cache these.
func VariesPerDot(im impression.Impression) bool { return im.Depth == impression.Shallow }

// DotWith is Dot with the pigment given rather than looked up by
// im.Pigment; the shade advice uses it to try every pigment quickly.
func DotWith(pg palette.Pigment, im impression.Impression, skin colorful.Color, st Stage) Look {
	return Explain(pg, im, skin, st).Look
}

// Detail is a Look with the intermediate quantities of the model, for
// the shade advice and for tests.
type Detail struct {
	Look
	// Unshifted is the colour before the blue-grey shift: the same dot if
	// carbon did not turn blue. Its L* equals that of Look.Colour.
	Unshifted colorful.Color
	// BlueShift is the fraction of the full blue cast applied,
	// 0..MaxBlueShift.
	BlueShift float64
	// Concentration is the pigment left in the skin, relative to neat
	// carbon black.
	Concentration float64
	// Density is the optical density of that pigment.
	Density float64
}

// Explain runs the model for one dot and returns its look with the
// intermediate quantities.
func Explain(pg palette.Pigment, im impression.Impression, skin colorful.Color, st Stage) Detail {
	depth := im.Depth
	if !depth.Valid() {
		depth = impression.Target
	}
	years := 0.0
	if st.Kind == KindAged && st.Years > 0 {
		years = st.Years
	}
	dilution := im.Dilution
	switch {
	case math.IsNaN(dilution):
		dilution = impression.DefaultDilution
	case dilution < 0:
		dilution = 0
	}
	deposited := pg.Strength / (1 + dilution)

	// Pigment left in the skin, and the diameter it shows.
	dp := paramsFor(depth)
	c := deposited
	d := im.DiameterMM * dp.freshSpread
	if st.Kind != KindFresh {
		c *= healedRetention(depth, im)
		d = im.DiameterMM * dp.healedGrowth
	}
	healedC := c
	if years > 0 {
		c *= math.Exp(-years / dp.fadeTauYears)
		d *= math.Min(1+dp.spreadPerYear*years, dp.spreadCap/dp.healedGrowth)
	}

	od := density(c)
	col := ThroughSkin(skin, transmittance(od, pg.Absorbance))
	det := Detail{Unshifted: col, Concentration: c, Density: od}
	if st.Kind != KindFresh {
		det.BlueShift = blueShift(depth, years, darkness(density(healedC)), skin)
		col = towardBlueGrey(col, det.BlueShift)
	}
	det.Look = Look{Colour: col, DiameterMM: d}
	return det
}

// density is the optical density (log10 attenuation) of a deposit of
// concentration c: logarithmic in c above DensityKnee, linear below it.
// A packed layer of carbon particles shades itself, so doubling the
// pigment adds a fixed step of density instead of doubling it, and the
// dilution ladder's steps (each a roughly fixed ratio of water) read as
// roughly even steps of shade.
func density(c float64) float64 {
	if !(c > 0) {
		return 0
	}
	return DensityPerDecade * math.Log10(1+c/DensityKnee)
}

// transmittance is the fraction of each linear-light channel (R, G, B) a
// deposit of optical density od passes, weighted by the pigment's
// absorbance.
func transmittance(od float64, abs [3]float64) [3]float64 {
	return [3]float64{math.Pow(10, -od*abs[0]), math.Pow(10, -od*abs[1]), math.Pow(10, -od*abs[2])}
}

// darkness is how much of the green light a deposit of density od takes
// out, 0..1: what the blue-grey cast scales with.
func darkness(od float64) float64 { return 1 - math.Pow(10, -od) }

// towardBlueGrey adds beta times the full blue cast to the a*, b* of col,
// keeping L*. The cast is added rather than mixed toward a fixed blue-grey
// because it is light scattered back by the dermis on top of what the
// pigment shows: a warm pigment drifts as far as a neutral one but stays
// warmer. If the result leaves the sRGB gamut (very dark colours hold
// little chroma), the shift is shortened until it fits, so the L* promise
// holds and the colour is drawable.
func towardBlueGrey(col colorful.Color, beta float64) colorful.Color {
	if beta <= 0 {
		return col
	}
	l, a, b := col.Lab()
	shift := func(t float64) colorful.Color {
		return colorful.Lab(l, a+t*BlueCastA/100, b+t*BlueCastB/100)
	}
	if out := shift(beta); out.IsValid() {
		return out
	}
	lo, hi := 0.0, beta
	for range 30 {
		mid := (lo + hi) / 2
		if shift(mid).IsValid() {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		// Not even a sliver of shift fits (a colour on the gamut's edge,
		// where the Lab round trip itself can step outside): keep it.
		return col
	}
	return shift(lo)
}

// blueShift is the fraction of the full blue cast a dot shows, for
// its depth, age, darkness (share of the light the healed deposit takes
// out, 0..1) and skin.
func blueShift(depth impression.Depth, years, darkness float64, skin colorful.Color) float64 {
	dp := paramsFor(depth)
	aging := AgedBlueMax * (1 - math.Exp(-years/BlueTauYears)) * dp.blueFactor
	return math.Min(MaxBlueShift, (dp.healedBlue+aging)*darkness*fairness(skin))
}

// fairness is 1 on the fairest skin and FairnessFloor on the darkest,
// linear in L* between DarkSkinL and FairSkinL.
func fairness(skin colorful.Color) float64 {
	l, _, _ := skin.Clamped().Lab()
	t := (l*100 - DarkSkinL) / (FairSkinL - DarkSkinL)
	t = math.Max(0, math.Min(1, t))
	return FairnessFloor + (1-FairnessFloor)*t
}
