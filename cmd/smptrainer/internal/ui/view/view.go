// Package view maps the chart (millimetres) to the screen (device pixels)
// and back, and decides the zoom bucket the cached chart picture is drawn
// at.
//
// True scale. A "1:1" zoom means one millimetre of chart covers one
// millimetre of glass. Operating systems do not report a monitor's physical
// size reliably, so the trainer assumes the convention CSS and Windows use:
// a logical pixel is 1/96 inch (the *model assumption* LogicalDPI), and the
// monitor's device scale factor (Ebitengine's
// Monitor().DeviceScaleFactor()) says how many device pixels make one
// logical pixel. 1:1 is therefore DeviceScaleFactor × 96 / 25.4 device
// pixels per mm, 3.78 px/mm at a scale factor of 1. A monitor whose real
// density differs from 96 dpi per logical pixel shows "1:1" slightly larger
// or smaller; the status line always gives the px/mm too.
package view

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/render"
)

// LogicalDPI is the assumed density of one logical pixel: 96 per inch, the
// CSS reference pixel (*model assumption*, see the package comment).
const LogicalDPI = 96

// MMPerInch converts inches to millimetres (exact by definition).
const MMPerInch = 25.4

// TrueScale returns the device pixels per mm of the 1:1 zoom for a device
// scale factor dsf.
func TrueScale(dsf float64) float64 {
	if !(dsf > 0) || math.IsInf(dsf, 0) {
		dsf = 1
	}
	return dsf * LogicalDPI / MMPerInch
}

// Zoom limits, as multiples of the 1:1 scale. At 1/8 a whole scalp fits a
// small window; at 64× a 0.20 mm dot is about 48 px wide at 96 dpi, large
// enough to see its edge.
const (
	MinZoom = 1.0 / 8
	MaxZoom = 64.0
)

// BucketsPerOctave is how many cache buckets there are per doubling of the
// zoom. The chart picture is rendered at the bucket scale at or just above
// the screen scale and shrunk by the GPU by at most 2^(-1/BucketsPerOctave),
// which keeps dots sharp while a wheel zoom re-renders only every other
// notch.
const BucketsPerOctave = 2

// WheelStepsPerOctave is how many wheel notches double the zoom.
const WheelStepsPerOctave = 4

// Camera is the current view of the chart.
type Camera struct {
	// Origin is the chart point, in mm, at the top-left corner of the
	// screen.
	Origin geom.Point
	// Scale is in device pixels per mm.
	Scale float64
	// True is the 1:1 scale (TrueScale) the zoom is measured against.
	True float64
}

// New returns a 1:1 camera centred on the chart point c for a w×h screen.
func New(trueScale float64, c geom.Point, w, h int) Camera {
	cam := Camera{Scale: trueScale, True: trueScale}
	cam.CentreOn(c, w, h)
	return cam
}

// CentreOn moves the camera so that the chart point c is at the centre of a
// w×h screen.
func (c *Camera) CentreOn(p geom.Point, w, h int) {
	c.Origin = geom.Point{X: p.X - float64(w)/2/c.Scale, Y: p.Y - float64(h)/2/c.Scale}
}

// ToScreen returns the screen position of the chart point p.
func (c Camera) ToScreen(p geom.Point) (x, y float64) {
	return (p.X - c.Origin.X) * c.Scale, (p.Y - c.Origin.Y) * c.Scale
}

// ToMM returns the chart point under the screen position (x, y).
func (c Camera) ToMM(x, y float64) geom.Point {
	return geom.Point{X: c.Origin.X + x/c.Scale, Y: c.Origin.Y + y/c.Scale}
}

// Zoom returns the scale as a multiple of 1:1.
func (c Camera) Zoom() float64 { return c.Scale / c.True }

// ZoomAbout multiplies the scale by factor, clamped to the zoom limits,
// keeping the chart point under screen position (x, y) where it is.
func (c *Camera) ZoomAbout(x, y, factor float64) {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return
	}
	p := c.ToMM(x, y)
	s := c.Scale * factor
	s = math.Max(c.True*MinZoom, math.Min(c.True*MaxZoom, s))
	c.Scale = s
	c.Origin = geom.Point{X: p.X - x/s, Y: p.Y - y/s}
}

// Wheel zooms by notches wheel steps about (x, y).
func (c *Camera) Wheel(x, y, notches float64) {
	c.ZoomAbout(x, y, math.Exp2(notches/WheelStepsPerOctave))
}

// SetZoom sets the zoom to z × 1:1 about the screen point (x, y).
func (c *Camera) SetZoom(x, y, z float64) { c.ZoomAbout(x, y, z*c.True/c.Scale) }

// Pan moves the chart by (dx, dy) screen pixels, as a drag does.
func (c *Camera) Pan(dx, dy float64) {
	c.Origin.X -= dx / c.Scale
	c.Origin.Y -= dy / c.Scale
}

// Fit sets the scale and origin so that r fills a w×h screen less margin
// pixels on each side, within the zoom limits.
func (c *Camera) Fit(r geom.Rect, w, h, margin int) {
	v := render.FitView(r, w, h, margin)
	c.Scale = math.Max(c.True*MinZoom, math.Min(c.True*MaxZoom, v.PxPerMM))
	c.CentreOn(geom.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}, w, h)
}

// Bucket returns the cache bucket for the camera's scale: the smallest k
// with BucketScale(k) ≥ Scale (within rounding), so the cached picture is
// never magnified.
func (c Camera) Bucket() int {
	k := math.Log2(c.Scale/c.True) * BucketsPerOctave
	return int(math.Ceil(k - 1e-9))
}

// BucketScale returns the px/mm the cache of bucket k is drawn at.
func (c Camera) BucketScale(k int) float64 {
	return c.True * math.Exp2(float64(k)/BucketsPerOctave)
}

// Render returns the render.View of the screen itself.
func (c Camera) Render() render.View { return render.View{Origin: c.Origin, PxPerMM: c.Scale} }
