// Package colour holds the colour science the trainer and the grader share:
// perceptual colour distance (CIEDE2000 and CIE76, in standard units),
// parsing of colour strings, and the Individual Typology Angle of a skin
// tone (domain.md §7).
//
// CIELAB here is always D65, with L* in 0..100 and a*, b* in their usual
// units (go-colorful's Lab() divides all three by 100; this package
// multiplies back).
package colour

import (
	"math"

	"github.com/lucasb-eyer/go-colorful"
)

// JND is the colour difference, in ΔE00, that an observer just notices:
// about 1 ΔE00 (domain.md §7).
const JND = 1.0

// LabOf returns c in CIELAB (D65) in standard units: L* in 0..100.
func LabOf(c colorful.Color) (l, a, b float64) {
	l, a, b = c.Lab()
	return l * 100, a * 100, b * 100
}

// FromLab returns the colour with CIELAB (D65) coordinates in standard
// units. The result may lie outside the sRGB gamut; Clamped() fixes that
// for display.
func FromLab(l, a, b float64) colorful.Color {
	return colorful.Lab(l/100, a/100, b/100)
}

// DeltaE00 returns the CIEDE2000 colour difference between a and b in
// standard units (about 1 = one just-noticeable difference), with the
// parametric factors kL = kC = kH = 1.
//
// It is implemented here rather than taken from go-colorful for two
// reasons: go-colorful returns ΔE00/100, and its hue-mean test fails on
// Sharma pair 10, whose hues differ by exactly 180° (floating-point
// rounding tips |h1′−h2′| just over 180 and picks the wrong mean hue).
func DeltaE00(a, b colorful.Color) float64 {
	l1, a1, b1 := LabOf(a)
	l2, a2, b2 := LabOf(b)
	return DeltaE00Lab(l1, a1, b1, l2, a2, b2)
}

// DeltaE76 returns the CIE 1976 colour difference, the Euclidean distance
// in CIELAB, in standard units. It is kept for comparison: it overstates
// differences between saturated colours and understates them among greys.
func DeltaE76(a, b colorful.Color) float64 {
	l1, a1, b1 := LabOf(a)
	l2, a2, b2 := LabOf(b)
	return math.Sqrt(sq(l1-l2) + sq(a1-a2) + sq(b1-b2))
}

// hueTieDeg is the tolerance, in degrees, within which two hues count as
// exactly 180° apart. Hue angles from atan2 carry rounding of about 1e-13°,
// so pairs that are exactly opposite in their Lab inputs (Sharma pair 10)
// land a hair either side of 180; the CIEDE2000 definition uses the plain
// mean when |Δh′| ≤ 180°, and this tolerance makes that choice reliable.
const hueTieDeg = 1e-9

// pow25to7 is 25⁷, a constant of the CIEDE2000 formula.
const pow25to7 = 6103515625.0

// DeltaE00Lab is DeltaE00 on CIELAB coordinates in standard units. It
// follows Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference
// formula: implementation notes, supplementary test data, and mathematical
// observations", Color Res. Appl. 30(1), equations 2–21.
func DeltaE00Lab(l1, a1, b1, l2, a2, b2 float64) float64 {
	const deg = math.Pi / 180

	c1 := math.Hypot(a1, b1)
	c2 := math.Hypot(a2, b2)
	cm7 := math.Pow((c1+c2)/2, 7)
	g := 0.5 * (1 - math.Sqrt(cm7/(cm7+pow25to7)))
	a1p := (1 + g) * a1
	a2p := (1 + g) * a2
	c1p := math.Hypot(a1p, b1)
	c2p := math.Hypot(a2p, b2)
	h1p := hueDeg(a1p, b1)
	h2p := hueDeg(a2p, b2)

	dL := l2 - l1
	dC := c2p - c1p
	cprod := c1p * c2p
	var dh float64
	if cprod != 0 {
		dh = h2p - h1p
		switch {
		case dh > 180+hueTieDeg:
			dh -= 360
		case dh < -180-hueTieDeg:
			dh += 360
		}
	}
	dH := 2 * math.Sqrt(cprod) * math.Sin(dh/2*deg)

	lm := (l1 + l2) / 2
	cm := (c1p + c2p) / 2
	hm := h1p + h2p
	if cprod != 0 {
		if math.Abs(h1p-h2p) <= 180+hueTieDeg {
			hm /= 2
		} else if hm < 360 {
			hm = (hm + 360) / 2
		} else {
			hm = (hm - 360) / 2
		}
	}

	t := 1 - 0.17*math.Cos((hm-30)*deg) + 0.24*math.Cos(2*hm*deg) +
		0.32*math.Cos((3*hm+6)*deg) - 0.20*math.Cos((4*hm-63)*deg)
	dTheta := 30 * math.Exp(-sq((hm-275)/25))
	cm7p := math.Pow(cm, 7)
	rc := 2 * math.Sqrt(cm7p/(cm7p+pow25to7))
	lm50 := sq(lm - 50)
	sl := 1 + 0.015*lm50/math.Sqrt(20+lm50)
	sc := 1 + 0.045*cm
	sh := 1 + 0.015*cm*t
	rt := -math.Sin(2*dTheta*deg) * rc

	tl, tc, th := dL/sl, dC/sc, dH/sh
	return math.Sqrt(math.Max(0, tl*tl+tc*tc+th*th+rt*tc*th))
}

// hueDeg is the hue angle of (a, b) in [0, 360), and 0 for a neutral.
func hueDeg(a, b float64) float64 {
	if a == 0 && b == 0 {
		return 0
	}
	h := math.Atan2(b, a) * 180 / math.Pi
	if h < 0 {
		h += 360
	}
	return h
}

func sq(x float64) float64 { return x * x }
