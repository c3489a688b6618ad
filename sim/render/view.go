// Package render is the software renderer of scalp charts: the template
// (skin, existing stubble, scars, zones, design hairline, landmarks), the
// impressions as they look on the skin at a given healing stage, and the
// overlays an instructor reads (problem markers, a density heatmap, a scale
// bar). It draws into a plain *image.RGBA with package image and
// golang.org/x/image/vector, so the trainer (Ebitengine) and the HTML reports
// share one set of pictures and tests can read pixels back.
//
// Every function draws only inside dst.Bounds(). dst may be a sub-image of
// a larger canvas: pixel coordinates are always those of the full canvas, so
// redrawing a dirty rectangle means passing dst.SubImage(r). Output is a pure
// function of the inputs: no clocks, no global random state, no map order.
//
// Dots are composited in linear light (see blendLinear), so a dot smaller
// than a pixel darkens that pixel by exactly its share of the area and a zoomed-out
// chart shows the true average tone of the work.
package render

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// View maps chart millimetres to pixels: a uniform scale and a translation.
// Pixel (i, j) covers the square [i, i+1) × [j, j+1) of pixel space, so the
// chart point Origin lies at the top-left corner of pixel (0, 0). Chart Y
// grows toward the nape, which is down the picture: the face is at the top.
type View struct {
	// Origin is the chart point, in mm, at pixel (0, 0).
	Origin geom.Point
	// PxPerMM is the scale. It must be positive and finite; the drawing
	// functions draw nothing with any other value.
	PxPerMM float64
}

// ToPx returns the pixel-space position of the chart point p.
func (v View) ToPx(p geom.Point) (x, y float64) {
	return (p.X - v.Origin.X) * v.PxPerMM, (p.Y - v.Origin.Y) * v.PxPerMM
}

// ToMM returns the chart point at pixel-space position (x, y). The centre of
// pixel (i, j) is at (i+0.5, j+0.5).
func (v View) ToMM(x, y float64) geom.Point {
	return geom.Point{X: v.Origin.X + x/v.PxPerMM, Y: v.Origin.Y + y/v.PxPerMM}
}

// Valid reports whether the view's scale and origin are finite and the
// scale positive.
func (v View) Valid() bool {
	return v.PxPerMM > 0 && !math.IsInf(v.PxPerMM, 0) && v.Origin.IsFinite()
}

// FitView returns the view that shows the rectangle r as large as fits in a
// w×h pixel image with marginPx pixels free on every side, at one uniform
// scale, centred both ways. A degenerate r (zero width or height) or an
// image too small for the margins still gives a valid view: the scale falls
// back to fit whichever dimension is non-zero, or to 1 px/mm.
func FitView(r geom.Rect, w, h int, marginPx int) View {
	aw := float64(w - 2*marginPx)
	ah := float64(h - 2*marginPx)
	if aw <= 0 || ah <= 0 {
		// No room for the margins: use the whole image.
		aw, ah = float64(max(w, 1)), float64(max(h, 1))
	}
	s := math.Inf(1)
	if r.Dx() > 0 {
		s = aw / r.Dx()
	}
	if r.Dy() > 0 {
		s = math.Min(s, ah/r.Dy())
	}
	if math.IsInf(s, 0) || math.IsNaN(s) || s <= 0 {
		s = 1
	}
	cx := (r.Min.X + r.Max.X) / 2
	cy := (r.Min.Y + r.Max.Y) / 2
	return View{
		Origin:  geom.Point{X: cx - float64(w)/2/s, Y: cy - float64(h)/2/s},
		PxPerMM: s,
	}
}
