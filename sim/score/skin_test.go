package score

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// The tests here make work on the skin of the model head, independently of
// sim/pattern and of scalp.Head's own mapping: dots are thrown on the
// sphere, kept apart by great-circle distance, and put on the chart with
// the README's formulas.

// sphereDot is a dot on the model head: its unit direction.
type sphereDot [3]float64

// toChart is the README's projection, written out here so the test does not
// lean on the code it checks.
func toChart(h scalp.Head, v sphereDot) geom.Point {
	theta := math.Acos(math.Max(-1, math.Min(1, v[2])))
	phi := math.Atan2(v[0], -v[1])
	rho := 2 * h.RadiusMM * math.Sin(theta/2)
	return geom.Pt(rho*math.Sin(phi)/h.Aspect, -rho*math.Cos(phi)*h.Aspect)
}

// arc is the great-circle distance between two dots on a head of radius r.
func arc(r float64, a, b sphereDot) float64 {
	c := a[0]*b[0] + a[1]*b[1] + a[2]*b[2]
	return r * math.Acos(math.Max(-1, math.Min(1, c)))
}

// skinBlueNoise throws dots uniformly on the head (θ up to 0.8π), keeps
// those that land in zone z's polygon at least minMM (great circle) from
// every dot kept so far, and stops at n dots or after a fixed number of
// throws.
func skinBlueNoise(h scalp.Head, pg geom.Polygon, n int, minMM float64, seed uint64) []sphereDot {
	r := rand.New(rand.NewPCG(seed, 99))
	cell := minMM / h.RadiusMM // unit-sphere cell: neighbours are in the 27 around
	type key [3]int
	hash := map[key][]sphereDot{}
	keyOf := func(v sphereDot) key {
		return key{int(math.Floor(v[0] / cell)), int(math.Floor(v[1] / cell)), int(math.Floor(v[2] / cell))}
	}
	// Throw only in the band of polar angles and the sector of azimuths the
	// polygon's corners span (the README's inverse formulas), which keeps
	// the throws uniform on the sphere within that patch.
	thLo, thHi := math.Pi, 0.0
	var phis []float64
	for _, q := range pg {
		u, w := q.X*h.Aspect, q.Y/h.Aspect
		th := 2 * math.Asin(math.Min(1, math.Hypot(u, w)/(2*h.RadiusMM)))
		thLo, thHi = math.Min(thLo, th), math.Max(thHi, th)
		phis = append(phis, math.Atan2(u, -w))
	}
	phi0, span := -math.Pi, 2*math.Pi
	if pg.Contains(geom.Point{}) {
		thLo = 0
	} else {
		sort.Float64s(phis)
		gap, at := phis[0]+2*math.Pi-phis[len(phis)-1], 0
		for i := 1; i < len(phis); i++ {
			if g := phis[i] - phis[i-1]; g > gap {
				gap, at = g, i
			}
		}
		phi0, span = phis[at], 2*math.Pi-gap
		thLo = math.Max(0, thLo-0.05) // edges bow between corners
		phi0, span = phi0-0.05, span+0.1
	}
	thHi = math.Min(math.Pi, thHi+0.05)
	zLo, zHi := math.Cos(thHi), math.Cos(thLo)
	var out []sphereDot
	for tries := 0; len(out) < n && tries < 400*n; tries++ {
		z := zLo + r.Float64()*(zHi-zLo) // Archimedes: uniform on the sphere
		phi := phi0 + r.Float64()*span
		s := math.Sqrt(1 - z*z)
		v := sphereDot{s * math.Sin(phi), -s * math.Cos(phi), z}
		if !pg.Contains(toChart(h, v)) {
			continue
		}
		k := keyOf(v)
		ok := true
	near:
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				for dz := -1; dz <= 1; dz++ {
					for _, w := range hash[key{k[0] + dx, k[1] + dy, k[2] + dz}] {
						if arc(h.RadiusMM, v, w) < minMM {
							ok = false
							break near
						}
					}
				}
			}
		}
		if ok {
			hash[k] = append(hash[k], v)
			out = append(out, v)
		}
	}
	return out
}

// meanNNOnHead is the mean great-circle distance from each dot to its
// nearest other dot, by brute force: the nearest is the one with the
// largest dot product.
func meanNNOnHead(r float64, ds []sphereDot) float64 {
	var sum float64
	for i, a := range ds {
		best, bj := math.Inf(-1), -1
		for j, b := range ds {
			if c := a[0]*b[0] + a[1]*b[1] + a[2]*b[2]; i != j && c > best {
				best, bj = c, j
			}
		}
		sum += arc(r, a, ds[bj])
	}
	return sum / float64(len(ds))
}

// TestSkinBlueNoise is issue 10's bar: blue-noise work made on the skin keeps
// full uniformity marks on the FUT, FUE, areata and crown templates, and its
// nearest-neighbour figures agree with distances measured on the model head
// within 2%.
func TestSkinBlueNoise(t *testing.T) {
	cases := []struct{ template, zone string }{
		{"fut-scar", "strip-scar"},
		{"fue-scars", "donor"},
		{"areata", "patch-1"},
		{"areata", "patch-2"},
		{"norwood3v", "crown"},
	}
	for _, c := range cases {
		tp, err := scalp.Lookup(c.template)
		if err != nil {
			t.Fatal(err)
		}
		z := tp.Zone(c.zone)
		if z == nil {
			t.Fatalf("%s: no zone %q", c.template, c.zone)
		}
		lam := z.Target(3).Mid() / 100 // dots per mm²
		n := int(lam * z.Polygon.Area())
		ds := skinBlueNoise(tp.Head, z.Polygon, n, 0.75/math.Sqrt(lam), 7)
		if len(ds) < n*9/10 {
			t.Fatalf("%s/%s: the generator placed %d of %d dots", c.template, c.zone, len(ds), n)
		}
		ims := make([]impression.Impression, len(ds))
		for i, v := range ds {
			ims[i] = impression.Impression{Pos: toChart(tp.Head, v), DiameterMM: 0.3, Depth: impression.Target, Dilution: 1}
		}
		r := Grade(tp, ims, 3, nil)
		var zs *ZoneStats
		for i := range r.Zones {
			if r.Zones[i].ID == c.zone {
				zs = &r.Zones[i]
			}
		}
		want := meanNNOnHead(tp.Head.RadiusMM, ds)
		if rel := math.Abs(zs.NNMeanMM-want) / want; rel > 0.02 {
			t.Errorf("%s/%s: nn_mean_mm %.4f, on the head %.4f (%.1f%% off)", c.template, c.zone, zs.NNMeanMM, want, 100*rel)
		}
		u := r.Criterion(IDUniformity)
		if u == nil || u.Score < 99 {
			t.Errorf("%s/%s: skin blue noise scores %v on uniformity (R %.2f, CV %.2f): %v", c.template, c.zone, u.Score, zs.ClarkEvansR, zs.NNCV, u.Parts)
		}
	}
}

// TestClusteredBounded is issue 15's hostile input: 50,000 dots packed into
// one square micrometre of a head template must grade in bounded work
// (merge sums stop once saturated; overfull grid cells get sub-grids). The
// deadline is a generous safety net against a return of quadratic work, not
// a timing assertion: on an idle core this grades in well under a second.
func TestClusteredBounded(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	ims := make([]impression.Impression, 50_000)
	for i := range ims {
		ims[i] = impression.Impression{Pos: geom.Pt(r.Float64()*0.001, -20+r.Float64()*0.001), DiameterMM: 0.3, Depth: impression.Target, Dilution: 1}
	}
	done := make(chan *Report, 1)
	go func() { done <- Grade(tp, ims, 3, nil) }()
	select {
	case rep := <-done:
		c := rep.Criterion(IDGaps)
		var clumps *Part
		for i := range c.Parts {
			if c.Parts[i].ID == "clumps" {
				clumps = &c.Parts[i]
			}
		}
		if clumps == nil || clumps.Value < 99 {
			t.Errorf("50,000 stacked dots: clumps part %+v, want every dot merging", clumps)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("grading 50,000 dots in one square micrometre took over a minute: quadratic work is back")
	}
}
