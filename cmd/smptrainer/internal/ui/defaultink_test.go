package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/shade"
)

// newExerciseGame opens exercise id with no intro, its data folder in a
// temporary directory.
func newExerciseGame(t *testing.T, id string) *Game {
	t.Helper()
	t.Setenv("SMPTRAINER_DATA", t.TempDir())
	g, err := NewGame(Config{NoIntro: true, Exercise: id, Autosave: -1,
		Now: func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h = 1280, 800
	t.Cleanup(g.Close)
	return g
}

// TestDefaultInkIsTheAdvisorsFirstPick: a trainee who never opens the
// shade panel works with the mix the advisor ranks first for the
// exercise's client, judged as the scorer judges (default needle and
// distance, the client's own stubble density).
func TestDefaultInkIsTheAdvisorsFirstPick(t *testing.T) {
	for _, ex := range exercise.All() {
		tpl, err := scalp.Lookup(ex.Template)
		if err != nil || tpl.Skin == "" || tpl.HairColour == "" {
			continue
		}
		g := newExerciseGame(t, ex.ID)
		opts, _, err := shade.AdviseTemplate(tpl, ex.Session, shade.Viewing{Needle: impression.DefaultNeedle})
		if err != nil {
			t.Fatal(err)
		}
		pig, dil := g.Ink()
		if pig != opts[0].PigmentID || dil != opts[0].Dilution {
			t.Errorf("%s: default ink %s, want the advisor's first pick %s", ex.ID, inkName(pig, dil), inkName(opts[0].PigmentID, opts[0].Dilution))
		}
	}
}

// TestFirstExerciseDefaultInkIsNotPenalised grades an even grid of dots
// at the session's target density in the first exercise's treated zones
// with the ink the trainer starts with: the colour criterion must not call
// it too dark, and must rate it at least as well as the old fixed default
// (carbon black 1:20).
func TestFirstExerciseDefaultInkIsNotPenalised(t *testing.T) {
	ex := firstExercise()
	g := newExerciseGame(t, ex.ID)
	tpl := g.doc.T
	grid := func(pigment string, dilution float64) []impression.Impression {
		var ims []impression.Impression
		for _, z := range tpl.Zones {
			if !z.Treated() {
				continue
			}
			step := math.Sqrt(100 / z.Target(ex.Session).Mid()) // mm between dots
			b := z.Polygon.Bounds()
			for y := b.Min.Y + step/2; y < b.Max.Y; y += step {
				for x := b.Min.X + step/2; x < b.Max.X; x += step {
					p := geom.Point{X: x, Y: y}
					if z.Polygon.Contains(p) {
						im := impression.New(p, impression.DefaultNeedle, ex.Session, float64(len(ims)))
						im.Pigment, im.Dilution = pigment, dilution
						ims = append(ims, im)
					}
				}
			}
		}
		return ims
	}
	colourOf := func(ims []impression.Impression) *score.Criterion {
		c := score.Grade(tpl, ims, ex.Session, nil).Criterion(score.IDColour)
		if c == nil {
			t.Fatalf("%s: no colour criterion", ex.ID)
		}
		return c
	}
	pig, dil := g.Ink()
	def := colourOf(grid(pig, dil))
	old := colourOf(grid(impression.DefaultPigment, impression.DefaultDilution))
	t.Logf("%s on %s: default ink %s colour %.0f (%s); carbon black 1:20 colour %.0f (%s)", ex.ID, tpl.ID,
		inkName(pig, dil), def.Score, def.Feedback, old.Score, old.Feedback)
	if strings.Contains(def.Feedback, "too dark") {
		t.Errorf("default ink %s: %q", inkName(pig, dil), def.Feedback)
	}
	if def.Score < old.Score {
		t.Errorf("default ink %s scores colour %.0f, below carbon black 1:20's %.0f", inkName(pig, dil), def.Score, old.Score)
	}
}
