package render

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

// handLattice lays a hexagonal lattice at perCM2 over the 90 mm field
// where keep says so, each point moved at random by up to a quarter of the
// spacing (seeded): work a hand could lay, not the pattern generator.
func handLattice(perCM2 float64, seed uint64, keep func(geom.Point) bool) []impression.Impression {
	s := math.Sqrt(2 / (math.Sqrt(3) * perCM2 / 100))
	rnd := rand.New(rand.NewPCG(seed, 7))
	var out []impression.Impression
	for row, y := 0, -45+s/2; y < 45; row, y = row+1, y+s*math.Sqrt(3)/2 {
		for x := -45 + s/4 + float64(row%2)*s/2; x < 45; x += s {
			a, r := 2*math.Pi*rnd.Float64(), s/4*rnd.Float64()
			q := geom.Pt(x+r*math.Cos(a), y+r*math.Sin(a))
			if math.Abs(q.X) < 45 && math.Abs(q.Y) < 45 && (keep == nil || keep(q)) {
				out = append(out, impression.New(q, impression.DefaultNeedle, 1, 0))
			}
		}
	}
	return out
}

// TestHeatmapShowsSpread: session 1's band laid on a flat 90 mm field as
// 9 mm squares alternating 11/cm² and 24/cm² (±37% about a mean of
// 17.5/cm², in the band), which a window of a dozen dots mostly holds
// within its own tolerance, is what the score calls patchy by its windows
// together; the map, judging them by the same rule (density.FoundBand),
// colours a share of the field within 10 points of the share the score
// counts off (by its own tolerance alone it coloured 13–14%, a third of
// that), while even work at 17.5/cm² stays clear (under 5% of cells), on
// three seeds.
func TestHeatmapShowsSpread(t *testing.T) {
	pg := geom.Polygon{{X: -45, Y: -45}, {X: 45, Y: -45}, {X: 45, Y: 45}, {X: -45, Y: 45}}
	band := scalp.SessionBands()[0]
	tp := &scalp.Template{ID: "field90", Outline: pg, Head: scalp.Head{Projection: scalp.Flat},
		Zones: []scalp.Zone{{ID: "field", Name: "field", Kind: scalp.Field, Polygon: pg, Targets: [3]scalp.DensityBand{band, band, band}}}}
	thin := func(p geom.Point) bool { return (int(math.Floor(p.X/9))+int(math.Floor(p.Y/9)))%2 == 0 }
	offShare := func(ims []impression.Impression) float64 {
		h := DensityHeatmap(tp, ims, 1, 2)
		off, n := 0, 0
		for k, d := range h.Density {
			if math.IsNaN(d) {
				continue
			}
			n++
			if Deviation(d, h.Target[k]) != 0 {
				off++
			}
		}
		return float64(off) / float64(n)
	}
	for seed := uint64(1); seed <= 3; seed++ {
		if s := offShare(handLattice(17.5, seed, nil)); s > 0.05 {
			t.Errorf("seed %d: even work colours %.0f%% of the map", seed, 100*s)
		}
		patchy := append(handLattice(11, seed, thin), handLattice(24, seed+10, func(p geom.Point) bool { return !thin(p) })...)
		d := score.Grade(tp, patchy, 1, nil).Criterion(score.IDDensity)
		if !d.HasFault(score.FaultPatchy) {
			t.Fatalf("seed %d: the score does not call the squares patchy: %s", seed, d.Feedback)
		}
		counted := 1 - d.Part("even").Value/100
		if s := offShare(patchy); math.Abs(s-counted) > 0.1 {
			t.Errorf("seed %d: 9 mm thin and crowded squares colour %.0f%% of the map; the score counts %.0f%% off", seed, 100*s, 100*counted)
		}
	}
}
