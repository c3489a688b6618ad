package score

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/shade"
)

// colourSkins are two clients far apart on the Monk scale (domain.md §7),
// each with a shaved-hair target.
var colourSkins = []struct{ skin, hair string }{
	{"#f3e7db", "#4a3222"}, // MST-02, brown hair
	{"#825c43", "#241a14"}, // MST-07, near-black hair
}

// mixed returns ims all in one pigment and dilution.
func mixed(ims []impression.Impression, pigment string, dilution float64) []impression.Impression {
	out := append([]impression.Impression(nil), ims...)
	for i := range out {
		out[i].Pigment, out[i].Dilution = pigment, dilution
	}
	return out
}

// TestColourFollowsAdvice: the mix the shade advisor ranks best scores
// higher on colour than the mix it ranks worst, on two skins, and its
// feedback names the direction and gives advice.
func TestColourFollowsAdvice(t *testing.T) {
	base := dots(poissonDiskDensity(fieldTemplate(20).Outline, 17, 3))
	for _, c := range colourSkins {
		tp := fieldTemplate(20)
		tp.Skin, tp.HairColour = c.skin, c.hair
		skin, _ := colour.Parse(c.skin)
		hair, _ := colour.Parse(c.hair)
		opts := shade.Advise(skin, hair)
		best, worst := opts[0], opts[len(opts)-1]
		rb := Grade(tp, mixed(base, best.PigmentID, best.Dilution), 1, nil)
		rw := Grade(tp, mixed(base, worst.PigmentID, worst.Dilution), 1, nil)
		cb, cw := rb.Criterion(IDColour), rw.Criterion(IDColour)
		if cb == nil || cw == nil {
			t.Fatalf("%s: colour not reported", c.skin)
		}
		t.Logf("%s: best %s %s %.1f (%.1f ΔE00) %q; worst %s %s %.1f (%.1f ΔE00) %q", c.skin,
			best.PigmentID, best.DilutionLabel, cb.Score, cb.Value, cb.Feedback, worst.PigmentID, worst.DilutionLabel, cw.Score, cw.Value, cw.Feedback)
		if !(cb.Score > cw.Score) || cb.Score < 90 {
			t.Errorf("%s: best mix %s %s scores %.1f (%.1f ΔE00), worst %s %s scores %.1f (%.1f ΔE00)",
				c.skin, best.PigmentID, best.DilutionLabel, cb.Score, cb.Value, worst.PigmentID, worst.DilutionLabel, cw.Score, cw.Value)
		}
		if cb.Unit != "ΔE00" || !strings.Contains(cb.Target, "≤ 2 ΔE00") {
			t.Errorf("unit %q target %q", cb.Unit, cb.Target)
		}
		if !strings.Contains(cw.Feedback, "ΔE00") || !strings.Contains(cw.Feedback, "skin;") {
			t.Errorf("%s worst mix feedback %q", c.skin, cw.Feedback)
		}
		// Across the whole ranking: a mix the advisor puts clearly (1 JND)
		// closer never scores lower.
		sc := make([]float64, len(opts))
		for i, o := range opts {
			sc[i] = Grade(tp, mixed(base, o.PigmentID, o.Dilution), 1, nil).Criterion(IDColour).Score
		}
		for i := range opts {
			for j := range opts {
				if opts[i].DeltaE+colour.JND < opts[j].DeltaE && sc[i] < sc[j] {
					t.Errorf("%s: %s %s (%.1f ΔE00 by the advisor) scores %.1f, below %s %s (%.1f ΔE00) at %.1f", c.skin,
						opts[i].PigmentID, opts[i].DilutionLabel, opts[i].DeltaE, sc[i], opts[j].PigmentID, opts[j].DilutionLabel, opts[j].DeltaE, sc[j])
				}
			}
		}
		// The measure is shade.Assess's.
		de, _ := shade.Assess(mixed(base, worst.PigmentID, worst.Dilution), skin, hair)
		if d := de - cw.Value; d > 1e-6 || d < -1e-6 {
			t.Errorf("%s: colour value %.6f, shade.Assess %.6f", c.skin, cw.Value, de)
		}
	}
}

// TestColourDeterministicOrderInvariant: the same dots in another order,
// with two mixes in equal numbers and some shallow dots, grade the same
// colour; a second grade repeats the first; Live, built dot by dot with an
// add and remove on the way, agrees.
func TestColourDeterministicOrderInvariant(t *testing.T) {
	tp := fieldTemplate(20)
	tp.Skin, tp.HairColour = colourSkins[0].skin, colourSkins[0].hair
	ims := dots(poissonDiskDensity(tp.Outline, 17, 5))
	for i := range ims {
		if i%2 == 0 {
			ims[i].Dilution = 10
		} else {
			ims[i].Dilution = 30
		}
		if i%7 == 0 {
			ims[i].Depth = impression.Shallow // heals patchily: a look per dot
		}
	}
	a := Grade(tp, ims, 1, nil).Criterion(IDColour)
	b := Grade(tp, ims, 1, nil).Criterion(IDColour)
	sh := append([]impression.Impression(nil), ims...)
	rand.New(rand.NewPCG(7, 1)).Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
	c := Grade(tp, sh, 1, nil).Criterion(IDColour)
	if a == nil || b == nil || c == nil {
		t.Fatal("colour not reported")
	}
	if a.Feedback != b.Feedback || a.Score != b.Score || a.Feedback != c.Feedback || abs(a.Value-c.Value) > 1e-9 || abs(a.Score-c.Score) > 1e-6 {
		t.Errorf("not invariant:\n %v\n %v\n %v", a, b, c)
	}
	l := NewLive(tp, nil, 1, nil)
	for _, im := range sh {
		l.Add(im)
	}
	id := l.Add(ims[0])
	l.Remove(id)
	lc := l.Report().Criterion(IDColour)
	if lc == nil || abs(lc.Value-a.Value) > 1e-9 || lc.Feedback != a.Feedback {
		t.Errorf("Live %v, Grade %v", lc, a)
	}
}

// TestColourNotApplicable: no dots, or no skin and hair target, gives no
// colour criterion rather than a score.
func TestColourNotApplicable(t *testing.T) {
	tp := fieldTemplate(20)
	if c := Grade(tp, dots(poissonDiskDensity(tp.Outline, 17, 3)), 1, nil).Criterion(IDColour); c != nil {
		t.Errorf("colour without a target: %v", c)
	}
	tp.Skin, tp.HairColour = colourSkins[0].skin, colourSkins[0].hair
	if c := Grade(tp, nil, 1, nil).Criterion(IDColour); c != nil {
		t.Errorf("colour without dots: %v", c)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
