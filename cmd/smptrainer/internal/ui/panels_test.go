package ui

// The shade and score panels and the overlays, without a window: Update
// reads a scripted Input, nothing here draws.

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/score"
)

// TestShadeSwatchClickSetsInk: clicking a tile loads its ink and places
// nothing; the next impression carries it.
func TestShadeSwatchClickSetsInk(t *testing.T) {
	var pick Swatch
	s := input.NewScript().Wait(1).Key(ebiten.KeyC)
	var g *Game
	var countAfterPanelClick int
	// The panel is taller than this window: scroll to its last tiles.
	s.MoveWith(func(input.Context) (float64, float64) {
		p := g.shadeGeometry(len(g.panels.shade.swatches)).panel
		return p.x + p.w/2, p.y + p.h/2
	}).Wheel(-30)
	s.Do(func() {
		sw := g.ShadeSwatches()
		// The worst match: never the default ink's rank by accident.
		pick = sw[len(sw)-1]
	})
	s.MoveWith(func(input.Context) (float64, float64) { return pick.X + pick.W/2, pick.Y + pick.H/2 }).
		Press(input.Left).Wait(5).Release(input.Left)
	s.Do(func() { countAfterPanelClick = g.doc.Len() })
	// The square is under the panel at this window size: close it first.
	s.Key(ebiten.KeyC).MoveToMM(geom.Point{X: 3, Y: 4}).Press(input.Left).Wait(5).Release(input.Left)
	g = newHeadless(t, s, "")
	play(t, g, s)
	if countAfterPanelClick != 0 {
		t.Errorf("a click on the panel placed %d impressions", countAfterPanelClick)
	}
	if p, d := g.Ink(); p != pick.Pigment || d != pick.Dilution {
		t.Errorf("ink %s %g after clicking %s %g", p, d, pick.Pigment, pick.Dilution)
	}
	if g.doc.Len() != 1 {
		t.Fatalf("%d impressions after one click on the chart", g.doc.Len())
	}
	im := g.doc.Impressions()[0]
	if im.Pigment != pick.Pigment || im.Dilution != pick.Dilution {
		t.Errorf("impression ink %s %g, want %s %g", im.Pigment, im.Dilution, pick.Pigment, pick.Dilution)
	}
	if !strings.Contains(g.Status(), "ink ") {
		t.Errorf("status line %q does not name the ink", g.Status())
	}
}

// TestShadeKeysStepTheLadder: B loads the best match; ; and ' step the
// pigment's dilution ladder and stop at its ends.
func TestShadeKeysStepTheLadder(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyB)
	g := newHeadless(t, s, "")
	play(t, g, s)
	best := g.ShadeSwatches()[0]
	if p, d := g.Ink(); p != best.Pigment || d != best.Dilution {
		t.Fatalf("B loaded %s %g, the best match is %s %g", p, d, best.Pigment, best.Dilution)
	}
	for range 12 {
		s.Key(ebiten.KeyApostrophe)
	}
	play(t, g, s)
	p, lightest := g.Ink()
	for range 2 {
		s.Key(ebiten.KeySemicolon)
	}
	play(t, g, s)
	_, d := g.Ink()
	if p != best.Pigment || !(d < lightest) {
		t.Errorf("after stepping lighter then two darker: %s %g (lightest %g)", p, d, lightest)
	}
	if g.doc.Len() != 0 {
		t.Error("keys placed impressions")
	}
}

// TestLiveScoreFollowsEdits: the live report agrees with score.Grade after
// places, undo, redo, an erase of impressions in the middle of the list
// and putting them back.
func TestLiveScoreFollowsEdits(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyS)
	g := newHeadless(t, s, "")
	play(t, g, s)
	ims, err := pattern.Generate(g.doc.T, pattern.Expert, g.doc.Number, 5)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		live := g.LiveScore()
		want := score.Grade(g.doc.T, g.doc.Impressions(), g.doc.Number, g.weights())
		if live.Impressions != want.Impressions || math.Abs(live.Overall-want.Overall) > 0.01 {
			t.Errorf("%s: live %d impressions, overall %.3f; Grade %d, %.3f", when, live.Impressions, live.Overall, want.Impressions, want.Overall)
		}
	}
	g.LiveScore() // built before the edits: they go through Add and Remove
	for _, im := range ims[:len(ims)/2] {
		g.doc.Do(doc.Place{Im: im})
	}
	check("after placing half")
	g.undo()
	g.undo()
	check("after two undos")
	g.redo()
	check("after a redo")
	idx := []int{1, 7, 20}
	out := g.doc.RemoveAt(idx)
	check("after erasing three in the middle")
	g.doc.InsertAt(idx, out)
	check("after putting them back")
	for _, im := range ims[len(ims)/2:] {
		g.doc.Append(im)
	}
	check("after the rest")
	if g.panels.score.live == nil || len(g.panels.score.ids) != g.doc.Len() {
		t.Errorf("live ids %d for %d impressions", len(g.panels.score.ids), g.doc.Len())
	}
}

// TestScoreReportsThrottled: while impressions keep coming, the panel's
// report is remade at most every reportEveryTicks.
func TestScoreReportsThrottled(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyS)
	for i := range 30 {
		s.ClickMM(geom.Point{X: -8 + float64(i%6)*3, Y: -8 + float64(i/6)*3})
	}
	g := newHeadless(t, s, "")
	reports := 0
	var last *score.Report
	for i := 0; !s.Done() || i == 0; i++ {
		if err := g.Update(); err != nil {
			t.Fatal(err)
		}
		if r := g.panels.score.report; r != last {
			reports++
			last = r
		}
	}
	ticks := g.tick
	if max := ticks/reportEveryTicks + 2; reports > max {
		t.Errorf("%d reports in %d ticks, want at most %d", reports, ticks, max)
	}
	if reports < 2 {
		t.Errorf("%d reports while 30 impressions were placed: the panel does not follow", reports)
	}
}

// TestCriterionClickSelects: a click on a criterion's row selects it (its
// markers show) and places nothing; a second click clears it.
func TestCriterionClickSelects(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyS)
	var g *Game
	var row box
	var id string
	var sel1, sel2 string
	s.Do(func() {
		rows := g.scoreGeometry().rows
		row, id = rows[1].b, rows[1].c.ID
	})
	click := func() {
		s.MoveWith(func(input.Context) (float64, float64) { return row.x + row.w/2, row.y + row.h/2 }).Click(input.Left)
	}
	click()
	s.Do(func() { sel1 = g.SelectedCriterion() })
	click()
	s.Do(func() { sel2 = g.SelectedCriterion() })
	g = newHeadless(t, s, "")
	play(t, g, s)
	if sel1 != id || sel2 != "" {
		t.Errorf("selection after one click %q (want %q), after two %q (want none)", sel1, id, sel2)
	}
	if g.doc.Len() != 0 {
		t.Error("clicks on the score panel placed impressions")
	}
}

// pump runs Update until done reports true, for background work.
func pump(t *testing.T, g *Game, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatal("background work never finished")
		}
		if err := g.Update(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestExpertExampleInBackground: X makes the sim/pattern expert for the
// template and session, once.
func TestExpertExampleInBackground(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyX)
	g := newHeadless(t, s, "")
	pump(t, g, func() bool { ims, busy := g.ExpertExample(); return len(ims) > 0 && !busy })
	want, err := pattern.Generate(g.doc.T, pattern.Expert, g.doc.Number, expertSeed)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := g.ExpertExample()
	if !slices.Equal(got, want) {
		t.Errorf("expert example has %d impressions, pattern.Generate %d (or they differ)", len(got), len(want))
	}
	// Hiding and showing again does not make it again.
	s.Key(ebiten.KeyX).Key(ebiten.KeyX)
	play(t, g, s)
	if _, busy := g.ExpertExample(); busy {
		t.Error("showing the example again started a new generation")
	}
}

// TestDensityMapIsRenders: M shows render.DensityHeatmap of the work,
// rebuilt after a change.
func TestDensityMapIsRenders(t *testing.T) {
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 1, Y: 1}).Key(ebiten.KeyM)
	g := newHeadless(t, s, "")
	pump(t, g, func() bool { return s.Done() && g.heatSettled() && g.DensityMap() != nil })
	same := func(when string) {
		t.Helper()
		want := render.DensityHeatmap(g.doc.T, g.doc.Impressions(), g.doc.Number, heatCellMM)
		got := g.DensityMap()
		if got.Cols != want.Cols || got.Rows != want.Rows || !slices.EqualFunc(got.Density, want.Density, func(a, b float64) bool {
			return a == b || (math.IsNaN(a) && math.IsNaN(b))
		}) {
			t.Errorf("%s: the overlay's map differs from render.DensityHeatmap", when)
		}
	}
	same("after one impression")
	g.doc.Do(doc.Place{Im: impression.New(geom.Point{X: -3, Y: 2}, g.needle, 1, 0)})
	pump(t, g, g.heatSettled)
	same("after a second impression")
}

// BenchmarkLiveScore is the live score panel's work at 100,000
// impressions: the listener's incremental update for one placed and one
// undone impression (place+undo), and one report (report).
func BenchmarkLiveScore(b *testing.B) {
	b.Setenv("SMPTRAINER_DATA", b.TempDir())
	g, err := NewGame(Config{NoIntro: true, Template: "norwood7", Source: input.NewScript(), Autosave: -1})
	if err != nil {
		b.Fatal(err)
	}
	ims := GenerateUniform(g.doc.T, 100000, 1)
	g.doc.SetImpressions(ims[:len(ims)-1])
	g.LiveScore()
	im := ims[len(ims)-1]
	b.Run("place+undo", func(b *testing.B) {
		for b.Loop() {
			g.doc.Do(doc.Place{Im: im})
			g.doc.Undo()
		}
	})
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			g.panels.score.dirty = true
			g.LiveScore()
		}
	})
	if n := g.LiveScore().Impressions; n != len(ims)-1 {
		b.Fatalf("graded %d impressions, want %d", n, len(ims)-1)
	}
}

// TestScoreValueLineNamesTheDrivingPart: a criterion held down by one of
// its parts shows that part's number first, so the number beside the
// sentence is the one the sentence is about; a criterion whose headline
// measure sets its score, or whose parts share one score, shows just that.
func TestScoreValueLineNamesTheDrivingPart(t *testing.T) {
	over := score.Criterion{ID: score.IDConsistency, Score: 73, Value: 0, Unit: "% CV of healed size",
		Feedback: "Overworked: 2.7% of the area is over 1.5× the target density",
		Parts: []score.Part{{ID: "size-spread", Score: 100, Value: 0, Unit: "% CV"},
			{ID: "blowouts", Score: 100, Unit: "% of dots"}, {ID: "overworked", Score: 73, Value: 2.7, Unit: "% of area"}}}
	if got := scoreValueLine(&over); !strings.HasPrefix(got, "overworked 2.70 % of area · 0.00 % CV") {
		t.Errorf("overworked consistency: value line %q", got)
	}
	spread := over
	spread.Parts = []score.Part{{ID: "size-spread", Score: 73, Value: 21, Unit: "% CV"}, {ID: "overworked", Score: 100, Unit: "% of area"}}
	spread.Value = 21
	if got := scoreValueLine(&spread); got != "21.0 % CV of healed size" {
		t.Errorf("size spread sets the score: value line %q", got)
	}
	colour := score.Criterion{ID: score.IDColour, Score: 60, Value: 1.4, Unit: "× texture",
		Parts: []score.Part{{ID: "area_de00", Score: 60, Value: 0.1}, {ID: "texture_ratio", Score: 60, Value: 1.4}}}
	if got := scoreValueLine(&colour); got != "1.40 × texture" {
		t.Errorf("colour, one score for every part: value line %q", got)
	}
}

// TestDensityMapMeasuredOffTheGameGoroutine: a change does not re-measure
// the density map inside Update (36–50 ms at 40,000 dots, dropped frames
// while editing): the Update that starts the measure still shows the old
// map, the new one lands on a later Update, and it is the map of the work
// as it was when the measure started, whatever was placed meanwhile.
func TestDensityMapMeasuredOffTheGameGoroutine(t *testing.T) {
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 1, Y: 1}).Key(ebiten.KeyM)
	g := newHeadless(t, s, "")
	pump(t, g, func() bool { return s.Done() && g.heatSettled() && g.DensityMap() != nil })
	// Past the rate limit, so the next change starts a measure at once.
	for range heatEveryTicks {
		if err := g.Update(); err != nil {
			t.Fatal(err)
		}
	}
	before := g.DensityMap()
	g.doc.Do(doc.Place{Im: impression.New(geom.Point{X: -3, Y: 2}, g.needle, 1, 0)})
	snapshot := slices.Clone(g.doc.Impressions())
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
	if g.DensityMap() != before {
		t.Fatal("the map was re-measured inside Update")
	}
	if g.panels.heat.measure == nil {
		t.Fatal("the change started no measure")
	}
	// Placed while the measure runs: not in its map, in the next one.
	g.doc.Do(doc.Place{Im: impression.New(geom.Point{X: 4, Y: -5}, g.needle, 1, 0)})
	pump(t, g, func() bool { return g.DensityMap() != before })
	equal := func(a, b *render.Heatmap) bool {
		return slices.EqualFunc(a.Density, b.Density, func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) })
	}
	if want := render.DensityHeatmap(g.doc.T, snapshot, g.doc.Number, heatCellMM); !equal(g.DensityMap(), want) {
		t.Error("the landed map is not the map of the work when its measure started")
	}
	pump(t, g, g.heatSettled)
	if want := render.DensityHeatmap(g.doc.T, g.doc.Impressions(), g.doc.Number, heatCellMM); !equal(g.DensityMap(), want) {
		t.Error("the map does not catch up with the impression placed during the measure")
	}
}
