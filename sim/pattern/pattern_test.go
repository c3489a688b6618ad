package pattern

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

func mustGen(t *testing.T, tp *scalp.Template, style string, s int, seed uint64) []impression.Impression {
	t.Helper()
	ims, err := Generate(tp, style, s, seed)
	if err != nil {
		t.Fatalf("Generate(%s, %s, %d): %v", tp.ID, style, s, err)
	}
	return ims
}

func TestBadInput(t *testing.T) {
	sq := synthSquare()
	for _, c := range []struct {
		tp    *scalp.Template
		style string
		s     int
		want  string
	}{
		{nil, Expert, 1, "nil template"},
		{sq, "sloppy", 1, `unknown style "sloppy"`},
		{sq, Expert, 0, "session 0"},
		{sq, Expert, 4, "session 4"},
		{&scalp.Template{ID: "empty"}, Expert, 1, `"empty" has no zones`},
	} {
		_, err := Generate(c.tp, c.style, c.s, 1)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Generate(%v, %q, %d) error = %v, want it to mention %q", c.tp != nil, c.style, c.s, err, c.want)
		}
	}
	// A template whose zones take no dots gives an empty pattern, not an error.
	bare := synthSquare()
	bare.Zones[0].Targets = [3]scalp.DensityBand{}
	for _, st := range Styles() {
		if ims := mustGen(t, bare, st, 2, 1); len(ims) != 0 {
			t.Errorf("%s on a bare template: %d dots", st, len(ims))
		}
	}
}

func TestDeterministic(t *testing.T) {
	head := synthHead()
	for _, st := range Styles() {
		a := mustGen(t, head, st, 1, 7)
		b := mustGen(t, head, st, 1, 7)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two runs with seed 7 differ", st)
		}
		c := mustGen(t, head, st, 1, 8)
		if st != Grid && reflect.DeepEqual(a, c) {
			t.Errorf("%s: seeds 7 and 8 give the same pattern", st)
		}
	}
}

// TestExpertDensityAndR checks the expert against domain.md §3 and §4: zone
// densities in their session's band and a blue-noise Clark–Evans R in the
// interior (1.70–1.71 for Poisson-disk; accept 1.6–1.8).
func TestExpertDensityAndR(t *testing.T) {
	sq, head := synthSquare(), synthHead()
	for s := 1; s <= 3; s++ {
		band := sessionBands[s-1]
		var rs float64
		for seed := uint64(1); seed <= 4; seed++ {
			ims := mustGen(t, sq, Expert, s, seed)
			if d := densityIn(ims, sq.Outline); d < band.Min || d > band.Max {
				t.Errorf("square s%d seed %d: %.1f/cm², want %v", s, seed, d, band)
			}
			r, _ := clarkEvans(ims, sq.Outline, 1.5)
			rs += r
		}
		if r := rs / 4; s > 1 && (r < 1.6 || r > 1.8) {
			// Session 1 has too few dots in a 2 × 2 cm square for a stable R.
			t.Errorf("square s%d: mean R = %.2f, want 1.6–1.8", s, r)
		}
		ims := mustGen(t, head, Expert, s, 1)
		for _, id := range []string{"frontal", "mid"} {
			z := head.Zone(id)
			if d := densityIn(ims, z.Polygon); d < band.Min || d > band.Max {
				t.Errorf("head s%d %s: %.1f/cm², want %v", s, id, d, band)
			}
		}
		if r, _ := clarkEvans(ims, head.Zone("mid").Polygon, 10); r < 1.6 || r > 1.8 {
			t.Errorf("head s%d mid: R = %.2f, want 1.6–1.8", s, r)
		}
		for _, id := range []string{"forehead", "temple-l", "temple-r", "side-l", "side-r"} {
			if d := densityIn(ims, head.Zone(id).Polygon); d != 0 {
				t.Errorf("head s%d: %.2f/cm² in the %s, want none", s, d, id)
			}
		}
	}
}

// TestExpertRamp checks the soft hairline: density in the first 2 mm behind
// the edge is well below full, and the front is not empty.
func TestExpertRamp(t *testing.T) {
	head := synthHead()
	ims := mustGen(t, head, Expert, 3, 1)
	front := densityIn(ims, rect(-40, -80, 40, -77))
	full := densityIn(ims, rect(-40, -60, 40, -50))
	if ratio := front / full; ratio < 0.1 || ratio > 0.45 {
		t.Errorf("front 3 mm at %.1f/cm², full %.1f: ratio %.2f, want a soft 20–30%% start (domain.md §5)", front, full, ratio)
	}
}

func TestSessionsAndTiming(t *testing.T) {
	head := synthHead()
	for _, st := range Styles() {
		ims := mustGen(t, head, st, 3, 3)
		perSession := map[int]int{}
		for i, im := range ims {
			perSession[im.Session]++
			if im.Session < 1 || im.Session > 3 {
				t.Fatalf("%s: dot %d has session %d", st, i, im.Session)
			}
			if i > 0 && ims[i-1].Session == im.Session && im.TimeS <= ims[i-1].TimeS {
				t.Fatalf("%s: time goes backwards at dot %d", st, i)
			}
			if i > 0 && ims[i-1].Session > im.Session {
				t.Fatalf("%s: sessions out of order at dot %d", st, i)
			}
			if im.Depth != impression.Target || im.DiameterMM <= 0 || math.IsNaN(im.Pos.X) {
				t.Fatalf("%s: odd dot %+v", st, im)
			}
		}
		// Session 2 adds most of the density (domain.md §1).
		if perSession[1] == 0 || perSession[2] <= perSession[1] {
			t.Errorf("%s: dots per session %v", st, perSession)
		}
		// About 1–2 impressions a second over a session, pauses included.
		var n1 int
		var last float64
		for _, im := range ims {
			if im.Session == 1 {
				n1++
				last = im.TimeS
			}
		}
		if rate := float64(n1) / last; rate < 0.8 || rate > 2 {
			t.Errorf("%s: %.2f impressions/s in session 1", st, rate)
		}
	}
}

// TestNeedles: the single needle in the transition zone, three rounds in
// the fill (domain.md §2).
func TestNeedles(t *testing.T) {
	head := synthHead()
	ims := mustGen(t, head, Expert, 2, 1)
	for _, im := range ims {
		z := head.ZoneAt(im.Pos)
		if z == nil {
			continue
		}
		want := impression.RL3
		if z.Kind == scalp.Transition || !z.Treated() {
			want = impression.RL1
		}
		if im.Needle.Grouping != want {
			t.Fatalf("dot at %v in %s: needle %v, want %s", im.Pos, z.ID, im.Needle, want)
		}
	}
}

// TestFaultsOnSynth checks that each faulty style carries its fault, with
// this package's own measures (the scorer's verdicts are in truth_test.go).
func TestFaultsOnSynth(t *testing.T) {
	head := synthHead()
	mid := head.Zone("mid").Polygon
	exp := mustGen(t, head, Expert, 3, 1)
	rExp, _ := clarkEvans(exp, mid, 10)
	for _, c := range []struct {
		style  string
		lo, hi float64
	}{{Random, 0.85, 1.15}, {Clumped, 0, 0.8}, {Grid, 1.9, 2.1}} {
		ims := mustGen(t, head, c.style, 3, 1)
		if r, _ := clarkEvans(ims, mid, 10); r < c.lo || r > c.hi {
			t.Errorf("%s: R = %.2f, want %.2f–%.2f (expert %.2f)", c.style, r, c.lo, c.hi, rExp)
		}
		if d, e := densityIn(ims, mid), densityIn(exp, mid); math.Abs(d-e) > 0.1*e {
			t.Errorf("%s: mid density %.1f, expert %.1f: the fault should be placement only", c.style, d, e)
		}
	}
	temple := head.Zone("temple-l").Polygon
	// The 17 mm of forehead in front of the template's hairline.
	if d := densityIn(mustGen(t, head, LowHairline, 3, 1), rect(-40, -96, 40, -81)); d < 40 {
		t.Errorf("low-hairline: forehead at %.1f/cm², want the hairline moved into it", d)
	}
	if d := densityIn(mustGen(t, head, LowHairline, 3, 1), rect(-40, -130, 40, -100)); d > 0 {
		t.Errorf("low-hairline: %.1f/cm² more than 20 mm in front of the hairline", d)
	}
	if d := densityIn(mustGen(t, head, FilledTemples, 3, 1), temple); d < 70 {
		t.Errorf("filled-temples: temple at %.1f/cm², want full density", d)
	}
	hard := mustGen(t, head, Hardline, 3, 1)
	front, full := densityIn(hard, rect(-40, -80, 40, -77)), densityIn(hard, rect(-40, -60, 40, -50))
	if front < 0.8*full {
		t.Errorf("hardline: front %.1f vs full %.1f/cm², want dense to the edge", front, full)
	}
	// Patchy: the same count overall, but 1 cm cells far from uniform.
	pat := mustGen(t, head, Patchy, 3, 1)
	if math.Abs(float64(len(pat)-len(exp))) > 0.03*float64(len(exp)) {
		t.Errorf("patchy: %d dots, expert %d", len(pat), len(exp))
	}
	if cvP, cvE := cellCV(pat, -40, -30, 40, 90), cellCV(exp, -40, -30, 40, 90); cvP < 2*cvE {
		t.Errorf("patchy: cell-count CV %.2f, expert %.2f: want clearly patchier", cvP, cvE)
	}
}

// cellCV is the coefficient of variation of dot counts in 1 cm cells.
func cellCV(ims []impression.Impression, x0, y0, x1, y1 float64) float64 {
	nx, ny := int((x1-x0)/10), int((y1-y0)/10)
	counts := make([]float64, nx*ny)
	for _, im := range ims {
		i, j := int((im.Pos.X-x0)/10), int((im.Pos.Y-y0)/10)
		if im.Pos.X >= x0 && im.Pos.Y >= y0 && i < nx && j < ny {
			counts[j*nx+i]++
		}
	}
	var s, s2 float64
	for _, c := range counts {
		s += c
		s2 += c * c
	}
	m := s / float64(len(counts))
	return math.Sqrt(s2/float64(len(counts))-m*m) / m
}

// TestExpertCarriesPastPatches: on the areata template the expert carries
// its dots past each patch's edge into the stubble, as the brief asks
// (scalp.CarryPastMM), and puts none farther out.
func TestExpertCarriesPastPatches(t *testing.T) {
	tp, err := scalp.Lookup("areata")
	if err != nil {
		t.Fatal(err)
	}
	carried := 0
	for _, im := range mustGen(t, tp, Expert, 2, 3) {
		z := tp.ZoneAt(im.Pos)
		if z != nil && z.Kind == scalp.Patch {
			continue
		}
		if _, d, ok := tp.InCarryPast(im.Pos); !ok {
			where := "no zone"
			if z != nil {
				where = z.ID
			}
			t.Errorf("expert dot at %v in %s: outside every patch and its carry-past band", im.Pos, where)
		} else if d > scalp.CarryPastMM {
			t.Errorf("expert dot at %v: %.2f mm past the edge", im.Pos, d)
		}
		carried++
	}
	if carried < 50 {
		t.Errorf("the expert carries %d dots past the patches' edges, want the band worked", carried)
	}
}
