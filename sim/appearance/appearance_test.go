package appearance

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
)

var depths = []impression.Depth{impression.Shallow, impression.Target, impression.Deep}

func pal(t testing.TB) *palette.Palette {
	t.Helper()
	p, err := palette.Default()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// skins returns every palette skin plus random ones, seeded.
func skins(t testing.TB, n int) []colorful.Color {
	var out []colorful.Color
	for _, s := range pal(t).Skins {
		out = append(out, s.Colour)
	}
	r := rand.New(rand.NewPCG(7, 11))
	for range n {
		out = append(out, colorful.Color{R: r.Float64(), G: r.Float64(), B: r.Float64()})
	}
	return out
}

func lstar(c colorful.Color) float64 { l, _, _ := colour.LabOf(c); return l }

// eps absorbs the rounding of the Lab round trip in the blue shift.
const eps = 1e-9

func dot(pg string, d float64, depth impression.Depth, pos geom.Point) impression.Impression {
	return impression.Impression{Pos: pos, DiameterMM: 0.25, Needle: impression.DefaultNeedle,
		Depth: depth, Pigment: pg, Dilution: d, Session: 1}
}

func TestMoreDilutionNeverDarker(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, skin := range skins(t, 40) {
		for _, pg := range pal(t).Pigments {
			for _, depth := range depths {
				pos := geom.Point{X: r.Float64() * 50, Y: r.Float64() * 50}
				for _, st := range []Stage{Fresh, Healed, Aged(5)} {
					prev := -1.0
					for d := 0.0; d <= 40; d += 0.5 {
						l := lstar(Dot(dot(pg.ID, d, depth, pos), skin, st).Colour)
						if l < prev-eps {
							t.Fatalf("%s %s %s on %s: L* %.6f at 1:%g is darker than %.6f one step less diluted",
								pg.ID, depth, st, skin.Hex(), l, d, prev)
						}
						prev = l
					}
				}
			}
		}
	}
}

func TestAgingNeverDarkens(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, skin := range skins(t, 40) {
		for _, pg := range pal(t).Pigments {
			for _, d := range pg.Dilutions {
				for _, depth := range depths {
					im := dot(pg.ID, d, depth, geom.Point{X: r.Float64() * 50, Y: r.Float64() * 50})
					prev := lstar(Dot(im, skin, Fresh).Colour)
					for _, st := range []Stage{Healed, Aged(0.5), Aged(1), Aged(2), Aged(5), Aged(10), Aged(30)} {
						l := lstar(Dot(im, skin, st).Colour)
						if l < prev-eps {
							t.Fatalf("%s 1:%g %s on %s: L* %.6f at %s is darker than %.6f before", pg.ID, d, depth, skin.Hex(), l, st, prev)
						}
						prev = l
					}
				}
			}
		}
	}
}

func TestDeepAtLeastTargetDiameter(t *testing.T) {
	for _, st := range []Stage{Fresh, Healed, Aged(1), Aged(5), Aged(50)} {
		deep := Dot(dot("carbon-black", 20, impression.Deep, geom.Point{}), colorful.Color{R: 1, G: 1, B: 1}, st)
		on := Dot(dot("carbon-black", 20, impression.Target, geom.Point{}), colorful.Color{R: 1, G: 1, B: 1}, st)
		if deep.DiameterMM < on.DiameterMM {
			t.Errorf("%s: deep %.3f mm < on-target %.3f mm", st, deep.DiameterMM, on.DiameterMM)
		}
		// domain.md §2: up to 3× the deep stroke's own fresh mark.
		if fresh := Dot(dot("carbon-black", 20, impression.Deep, geom.Point{}), colorful.Color{R: 1, G: 1, B: 1}, Fresh); deep.DiameterMM > fresh.DiameterMM*DeepSpreadCap+eps {
			t.Errorf("%s: deep %.3f mm spreads past %g× its fresh %.3f mm (domain.md §2)", st, deep.DiameterMM, DeepSpreadCap, fresh.DiameterMM)
		}
	}
	if d := Dot(dot("carbon-black", 20, impression.Deep, geom.Point{}), colorful.Color{R: 1, G: 1, B: 1}, Aged(50)); math.Abs(d.DiameterMM-0.25*deepEntry*DeepSpreadCap) > eps {
		t.Errorf("deep dot after 50 y is %.3f mm, want the full %g× spread", d.DiameterMM, DeepSpreadCap)
	}
}

// TestHealedDotSizes checks the needle model against the healed dot sizes
// clinics quote (domain.md §2, §9): a healed on-target 1RL dot from a
// 0.20–0.30 mm needle is 90–170 µm across; shallow is smaller, deep
// bigger; a 3RL is larger than a 1RL.
func TestHealedDotSizes(t *testing.T) {
	skin := colorful.Color{R: 0.9, G: 0.8, B: 0.7}
	healed := func(n impression.Needle, d impression.Depth) float64 {
		im := impression.New(geom.Point{}, n, 1, 0)
		im.Depth = d
		return Dot(im, skin, Healed).DiameterMM
	}
	for _, g := range []float64{0.20, 0.25, 0.30} {
		n1, n3 := impression.Needle{Grouping: impression.RL1, GaugeMM: g}, impression.Needle{Grouping: impression.RL3, GaugeMM: g}
		on := healed(n1, impression.Target)
		if on < 0.090 || on > 0.170 {
			t.Errorf("healed 1RL %.2f: %.3f mm, want 0.090–0.170 (domain.md §2)", g, on)
		}
		if sh, dp := healed(n1, impression.Shallow), healed(n1, impression.Deep); !(sh < on && dp > on) {
			t.Errorf("1RL %.2f: shallow %.3f, target %.3f, deep %.3f mm: want shallow < target < deep", g, sh, on, dp)
		}
		if three := healed(n3, impression.Target); !(three > on) {
			t.Errorf("%.2f: 3RL %.3f mm not larger than 1RL %.3f", g, three, on)
		}
	}
}

func TestHealedSlightlyLargerAndLighter(t *testing.T) {
	skin := colorful.Color{R: 0.96, G: 0.93, B: 0.89}
	im := dot("carbon-black", 20, impression.Target, geom.Point{})
	f, h := Dot(im, skin, Fresh), Dot(im, skin, Healed)
	if !(h.DiameterMM > f.DiameterMM && h.DiameterMM < 1.5*f.DiameterMM) {
		t.Errorf("healed %.3f mm vs fresh %.3f: want slightly larger", h.DiameterMM, f.DiameterMM)
	}
	if !(lstar(h.Colour) > lstar(f.Colour)+2) {
		t.Errorf("healed L* %.1f vs fresh %.1f: want clearly lighter", lstar(h.Colour), lstar(f.Colour))
	}
}

// TestHealedTwoToThreeShades checks the calibration of HealedRetention
// against domain.md §7 ("2–3 shades lighter"), a shade being one step of
// the carbon-black ladder: healed 1:10 sits between fresh 1:20 and 1:25.
func TestHealedTwoToThreeShades(t *testing.T) {
	for _, id := range []string{"monk:1", "monk:3", "monk:5", "fitzpatrick:2"} {
		sw, err := pal(t).Skin(id)
		if err != nil {
			t.Fatal(err)
		}
		h := lstar(Dot(dot("carbon-black", 10, impression.Target, geom.Point{}), sw.Colour, Healed).Colour)
		lo := lstar(Dot(dot("carbon-black", 20, impression.Target, geom.Point{}), sw.Colour, Fresh).Colour)
		hi := lstar(Dot(dot("carbon-black", 25, impression.Target, geom.Point{}), sw.Colour, Fresh).Colour)
		if h < lo || h > hi {
			t.Errorf("%s: healed 1:10 L* %.1f not between fresh 1:20 (%.1f) and 1:25 (%.1f)", id, h, lo, hi)
		}
	}
}

func TestColoursInGamutAndFinite(t *testing.T) {
	for _, skin := range skins(t, 100) {
		for _, depth := range depths {
			for _, st := range []Stage{Fresh, Healed, Aged(5), Aged(100)} {
				for _, pg := range pal(t).Pigments {
					lk := Dot(dot(pg.ID, pg.Dilutions[0], depth, geom.Point{X: 1}), skin, st)
					if !lk.Colour.IsValid() || math.IsNaN(lk.Colour.R+lk.Colour.G+lk.Colour.B) {
						t.Fatalf("%s %s %s on %s: colour %v outside the gamut", pg.ID, depth, st, skin.Hex(), lk.Colour)
					}
					if !(lk.DiameterMM > 0) || math.IsInf(lk.DiameterMM, 0) {
						t.Fatalf("diameter %v", lk.DiameterMM)
					}
				}
			}
		}
	}
}

func TestNoDotLighterThanSkin(t *testing.T) {
	for _, skin := range skins(t, 100) {
		for _, st := range []Stage{Fresh, Healed, Aged(30)} {
			lk := Dot(dot("smp-light", 5, impression.Shallow, geom.Point{}), skin, st)
			if lstar(lk.Colour) > lstar(skin)+eps {
				t.Fatalf("%s on %s: dot L* %.3f lighter than the skin %.3f", st, skin.Hex(), lstar(lk.Colour), lstar(skin))
			}
		}
	}
}

func TestAgedZeroIsHealed(t *testing.T) {
	skin := colorful.Color{R: 0.8, G: 0.6, B: 0.5}
	for _, depth := range depths {
		im := dot("carbon-black", 15, depth, geom.Point{X: 3, Y: 4})
		if a, h := Dot(im, skin, Aged(0)), Dot(im, skin, Healed); a != h {
			t.Errorf("%s: Aged(0) %+v != Healed %+v", depth, a, h)
		}
	}
	if Aged(-3) != Aged(0) || Aged(math.NaN()) != Aged(0) {
		t.Error("negative or NaN years must count as 0")
	}
}

// blueOf is the blue shift of a dot at 5 years.
func blueOf(pg string, d float64, depth impression.Depth, skin colorful.Color) float64 {
	p, _ := palette.Default()
	pig, _ := p.Pigment(pg)
	return Explain(pig, dot(pg, d, depth, geom.Point{}), skin, Aged(PreviewYears)).BlueShift
}

func TestBlueShiftDirections(t *testing.T) {
	fair, _ := colour.Parse("monk:1")
	dark, _ := colour.Parse("monk:8")
	if !(blueOf("carbon-black", 0, impression.Target, fair) > blueOf("carbon-black", 25, impression.Target, fair)) {
		t.Error("darker pigment must shift more toward blue")
	}
	if !(blueOf("carbon-black", 15, impression.Deep, fair) > blueOf("carbon-black", 15, impression.Target, fair)) {
		t.Error("deeper placement must shift more toward blue")
	}
	if !(blueOf("carbon-black", 15, impression.Target, fair) > blueOf("carbon-black", 15, impression.Target, dark)) {
		t.Error("fairer skin must shift more toward blue")
	}
	// And the shift is toward blue: b* falls relative to the unshifted dot.
	p := pal(t)
	cb, _ := p.Pigment("carbon-black")
	det := Explain(cb, dot("carbon-black", 0, impression.Target, geom.Point{}), fair, Aged(5))
	_, _, bu := colour.LabOf(det.Unshifted)
	_, _, bs := colour.LabOf(det.Colour)
	if !(bs < bu-1) {
		t.Errorf("aged b* %.2f vs unshifted %.2f: want clearly bluer", bs, bu)
	}
	if math.Abs(lstar(det.Unshifted)-lstar(det.Colour)) > 1e-6 {
		t.Errorf("blue shift changed L*: %v → %v", lstar(det.Unshifted), lstar(det.Colour))
	}
	// Deep dots are blue already when healed; on-target ones are not.
	deepH := Explain(cb, dot("carbon-black", 15, impression.Deep, geom.Point{}), fair, Healed)
	onH := Explain(cb, dot("carbon-black", 15, impression.Target, geom.Point{}), fair, Healed)
	if !(deepH.BlueShift > 0 && onH.BlueShift == 0) {
		t.Errorf("healed blue shift deep %.3f, on target %.3f", deepH.BlueShift, onH.BlueShift)
	}
}

func TestShallowHealsLighterAndPatchy(t *testing.T) {
	skin, _ := colour.Parse("monk:2")
	r := rand.New(rand.NewPCG(5, 5))
	var ls []float64
	for range 200 {
		pos := geom.Point{X: r.Float64() * 40, Y: r.Float64() * 40}
		sh := lstar(Dot(dot("carbon-black", 15, impression.Shallow, pos), skin, Healed).Colour)
		on := lstar(Dot(dot("carbon-black", 15, impression.Target, pos), skin, Healed).Colour)
		if !(sh > on) {
			t.Fatalf("shallow healed L* %.1f not lighter than on-target %.1f", sh, on)
		}
		ls = append(ls, sh)
	}
	lo, hi := ls[0], ls[0]
	for _, l := range ls {
		lo, hi = math.Min(lo, l), math.Max(hi, l)
	}
	if hi-lo < 5 {
		t.Errorf("shallow healed L* spans only %.1f..%.1f: want patchy", lo, hi)
	}
	if !VariesPerDot(dot("carbon-black", 15, impression.Shallow, geom.Point{})) {
		t.Error("VariesPerDot(shallow) = false")
	}
	// Every other depth must not vary, or a renderer's cache would lie.
	for _, depth := range []impression.Depth{impression.Target, impression.Deep} {
		if VariesPerDot(dot("carbon-black", 15, depth, geom.Point{})) {
			t.Errorf("VariesPerDot(%s) = true", depth)
		}
		for _, st := range []Stage{Fresh, Healed, Aged(5)} {
			a := Dot(dot("carbon-black", 15, depth, geom.Point{X: 1, Y: 2}), skin, st)
			im := dot("carbon-black", 15, depth, geom.Point{X: -30, Y: 7})
			im.TimeS, im.Session = 99, 3
			if b := Dot(im, skin, st); a != b {
				t.Errorf("%s %s: look depends on position/time/session: %+v vs %+v", depth, st, a, b)
			}
		}
	}
	// Patchy but deterministic.
	im := dot("carbon-black", 15, impression.Shallow, geom.Point{X: 1.5, Y: 2.5})
	if Dot(im, skin, Healed) != Dot(im, skin, Healed) {
		t.Error("same dot, different looks")
	}
}

func TestUnknownPigmentIsCarbonBlack(t *testing.T) {
	skin, _ := colour.Parse("monk:4")
	a := Dot(dot("no-such-pigment", 20, impression.Target, geom.Point{}), skin, Healed)
	b := Dot(dot("carbon-black", 20, impression.Target, geom.Point{}), skin, Healed)
	if a != b {
		t.Errorf("unknown pigment %+v, carbon black %+v", a, b)
	}
}

func TestOddDilutions(t *testing.T) {
	skin := colorful.Color{R: 0.9, G: 0.8, B: 0.7}
	def := Dot(dot("carbon-black", impression.DefaultDilution, impression.Target, geom.Point{}), skin, Healed)
	if got := Dot(dot("carbon-black", math.NaN(), impression.Target, geom.Point{}), skin, Healed); got != def {
		t.Errorf("NaN dilution %+v, want the default dilution's %+v", got, def)
	}
	neat := Dot(dot("carbon-black", 0, impression.Target, geom.Point{}), skin, Healed)
	if got := Dot(dot("carbon-black", -5, impression.Target, geom.Point{}), skin, Healed); got != neat {
		t.Errorf("negative dilution %+v, want neat %+v", got, neat)
	}
	if got := Dot(dot("carbon-black", math.Inf(1), impression.Target, geom.Point{}), skin, Healed); !got.Colour.IsValid() {
		t.Errorf("infinite dilution %+v", got)
	}
}

func TestStageString(t *testing.T) {
	for st, want := range map[Stage]string{Fresh: "fresh", Healed: "healed", Aged(5): "aged 5 y", Aged(2.5): "aged 2.5 y"} {
		if got := st.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", st, got, want)
		}
	}
}

func BenchmarkDot(b *testing.B) {
	skin := colorful.Color{R: 0.96, G: 0.93, B: 0.89}
	im := dot("carbon-black", 20, impression.Target, geom.Point{})
	for b.Loop() {
		Dot(im, skin, Aged(5))
	}
}

// FuzzDot checks the model's promises on arbitrary input: a drawable
// colour, a positive diameter, no dot lighter than its skin, and no
// darkening from fresh to healed to aged.
func FuzzDot(f *testing.F) {
	f.Add(0.9, 0.8, 0.7, 20.0, uint8(1), 5.0, 1.0, 2.0)
	f.Add(0.1, 0.05, 0.02, 0.0, uint8(2), 30.0, -4.0, 0.5)
	f.Fuzz(func(t *testing.T, r, g, b, dil float64, depthIx uint8, years, x, y float64) {
		skin := colorful.Color{R: r, G: g, B: b}.Clamped()
		if math.IsNaN(skin.R + skin.G + skin.B) {
			return
		}
		im := dot("carbon-black", dil, depths[int(depthIx)%3], geom.Point{X: x, Y: y})
		prev := -1.0
		for _, st := range []Stage{Fresh, Healed, Aged(years)} {
			lk := Dot(im, skin, st)
			if !lk.Colour.IsValid() || !(lk.DiameterMM > 0) {
				t.Fatalf("%s: %+v", st, lk)
			}
			l := lstar(lk.Colour)
			if l > lstar(skin)+1e-6 || l < prev-1e-6 {
				t.Fatalf("%s: L* %v (skin %v, before %v)", st, l, lstar(skin), prev)
			}
			prev = l
		}
	})
}

// TestLadderEvenlySpaced checks domain.md §7 against the complaint
// of a degenerate ladder: on fair to medium skin the healed carbon-black
// steps are each plainly visible (over 1.5 ΔE00) and roughly even (the
// largest under 3.5 times the smallest), and even the neat mix lightens
// when healed.
func TestLadderEvenlySpaced(t *testing.T) {
	cb, _ := pal(t).Pigment("carbon-black")
	for _, id := range []string{"monk:1", "monk:2", "monk:3", "monk:4", "monk:5", "monk:6"} {
		sw, _ := pal(t).Skin(id)
		lo, hi := math.Inf(1), 0.0
		for i := 1; i < len(cb.Dilutions); i++ {
			a := Dot(dot(cb.ID, cb.Dilutions[i-1], impression.Target, geom.Point{}), sw.Colour, Healed).Colour
			b := Dot(dot(cb.ID, cb.Dilutions[i], impression.Target, geom.Point{}), sw.Colour, Healed).Colour
			de := colour.DeltaE00(a, b)
			lo, hi = math.Min(lo, de), math.Max(hi, de)
		}
		if lo < 1.5 || hi > 3.5*lo {
			t.Errorf("%s: healed ladder steps %.1f–%.1f ΔE00, want each over 1.5 and within 3.5× of each other", id, lo, hi)
		}
		neat := dot(cb.ID, 0, impression.Target, geom.Point{})
		if f, h := lstar(Dot(neat, sw.Colour, Fresh).Colour), lstar(Dot(neat, sw.Colour, Healed).Colour); !(h > f+1) {
			t.Errorf("%s: neat carbon healed L* %.1f vs fresh %.1f: a dark mix must lighten somewhat (domain.md §7)", id, h, f)
		}
	}
}

// TestHairNeverDarkerThanDarkestDot: a hair passed through a skin's optics
// is never darker than the darkest dot on that skin, at any stage, for every
// hair target (none is darker than real black hair, domain.md §9).
func TestHairNeverDarkerThanDarkestDot(t *testing.T) {
	for _, skin := range skins(t, 60) {
		darkest := math.Inf(1)
		for _, pg := range pal(t).Pigments {
			for _, st := range []Stage{Fresh, Healed, Aged(5)} {
				for _, depth := range []impression.Depth{impression.Target, impression.Deep} {
					darkest = math.Min(darkest, lstar(Dot(dot(pg.ID, 0, depth, geom.Point{}), skin, st).Colour))
				}
			}
		}
		for _, h := range pal(t).Hair {
			if l := lstar(HairOnSkin(h.Colour, skin)); l < darkest-1e-6 {
				t.Errorf("%s hair on %s: L* %.2f, darker than the darkest dot %.2f", h.ID, skin.Hex(), l, darkest)
			}
		}
	}
}

// TestDarkSkinKeepsContrast: on MST-10 the neat and the palest mixes differ
// by far more than a JND (the old fixed glare made every ink alike there).
func TestDarkSkinKeepsContrast(t *testing.T) {
	sw, _ := pal(t).Skin("monk:10")
	neat := Dot(dot("carbon-black", 0, impression.Target, geom.Point{}), sw.Colour, Healed).Colour
	pale := Dot(dot("smp-light", 5, impression.Target, geom.Point{}), sw.Colour, Healed).Colour
	if de := colour.DeltaE00(neat, pale); de < 5 {
		t.Errorf("MST-10: neat carbon and smp-light 1:5 only %.1f ΔE00 apart", de)
	}
}
