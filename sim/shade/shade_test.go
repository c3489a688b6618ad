package shade

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
)

func must(t testing.TB, s string) colorful.Color {
	t.Helper()
	c, err := colour.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAdviseCoversEveryMixSorted(t *testing.T) {
	p, err := palette.Default()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, pg := range p.Pigments {
		want += len(pg.Dilutions)
	}
	skin, hair := must(t, "monk:3"), must(t, "hair:dark-brown")
	opts := Advise(skin, hair)
	if len(opts) != want {
		t.Fatalf("%d options, want every pigment × dilution = %d", len(opts), want)
	}
	if !slices.IsSortedFunc(opts, func(a, b Option) int { return cmp.Compare(a.DeltaE, b.DeltaE) }) {
		t.Error("options not sorted by ΔE00")
	}
	for _, o := range opts {
		// Each option's numbers must be what they claim, recomputed here.
		if de := colour.DeltaE00(o.Healed, hair); math.Abs(de-o.DeltaE) > 1e-9 {
			t.Errorf("%s %s: DeltaE %v, recomputed %v", o.PigmentID, o.DilutionLabel, o.DeltaE, de)
		}
		if de := colour.DeltaE00(skin, o.Healed); math.Abs(de-o.ContrastDE) > 1e-9 {
			t.Errorf("%s %s: ContrastDE %v, recomputed %v", o.PigmentID, o.DilutionLabel, o.ContrastDE, de)
		}
		if o.ContrastL <= 0 {
			t.Errorf("%s %s: dot not darker than skin (ΔL* %v)", o.PigmentID, o.DilutionLabel, o.ContrastL)
		}
		if o.SkinClass != colour.ITAClass(colour.ITA(skin)) {
			t.Errorf("skin class %q", o.SkinClass)
		}
		pg, _ := p.Pigment(o.PigmentID)
		im := impression.Impression{DiameterMM: 0.25, Depth: impression.Target, Pigment: o.PigmentID, Dilution: o.Dilution}
		if h := appearance.DotWith(pg, im, skin, appearance.Healed).Colour; h != o.Healed {
			t.Errorf("%s %s: healed %v, appearance says %v", o.PigmentID, o.DilutionLabel, o.Healed, h)
		}
	}
}

// TestAdviseFindsPlantedTarget: when the target is exactly the healed dot
// of one mix, that mix must come first with ΔE00 0.
func TestAdviseFindsPlantedTarget(t *testing.T) {
	p, _ := palette.Default()
	r := rand.New(rand.NewPCG(9, 9))
	for range 20 {
		skin := p.Skins[r.IntN(len(p.Skins))].Colour
		pg := p.Pigments[r.IntN(len(p.Pigments))]
		d := pg.Dilutions[r.IntN(len(pg.Dilutions))]
		im := impression.Impression{DiameterMM: 0.25, Depth: impression.Target, Pigment: pg.ID, Dilution: d}
		hair := appearance.DotWith(pg, im, skin, appearance.Healed).Colour
		best := Advise(skin, hair)[0]
		if best.DeltaE > 1e-9 {
			t.Errorf("planted %s %g on %s: best is %s %s at %.3f", pg.ID, d, skin.Hex(), best.PigmentID, best.DilutionLabel, best.DeltaE)
		}
	}
}

func TestDarkHairNeedsLessWaterThanLight(t *testing.T) {
	skin := must(t, "monk:2")
	cb := func(hair string) float64 {
		for _, o := range Advise(skin, must(t, hair)) {
			if o.PigmentID == "carbon-black" {
				return o.Dilution
			}
		}
		t.Fatal("no carbon black option")
		return 0
	}
	if !(cb("hair:black") < cb("hair:medium-brown") && cb("hair:medium-brown") < cb("hair:light-grey")) {
		t.Errorf("best carbon dilutions black %v, medium brown %v, light grey %v: want rising",
			cb("hair:black"), cb("hair:medium-brown"), cb("hair:light-grey"))
	}
}

func TestBlueWarningOnFairSkinDarkShades(t *testing.T) {
	opts := Advise(must(t, "monk:1"), must(t, "hair:black"))
	var neat, thin *Option
	for i := range opts {
		if opts[i].PigmentID == "carbon-black" && opts[i].Dilution == 0 {
			neat = &opts[i]
		}
		if opts[i].PigmentID == "carbon-black" && opts[i].Dilution == 30 {
			thin = &opts[i]
		}
	}
	if neat == nil || thin == nil {
		t.Fatal("carbon black neat or 1:30 missing")
	}
	if !hasWarning(neat, "blue") {
		t.Errorf("neat carbon on MST-01 drifts %.2f ΔE00 with no blue warning", neat.BlueDrift)
	}
	if hasWarning(thin, "blue") {
		t.Errorf("1:30 carbon on MST-01 warned (drift %.2f)", thin.BlueDrift)
	}
	// Every warning agrees with the threshold.
	for _, o := range opts {
		if hasWarning(&o, "blue") != (o.BlueDrift > BlueDriftWarnJND*colour.JND) {
			t.Errorf("%s %s: drift %.2f, warnings %q", o.PigmentID, o.DilutionLabel, o.BlueDrift, o.Warnings)
		}
	}
	// Dark skin: the same mix drifts less.
	dark := Advise(must(t, "monk:9"), must(t, "hair:black"))
	for _, o := range dark {
		if o.PigmentID == "carbon-black" && o.Dilution == 0 && !(o.BlueDrift < neat.BlueDrift) {
			t.Errorf("neat carbon drifts %.2f on MST-09, %.2f on MST-01", o.BlueDrift, neat.BlueDrift)
		}
	}
}

func hasWarning(o *Option, word string) bool {
	for _, w := range o.Warnings {
		if strings.Contains(w, word) {
			return true
		}
	}
	return false
}

func grid(pigment string, dilution float64, depth impression.Depth) []impression.Impression {
	var ims []impression.Impression
	for i := range 50 {
		ims = append(ims, impression.Impression{Pos: geom.Point{X: float64(i % 10), Y: float64(i / 10)},
			DiameterMM: 0.25, Depth: depth, Pigment: pigment, Dilution: dilution, Session: 1})
	}
	return ims
}

func TestAssess(t *testing.T) {
	skin, hair := must(t, "monk:3"), must(t, "hair:medium-brown")
	best := Advise(skin, hair)[0]

	de, fb := Assess(grid(best.PigmentID, best.Dilution, impression.Target), skin, hair)
	if math.Abs(de-best.DeltaE) > 1e-6 {
		t.Errorf("best mix: %.3f %q (advice said %.3f)", de, fb, best.DeltaE)
	}
	planted := appearance.Dot(grid("smp-dark", 5, impression.Target)[0], skin, appearance.Healed).Colour
	de, fb = Assess(grid("smp-dark", 5, impression.Target), skin, planted)
	if de > 1e-6 || !strings.Contains(fb, "matches") || !strings.Contains(fb, "MST-03") {
		t.Errorf("planted target: %.3f %q", de, fb)
	}

	de, fb = Assess(grid("carbon-black", 5, impression.Target), skin, hair)
	if de < 3 || !strings.Contains(fb, "too dark") || !(strings.Contains(fb, "dilute") || strings.Contains(fb, "try")) || !strings.Contains(fb, "MST-03") {
		t.Errorf("1:5 for medium brown: %.2f %q", de, fb)
	}
	de2, fb2 := Assess(grid("carbon-black", 30, impression.Target), skin, must(t, "hair:black"))
	if de2 < 3 || !strings.Contains(fb2, "too light") || !strings.Contains(fb2, "less water") {
		t.Errorf("1:30 for black: %.2f %q", de2, fb2)
	}
	// Deep work turns the same mix blue: Assess sees the healed dots as
	// they are, not as the trainee meant them.
	deDeep, _ := Assess(grid(best.PigmentID, best.Dilution, impression.Deep), skin, hair)
	if !(deDeep > best.DeltaE) {
		t.Errorf("deep dots %.2f, on target %.2f", deDeep, best.DeltaE)
	}
	if de, fb := Assess(nil, skin, hair); de != 0 || !strings.Contains(fb, "no impressions") {
		t.Errorf("empty: %v %q", de, fb)
	}
	t.Logf("examples: %q / %q", fb, fb2)
}

// TestAssessMean: Assess on one dot says what AssessMean says on that
// dot's healed colour with its mix, word for word, for a mix too dark, too
// light and on target.
func TestAssessMean(t *testing.T) {
	skin, hair := must(t, "monk:3"), must(t, "hair:medium-brown")
	best := Advise(skin, hair)[0]
	for _, m := range []struct {
		pigment  string
		dilution float64
	}{{"carbon-black", 5}, {"carbon-black", 30}, {best.PigmentID, best.Dilution}} {
		ims := grid(m.pigment, m.dilution, impression.Target)[:1]
		seen := appearance.Dot(ims[0], skin, appearance.Healed).Colour
		de, fb := Assess(ims, skin, hair)
		de2, fb2 := AssessMean(seen, m.pigment, m.dilution, skin, hair)
		if math.Abs(de-de2) > 1e-9 || fb != fb2 {
			t.Errorf("%s %g: Assess %.6f %q, AssessMean %.6f %q", m.pigment, m.dilution, de, fb, de2, fb2)
		}
	}
}

// TestDirection: a shade darker, lighter, bluer or warmer than the target
// at the same lightness is named so.
func TestDirection(t *testing.T) {
	hair := colour.FromLab(40, 5, 10)
	for _, c := range []struct {
		seen colorful.Color
		want string
	}{
		{colour.FromLab(30, 5, 10), "too dark"},
		{colour.FromLab(50, 5, 10), "too light"},
		{colour.FromLab(40, 5, 0), "too blue"},
		{colour.FromLab(40, 5, 20), "too warm"},
		{colour.FromLab(40, 15, 10), "off in hue"},
	} {
		if got := Direction(c.seen, hair); got != c.want {
			t.Errorf("Direction(%v) = %q, want %q", c.seen, got, c.want)
		}
	}
}

func TestSkinName(t *testing.T) {
	if got := SkinName(must(t, "monk:3")); got != "MST-03" {
		t.Errorf("SkinName(monk:3) = %q", got)
	}
	if got := SkinName(must(t, "fitzpatrick:4")); got != "Fitzpatrick IV" {
		t.Errorf("SkinName(fitzpatrick:4) = %q", got)
	}
	if got := SkinName(must(t, "#c8a080")); !strings.Contains(got, "ITA") {
		t.Errorf("SkinName(custom) = %q, want an ITA description", got)
	}
}

func BenchmarkAdvise(b *testing.B) {
	skin, _ := colour.Parse("monk:3")
	hair, _ := colour.Parse("hair:dark-brown")
	for b.Loop() {
		Advise(skin, hair)
	}
}

func BenchmarkAssess1000(b *testing.B) {
	skin, _ := colour.Parse("monk:3")
	hair, _ := colour.Parse("hair:dark-brown")
	var ims []impression.Impression
	for range 20 {
		ims = append(ims, grid("carbon-black", 20, impression.Target)...)
	}
	for b.Loop() {
		Assess(ims, skin, hair)
	}
}
