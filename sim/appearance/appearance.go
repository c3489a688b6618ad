// Package appearance predicts how an SMP impression looks on a given skin:
// fresh (just done), healed (about a month later) and aged (years later).
//
// Every number here is a *model assumption* unless it cites domain.md: no
// published optical model of SMP exists. The model mixes in linear light
// (pigment as a filter over the skin) and in CIELAB (the blue shift), never
// in gamma-encoded sRGB.
package appearance

import (
	"fmt"
	"math"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/impression"
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
	Kind  StageKind
	Years float64
}

// Fresh and Healed are the two stages without a duration.
var (
	Fresh  = Stage{Kind: KindFresh}
	Healed = Stage{Kind: KindHealed}
)

// Aged returns the stage years after healing. Negative years count as 0.
func Aged(years float64) Stage {
	if !(years > 0) {
		years = 0
	}
	return Stage{Kind: KindAged, Years: years}
}

// String names the stage for the trainer's preview switch and for reports,
// such as "fresh", "healed" or "aged 5 y".
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
	// with the skin beneath it. Draw it opaque.
	Colour colorful.Color
	// DiameterMM is the visible diameter of the dot.
	DiameterMM float64
}

// Model assumptions of this first version (refined in later commits).
const (
	// maxOpticalDensity is the optical density (log10 of the light
	// attenuation) of a saturated carbon deposit: undiluted carbon black
	// on fair skin reads at about L* 20. Model assumption.
	maxOpticalDensity = 1.45
	// halfConcentration is the pigment concentration that reaches
	// 1−1/e of the saturated density. Model assumption, set so that the
	// 20–30× dilutions artists use (domain.md §7) give mid-dark greys.
	halfConcentration = 0.03
	// healedRetention is the fraction of the deposited pigment left once
	// healed, so the healed dot is 2–3 ladder steps lighter (domain.md §7).
	healedRetention = 0.5
	// healedGrowth is how much wider a healed dot is than a fresh one
	// ("may grow slightly", domain.md §7). Model assumption.
	healedGrowth = 1.15
)

// Dot returns what impression im looks like on skin at stage st.
func Dot(im impression.Impression, skin colorful.Color, st Stage) Look {
	c := 1 / (1 + math.Max(0, im.Dilution))
	d := im.DiameterMM
	if st.Kind != KindFresh {
		c *= healedRetention
		d *= healedGrowth
	}
	od := maxOpticalDensity * (1 - math.Exp(-c/halfConcentration))
	t := math.Pow(10, -od)
	r, g, b := skin.LinearRgb()
	return Look{Colour: colorful.LinearRgb(r*t, g*t, b*t), DiameterMM: d}
}
