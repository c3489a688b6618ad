// Package shade advises on pigment and dilution: which mix, once healed,
// reads as the client's shaved hair on the client's skin, and which will
// drift toward blue-grey as it ages (domain.md §7). It also judges the
// colour of a trainee's work for the scorer.
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
)

// Thresholds in ΔE00, all multiples of the just-noticeable difference
// (about 1 ΔE00, domain.md §7). The multiples are model assumptions.
const (
	// BlueDriftWarnJND is how far, in JND, the aged (appearance.PreviewYears)
	// dot may drift toward blue before an option carries a warning: a drift
	// of 3 JND is plainly visible side by side, not just noticeable.
	BlueDriftWarnJND = 3.0
	// LowContrastJND is the skin-to-dot difference below which the dots
	// barely read against the skin at a normal viewing distance.
	LowContrastJND = 5.0
	// MatchJND is the distance to the target within which Assess calls the
	// healed shade a match: 2 JND, noticeable only side by side.
	MatchJND = 2.0
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
	// DeltaE is ΔE00 between Healed and the hair target: the ranking key.
	DeltaE float64
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
	// Warnings are for people, such as "turns blue-grey: drifts 3.9 ΔE00
	// toward blue in 5 years"; empty when there is nothing to warn of.
	Warnings []string
}

// Advise ranks every pigment × dilution of the embedded palette by the
// ΔE00 between its healed dot on skin and the hair target, best first.
// Ties keep palette order. It returns nil only if the embedded palette is
// broken, which the palette tests rule out.
func Advise(skin, hair colorful.Color) []Option {
	p, err := palette.Default()
	if err != nil {
		return nil
	}
	return AdviseWith(p.Pigments, skin, hair)
}

// AdviseWith is Advise over the given pigments.
func AdviseWith(pigments []palette.Pigment, skin, hair colorful.Color) []Option {
	skin = skin.Clamped()
	ita := colour.ITA(skin)
	class := colour.ITAClass(ita)
	skinL, _, _ := colour.LabOf(skin)
	var out []Option
	for _, pg := range pigments {
		for _, d := range pg.Dilutions {
			im := probe(pg.ID, d)
			healed := appearance.DotWith(pg, im, skin, appearance.Healed).Colour
			aged := appearance.Explain(pg, im, skin, appearance.Aged(appearance.PreviewYears))
			dotL, _, _ := colour.LabOf(healed)
			o := Option{
				PigmentID:     pg.ID,
				PigmentName:   pg.Name,
				Dilution:      d,
				DilutionLabel: palette.DilutionLabel(d),
				Healed:        healed,
				Aged:          aged.Colour,
				DeltaE:        colour.DeltaE00(healed, hair),
				ContrastDE:    colour.DeltaE00(skin, healed),
				ContrastL:     skinL - dotL,
				SkinITA:       ita,
				SkinClass:     class,
				BlueDrift:     colour.DeltaE00(aged.Unshifted, aged.Colour),
			}
			if o.BlueDrift > BlueDriftWarnJND*colour.JND {
				o.Warnings = append(o.Warnings, fmt.Sprintf("turns blue-grey: drifts %.1f ΔE00 toward blue in %g years (over %g JND)",
					o.BlueDrift, appearance.PreviewYears, BlueDriftWarnJND))
			}
			if o.ContrastDE < LowContrastJND*colour.JND {
				o.Warnings = append(o.Warnings, fmt.Sprintf("low contrast: the healed dot is only %.1f ΔE00 from the skin", o.ContrastDE))
			}
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b Option) int { return cmp.Compare(a.DeltaE, b.DeltaE) })
	return out
}

// probe is the impression the advice judges: on target, default needle.
func probe(pigment string, dilution float64) impression.Impression {
	n := impression.DefaultNeedle
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
