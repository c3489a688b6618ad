// Package viewer models what a person sees of the work on a scalp from a
// viewing distance (domain.md §9). Nobody looks at one dot's colour: a
// 0.15 mm dot at half a metre covers about one arcminute, where the eye
// barely sees hue and registers a dot only as area × contrast. So a
// patterned area, dots and the skin between them, is judged by two
// numbers: its average colour (mixed in linear light) and the light–dark
// texture that survives the eye's blur.
//
// The blur is S-CIELAB's (Zhang & Wandell 1997, SID Digest; the reference
// code's separableFilters.m): the image goes to an opponent colour space
// (Poirson & Wandell), each channel is filtered by a sum of Gaussians whose
// widths are fixed in degrees of visual angle, so in millimetres on the
// scalp they grow with the viewing distance, and the result goes back to
// colour. The viewing distance is a model choice: DefaultDistanceM.
//
// Two routes share the filters. Patch.Texture is analytic (Campbell's
// theorem for marks scattered at random), fast enough for the scorer and
// the shade advice; Blur filters a picture, for the trainer's "view from a
// distance" and the README. The tests check each against the other and
// both against closed forms.
package viewer

import (
	"math"
)

// DefaultDistanceM is the viewing distance the shade advice and the colour
// criterion assume: half a metre, a conversation or a mirror (model
// choice, domain.md §9).
const DefaultDistanceM = 0.5

// DistancesM are the viewing distances offered: close inspection, normal,
// across a table, across a room (model choices).
var DistancesM = []float64{0.3, 0.5, 1, 2}

// MinDistanceM and MaxDistanceM bound the distances accepted.
const (
	MinDistanceM = 0.1
	MaxDistanceM = 10.0
)

// MMPerDegree is how many millimetres on the scalp one degree of visual
// angle covers from distanceM metres: 8.7 mm at 0.5 m.
func MMPerDegree(distanceM float64) float64 {
	return distanceM * 1000 * math.Tan(math.Pi/180)
}

// gauss is one Gaussian of an S-CIELAB filter: its full width at half
// maximum in degrees of visual angle and its weight.
type gauss struct{ fwhmDeg, weight float64 }

// filter is a sum of Gaussians; the weights sum to 1, so a uniform area
// keeps its colour.
type filter []gauss

// The S-CIELAB filters (separableFilters.m of the S-CIELAB reference code,
// Zhang & Wandell 1997): luminance (with a broad negative lobe), red–green
// and blue–yellow. Chroma is blurred more than luminance, which is why
// small dots lose their hue (domain.md §9).
var (
	lumFilter = filter{{0.05, 1.00327}, {0.225, 0.114416}, {7.0, -0.117686}}
	rgFilter  = filter{{0.0685, 0.616725}, {0.826, 0.383275}}
	byFilter  = filter{{0.0920, 0.567885}, {0.6451, 0.432115}}
)

// fwhmPerSigma converts a Gaussian's full width at half maximum to its
// standard deviation: 2√(2 ln 2).
var fwhmPerSigma = 2 * math.Sqrt(2*math.Ln2)

// sigmaMM is the standard deviation of g on the scalp, in mm, seen from
// distanceM.
func (g gauss) sigmaMM(distanceM float64) float64 {
	return g.fwhmDeg * MMPerDegree(distanceM) / fwhmPerSigma
}

// mtf is the filter's response to a sinusoid of f cycles per mm on the
// scalp seen from distanceM: each unit-area Gaussian of standard deviation
// σ passes exp(−2π²σ²f²) of it.
func (fl filter) mtf(f, distanceM float64) float64 {
	var h float64
	for _, g := range fl {
		s := g.sigmaMM(distanceM)
		h += g.weight * math.Exp(-2*math.Pi*math.Pi*s*s*f*f)
	}
	return h
}

// LuminanceMTF is the eye's response, in S-CIELAB's luminance channel, to
// a light–dark grating of f cycles per mm on the scalp seen from distanceM
// metres: 1 for a uniform area, falling toward 0 for detail too fine to
// see.
func LuminanceMTF(f, distanceM float64) float64 { return lumFilter.mtf(f, distanceM) }
