package score

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/shade"
)

// colourSkins are two clients far apart on the Monk scale (domain.md §7),
// each with a shaved-hair target.
var colourSkins = []struct{ skin, hair string }{
	{"#f3e7db", "hair:medium-brown"}, // MST-02
	{"#825c43", "hair:black"},        // MST-07
}

// mixed returns ims all in one pigment and dilution.
func mixed(ims []impression.Impression, pigment string, dilution float64) []impression.Impression {
	out := append([]impression.Impression(nil), ims...)
	for i := range out {
		out[i].Pigment, out[i].Dilution = pigment, dilution
	}
	return out
}

// TestColourFollowsAdvice: the mix the shade advisor ranks first scores
// full marks on colour and higher than the mix it ranks last, on two
// skins; the criterion sees the work exactly as the advisor sees that mix;
// and a mix the advisor finds a clearly better match never scores lower.
func TestColourFollowsAdvice(t *testing.T) {
	base := dots(poissonDiskDensity(fieldTemplate(20).Outline, 17, 3))
	for _, c := range colourSkins {
		tp := fieldTemplate(20)
		tp.Skin, tp.HairColour = c.skin, c.hair
		cl, err := shade.ClientOf(tp, 1)
		if err != nil {
			t.Fatal(err)
		}
		opts := shade.AdviseFor(cl.Skin, cl.Hair, shade.Viewing{PerCM2: cl.PerCM2})
		best, worst := opts[0], opts[len(opts)-1]
		rb := Grade(tp, mixed(base, best.PigmentID, best.Dilution), 1, nil)
		rw := Grade(tp, mixed(base, worst.PigmentID, worst.Dilution), 1, nil)
		cb, cw := rb.Criterion(IDColour), rw.Criterion(IDColour)
		if cb == nil || cw == nil {
			t.Fatalf("%s: colour not reported", c.skin)
		}
		t.Logf("%s: best %s %s %.1f %q; worst %s %s %.1f %q", c.skin,
			best.PigmentID, best.DilutionLabel, cb.Score, cb.Feedback, worst.PigmentID, worst.DilutionLabel, cw.Score, cw.Feedback)
		if !(cb.Score > cw.Score) || cb.Score < 99.9 {
			t.Errorf("%s: best mix %s %s scores %.1f, worst %s %s scores %.1f",
				c.skin, best.PigmentID, best.DilutionLabel, cb.Score, worst.PigmentID, worst.DilutionLabel, cw.Score)
		}
		if cb.Unit != "× texture" || !strings.Contains(cb.Target, "0.8–1.25") {
			t.Errorf("unit %q target %q", cb.Unit, cb.Target)
		}
		if !strings.Contains(cw.Feedback, "Seen from 0.5 m") || len(cw.Faults) == 0 {
			t.Errorf("%s worst mix feedback %q, faults %v", c.skin, cw.Feedback, cw.Faults)
		}
		sc := make([]float64, len(opts))
		for i, o := range opts {
			cr := Grade(tp, mixed(base, o.PigmentID, o.Dilution), 1, nil).Criterion(IDColour)
			sc[i] = cr.Score
			// The criterion's measure is the advisor's.
			if d := cr.Value - o.TextureRatio; d > 1e-6 || d < -1e-6 {
				t.Errorf("%s %s %s: criterion texture ratio %.6f, advisor %.6f", c.skin, o.PigmentID, o.DilutionLabel, cr.Value, o.TextureRatio)
			}
		}
		for i := range opts {
			for j := range opts {
				if opts[i].Match > opts[j].Match+0.05 && !opts[i].Warned(shade.WarnBlueGrey) && sc[i] < sc[j] {
					t.Errorf("%s: %s %s (match %.2f) scores %.1f, below %s %s (match %.2f) at %.1f", c.skin,
						opts[i].PigmentID, opts[i].DilutionLabel, opts[i].Match, sc[i], opts[j].PigmentID, opts[j].DilutionLabel, opts[j].Match, sc[j])
				}
			}
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
	l := NewGrader(tp).NewLive(nil, 1, nil)
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

// A bulk grade files runs of dots made alike together (colourFiler); it
// must file every dot as filing them one by one does (colourAgg.add, what
// a Live does), with shallow dots, which each have a look of their own,
// dead dots and NaN dilutions inside and between runs.
func TestColourRunsFiledAsOneByOne(t *testing.T) {
	tp := fieldTemplate(20)
	tp.Skin, tp.HairColour = colourSkins[0].skin, colourSkins[0].hair
	p := NewGrader(tp).prep(1)
	base := dots(poissonDiskDensity(tp.Outline, 30, 5))
	rng := rand.New(rand.NewPCG(5, 6))
	ims := make([]impression.Impression, 0, len(base))
	for i, im := range base {
		switch k := rng.IntN(10); {
		case k < 2:
			im.Depth = impression.Shallow
		case k < 3:
			im.Pigment = "smp-warm-dark"
		case k < 4 && i%7 == 0:
			im.Dilution = math.NaN()
		}
		ims = append(ims, im)
	}
	s := &state{p: p, old: &state{}, alive: make([]bool, len(ims))}
	for i := range s.alive {
		s.alive[i] = i%11 != 0
	}
	fileColour(s, ims)
	want := &colourAgg{lastI: -1}
	for i, im := range ims {
		if s.alive[i] {
			want.add(int32(i), im, p.colour.client.Skin)
		} else {
			want.grow(int32(i))
		}
	}
	got := s.col
	if got.live != want.live || len(got.looks) != len(want.looks) || len(got.mixes) != len(want.mixes) {
		t.Fatalf("bulk filing: %d live dots, %d looks, %d mixes; one by one: %d, %d, %d",
			got.live, len(got.looks), len(got.mixes), want.live, len(want.looks), len(want.mixes))
	}
	for i := range ims {
		if got.dot[i] != want.dot[i] {
			t.Fatalf("dot %d filed under look %d, one by one under %d", i, got.dot[i], want.dot[i])
		}
	}
	for k := range want.looks {
		if got.looks[k] != want.looks[k] {
			t.Errorf("look %d: bulk %+v, one by one %+v", k, got.looks[k], want.looks[k])
		}
	}
	for k := range want.mixes {
		g, w := got.mixes[k], want.mixes[k]
		if g.pigment != w.pigment || math.Float64bits(g.dilution) != math.Float64bits(w.dilution) || got.mixN[k] != want.mixN[k] {
			t.Errorf("mix %d: bulk %v × %d, one by one %v × %d", k, got.mixes[k], got.mixN[k], want.mixes[k], want.mixN[k])
		}
	}
}

// fileColour files ims as measure does, with s's alive flags.
func fileColour(s *state, ims []impression.Impression) {
	f := s.startColour(len(ims))
	for i := range ims {
		if s.alive[i] {
			f.file(i, &ims[i])
		} else {
			f.skip(i)
		}
	}
	f.flush()
}

// lookKey.of answers as comparing lookKeyOf's key does, for dots that
// differ from the key's in each field in turn (a NaN included), so a
// field added to lookKey but not to of fails here.
func TestLookKeyOf(t *testing.T) {
	base := impression.New(geom.Pt(1, 2), impression.Needle{Grouping: impression.RL1, GaugeMM: 0.3}, 1, 0)
	base.Dilution = 2
	k := lookKeyOf(&base)
	variants := []func(im *impression.Impression){
		func(im *impression.Impression) {},
		func(im *impression.Impression) { im.Pos = geom.Pt(5, 5) }, // not in the key
		func(im *impression.Impression) { im.DiameterMM += 0.1 },
		func(im *impression.Impression) { im.Dilution = math.NaN() },
		func(im *impression.Impression) { im.Dilution++ },
		func(im *impression.Impression) { im.Needle.GaugeMM = 0.35 },
		func(im *impression.Impression) { im.Needle.Grouping = "3RL" },
		func(im *impression.Impression) { im.Pigment = "smp-warm-dark" },
		func(im *impression.Impression) { im.Depth = impression.Deep },
	}
	for n, v := range variants {
		im := base
		v(&im)
		if got, want := k.of(&im), lookKeyOf(&im) == k; got != want {
			t.Errorf("variant %d: of says %v, the key's comparison %v", n, got, want)
		}
	}
	// Every field of the key is compared: a key of a different dot in
	// any one field is not the dot's.
	if n := reflect.TypeOf(lookKey{}).NumField() + reflect.TypeOf(mixKey{}).NumField() - 1; n != 6 {
		t.Errorf("lookKey has %d fields; lookKey.of compares 6: compare the new ones too", n)
	}
}
