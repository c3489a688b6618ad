package examiner

import (
	"math"
	"math/rand/v2"
)

// The examiner's own expert and faulty work, from the domain text
// (domain.md §2–§6), not from the project's pattern generator.

// sessionFull is the full density of each treatment session (domain.md §3,
// the middle of each session's band: 10–25, 45–50, 70–100 per cm²).
var sessionFull = [4]float64{0, 17.5, 47.5, 85}

// Hairline model of the examiner, from domain.md §5: the front 20–30% of
// the target, full 5–10 mm behind (rampEdge, rampFullMM); the front
// undulates by 1–3 mm (macro-irregularity) and its first 5 mm alternate
// denser and sparser spots (micro-irregularity).
const (
	rampEdge   = 0.25
	rampFullMM = 8.0
	// frontBackMM keeps the expert's front this far behind the design
	// line on average, and frontMinMM at least this far: the design line
	// is the forehead's border, and the transition zone behind it is only
	// about 6 mm deep, so a front further back leaves it short of its band
	// (model assumption of this examiner).
	frontBackMM = 0.55
	frontMinMM  = 0.1
	// hairlineReachMM: the ramp shapes the work only this far behind the
	// front; deeper, each zone is at its own band.
	hairlineReachMM = 12.0
)

// dot is one impression of the examiner's work.
type dot struct {
	p    xy
	deep bool
}

// plan is everything one piece of work is laid from.
type plan struct {
	c     *chart
	s     int
	frame *lineFrame // nil without a hairline
	rng   *rand.Rand
	// phase of the front's undulation and micro-irregularity, per seed.
	ph [3]float64
}

func newPlan(c *chart, s int, seed uint64) *plan {
	pl := &plan{c: c, s: s, rng: rand.New(rand.NewPCG(seed, uint64(s)*7919+hashID(c.id)))}
	if c.hasHairline(s) {
		if c.frame == nil {
			c.frame = newLineFrame(c)
		}
		pl.frame = c.frame
	}
	for i := range pl.ph {
		pl.ph[i] = 2 * math.Pi * pl.rng.Float64()
	}
	return pl
}

func hashID(s string) uint64 {
	h := uint64(1469598103934665603)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// hairlineOpts describe how a piece of work lays the hairline.
type hairlineOpts struct {
	// front is the front's distance behind the design line (skin mm) at arc
	// length s; nil: the expert's undulating front.
	front func(s float64) float64
	// ramp is the density behind the front relative to full, at u mm
	// behind it and arc length s; nil: the expert's soft ramp.
	ramp func(u, s float64) float64
	// forehead lets the work into the forehead zone (behind its front).
	forehead bool
	// straightY, when set, replaces the front by a straight line across
	// the chart at this y: the work lies behind it.
	straightY *float64
}

// expertFront undulates by about 1.5 mm about frontBackMM behind the
// design line (macro-irregularity, §5).
func (pl *plan) expertFront(s float64) float64 {
	return math.Max(frontMinMM, frontBackMM+0.5*math.Sin(2*math.Pi*s/26+pl.ph[0])+0.25*math.Sin(2*math.Pi*s/9.5+pl.ph[1]))
}

// expertRamp is the soft ramp with micro-irregularity in its first 5 mm.
func (pl *plan) expertRamp(u, s float64) float64 {
	r := rampEdge + (1-rampEdge)*math.Min(1, u/rampFullMM)
	if u < 5 {
		r *= 1 + 0.45*math.Sin(2*math.Pi*s/7+pl.ph[2])
	}
	return r
}

// density returns the work's density function: each treated zone at the
// middle of its band, shaped near the hairline as opts say.
func (pl *plan) density(o hairlineOpts) densityFn {
	c, s := pl.c, pl.s
	if o.front == nil {
		o.front = pl.expertFront
	}
	if o.ramp == nil {
		o.ramp = pl.expertRamp
	}
	return func(p xy) float64 {
		z := c.zone(p)
		if z == nil {
			return 0
		}
		open := z.treated && z.mid(s) > 0
		hairZone := z.kind == "transition" || (o.forehead && z.kind == "forehead")
		if pl.frame == nil {
			if open {
				return z.mid(s)
			}
			return 0
		}
		if !open && !hairZone {
			return 0
		}
		var u, arc float64
		if o.straightY != nil {
			if p[1] < *o.straightY {
				return 0
			}
			arc, _ = pl.frame.near(p)
			u = c.proj.skinDist(p, xy{p[0], *o.straightY})
		} else {
			var d float64
			arc, d = pl.frame.near(p)
			if arc <= 1e-6 || arc >= pl.frame.length()-1e-6 {
				// Beyond the line's ends: no front to measure from.
				if open && !hairZone {
					return z.mid(s)
				}
				return 0
			}
			u = d - o.front(arc)
		}
		if u < 0 {
			return 0
		}
		full := sessionFull[s]
		if hairZone {
			return full * o.ramp(u, arc)
		}
		if u > hairlineReachMM {
			return z.mid(s)
		}
		return math.Min(z.mid(s), full*o.ramp(u, arc))
	}
}

// fueCentres are the FUE scars' centres: the expert puts a dot on each.
func (c *chart) fueCentres() []xy {
	var out []xy
	for i, pg := range c.scars {
		if c.scarKind[i] != "fue" {
			continue
		}
		var m xy
		for _, p := range pg {
			m[0] += p[0] / float64(len(pg))
			m[1] += p[1] / float64(len(pg))
		}
		if z := c.zone(m); z != nil && z.treated {
			out = append(out, m)
		}
	}
	return out
}

// fault is one classic fault: how to lay it and how a grader must name it.
type fault struct {
	name string
	// crit is the criterion it breaks; codes are the fault codes that name
	// it there (one of them must be among the criterion's faults).
	crit  string
	codes []string
	// never are codes the criterion must not give it.
	never []string
	// alsoS1 are codes that name it too in session 1, where the work is
	// too sparse for the fault to show as itself.
	alsoS1 []string
	// applies says whether the fault exists on this template and session.
	applies func(pl *plan) bool
	lay     func(pl *plan) []dot
}

func plain(ps []xy) []dot {
	out := make([]dot, len(ps))
	for i, p := range ps {
		out[i] = dot{p: p}
	}
	return out
}

// expert lays the examiner's model of good work.
func (pl *plan) expert() []dot {
	return plain(blueNoise(pl.rng, newField(pl.c, pl.density(hairlineOpts{})), pl.c.fueCentres()))
}

func hasHairline(pl *plan) bool { return pl.frame != nil }
func always(*plan) bool         { return true }

// scaled returns the expert's density times k(p).
func (pl *plan) scaled(k func(p xy) float64) densityFn {
	lam := pl.density(hairlineOpts{})
	return func(p xy) float64 {
		if l := lam(p); l > 0 {
			return l * k(p)
		}
		return 0
	}
}

// perZone rescales lam zone by zone so that each zone holds as many dots
// as the expert's: a fault of placement, not of count.
func (pl *plan) perZone(lam densityFn) densityFn {
	want := pl.density(hairlineOpts{})
	c := pl.c
	sumW, sumL := make([]float64, len(c.zones)), make([]float64, len(c.zones))
	index := func(z *zoneInfo) int {
		for i := range c.zones {
			if &c.zones[i] == z {
				return i
			}
		}
		return -1
	}
	for j := 0; j < c.ny; j++ {
		for i := 0; i < c.nx; i++ {
			p := c.cellCentre(i, j)
			if z := c.zone(p); z != nil {
				k := index(z)
				sumW[k] += want(p)
				sumL[k] += lam(p)
			}
		}
	}
	return func(p xy) float64 {
		z := c.zone(p)
		if z == nil {
			return 0
		}
		k := index(z)
		if sumL[k] <= 0 {
			return 0
		}
		return lam(p) * sumW[k] / sumL[k]
	}
}

// faults are the classic faults of domain.md §1, §2, §4–§6.
var faults = []fault{
	{name: "hard-edge", crit: "hairline", codes: []string{"hard-edge"}, applies: hasHairline,
		lay: func(pl *plan) []dot {
			return plain(blueNoise(pl.rng, newField(pl.c, pl.density(hairlineOpts{ramp: func(u, s float64) float64 { return 1 }})), nil))
		}},
	{name: "asymmetric-temples", crit: "hairline", codes: []string{"asymmetric-temples"}, applies: hasHairline,
		lay: func(pl *plan) []dot {
			l := pl.frame.length()
			return plain(blueNoise(pl.rng, newField(pl.c, pl.density(hairlineOpts{front: func(s float64) float64 {
				// One temple point (the end of the line) 6 mm further back.
				return pl.expertFront(s) + 6*math.Max(0, math.Min(1, (s-(l-28))/10))
			}})), nil))
		}},
	{name: "straight-front", crit: "hairline", codes: []string{"straight-front"}, applies: hasHairline,
		lay: func(pl *plan) []dot {
			y0 := math.Inf(1)
			for _, p := range pl.c.design {
				y0 = math.Min(y0, p[1])
			}
			y0 += 3
			return plain(blueNoise(pl.rng, newField(pl.c, pl.density(hairlineOpts{straightY: &y0, forehead: true})), nil))
		}},
	// Session 1's front at 8% of 17.5/cm² is a dot every 15 mm along the
	// line: no line at all, so a hairline laid too high names it there.
	{name: "faint-edge", crit: "hairline", codes: []string{"faint-edge"}, alsoS1: []string{"high-hairline"}, applies: hasHairline,
		lay: func(pl *plan) []dot {
			return plain(blueNoise(pl.rng, newField(pl.c, pl.density(hairlineOpts{ramp: func(u, s float64) float64 {
				if u < 5 {
					return 0.08
				}
				return 0.3 + 0.7*math.Min(1, (u-5)/7)
			}})), nil))
		}},
	{name: "low-hairline", crit: "hairline", codes: []string{"low-hairline"}, applies: hasHairline,
		lay: func(pl *plan) []dot {
			return plain(blueNoise(pl.rng, newField(pl.c, pl.density(hairlineOpts{forehead: true,
				front: func(s float64) float64 { return pl.expertFront(s) - 15 }})), nil))
		}},
	{name: "filled-temples", crit: "hairline", codes: []string{"filled-temples"}, applies: hasHairline,
		lay: func(pl *plan) []dot {
			lam := pl.density(hairlineOpts{})
			full := sessionFull[pl.s]
			return plain(blueNoise(pl.rng, newField(pl.c, func(p xy) float64 {
				if z := pl.c.zone(p); z != nil && z.kind == "temple" {
					// The frontotemporal angle filled in: temple skin
					// within 12 mm of the design line.
					if _, d := pl.frame.near(p); math.Abs(d) < 12 {
						return full
					}
				}
				return lam(p)
			}), pl.c.fueCentres()))
		}},
	{name: "sparse", crit: "density", codes: []string{"too-sparse"}, never: []string{"patchy"}, applies: always,
		lay: func(pl *plan) []dot {
			return plain(blueNoise(pl.rng, newField(pl.c, pl.scaled(func(xy) float64 { return 0.45 })), pl.c.fueCentres()))
		}},
	{name: "patchy", crit: "density", codes: []string{"patchy"}, applies: always,
		lay: func(pl *plan) []dot {
			a, b := pl.ph[0], pl.ph[1]
			return plain(blueNoise(pl.rng, newField(pl.c, pl.perZone(pl.scaled(func(p xy) float64 {
				// Thin and crowded spots about 9 mm across, side by side.
				return 1 + 0.8*math.Tanh(3*math.Sin(2*math.Pi*p[0]/18+a)*math.Sin(2*math.Pi*p[1]/18+b))
			}))), pl.c.fueCentres()))
		}},
	{name: "rows", crit: "uniformity", codes: []string{"rows", "grid"}, applies: always,
		lay: func(pl *plan) []dot {
			return plain(lattice(pl.rng, pl.c, pl.s, pl.density(hairlineOpts{}), 1.35, 0.12))
		}},
	{name: "grid", crit: "uniformity", codes: []string{"grid", "rows", "even-spacing"}, applies: always,
		lay: func(pl *plan) []dot {
			return plain(lattice(pl.rng, pl.c, pl.s, pl.density(hairlineOpts{}), 1, 0.06))
		}},
	{name: "clumps", crit: "uniformity", codes: []string{"clumps"}, applies: always,
		lay: func(pl *plan) []dot {
			return plain(clumped(pl.rng, pl.c, pl.density(hairlineOpts{}), 5, 0.4))
		}},
	{name: "random", crit: "uniformity", codes: []string{"random"}, applies: always,
		lay: func(pl *plan) []dot {
			return plain(poisson(pl.rng, newField(pl.c, pl.density(hairlineOpts{}))))
		}},
	{name: "overworked", crit: "consistency", codes: []string{"overworked"}, applies: always,
		lay: func(pl *plan) []dot { return pl.overworked() }},
	{name: "blowouts", crit: "consistency", codes: []string{"blowouts"}, applies: always,
		lay: func(pl *plan) []dot {
			ds := pl.expert()
			// A hand too heavy for one dot in 14: 7% blown out (§2).
			for i := range ds {
				ds[i].deep = pl.rng.Float64() < 0.07
			}
			return ds
		}},
	{name: "scar-shows", crit: "scars", codes: []string{"scar-shows", "barcode-edge"},
		applies: func(pl *plan) bool { return pl.c.hasScar("fut", pl.s) },
		lay: func(pl *plan) []dot {
			return plain(blueNoise(pl.rng, newField(pl.c, pl.scaled(func(p xy) float64 {
				for i, pg := range pl.c.scars {
					if pl.c.scarKind[i] == "fut" && pg.contains(p) {
						return 0
					}
				}
				return 1
			})), nil))
		}},
	{name: "fue-uncovered", crit: "scars", codes: []string{"fue-uncovered"},
		applies: func(pl *plan) bool { return pl.c.hasScar("fue", pl.s) },
		lay: func(pl *plan) []dot {
			cs := pl.c.fueCentres()
			return plain(blueNoise(pl.rng, newField(pl.c, pl.scaled(func(p xy) float64 {
				for _, q := range cs {
					if pl.c.proj.skinDist(p, q) < 1.5 {
						return 0
					}
				}
				return 1
			})), nil))
		}},
	{name: "visible-border", crit: "blending", codes: []string{"visible-border"},
		applies: func(pl *plan) bool { return len(pl.c.borderHair(pl.s)) > 0 },
		lay: func(pl *plan) []dot {
			near := pl.c.nearHair(pl.s, 6)
			return plain(blueNoise(pl.rng, newField(pl.c, pl.scaled(func(p xy) float64 {
				if near(p) {
					return 0
				}
				return 1
			})), pl.c.fueCentres()))
		}},
}

// hasScar reports whether a scar of kind lies in a zone treated this session.
func (c *chart) hasScar(kind string, s int) bool {
	for i, pg := range c.scars {
		if c.scarKind[i] != kind || len(pg) == 0 {
			continue
		}
		if z := c.zone(pg[0]); z != nil && z.treated && z.mid(s) > 0 {
			return true
		}
	}
	return false
}

// overworked is expert work gone back over a few spots: about 7% of the
// treated area, in 4 mm spots, at 2.5× the band's top (§2: "pigment
// overloaded into one area in one session").
func (pl *plan) overworked() []dot {
	ds := pl.expert()
	c, s := pl.c, pl.s
	treated := 0.0
	for _, z := range c.zones {
		if z.treated && z.mid(s) > 0 {
			treated += z.poly.area()
		}
	}
	const r = 4.0
	n := int(math.Ceil(0.07 * treated / (math.Pi * r * r)))
	var centres []xy
	for tries := 0; len(centres) < n && tries < 100*n; tries++ {
		p := ds[pl.rng.IntN(len(ds))].p
		if z := c.zone(p); z != nil && z.kind != "transition" && z.treated {
			centres = append(centres, p)
		}
	}
	extra := newField(c, func(p xy) float64 {
		z := c.zone(p)
		if z == nil || !z.treated || z.mid(s) <= 0 {
			return 0
		}
		for _, q := range centres {
			if c.proj.skinDist(p, q) < r {
				return 2.5 * z.band[s][1]
			}
		}
		return 0
	})
	return append(ds, plain(poisson(pl.rng, extra))...)
}

// borderHair returns the hair regions that stand in zones not treated this
// session and lie next to a treated one: where the work meets existing hair
// and must blend into it (§6).
func (c *chart) borderHair(s int) []int {
	open := func(q xy) bool {
		z := c.zone(q)
		return z != nil && z.treated && z.mid(s) > 0
	}
	var out []int
	for i, pg := range c.hair {
		// Where the region stands: the zones under its cells.
		lo, hi := xy{math.Inf(1), math.Inf(1)}, xy{math.Inf(-1), math.Inf(-1)}
		for _, p := range pg {
			lo = xy{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
			hi = xy{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
		}
		in, untreated := 0, 0
		for y := lo[1]; y <= hi[1]; y += 2 {
			for x := lo[0]; x <= hi[0]; x += 2 {
				if q := (xy{x, y}); pg.contains(q) {
					in++
					if !open(q) {
						untreated++
					}
				}
			}
		}
		if untreated*2 <= in {
			continue
		}
		// A bald treated place 2 mm out of the region.
		touches := false
		for _, p := range pg {
			for k := 0; k < 8 && !touches; k++ {
				a := float64(k) * math.Pi / 4
				q := xy{p[0] + 2*math.Cos(a), p[1] + 2*math.Sin(a)}
				touches = open(q) && !c.inHair(q)
			}
			if touches {
				break
			}
		}
		if touches {
			out = append(out, i)
		}
	}
	return out
}

// inHair reports whether existing hair stands at p.
func (c *chart) inHair(p xy) bool {
	for _, pg := range c.hair {
		if pg.contains(p) {
			return true
		}
	}
	return false
}

// nearHair returns a test for "within mm (skin) of a border hair region".
func (c *chart) nearHair(s int, mm float64) func(p xy) bool {
	h := &skinHash{cell: mm, m: map[[3]int32][]int32{}}
	var sk []vec3
	for _, i := range c.borderHair(s) {
		pg := c.hair[i]
		for k := range pg {
			a, b := pg[k], pg[(k+1)%len(pg)]
			steps := int(math.Ceil(math.Hypot(b[0]-a[0], b[1]-a[1])/0.5)) + 1
			for j := 0; j < steps; j++ {
				t := float64(j) / float64(steps)
				q := c.proj.skin(xy{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
				kk := h.key(q)
				h.m[kk] = append(h.m[kk], int32(len(sk)))
				sk = append(sk, q)
			}
		}
	}
	rad := make([]float64, len(sk))
	for i := range rad {
		rad[i] = mm
	}
	return func(p xy) bool { return !h.free(c.proj.skin(p), mm, sk, rad) }
}
