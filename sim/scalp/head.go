package scalp

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// Head is the model head that a template's chart flattens.
//
// The model (an assumption, not a clinical fact) is a sphere of radius
// RadiusMM: the authalic sphere of the client's head, the sphere with the same
// surface area. The surface is flattened with a Lambert azimuthal equal-area
// projection centred on the apex, so a patch of skin keeps its area on the
// chart. The chart is then stretched by Aspect along the front-back axis and
// squeezed by the same factor across; that linear map has determinant one,
// so it keeps areas too, and gives the chart the long oval of a real head
// seen from above. Densities measured on the chart are therefore densities on
// skin. Distances are only close to true near the apex: the projection
// stretches them radially by 1/cos(θ/2), about 13% at the frontal hairline.
type Head struct {
	// RadiusMM is the authalic sphere's radius. A 57 cm head circumference
	// gives about 91 mm.
	RadiusMM float64 `json:"radius_mm"`
	// Aspect is the square root of the chart's length-to-width ratio; 1 is a
	// round head.
	Aspect float64 `json:"aspect"`
}

// Project maps a point on the head, given as its polar angle theta from the
// apex and its azimuth phi (0 toward the face, positive toward the client's
// right), both in radians, to the chart.
func (h Head) Project(theta, phi float64) geom.Point {
	rho := 2 * h.RadiusMM * math.Sin(theta/2)
	return geom.Point{
		X: rho * math.Sin(phi) / h.Aspect,
		Y: -rho * math.Cos(phi) * h.Aspect,
	}
}

// Unproject is the inverse of Project. Points beyond the projection's
// antipode report theta = π.
func (h Head) Unproject(p geom.Point) (theta, phi float64) {
	x, y := p.X*h.Aspect, -p.Y/h.Aspect
	rho := math.Hypot(x, y)
	s := math.Min(1, rho/(2*h.RadiusMM))
	return 2 * math.Asin(s), math.Atan2(x, y)
}

// SurfaceDist returns the great-circle distance in mm between two chart
// points on the model head: the distance a tape measure laid on the scalp
// would read, which is how hairline heights are quoted.
func (h Head) SurfaceDist(a, b geom.Point) float64 {
	t1, p1 := h.Unproject(a)
	t2, p2 := h.Unproject(b)
	c := math.Cos(t1)*math.Cos(t2) + math.Sin(t1)*math.Sin(t2)*math.Cos(p1-p2)
	return h.RadiusMM * math.Acos(math.Max(-1, math.Min(1, c)))
}
