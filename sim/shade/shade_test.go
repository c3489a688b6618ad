package shade

import (
	"math"
	"strings"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/viewer"
)

func must(t testing.TB, s string) colorful.Color {
	t.Helper()
	c, err := colour.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAdviseCoversEveryMix(t *testing.T) {
	p, _ := palette.Default()
	n := 0
	for _, pg := range p.Pigments {
		n += len(pg.Dilutions)
	}
	opts := Advise(must(t, "monk:3"), must(t, "hair:dark-brown"))
	if len(opts) != n {
		t.Fatalf("%d options, want every pigment × dilution (%d)", len(opts), n)
	}
	for i, o := range opts {
		if o.HealedDiameterMM <= 0 || o.TextureRatio <= 0 || math.IsNaN(o.AreaDE) || o.Match < 0 || o.Match > 1 {
			t.Errorf("option %d: %+v", i, o)
		}
		for _, w := range o.Warnings {
			if w.Why == "" || w.Text == "" || WarningWhy(w.Code) != w.Why {
				t.Errorf("option %d warning %+v has no explanation", i, w)
			}
		}
	}
}

// TestTopPickOnEveryTemplate is the bar of issue 9: on every template the
// first pick reads as the client's stubble (area within 1 ΔE00, texture
// 0.8–1.25) and carries no blue-grey warning, with a healed 1RL 0.25 dot
// of 90–170 µm (domain.md §2).
func TestTopPickOnEveryTemplate(t *testing.T) {
	for _, tp := range scalp.All() {
		c, err := ClientOf(tp, 3)
		if err != nil {
			t.Fatal(err)
		}
		o := AdviseFor(c.Skin, c.Hair, Viewing{PerCM2: c.PerCM2})[0]
		if o.Warned(WarnBlueGrey) || o.AreaDE > 1 || o.TextureRatio < 0.8 || o.TextureRatio > 1.25 ||
			o.HealedDiameterMM < 0.09 || o.HealedDiameterMM > 0.17 {
			t.Errorf("%s: first pick %s %s: area %.2f ΔE00, texture %.2f×, dot %.3f mm, warnings %v",
				tp.ID, o.PigmentID, o.DilutionLabel, o.AreaDE, o.TextureRatio, o.HealedDiameterMM, o.Warnings)
		}
	}
}

// TestStartLighterOnFairSkin: on fair skin the advice never puts neat
// carbon, or any mix that turns blue-grey, first; neat carbon reads too
// dark (domain.md §7: start lighter).
func TestStartLighterOnFairSkin(t *testing.T) {
	for _, id := range []string{"monk:1", "monk:2", "monk:3", "monk:4"} {
		for _, h := range []string{"hair:black", "hair:dark-brown", "hair:light-brown"} {
			opts := Advise(must(t, id), must(t, h))
			if opts[0].Warned(WarnBlueGrey) {
				t.Errorf("%s %s: first pick %s %s turns blue-grey", id, h, opts[0].PigmentID, opts[0].DilutionLabel)
			}
			for _, o := range opts {
				if o.PigmentID == "carbon-black" && o.Dilution == 0 && !(o.TextureRatio > TextureFullMax) {
					t.Errorf("%s %s: neat carbon texture %.2f×, not too dark", id, h, o.TextureRatio)
				}
			}
		}
	}
}

// TestDarkSkinContrastSpan: on MST-10 the options' healed contrast with
// the skin spans at least 5 ΔE00 (every ink looked alike before).
func TestDarkSkinContrastSpan(t *testing.T) {
	lo, hi := math.Inf(1), 0.0
	for _, o := range Advise(must(t, "monk:10"), must(t, "hair:black")) {
		lo, hi = math.Min(lo, o.ContrastDE), math.Max(hi, o.ContrastDE)
	}
	if hi-lo < 5 {
		t.Errorf("MST-10 contrast spans %.1f–%.1f ΔE00", lo, hi)
	}
}

// TestBiggerDotNeverLessVisible: for every mix, skin and distance, a larger
// healed dot shows at least as much texture and area difference.
func TestBiggerDotNeverLessVisible(t *testing.T) {
	p, _ := palette.Default()
	for _, skin := range []string{"monk:1", "monk:5", "monk:10"} {
		s := must(t, skin)
		for _, pg := range p.Pigments {
			for _, d := range []float64{pg.Dilutions[0], pg.Dilutions[len(pg.Dilutions)-1]} {
				for _, dist := range viewer.DistancesM {
					prevT, prevA := 0.0, 0.0
					for _, g := range []impression.Needle{{Grouping: impression.RL1, GaugeMM: 0.18}, {Grouping: impression.RL1, GaugeMM: 0.25}, {Grouping: impression.RL1, GaugeMM: 0.30}, {Grouping: impression.RL3, GaugeMM: 0.25}} {
						lk := appearance.DotWith(pg, probe(pg.ID, d, g), s, appearance.Healed)
						work := viewer.Patch{Skin: s, Marks: []viewer.Marks{{DiameterMM: lk.DiameterMM, Colour: lk.Colour, PerCM2: 80}}}
						tex, area := work.Texture(dist), colour.DeltaE00(work.Mean(), s)
						if tex < prevT-1e-12 || area < prevA-1e-9 {
							t.Errorf("%s %s %g at %g m, %s: texture %.4f after %.4f, area %.4f after %.4f", skin, pg.ID, d, dist, g, tex, prevT, area, prevA)
						}
						prevT, prevA = tex, area
					}
				}
			}
		}
	}
}

// TestBlueDriftGrows: the aged drift toward blue grows with the darkness
// of the mix, with depth and with the fairness of the skin.
func TestBlueDriftGrows(t *testing.T) {
	p, _ := palette.Default()
	cb, _ := p.Pigment("carbon-black")
	drift := func(d float64, depth impression.Depth, skin string) float64 {
		im := probe(cb.ID, d, impression.DefaultNeedle)
		im.Depth = depth
		a := appearance.Explain(cb, im, must(t, skin), appearance.Aged(appearance.PreviewYears))
		return colour.DeltaE00(a.Unshifted, a.Colour)
	}
	for _, skin := range []string{"monk:1", "monk:4", "monk:7"} {
		for i := 1; i < len(cb.Dilutions); i++ {
			if drift(cb.Dilutions[i-1], impression.Target, skin) < drift(cb.Dilutions[i], impression.Target, skin)-1e-9 {
				t.Errorf("%s: 1:%g drifts less than the lighter 1:%g", skin, cb.Dilutions[i-1], cb.Dilutions[i])
			}
		}
		if !(drift(10, impression.Deep, skin) > drift(10, impression.Target, skin)) {
			t.Errorf("%s: deep does not drift more than on target", skin)
		}
	}
	for _, d := range []float64{0, 5, 20} {
		if !(drift(d, impression.Target, "monk:1") > drift(d, impression.Target, "monk:7") && drift(d, impression.Target, "monk:7") > drift(d, impression.Target, "monk:10")) {
			t.Errorf("1:%g: drift does not fall from fair to dark skin", d)
		}
	}
}

func TestJudgeWords(t *testing.T) {
	skin, hair := must(t, "monk:3"), must(t, "hair:dark-brown")
	ref := Reference(skin, hair, 80)
	work := func(pg string, d float64) viewer.Patch {
		lk := appearance.Dot(probe(pg, d, impression.DefaultNeedle), skin, appearance.Healed)
		return viewer.Patch{Skin: skin, Marks: []viewer.Marks{{DiameterMM: lk.DiameterMM, Colour: lk.Colour, PerCM2: 80}}}
	}
	best := Advise(skin, hair)[0]
	j := Judge(work(best.PigmentID, best.Dilution), ref, Mix{Pigment: best.PigmentID, Dilution: best.Dilution}, skin, hair, Viewing{})
	if j.Match != 1 || len(j.Faults) != 0 || !strings.Contains(j.Feedback, "reads as his stubble") {
		t.Errorf("advised mix: %+v", j)
	}
	j = Judge(work("carbon-black", 0), ref, Mix{Pigment: "carbon-black"}, skin, hair, Viewing{})
	if j.Match > 0.3 || len(j.Faults) == 0 || j.Faults[0] != FaultTooDark || !strings.Contains(j.Feedback, "too dark") || !strings.Contains(j.Feedback, "load ") {
		t.Errorf("neat carbon on MST-03: %+v", j)
	}
	dark := must(t, "monk:10")
	lk := appearance.Dot(probe("smp-light", 20, impression.DefaultNeedle), dark, appearance.Healed)
	pale := viewer.Patch{Skin: dark, Marks: []viewer.Marks{{DiameterMM: lk.DiameterMM, Colour: lk.Colour, PerCM2: 80}}}
	j = Judge(pale, Reference(dark, must(t, "hair:black"), 80), Mix{Pigment: "smp-light", Dilution: 20}, dark, must(t, "hair:black"), Viewing{})
	if j.Match > 0 || len(j.Faults) == 0 || j.Faults[0] != FaultInvisible || !strings.Contains(j.Feedback, "won't show") {
		t.Errorf("palest on MST-10: %+v", j)
	}
	t.Logf("%s", j.Feedback)
}

func TestClientOf(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ClientOf(tp, 1)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := palette.Default()
	sw, _ := p.HairTarget(tp.HairID)
	if tp.HairID == "" || c.Hair != sw.Colour || !(c.PerCM2 > 20 && c.PerCM2 < 120) {
		t.Errorf("norwood3: %+v (hair id %q)", c, tp.HairID)
	}
}

func TestSkinName(t *testing.T) {
	if got := SkinName(must(t, "monk:3")); got != "MST-03" {
		t.Errorf("monk:3 is %q", got)
	}
	if got := SkinName(must(t, "#808080")); !strings.Contains(got, "ITA") {
		t.Errorf("grey is %q", got)
	}
}

func BenchmarkAdvise(b *testing.B) {
	skin, hair := must(b, "monk:3"), must(b, "hair:dark-brown")
	for b.Loop() {
		Advise(skin, hair)
	}
}

// TestFirstPickRemembersAdvice checks the remembered first pick, asked
// twice (computed, then remembered), against the advisor's own first
// option on light and dark skin with two needles and two viewings.
func TestFirstPickRemembersAdvice(t *testing.T) {
	hair := colorful.Color{R: 0.23, G: 0.16, B: 0.12}
	for _, skin := range []colorful.Color{{R: 0.84, G: 0.74, B: 0.59}, {R: 0.36, G: 0.25, B: 0.18}} {
		for _, n := range []impression.Needle{impression.DefaultNeedle, {Grouping: impression.RL3, GaugeMM: 0.30}} {
			for _, v := range []Viewing{{Needle: n}, {Needle: n, DistanceM: 1.5, PerCM2: 40}} {
				want := AdviseFor(skin, hair, v)
				if len(want) == 0 {
					t.Fatal("the advisor gave no option")
				}
				for range 2 {
					got, ok := firstPick(skin, hair, v)
					if !ok || got.PigmentID != want[0].PigmentID || got.Dilution != want[0].Dilution || got.TextureRatio != want[0].TextureRatio {
						t.Fatalf("skin %v needle %v viewing %+v: first pick %s %g (%v), advisor %s %g", skin, n, v, got.PigmentID, got.Dilution, ok, want[0].PigmentID, want[0].Dilution)
					}
				}
			}
		}
	}
}
