package ui

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// whitePixel is a 1×1 white image that rectangles and lines are drawn
// with: one textured quad each, batched with the rest of the frame, where
// the vector package would build a path and a stencil per shape.
var whitePixel *ebiten.Image

func white() *ebiten.Image {
	if whitePixel == nil {
		whitePixel = ebiten.NewImage(1, 1)
		whitePixel.Fill(color.White)
	}
	return whitePixel
}

// fillRect fills the axis-aligned rectangle (x, y, w, h) with c.
func fillRect(dst *ebiten.Image, x, y, w, h float32, c color.Color) {
	if w <= 0 || h <= 0 {
		return
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(float64(w), float64(h))
	op.GeoM.Translate(float64(x), float64(y))
	op.ColorScale.ScaleWithColor(c)
	dst.DrawImage(white(), op)
}

// hline and vline draw axis-aligned lines of width sw centred on the
// given coordinate.
func hline(dst *ebiten.Image, x0, x1, y, sw float32, c color.Color) {
	fillRect(dst, float32(math.Min(float64(x0), float64(x1))), y-sw/2, float32(math.Abs(float64(x1-x0))), sw, c)
}

func vline(dst *ebiten.Image, x, y0, y1, sw float32, c color.Color) {
	fillRect(dst, x-sw/2, float32(math.Min(float64(y0), float64(y1))), sw, float32(math.Abs(float64(y1-y0))), c)
}
