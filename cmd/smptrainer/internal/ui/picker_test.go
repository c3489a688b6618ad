package ui

import (
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/geom"
)

func TestExercisePickerStartsWorkAndKeepsUnsaved(t *testing.T) {
	exs := exercise.All()
	if len(exs) < 2 {
		t.Skipf("%d exercises: nothing to pick between", len(exs))
	}
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 1, Y: 1}).Key(ebiten.KeyF2)
	g := newHeadless(t, s, "")
	play(t, g, s)
	if _, open := scene.Find[*exPicker](g.scenes); !open {
		t.Fatal("F2 did not open the exercise list")
	}
	// The list names every exercise with its title.
	for i, e := range exs {
		if r := exRow(i, e, nil); !strings.Contains(r, e.Title) || !strings.Contains(r, "not yet done") {
			t.Errorf("row %d %q", i, r)
		}
	}
	s2 := input.NewScript().Key(ebiten.KeyDigit2)
	g.src = s2
	play(t, g, s2)
	if _, open := scene.Find[*exPicker](g.scenes); open || g.ex == nil || g.ex.ID != exs[1].ID || g.doc.Exercise != exs[1].ID {
		t.Fatalf("after picking 2: exercise %v, list open %v; want %s", g.ex, open, exs[1].ID)
	}
	if g.doc.Len() != 0 || g.doc.Number != exs[1].Session {
		t.Errorf("new work: %d impressions, session %d; want 0, %d", g.doc.Len(), g.doc.Number, exs[1].Session)
	}
	if kept, _ := g.run.Kept(g.work); len(kept) != 1 {
		t.Error("the unsaved click was not kept in the recovery file")
	}
}

func TestSaveRecordsBestScore(t *testing.T) {
	ex := exercise.Default()
	if ex == nil {
		t.Skip("no default exercise")
	}
	s := input.NewScript().Wait(1)
	g := newHeadless(t, s, "")
	if err := g.startExercise(ex.ID, ""); err != nil {
		t.Fatal(err)
	}
	play(t, g, s)
	c := g.doc.T.Zones[0].Polygon.Centroid()
	for _, z := range g.doc.T.Zones {
		if z.Treated() {
			c = z.Polygon.Centroid()
			break
		}
	}
	s2 := input.NewScript().ClickMM(c).Key(ebiten.KeyS, ebiten.KeyControl)
	g.src = s2
	play(t, g, s2)
	p, err := store.LoadProgress()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Best[ex.ID]; !ok {
		t.Errorf("saving work on %s kept no progress mark: %v", ex.ID, p.Best)
	}
}
