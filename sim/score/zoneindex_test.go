package score

import (
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// The zone index gives the polygons' own answer everywhere: at random
// points over every embedded template's chart and the flat benchmark
// template, and at points within a hair's breadth of every zone vertex and
// edge, where the polygons' crossing test is most delicate. It must also
// answer most points itself, or locate has silently fallen back to the
// polygons.
func TestZoneIndexAgreesWithPolygons(t *testing.T) {
	tps := append(scalp.All(), bigTemplate())
	r := rand.New(rand.NewPCG(10, 11))
	for _, tp := range tps {
		p := NewGrader(tp).prep(3)
		if p.zix == nil {
			t.Errorf("%s: no zone index", tp.ID)
			continue
		}
		check := func(q geom.Point) {
			if got, want := p.locate(q), p.locateSlow(q); got != want {
				t.Fatalf("%s: locate(%v) = %d from the index, the polygons say %d", tp.ID, q, got, want)
			}
		}
		b := p.bounds
		known, inside := 0, 0
		for range 20000 {
			q := geom.Pt(b.Min.X-5+r.Float64()*(b.Dx()+10), b.Min.Y-5+r.Float64()*(b.Dy()+10))
			check(q)
			if q.X > b.Min.X && q.X < b.Max.X && q.Y > b.Min.Y && q.Y < b.Max.Y {
				inside++
				if _, ok := p.zix.lookup(q); ok {
					known++
				}
			}
		}
		if known < inside/2 {
			t.Errorf("%s: the zone index answered %d of %d points inside the zones' bounds; the rest asked the polygons", tp.ID, known, inside)
		}
		for _, z := range tp.Zones {
			pg := z.Polygon
			for k, a := range pg {
				c := pg[(k+1)%len(pg)]
				for _, f := range []float64{0, 0.5} {
					m := a.Add(c.Sub(a).Mul(f))
					for _, eps := range []float64{1e-9, 1e-4, 0.3} {
						check(m.Add(geom.Pt(eps, 0)))
						check(m.Add(geom.Pt(-eps, eps)))
						check(m.Add(geom.Pt(0, -eps)))
					}
				}
			}
		}
	}
}
