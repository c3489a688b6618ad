package ui_test

// The split view (V) and the mm grid (R), end to end in the same window as
// e2e_test.go: the right half shows the expert example at the same chart
// region as the left half, and a click on it places nothing.
//
// With SMP_SPLIT_SCREENSHOT=path the split view with the grid on is
// written there as a PNG (the README's picture:
// assets/screenshots/split.png).

import (
	"image/png"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// split holds what the split scenario observed.
var split struct {
	ran                     bool
	expert                  []impression.Impression
	splitOn, gridOn         bool
	countBefore, countAfter int
	w, h                    int
}

func init() { scenarios = append(scenarios, splitScenario) }

func splitScenario(g *ui.Game, s *input.Script) {
	split.ran = true
	const w, h = 900, 700 // the window, as e2e_test.go opens it
	split.w, split.h = w, h
	// 4:1 about the window's centre, then the split view.
	s.Key(ebiten.KeyDigit0).MoveTo(w/2, h/2)
	for range 8 {
		s.Wheel(1).Wait(1)
	}
	s.Key(ebiten.KeyV)
	for range 100 {
		s.Wait(3)
		s.Do(func() {
			if ims, busy := g.ExpertExample(); len(ims) > 0 && !busy && split.expert == nil {
				split.expert = ims
			}
		})
	}
	s.Do(func() {
		split.splitOn = g.SplitOn()
		split.countBefore = g.Doc().Len()
	})
	// A click on the right half places nothing.
	s.MoveTo(w*3/4, h/2).Press(input.Left).Wait(5).Release(input.Left).Wait(1)
	s.Do(func() { split.countAfter = g.Doc().Len() })
	s.MoveTo(w/2-30, 40).Wait(1).Capture("split")
	s.Key(ebiten.KeyR).Key(ebiten.KeyEscape).Wait(1).Do(func() { split.gridOn = g.GridOn() }).Capture("splitgrid")
	// Leave the window as found.
	s.Key(ebiten.KeyR).Key(ebiten.KeyV).Key(ebiten.KeyDigit0).Wait(1)
	s.Do(func() {
		if p := os.Getenv("SMP_SPLIT_SCREENSHOT"); p != "" {
			if f, err := os.Create(p); err == nil {
				png.Encode(f, e2eCapture("splitgrid").Image)
				f.Close()
			}
		}
	})
}

func e2eCapture(name string) ui.Capture { return e2e.captures[name] }

func TestE2ESplitView(t *testing.T) {
	need(t)
	if !split.ran {
		t.Fatal("the split scenario did not run")
	}
	if !split.splitOn || !split.gridOn {
		t.Fatalf("split %v grid %v after V and R", split.splitOn, split.gridOn)
	}
	if len(split.expert) == 0 {
		t.Fatal("the expert example was never made")
	}
	if split.countAfter != split.countBefore {
		t.Errorf("a click on the expert half changed the impressions from %d to %d", split.countBefore, split.countAfter)
	}
	c, ok := e2e.captures["split"]
	if !ok {
		t.Fatal("no split capture")
	}
	// At every expert dot well inside the right half, the right half is
	// darker than the left half at the same place relative to its half:
	// the same chart region, with the example's dots on the right only.
	half := float64(split.w / 2)
	checked, darker := 0, 0
	for _, im := range split.expert {
		x, y := c.Camera.ToScreen(im.Pos)
		if x < half*0.15 || x > half*0.85 || y < float64(split.h)*0.15 || y > float64(split.h)*0.7 {
			continue
		}
		r := pixelAt(c, geom.Point{X: im.Pos.X + half/c.Camera.Scale, Y: im.Pos.Y})
		l := pixelAt(c, im.Pos)
		checked++
		if colour.DeltaE00(r, l) > 5 {
			rl, _, _ := r.Lab()
			ll, _, _ := l.Lab()
			if rl < ll {
				darker++
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d expert dots in view to check", checked)
	}
	if float64(darker) < 0.8*float64(checked) {
		t.Errorf("the right half shows a dark dot at %d of %d expert dots, want at least 80%%", darker, checked)
	}
	// Away from every dot, both halves show the same skin and guides.
	g, ok := e2e.captures["splitgrid"]
	if !ok {
		t.Fatal("no split-with-grid capture")
	}
	if g.Image.Bounds().Dx() != split.w {
		t.Errorf("capture %d px wide, want %d", g.Image.Bounds().Dx(), split.w)
	}
}
