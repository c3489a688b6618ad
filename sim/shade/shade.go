// Package shade advises on pigment and dilution: which mix, once healed and
// seen from a normal distance, reads as the client's shaved hair on the
// client's skin, and which will drift toward blue-grey as it ages
// (domain.md §7, §9). It also judges the colour of a trainee's work for the
// scorer, by the same measure.
package shade

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/viewer"
)

// Thresholds in ΔE00, all multiples of the just-noticeable difference
// (about 1 ΔE00, domain.md §7). The multiples are model assumptions.
const (
	// BlueDriftWarnJND is how far, in JND, the aged (appearance.PreviewYears)
	// dot may drift toward blue before an option carries a warning: a drift
	// of 3 JND is plainly visible side by side, not just noticeable.
	BlueDriftWarnJND = 3.0
)

// What is seen matches the reference (model values, domain.md §9): the
// work's area colour within AreaFullJND of the reference's and its texture
// within TextureFullMin–TextureFullMax of the stubble's reads as the same
// hair. The match falls to nothing at AreaZeroJND, and at a texture ratio
// of 1/TextureZero or TextureZero.
const (
	AreaFullJND    = 1.0
	AreaZeroJND    = 5.0
	TextureFullMin = 0.8
	TextureFullMax = 1.25
	TextureZero    = 2.0
	// InvisibleRatio is the texture ratio below which the work barely shows
	// on the skin at all: under half the stubble's.
	InvisibleRatio = 0.5
)

// DefaultPerCM2 is the density at which the advice compares work and
// stubble when nothing else is known: a finished session's 70–100 dots per
// cm² (domain.md §3) and the templates' stubble (model assumption).
const DefaultPerCM2 = 80.0

// Viewing is how the advice looks at the work: the needle that makes the
// dots, the viewing distance, and the density of dots and stubble.
// Zero fields take the defaults.
type Viewing struct {
	Needle    impression.Needle
	DistanceM float64
	PerCM2    float64
}

// withDefaults fills the zero fields.
func (v Viewing) withDefaults() Viewing {
	if v.Needle.GaugeMM == 0 {
		v.Needle = impression.DefaultNeedle
	}
	if !(v.DistanceM > 0) {
		v.DistanceM = viewer.DefaultDistanceM
	}
	if !(v.PerCM2 > 0) {
		v.PerCM2 = DefaultPerCM2
	}
	return v
}

// Warning is a badge an option carries, with the sentence that explains it
// (the shade panel shows both).
type Warning struct {
	// Code is stable: WarnBlueGrey or WarnInvisible.
	Code string
	// Text is the badge's short words with a number.
	Text string
	// Why explains it to a trainee in one sentence.
	Why string
}

// The warning codes.
const (
	WarnBlueGrey  = "blue-grey"
	WarnInvisible = "invisible"
)

// Option is one pigment at one dilution, judged for a skin and hair target.
type Option struct {
	PigmentID   string
	PigmentName string
	// Dilution is in parts water per part pigment; DilutionLabel is it as
	// artists write it ("neat", "1:20").
	Dilution      float64
	DilutionLabel string
	// Healed is the healed dot as seen on the skin; Aged is the same dot
	// appearance.PreviewYears later.
	Healed colorful.Color
	Aged   colorful.Color
	// HealedDiameterMM is the healed dot's diameter with the viewing's
	// needle.
	HealedDiameterMM float64
	// DeltaE is ΔE00 between one healed dot and one hair as seen on the
	// same skin (appearance.HairOnSkin): up close, not what is matched.
	DeltaE float64
	// AreaDE and TextureRatio compare the work, dots of this mix at the
	// viewing's density, with the client's stubble on the same skin, seen
	// from the viewing distance (viewer.Compare).
	AreaDE       float64
	TextureRatio float64
	// Match is 1 when the work reads as the stubble, falling to 0 (Match).
	Match float64
	// ContrastDE is ΔE00 between the skin and Healed; ContrastL is the
	// skin's L* minus the dot's (positive: the dot is darker).
	ContrastDE float64
	ContrastL  float64
	// SkinITA and SkinClass are the skin's Individual Typology Angle and
	// its class (Chardon 1991, domain.md §7); the same for every option.
	SkinITA   float64
	SkinClass string
	// BlueDrift is ΔE00 between the aged dot and the same dot without the
	// model's blue cast: how far ageing has moved it toward blue-grey.
	BlueDrift float64
	// Warnings are the option's badges, each with its explanation.
	Warnings []Warning
}

// Warned reports whether o carries the warning code.
func (o *Option) Warned(code string) bool {
	for _, w := range o.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

// Match is how well a seen area reads as its reference, 0..1: 1 with the
// area colour within AreaFullJND and the texture ratio within
// TextureFullMin–TextureFullMax, falling linearly (the texture in log
// ratio) to 0 at AreaZeroJND or a ratio of TextureZero either way. The
// colour criterion scores 100 × Match.
func Match(s viewer.Seen) float64 {
	area := ramp(s.AreaDE, AreaZeroJND*colour.JND, AreaFullJND*colour.JND)
	lr := math.Log(s.TextureRatio)
	full := math.Log(TextureFullMax)
	if lr < 0 {
		full = -math.Log(TextureFullMin)
	}
	tex := ramp(math.Abs(lr), math.Log(TextureZero), full)
	if math.IsNaN(tex) {
		tex = 0
	}
	return math.Min(area, tex)
}

// miss is how far a seen area is from a match, in units of the full-marks
// band (≤ 1 inside it): the tie-breaker among full matches.
func miss(s viewer.Seen) float64 {
	lr := math.Abs(math.Log(s.TextureRatio)) / math.Log(TextureFullMax)
	return math.Max(s.AreaDE/(AreaFullJND*colour.JND), lr)
}

// ramp is 1 at and below full, 0 at and above zero, linear between.
func ramp(v, zero, full float64) float64 {
	switch {
	case v <= full:
		return 1
	case v >= zero:
		return 0
	}
	return (zero - v) / (zero - full)
}

// Reference is the client's shaved hair as it looks on the skin: stubble of
// the hair colour, each hair a mark of appearance.HairMarkMM seen through
// the skin's optics, perCM2 to the square centimetre.
func Reference(skin, hair colorful.Color, perCM2 float64) viewer.Patch {
	return viewer.Patch{Skin: skin, Marks: []viewer.Marks{{
		DiameterMM: appearance.HairMarkMM, Colour: appearance.HairOnSkin(hair, skin), PerCM2: perCM2}}}
}

// Advise ranks every pigment × dilution of the embedded palette for the
// skin and hair with the default viewing (1RL 0.25, half a metre, 80 per
// cm²). It returns nil only if the embedded palette is broken, which the
// palette tests rule out.
func Advise(skin, hair colorful.Color) []Option { return AdviseFor(skin, hair, Viewing{}) }

// AdviseFor ranks every pigment × dilution of the embedded palette by what
// is seen (domain.md §9): how well work in the mix, at v's density and
// distance, reads as the client's stubble on the same skin (Match), then
// whether it will turn blue-grey, then how close it comes. Ties keep
// palette order.
func AdviseFor(skin, hair colorful.Color, v Viewing) []Option {
	p, err := palette.Default()
	if err != nil {
		return nil
	}
	return AdviseWith(p.Pigments, skin, hair, v)
}

// AdviseWith is AdviseFor over the given pigments.
func AdviseWith(pigments []palette.Pigment, skin, hair colorful.Color, v Viewing) []Option {
	v = v.withDefaults()
	skin = skin.Clamped()
	ita := colour.ITA(skin)
	class := colour.ITAClass(ita)
	skinL, _, _ := colour.LabOf(skin)
	ref := Reference(skin, hair, v.PerCM2)
	hairSeen := ref.Marks[0].Colour
	type ranked struct {
		o    Option
		cost float64
	}
	var out []ranked
	for _, pg := range pigments {
		for _, d := range pg.Dilutions {
			im := probe(pg.ID, d, v.Needle)
			healed := appearance.DotWith(pg, im, skin, appearance.Healed)
			aged := appearance.Explain(pg, im, skin, appearance.Aged(appearance.PreviewYears))
			dotL, _, _ := colour.LabOf(healed.Colour)
			work := viewer.Patch{Skin: skin, Marks: []viewer.Marks{{DiameterMM: healed.DiameterMM, Colour: healed.Colour, PerCM2: v.PerCM2}}}
			seen := viewer.Compare(work, ref, v.DistanceM)
			o := Option{
				PigmentID:        pg.ID,
				PigmentName:      pg.Name,
				Dilution:         d,
				DilutionLabel:    palette.DilutionLabel(d),
				Healed:           healed.Colour,
				Aged:             aged.Colour,
				HealedDiameterMM: healed.DiameterMM,
				DeltaE:           colour.DeltaE00(healed.Colour, hairSeen),
				AreaDE:           seen.AreaDE,
				TextureRatio:     seen.TextureRatio,
				Match:            Match(seen),
				ContrastDE:       colour.DeltaE00(skin, healed.Colour),
				ContrastL:        skinL - dotL,
				SkinITA:          ita,
				SkinClass:        class,
				BlueDrift:        colour.DeltaE00(aged.Unshifted, aged.Colour),
			}
			o.Warnings = warnings(&o)
			cost := 1 - o.Match + missWeight*miss(seen)
			if o.Warned(WarnBlueGrey) {
				cost++
			}
			out = append(out, ranked{o, cost})
		}
	}
	slices.SortStableFunc(out, func(a, b ranked) int { return cmp.Compare(a.cost, b.cost) })
	opts := make([]Option, len(out))
	for i, r := range out {
		opts[i] = r.o
	}
	return opts
}

// missWeight orders options of equal Match by how close they come: small,
// so it never outweighs a difference of Match.
const missWeight = 0.01

// WarningWhy is the sentence that explains a warning code to a trainee
// ("" for an unknown code): the shade panel and smpgrade show it.
func WarningWhy(code string) string {
	switch code {
	case WarnBlueGrey:
		return fmt.Sprintf("Dark carbon under the skin scatters blue light back as the years pass, most on fair skin; a drift over %g JND makes the healed work look slate-grey instead of hair, so start lighter (domain.md §7).", BlueDriftWarnJND)
	case WarnInvisible:
		return fmt.Sprintf("Seen from a normal distance the healed work shows under %g× the light–dark texture of the client's stubble on this skin, so it will not read as hair; use less water or a darker grey.", InvisibleRatio)
	}
	return ""
}

// warnings are o's badges with their explanations.
func warnings(o *Option) []Warning {
	var w []Warning
	if o.BlueDrift > BlueDriftWarnJND*colour.JND {
		w = append(w, Warning{Code: WarnBlueGrey, Why: WarningWhy(WarnBlueGrey),
			Text: fmt.Sprintf("turns blue-grey: drifts %.1f ΔE00 toward blue in %g years", o.BlueDrift, appearance.PreviewYears)})
	}
	if o.TextureRatio < InvisibleRatio {
		w = append(w, Warning{Code: WarnInvisible, Why: WarningWhy(WarnInvisible),
			Text: fmt.Sprintf("won't show: %.2f× the stubble's texture", o.TextureRatio)})
	}
	return w
}

// probe is the impression the advice judges: on target, with the needle.
func probe(pigment string, dilution float64, n impression.Needle) impression.Impression {
	return impression.Impression{DiameterMM: n.DotDiameterMM(), Needle: n, Depth: impression.Target,
		Pigment: pigment, Dilution: dilution, Session: 1}
}

// SkinName names a skin for feedback: the palette swatch within
// skinNameJND of it ("MST-03"), else its ITA class ("light skin (ITA 48°)").
func SkinName(skin colorful.Color) string {
	if p, err := palette.Default(); err == nil {
		best, bestDE := "", math.Inf(1)
		for _, s := range p.Skins {
			if de := colour.DeltaE00(s.Colour, skin); de < bestDE {
				best, bestDE = s.Name, de
			}
		}
		if bestDE <= skinNameJND*colour.JND {
			return best
		}
	}
	ita := colour.ITA(skin)
	return fmt.Sprintf("%s (ITA %.0f°)", colour.ITAClass(ita), ita)
}

// skinNameJND is how close a skin must be to a palette swatch to take its
// name: within 1 JND it is that swatch as far as anyone can see.
const skinNameJND = 1.0
