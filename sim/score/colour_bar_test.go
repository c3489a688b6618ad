package score

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/shade"
)

// handWork is work no generator of this project made: a jittered grid at
// 1.1 mm over the template's treated zones, as a trainee drilling an even
// fill would place it, with a 1RL 0.25 on target, all in one mix.
func handWork(t *scalp.Template, pigment string, dilution float64) []impression.Impression {
	r := rand.New(rand.NewPCG(42, 9))
	b := t.Bounds()
	var out []impression.Impression
	for y := b.Min.Y; y < b.Max.Y; y += 1.1 {
		for x := b.Min.X; x < b.Max.X; x += 1.1 {
			p := geom.Point{X: x + 0.4*(r.Float64()-0.5), Y: y + 0.4*(r.Float64()-0.5)}
			if z := t.ZoneAt(p); z == nil || !z.Treated() {
				continue
			}
			im := impression.New(p, impression.DefaultNeedle, 1, float64(len(out)))
			im.Pigment, im.Dilution = pigment, dilution
			out = append(out, im)
		}
	}
	return out
}

// TestColourBar is the bar of issue 9: on fair skin (MST-01–04) pure
// carbon black, and on the darkest (MST-09/10) the palest ink, score at
// least 10 points lower overall than the same hand-placed work in the
// advised ink, and the colour feedback names the fault.
func TestColourBar(t *testing.T) {
	palest := func() (string, float64) { return "smp-light", 20 }
	cases := []struct {
		template string
		pigment  string
		dilution float64
		faults   []FaultCode
		words    []string
	}{
		{"norwood2", "carbon-black", 0, []FaultCode{FaultTooDark, FaultBlueGrey}, []string{"too dark", "blue-grey"}},
		{"ludwig2", "carbon-black", 0, []FaultCode{FaultTooDark, FaultBlueGrey}, []string{"too dark", "blue-grey"}},
		{"norwood3", "carbon-black", 0, []FaultCode{FaultTooDark, FaultBlueGrey}, []string{"too dark", "blue-grey"}},
		{"norwood3v", "carbon-black", 0, []FaultCode{FaultTooDark, FaultBlueGrey}, []string{"too dark", "blue-grey"}},
	}
	pg, d := palest()
	for _, id := range []string{"norwood7", "areata"} {
		cases = append(cases, struct {
			template string
			pigment  string
			dilution float64
			faults   []FaultCode
			words    []string
		}{id, pg, d, []FaultCode{FaultInvisible}, []string{"won't show"}})
	}
	for _, tc := range cases {
		tp, err := scalp.Lookup(tc.template)
		if err != nil {
			t.Fatal(err)
		}
		cl, err := shade.ClientOf(tp, 1)
		if err != nil {
			t.Fatal(err)
		}
		best := shade.AdviseFor(cl.Skin, cl.Hair, shade.Viewing{PerCM2: cl.PerCM2})[0]
		good := Grade(tp, handWork(tp, best.PigmentID, best.Dilution), 1, nil)
		bad := Grade(tp, handWork(tp, tc.pigment, tc.dilution), 1, nil)
		cg, cb := good.Criterion(IDColour), bad.Criterion(IDColour)
		t.Logf("%s: advised %s %s overall %.1f (colour %.0f); %s %g overall %.1f (colour %.0f) %q",
			tc.template, best.PigmentID, best.DilutionLabel, good.Overall, cg.Score, tc.pigment, tc.dilution, bad.Overall, cb.Score, cb.Feedback)
		if good.Overall-bad.Overall < 10 {
			t.Errorf("%s: %s %g scores %.1f overall, only %.1f below the advised ink's %.1f", tc.template, tc.pigment, tc.dilution, bad.Overall, good.Overall-bad.Overall, good.Overall)
		}
		named := false
		for _, f := range cb.Faults {
			for _, want := range tc.faults {
				named = named || f.Code == want
			}
		}
		worded := false
		for _, w := range tc.words {
			worded = worded || strings.Contains(cb.Feedback, w)
		}
		if !named || !worded {
			t.Errorf("%s: faults %v, feedback %q; want one of %v / %v", tc.template, cb.Faults, cb.Feedback, tc.faults, tc.words)
		}
	}
}
