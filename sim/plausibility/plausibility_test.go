package plausibility

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// sess wraps impressions as a file the trainer saved (hash recorded).
func sess(t *testing.T, tmpl string, n int, ims []impression.Impression) *session.Session {
	t.Helper()
	s := &session.Session{Template: tmpl, Number: n, Impressions: ims}
	s.ContentHash = s.Hash()
	return s
}

// generated caches patterns: a full scalp takes seconds to generate.
var generated sync.Map

// generate returns a fresh copy of a generated pattern.
func generate(t *testing.T, tmpl, style string, n int, seed uint64) []impression.Impression {
	t.Helper()
	key := fmt.Sprint(tmpl, style, n, seed)
	if v, ok := generated.Load(key); ok {
		return slices.Clone(v.([]impression.Impression))
	}
	tp, err := scalp.Lookup(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	ims, err := pattern.Generate(tp, style, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	generated.Store(key, ims)
	return slices.Clone(ims)
}

// The expert model, and the human-made faults, have a hand's timeline and
// spacing: nothing to flag. The practice field is fast to generate, so it
// runs every style but the (machine-made) grid over sessions and seeds; one
// full scalp runs unless -short.
func TestHumanPatternsNotFlagged(t *testing.T) {
	for _, style := range pattern.Styles() {
		if style == pattern.Grid {
			continue // an exact lattice: flagged, see TestFlags
		}
		for n := 1; n <= 3; n++ {
			for seed := uint64(1); seed <= 3; seed++ {
				ims := generate(t, "square20", style, n, seed)
				if f := Check(sess(t, "square20", n, ims)); len(f) != 0 {
					t.Errorf("square20 %s session %d seed %d (%d dots): flagged %v", style, n, seed, len(ims), f)
				}
			}
		}
	}
	if testing.Short() {
		return
	}
	ims := generate(t, "norwood3", pattern.Expert, 2, 7)
	if f := Check(sess(t, "norwood3", 2, ims)); len(f) != 0 {
		t.Errorf("norwood3 expert session 2 (%d dots): flagged %v", len(ims), f)
	}
}

// A person clicking in the trainer: positions snapped to pixel centres at
// true scale (about 3.8 px/mm), times counted in 1/60 s ticks, a steady
// but human rhythm. Neither quantisation may look like a machine.
func TestTrainerQuantisedHumanNotFlagged(t *testing.T) {
	tmpl := "norwood3"
	if testing.Short() {
		tmpl = "square20"
	}
	ims := slices.Clone(generate(t, tmpl, pattern.Expert, 2, 7))
	const pxPerMM, tps = 96 / 25.4, 60.0
	rng := rand.New(rand.NewPCG(7, 1))
	tick := 0
	for i := range ims {
		p := ims[i].Pos
		ims[i].Pos = geom.Point{X: (math.Floor(p.X*pxPerMM) + 0.5) / pxPerMM, Y: (math.Floor(p.Y*pxPerMM) + 0.5) / pxPerMM}
		// 0.45–0.60 s: steadier than the expert model, still a hand.
		tick += 27 + rng.IntN(10)
		ims[i].TimeS = float64(tick) / tps
		ims[i].Session = 2
	}
	if f := Check(sess(t, tmpl, 2, ims)); len(f) != 0 {
		t.Errorf("flagged: %v", f)
	}
}

// Every decoded file that went through Save and Load keeps its hash.
func TestSavedFileRoundTrip(t *testing.T) {
	s := sess(t, "square20", 2, generate(t, "square20", pattern.Expert, 2, 3))
	var buf bytes.Buffer
	if err := session.Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	back, err := session.Decode(&buf, "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if f := Check(back); len(f) != 0 {
		t.Errorf("flagged after a round trip: %v", f)
	}
}

func has(flags []Flag, code string) bool {
	return slices.Contains(Codes(flags), code)
}

func TestFlags(t *testing.T) {
	base := func() []impression.Impression { return generate(t, "square20", pattern.Expert, 3, 11) }
	// hexLattice covers the 20×20 field at 1 mm with a hand's timing.
	hexLattice := func(dx, dy float64) []impression.Impression {
		var ims []impression.Impression
		rng := rand.New(rand.NewPCG(5, 5))
		tm := 0.0
		for j := 0; float64(j)*dy < 18; j++ {
			for i := 0; float64(i)*dx < 18; i++ {
				x := -9 + float64(i)*dx + float64(j%2)*dx/2
				tm += 0.5 + rng.Float64()/2
				ims = append(ims, impression.New(geom.Point{X: x, Y: -9 + float64(j)*dy}, impression.DefaultNeedle, 1, tm))
			}
		}
		return ims
	}
	cases := []struct {
		name  string
		make  func() *session.Session
		want  string
		level Level
	}{
		{"no hash", func() *session.Session {
			s := sess(t, "square20", 3, base())
			s.ContentHash = ""
			return s
		}, CodeNoHash, Note},
		{"edited", func() *session.Session {
			s := sess(t, "square20", 3, base())
			s.Impressions[10].Pos.X += 0.5
			return s
		}, CodeEdited, Warning},
		{"dot removed", func() *session.Session {
			s := sess(t, "square20", 3, base())
			s.Impressions = s.Impressions[1:]
			return s
		}, CodeEdited, Warning},
		{"all zero times", func() *session.Session {
			ims := base()
			for i := range ims {
				ims[i].TimeS = 0
			}
			return sess(t, "square20", 3, ims)
		}, CodeNoTimes, Warning},
		{"shuffled", func() *session.Session {
			ims := base()
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(ims), func(i, j int) { ims[i], ims[j] = ims[j], ims[i] })
			slices.SortStableFunc(ims, func(a, b impression.Impression) int { return a.Session - b.Session })
			return sess(t, "square20", 3, ims)
		}, CodeShuffled, Warning},
		{"one swap", func() *session.Session {
			ims := base()
			ims[5].TimeS, ims[6].TimeS = ims[6].TimeS, ims[5].TimeS
			return sess(t, "square20", 3, ims)
		}, CodeShuffled, Warning},
		{"one impossible gap", func() *session.Session {
			ims := base()
			ims[8].TimeS = ims[7].TimeS + 0.05
			for i := 9; i < len(ims) && ims[i].Session == ims[8].Session; i++ {
				ims[i].TimeS -= 0.5 // keep order monotonic
			}
			return sess(t, "square20", 3, ims)
		}, CodeTooFast, Warning},
		{"sustained 5 per second", func() *session.Session {
			ims := base()
			rng := rand.New(rand.NewPCG(3, 3))
			tm := 0.0
			for i := range ims {
				if i > 0 && ims[i].Session != ims[i-1].Session {
					tm = 0
				}
				tm += 0.15 + 0.1*rng.Float64() // 4–6.7 per s, never under 0.1 s
				ims[i].TimeS = tm
			}
			return sess(t, "square20", 3, ims)
		}, CodeSustained, Warning},
		{"metronome", func() *session.Session {
			ims := base()
			for i := range ims {
				ims[i].TimeS = float64(i+1) * 0.75
			}
			return sess(t, "square20", 3, ims)
		}, CodeRegularTiming, Warning},
		{"metronome with pauses and jitter below a tick", func() *session.Session {
			ims := base()
			rng := rand.New(rand.NewPCG(4, 4))
			tm := 0.0
			for i := range ims {
				if i > 0 && ims[i].Session != ims[i-1].Session {
					tm = 0
				}
				tm += 0.8 + 0.004*rng.Float64()
				if i%50 == 49 {
					tm += 6
				}
				ims[i].TimeS = tm
			}
			return sess(t, "square20", 3, ims)
		}, CodeRegularTiming, Warning},
		{"mostly one exact interval", func() *session.Session {
			// 85% exactly 0.5 s, the rest 1.2 s: uneven overall (CV about
			// 0.4), but no hand repeats a gap to the millisecond.
			ims := base()
			tm := 0.0
			for i := range ims {
				if i > 0 && ims[i].Session != ims[i-1].Session {
					tm = 0
				}
				if i%20 < 3 {
					tm += 1.2
				} else {
					tm += 0.5
				}
				ims[i].TimeS = tm
			}
			return sess(t, "square20", 3, ims)
		}, CodeRegularTiming, Warning},
		{"hexagonal lattice", func() *session.Session {
			return sess(t, "square20", 1, hexLattice(1, math.Sqrt(3)/2))
		}, CodeRegularSpacing, Warning},
		{"rectangular lattice", func() *session.Session {
			return sess(t, "square20", 1, hexLattice(0.8, 1.1))
		}, CodeRegularSpacing, Warning},
		{"lattice with sub-micron noise", func() *session.Session {
			ims := hexLattice(1, math.Sqrt(3)/2)
			rng := rand.New(rand.NewPCG(6, 6))
			for i := range ims {
				ims[i].Pos.X += 0.002 * rng.NormFloat64()
				ims[i].Pos.Y += 0.002 * rng.NormFloat64()
			}
			return sess(t, "square20", 1, ims)
		}, CodeRegularSpacing, Warning},
		{"generated grid style", func() *session.Session {
			return sess(t, "square20", 2, generate(t, "square20", pattern.Grid, 2, 1))
		}, CodeRegularSpacing, Warning},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			flags := Check(c.make())
			var got *Flag
			for i := range flags {
				if flags[i].Code == c.want {
					got = &flags[i]
				}
				if flags[i].Message == "" || flags[i].Level == "" {
					t.Errorf("flag without message or level: %+v", flags[i])
				}
				if len(flags[i].Impressions) > MaxListed {
					t.Errorf("%s lists %d impressions", flags[i].Code, len(flags[i].Impressions))
				}
			}
			if got == nil {
				t.Fatalf("want %s, got %v", c.want, flags)
			}
			if got.Level != c.level {
				t.Errorf("%s level %s, want %s", c.want, got.Level, c.level)
			}
		})
	}
}

// Only the flags a fault causes: a file with no timestamps is not also
// "too fast", and an honest file edited is only "edited".
func TestNoKnockOnFlags(t *testing.T) {
	ims := generate(t, "square20", pattern.Expert, 2, 2)
	for i := range ims {
		ims[i].TimeS = 0
	}
	if got := Codes(Check(sess(t, "square20", 2, ims))); !slices.Equal(got, []string{CodeNoTimes}) {
		t.Errorf("no timestamps: got %v", got)
	}
	s := sess(t, "square20", 2, generate(t, "square20", pattern.Expert, 2, 2))
	s.Impressions[0].Dilution = 25
	if got := Codes(Check(s)); !slices.Equal(got, []string{CodeEdited}) {
		t.Errorf("edited: got %v", got)
	}
}

// Odd files: no impressions, one, non-finite positions, nil.
func TestOddInputs(t *testing.T) {
	if Check(nil) != nil {
		t.Error("nil session flagged")
	}
	for _, ims := range [][]impression.Impression{
		nil,
		{impression.New(geom.Point{}, impression.DefaultNeedle, 1, 0)},
		{impression.New(geom.Point{X: math.NaN()}, impression.DefaultNeedle, 1, 1), impression.New(geom.Point{X: math.Inf(1)}, impression.DefaultNeedle, 1, 2)},
	} {
		for _, f := range Check(sess(t, "square20", 1, ims)) {
			t.Errorf("%d impressions: flagged %v", len(ims), f)
		}
	}
	// Many dots on one spot, timed: not a lattice, not a crash.
	var ims []impression.Impression
	for i := range 100 {
		ims = append(ims, impression.New(geom.Point{X: 1, Y: 1}, impression.DefaultNeedle, 1, float64(i)*0.7+0.1*float64(i%3)))
	}
	if f := Check(sess(t, "square20", 1, ims)); has(f, CodeRegularSpacing) {
		t.Errorf("one spot reads as a lattice: %v", f)
	}
}

func BenchmarkCheckNorwood3Finished(b *testing.B) {
	tp, _ := scalp.Lookup("norwood3")
	ims, err := pattern.Generate(tp, pattern.Expert, 3, 1)
	if err != nil {
		b.Fatal(err)
	}
	s := &session.Session{Template: "norwood3", Number: 3, Impressions: ims}
	s.ContentHash = s.Hash()
	b.ReportMetric(float64(len(ims)), "impressions")
	for b.Loop() {
		Check(s)
	}
}
