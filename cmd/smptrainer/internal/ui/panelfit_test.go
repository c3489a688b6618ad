package ui

import (
	"fmt"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
)

// TestEveryCriterionReachableAtDoubleUI: at the largest UI size (×2) in a
// 1280×720 window (the bar), in the smallest 800×500 and on a 4K
// screen, the wheel over the score panel brings every criterion's
// heading (its name and score) into the panel's view, and a click on it
// then selects it. (Whole rows may be taller than a wheel notch allows to
// align, so the heading is what must show.)
func TestEveryCriterionReachableAtDoubleUI(t *testing.T) {
	for _, sz := range [][2]int{{1280, 720}, {800, 500}, {3840, 2160}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) { criteriaReachable(t, sz[0], sz[1]) })
	}
}

func criteriaReachable(t *testing.T, w, h int) {
	s := input.NewScript().Wait(1)
	g := newHeadless(t, s, "")
	g.w, g.h = w, h
	for range len(store.UIScales) {
		s.Key(ebiten.KeyEqual, ebiten.KeyControl)
	}
	s.Key(ebiten.KeyS)
	play(t, g, s)
	if g.UIScale() != 2 || !g.ScorePanelOpen() {
		t.Fatalf("UI ×%g, score panel open %v: want ×2 and open", g.UIScale(), g.ScorePanelOpen())
	}
	L := g.scoreGeometry()
	n := len(L.rows)
	if n == 0 || n != len(g.panels.score.report.Criteria) {
		t.Fatalf("%d rows for %d criteria", n, len(g.panels.score.report.Criteria))
	}
	if L.contentH <= L.view.h {
		t.Logf("all %d criteria fit at ×2 without scrolling", n)
	}
	for i := range n {
		inView := func() (box, bool) {
			L := g.scoreGeometry()
			r, v := L.rows[i].b, L.view
			head := g.ui(22) + g.small.Size*1.3 // scoreGeometry's heading
			return r, r.y >= v.y-0.5 && r.y+head <= v.y+v.h+0.5 && r.x >= 0 && r.x+r.w <= float64(g.w)
		}
		// Scroll toward the row: down while it is below the view, up
		// while above; a bounded number of notches.
		for notch := 0; notch < 50; notch++ {
			r, ok := inView()
			if ok {
				break
			}
			L := g.scoreGeometry()
			dy := -1.0
			if r.y < L.view.y {
				dy = 1
			}
			s.MoveTo(L.view.x+L.view.w/2, L.view.y+L.view.h/2).Wheel(dy)
			play(t, g, s)
		}
		r, ok := inView()
		if !ok {
			L := g.scoreGeometry()
			t.Errorf("criterion %d (%s) never scrolls into view: row %+v, view %+v", i, L.rows[i].c.ID, r, L.view)
			continue
		}
		id := g.scoreGeometry().rows[i].c.ID
		cx, cy := r.x+r.w/2, r.y+g.ui(11) // on the heading
		s.MoveTo(cx, cy).Click(input.Left)
		play(t, g, s)
		if g.SelectedCriterion() != id {
			t.Errorf("a click on criterion %s selected %q", id, g.SelectedCriterion())
		}
		s.MoveTo(cx, cy).Click(input.Left) // clear it again
		play(t, g, s)
	}
	if g.doc.Len() != 0 {
		t.Errorf("scrolling and clicking the score panel placed %d impressions", g.doc.Len())
	}
}

// TestUnsavedMarkVisibleInSmallWindow: in an 800×500 window, at every UI
// size, unsaved work shows the status line's unsaved mark inside the
// window, on the status bar (drawn after the panels, so on top of them).
func TestUnsavedMarkVisibleInSmallWindow(t *testing.T) {
	s := input.NewScript().Wait(1)
	g := newHeadless(t, s, "")
	g.w, g.h = 800, 500
	s.MoveToMM(geom.Point{X: 3, Y: 4}).Press(input.Left).Wait(5).Release(input.Left).Key(ebiten.KeyS)
	play(t, g, s)
	if g.doc.Len() != 1 {
		t.Fatalf("%d impressions after one click, want 1", g.doc.Len())
	}
	for _, ui := range store.UIScales {
		r, ok := g.unsavedMarkBox()
		if !ok {
			t.Fatalf("at ×%g unsaved work shows no unsaved mark (status %q)", ui, g.Status())
		}
		barTop := float64(g.h - g.statusHeight())
		if r.X < 0 || r.Right() > float64(g.w) || r.Y < barTop || r.Bottom() > float64(g.h) {
			t.Errorf("at ×%g the unsaved mark %+v is not inside the status bar (y %g–%d, width %d)", ui, r, barTop, g.h, g.w)
		}
		if g.UIScale() != ui {
			t.Fatalf("UI size %g, want %g", g.UIScale(), ui)
		}
		s.Key(ebiten.KeyEqual, ebiten.KeyControl)
		play(t, g, s)
	}
}

// atEverySize runs check with the shade, score and profile panels open in
// an 800×500 window, at 1280×720 and on a 4K screen, at every UI size, each
// just chosen (so its toast shows); where names the size.
func atEverySize(t *testing.T, check func(g *Game, where string)) {
	t.Helper()
	for _, sz := range [][2]int{{800, 500}, {1280, 720}, {3840, 2160}} {
		s := input.NewScript().Wait(1)
		g := newHeadless(t, s, "")
		g.w, g.h = sz[0], sz[1]
		s.Key(ebiten.KeyS).Key(ebiten.KeyC).Key(ebiten.KeyY)
		play(t, g, s)
		for i, ui := range store.UIScales {
			g.stepUIScale(min(i, 1)) // ×1 first, then each larger size
			if g.UIScale() != ui {
				t.Fatalf("UI size %g, want %g", g.UIScale(), ui)
			}
			g.layoutPanels()
			check(g, fmt.Sprintf("%dx%d ×%g", sz[0], sz[1], ui))
		}
	}
}

// openPanels are the boxes of the open panels.
func openPanels(g *Game) map[string]box {
	panels := map[string]box{
		"score": g.scoreGeometry().panel,
		"shade": g.shadeGeometry(len(g.panels.shade.swatches)).panel,
	}
	if g.profile.open {
		panels["profile"], _ = g.profileGeometry()
	}
	return panels
}

// TestPanelsClearOfTheStatusLine: from 800×500 to 4K, at every UI size,
// each panel (shade, score, profile) stays between the toolbar and the
// status line, so the status line with its unsaved mark always shows, and
// the score panel keeps room for at least one criterion's heading.
func TestPanelsClearOfTheStatusLine(t *testing.T) {
	atEverySize(t, func(g *Game, where string) {
		barTop := float64(g.h - g.statusHeight())
		top := g.toolbar.Height()
		for name, b := range openPanels(g) {
			if b.y < top-0.5 || b.y+b.h > barTop+0.5 || b.x < 0 || b.x+b.w > float64(g.w)+0.5 {
				t.Errorf("%s: the %s panel %+v leaves the room between the toolbar (%g) and the status line (%g)", where, name, b, top, barTop)
			}
		}
		if L := g.scoreGeometry(); L.view.h < g.ui(22)+g.small.Size*1.3 {
			t.Errorf("%s: the score panel's view is %.0f px high, less than one criterion's heading", where, L.view.h)
		}
	})
}

// TestToastCoversNoPanelTitle: with the shade, score and profile panels
// open, a message (here the UI size's) sits above the status line and
// off every panel's title, at every window and UI size.
func TestToastCoversNoPanelTitle(t *testing.T) {
	atEverySize(t, func(g *Game, where string) {
		r, _, ok := g.messageBox()
		if !ok {
			t.Fatalf("%s: no message after a UI size change", where)
		}
		if r.Bottom() > float64(g.h-g.statusHeight()) {
			t.Errorf("%s: the message %+v runs onto the status line", where, r)
		}
		for name, b := range openPanels(g) {
			title := scene.Rect{X: b.x, Y: b.y, W: b.w, H: g.ui(30)}
			if r.Overlaps(title) {
				t.Errorf("%s: the message %+v covers the %s panel's title %+v", where, r, name, title)
			}
		}
	})
}
