package pattern

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// Synthetic templates, built to the contract's shapes, so the generator is
// tested without depending on the template registry's data.

var sessionBands = [3]scalp.DensityBand{{Min: 10, Max: 25}, {Min: 45, Max: 50}, {Min: 70, Max: 100}}

func rect(x0, y0, x1, y1 float64) geom.Polygon {
	return geom.Polygon{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

func synthSquare() *scalp.Template {
	return &scalp.Template{
		ID:      "synth-square",
		Outline: rect(-10, -10, 10, 10),
		Zones:   []scalp.Zone{{ID: "field", Kind: scalp.Field, Polygon: rect(-10, -10, 10, 10), Targets: sessionBands}},
	}
}

// synthHead is a crude box head on the default 91 mm head model: forehead
// in front (−Y) down to a glabella placed 80 mm of skin below the hairline
// (domain.md §5's usual 7–8 cm), temples at the front corners, a
// transition band, frontal and mid-scalp zones, and sides with hair.
func synthHead() *scalp.Template {
	zero := [3]scalp.DensityBand{}
	trans := [3]scalp.DensityBand{{Min: 5, Max: 15}, {Min: 20, Max: 35}, {Min: 35, Max: 70}}
	return &scalp.Template{
		ID:      "synth-head",
		Head:    scalp.Head{RadiusMM: 91, Aspect: 1},
		Outline: rect(-70, -145, 70, 100),
		// The hairline at y = −80 mm is θ = 2·asin(80/182) ≈ 52° from the
		// apex; 80 mm of skin further is θ ≈ 102.4°, chart radius
		// 182·sin(51.2°) ≈ 141.8 mm.
		Landmarks: &scalp.Landmarks{
			Glabella: geom.Point{X: 0, Y: -141.8},
			Midline:  geom.Polyline{{X: 0, Y: -145}, {X: 0, Y: 100}},
		},
		Zones: []scalp.Zone{
			{ID: "forehead", Kind: scalp.Forehead, Polygon: rect(-45, -145, 45, -80), Targets: zero},
			{ID: "temple-l", Kind: scalp.Temple, Polygon: rect(-70, -145, -45, -60), Targets: zero},
			{ID: "temple-r", Kind: scalp.Temple, Polygon: rect(45, -145, 70, -60), Targets: zero},
			{ID: "transition", Kind: scalp.Transition, Polygon: rect(-45, -80, 45, -72), Targets: trans},
			{ID: "frontal", Kind: scalp.Frontal, Polygon: rect(-45, -72, 45, -40), Targets: sessionBands},
			{ID: "mid", Kind: scalp.MidScalp, Polygon: rect(-45, -40, 45, 100), Targets: sessionBands},
			{ID: "side-l", Kind: scalp.SidesBack, Polygon: rect(-70, -60, -45, 100), Targets: zero},
			{ID: "side-r", Kind: scalp.SidesBack, Polygon: rect(45, -60, 70, 100), Targets: zero},
		},
		Hair: []scalp.HairRegion{
			{ID: "l", Polygon: rect(-70, -60, -45, 100), DensityPerCM2: 80, Colour: "#222222"},
			{ID: "r", Polygon: rect(45, -60, 70, 100), DensityPerCM2: 80, Colour: "#222222"},
		},
	}
}

// clarkEvans returns the naive Clark–Evans R of the points that lie inside
// pg at least guard mm from its edge, with λ from those points and that
// inner area (domain.md §4): a guard-region estimate, good enough to
// characterise a pattern in tests.
func clarkEvans(ims []impression.Impression, pg geom.Polygon, guard float64) (r float64, n int) {
	pts := make([]geom.Point, len(ims))
	for i, im := range ims {
		pts[i] = im.Pos
	}
	g := spatial.NewGrid(pts, 0)
	var sum float64
	inner := pg.Bounds().Inset(guard)
	for i, p := range pts {
		if !inner.Contains(p) || !pg.Contains(p) || pg.BoundaryDist(p) < guard {
			continue
		}
		_, d := g.Nearest(i)
		sum += d
		n++
	}
	area := inner.Dx() * inner.Dy() // rectangular zones in these tests
	lam := float64(n) / area
	return (sum / float64(n)) / (1 / (2 * math.Sqrt(lam))), n
}

// densityIn returns impressions per cm² inside pg.
func densityIn(ims []impression.Impression, pg geom.Polygon) float64 {
	n := 0
	for _, im := range ims {
		if pg.Contains(im.Pos) {
			n++
		}
	}
	return float64(n) / pg.AreaCM2()
}
