package ui_test

// The view from a distance (O), end to end in the same window as
// e2e_test.go: from 2 m a placed dot melts into the skin around it.
//
// With SMP_DISTANCE_SCREENSHOT=path the window seen from 2 m is written
// there as a PNG, to look at.

import (
	"image/png"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/colour"
)

// distance holds what the distance scenario observed.
var distance struct {
	ran    bool
	metres float64
	ready  bool
	offAt  float64
}

func init() { scenarios = append(scenarios, distanceScenario) }

func distanceScenario(g *ui.Game, s *input.Script) {
	distance.ran = true
	tg := e2e.targets[0]
	// 1:1, then 4× about the first dot, the pointer out of the way.
	s.Key(ebiten.KeyDigit0).MoveToMM(tg)
	for range 6 {
		s.Wheel(1).Wait(1)
	}
	s.MoveTo(5, 5).Wait(3).Capture("distance-sharp")
	s.Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyO) // 0.3, 0.5, 1, 2 m
	for range 200 {
		s.Wait(3)
		s.Do(func() {
			if m, ready := g.DistanceView(); ready && !distance.ready {
				distance.metres, distance.ready = m, true
			}
		})
	}
	s.Wait(2).Capture("distance-2m")
	s.Key(ebiten.KeyO) // off again for the scenarios after this one
	s.Do(func() { distance.offAt, _ = g.DistanceView() })
}

func TestE2EDistanceView(t *testing.T) {
	need(t)
	if !distance.ran {
		t.Fatal("the distance scenario did not run")
	}
	if !distance.ready || distance.metres != 2 {
		t.Fatalf("after four presses of O: %g m, picture ready %v; want 2 m, ready", distance.metres, distance.ready)
	}
	if distance.offAt != 0 {
		t.Errorf("a fifth O left the view at %g m, want off", distance.offAt)
	}
	sharp, far := e2eCapture("distance-sharp"), e2eCapture("distance-2m")
	if sharp.Image == nil || far.Image == nil {
		t.Fatal("captures missing")
	}
	if path := os.Getenv("SMP_DISTANCE_SCREENSHOT"); path != "" {
		if f, err := os.Create(path); err == nil {
			png.Encode(f, far.Image)
			f.Close()
		}
	}
	skin, _ := colorful.Hex(e2e.tpl.Skin)
	dot := pixelAt(sharp, e2e.targets[0])
	seen := pixelAt(far, e2e.targets[0])
	// From 2 m a dot of well under a millimetre is mostly skin: the blurred
	// pixel is much nearer the bare skin than the sharp one is.
	if ds, df := colour.DeltaE00(dot, skin), colour.DeltaE00(seen, skin); !(df < ds/2) {
		t.Errorf("dot pixel sharp %s is ΔE00 %.1f from skin %s, from 2 m %s is %.1f: want under half", dot.Hex(), ds, skin.Hex(), seen.Hex(), df)
	}
}
