package ui

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/mapping"
	"github.com/smptrainer/smp/sim/session"
)

// newMappingGame opens the trainer on a mapping exercise, saving to path.
func newMappingGame(t *testing.T, s *input.Script, path, exercise string) *Game {
	t.Helper()
	t.Setenv("SMPTRAINER_DATA", filepath.Join(t.TempDir(), "data"))
	clock := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tpl := ""
	if exercise == "" {
		tpl = "norwood3"
	}
	g, err := NewGame(Config{NoIntro: true, SessionPath: path, Exercise: exercise, Template: tpl, Source: s, Autosave: 30 * time.Second,
		Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h = 1200, 800
	t.Cleanup(g.Close)
	return g
}

// mapKeys marks c's reference points in order, bends the line by
// dragging the mid-frontal point 4 mm up, measures the glabella to the
// mid-frontal point with the tape, mirrors the left side onto the right
// and saves: what a trainee does in the mapping scene.
func mapKeys(s *input.Script, c *client.Client) *input.Script {
	ref := c.Design()
	s.Key(ebiten.KeyF4)
	for _, p := range []struct{ x, y float64 }{{ref.MFP.X, ref.MFP.Y}, {ref.FTPLeft.X, ref.FTPLeft.Y}, {ref.FTPRight.X, ref.FTPRight.Y},
		{ref.TPLeft.X, ref.TPLeft.Y}, {ref.TPRight.X, ref.TPRight.Y}} {
		s.ClickMM(ptMM(p.x, p.y))
	}
	s.MoveToMM(ref.MFP).Press(input.Left).MoveToMM(ptMM(ref.MFP.X, ref.MFP.Y+4)).Release(input.Left)
	s.Key(ebiten.KeyT).MoveToMM(c.Landmarks().Glabella).Press(input.Left).MoveToMM(ptMM(ref.MFP.X, ref.MFP.Y+4)).Release(input.Left).Key(ebiten.KeyT)
	s.Key(ebiten.KeyM)
	return s.Key(ebiten.KeyS, ebiten.KeyControl)
}

func TestMappingSceneMapsSavesAndReopens(t *testing.T) {
	c, err := client.Lookup("c03")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "map.json")
	s := mapKeys(input.NewScript().Wait(1), c)
	g := newMappingGame(t, s, path, "map-norwood3-mature")
	play(t, g, s)
	if !g.MappingOpen() {
		t.Fatal("the mapping scene is not open")
	}
	live := g.MappingCriterion()
	if live == nil || live.Score < 85 {
		t.Fatalf("live grade %+v, want the reference points to score well", live)
	}
	// The tape read the glabella to the moved mid-frontal point by
	// surface distance: the reference height plus about 4 mm.
	if tp := g.MappingTape(); math.Abs(tp-c.Reference.MFPMM-4) > 2 {
		t.Errorf("tape reads %.1f mm, want about %.0f", tp, c.Reference.MFPMM+4)
	}
	sv, err := session.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d := sv.Design
	if d == nil || d.Client != "c03" || sv.Template != "norwood3" {
		t.Fatalf("saved design %+v on %s", d, sv.Template)
	}
	if d.MFP.Dist(ptMM(c.Design().MFP.X, c.Design().MFP.Y+4)) > 1 {
		t.Errorf("saved MFP %v: the drag did not move it 4 mm back", d.MFP)
	}
	h := c.Head().Head
	lu, lv := h.Face(d.FTPLeft)
	ru, rv := h.Face(d.FTPRight)
	if math.Abs(lu+ru) > 1e-6 || math.Abs(lv-rv) > 1e-6 {
		t.Errorf("mirror: left corner (%.2f, %.2f), right (%.2f, %.2f)", lu, lv, ru, rv)
	}
	if got := mapping.Grade(c, d); math.Abs(got.Score-live.Score) > 1e-9 {
		t.Errorf("the file grades %.2f, the scene showed %.2f", got.Score, live.Score)
	}

	// Undo takes back the mirror; redo brings it back.
	s2 := input.NewScript().Key(ebiten.KeyZ, ebiten.KeyControl)
	g.src = s2
	play(t, g, s2)
	if g.doc.Design.FTPRight == d.FTPRight && g.doc.Design.TPRight == d.TPRight {
		t.Error("undo did not take back the mirror")
	}
	s3 := input.NewScript().Key(ebiten.KeyY, ebiten.KeyControl)
	g.src = s3
	play(t, g, s3)
	if g.doc.Design.FTPRight != d.FTPRight {
		t.Error("redo did not bring the mirror back")
	}

	// Reopen the file: the design is the work's, and the scene shows it.
	s4 := input.NewScript().Wait(1).Key(ebiten.KeyF4)
	g2 := newMappingGame(t, s4, path, "")
	play(t, g2, s4)
	if g2.doc.Design == nil || g2.doc.Design.MFP != d.MFP || len(g2.doc.Design.Line) != len(d.Line) {
		t.Fatalf("reopened design %+v", g2.doc.Design)
	}
	if c2 := g2.MappingCriterion(); c2 == nil || math.Abs(c2.Score-live.Score) > 1e-9 {
		t.Errorf("reopened scene grades %v, want %.2f", c2, live.Score)
	}
}

func ptMM(x, y float64) geom.Point { return geom.Pt(x, y) }

// A mapping exercise never shows the template's design line, the answer.
func TestMappingExerciseHidesTheDesignLine(t *testing.T) {
	s := input.NewScript().Wait(1)
	g := newMappingGame(t, s, filepath.Join(t.TempDir(), "m.json"), "map-norwood3-mature")
	play(t, g, s)
	if g.layerOptions().Hairline {
		t.Error("the template's design line is shown on a mapping exercise")
	}
	s2 := input.NewScript().Wait(1)
	g2 := newMappingGame(t, s2, filepath.Join(t.TempDir(), "d.json"), "norwood3-hairline-s1")
	play(t, g2, s2)
	if !g2.layerOptions().Hairline {
		t.Error("the design line is hidden on a dot exercise")
	}
}

// K steps the style; a juvenile line on a client who should not have one
// is named in the live feedback and saved with the design.
func TestMappingStyleIsChosenAndJudged(t *testing.T) {
	c, err := client.Lookup("c04") // 28, progressive: conservative only
	if err != nil {
		t.Fatal(err)
	}
	ref := c.Design()
	ref.Style = ""
	s := input.NewScript().Wait(1).Key(ebiten.KeyF4).Key(ebiten.KeyK) // juvenile
	g := newMappingGame(t, s, filepath.Join(t.TempDir(), "k.json"), "")
	// No exercise names c04: the work's design does.
	g.doc.Design = &ref
	play(t, g, s)
	cr := g.MappingCriterion()
	if cr == nil || !cr.HasFault(mapping.FaultStyle) || g.doc.Design.Style != "juvenile" {
		t.Fatalf("juvenile on c04: %+v, design style %q", cr, g.doc.Design.Style)
	}
}

// TestMappingButtons: the scene's buttons do what its keys do, for a
// trainee with the mouse: Undo takes a marked point back, Redo puts it
// back, Leave closes the scene.
func TestMappingButtons(t *testing.T) {
	c, err := client.Lookup("c03")
	if err != nil {
		t.Fatal(err)
	}
	var g *Game
	button := func(label string) func(input.Context) (float64, float64) {
		return footButtonAt(t, func() []footButton { return g.mapping.buttonBar() }, label)
	}
	var marked, undone, redone int
	s := input.NewScript().Wait(1).Key(ebiten.KeyF4).ClickMM(c.Design().MFP)
	s.Do(func() { marked = len(g.mapping.pts) })
	clickAt(s, button("Undo"))
	s.Do(func() { undone = len(g.mapping.pts) })
	clickAt(s, button("Redo"))
	s.Do(func() { redone = len(g.mapping.pts) })
	clickAt(s, button("Leave"))
	g = newMappingGame(t, s, filepath.Join(t.TempDir(), "map.json"), "")
	play(t, g, s)
	if marked != 1 || undone != 0 || redone != 1 {
		t.Errorf("points: %d marked, %d after Undo, %d after Redo; want 1, 0, 1", marked, undone, redone)
	}
	if g.MappingOpen() {
		t.Error("Leave left the mapping scene open")
	}
}
