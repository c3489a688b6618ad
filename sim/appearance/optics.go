package appearance

import (
	"math"

	"github.com/lucasb-eyer/go-colorful"
)

// ThroughSkin is the skin optics every mark on the scalp goes through, a
// pigment dot and a shaved hair alike: what a viewer sees where something
// under the skin's surface passes the fractions t (linear-light R, G, B,
// 0..1) of the light the skin would otherwise remit.
//
// A share SurfaceShare of the skin's own light is reflected at its surface
// and never meets what lies beneath; the rest is filtered:
//
//	seen = skin × (SurfaceShare + (1 − SurfaceShare) × t)
//
// The surface share is a fraction of the skin's light, not a fixed amount
// of it: the skin colours are display swatches, not measured reflectances
// (domain.md §9), and a fixed glare sized for fair skin would be most of a
// dark swatch's light, so every ink would look alike on MST-10. With a
// share, the darkest ink keeps the same contrast ratio on every skin, and
// on dark skin bolder, darker dots show (domain.md §7).
func ThroughSkin(skin colorful.Color, t [3]float64) colorful.Color {
	sr, sg, sb := skin.Clamped().LinearRgb()
	f := func(s, t float64) float64 {
		t = math.Max(0, math.Min(1, t))
		return s * (SurfaceShare + (1-SurfaceShare)*t)
	}
	return colorful.LinearRgb(f(sr, t[0]), f(sg, t[1]), f(sb, t[2])).Clamped()
}

// HairMarkMM is the diameter of the mark one shaved hair makes on the
// scalp: a hair's own width, 67–120 µm across (domain.md §2), taken at
// 0.10 mm (model assumption: the cut end and the shaft just under the
// surface read as one round mark of the hair's width).
const HairMarkMM = 0.10

// HairOnSkin is a shaved hair seen in the skin, through the same optics as
// a dot: the measured colour of a hair tress (domain.md §9, the palette's
// hair targets) is the share of light the hair passes back, so the cut
// hair shaft below the surface filters the skin's light by it (model
// assumption: a stub in the skin reads as a column of the hair's own
// pigment, as a dot reads as a column of carbon). A hair no darker than
// real black hair (L* 18) is therefore never darker than a dot of
// DensityBlackHair or more on the same skin.
func HairOnSkin(hair, skin colorful.Color) colorful.Color {
	r, g, b := hair.Clamped().LinearRgb()
	return ThroughSkin(skin, [3]float64{r, g, b})
}
