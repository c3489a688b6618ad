package scalp

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// The face frame is how a hairline is measured with a tape (domain-clients.md
// §4): U is the horizontal distance from the midline, along the scalp's
// circle of latitude through the point, + toward the client's right; V is
// the height above the brow line (the model sphere's equator, where the
// glabella sits), along the meridian. Both are in mm of skin. The glabella
// is (0, 0), the mid-frontal point is (0, height), and the lateral-canthus
// line is U = ±canthus offset, the same "horizontal arc from the midline"
// the templates' canthus lines use (build.go's canthusArc). Model
// assumption: a tape laid level and one laid vertical on the model sphere.

// Face returns the face-frame coordinates (u, v) of chart point p.
func (h Head) Face(p geom.Point) (u, v float64) {
	theta, phi := h.Unproject(p)
	return h.RadiusMM * math.Sin(theta) * phi, h.RadiusMM * (math.Pi/2 - theta)
}

// FromFace returns the chart point with face-frame coordinates (u, v). v is
// clamped to the sphere (at most a quarter circumference, the apex), and a
// u that would wrap past the back of the head is clamped to it.
func (h Head) FromFace(u, v float64) geom.Point {
	theta := math.Pi/2 - math.Min(v, h.RadiusMM*math.Pi/2)/h.RadiusMM
	s := math.Sin(theta)
	if s < 1e-9 {
		return h.Project(theta, 0)
	}
	phi := u / (h.RadiusMM * s)
	phi = math.Max(-math.Pi, math.Min(math.Pi, phi))
	return h.Project(theta, phi)
}
