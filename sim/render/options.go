package render

import (
	"image/color"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/score"
)

// Options chooses what Template and Chart draw on top of the plain skin.
// The zero value draws the plain template: background, skin and outline,
// fresh dots, no overlays.
type Options struct {
	// Zones draws each zone's outline with a faint tint by kind; the
	// forehead and temples, where no impression belongs, are hatched.
	Zones bool
	// Hairline draws the instructor's design hairline as a dashed line.
	Hairline bool
	// Landmarks draws the midline, brow line, lateral canthus and
	// mid-pupil lines, and the glabella.
	Landmarks bool
	// Hair draws the existing hair as stubble dots.
	Hair bool
	// Scars draws scar tissue in its paler, shiny tone.
	Scars bool
	// Stage is the healing stage Chart renders the impressions at.
	Stage appearance.Stage
	// Markers are problem markers Chart draws over the impressions.
	Markers []Marker
	// Heatmap, when set, is drawn by Chart as a diverging density overlay.
	Heatmap *Heatmap
	// ScaleBar makes Chart draw a 10 mm scale bar in the bottom-left corner
	// of dst.
	ScaleBar bool
	// LineScale multiplies every line width, dash, marker size and font
	// size given in pixels; 0 means 1, and it is held to 0.25–16. Use 2 on
	// a high-DPI screen or for print.
	LineScale float64
}

// All returns options that draw every template layer and the scale bar,
// with the impressions at stage st: the instructor's view.
func All(st appearance.Stage) Options {
	return Options{Zones: true, Hairline: true, Landmarks: true, Hair: true, Scars: true, Stage: st, ScaleBar: true}
}

// Preview returns options for what the client will see: skin, hair and
// scars with the impressions at stage st, and no guides.
func Preview(st appearance.Stage) Options {
	return Options{Hair: true, Scars: true, Stage: st}
}

// Marker points at one place on the chart.
type Marker struct {
	Pos geom.Point
	// Kind is the marker kind of the fault the marker shows (the score's
	// own, score.Fault.Marker): it picks the colour and shape.
	Kind score.MarkerKind
	// RadiusMM is the circle's radius, or the cross's half-size; 0 means
	// DefaultMarkerRadiusMM. Markers never draw smaller than
	// minMarkerRadiusPx so they stay visible when zoomed out.
	RadiusMM float64
}

// DefaultMarkerRadiusMM is a marker's radius when the marker gives none:
// about 1.5 dot spacings at 1 mm spacing (domain.md §2), enough to ring a
// clump of a few dots.
const DefaultMarkerRadiusMM = 1.5

// MarkerColour returns the colour Chart draws a marker kind in, so a
// report's legend can match. Colours come from the Okabe–Ito palette, which
// stays distinguishable under the common colour-vision deficiencies.
// Unknown kinds get the score.MarkerSpot colour.
func MarkerColour(k score.MarkerKind) color.RGBA {
	switch k {
	case score.MarkerClump:
		return color.RGBA{0xD5, 0x5E, 0x00, 0xff} // vermillion
	case score.MarkerGap:
		return color.RGBA{0x00, 0x72, 0xB2, 0xff} // blue
	case score.MarkerRow:
		return color.RGBA{0xCC, 0x79, 0xA7, 0xff} // reddish purple
	case score.MarkerNoGo, score.MarkerTemple:
		// Red, the one hard fault: a dot where none belongs, or a
		// temple point filled or out of line.
		return color.RGBA{0xE0, 0x1B, 0x24, 0xff}
	case score.MarkerEdge:
		return color.RGBA{0x00, 0x9E, 0x73, 0xff} // bluish green
	}
	return color.RGBA{0x56, 0xB4, 0xE9, 0xff} // sky blue
}

// MarkedFaults returns the faults whose places a picture of c marks: c's
// own faults, or, for a criterion that carries markers without fault codes
// (places to look at rather than a classic fault), one MarkerSpot fault at
// those markers, coded with the criterion's name. The report's problem
// picture and the trainer's canvas both mark what it returns, so they
// agree.
func MarkedFaults(c *score.Criterion) []score.Fault {
	if len(c.Faults) == 0 && len(c.Markers) > 0 {
		return []score.Fault{{Code: score.FaultCode(c.Name), Marker: score.MarkerSpot, Places: c.Markers}}
	}
	return c.Faults
}

// MarkerIsCross reports whether Chart draws a kind as a cross (a point
// fault: a row, a dot where none belongs, a place on the hairline) rather
// than a ring (an area fault), so a report's legend can match.
func MarkerIsCross(k score.MarkerKind) bool {
	switch k {
	case score.MarkerRow, score.MarkerNoGo, score.MarkerTemple, score.MarkerEdge:
		return true
	}
	return false
}
