package render

import (
	"math"
	"math/rand/v2"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// Test fixtures. Real templates come from scalp.Lookup once the registry
// has them; until then (and to keep these tests independent of template
// tuning) synthetic stand-ins with the same shape of data are built here.

// lookupOr returns the registered template id, or the fallback when the
// registry does not have it (yet).
func lookupOr(id string, fallback func() *scalp.Template) *scalp.Template {
	t, err := lookup(id)
	if err == nil && t != nil {
		return t
	}
	return fallback()
}

// lookup is scalp.Lookup, behind a seam for tests that want to fake a
// registry.
var lookup = scalp.Lookup

// square20 is a 20×20 mm practice field centred on the origin, one zone of
// kind field, MST-03 skin.
func syntheticSquare20() *scalp.Template {
	sq := geom.Polygon{{X: -10, Y: -10}, {X: 10, Y: -10}, {X: 10, Y: 10}, {X: -10, Y: 10}}
	return &scalp.Template{
		ID: "square20", Name: "Practice square 20 mm", Pattern: "practice",
		Outline: sq,
		Zones: []scalp.Zone{{ID: "field", Name: "Field", Kind: scalp.Field, Polygon: sq,
			Targets: [3]scalp.DensityBand{{Min: 10, Max: 25}, {Min: 45, Max: 50}, {Min: 70, Max: 100}}}},
		Skin: "#f3e7db", HairColour: "#3b2f2a",
	}
}

// ellipseSlab returns the part of the ellipse centred (0, cy) with
// semi-axes a, b between y0 and y1, as a polygon.
func ellipseSlab(a, b, cy, y0, y1 float64) geom.Polygon {
	const n = 48
	t0 := math.Asin(math.Max(-1, math.Min(1, (y0-cy)/b)))
	t1 := math.Asin(math.Max(-1, math.Min(1, (y1-cy)/b)))
	var pg geom.Polygon
	for i := 0; i <= n; i++ { // right side, top to bottom
		t := t0 + (t1-t0)*float64(i)/n
		pg = append(pg, geom.Point{X: a * math.Cos(t), Y: cy + b*math.Sin(t)})
	}
	for i := n; i >= 0; i-- { // left side, bottom to top
		t := t0 + (t1-t0)*float64(i)/n
		p := geom.Point{X: -a * math.Cos(t), Y: cy + b*math.Sin(t)}
		if p.Dist(pg[len(pg)-1]) < 1e-9 || p.Dist(pg[0]) < 1e-9 {
			continue // a pole: the two sides meet in one vertex
		}
		pg = append(pg, p)
	}
	return pg
}

func circle(c geom.Point, r float64, n int) geom.Polygon {
	pg := make(geom.Polygon, n)
	for i := range pg {
		a := 2 * math.Pi * float64(i) / float64(n)
		pg[i] = geom.Point{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)}
	}
	return pg
}

// syntheticHead is a Norwood-III-like head: an oval chart with a forehead,
// a transition band, frontal, mid-scalp and crown zones, temples, a
// horseshoe of remaining hair, an FUT strip and three FUE scars, landmarks
// and a bell-shaped design hairline.
func syntheticHead() *scalp.Template {
	const a, b, cy = 72.0, 100.0, 5.0
	band := func(lo, hi float64) [3]scalp.DensityBand {
		return [3]scalp.DensityBand{{Min: lo * 0.2, Max: hi * 0.25}, {Min: lo * 0.6, Max: hi * 0.6}, {Min: lo, Max: hi}}
	}
	var horseshoe geom.Polygon
	// Outer arc from the left temple round the back to the right temple,
	// then the inner arc back.
	for i := 0; i <= 40; i++ {
		t := math.Pi*0.80 - math.Pi*1.60*float64(i)/40 // from 144° down to -144°
		horseshoe = append(horseshoe, geom.Point{X: -a * math.Sin(t) * 0.999, Y: cy - b*math.Cos(t)*0.999})
	}
	for i := 40; i >= 0; i-- {
		t := math.Pi*0.80 - math.Pi*1.60*float64(i)/40
		horseshoe = append(horseshoe, geom.Point{X: -a * math.Sin(t) * 0.78, Y: cy - b*math.Cos(t)*0.78 + 8})
	}
	var fut geom.Polygon
	for i := 0; i <= 24; i++ {
		x := -45 + 90*float64(i)/24
		fut = append(fut, geom.Point{X: x, Y: 82 - 0.004*x*x - 1.2})
	}
	for i := 24; i >= 0; i-- {
		x := -45 + 90*float64(i)/24
		fut = append(fut, geom.Point{X: x, Y: 82 - 0.004*x*x + 1.2})
	}
	var hairline geom.Polyline
	for i := 0; i <= 30; i++ {
		x := -46 + 92*float64(i)/30
		hairline = append(hairline, geom.Point{X: x, Y: -62 + 16*(1-math.Exp(-x*x/900))})
	}
	outline := ellipseSlab(a, b, cy, cy-b, cy+b)
	return &scalp.Template{
		ID: "synthhead", Name: "Synthetic head", Pattern: "Norwood III (synthetic)",
		Head:    scalp.Head{RadiusMM: 91, Aspect: 1.1},
		Outline: outline,
		Zones: []scalp.Zone{
			{ID: "forehead", Kind: scalp.Forehead, Polygon: ellipseSlab(a, b, cy, cy-b, -62)},
			{ID: "transition", Kind: scalp.Transition, Polygon: ellipseSlab(a*0.8, b, cy, -62, -52), Targets: band(15, 30)},
			{ID: "frontal", Kind: scalp.Frontal, Polygon: ellipseSlab(a*0.8, b, cy, -52, -25), Targets: band(70, 100)},
			{ID: "midscalp", Kind: scalp.MidScalp, Polygon: ellipseSlab(a*0.8, b, cy, -25, 20), Targets: band(70, 100)},
			{ID: "crown", Kind: scalp.Crown, Polygon: circle(geom.Point{X: 0, Y: 38}, 18, 40), Targets: band(60, 90)},
			{ID: "temple-left", Kind: scalp.Temple, Polygon: geom.Polygon{{X: -54, Y: -62}, {X: -44, Y: -56}, {X: -50, Y: -36}, {X: -62, Y: -40}}},
			{ID: "temple-right", Kind: scalp.Temple, Polygon: geom.Polygon{{X: 54, Y: -62}, {X: 62, Y: -40}, {X: 50, Y: -36}, {X: 44, Y: -56}}},
		},
		Hair: []scalp.HairRegion{{ID: "sides-back", Polygon: horseshoe, DensityPerCM2: 75, Colour: "#3b2f2a"}},
		Scars: []scalp.Scar{
			{ID: "fut", Kind: scalp.ScarFUT, Polygon: fut},
			{ID: "fue1", Kind: scalp.ScarFUE, Polygon: circle(geom.Point{X: -40, Y: 55}, 0.5, 12)},
			{ID: "fue2", Kind: scalp.ScarFUE, Polygon: circle(geom.Point{X: -33, Y: 62}, 0.45, 12)},
			{ID: "fue3", Kind: scalp.ScarFUE, Polygon: circle(geom.Point{X: 38, Y: 58}, 0.5, 12)},
		},
		Landmarks: &scalp.Landmarks{
			Midline:       geom.Polyline{{X: 0, Y: cy - b}, {X: 0, Y: cy + b}},
			Glabella:      geom.Point{X: 0, Y: -92},
			BrowLine:      geom.Polyline{{X: -50, Y: -88}, {X: -20, Y: -92}, {X: 0, Y: -92}, {X: 20, Y: -92}, {X: 50, Y: -88}},
			CanthusLeft:   geom.Polyline{{X: -46, Y: -90}, {X: -46, Y: -30}},
			CanthusRight:  geom.Polyline{{X: 46, Y: -90}, {X: 46, Y: -30}},
			MidPupilLeft:  geom.Polyline{{X: -31, Y: -91}, {X: -31, Y: -40}},
			MidPupilRight: geom.Polyline{{X: 31, Y: -91}, {X: 31, Y: -40}},
		},
		DesignHairline: hairline,
		Skin:           "#eadaba", HairColour: "#3b2f2a",
	}
}

// seededPattern lays n impressions as a jittered grid over the rectangle
// r (a stand-in for the PATTERNS helper's generator): mostly on-target
// 1RL 0.25 dots at the default dilution, with a few deep, shallow, 3RL and
// less diluted ones so the stages show their differences.
func seededPattern(r geom.Rect, spacing float64, seed uint64) []impression.Impression {
	rng := rand.New(rand.NewPCG(seed, 0x7465_7374))
	var out []impression.Impression
	k := 0
	for y := r.Min.Y + spacing/2; y < r.Max.Y; y += spacing {
		for x := r.Min.X + spacing/2; x < r.Max.X; x += spacing {
			p := geom.Point{X: x + (rng.Float64()-0.5)*spacing*0.8, Y: y + (rng.Float64()-0.5)*spacing*0.8}
			n := impression.DefaultNeedle
			if rng.IntN(6) == 0 {
				n = impression.Needle{Grouping: impression.RL3, GaugeMM: 0.20}
			}
			im := impression.New(p, n, 1+k%3, float64(k))
			switch rng.IntN(12) {
			case 0:
				im.Depth = impression.Deep
			case 1:
				im.Depth = impression.Shallow
			case 2:
				im.Dilution = 10
			}
			out = append(out, im)
			k++
		}
	}
	return out
}

// headWork is a seeded pattern over a head template's treated zones,
// denser at the back than the front, with a few dots in a temple (a
// fault for the markers and heatmap to show).
func headWork(t *scalp.Template) []impression.Impression {
	all := seededPattern(t.Bounds(), 1.15, 7)
	var out []impression.Impression
	for i, im := range all {
		z := t.ZoneAt(im.Pos)
		if z == nil {
			continue
		}
		switch {
		case z.Kind == scalp.Transition && i%3 != 0:
			continue // a sparse leading edge
		case z.Kind == scalp.Temple && im.Pos.Y > -45:
		case z.Treated() && z.Kind != scalp.Temple:
		default:
			continue
		}
		if z.Kind == scalp.MidScalp && im.Pos.X > 15 && im.Pos.Y > -5 && im.Pos.Y < 15 && im.Pos.X < 35 {
			continue // a gap
		}
		out = append(out, im)
	}
	return out
}
