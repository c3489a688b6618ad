package ui

import (
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/score"
)

// TestRampBandFollowsDomain checks the plotted model against domain.md §5:
// 20–30% of the target at the edge, full 5–10 mm behind, nothing in front.
func TestRampBandFollowsDomain(t *testing.T) {
	for _, c := range []struct{ u, lo, hi float64 }{
		{-3, 0, 0}, {0, 0.20, 0.30}, {5, 0.60, 1}, {10, 1, 1}, {20, 1, 1},
	} {
		lo, hi := RampBand(c.u)
		if math.Abs(lo-c.lo) > 1e-9 || math.Abs(hi-c.hi) > 1e-9 {
			t.Errorf("RampBand(%g) = %g–%g, want %g–%g", c.u, lo, hi, c.lo, c.hi)
		}
	}
}

// TestHairlineProfilePanel: Y opens the panel; impressions placed behind
// the design hairline show in it as score.HairlineProfile measures them,
// after at most the throttle's delay; the panel stays inside the window
// and clicks on it place nothing; Y closes it.
func TestHairlineProfilePanel(t *testing.T) {
	t.Setenv("SMPTRAINER_DATA", filepath.Join(t.TempDir(), "data"))
	s := input.NewScript()
	g, err := NewGame(Config{NoIntro: true, Exercise: exercise.DefaultID, Source: s, Autosave: -1}) // a hairline drill
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h = 1280, 720
	line := g.doc.T.DesignHairline
	if len(line) == 0 {
		t.Fatalf("default exercise's template %s has no design hairline", g.doc.T.ID)
	}
	mid := line[len(line)/2]
	s.Key(ebiten.KeyY)
	for i, d := range []float64{1, 3, 5, 7, 9, 11} {
		s.ClickMM(geom.Point{X: mid.X + float64(i%3-1)*4, Y: mid.Y + d})
	}
	s.Wait(2)
	play(t, g, s)
	if !g.ProfileOpen() {
		t.Fatal("Y did not open the profile panel")
	}
	if g.doc.Len() != 6 {
		t.Fatalf("%d impressions placed, want 6", g.doc.Len())
	}
	// Idle until the throttled measurement catches up with the work.
	for i := 0; i < 3*profileEveryTicks; i++ {
		s.Wait(1)
		play(t, g, s)
		g.waitProfile()
		if _, fresh := g.Profile(); fresh {
			break
		}
	}
	bins, fresh := g.Profile()
	if !fresh {
		t.Fatal("profile never caught up with the work")
	}
	want := score.HairlineProfile(g.doc.T, g.doc.Impressions(), g.doc.Number, ProfileBinMM)
	if !reflect.DeepEqual(bins, want) {
		t.Errorf("panel shows %+v, score.HairlineProfile gives %+v", bins, want)
	}
	dots := 0
	for _, b := range bins {
		dots += b.Dots
	}
	if dots == 0 {
		t.Error("no placed impression reached the profile")
	}
	for _, wh := range [][2]int{{1280, 720}, {800, 600}} {
		g.w, g.h = wh[0], wh[1]
		panel, plot := g.profileGeometry()
		if panel.x < 0 || panel.y < 0 || panel.x+panel.w > float64(g.w) || panel.y+panel.h > float64(g.h-g.statusHeight()) {
			t.Errorf("%v: panel %+v leaves the window above the status line", wh, panel)
		}
		if plot.x < panel.x || plot.y < panel.y || plot.x+plot.w > panel.x+panel.w || plot.y+plot.h > panel.y+panel.h || plot.w <= 0 || plot.h <= 0 {
			t.Errorf("%v: plot %+v outside panel %+v", wh, plot, panel)
		}
	}
	g.w, g.h = 1280, 720
	// A click on the panel places nothing.
	panel, _ := g.profileGeometry()
	n := g.doc.Len()
	s.MoveTo(panel.x+panel.w/2, panel.y+panel.h/2).Click(input.Left).Wait(1)
	play(t, g, s)
	if g.doc.Len() != n {
		t.Errorf("a click on the profile panel placed an impression")
	}
	s.Key(ebiten.KeyY)
	play(t, g, s)
	if g.ProfileOpen() {
		t.Error("Y did not close the panel")
	}
}

// TestProfileThrottled: while the work changes every tick, a new
// measurement starts at most every profileEveryTicks.
func TestProfileThrottled(t *testing.T) {
	t.Setenv("SMPTRAINER_DATA", filepath.Join(t.TempDir(), "data"))
	s := input.NewScript()
	g, err := NewGame(Config{NoIntro: true, Exercise: exercise.DefaultID, Source: s, Autosave: -1})
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h = 1280, 720
	s.Key(ebiten.KeyY)
	play(t, g, s)
	mid := g.doc.T.DesignHairline[len(g.doc.T.DesignHairline)/2]
	var starts []int
	for i := range 40 {
		s.ClickMM(geom.Point{X: mid.X + float64(i%8), Y: mid.Y + 2 + float64(i/8)})
		play(t, g, s)
		g.waitProfile()
		if len(starts) == 0 || starts[len(starts)-1] != g.profile.lastTick {
			starts = append(starts, g.profile.lastTick)
		}
	}
	if len(starts) < 2 {
		t.Fatalf("only %d measurement(s) in %d ticks of changes", len(starts), g.tick)
	}
	for i := 1; i < len(starts); i++ {
		if starts[i]-starts[i-1] < profileEveryTicks {
			t.Errorf("measurements at ticks %d and %d: closer than %d", starts[i-1], starts[i], profileEveryTicks)
		}
	}
}
