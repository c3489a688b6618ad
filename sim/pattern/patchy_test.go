package pattern

import (
	"fmt"
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// largestEmpty is the radius, mm, of the largest disc centred in pg at
// least edge mm inside its bounds that holds no dot, by a 0.25 mm grid
// search and brute-force distances: a measure of the work written here,
// not the scorer's gaps criterion.
func largestEmpty(pg geom.Polygon, ims []impression.Impression, edge float64) float64 {
	b := pg.Bounds()
	best := 0.0
	for y := b.Min.Y + edge; y <= b.Max.Y-edge; y += 0.25 {
		for x := b.Min.X + edge; x <= b.Max.X-edge; x += 0.25 {
			c := geom.Pt(x, y)
			if !pg.Contains(c) {
				continue
			}
			d := math.Inf(1)
			for _, im := range ims {
				d = math.Min(d, im.Pos.Dist(c))
			}
			best = math.Max(best, d)
		}
	}
	return best
}

// The patchy style has patches wherever it is laid: on the 20 mm practice
// field, one noise cell across at session 1 (12.8 mm), its largest empty
// disc is well over the expert's on every session and seed of the long
// truth run. (The long run's square20 s1 seed 20261125 was even work: the
// raw noise kept one sign over the field, and scaled back to the expert's
// count that is blue noise; density and gaps rightly gave it 100.)
func TestPatchyHasPatches(t *testing.T) {
	tp, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	pg := tp.Zones[0].Polygon
	for s := 1; s <= 3; s++ {
		for _, seed := range truthSeeds {
			t.Run(fmt.Sprintf("s%d/seed%d", s, seed), func(t *testing.T) {
				e := largestEmpty(pg, cachedSeed(t, tp, Expert, s, seed), 1)
				p := largestEmpty(pg, cachedSeed(t, tp, Patchy, s, seed), 1)
				t.Logf("largest empty disc: expert %.2f mm, patchy %.2f mm", e, p)
				if p < 2*e {
					t.Errorf("patchy work's largest empty disc %.2f mm, the expert's %.2f mm: no patch", p, e)
				}
			})
		}
	}
}
