package score

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// Every distance the dot criteria measure (nearest neighbours, Clark–Evans,
// bond orientations, spacing spread, gap sizes, merge distances) is measured
// on the skin of the template's model head, not on the chart, which keeps
// areas but not distances (domain.md §9). Dots are lifted onto the head
// (scalp.Head.ToSkin) and distances are chords between the lifted points:
// shorter than the tape-measure distance d by d²/(24R²), under 0.06% for
// d ≤ 10 mm. Directions and the gap search's discs use the chart-to-skin
// Jacobian at the place measured. Densities stay on the chart, whose areas
// are skin areas.

// minScaleMargin widens the least local scale found by sampling the chart
// into the bound the ring searches rely on: it covers the sampling step and
// the chord's shortfall against the arc at search radii up to about 40 mm
// (model assumption; a wider margin only makes searches look a little
// farther).
const minScaleMargin = 0.95

// skinSurface returns the surface the grids of region pg measure on, or
// nil for a flat chart. The local scale falls monotonically away from the
// apex (cos(θ/2) and the oval stretch), so its least value over a region
// lies on the region's boundary: sampled along pg's edges, then widened by
// minScaleMargin. Dots outside pg are still found, but a ring search from
// far outside may stop early: they sit outside every zone.
func skinSurface(h scalp.Head, pg geom.Polygon) *spatial.Surface {
	if h.Projection == scalp.Flat || !(h.RadiusMM > 0) || !(h.Aspect > 0) || len(pg) == 0 {
		return nil
	}
	lo, _ := h.LocalScale(pg[0])
	const perEdge = 16
	for i, a := range pg {
		b := pg[(i+1)%len(pg)]
		for k := range perEdge {
			l, _ := h.LocalScale(a.Add(b.Sub(a).Mul(float64(k) / perEdge)))
			lo = math.Min(lo, l)
		}
	}
	if !(lo > 0) || math.IsInf(lo, 0) {
		lo = 1e-3
	}
	return &spatial.Surface{Lift: h.ToSkin, MinScale: minScaleMargin * lo}
}

// dist is the skin distance between two chart points.
func (p *prep) dist(a, b geom.Point) float64 {
	if p.surf == nil {
		return a.Dist(b)
	}
	return math.Sqrt(p.t.Head.ToSkin(a).Dist2(p.t.Head.ToSkin(b)))
}

// skinStep is the skin displacement from a to b, through the Jacobian at
// their midpoint, written in the orthonormal skin frame whose first axis is
// the skin image of the chart's x axis there. Lengths and angles in it are
// skin lengths and angles; tying the frame to the chart's axes, which the
// trainee sees and works along, keeps rows drawn along a chart line at one
// angle across a zone, while skin-isotropic work stays isotropic in any
// orthonormal frame.
func (p *prep) skinStep(a, b geom.Point) geom.Point {
	d := b.Sub(a)
	if p.surf == nil {
		return d
	}
	j := p.t.Head.Jacobian(geom.Pt((a.X+b.X)/2, (a.Y+b.Y)/2))
	v := j.Apply(d)
	ex, ey := j.XX, j.YX // the image of the chart's x axis
	n := math.Hypot(ex, ey)
	if !(n > 0) {
		return v
	}
	ex, ey = ex/n, ey/n
	return geom.Pt(v.X*ex+v.Y*ey, ex*v.Y-ey*v.X)
}

// ellipse is the chart shape of a small skin disc: the chart displacements d
// with dᵀGd ≤ r², G = JᵀJ the skin metric at the disc's centre. det G = 1
// since the chart keeps areas.
type ellipse struct{ gxx, gxy, gyy float64 }

// flatMetric is the metric of a flat chart, where a skin disc is a disc.
var flatMetric = ellipse{1, 0, 1}

// metricAt returns the skin metric at chart point q.
func (p *prep) metricAt(q geom.Point) ellipse {
	if p.surf == nil {
		return flatMetric
	}
	j := p.t.Head.Jacobian(q)
	return ellipse{
		gxx: j.XX*j.XX + j.YX*j.YX,
		gxy: j.XX*j.XY + j.YX*j.YY,
		gyy: j.XY*j.XY + j.YY*j.YY,
	}
}

// halfHeight is the chart half-extent in y of the skin disc of radius r.
func (e ellipse) halfHeight(r float64) float64 { return r * math.Sqrt(e.gxx) }

// halfWidth is the chart half-extent in x of the skin disc of radius r.
func (e ellipse) halfWidth(r float64) float64 { return r * math.Sqrt(e.gyy) }
