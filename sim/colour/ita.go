package colour

import (
	"math"

	"github.com/lucasb-eyer/go-colorful"
)

// ITA returns the Individual Typology Angle of a skin colour in degrees,
// ITA° = atan((L* − 50) / b*) · 180/π (Chardon et al. 1991, domain.md §7).
// Higher is lighter. A skin with b* = 0 gets ±90°.
func ITA(c colorful.Color) float64 {
	l, _, b := LabOf(c)
	return ITALab(l, b)
}

// ITALab is ITA on CIELAB L* and b* in standard units.
func ITALab(l, b float64) float64 {
	if b == 0 {
		switch {
		case l > 50:
			return 90
		case l < 50:
			return -90
		}
		return 0
	}
	return math.Atan((l-50)/b) * 180 / math.Pi
}

// ITA class boundaries in degrees (Chardon et al. 1991, domain.md §7).
const (
	itaVeryLight    = 55
	itaLight        = 41
	itaIntermediate = 28
	itaTan          = 10
	itaBrown        = -30
)

// ITAClass names the skin class of an ITA angle (Chardon et al. 1991,
// domain.md §7): "very light" above 55°, "light" 41–55°, "intermediate"
// 28–41°, "tan" 10–28°, "brown" −30–10° and "dark" below −30°. A value on
// a boundary goes to the darker class.
func ITAClass(ita float64) string {
	switch {
	case ita > itaVeryLight:
		return "very light"
	case ita > itaLight:
		return "light"
	case ita > itaIntermediate:
		return "intermediate"
	case ita > itaTan:
		return "tan"
	case ita > itaBrown:
		return "brown"
	}
	return "dark"
}
