package scalp

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// Projection names how a template's chart flattens the skin.
type Projection string

// The projections a template may use.
const (
	// Azimuthal is a Lambert azimuthal equal-area projection of the model
	// head centred on the apex, then stretched by Head.Aspect (Head).
	Azimuthal Projection = "lambert-azimuthal-equal-area"
	// Flat is a flat practice skin: chart millimetres are skin millimetres.
	Flat Projection = "flat"
)

// CentreApex is the only projection centre templates use today: the chart's
// origin is the apex of the head.
const CentreApex = "apex"

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
// skin. Distances are not (domain.md §9, Snyder 1987): at polar angle θ from
// the apex the projection shrinks them radially by cos(θ/2) and stretches
// them across by 1/cos(θ/2), and the oval stretch multiplies both by up to
// Aspect. Measure distances on the skin: SurfaceDist, ToSkin, Jacobian.
//
// In formulas, a point at polar angle θ and azimuth φ (0 toward the face,
// positive toward the client's right) lies on the chart at
//
//	ρ = 2R·sin(θ/2),  x = ρ·sin φ / Aspect,  y = −ρ·cos φ · Aspect
//
// and on the skin at R·(sin θ sin φ, −sin θ cos φ, cos θ) (ToSkin).
type Head struct {
	// Projection is Azimuthal for a head and Flat for a practice field;
	// empty means Azimuthal.
	Projection Projection `json:"projection"`
	// Centre is where an Azimuthal projection touches the head, the
	// chart's origin: always CentreApex. Empty on a Flat chart, whose origin
	// is the field's centre.
	Centre string `json:"centre,omitempty"`
	// RadiusMM is the authalic sphere's radius. A 57 cm head circumference
	// gives about 91 mm.
	RadiusMM float64 `json:"radius_mm"`
	// Aspect is the square root of the chart's length-to-width ratio; 1 is a
	// round head.
	Aspect float64 `json:"aspect"`
}

// flat reports whether chart millimetres are skin millimetres.
func (h Head) flat() bool { return h.Projection == Flat }

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

// ToSkin returns where chart point p lies on the skin, in mm from the head's
// centre (geom.Vec3). On a Flat chart it is (x, y, 0). The straight distance
// between two skin points (the chord) is shorter than the tape-measure
// distance d by a fraction d²/(24R²): under 0.06% for d up to 10 mm on an
// 85 mm head, so nearest-neighbour work measures chords.
func (h Head) ToSkin(p geom.Point) geom.Vec3 {
	if h.flat() {
		return geom.Vec3{X: p.X, Y: p.Y}
	}
	// sin θ and cos θ straight from ρ, without trigonometry: with
	// s = ρ/2R = sin(θ/2), cos θ = 1 − 2s² and sin θ = 2s·√(1 − s²); and
	// (sin φ, −cos φ) = (u, w)/ρ.
	u, w := p.X*h.Aspect, p.Y/h.Aspect
	k := 1 / (2 * h.RadiusMM)
	s2 := (u*u + w*w) * k * k
	if s2 > 1 {
		s2 = 1 // beyond the antipode: the antipode
	}
	c := math.Sqrt(1 - s2)
	// R·sin θ·(sin φ) = R·2s·c·u/ρ = c·u (since 2Rs = ρ).
	return geom.Vec3{X: c * u, Y: c * w, Z: h.RadiusMM * (1 - 2*s2)}
}

// FromSkin is the inverse of ToSkin: the chart point of skin point v (any
// length; only its direction from the head's centre counts on a head).
func (h Head) FromSkin(v geom.Vec3) geom.Point {
	if h.flat() {
		return geom.Point{X: v.X, Y: v.Y}
	}
	n := v.Norm()
	if n == 0 {
		return geom.Point{}
	}
	theta := math.Acos(math.Max(-1, math.Min(1, v.Z/n)))
	phi := math.Atan2(v.X, -v.Y)
	return h.Project(theta, phi)
}

// SurfaceDist returns the great-circle distance in mm between two chart
// points on the model head: the distance a tape measure laid on the scalp
// would read, which is how hairline heights are quoted. On a Flat chart it
// is the chart distance.
func (h Head) SurfaceDist(a, b geom.Point) float64 {
	if h.flat() {
		return a.Dist(b)
	}
	pa, pb := h.ToSkin(a), h.ToSkin(b)
	chord := math.Sqrt(pa.Dist2(pb))
	return 2 * h.RadiusMM * math.Asin(math.Min(1, chord/(2*h.RadiusMM)))
}

// Jacobian is the linear map from a small chart displacement (mm) at a point
// to the skin displacement it stands for (mm), written in an orthonormal
// frame tangent to the head there. The frame turns with the azimuth so that
// at the apex it is the chart's own axes; lengths and angles measured in it
// are lengths and angles on the skin. Its determinant is one: the chart is
// equal-area.
type Jacobian struct {
	XX, XY, YX, YY float64
}

// Apply maps chart displacement d to skin.
func (j Jacobian) Apply(d geom.Point) geom.Point {
	return geom.Point{X: j.XX*d.X + j.XY*d.Y, Y: j.YX*d.X + j.YY*d.Y}
}

// Scales returns the least and greatest skin length of a unit chart
// displacement, whatever its direction (the map's singular values): skin mm
// per chart mm. Both are 1 where the chart is true to scale.
func (j Jacobian) Scales() (lo, hi float64) {
	s := j.XX*j.XX + j.XY*j.XY + j.YX*j.YX + j.YY*j.YY
	d := j.XX*j.YY - j.XY*j.YX
	r := math.Sqrt(math.Max(0, s*s-4*d*d))
	return math.Sqrt(math.Max(0, (s-r)/2)), math.Sqrt((s + r) / 2)
}

// Jacobian returns the chart-to-skin map at chart point p. On the azimuthal
// chart, with (u, w) = (x·Aspect, y/Aspect) and c = cos(θ/2), a radial step
// on the skin is 1/c times its length in (u, w) and a step across is c
// times, so the map is (c·I + (1/c − c)·r̂r̂ᵀ)·diag(Aspect, 1/Aspect), r̂ the
// unit radial direction.
func (h Head) Jacobian(p geom.Point) Jacobian {
	if h.flat() {
		return Jacobian{XX: 1, YY: 1}
	}
	a := h.Aspect
	u, w := p.X*a, p.Y/a
	rho2 := u*u + w*w
	s2 := math.Min(rho2/(4*h.RadiusMM*h.RadiusMM), 1-1e-12)
	c := math.Sqrt(1 - s2)
	var ru, rw float64
	if rho2 > 0 {
		rho := math.Sqrt(rho2)
		ru, rw = u/rho, w/rho
	}
	k := 1/c - c
	m := Jacobian{XX: c + k*ru*ru, XY: k * ru * rw, YX: k * ru * rw, YY: c + k*rw*rw}
	return Jacobian{XX: m.XX * a, XY: m.XY / a, YX: m.YX * a, YY: m.YY / a}
}

// LocalScale returns the least and greatest skin length of one chart
// millimetre at p (Jacobian(p).Scales()): what a status line shows where
// the chart departs from true scale.
func (h Head) LocalScale(p geom.Point) (lo, hi float64) { return h.Jacobian(p).Scales() }
