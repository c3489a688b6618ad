package render

import (
	"image"
	"image/color"
	"math"

	"github.com/lucasb-eyer/go-colorful"
)

// Colour handling. Overlays (zones, lines, markers, text) blend in gamma-
// encoded sRGB like any drawing program, which keeps thin lines crisp.
// Impressions and stubble blend in linear light: a dot covering a fraction a
// of a pixel must change the light the pixel sends by exactly a, which is
// what the eye (or a camera) integrates when it cannot resolve the dot.

// srgbToLin16 maps an 8-bit sRGB value to linear light in 0..65535.
var srgbToLin16 [256]uint16

// lin16ToSRGB maps linear light in 0..65535 to the nearest 8-bit sRGB value.
// 64 KiB: small enough to stay in cache, exact enough that a round trip of
// every 8-bit value is the identity (checked in tests).
var lin16ToSRGB [65536]uint8

func init() {
	for i := range srgbToLin16 {
		srgbToLin16[i] = uint16(math.Round(srgbDecode(float64(i)/255) * 65535))
	}
	for i := range lin16ToSRGB {
		lin16ToSRGB[i] = uint8(math.Round(srgbEncode(float64(i)/65535) * 255))
	}
}

// srgbDecode is the IEC 61966-2-1 sRGB transfer function, encoded → linear.
func srgbDecode(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// srgbEncode is the inverse of srgbDecode.
func srgbEncode(c float64) float64 {
	if c <= 0.0031308 {
		return 12.92 * c
	}
	return 1.055*math.Pow(c, 1/2.4) - 0.055
}

// linColour is an opaque colour in linear light, 0..65535 per channel,
// with its 8-bit sRGB encoding for pixels it covers fully.
type linColour struct {
	r, g, b    uint32
	sr, sg, sb uint8
}

// toLin converts a (possibly out-of-gamut) colorful colour to linear light,
// clamping to the sRGB gamut first.
func toLin(c colorful.Color) linColour {
	r, g, b := c.Clamped().LinearRgb()
	q := func(v float64) uint32 { return uint32(math.Round(math.Max(0, math.Min(1, v)) * 65535)) }
	lc := linColour{r: q(r), g: q(g), b: q(b)}
	lc.sr, lc.sg, lc.sb = lin16ToSRGB[lc.r], lin16ToSRGB[lc.g], lin16ToSRGB[lc.b]
	return lc
}

// rgba8 converts a colorful colour to an opaque 8-bit colour, clamped.
func rgba8(c colorful.Color) color.RGBA {
	r, g, b := c.Clamped().RGB255()
	return color.RGBA{r, g, b, 255}
}

// blendLinear composites an opaque linear colour over the 4 bytes p with
// coverage a in 0..65535, in linear light. dst alpha becomes opaque.
func blendLinear(p []uint8, c linColour, a uint32) {
	p = p[:4:4]
	if a >= 65535 {
		p[0], p[1], p[2], p[3] = c.sr, c.sg, c.sb, 255
		return
	}
	dr := uint32(srgbToLin16[p[0]])
	dg := uint32(srgbToLin16[p[1]])
	db := uint32(srgbToLin16[p[2]])
	// Rescale the coverage to 0..65536 so the interpolation can shift
	// instead of divide (this is the renderer's innermost loop); the
	// results stay within 0..65535 and fit uint32.
	a += a >> 15
	ia := 65536 - a
	p[0] = lin16ToSRGB[(dr*ia+c.r*a+32768)>>16]
	p[1] = lin16ToSRGB[(dg*ia+c.g*a+32768)>>16]
	p[2] = lin16ToSRGB[(db*ia+c.b*a+32768)>>16]
	p[3] = 255
}

// blendSRGB composites the straight (non-premultiplied) colour c with extra
// coverage a in 0..65535 over the 4 bytes p, in gamma-encoded sRGB, as
// image/draw's Over does. c.A scales the coverage.
func blendSRGB(p []uint8, c color.RGBA, a uint32) {
	p = p[:4:4]
	a = a * uint32(c.A) / 255
	ia := 65535 - a
	p[0] = uint8((uint32(p[0])*ia + uint32(c.R)*a + 32767) / 65535)
	p[1] = uint8((uint32(p[1])*ia + uint32(c.G)*a + 32767) / 65535)
	p[2] = uint8((uint32(p[2])*ia + uint32(c.B)*a + 32767) / 65535)
	p[3] = uint8((uint32(p[3])*ia + 255*a + 32767) / 65535)
}

// fillRect paints r ∩ dst.Bounds() with the opaque colour c.
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y):]
	n := r.Dx() * 4
	for i := 0; i < n; i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(dst.Pix[dst.PixOffset(r.Min.X, y):][:n], row[:n])
	}
}

// hexOr parses a #rrggbb colour, falling back to def when s is not one.
// The drawing functions cannot fail, and a template's colours are checked
// when it is loaded (package scalp), so a bad colour here draws the
// documented fallback rather than panicking.
func hexOr(s string, def colorful.Color) colorful.Color {
	c, err := colorful.Hex(s)
	if err != nil {
		return def
	}
	return c
}

// mixLab returns a + (b-a)·t in CIELAB, the space the appearance model mixes
// in (issue 3), so tints of skin keep their hue.
func mixLab(a, b colorful.Color, t float64) colorful.Color {
	return a.BlendLab(b, t).Clamped()
}

// withAlpha returns c with alpha a (0..1) as a straight 8-bit colour.
func withAlpha(c color.RGBA, a float64) color.RGBA {
	c.A = uint8(math.Round(math.Max(0, math.Min(1, a)) * 255))
	return c
}
