package colour

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/palette"
)

// Parse reads a colour written as
//
//	#rrggbb          sRGB in hex
//	lab:L,a,b        CIELAB (D65), L* in 0..100, a* and b* in −128..128
//	monk:N           Monk Skin Tone N, 1..10
//	fitzpatrick:N    Fitzpatrick example swatch N, 1..6 (or I..VI)
//	hair:ID          a hair target from the palette, such as hair:dark-brown
//
// Case and surrounding spaces do not matter. Errors name the input.
func Parse(s string) (colorful.Color, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	bad := func(format string, args ...any) (colorful.Color, error) {
		return colorful.Color{}, fmt.Errorf("colour %q: %s", s, fmt.Sprintf(format, args...))
	}
	switch {
	case in == "":
		return bad("empty; want #rrggbb, lab:L,a,b, monk:1..10, fitzpatrick:1..6 or hair:ID")
	case strings.HasPrefix(in, "#"):
		if len(in) != 7 || strings.Trim(in[1:], "0123456789abcdef") != "" {
			return bad("want #rrggbb with six hex digits")
		}
		c, err := colorful.Hex(in)
		if err != nil {
			return bad("want #rrggbb with six hex digits")
		}
		return c, nil
	case strings.HasPrefix(in, "lab:"):
		parts := strings.Split(in[len("lab:"):], ",")
		if len(parts) != 3 {
			return bad("want lab:L,a,b with three numbers")
		}
		var v [3]float64
		for i, p := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return bad("%q is not a number", strings.TrimSpace(p))
			}
			v[i] = f
		}
		if v[0] < 0 || v[0] > 100 {
			return bad("L* %g is outside 0..100", v[0])
		}
		if math.Abs(v[1]) > LabABMax || math.Abs(v[2]) > LabABMax {
			return bad("a*, b* must lie in −%g..%g", LabABMax, LabABMax)
		}
		return FromLab(v[0], v[1], v[2]), nil
	case strings.HasPrefix(in, "monk:"):
		n, err := strconv.Atoi(strings.TrimSpace(in[len("monk:"):]))
		if err != nil || n < 1 || n > 10 {
			return bad("the Monk scale runs monk:1 to monk:10")
		}
		return paletteSkin(s, fmt.Sprintf("monk:%d", n))
	case strings.HasPrefix(in, "fitzpatrick:"):
		arg := strings.TrimSpace(in[len("fitzpatrick:"):])
		n, err := strconv.Atoi(arg)
		if err != nil {
			n = romanToInt[arg]
		}
		if n < 1 || n > 6 {
			return bad("the Fitzpatrick scale runs fitzpatrick:1 to fitzpatrick:6 (or I to VI)")
		}
		return paletteSkin(s, fmt.Sprintf("fitzpatrick:%d", n))
	case strings.HasPrefix(in, "hair:"):
		p, err := palette.Default()
		if err != nil {
			return colorful.Color{}, err
		}
		sw, err := p.HairTarget(strings.TrimSpace(in[len("hair:"):]))
		if err != nil {
			return bad("%v", err)
		}
		return sw.Colour, nil
	}
	return bad("unknown form; want #rrggbb, lab:L,a,b, monk:1..10, fitzpatrick:1..6 or hair:ID")
}

// LabABMax bounds the a* and b* that Parse accepts: the customary CIELAB
// range (8-bit Lab encodings stop at ±128), well past any real surface
// colour, so a larger value is a typo.
const LabABMax = 128.0

var romanToInt = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}

func paletteSkin(input, id string) (colorful.Color, error) {
	p, err := palette.Default()
	if err != nil {
		return colorful.Color{}, err
	}
	sw, err := p.Skin(id)
	if err != nil {
		return colorful.Color{}, fmt.Errorf("colour %q: %w", input, err)
	}
	return sw.Colour, nil
}
