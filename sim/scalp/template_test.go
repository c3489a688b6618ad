package scalp

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/geom"
)

// contractIDs are the template ids notes/CONTRACTS.md promises.
var contractIDs = []string{
	"areata", "fue-scars", "fut-scar", "ludwig2", "norwood2", "norwood3", "norwood3v",
	"norwood4", "norwood5", "norwood6", "norwood7", "square20",
}

// monk is the Monk Skin Tone scale (domain.md §7).
var monk = []string{"#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96", "#a07e56", "#825c43", "#604134", "#3a312a", "#292420"}

func heads(t *testing.T) []*Template {
	t.Helper()
	var out []*Template
	for _, tp := range All() {
		if tp.ID != "square20" {
			out = append(out, tp)
		}
	}
	if len(out) != len(contractIDs)-1 {
		t.Fatalf("%d head templates, want %d", len(out), len(contractIDs)-1)
	}
	return out
}

func TestContractIDs(t *testing.T) {
	if got := IDs(); !slices.Equal(got, contractIDs) {
		t.Errorf("ids %v\nwant %v", got, contractIDs)
	}
}

// onOrIn reports whether p is inside pg or on its boundary (to rounding).
func onOrIn(pg geom.Polygon, p geom.Point) bool {
	return pg.Contains(p) || pg.BoundaryDist(p) < 1e-6
}

func TestTemplatesValid(t *testing.T) {
	for _, tp := range All() {
		t.Run(tp.ID, func(t *testing.T) {
			if err := tp.Validate(); err != nil {
				t.Fatal(err)
			}
			if tp.Name == "" || tp.Description == "" || tp.Pattern == "" {
				t.Error("name, description and pattern are required")
			}
			if !tp.Outline.IsSimple() {
				t.Fatal("outline is not simple")
			}
			var sum float64
			for _, z := range tp.Zones {
				if !z.Polygon.IsSimple() {
					t.Errorf("zone %s is not a simple polygon", z.ID)
				}
				for _, p := range z.Polygon {
					if !onOrIn(tp.Outline, p) {
						t.Errorf("zone %s: vertex %v outside the outline", z.ID, p)
						break
					}
				}
				sum += z.Polygon.Area()
			}
			if a := tp.Outline.Area(); math.Abs(sum-a) > 0.005*a {
				t.Errorf("zones sum to %.2f cm², outline is %.2f cm²", sum/100, a/100)
			}
			for _, h := range tp.Hair {
				if !h.Polygon.IsSimple() {
					t.Errorf("hair %s not simple", h.ID)
				}
				for _, p := range h.Polygon {
					if !onOrIn(tp.Outline, p) {
						t.Errorf("hair %s: vertex %v outside the outline", h.ID, p)
						break
					}
				}
				// §3: natural density 65–100 FU/cm²; thinning hair is
				// sparser, never denser.
				if h.DensityPerCM2 <= 0 || h.DensityPerCM2 > NaturalFUMaxPerCM2 {
					t.Errorf("hair %s: density %g outside (0, %g]", h.ID, h.DensityPerCM2, NaturalFUMaxPerCM2)
				}
			}
			for _, s := range tp.Scars {
				if !s.Polygon.IsSimple() {
					t.Errorf("scar %s not simple", s.ID)
				}
				for _, p := range s.Polygon {
					if !onOrIn(tp.Outline, p) {
						t.Errorf("scar %s: vertex %v outside the outline", s.ID, p)
						break
					}
				}
			}
			if tp.TreatedAreaCM2() <= 0 {
				t.Error("nothing to treat")
			}
		})
	}
}

// TestHeadAreas checks the chart covers a plausible head. A whole scalp is
// about 500 cm² (domain.md §3, Bernstein & Rassman); the chart adds the
// forehead down to the brows, 7–10 cm high (§5) and about 10 cm wide, so
// 70–100 cm² more. Heads vary (53–63 cm circumference is ±10% in radius,
// ±20% in area), hence 350–650 cm² for the chart and 400–600 cm² for the
// scalp without the forehead.
func TestHeadAreas(t *testing.T) {
	for _, tp := range heads(t) {
		a := tp.AreaCM2()
		if a < 350 || a > 650 {
			t.Errorf("%s: chart %.0f cm², want 350–650", tp.ID, a)
		}
		fh := tp.Zone("forehead")
		if fh == nil {
			t.Errorf("%s: no forehead", tp.ID)
			continue
		}
		if f := fh.Polygon.AreaCM2(); f < 50 || f > 130 {
			t.Errorf("%s: forehead %.0f cm², want 50–130 (7–10 cm × 8–12 cm)", tp.ID, f)
		}
		if s := a - fh.Polygon.AreaCM2(); s < 400 || s > 600 {
			t.Errorf("%s: scalp %.0f cm², want 400–600 (about 500, §3)", tp.ID, s)
		}
	}
	sq, _ := Lookup("square20")
	if a := sq.AreaCM2(); math.Abs(a-4) > 1e-9 {
		t.Errorf("square20: %g cm², want 4", a)
	}
}

func TestStandardZones(t *testing.T) {
	std := []string{"forehead", "transition", "frontal", "forelock", "midscalp", "crown", "temple-left", "temple-right", "sides-back"}
	bands := SessionBands()
	for _, tp := range heads(t) {
		hair := map[string]float64{}
		for _, h := range tp.Hair {
			hair[h.ID] = h.DensityPerCM2
		}
		for _, id := range std {
			z := tp.Zone(id)
			if z == nil {
				t.Errorf("%s: no zone %q", tp.ID, id)
				continue
			}
			switch z.Kind {
			case Forehead, Temple:
				// Kept open (§5): never a target.
				if z.Treated() {
					t.Errorf("%s: %s has targets %v", tp.ID, id, z.Targets)
				}
			}
		}
		if !slices.Contains(monk, tp.Skin) {
			t.Errorf("%s: skin %s is not a Monk tone", tp.ID, tp.Skin)
		}
		for _, z := range tp.Zones {
			for s := range 3 {
				if z.Targets[s].Max > bands[s].Max || z.Targets[s].Min > bands[s].Min {
					t.Errorf("%s: %s session %d target %v exceeds the §3 band %v", tp.ID, z.ID, s+1, z.Targets[s], bands[s])
				}
			}
			// Bald skin (no hair region) outside the no-go zones gets the
			// full bands, except the transition, which ramps (§5).
			if _, haired := hair[z.ID]; !haired && z.Kind != Forehead && z.Kind != Temple {
				want := bands
				if z.Kind == Transition {
					lo, hi := TransitionFactors(7)
					want = scaled(bands, lo, hi)
				}
				if z.Targets != want {
					t.Errorf("%s: bald %s targets %v, want %v", tp.ID, z.ID, z.Targets, want)
				}
			}
			// Hair that reads full (§3) needs no dots; scar areas do.
			if d, ok := hair[z.ID]; ok && d >= ReadsFullPerCM2() && z.Kind != ScarArea && z.Treated() {
				t.Errorf("%s: %s has full hair (%g) yet targets %v", tp.ID, z.ID, d, z.Targets)
			}
		}
		tr, fr := tp.Zone("transition"), tp.Zone("frontal")
		_, trHair := hair["transition"]
		_, frHair := hair["frontal"]
		if !trHair && !frHair && tr.Targets[2].Max >= fr.Targets[2].Max {
			t.Errorf("%s: transition %v should be sparser than frontal %v (§5)", tp.ID, tr.Targets, fr.Targets)
		}
	}
}

// TestPatterns checks each template shows its pattern (domain.md §6): which
// zones are bald (treated) and which keep hair.
func TestPatterns(t *testing.T) {
	treated := func(tp *Template, id string) bool { return tp.Zone(id) != nil && tp.Zone(id).Treated() }
	cases := map[string]struct{ bald, hair []string }{
		"norwood2":  {[]string{"transition", "frontal"}, []string{"forelock", "midscalp", "crown", "sides-back"}},
		"norwood3":  {[]string{"transition", "frontal"}, []string{"midscalp", "crown", "sides-back"}},
		"norwood3v": {[]string{"transition", "frontal", "crown"}, []string{"midscalp", "sides-back"}},
		"norwood4":  {[]string{"transition", "frontal", "forelock", "crown"}, []string{"midscalp", "sides-back"}},
		"norwood5":  {[]string{"transition", "frontal", "forelock", "crown", "midscalp"}, []string{"sides-back"}},
		"norwood6":  {[]string{"transition", "frontal", "forelock", "crown", "midscalp"}, []string{"sides-back"}},
		"norwood7":  {[]string{"transition", "frontal", "forelock", "crown", "midscalp"}, []string{"sides-back"}},
		"ludwig2":   {[]string{"forelock", "midscalp", "crown"}, []string{"transition", "frontal", "sides-back"}},
		"areata":    {[]string{"patch-1", "patch-2", "patch-3"}, []string{"transition", "frontal", "midscalp", "crown", "sides-back"}},
		"fut-scar":  {[]string{"strip-scar"}, []string{"midscalp", "crown", "sides-back", "nape"}},
		"fue-scars": {[]string{"donor"}, []string{"midscalp", "crown", "sides-back", "nape"}},
	}
	for id, c := range cases {
		tp, err := Lookup(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, z := range c.bald {
			if !treated(tp, z) {
				t.Errorf("%s: %s should be treated", id, z)
			}
		}
		for _, z := range c.hair {
			found := false
			for _, h := range tp.Hair {
				found = found || h.ID == z
			}
			if !found {
				t.Errorf("%s: %s should keep hair", id, z)
			}
		}
	}
	// Norwood IV→VII: the remaining band narrows and the hair recedes, so
	// the treated area grows (§6).
	prev := 0.0
	for _, id := range []string{"norwood2", "norwood3", "norwood3v", "norwood4", "norwood5", "norwood6", "norwood7"} {
		tp, _ := Lookup(id)
		if a := tp.TreatedAreaCM2(); a <= prev {
			t.Errorf("%s treats %.0f cm², not more than the stage before (%.0f)", id, a, prev)
		} else {
			prev = a
		}
	}
	// Norwood VII's horseshoe is lower than Norwood VI's fringe.
	n6, _ := Lookup("norwood6")
	n7, _ := Lookup("norwood7")
	if a6, a7 := n6.Zone("sides-back").Polygon.Area(), n7.Zone("sides-back").Polygon.Area(); a7 >= a6 {
		t.Errorf("norwood7 horseshoe %.0f cm² should be smaller than norwood6's %.0f", a7/100, a6/100)
	}
}

func TestScars(t *testing.T) {
	fut, _ := Lookup("fut-scar")
	if len(fut.Scars) != 1 || fut.Scars[0].Kind != ScarFUT {
		t.Fatalf("fut-scar: scars %d, want one FUT strip", len(fut.Scars))
	}
	strip := fut.Scars[0].Polygon
	zone := fut.Zone("strip-scar")
	for _, p := range strip {
		if !zone.Polygon.Contains(p) {
			t.Fatalf("strip vertex %v outside its zone", p)
		}
	}
	// At the back: behind the apex (+Y), long and thin.
	b := strip.Bounds()
	if c := strip.Centroid(); c.Y <= 0 {
		t.Errorf("strip centroid %v is not at the back", c)
	}
	if b.Dx() < 100 {
		t.Errorf("strip spans %.0f mm across, want ear toward ear", b.Dx())
	}
	fue, _ := Lookup("fue-scars")
	donor := fue.Zone("donor")
	if len(fue.Scars) < 20 {
		t.Fatalf("fue-scars: %d scars", len(fue.Scars))
	}
	for _, s := range fue.Scars {
		if s.Kind != ScarFUE {
			t.Errorf("%s: kind %s", s.ID, s.Kind)
		}
		// Round, about 1 mm (§6): area of a 1 mm disc, equal-area chart.
		if a := s.Polygon.Area(); a < 0.6 || a > 0.8 {
			t.Errorf("%s: %.3f mm², want about π/4", s.ID, a)
		}
		for _, p := range s.Polygon {
			if !donor.Polygon.Contains(p) {
				t.Errorf("%s: vertex %v outside the donor zone", s.ID, p)
				break
			}
		}
	}
}

// hairlineMid returns where the design hairline crosses the midline.
func hairlineMid(pl geom.Polyline) (geom.Point, bool) {
	for i := 1; i < len(pl); i++ {
		a, b := pl[i-1], pl[i]
		if (a.X <= 0) != (b.X <= 0) || a.X == 0 {
			if a.X == b.X {
				return a, true
			}
			f := -a.X / (b.X - a.X)
			return a.Add(b.Sub(a).Mul(f)), true
		}
	}
	return geom.Point{}, false
}

func TestHairlineHeight(t *testing.T) {
	for _, tp := range heads(t) {
		mid, ok := hairlineMid(tp.DesignHairline)
		if !ok || tp.Landmarks == nil {
			t.Errorf("%s: no hairline midpoint or landmarks", tp.ID)
			continue
		}
		h := tp.Head.SurfaceDist(tp.Landmarks.Glabella, mid)
		if h < 70 || h > 100 {
			t.Errorf("%s: hairline %.1f mm above the glabella, want 70–100 (§5)", tp.ID, h)
		}
		// Front of the apex, on the midline.
		if mid.Y >= 0 || tp.Landmarks.Glabella.Y >= mid.Y {
			t.Errorf("%s: hairline midpoint %v should lie between the glabella %v and the apex", tp.ID, mid, tp.Landmarks.Glabella)
		}
		t.Logf("%s: hairline %.1f mm above the glabella", tp.ID, h)
	}
}

// TestTempleAngles checks the frontotemporal angles sit on the lateral
// canthus verticals and are symmetric (§5), and that the hairline is
// bell-shaped: receding from the midline to the temples.
func TestTempleAngles(t *testing.T) {
	for _, tp := range heads(t) {
		lm := tp.Landmarks
		dl := tp.DesignHairline
		// The temple angle is the hairline vertex nearest the apex, along
		// the scalp (on the chart the aspect stretch skews distances).
		angle := func(sign float64) geom.Point {
			var best geom.Point
			bestD := math.Inf(1)
			for _, p := range dl {
				if d := tp.Head.SurfaceDist(geom.Point{}, p); p.X*sign > 0 && d < bestD {
					best, bestD = p, d
				}
			}
			return best
		}
		l, r := angle(-1), angle(1)
		if d := lm.CanthusLeft.Dist(l); d > 1 {
			t.Errorf("%s: left temple angle %v is %.1f mm off the canthus line", tp.ID, l, d)
		}
		if d := lm.CanthusRight.Dist(r); d > 1 {
			t.Errorf("%s: right temple angle %v is %.1f mm off the canthus line", tp.ID, r, d)
		}
		if math.Abs(l.X+r.X) > 0.01 || math.Abs(l.Y-r.Y) > 0.01 {
			t.Errorf("%s: temple angles %v and %v are not mirror images", tp.ID, l, r)
		}
		mid, _ := hairlineMid(dl)
		if tp.Head.SurfaceDist(lm.Glabella, r) <= tp.Head.SurfaceDist(lm.Glabella, mid)+5 {
			t.Errorf("%s: temples not recessed behind the mid-frontal point", tp.ID)
		}
		// Temples stay open: a point just lateral to the temple angle and
		// in front of it lies in a temple zone.
		z := tp.ZoneAt(geom.Point{X: r.X + 3, Y: r.Y - 3})
		if z == nil || z.Kind != Temple {
			t.Errorf("%s: zone lateral to the right temple angle is %v, want a temple", tp.ID, z)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, id := range []string{"norwood3", "areata", "fue-scars"} {
		data, err := assets.FS.ReadFile(Dir + "/" + id + ".json")
		if err != nil {
			t.Fatal(err)
		}
		a, err1 := Parse(data, id)
		b, err2 := Parse(data, id)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two builds differ", id)
		}
		reg, _ := Lookup(id)
		if !reflect.DeepEqual(a, reg) {
			t.Errorf("%s: a fresh build differs from the registry's", id)
		}
	}
	// A different seed moves the hairline (macro-irregularity is seeded).
	data, _ := assets.FS.ReadFile(Dir + "/norwood3.json")
	a, _ := Parse(data, "a")
	b, err := Parse([]byte(strings.Replace(string(data), `"seed": 3`, `"seed": 4`, 1)), "b")
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.DesignHairline, b.DesignHairline) {
		t.Error("the seed does not change the hairline")
	}
}

// TestZoneAtProperty throws seeded random points at every template: each
// point inside the outline is in exactly one zone, to within polygon-edge
// ties, and ZoneAt finds it.
func TestZoneAtProperty(t *testing.T) {
	const perTemplate = 20000
	for _, tp := range All() {
		r := rand.New(rand.NewPCG(42, uint64(len(tp.ID))))
		b := tp.Bounds()
		inside, ties := 0, 0
		for range perTemplate {
			p := geom.Point{X: b.Min.X + r.Float64()*b.Dx(), Y: b.Min.Y + r.Float64()*b.Dy()}
			if !tp.Outline.Contains(p) {
				if z := tp.ZoneAt(p); z != nil && tp.Outline.BoundaryDist(p) > 1e-6 {
					t.Errorf("%s: %v is outside the outline but in zone %s", tp.ID, p, z.ID)
				}
				continue
			}
			inside++
			var in []string
			for _, z := range tp.Zones {
				if z.Polygon.Contains(p) {
					in = append(in, z.ID)
				}
			}
			if len(in) == 1 && tp.ZoneAt(p) != nil && tp.ZoneAt(p).ID == in[0] {
				continue
			}
			near := false
			for _, z := range tp.Zones {
				near = near || z.Polygon.BoundaryDist(p) < 1e-6
			}
			if near {
				ties++
				continue
			}
			t.Errorf("%s: %v is in zones %v, want exactly one", tp.ID, p, in)
		}
		if inside < perTemplate/3 {
			t.Errorf("%s: only %d of %d points fell inside", tp.ID, inside, perTemplate)
		}
		if ties > 0 {
			t.Logf("%s: %d edge ties", tp.ID, ties)
		}
	}
}

// TestMalformedHeadParams checks bad head parameters are refused with the
// file and the field named.
func TestMalformedHeadParams(t *testing.T) {
	data, err := assets.FS.ReadFile(Dir + "/norwood3.json")
	if err != nil {
		t.Fatal(err)
	}
	good := string(data)
	cases := []struct{ old, new, want string }{
		{`"height_mm": 80`, `"height_mm": 65`, "hairline.height_mm: 65 is outside 70–100"},
		{`"height_mm": 80`, `"height_mm": 0`, "hairline.height_mm: missing"},
		{`"radius_mm": 93`, `"radius_mm": 300`, "head.radius_mm"},
		{`"sides-back": 80`, `"sides-bak": 80`, `hair.zones.sides-bak: no zone "sides-bak"`},
		{`"crown": {"centre_mm": 50, "radius_mm": 30}`, `"crown": {"centre_mm": 30, "radius_mm": 30}`, "crown.radius_mm"},
		{`"face": {"canthus_mm": 47, "mid_pupil_mm": 31},`, ``, "face: missing"},
		{`"transition_mm": 7`, `"transition_mm": 7, "wobble": 1`, `unknown field "wobble"`},
		{`"transition_mm": 7`, `"transition_mm": 12`, "hairline.transition_mm"},
		{`"skin": "#f7ead0"`, `"skin": "#f7ead"`, "skin"},
	}
	for _, c := range cases {
		if !strings.Contains(good, c.old) {
			t.Fatalf("norwood3.json no longer holds %q", c.old)
		}
		_, err := Parse([]byte(strings.Replace(good, c.old, c.new, 1)), "templates/x.json")
		if err == nil {
			t.Errorf("%s → %s: parsed", c.old, c.new)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "templates/x.json: ") || !strings.Contains(msg, c.want) {
			t.Errorf("%s → %s: error %q, want it to name the file and %q", c.old, c.new, msg, c.want)
		}
	}
}

// TestValidateCatches checks Validate can fail: each broken copy of a good
// template is refused.
func TestValidateCatches(t *testing.T) {
	base, _ := Lookup("norwood4")
	clone := func() *Template {
		c := *base
		c.Zones = slices.Clone(base.Zones)
		c.Hair = slices.Clone(base.Hair)
		return &c
	}
	breakers := map[string]func(*Template){
		"overlap": func(c *Template) { c.Zones[1].Polygon = c.Zones[0].Polygon },
		"missing zone": func(c *Template) {
			c.Zones = c.Zones[1:]
		},
		"bowtie": func(c *Template) {
			c.Zones[0].Polygon = geom.Polygon{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 1, Y: 0}, {X: 0, Y: 1}}
		},
		"outside": func(c *Template) {
			pg := slices.Clone(c.Zones[0].Polygon)
			pg[0] = geom.Point{X: 1000, Y: 1000}
			c.Zones[0].Polygon = pg
		},
		"duplicate id": func(c *Template) { c.Zones[1].ID = c.Zones[0].ID },
		"bad band":     func(c *Template) { c.Zones[1].Targets[0] = DensityBand{Min: 5, Max: 1} },
		"bad kind":     func(c *Template) { c.Zones[1].Kind = "scalp" },
		"bad colour":   func(c *Template) { c.Hair[0].Colour = "brown" },
		"nan": func(c *Template) {
			c.DesignHairline = geom.Polyline{{X: math.NaN()}, {}}
		},
	}
	if err := clone().Validate(); err != nil {
		t.Fatalf("the unbroken clone fails: %v", err)
	}
	for name, br := range breakers {
		c := clone()
		br(c)
		if c.Validate() == nil {
			t.Errorf("%s: Validate passed", name)
		}
	}
}

func BenchmarkZoneAt(b *testing.B) {
	tp, _ := Lookup("fue-scars")
	r := rand.New(rand.NewPCG(1, 2))
	bb := tp.Bounds()
	pts := make([]geom.Point, 1024)
	for i := range pts {
		pts[i] = geom.Point{X: bb.Min.X + r.Float64()*bb.Dx(), Y: bb.Min.Y + r.Float64()*bb.Dy()}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tp.ZoneAt(pts[i%len(pts)])
	}
}

func BenchmarkBuild(b *testing.B) {
	data, _ := assets.FS.ReadFile(Dir + "/areata.json")
	for i := 0; i < b.N; i++ {
		if _, err := Parse(data, "areata.json"); err != nil {
			b.Fatal(err)
		}
	}
}
