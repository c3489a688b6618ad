package examiner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
)

// What honest random work should read, computed independently of the
// grader: the examiner's own "random" work (the fault as the suite lays
// it, seeds as in examine) is graded by "smpgrade score --json", and each
// zone's figures are checked against the examiner's brute force on the
// model head: the mean nearest-neighbour distance (great circle) of the
// zone's dots, and the Clark–Evans R against a reference simulated here,
// n points uniform in the zone's polygon (uniform on the skin, as the
// chart keeps areas), their NN distances measured on the head. Random
// work must read R about 1 and be named random, never clumped.

// randomZones are zones where random work read low (issue 10's examiner
// long form: R 0.90 in Norwood VII's frontal zone at session 1 was named
// clumped).
var randomZones = []struct {
	template string
	session  int
	zones    []string
}{
	{"norwood7", 1, []string{"frontal", "forelock"}},
	{"areata", 1, []string{"patch-1", "patch-2", "patch-3"}},
}

// randomSeeds is how many seeds of each; seed 1 is the long form's first.
const randomSeeds = 8

// headMeanNN is the mean great-circle NN distance of chart points on the
// head.
func headMeanNN(pr projection, pts []xy) float64 {
	sk := make([]vec3, len(pts))
	for i, p := range pts {
		v := pr.skin(p)
		if !pr.flat {
			v = vec3{v[0] / pr.r, v[1] / pr.r, v[2] / pr.r}
		}
		sk[i] = v
	}
	r := pr.r
	if pr.flat {
		r = 1 // headNN's arc of a unit chord is the chord, to 1e-3
	}
	m, _ := headNN(r, sk)
	return m
}

// uniformIn draws n points uniformly in pg (rejection from its bounds).
func uniformIn(rng *rand.Rand, pg polygon, n int) []xy {
	lo, hi := xy{math.Inf(1), math.Inf(1)}, xy{math.Inf(-1), math.Inf(-1)}
	for _, p := range pg {
		lo = xy{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
		hi = xy{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
	}
	out := make([]xy, 0, n)
	for len(out) < n {
		p := xy{lo[0] + rng.Float64()*(hi[0]-lo[0]), lo[1] + rng.Float64()*(hi[1]-lo[1])}
		if pg.contains(p) {
			out = append(out, p)
		}
	}
	return out
}

func TestRandomReadsOne(t *testing.T) {
	chs, _ := templates(t)
	fi := slices.IndexFunc(faults, func(f fault) bool { return f.name == "random" })
	dir := t.TempDir()
	type work struct {
		template string
		session  int
		seed     uint64
		path     string
		byZone   map[string][]xy
	}
	var works []work
	for _, rz := range randomZones {
		ch := chs[rz.template]
		if ch == nil {
			t.Fatalf("template %s missing from templates --json", rz.template)
		}
		pigment, dilution, err := ink(rz.template, rz.session)
		if err != nil {
			t.Fatal(err)
		}
		for seed := uint64(1); seed <= randomSeeds; seed++ {
			pl := newPlan(ch, rz.session, seed*1000+uint64(fi+1))
			ds := faults[fi].lay(pl)
			w := work{template: rz.template, session: rz.session, seed: seed, byZone: map[string][]xy{},
				path: filepath.Join(dir, fmt.Sprintf("%s-s%d-seed%d-random.json", rz.template, rz.session, seed))}
			for _, d := range ds {
				if z := ch.zone(d.p); z != nil {
					w.byZone[z.id] = append(w.byZone[z.id], d.p)
				}
			}
			if err := writeSession(w.path, rz.template, rz.session, ds, pigment, dilution); err != nil {
				t.Fatal(err)
			}
			works = append(works, w)
		}
	}
	var files []string
	for _, w := range works {
		files = append(files, w.path)
	}
	gs := scoreFiles(t, files)
	// refs[template/zone/n] is the examiner's reference mean NN of n
	// uniform dots in the zone.
	refs := map[string]float64{}
	rng := rand.New(rand.NewPCG(20261203, 1))
	var sumR, cnt float64
	for i, w := range works {
		ch := chs[w.template]
		name := fmt.Sprintf("%s s%d seed %d", w.template, w.session, w.seed)
		if _, codes, fb, _ := gs[i].crit("uniformity"); slices.Contains(codes, "clumps") || !slices.Contains(codes, "random") {
			t.Errorf("%s: random work named %v: %s", name, codes, fb)
		}
		for _, rz := range randomZones {
			if rz.template != w.template {
				continue
			}
			for _, zid := range rz.zones {
				pts := w.byZone[zid]
				z := gs[i].zone(zid)
				if z == nil || z.NN == nil || z.R == nil || z.N != len(pts) {
					t.Errorf("%s %s: zone missing or unmeasured in score --json (%d dots laid)", name, zid, len(pts))
					continue
				}
				mine := headMeanNN(ch.proj, pts)
				if rel := math.Abs(*z.NN/mine - 1); rel > 0.005 {
					t.Errorf("%s %s: nn_mean_mm %.4f, on the head %.4f", name, zid, *z.NN, mine)
				}
				key := fmt.Sprintf("%s/%s/%d", w.template, zid, len(pts))
				e, ok := refs[key]
				if !ok {
					var zone *zoneInfo
					for k := range ch.zones {
						if ch.zones[k].id == zid {
							zone = &ch.zones[k]
						}
					}
					// Enough runs for a reference within about 0.4%.
					runs := max(8, 40000/len(pts))
					for range runs {
						e += headMeanNN(ch.proj, uniformIn(rng, zone.poly, len(pts))) / float64(runs)
					}
					refs[key] = e
				}
				indep := mine / e
				if math.Abs(*z.R-indep) > 0.02 {
					t.Errorf("%s %s: clark_evans_r %.3f, the examiner's reference gives %.3f (%d dots)", name, zid, *z.R, indep, len(pts))
				}
				if testing.Verbose() {
					t.Logf("%s %s: %d dots, R %.3f, examiner's R %.3f", name, zid, len(pts), *z.R, indep)
				}
				sumR += indep
				cnt++
			}
		}
	}
	// The mean over zones and seeds, by the examiner's own reference: its
	// standard error is about 0.06/√(zones·seeds).
	if m := sumR / cnt; math.Abs(m-1) > 0.04 {
		t.Errorf("random work reads R %.3f on average over %.0f zones, want about 1", m, cnt)
	}
}
