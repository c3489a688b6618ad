// Package scalp holds scalp templates: equal-area charts of a client's head in
// millimetres, with the zones to treat, their target densities, the hair
// that remains, scars, and the landmarks a hairline is judged by.
//
// Templates are built from short parameter files embedded in assets.FS
// (assets/templates/*.json, documented in its README): Lookup and All load
// them once, lazily. A head template is parametric: the hairline height,
// temple recession, band depth, crown, fringe, hair, patches and scars are
// numbers, and the zones are cut from curves in the head's polar
// coordinates so that they tile the outline exactly (tiling.go). The chart
// is a Lambert azimuthal equal-area projection of the head's authalic
// sphere (Head), so a count per cm² on the chart is a density on skin.
package scalp

import (
	"github.com/smptrainer/smp/sim/geom"
)

// ZoneKind names the role of a zone on the scalp.
type ZoneKind string

// The zone kinds. Forehead is bare skin in front of the hairline where no
// impression belongs; the others follow the hair-transplant literature
// (Shapiro 2004, 2013), see domain.md §5.
const (
	Forehead   ZoneKind = "forehead"
	Transition ZoneKind = "transition" // the soft front 0.5–1 cm of the hairline band
	Frontal    ZoneKind = "frontal"    // the defined zone behind the transition
	Forelock   ZoneKind = "forelock"
	MidScalp   ZoneKind = "midscalp"
	Crown      ZoneKind = "crown"
	Temple     ZoneKind = "temple"     // left or right; kept open, never filled
	SidesBack  ZoneKind = "sides-back" // where hair remains on a Norwood pattern
	Patch      ZoneKind = "patch"      // an alopecia areata patch
	Field      ZoneKind = "field"      // a practice area with no anatomy
	// ScarArea is scar tissue with a margin around it: impressions go inside
	// the scar and carry on past its edges so no "barcode" shows (§6).
	ScarArea ZoneKind = "scar"
	// Nape is the hair below a strip scar at the back of the head.
	Nape ZoneKind = "nape"
)

// DensityBand is a target range of impressions per cm².
type DensityBand struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// Mid returns the centre of the band.
func (b DensityBand) Mid() float64 { return (b.Min + b.Max) / 2 }

// Zone is a named polygon of the chart with a target density for each of the
// three sessions. Zones tile the template's outline.
type Zone struct {
	// ID is stable across versions ("frontal", "crown", "patch-1", …).
	ID string `json:"id"`
	// Name is the zone's name for people.
	Name string   `json:"name"`
	Kind ZoneKind `json:"kind"`
	// Polygon is the zone's area on the chart, in mm.
	Polygon geom.Polygon `json:"polygon"`
	// Targets[s-1] is the density to reach by the end of session s. A zone
	// that must stay empty (forehead, temples) has zero bands.
	Targets [3]DensityBand `json:"targets"`
}

// Treated reports whether impressions belong in the zone in some session.
func (z Zone) Treated() bool { return z.Targets[2].Max > 0 }

// Target returns the band for session s (1–3); out-of-range sessions clamp.
func (z Zone) Target(s int) DensityBand {
	return z.Targets[min(max(s, 1), 3)-1]
}

// HairRegion is existing hair that the work must blend into.
type HairRegion struct {
	// ID is the id of the zone the hair covers: head templates give each
	// zone with hair its own region, with the zone's polygon.
	ID      string       `json:"id"`
	Polygon geom.Polygon `json:"polygon"`
	// DensityPerCM2 is the density of visible hair shafts (follicular units
	// read as one dot when shaved).
	DensityPerCM2 float64 `json:"density_per_cm2"`
	// Colour is the shaved stubble colour as #rrggbb.
	Colour string `json:"colour"`
}

// ScarKind says what made a scar.
type ScarKind string

// Scar kinds, domain.md §6.
const (
	ScarFUT ScarKind = "fut" // a linear strip scar
	ScarFUE ScarKind = "fue" // a small round punch scar
)

// Scar is an area of scar tissue: impressions go inside it and carry on past
// its edges.
type Scar struct {
	// ID names the scar ("fut-strip", "fue-001", …).
	ID   string   `json:"id"`
	Kind ScarKind `json:"kind"`
	// Polygon is the scar tissue on the chart; it lies inside a zone of
	// kind ScarArea that runs on past its edges.
	Polygon geom.Polygon `json:"polygon"`
}

// Landmarks are the facial reference lines a hairline is judged by, projected
// onto the chart.
type Landmarks struct {
	// Midline runs from the glabella over the apex to the nape.
	Midline geom.Polyline `json:"midline"`
	// Glabella is the point between the brows.
	Glabella geom.Point `json:"glabella"`
	// BrowLine runs along the top of the brows.
	BrowLine geom.Polyline `json:"brow_line"`
	// CanthusLeft and CanthusRight are the verticals through the outer eye
	// corners: the frontotemporal angle must stay on or above them.
	CanthusLeft  geom.Polyline `json:"canthus_left"`
	CanthusRight geom.Polyline `json:"canthus_right"`
	// MidPupilLeft and MidPupilRight are where the hairline's bell turns
	// from convex to concave.
	MidPupilLeft  geom.Polyline `json:"mid_pupil_left,omitempty"`
	MidPupilRight geom.Polyline `json:"mid_pupil_right,omitempty"`
}

// Template is one exercise scalp: a client's head flattened to an
// equal-area chart in millimetres.
type Template struct {
	// ID is the stable id stored in session files ("norwood3").
	ID string `json:"id"`
	// Name is the short title shown in menus.
	Name string `json:"name"`
	// Description tells the trainee what the client presents with and
	// what the work is.
	Description string `json:"description"`
	// Pattern is the hair-loss classification, such as "Norwood III".
	Pattern string `json:"pattern"`
	// Head is the model head the chart flattens; use it for tape-measure
	// distances (Head.SurfaceDist).
	Head Head `json:"head"`
	// Outline bounds the chart: every zone lies inside it and the zones
	// tile it.
	Outline geom.Polygon `json:"outline"`
	// Zones tile the outline: every point of it is in exactly one zone.
	Zones []Zone `json:"zones"`
	// Hair is the existing hair to blend into; empty on a bald field.
	Hair []HairRegion `json:"hair,omitempty"`
	// Scars are scar tissue (FUT strip, FUE dots).
	Scars []Scar `json:"scars,omitempty"`
	// Landmarks are nil on a practice field with no anatomy.
	Landmarks *Landmarks `json:"landmarks,omitempty"`
	// DesignHairline is the instructor's hairline, from the client's left
	// temple to the right, when the template has one. The transition zone
	// lies just behind it.
	DesignHairline geom.Polyline `json:"design_hairline,omitempty"`
	// Skin and HairColour are the client's skin tone and shaved hair colour
	// as #rrggbb.
	Skin       string `json:"skin"`
	HairColour string `json:"hair_colour"`
	// HairID is the palette's hair target (hair.json) the template names
	// for its hair colour, "" when the file gives a #rrggbb instead;
	// HairColour is then that target rounded to #rrggbb.
	HairID string `json:"hair_id,omitempty"`
}

// ZoneAt returns the zone holding p, or nil when p is outside every zone.
func (t *Template) ZoneAt(p geom.Point) *Zone {
	for i := range t.Zones {
		z := &t.Zones[i]
		if z.Polygon.Contains(p) {
			return z
		}
	}
	return nil
}

// Zone returns the zone with the given id, or nil.
func (t *Template) Zone(id string) *Zone {
	for i := range t.Zones {
		if t.Zones[i].ID == id {
			return &t.Zones[i]
		}
	}
	return nil
}

// Bounds returns the outline's bounding rectangle.
func (t *Template) Bounds() geom.Rect { return t.Outline.Bounds() }

// AreaCM2 returns the area of skin the chart covers.
func (t *Template) AreaCM2() float64 { return t.Outline.AreaCM2() }

// TreatedAreaCM2 returns the area of the zones that take impressions.
func (t *Template) TreatedAreaCM2() float64 {
	var a float64
	for _, z := range t.Zones {
		if z.Treated() {
			a += z.Polygon.AreaCM2()
		}
	}
	return a
}
